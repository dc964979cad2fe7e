"""The audit trail rides on heartbeats to the reference platform, which checks the chain."""

from __future__ import annotations

import json
import ssl
import urllib.request

from kiosk.audit import AuditEntry, AuditKind, canonical_json, entry_hash, open_audit_log
from kiosk.technician_auth import TechnicianGate, hash_pin
from tests.fixtures.platform import RunningPlatform
from tests.fixtures.sync import SyncTerminal


def _trail(platform: RunningPlatform, client_id: str) -> dict:
    return dict(platform.admin.call("GET", f"terminals/{client_id}/audit"))


def _monitor(platform: RunningPlatform) -> str:
    context = ssl.create_default_context(cafile=str(platform.ca_file))
    with urllib.request.urlopen(f"{platform.base_url}/monitor", context=context) as page:
        return page.read().decode()


def test_entries_arrive_with_heartbeats_chain_checked_and_shown(
    sync_terminal: SyncTerminal, tls_platform: RunningPlatform
) -> None:
    log = open_audit_log(sync_terminal.settings)
    log.record(AuditKind.TECHNICIAN, "enter", actor="TECH-0042", details={"method": "staff_card"})
    log.record(AuditKind.CONFIG, "config set", actor="TECH-0042", details={"keys": "ui.fullscreen"})
    local = log.entries()  # enrollment wrote the first entry
    sync_terminal.new_engine().cycle()  # the first pass always sends a heartbeat
    trail = _trail(tls_platform, sync_terminal.client_id)
    assert [e["hash"] for e in trail["entries"]] == [e.hash for e in local]
    assert trail["problems"] == []
    page = _monitor(tls_platform)
    assert f"{len(local)} entries, last #{len(local)}" in page
    assert "config/config set by TECH-0042" in page

    # Later entries follow on the next heartbeat; the ones already held are not sent again.
    log.record(AuditKind.TECHNICIAN, "leave", actor="TECH-0042")
    engine = sync_terminal.new_engine(versions={})
    engine.cycle()
    assert len(_trail(tls_platform, sync_terminal.client_id)["entries"]) == len(local) + 1


def test_a_rewritten_entry_already_held_is_reported(
    sync_terminal: SyncTerminal, tls_platform: RunningPlatform
) -> None:
    log = open_audit_log(sync_terminal.settings)
    for action in ("enter", "leave"):
        log.record(AuditKind.TECHNICIAN, action, actor="technician")
    sync_terminal.new_engine().cycle()
    # Someone rewrites history on the terminal, hashes included (so the local chain of hashes
    # only breaks at the next link), and a restarted sync service pushes from the start again.
    lines = log.path.read_text(encoding="utf-8").splitlines()
    raw = json.loads(lines[1])
    raw["actor"] = "nobody"
    forged = AuditEntry.from_dict({**raw, "hash": ""})
    lines[1] = canonical_json({**raw, "hash": entry_hash(forged)}).decode()
    log.path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sync_terminal.new_engine().cycle()
    problems = _trail(tls_platform, sync_terminal.client_id)["problems"]
    assert problems == ["seq 2: differs from the copy already held (history rewritten)"]
    assert "1 problem(s)" in _monitor(tls_platform)


def test_a_locked_technician_entry_is_reported_with_its_audit_entry(
    sync_terminal: SyncTerminal, tls_platform: RunningPlatform
) -> None:
    gate = TechnicianGate(hash_pin("80246813"), sync_terminal.settings.storage.data_dir)
    for _ in range(5):
        gate.attempt("13579246")
    sync_terminal.new_engine().cycle()
    page = _monitor(tls_platform)
    assert "technician_entry: locked" in page
    actions = [e["action"] for e in _trail(tls_platform, sync_terminal.client_id)["entries"]]
    assert actions[-2:] == ["refused", "locked"]
