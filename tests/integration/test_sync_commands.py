"""The technician's commands: `kiosk enroll`, `kiosk sync --once`, `kiosk queue list|retry|
quarantine`, run headless against the TLS reference platform through a real config file."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from config.loader import load_settings, profile_path
from kiosk.commands import queue, sync
from offline_cache.store import OfflineStore
from tests.fixtures.platform import RunningPlatform
from tests.fixtures.sync import seed_applications

pytestmark = pytest.mark.stack


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk")
    sub = parser.add_subparsers()
    sync.register(sub)
    queue.register(sub)
    args = parser.parse_args(argv)
    return int(args.handler(args))


def config_for(tmp_path: Path, platform: RunningPlatform) -> Path:
    text = profile_path("demo").read_text(encoding="utf-8")
    text = re.sub(
        r'url = "[^"]*"\nstart_reference_server = true',
        f'url = "{platform.base_url}/"\nca_file = "{platform.ca_file}"\n'
        "start_reference_server = false",
        text,
    )
    text = text.replace("~/.local/share/onewindow-kiosk/demo", str(tmp_path))
    text += "\n[sync]\nbackoff_base_s = 0.05\nbackoff_cap_s = 0.5\nidle_poll_s = 0.2\n"
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def enrolled_config(root: Path, platform: RunningPlatform, terminal_id: str) -> Path:
    """The settings file of a terminal named ``terminal_id`` in ``root``, enrolled with the CLI."""
    root.mkdir()
    config = config_for(root, platform)
    text = config.read_text(encoding="utf-8").replace('id = "MY-DEMO-001"', f'id = "{terminal_id}"')
    config.write_text(text, encoding="utf-8")
    code = platform.admin.enrollment_code(terminal_id)
    assert run(["enroll", code, "--config", str(config)]) == 0
    return config


def test_enroll_sync_once_and_queue_commands(
    tmp_path: Path, tls_platform: RunningPlatform, capsys: pytest.CaptureFixture[str]
) -> None:
    config = config_for(tmp_path, tls_platform)
    settings = load_settings(config)
    assert run(["sync", "--once", "--config", str(config)]) == sync.EXIT_CREDENTIALS
    assert "not enrolled" in capsys.readouterr().err
    code = tls_platform.admin.enrollment_code(settings.terminal.id)
    assert run(["enroll", code, "--config", str(config)]) == 0
    client_id = json.loads(capsys.readouterr().out)["client_id"]
    assert run(["enroll", "--rotate", "--config", str(config)]) == 0
    capsys.readouterr()

    store = OfflineStore.open(settings.storage)
    try:
        keep, drop = seed_applications(store, 2, attachments=1, size=2000)
        receipt = store.outbox.get(drop).receipt_number
    finally:
        store.close()
    assert (
        run(["queue", "quarantine", receipt, "--reason", "duplicate", "--config", str(config)]) == 0
    )
    assert run(["queue", "retry", keep, "--config", str(config)]) == 0
    assert "next sync pass" in capsys.readouterr().out
    assert run(["sync", "--once", "--config", str(config)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["pending"] == 0 and report["quarantined"] == 1
    assert run(["queue", "list", "--json", "--config", str(config)]) == 0
    rows = {r["application_id"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows[keep]["state"] == "submitted" and rows[keep]["platform_number"]
    assert rows[drop]["state"] == "quarantined"
    assert rows[drop]["last_error"] == "set aside by a technician: duplicate"
    assert rows[keep]["total_bytes"] == 2000
    # A technician's retry puts the quarantined one back in the queue; it is sent once.
    assert run(["queue", "retry", drop, "--config", str(config)]) == 0
    assert "back in the queue" in capsys.readouterr().out
    assert run(["queue", "retry", keep, "--config", str(config)]) == 1
    assert "submitted" in capsys.readouterr().err
    assert run(["sync", "--once", "--config", str(config)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["pending"] == 0 and report["quarantined"] == 0

    tls_platform.admin.revoke(client_id)
    store = OfflineStore.open(settings.storage)
    try:
        seed_applications(store, 1, attachments=1, size=100)
    finally:
        store.close()
    assert run(["sync", "--once", "--config", str(config)]) == sync.EXIT_CREDENTIALS
    assert "terminal_revoked" in capsys.readouterr().err
