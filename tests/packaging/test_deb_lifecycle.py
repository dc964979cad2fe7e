"""The package on a terminal: install, check, upgrade with a queued application, remove, purge.

The tests run in file order against one installation (each states what it expects to find):
installing a ~1 GB package takes tens of seconds, so it is done once, then upgraded, removed
and purged, as on a real terminal.
"""

from __future__ import annotations

import grp
import json
import pwd
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.packaging.conftest import (
    PACKAGE,
    ROOT,
    Debs,
    apt_install,
    apt_remove,
    as_kiosk,
    installed_version,
    kiosk_user,
    package_status,
    purge_if_present,
    run,
)

# The first packaging test also pays for the build (1-3 minutes).
pytestmark = [pytest.mark.packaging, pytest.mark.timeout(900)]

CONF = Path("/etc/onewindow-kiosk")
DATA = Path("/var/lib/onewindow-kiosk")
LOGS = Path("/var/log/onewindow-kiosk")
KEY = CONF / "storage.key"
SECRETS = CONF / "secrets.toml"
SETTINGS = CONF / "kiosk.toml"
VENV = Path("/opt/onewindow-kiosk")
UNITS = ("onewindow-kiosk.service", "onewindow-kiosk-sync.service")
UNIT_DIR = Path("/lib/systemd/system")
KIOSK_PYTHON = str(VENV / "bin" / "python")

# Run as the kiosk user with the installed interpreter: queue one application the way
# finalize does (sealed with the vault key, one outbox transaction), print its id and receipt.
QUEUE_ONE = """
import json, sys, uuid
from datetime import datetime, UTC
from config.loader import load_settings
from kiosk.receipt_number import format_receipt_number, local_day
from offline_cache.outbox import NewApplication
from offline_cache.store import OfflineStore
from offline_cache.vault import RecordKind
settings = load_settings(sys.argv[1])
store = OfflineStore.open(settings.storage)
app_id = str(uuid.uuid4())
now = datetime.now(UTC)
sealed = store.vault.seal(app_id, RecordKind.APPLICATION, b'{"form": "person-general"}')
new = NewApplication(app_id, "510700-TEST-0001", "person-general", 1, sealed, ())
receipt = store.outbox.insert_finalized(
    new, settings.terminal.id, now, local_day(now), format_receipt_number)
store.close()
print(json.dumps({"application_id": app_id, "receipt": receipt}))
"""

# Read it back as the kiosk user: state, receipt, and the payload decrypted with the key.
READ_ONE = """
import json, sys
from config.loader import load_settings
from offline_cache.store import OfflineStore
from offline_cache.vault import RecordKind
settings = load_settings(sys.argv[1])
store = OfflineStore.open(settings.storage)
record = store.outbox.get(sys.argv[2])
payload = store.vault.unseal(sys.argv[2], RecordKind.APPLICATION,
                             store.outbox.sealed_payload(sys.argv[2]))
store.close()
print(json.dumps({"state": record.state.value, "receipt": record.receipt_number,
                  "payload": payload.decode()}))
"""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def owner(path: Path) -> tuple[str, str]:
    info = path.stat()
    return pwd.getpwuid(info.st_uid).pw_name, grp.getgrgid(info.st_gid).gr_name


@pytest.fixture(scope="module")
def installed(debs: Debs) -> Iterator[Debs]:
    """The first build, freshly installed with apt-get; purged again at the end."""
    purge_if_present()
    apt_install(debs.first)
    yield debs
    purge_if_present()


def test_install_creates_an_unprivileged_kiosk_user_without_login(installed: Debs) -> None:
    user = kiosk_user()
    assert user is not None
    assert user.pw_uid < 1000, "a system user"
    assert user.pw_shell == "/usr/sbin/nologin"
    groups = {g.gr_name for g in grp.getgrall() if "kiosk" in g.gr_mem}
    # Serial ID readers and cameras, through Debian's own device groups.
    assert {"dialout", "video"} <= groups
    assert "sudo" not in groups and "root" not in groups


