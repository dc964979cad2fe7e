"""The diagnostics bundle: logs, settings without secrets, doctor, versions, disk, queue counts;
no personal data and no secret in it, written atomically to a file or a drive folder."""

from __future__ import annotations

import io
import json
import logging
import shutil
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import tomlkit
from pydantic import SecretStr

from config.loader import PROFILES_DIR, load_settings
from config.schema import KioskSettings
from config.secrets import Secrets, write_secrets
from kiosk.cli import main
from kiosk.diagnostics import (
    DiagnosticsError,
    export_bundle,
    redact_secrets,
    removable_drives,
)
from kiosk.logs import configure_logging
from kiosk.receipt_number import format_receipt_number, local_day
from kiosk.redaction import clear_session_values, register_session_values
from kiosk.uuid7 import uuid7
from offline_cache.outbox import NewApplication
from offline_cache.store import OfflineStore
from offline_cache.vault import RecordKind

CANARY_NAME = "犬鸮雀测"
CANARY_ID = "510703199001011237"
CANARY_PHONE = "13987650321"
CANARY_SECRET = "canary-client-secret-7f3a9c"
CANARY_PIN_HASH = "$argon2id$v=19$m=65536,t=3,p=4$canarysalt$canaryhash"


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[tuple[KioskSettings, Path]]:
    """A demo terminal in tmp_path: its settings file, a secrets file, logs, one application."""
    document = tomlkit.parse((PROFILES_DIR / "demo.toml").read_text(encoding="utf-8"))
    document["storage"]["data_dir"] = str(tmp_path / "data")  # type: ignore[index]
    document["storage"]["key_file"] = str(tmp_path / "keys" / "storage.key")  # type: ignore[index]
    document["storage"]["secrets_file"] = str(tmp_path / "keys" / "secrets.toml")  # type: ignore[index]
    document["logging"]["file"] = str(tmp_path / "logs" / "kiosk.log")  # type: ignore[index]
    document["platform"]["url"] = "http://127.0.0.1:9/"  # type: ignore[index]
    config_file = tmp_path / "kiosk.toml"
    config_file.write_text(tomlkit.dumps(document), encoding="utf-8")
    settings = load_settings(config_file, env={})
    write_secrets(
        settings.storage.secrets_file,
        Secrets(
            platform_client_id="MY-DEMO-001-client",
            platform_client_secret=SecretStr(CANARY_SECRET),
            technician_pin_hash=CANARY_PIN_HASH,
        ),
    )
    store = OfflineStore.open(settings.storage)
    now = datetime.now(UTC)
    application_id = str(uuid7())
    payload = {"identity": {"name": CANARY_NAME, "id_number": CANARY_ID, "phone": CANARY_PHONE}}
    sealed = store.vault.seal(application_id, RecordKind.APPLICATION, json.dumps(payload).encode())
    store.outbox.insert_finalized(
        NewApplication(application_id, "510700-000-XK-0001", "person-general", 1, sealed, ()),
        settings.terminal.id,
        now,
        local_day(now),
        format_receipt_number,
    )
    store.close()
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    configure_logging(settings.logging, stream=io.StringIO())
    register_session_values([CANARY_NAME])
    logging.getLogger("kiosk.test").warning(
        "resident %s with %s called from %s", CANARY_NAME, CANARY_ID, CANARY_PHONE
    )
    for handler in list(root.handlers):
        if handler not in saved_handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(saved_level)
    clear_session_values()
    # A line that reached the rotated log around the filter: the export masks it again.
    rotated = settings.logging.file.with_name("kiosk.log.1")  # type: ignore[union-attr]
    rotated.write_text(f'{{"msg": "leaked {CANARY_ID} {CANARY_PHONE}"}}\n', encoding="utf-8")
    yield settings, config_file


def _bundle_bytes(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}


