"""Sync events into the terminal's audit log (kiosk/audit.py) as SYNC entries.

The engine reports drains (counts), quarantines (application id and the platform's code),
refused credentials, and catalog updates; details are ids, codes and counts, never personal
data. A failing audit log is logged and never stops the sync (the engine guards the call).
"""

from __future__ import annotations

from collections.abc import Mapping

from config.schema import KioskSettings
from kiosk.audit import AuditKind, AuditLog, open_audit_log
from kiosk.sync.engine import SyncEvents


def audit_sink(log: AuditLog) -> SyncEvents:
    """Events of the engine → ``log`` entries of kind SYNC, actor "terminal"."""

    def record(action: str, details: Mapping[str, str]) -> None:
        log.record(AuditKind.SYNC, action, actor="terminal", details=details)

    return record


def sync_audit_events(settings: KioskSettings) -> SyncEvents:
    """The sink writing to the audit log of this terminal's data folder."""
    return audit_sink(open_audit_log(settings))


__all__ = ["audit_sink", "sync_audit_events"]