def test_install_lays_out_private_config_data_and_key(installed: Debs) -> None:
    assert owner(CONF) == ("root", "kiosk") and mode(CONF) == 0o770
    assert SETTINGS.read_text() == (ROOT / "config/profiles/hall.toml").read_text()
    assert owner(SECRETS) == ("kiosk", "kiosk") and mode(SECRETS) == 0o600
    assert owner(KEY) == ("kiosk", "kiosk") and mode(KEY) == 0o600
    assert KEY.stat().st_size == 32
    assert owner(DATA) == ("kiosk", "kiosk") and mode(DATA) == 0o700
    assert owner(LOGS)[0] == "kiosk" and mode(LOGS) & 0o007 == 0
    conffiles = run(["dpkg-query", "-W", "-f=${Conffiles}", PACKAGE]).stdout
    for path in (
        SETTINGS,
        Path("/etc/pam.d/onewindow-kiosk"),
        Path("/etc/logrotate.d/onewindow-kiosk"),
    ):
        assert f" {path} " in conffiles


def test_the_venv_runs_on_debians_python_from_its_final_path(installed: Debs) -> None:
    assert (VENV / "bin" / "python").resolve() == Path("/usr/bin/python3.11")
    for script in (VENV / "bin").iterdir():
        if script.is_file() and not script.is_symlink():
            assert "/stage/" not in script.read_text(errors="replace"), script
    version = run(["kiosk", "version"]).stdout
    assert version.startswith(f"onewindow-kiosk {installed.first_version}")
    assert "Python 3.11" in version


def test_units_udev_rules_and_lockdown_are_installed_and_enabled(installed: Debs) -> None:
    for unit in UNITS:
        assert (UNIT_DIR / unit).is_file()
        wanted = Path("/etc/systemd/system/multi-user.target.wants") / unit
        assert wanted.is_symlink() and wanted.resolve() == (UNIT_DIR / unit).resolve()
    assert Path("/lib/udev/rules.d/70-onewindow-kiosk.rules").is_file()
    logind = Path("/usr/lib/systemd/logind.conf.d/onewindow-kiosk.conf").read_text()
    for setting in ("NAutoVTs=0", "ReserveVT=0", "HandlePowerKey=ignore", "IdleAction=ignore"):
        assert setting in logind.splitlines()
    session = (UNIT_DIR / "onewindow-kiosk.service").read_text()
    assert "ExecStart=/usr/bin/cage -d -- " in session and " -s " not in session  # no VT switching


def test_every_unit_passes_systemd_analyze_verify(installed: Debs, tmp_path: Path) -> None:
    units = [str(UNIT_DIR / unit) for unit in UNITS]
    result = run(["systemd-analyze", "verify", *units], check=False)
    ours = [line for line in result.stderr.splitlines() if "onewindow" in line]
    assert result.returncode == 0 and not ours, result.stderr
    # The same check does see a broken unit, even without a running systemd.
    broken = tmp_path / "broken.service"
    text = (UNIT_DIR / UNITS[0]).read_text()
    broken.write_text(text.replace("ProtectSystem=strict", "ProtectSystem=strictly"))
    result = run(["systemd-analyze", "verify", str(broken)], check=False)
    assert "Failed to parse protect system value" in result.stderr


def test_udev_reads_the_device_rules_without_complaint(installed: Debs) -> None:
    # A tty event walks every rule of ours (the USB branch is skipped, the tty one evaluated).
    result = run(["udevadm", "test", "--action=add", "/sys/class/tty/ptmx"], check=False)
    log = result.stdout + result.stderr
    assert "70-onewindow-kiosk.rules" in log, "udev did not read the rules"
    complaints = [line for line in log.splitlines() if "70-onewindow-kiosk.rules:" in line]
    assert not complaints, "\n".join(complaints)


def test_units_carry_the_hardening_settings(installed: Debs) -> None:
    # `systemd-analyze security` needs a running systemd; the settings themselves are checked.
    sync = (UNIT_DIR / "onewindow-kiosk-sync.service").read_text().splitlines()
    session = (UNIT_DIR / "onewindow-kiosk.service").read_text().splitlines()
    for unit in (sync, session):
        for line in (
            "NoNewPrivileges=yes",
            "ProtectSystem=strict",
            "PrivateTmp=yes",
            "CapabilityBoundingSet=",
            "User=kiosk",
        ):
            assert line in unit
    assert "ProtectHome=yes" in sync and "PrivateDevices=yes" in sync
    assert "DevicePolicy=closed" in session and "WatchdogSec=30s" in session


