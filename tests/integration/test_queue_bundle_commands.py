"""`kiosk queue export PATH` and `kiosk queue import FILE` through real config files and the TLS
reference platform: what the technician reads, and the exit codes scripts rely on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from config.loader import load_settings
from kiosk.commands import queue
from offline_cache.store import OfflineStore
from tests.fixtures.platform import RunningPlatform
from tests.fixtures.sync import seed_applications
from tests.integration.test_sync_commands import enrolled_config, run

pytestmark = pytest.mark.stack


def test_export_then_import_twice_and_a_damaged_copy(
    tmp_path: Path, tls_platform: RunningPlatform, capsys: pytest.CaptureFixture[str]
) -> None:
    van = enrolled_config(tmp_path / "van", tls_platform, "MY-VAN-007")
    hall = enrolled_config(tmp_path / "hall", tls_platform, "MY-HALL-007")
    store = OfflineStore.open(load_settings(van).storage)
    try:
        seed_applications(store, 2, attachments=1, size=1500, terminal_id="MY-VAN-007")
    finally:
        store.close()
    drive = tmp_path / "usb"
    drive.mkdir()
    capsys.readouterr()

    assert run(["queue", "export", str(drive), "--config", str(van)]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["applications"] == 2 and Path(exported["path"]).parent == drive
    assert run(["queue", "import", exported["path"], "--config", str(hall)]) == 0
    assert json.loads(capsys.readouterr().out)["summary"] == "2 new, 0 already known"
    assert run(["queue", "import", exported["path"], "--config", str(hall)]) == 0
    assert json.loads(capsys.readouterr().out)["summary"] == "0 new, 2 already known"

    assert run(["queue", "list", "--config", str(hall)]) == 0
    assert capsys.readouterr().out.count("from MY-VAN-007") == 2
    assert run(["queue", "list", "--config", str(van)]) == 0
    assert capsys.readouterr().out.count("exported ") == 2

    damaged = tmp_path / "damaged.owq"
    data = bytearray(Path(exported["path"]).read_bytes())
    data[-40] ^= 0xFF
    damaged.write_bytes(bytes(data))
    assert run(["queue", "import", str(damaged), "--config", str(hall)]) == queue.EXIT_REFUSED
    assert "bundle refused (damaged)" in capsys.readouterr().err
    assert run(["queue", "export", exported["path"], "--config", str(van)]) == queue.EXIT_FAILED
    assert "exists already" in capsys.readouterr().err
