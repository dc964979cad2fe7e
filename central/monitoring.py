"""Heartbeats from terminals, and the small monitoring page listing them and their health."""

from __future__ import annotations

import html
import json
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, Field

from central.audit_trail import MAX_BATCH, AuditEntry, AuditSummary, AuditTrail
from central.auth import Terminal, now_utc
from central.json_types import JsonInt, Timestamp
from central.storage import PlatformDB

STALE_AFTER = timedelta(minutes=3)
SKEW_WARNING_S = 120.0


class PaperState(StrEnum):
    """The receipt printer's paper."""

    OK = "ok"
    NEAR_END = "near_end"
    OUT = "out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"  # the printer reports itself offline (not the terminal)
    UNKNOWN = "unknown"


# Printer states that need someone at the terminal.
PRINTER_ATTENTION = frozenset({"out", "near_end", "cover_open", "offline"})


class Heartbeat(BaseModel):
    """What a terminal reports about itself (no personal data)."""

    terminal_time: Timestamp
    devices: dict[Annotated[str, Field(max_length=64)], Annotated[str, Field(max_length=64)]] = (
        Field(default_factory=dict, max_length=32)
    )
    printer_paper: PaperState = PaperState.UNKNOWN
    printer_checked_at: Timestamp | None = Field(
        default=None, description="when the kiosk last saw that printer status"
    )
    queue_depth: Annotated[JsonInt, Field(ge=0)] = 0
    quarantined: Annotated[JsonInt, Field(ge=0)] = 0
    versions: dict[Annotated[str, Field(max_length=64)], Annotated[str, Field(max_length=64)]] = (
        Field(default_factory=dict, max_length=16)
    )
    # Audit entries after the last one the platform acknowledged (audit_seq), oldest first.
    audit: list[AuditEntry] = Field(default_factory=list, max_length=MAX_BATCH)


class HeartbeatAck(BaseModel):
    """The platform's answer: its clock, the terminal's measured skew, the audit seq it holds."""

    received_at: datetime
    clock_skew_s: float
    audit_seq: int = 0


class Monitoring:
    """Stores the last heartbeat of each terminal and renders the monitoring page."""

    def __init__(self, db: PlatformDB) -> None:
        self._db = db
        self.audit = AuditTrail(db)

    def record(self, terminal: Terminal, beat: Heartbeat) -> HeartbeatAck:
        """Keep this heartbeat as the terminal's latest."""
        now = now_utc()
        skew = (beat.terminal_time - now).total_seconds()
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO heartbeats (client_id, terminal_id, received_at, clock_skew_s, body)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (client_id) DO UPDATE SET"
                " terminal_id = excluded.terminal_id, received_at = excluded.received_at,"
                " clock_skew_s = excluded.clock_skew_s, body = excluded.body",
                (
                    terminal.client_id,
                    terminal.terminal_id,
                    now.isoformat(),
                    skew,
                    beat.model_dump_json(exclude={"audit"}),
                ),
            )
        audit_seq = self.audit.receive(terminal.client_id, beat.audit)
        return HeartbeatAck(received_at=now, clock_skew_s=skew, audit_seq=audit_seq)

    def page(self) -> str:
        """The monitoring page (HTML): one row per enrolled terminal."""
        with self._db.transaction() as conn:
            rows = conn.execute(
                "SELECT t.terminal_id, t.client_id, t.revoked_at, h.received_at, h.clock_skew_s,"
                " h.body FROM terminals t LEFT JOIN heartbeats h USING (client_id)"
                " ORDER BY t.terminal_id"
            ).fetchall()
        now = now_utc()
        lines = []
        for terminal_id, client_id, revoked, received, skew, body in rows:
            beat = json.loads(body) if body else {}
            trail = self.audit.summary(client_id)
            if revoked:
                health = "revoked"
            elif received is None:
                health = "never seen"
            elif now - datetime.fromisoformat(received) > STALE_AFTER:
                health = "offline"
            elif (
                abs(skew) > SKEW_WARNING_S
                or beat.get("printer_paper") in PRINTER_ATTENTION
                or trail.problems
            ):
                health = "attention"
            else:
                health = "ok"
            cells = [
                terminal_id,
                client_id,
                health,
                received or "",
                f"{skew:+.0f} s" if skew is not None else "",
                str(beat.get("queue_depth", "")),
                str(beat.get("quarantined", "")),
                str(beat.get("printer_paper", ""))
                + (f" ({beat['printer_checked_at']})" if beat.get("printer_checked_at") else ""),
                ", ".join(f"{k}: {v}" for k, v in beat.get("devices", {}).items()),
                _audit_cell(trail),
            ]
            tds = "".join(f"<td>{html.escape(c)}</td>" for c in cells)
            lines.append(f'<tr class="{html.escape(health)}">{tds}</tr>')
        head = "".join(
            f"<th>{h}</th>"
            for h in (
                "terminal",
                "client",
                "health",
                "last heartbeat",
                "clock skew",
                "queue",
                "quarantined",
                "printer",
                "devices",
                "audit",
            )
        )
        return (
            '<!doctype html><html lang="zh"><head><meta charset="utf-8">'
            '<meta http-equiv="refresh" content="10"><title>OneWindow terminals</title>'
            "<style>body{font-family:sans-serif}td,th{padding:4px 8px;border-bottom:1px solid #ccc}"
            ".offline,.revoked{color:#a00}.attention{color:#a60}</style></head><body>"
            f"<h1>Terminals ({len(rows)})</h1><table><tr>{head}</tr>{''.join(lines)}</table>"
            "</body></html>"
        )


def _audit_cell(trail: AuditSummary) -> str:
    """ "12 entries, last #12 … ; 1 problem(s), last: …" for the monitoring page."""
    if trail.entries == 0:
        return "none"
    text = f"{trail.entries} entries, last #{trail.last_seq} {trail.last_entry}"
    if trail.problems:
        text += f"; {trail.problems} problem(s), last: {trail.last_problem}"
    return text
