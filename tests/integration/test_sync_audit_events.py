"""Sync events go to the terminal's hash-chained audit log: a drain's start and end with its
counts, a quarantined application (id and the platform's code), refused credentials (once,
not on every retry). Ids and counts only, never personal data."""

from __future__ import annotations

import threading

import pytest

from kiosk.audit import AuditKind, AuditLog
from kiosk.sync.audit_events import audit_sink
from tests.fixtures.platform import RunningPlatform
from tests.fixtures.sync import SyncTerminal, seed_applications

pytestmark = pytest.mark.stack


def test_a_drain_with_a_quarantine_is_in_the_audit_log(
    sync_terminal: SyncTerminal, tls_platform: RunningPlatform
) -> None:
    log = AuditLog(sync_terminal.settings.storage.data_dir)
    engine = sync_terminal.new_engine(events=audit_sink(log))
    tls_platform.admin.withdraw("510700-000-AUDITED", "事项已取消")
    refused = seed_applications(sync_terminal.store, 1, service_code="510700-000-AUDITED")
    seed_applications(sync_terminal.store, 2, attachments=1, size=5_000)

    engine.run(threading.Event(), until_empty=True, timeout_s=30)

    entries = [e for e in log.entries() if e.kind == AuditKind.SYNC]
    actions = [e.action for e in entries]
    assert actions == ["drain_started", "application_quarantined", "drain_finished"]
    assert entries[0].details == {"due": "3"}
    assert entries[1].details == {"application_id": refused[0], "code": "service_withdrawn"}
    assert entries[2].details == {"submitted": "2", "deferred": "0", "quarantined": "1"}
    assert all(e.actor == "terminal" for e in entries)
    assert log.verify().ok
    # An idle pass records nothing.
    engine.cycle()
    assert len([e for e in log.entries() if e.kind == AuditKind.SYNC]) == len(entries)


def test_refused_credentials_are_recorded_once(
    sync_terminal: SyncTerminal, tls_platform: RunningPlatform
) -> None:
    events: list[tuple[str, dict[str, str]]] = []
    engine = sync_terminal.new_engine(events=lambda a, d: events.append((a, dict(d))))
    seed_applications(sync_terminal.store, 1, attachments=1, size=1_000)
    tls_platform.admin.revoke(sync_terminal.client_id)
    # A second of retries with the fast test backoff: refused every time, recorded once.
    engine.run(threading.Event(), timeout_s=1.0)
    assert events == [("credentials_refused", {"code": "terminal_revoked"})]


def test_a_failing_audit_log_never_stops_the_sync(sync_terminal: SyncTerminal) -> None:
    def broken(action: str, details: object) -> None:
        raise OSError("disk full")

    engine = sync_terminal.new_engine(events=broken)
    seed_applications(sync_terminal.store, 1, attachments=1, size=1_000)
    assert engine.run(threading.Event(), until_empty=True, timeout_s=30).pending == 0
