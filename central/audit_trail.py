"""The platform's copy of each terminal's audit log, pushed with its heartbeats.

Entries arrive in seq order; each is checked on its own (its hash over the canonical JSON of the
entry without ``hash``) and against the copy held (it must chain to the last stored entry). An
entry already held must be byte-for-byte the same. Problems (an edited entry, a gap, a broken
link, a rewritten history) are stored and shown on the monitoring page; the entries are stored
anyway, so one bad line never stops the rest of the trail from arriving.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, Field

from central.auth import now_utc
from central.storage import PlatformDB

GENESIS_HASH = "0" * 64
MAX_BATCH = 500
Sha256Hex = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
_Text = Annotated[str, Field(max_length=512)]

_TABLES = (
    "CREATE TABLE IF NOT EXISTS audit_entries ("
    " client_id TEXT NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL,"
    " body TEXT NOT NULL, received_at TEXT NOT NULL, PRIMARY KEY (client_id, seq))",
    "CREATE TABLE IF NOT EXISTS audit_problems ("
    " client_id TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, problem TEXT NOT NULL)",
)


class AuditEntry(BaseModel):
    """One entry of a terminal's hash-chained audit log (no personal data by contract)."""

    seq: Annotated[int, Field(ge=1)]
    time: Annotated[str, Field(max_length=40)]
    kind: Annotated[str, Field(max_length=32)]
    action: Annotated[str, Field(max_length=512)]
    actor: Annotated[str, Field(max_length=512)]
    details: dict[Annotated[str, Field(max_length=512)], _Text] = Field(
        default_factory=dict, max_length=32
    )
    prev_hash: Sha256Hex
    hash: Sha256Hex


def entry_hash(entry: AuditEntry) -> str:
    """SHA-256 (hex) over the canonical JSON (sorted keys, no spaces, UTF-8) without ``hash``."""
    body: dict[str, Any] = entry.model_dump(exclude={"hash"})
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class AuditSummary:
    """What the monitoring page shows of one terminal's trail."""

    entries: int
    last_seq: int
    last_entry: str
    problems: int
    last_problem: str


class AuditTrail:
    """Stores and checks the audit entries terminals push."""

    def __init__(self, db: PlatformDB) -> None:
        self._db = db
        with db.transaction() as conn:
            for statement in _TABLES:
                conn.execute(statement)

    def receive(self, client_id: str, entries: list[AuditEntry]) -> int:
        """Check and keep ``entries``; returns the highest seq now held for the terminal."""
        now = now_utc().isoformat()
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT seq, hash FROM audit_entries WHERE client_id = ? ORDER BY seq DESC LIMIT 1",
                (client_id,),
            ).fetchone()
            last_seq, last_hash = (row[0], row[1]) if row else (0, GENESIS_HASH)
            for entry in sorted(entries, key=lambda e: e.seq):
                problems = []
                if entry_hash(entry) != entry.hash:
                    problems.append("entry does not match its hash (edited)")
                if entry.seq <= last_seq:
                    held = conn.execute(
                        "SELECT hash FROM audit_entries WHERE client_id = ? AND seq = ?",
                        (client_id, entry.seq),
                    ).fetchone()
                    if held is not None and held[0] == entry.hash:
                        continue  # already held: a repeat after a lost acknowledgement
                    if held is not None:
                        problems.append("differs from the copy already held (history rewritten)")
                        _problems(conn, client_id, entry.seq, now, problems)
                        continue
                elif entry.seq > last_seq + 1:
                    problems.append(f"seq {last_seq + 1} to {entry.seq - 1} never arrived (gap)")
                elif entry.prev_hash != last_hash:
                    problems.append("does not chain to the last entry held")
                _problems(conn, client_id, entry.seq, now, problems)
                conn.execute(
                    "INSERT OR IGNORE INTO audit_entries (client_id, seq, hash, body,"
                    " received_at) VALUES (?, ?, ?, ?, ?)",
                    (client_id, entry.seq, entry.hash, entry.model_dump_json(), now),
                )
                if entry.seq > last_seq:
                    last_seq, last_hash = entry.seq, entry.hash
        return last_seq

    def summary(self, client_id: str) -> AuditSummary:
        """Count, last entry and problems of one terminal's trail."""
        with self._db.transaction() as conn:
            count, last_seq = conn.execute(
                "SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM audit_entries WHERE client_id = ?",
                (client_id,),
            ).fetchone()
            last = conn.execute(
                "SELECT body FROM audit_entries WHERE client_id = ? AND seq = ?",
                (client_id, last_seq),
            ).fetchone()
            problems = conn.execute(
                "SELECT COUNT(*) FROM audit_problems WHERE client_id = ?", (client_id,)
            ).fetchone()[0]
            last_problem = conn.execute(
                "SELECT seq, problem FROM audit_problems WHERE client_id = ?"
                " ORDER BY rowid DESC LIMIT 1",
                (client_id,),
            ).fetchone()
        described = ""
        if last is not None:
            entry = json.loads(last[0])
            described = f"{entry['time']} {entry['kind']}/{entry['action']} by {entry['actor']}"
        return AuditSummary(
            entries=count,
            last_seq=last_seq,
            last_entry=described,
            problems=problems,
            last_problem=f"seq {last_problem[0]}: {last_problem[1]}" if last_problem else "",
        )

    def problems(self, client_id: str) -> list[str]:
        """Every problem found in the terminal's trail, oldest first ("seq N: what")."""
        with self._db.transaction() as conn:
            rows = conn.execute(
                "SELECT seq, problem FROM audit_problems WHERE client_id = ? ORDER BY rowid",
                (client_id,),
            ).fetchall()
        return [f"seq {seq}: {problem}" for seq, problem in rows]

    def entries(self, client_id: str) -> list[AuditEntry]:
        """Every entry held for the terminal, in seq order."""
        with self._db.transaction() as conn:
            rows = conn.execute(
                "SELECT body FROM audit_entries WHERE client_id = ? ORDER BY seq",
                (client_id,),
            ).fetchall()
        return [AuditEntry.model_validate_json(row[0]) for row in rows]


def _problems(conn: Any, client_id: str, seq: int, at: str, problems: list[str]) -> None:
    for problem in problems:
        conn.execute(
            "INSERT INTO audit_problems (client_id, seq, at, problem) VALUES (?, ?, ?, ?)",
            (client_id, seq, at, problem),
        )
