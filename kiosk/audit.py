"""The audit trail: an append-only, hash-chained JSON-lines log of who did what on this terminal.

Each line is one entry ``{seq, time, kind, action, actor, details, prev_hash, hash}``; ``hash``
is SHA-256 over the canonical JSON of the entry without ``hash`` (``prev_hash`` included), so an
edited, removed, reordered or cut entry breaks the chain and ``verify()`` names the first bad
line. Appends take an exclusive ``fcntl`` lock on the file and are fsynced, so the kiosk and the
sync service can both write. A small head file keeps the last seq and hash, so entries cut from
the end are noticed too; the platform's copy (pushed with the heartbeats) is the outside anchor.

Personal data never goes in: details and actor are checked with the log redaction patterns
(ID numbers, credit codes, phones, the current session's values). In production a value that
looks personal is stored masked (an audit call must never break the technician's action); with
``refuse_personal_data(True)`` — the test suite turns it on for every test — it raises
``PersonalDataInAudit``, so a caller that passes personal data fails its tests.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from config.schema import KioskSettings
from kiosk.redaction import redact

log = logging.getLogger(__name__)

AUDIT_FILE = "audit.jsonl"
HEAD_FILE = "audit.head.json"
GENESIS_HASH = "0" * 64
MAX_DETAILS = 32
MAX_TEXT = 512
_TAIL_BYTES = 64 * 1024  # larger than any entry (details are capped), so the tail holds the last

_refuse = False


class AuditKind(StrEnum):
    """What area an audit entry belongs to."""

    TECHNICIAN = "technician"
    STAFF = "staff"
    ENROLLMENT = "enrollment"
    CONFIG = "config"
    SYNC = "sync"
    QUEUE = "queue"
    AUDIT = "audit"  # the log's own events (a torn last line discarded after a power cut)


class AuditError(Exception):
    """The audit log cannot be written or read."""


class PersonalDataInAudit(AuditError, ValueError):
    """An audit detail looked like personal data (raised only when refusal is turned on)."""


def refuse_personal_data(refuse: bool) -> None:
    """Raise on personal-looking details (tests) instead of storing them masked (production)."""
    global _refuse
    _refuse = refuse


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log."""

    seq: int
    time: str
    kind: str
    action: str
    actor: str
    details: Mapping[str, str]
    prev_hash: str
    hash: str

    def as_dict(self) -> dict[str, Any]:
        """The JSON object stored on the line (and pushed to the platform)."""
        return {**_body(self), "hash": self.hash}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> AuditEntry:
        """Parse a stored line's object; raises ValueError/KeyError/TypeError on a bad shape."""
        details = raw["details"]
        if not isinstance(details, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in details.items()
        ):
            raise TypeError("details must map text to text")
        values = {name: raw[name] for name in ("time", "kind", "action", "actor", "prev_hash")}
        if not all(isinstance(v, str) for v in values.values()) or not isinstance(raw["hash"], str):
            raise TypeError("text fields must be text")
        seq = raw["seq"]
        if not isinstance(seq, int) or isinstance(seq, bool):
            raise TypeError("seq must be an integer")
        return cls(seq=seq, details=dict(details), hash=raw["hash"], **values)


def _body(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "time": entry.time,
        "kind": entry.kind,
        "action": entry.action,
        "actor": entry.actor,
        "details": dict(entry.details),
        "prev_hash": entry.prev_hash,
    }


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8: the bytes the hash is taken over."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_hash(entry: AuditEntry) -> str:
    """SHA-256 (hex) over the canonical JSON of the entry without its ``hash`` field."""
    return hashlib.sha256(canonical_json(_body(entry))).hexdigest()


@dataclass(frozen=True)
class AuditVerification:
    """The result of walking the chain: ok, one problem per bad line, and where it stands."""

    ok: bool
    problems: list[str] = field(default_factory=list)
    entries: int = 0
    last_seq: int = 0
    first_bad_line: int | None = None

    def as_dict(self) -> dict[str, Any]:
        """For ``kiosk audit verify --json``."""
        return {
            "ok": self.ok,
            "problems": self.problems,
            "entries": self.entries,
            "last_seq": self.last_seq,
            "first_bad_line": self.first_bad_line,
        }


def _clean(text: str, what: str) -> str:
    text = text[:MAX_TEXT]
    masked = redact(text)
    if masked != text:
        if _refuse:
            raise PersonalDataInAudit(f"audit {what} looks like personal data")
        log.warning("personal-looking audit %s stored masked", what)
    return masked


