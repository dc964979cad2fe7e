"""packaging/INSTALL.md, the installation guide for a real terminal, works as written.

Every command of its ```sh blocks runs, in order, through a root shell, in a folder holding
the package and the platform's CA certificate, as a technician would type it. The platform is
the reference server over HTTPS on loopback, with its own CA. Three stand-ins, and only these:
the editor of step 2 sets `platform.url` to that server, `CODE` becomes a one-time code its
admin API issued, and `reboot` becomes a check that what a reboot starts is enabled (no
systemd runs here).
"""

from __future__ import annotations

import pwd
import re
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures.platform import RunningPlatform, make_tls_files, running_reference_platform
from tests.packaging.conftest import (
    ROOT,
    TECHNICIAN_ENV,
    Debs,
    installed_version,
    purge_if_present,
    run,
)

pytestmark = [pytest.mark.packaging, pytest.mark.timeout(900)]

GUIDE = ROOT / "packaging" / "INSTALL.md"
UNITS = ("onewindow-kiosk.service", "onewindow-kiosk-sync.service")
SETTINGS = Path("/etc/onewindow-kiosk/kiosk.toml")
TERMINAL_ID = "MY-ZWZX-001"  # the hall profile's, kept: the code is issued for it


def guide_commands() -> list[str]:
    """Each command line of the guide's ```sh blocks, in order."""
    blocks = re.findall(r"^```sh\n(.*?)^```", GUIDE.read_text(encoding="utf-8"), re.S | re.M)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


@pytest.fixture
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPlatform]:
    """The reference platform over HTTPS on loopback, with a CA of its own."""
    base = tmp_path_factory.mktemp("guide-platform")
    tls = make_tls_files(base / "tls")
    with running_reference_platform(base / "data", base, tls=tls) as running:
        yield running


@pytest.fixture
def technician_folder(debs: Debs, platform: RunningPlatform, tmp_path: Path) -> Iterator[Path]:
    """The package and the platform's CA as copied to the terminal; no package installed."""
    purge_if_present()
    shutil.copy2(debs.first, tmp_path / debs.first.name)
    assert platform.ca_file is not None
    shutil.copy2(platform.ca_file, tmp_path / "platform-ca.pem")
    yield tmp_path
    purge_if_present()


def edit_settings_as_step_2_says(platform: RunningPlatform) -> None:
    """What the technician does in the editor: point the terminal at its platform."""
    text = SETTINGS.read_text(encoding="utf-8")
    edited = re.sub(r'(?m)^url = ".*"$', f'url = "{platform.base_url}"', text, count=1)
    assert edited != text, "kiosk.toml has a platform url line to edit"
    SETTINGS.write_text(edited, encoding="utf-8")


def test_the_guide_names_install_check_enroll_and_start() -> None:
    commands = guide_commands()
    assert commands[0] == "apt-get update"
    assert commands[1].startswith("apt-get install -y ./onewindow-kiosk_")
    assert any(c.startswith("kiosk config check ") for c in commands)
    assert any(" kiosk enroll " in c and c.endswith(" CODE") for c in commands)
    assert commands[-1] == "reboot"


def test_following_the_guide_exactly_gives_an_enrolled_terminal_ready_to_boot(
    technician_folder: Path, debs: Debs, platform: RunningPlatform
) -> None:
    code = platform.admin.enrollment_code(TERMINAL_ID)
    for command in guide_commands():
        if command.startswith("cp platform-ca.pem "):
            edit_settings_as_step_2_says(platform)
        if command == "reboot":
            for unit in UNITS:
                wanted = Path("/etc/systemd/system/multi-user.target.wants") / unit
                assert wanted.is_symlink(), f"{unit} would not start at boot"
            continue
        typed = re.sub(r"\bCODE\b", code, command)
        result = run(
            ["/bin/sh", "-c", typed], check=False, env=TECHNICIAN_ENV, cwd=technician_folder
        )
        if " kiosk doctor " in command:
            # No devices on a CI machine: those lines fail; the platform and the terminal's
            # own files must not.
            assert result.returncode in (0, 1), result.stderr
            for name in ("platform", "clock", "key file", "secrets file", "Chinese fonts"):
                status = re.search(rf"^(\w+)\s+{re.escape(name)}\s", result.stdout, re.M)
                assert status is not None and status.group(1) == "OK", result.stdout
            continue
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    assert installed_version() == debs.first_version
    secrets = Path("/etc/onewindow-kiosk/secrets.toml")
    assert "platform_client_id" in secrets.read_text(), "enrollment wrote the credentials"
    info = secrets.stat()
    assert pwd.getpwuid(info.st_uid).pw_name == "kiosk" and stat.S_IMODE(info.st_mode) == 0o600