def test_the_bundle_holds_logs_settings_doctor_versions_disk_and_queue_counts(
    terminal: tuple[KioskSettings, Path], tmp_path: Path
) -> None:
    settings, config_file = terminal
    result = export_bundle(settings, tmp_path / "bundle.zip", config_file=config_file)
    members = _bundle_bytes(result.path)
    assert set(members) == {
        "manifest.json",
        "settings.json",
        "config/kiosk.toml",
        "doctor.json",
        "versions.json",
        "disk.json",
        "queue.json",
        "audit.json",
        "logs/kiosk.log",
        "logs/kiosk.log.1",
    }
    assert json.loads(members["queue.json"]) == {"finalized": 1}
    assert json.loads(members["audit.json"])["ok"] is True
    assert json.loads(members["settings.json"])["terminal"]["id"] == "MY-DEMO-001"
    assert {"kiosk", "python", "pyudev"} <= set(json.loads(members["versions.json"]))
    assert "free_bytes" in json.loads(members["disk.json"])["data"]
    assert any(check["name"] for check in json.loads(members["doctor.json"]))
    assert b"[ID]" in members["logs/kiosk.log"] and b"[PII]" in members["logs/kiosk.log"]


def test_no_personal_data_and_no_secret_is_in_the_bundle(
    terminal: tuple[KioskSettings, Path], tmp_path: Path
) -> None:
    settings, config_file = terminal
    result = export_bundle(settings, tmp_path, config_file=config_file)
    everything = b"".join(_bundle_bytes(result.path).values())
    for canary in (CANARY_NAME, CANARY_ID, CANARY_PHONE, CANARY_SECRET, "canaryhash"):
        for encoded in (canary.encode(), json.dumps(canary).strip('"').encode()):
            assert encoded not in everything, canary
    assert not any("secrets" in name for name in _bundle_bytes(result.path))


def test_a_folder_target_gets_a_timestamped_name_and_no_temporary_is_left(
    terminal: tuple[KioskSettings, Path], tmp_path: Path
) -> None:
    settings, _ = terminal
    drive = tmp_path / "usb"
    drive.mkdir()
    result = export_bundle(settings, drive)
    assert result.path.parent == drive
    assert result.path.name.startswith("onewindow-diagnostics-MY-DEMO-001-")
    assert [p.name for p in drive.iterdir()] == [result.path.name]


def test_an_unwritable_target_is_reported_and_leaves_nothing(
    terminal: tuple[KioskSettings, Path], tmp_path: Path
) -> None:
    settings, _ = terminal
    with pytest.raises(DiagnosticsError, match="cannot write"):
        export_bundle(settings, tmp_path / "no-such-drive" / "bundle.zip")


def test_secret_looking_keys_and_url_passwords_are_redacted() -> None:
    cleaned = redact_secrets(
        {
            "platform": {"url": "https://kiosk:hunter2@platform.example/", "api_token": "t0k"},
            "platform_client_secret": "x",
            "storage": {"key_file": "/etc/onewindow-kiosk/storage.key"},
        }
    )
    assert cleaned == {
        "platform": {"url": "https://<redacted>@platform.example/", "api_token": "<redacted>"},
        "platform_client_secret": "<redacted>",
        "storage": {"key_file": "/etc/onewindow-kiosk/storage.key"},
    }


def test_removable_drives_are_the_mounts_under_media(tmp_path: Path) -> None:
    stick = tmp_path / "media" / "kiosk" / "KINGSTON USB"
    stick.mkdir(parents=True)
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "proc /proc proc rw 0 0\n"
        f"/dev/sda1 {tmp_path}/media/kiosk/KINGSTON\\040USB vfat rw 0 0\n"
        f"/dev/sdb1 {tmp_path}/elsewhere ext4 rw 0 0\n",
        encoding="utf-8",
    )
    [drive] = removable_drives(mounts, roots=(tmp_path / "media",))
    assert drive.mount_point == stick
    assert drive.label == "KINGSTON USB"
    assert drive.writable


def test_diagnostics_export_command_writes_the_bundle(
    terminal: tuple[KioskSettings, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, config_file = terminal
    drive = tmp_path / "drive"
    drive.mkdir()
    assert main(["diagnostics", "export", str(drive), "--config", str(config_file)]) == 0
    [bundle] = drive.iterdir()
    assert f"wrote {bundle}" in capsys.readouterr().out
    shutil.rmtree(drive)