def test_doctor_runs_as_the_kiosk_user_and_finds_key_and_secrets_private(installed: Debs) -> None:
    # The guide's step 2: the platform's CA where kiosk.toml expects it (any PEM bundle here).
    shutil.copy2("/etc/ssl/certs/ca-certificates.crt", CONF / "platform-ca.pem")
    result = as_kiosk("kiosk", "doctor", "--config", str(SETTINGS), "--json", check=False)
    # Devices and the platform are absent on a CI machine: those lines fail, the rest must not.
    assert result.returncode in (0, 1), result.stderr
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    assert rows["key file"]["ok"] is True, rows["key file"]
    assert rows["secrets file"]["ok"] is True, rows["secrets file"]
    assert rows["Chinese fonts"]["ok"] is True, rows["Chinese fonts"]
    assert rows["disk space"]["ok"] is True


def test_the_kiosk_user_changes_and_rolls_back_the_installed_settings(installed: Debs) -> None:
    # The technician's Settings page runs as the kiosk user: /etc/onewindow-kiosk is
    # root:kiosk 0770, so the temp file + rename of the config store works there.
    original = SETTINGS.read_bytes()
    as_kiosk("kiosk", "config", "set", "session.idle_timeout_s=120", "--config", str(SETTINGS))
    assert "idle_timeout_s = 120" in SETTINGS.read_text()
    as_kiosk("kiosk", "config", "rollback", "--config", str(SETTINGS))
    assert SETTINGS.read_bytes() == original  # dpkg still sees the conffile unchanged


def test_installed_kiosk_renders_its_screens_as_the_kiosk_user(installed: Debs) -> None:
    # Every import of the Qt front end resolves inside the package's venv: a dependency the
    # code uses but pyproject.toml does not declare fails here, not on a terminal.
    shot = Path("/var/cache/onewindow-kiosk/attract.png")
    as_kiosk(
        "env",
        "QT_QPA_PLATFORM=offscreen",
        "HOME=/var/cache/onewindow-kiosk",
        "XDG_CACHE_HOME=/var/cache/onewindow-kiosk",
        "kiosk",
        "screenshot",
        "--screen",
        "attract",
        "--lang",
        "zh",
        "--profile",
        "demo",
        str(shot),
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_upgrade_keeps_config_key_credentials_and_the_queued_application(installed: Debs) -> None:
    assert installed_version() == installed.first_version
    queued = json.loads(as_kiosk(KIOSK_PYTHON, "-I", "-c", QUEUE_ONE, str(SETTINGS)).stdout)
    key_before = KEY.read_bytes()
    SECRETS.write_text('platform_client_id = "MY-ZWZX-001"\n')  # as enrollment would
    edited = SETTINGS.read_text().replace('id = "MY-ZWZX-001"', 'id = "MY-ZWZX-042"')
    SETTINGS.write_text(edited)

    apt_install(installed.second)

    assert installed_version() == installed.second_version
    assert SETTINGS.read_text() == edited, "a changed conffile is kept"
    assert KEY.read_bytes() == key_before
    assert SECRETS.read_text() == 'platform_client_id = "MY-ZWZX-001"\n'
    assert owner(SECRETS) == ("kiosk", "kiosk") and mode(SECRETS) == 0o600
    found = json.loads(
        as_kiosk(KIOSK_PYTHON, "-I", "-c", READ_ONE, str(SETTINGS), queued["application_id"]).stdout
    )
    assert found == {
        "state": "finalized",
        "receipt": queued["receipt"],
        "payload": '{"form": "person-general"}',
    }


def test_remove_keeps_config_data_key_and_queue(installed: Debs) -> None:
    assert package_status() == "installed"
    queue_files = sorted(p.name for p in DATA.iterdir())
    assert queue_files, "the upgrade test left a queued application"

    apt_remove(purge=False)

    assert package_status() == "config-files"
    assert not VENV.exists()
    assert sorted(p.name for p in DATA.iterdir()) == queue_files
    assert KEY.is_file() and SECRETS.is_file() and SETTINGS.is_file()
    assert kiosk_user() is not None
    for unit in UNITS:  # masked until reinstalled, so nothing starts a half-removed kiosk
        assert Path("/etc/systemd/system", unit).is_symlink()


def test_purge_deletes_config_data_key_logs_and_the_user(installed: Debs) -> None:
    assert package_status() == "config-files"

    apt_remove(purge=True)

    assert package_status() == ""
    for path in (CONF, DATA, LOGS, Path("/var/cache/onewindow-kiosk"), VENV):
        assert not path.exists(), path
    assert kiosk_user() is None
    for unit in UNITS:
        assert not Path("/etc/systemd/system", unit).exists()
        assert not Path("/etc/systemd/system/multi-user.target.wants", unit).exists()