class AuditLog:
    """The audit log of one data folder; safe across threads and processes."""

    def __init__(self, data_dir: Path) -> None:
        self._path = data_dir / AUDIT_FILE
        self._head = data_dir / HEAD_FILE
        self._lock = threading.Lock()

    @property
    def path(self) -> Path:
        """The JSON-lines file."""
        return self._path

    def record(
        self,
        kind: AuditKind,
        action: str,
        actor: str = "terminal",
        details: Mapping[str, str] | None = None,
    ) -> AuditEntry:
        """Append one entry (fsynced, chained to the last) and return it."""
        items = list((details or {}).items())
        if len(items) > MAX_DETAILS:
            raise AuditError(f"at most {MAX_DETAILS} audit details")
        clean = {_clean(str(k), "detail name"): _clean(str(v), "detail") for k, v in items}
        actor = _clean(actor, "actor")
        action = _clean(action, "action")
        with self._lock, self._locked_file() as handle:
            seq, prev = self._tail(handle)
            entry = AuditEntry(
                seq=seq + 1,
                time=datetime.now(UTC).isoformat(timespec="milliseconds"),
                kind=str(kind),
                action=action,
                actor=actor,
                details=clean,
                prev_hash=prev,
                hash="",
            )
            entry = AuditEntry(**{**_body(entry), "hash": entry_hash(entry)})
            handle.write(canonical_json(entry.as_dict()) + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
            self._write_head(entry)
        return entry

    @contextlib.contextmanager
    def _locked_file(self) -> Iterator[Any]:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        created = not self._path.exists()
        with self._path.open("a+b") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                if created:
                    _fsync_dir(self._path.parent)
                yield handle
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _tail(self, handle: Any) -> tuple[int, str]:
        """The seq and hash to chain from; a torn last line (power cut mid-write) is cut off."""
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        start = max(0, size - _TAIL_BYTES)
        handle.seek(start)
        tail = handle.read()
        if tail and not tail.endswith(b"\n"):
            cut = tail.rfind(b"\n") + 1
            torn = len(tail) - cut
            handle.truncate(start + cut)
            handle.flush()
            os.fsync(handle.fileno())
            tail = tail[:cut]
            log.warning("audit log: a torn last line was discarded", extra={"bytes": torn})
            seq, prev = self._chain_point(tail)
            entry = AuditEntry(
                seq=seq + 1,
                time=datetime.now(UTC).isoformat(timespec="milliseconds"),
                kind=str(AuditKind.AUDIT),
                action="torn_line_discarded",
                actor="terminal",
                details={"bytes": str(torn)},
                prev_hash=prev,
                hash="",
            )
            entry = AuditEntry(**{**_body(entry), "hash": entry_hash(entry)})
            handle.write(canonical_json(entry.as_dict()) + b"\n")
            return entry.seq, entry.hash
        return self._chain_point(tail)

    def _chain_point(self, tail: bytes) -> tuple[int, str]:
        lines = tail.splitlines()
        last: tuple[int, str] = (0, GENESIS_HASH)
        if lines:
            try:
                raw = json.loads(lines[-1])
                last = (int(raw["seq"]), str(raw["hash"]))
            except (ValueError, KeyError, TypeError):
                log.error("audit log: last line unreadable; chaining from the head file")
        head = self._read_head()
        # Entries cut from the end: keep counting from the head, so verify() shows the gap.
        if head is not None and head[0] > last[0]:
            return head
        return last

    def _read_head(self) -> tuple[int, str] | None:
        try:
            raw = json.loads(self._head.read_text(encoding="utf-8"))
            return int(raw["seq"]), str(raw["hash"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            log.error("audit head file unreadable")
            return None

    def _write_head(self, entry: AuditEntry) -> None:
        fd, name = tempfile.mkstemp(prefix=f".{HEAD_FILE}.", dir=self._head.parent)
        temp = Path(name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({"seq": entry.seq, "hash": entry.hash}, handle)
                handle.flush()
                os.fsync(handle.fileno())
            temp.replace(self._head)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
            raise

    def _lines(self) -> list[bytes]:
        try:
            with self._path.open("rb") as handle:
                fcntl.flock(handle.fileno(), fcntl.LOCK_SH)
                try:
                    data = handle.read()
                finally:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        except FileNotFoundError:
            return []
        lines = data.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        elif lines:
            lines[-1] = lines[-1] + b"\x00torn"  # no final newline: surely not a whole entry
        return lines

    def entries(self) -> list[AuditEntry]:
        """Every readable entry in file order (unreadable lines are skipped; see verify())."""
        found = []
        for line in self._lines():
            with contextlib.suppress(ValueError, KeyError, TypeError):
                found.append(AuditEntry.from_dict(json.loads(line)))
        return found

    def entries_since(self, seq: int) -> list[AuditEntry]:
        """Entries with a seq greater than ``seq`` (what the platform has not acknowledged)."""
        return [entry for entry in self.entries() if entry.seq > seq]

    def verify(self) -> AuditVerification:
        """Walk the chain; each problem names its line (1-based) and what is wrong there."""
        problems: list[str] = []
        first_bad: int | None = None
        expected_seq, expected_prev = 1, GENESIS_HASH
        count = 0
        last_seq = 0

        def bad(number: int, text: str) -> None:
            nonlocal first_bad
            problems.append(f"line {number}: {text}")
            first_bad = number if first_bad is None else first_bad

        for number, line in enumerate(self._lines(), start=1):
            try:
                entry = AuditEntry.from_dict(json.loads(line))
            except (ValueError, KeyError, TypeError):
                bad(number, "not a readable entry (edited or cut short)")
                continue
            count += 1
            if entry_hash(entry) != entry.hash:
                bad(number, f"entry seq {entry.seq} does not match its hash (edited)")
            elif entry.seq != expected_seq:
                how = "entries removed" if entry.seq > expected_seq else "reordered or repeated"
                bad(number, f"seq {entry.seq} where {expected_seq} was expected ({how})")
            elif entry.prev_hash != expected_prev:
                bad(number, "does not chain to the line before (removed, reordered or edited)")
            # Carry on from this line, so one removal is one problem, not all the rest.
            expected_seq, expected_prev = entry.seq + 1, entry.hash
            last_seq = entry.seq
        head = self._read_head()
        if head is not None and head[0] > last_seq:
            bad(
                count + 1 if first_bad is None else first_bad,
                f"log ends at seq {last_seq} but seq {head[0]} was written (truncated)",
            )
        elif head is not None and head[0] == last_seq and head[1] != expected_prev:
            bad(count, "last entry differs from the one written (edited)")
        return AuditVerification(
            ok=not problems,
            problems=problems,
            entries=count,
            last_seq=last_seq,
            first_bad_line=first_bad,
        )


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_audit_log(settings: KioskSettings) -> AuditLog:
    """The audit log in this terminal's data folder."""
    return AuditLog(settings.storage.data_dir.expanduser())
