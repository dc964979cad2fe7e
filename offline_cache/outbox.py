"""The application outbox: SQLite (WAL, synchronous=FULL), states that only move forward.

One row per finalized application: its ids, receipt number, state, and the application itself
sealed by the vault (``payload``). Attachment rows reference encrypted files in the vault.
Every write is one ``BEGIN IMMEDIATE`` transaction; states follow ``ALLOWED`` and nothing else:

    finalized → uploading → submitted → needs_more → accepted → completed | rejected → purged
    (submitted may go straight to any outcome; finalized/uploading/submitted → quarantined;
    the one move back, quarantined → finalized, is a technician's retry: ``release``)
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from offline_cache import migrations
from offline_cache.errors import (
    IllegalTransitionError,
    ReadOnlyStorageError,
    StorageUnavailableError,
    from_os_error,
    from_sqlite_error,
)

DATABASE_NAME = "outbox.sqlite3"


class ApplicationState(StrEnum):
    """Where an application stands; see ``ALLOWED`` for the moves."""

    FINALIZED = "finalized"
    UPLOADING = "uploading"
    SUBMITTED = "submitted"
    NEEDS_MORE = "needs_more"  # 补正: the platform asks for more materials
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    COMPLETED = "completed"
    QUARANTINED = "quarantined"  # refused permanently by the platform; never blocks others
    PURGED = "purged"


S = ApplicationState
ALLOWED: dict[ApplicationState, frozenset[ApplicationState]] = {
    S.FINALIZED: frozenset({S.UPLOADING, S.QUARANTINED}),
    S.UPLOADING: frozenset({S.SUBMITTED, S.QUARANTINED}),
    S.SUBMITTED: frozenset({S.NEEDS_MORE, S.ACCEPTED, S.REJECTED, S.COMPLETED, S.QUARANTINED}),
    S.NEEDS_MORE: frozenset({S.ACCEPTED, S.REJECTED, S.COMPLETED}),
    S.ACCEPTED: frozenset({S.REJECTED, S.COMPLETED}),
    S.REJECTED: frozenset({S.PURGED}),
    S.COMPLETED: frozenset({S.PURGED}),
    S.QUARANTINED: frozenset({S.PURGED}),
    S.PURGED: frozenset(),
}
# Outcomes the platform has confirmed: the retention clock runs from reaching one of them.
CONFIRMED_FINAL = frozenset({S.REJECTED, S.COMPLETED})


@dataclass(frozen=True)
class AttachmentRow:
    """One attachment of an application: the vault file and the material it belongs to."""

    attachment_id: str
    material_code: str
    pages: int
    size: int
    sha256: str | None


@dataclass(frozen=True)
class NewApplication:
    """What finalize writes: the sealed application and its attachment references."""

    application_id: str
    service_code: str
    form_id: str
    form_version: int
    sealed_payload: bytes
    attachments: tuple[AttachmentRow, ...]


@dataclass(frozen=True)
class ImportedApplication:
    """An application finalized on another terminal, brought here in a queue bundle."""

    application_id: str
    receipt_number: str
    origin_terminal_id: str
    service_code: str
    form_id: str
    form_version: int
    created_at: datetime
    sealed_payload: bytes
    attachments: tuple[AttachmentRow, ...]


@dataclass(frozen=True)
class OutboxRecord:
    """The non-secret columns of one application (what status tracking needs)."""

    application_id: str
    receipt_number: str
    service_code: str
    form_id: str
    form_version: int
    state: ApplicationState
    created_at: datetime
    updated_at: datetime
    platform_number: str | None
    outcome: ApplicationState | None
    pii_purged_at: datetime | None
    has_payload: bool


@dataclass(frozen=True)
class UploadProgress:
    """Where a resumable upload of one attachment stands (URL None: not created yet)."""

    upload_url: str | None
    offset: int


@dataclass(frozen=True)
class SyncInfo:
    """The sync engine's bookkeeping of one application: retries and the last error."""

    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None


@dataclass(frozen=True)
class PendingRating:
    """A resident's rating waiting to be sent (level and reason codes only)."""

    application_id: str
    level: str
    reasons: tuple[str, ...]
    created_at: datetime


ReceiptFormatter = Callable[[str, date, int], str]


class Outbox:
    """The outbox database of one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / DATABASE_NAME
        try:
            data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            raise from_os_error(error, data_dir) from error
        with self._errors():
            self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=10.0)
            try:
                mode = self._conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                if mode != "wal":
                    raise ReadOnlyStorageError(f"cannot switch {self.path} to WAL (got {mode})")
                self._conn.execute("PRAGMA synchronous=FULL")
                self._conn.execute("PRAGMA foreign_keys=ON")
                migrations.migrate(self._conn, self.path)
            except BaseException:
                self._conn.close()
                raise

    @staticmethod
    def exists_in(data_dir: Path) -> bool:
        """True when the data folder already holds an outbox (so the key must exist too)."""
        return (data_dir / DATABASE_NAME).exists()

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed by SQLite)."""
        self._conn.close()

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as error:
            typed = from_sqlite_error(error, self.path)
            if typed is None:
                raise
            raise typed from error

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._errors():
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    def insert_finalized(
        self,
        new: NewApplication,
        terminal_id: str,
        now: datetime,
        local_day: date,
        receipt_number: ReceiptFormatter,
    ) -> str:
        """Write the application, its attachments and the next receipt number in one transaction."""
        stamp = now.isoformat()
        with self._transaction() as conn:
            row = conn.execute(
                "INSERT INTO receipt_sequences (terminal_id, day, last) VALUES (?, ?, 1) "
                "ON CONFLICT (terminal_id, day) DO UPDATE SET last = last + 1 RETURNING last",
                (terminal_id, local_day.isoformat()),
            ).fetchone()
            receipt = receipt_number(terminal_id, local_day, int(row[0]))
            conn.execute(
                "INSERT INTO applications (application_id, receipt_number, service_code, form_id,"
                " form_version, state, created_at, updated_at, payload)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    new.application_id,
                    receipt,
                    new.service_code,
                    new.form_id,
                    new.form_version,
                    S.FINALIZED.value,
                    stamp,
                    stamp,
                    new.sealed_payload,
                ),
            )
            conn.executemany(
                "INSERT INTO attachments (application_id, attachment_id, material_code, pages,"
                " size, sha256) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        new.application_id,
                        a.attachment_id,
                        a.material_code,
                        a.pages,
                        a.size,
                        a.sha256,
                    )
                    for a in new.attachments
                ],
            )
            conn.execute(
                "INSERT INTO state_history (application_id, from_state, to_state, at)"
                " VALUES (?, NULL, ?, ?)",
                (new.application_id, S.FINALIZED.value, stamp),
            )
        return receipt

    _COLUMNS = (
        "application_id, receipt_number, service_code, form_id, form_version, state, created_at,"
        " updated_at, platform_number, outcome, pii_purged_at, payload IS NOT NULL"
    )

    @staticmethod
    def _record(row: tuple[object, ...]) -> OutboxRecord:
        def when(value: object) -> datetime | None:
            return datetime.fromisoformat(str(value)) if value is not None else None

        created, updated = when(row[6]), when(row[7])
        assert created is not None and updated is not None
        return OutboxRecord(
            application_id=str(row[0]),
            receipt_number=str(row[1]),
            service_code=str(row[2]),
            form_id=str(row[3]),
            form_version=int(str(row[4])),
            state=ApplicationState(str(row[5])),
            created_at=created,
            updated_at=updated,
            platform_number=str(row[8]) if row[8] is not None else None,
            outcome=ApplicationState(str(row[9])) if row[9] is not None else None,
            pii_purged_at=when(row[10]),
            has_payload=bool(row[11]),
        )

    def get(self, application_id: str) -> OutboxRecord | None:
        """The application's record, or None."""
        with self._errors():
            row = self._conn.execute(
                f"SELECT {self._COLUMNS} FROM applications WHERE application_id = ?",  # noqa: S608
                (application_id,),
            ).fetchone()
        return self._record(row) if row else None

    def find(self, number: str) -> OutboxRecord | None:
        """Find by receipt number or by the platform's official number."""
        with self._errors():
            row = self._conn.execute(
                f"SELECT {self._COLUMNS} FROM applications"  # noqa: S608
                " WHERE receipt_number = ? OR platform_number = ?",
                (number, number),
            ).fetchone()
        return self._record(row) if row else None

    def in_state(self, *states: ApplicationState) -> list[OutboxRecord]:
        """Records in any of ``states``, oldest first."""
        marks = ",".join("?" * len(states))
        with self._errors():
            rows = self._conn.execute(
                f"SELECT {self._COLUMNS} FROM applications WHERE state IN ({marks})"  # noqa: S608
                " ORDER BY created_at",
                [s.value for s in states],
            ).fetchall()
        return [self._record(r) for r in rows]

    def all_records(self) -> list[OutboxRecord]:
        """Every application, oldest first."""
        return self.in_state(*ApplicationState)

    def sealed_payload(self, application_id: str) -> bytes | None:
        """The sealed application (None once purged or if unknown)."""
        with self._errors():
            row = self._conn.execute(
                "SELECT payload FROM applications WHERE application_id = ?", (application_id,)
            ).fetchone()
        return bytes(row[0]) if row and row[0] is not None else None

    def attachments(self, application_id: str) -> list[AttachmentRow]:
        """The attachment references of an application."""
        with self._errors():
            rows = self._conn.execute(
                "SELECT attachment_id, material_code, pages, size, sha256 FROM attachments"
                " WHERE application_id = ? ORDER BY rowid",
                (application_id,),
            ).fetchall()
        return [AttachmentRow(str(r[0]), str(r[1]), int(r[2]), int(r[3]), r[4]) for r in rows]

    def referenced_attachment_ids(self) -> set[str]:
        """Ids of attachments still referenced by an application that holds personal data."""
        with self._errors():
            rows = self._conn.execute(
                "SELECT attachment_id FROM attachments JOIN applications USING (application_id)"
                " WHERE applications.pii_purged_at IS NULL"
            ).fetchall()
        return {str(r[0]) for r in rows}

    def history(self, application_id: str) -> list[tuple[str | None, str, str]]:
        """(from, to, at) of every state change, oldest first."""
        with self._errors():
            rows = self._conn.execute(
                "SELECT from_state, to_state, at FROM state_history WHERE application_id = ?"
                " ORDER BY rowid",
                (application_id,),
            ).fetchall()
        return [(r[0], str(r[1]), str(r[2])) for r in rows]

    def transition(
        self,
        application_id: str,
        to_state: ApplicationState,
        now: datetime,
        platform_number: str | None = None,
    ) -> None:
        """Move an application forward; IllegalTransitionError for any other move."""
        if to_state is S.PURGED:
            raise IllegalTransitionError("purging goes through purge_pii, which drops the data")
        with self._transaction() as conn:
            current = self._current_state(conn, application_id)
            if to_state not in ALLOWED[current]:
                raise IllegalTransitionError(
                    f"{application_id}: {current.value} → {to_state.value} is not allowed"
                )
            conn.execute(
                "UPDATE applications SET state = ?, updated_at = ?,"
                " platform_number = COALESCE(?, platform_number) WHERE application_id = ?",
                (to_state.value, now.isoformat(), platform_number, application_id),
            )
            self._log(conn, application_id, current, to_state, now)

    @staticmethod
    def _current_state(conn: sqlite3.Connection, application_id: str) -> ApplicationState:
        row = conn.execute(
            "SELECT state FROM applications WHERE application_id = ?", (application_id,)
        ).fetchone()
        if row is None:
            raise KeyError(application_id)
        return ApplicationState(str(row[0]))

    @staticmethod
    def _log(
        conn: sqlite3.Connection,
        application_id: str,
        before: ApplicationState,
        after: ApplicationState,
        now: datetime,
    ) -> None:
        conn.execute(
            "INSERT INTO state_history (application_id, from_state, to_state, at)"
            " VALUES (?, ?, ?, ?)",
            (application_id, before.value, after.value, now.isoformat()),
        )

    def purge_pii(self, application_id: str, now: datetime) -> list[str]:
        """Drop the personal data of a final application; returns attachment ids to delete.

        Kept: ids, receipt and platform numbers, service, form, outcome, timestamps, history,
        and per material the page count. Dropped: the sealed application and file checksums.
        """
        with self._transaction() as conn:
            current = self._current_state(conn, application_id)
            if S.PURGED not in ALLOWED[current]:
                raise IllegalTransitionError(f"{application_id}: {current.value} cannot be purged")
            conn.execute(
                "UPDATE applications SET state = ?, outcome = ?, payload = NULL,"
                " pii_purged_at = ?, updated_at = ? WHERE application_id = ?",
                (S.PURGED.value, current.value, now.isoformat(), now.isoformat(), application_id),
            )
            conn.execute(
                "UPDATE attachments SET sha256 = NULL WHERE application_id = ?", (application_id,)
            )
            self._log(conn, application_id, current, S.PURGED, now)
            rows = conn.execute(
                "SELECT attachment_id FROM attachments WHERE application_id = ?",
                (application_id,),
            ).fetchall()
        return [str(r[0]) for r in rows]

    # --- sync bookkeeping (schema v3) --------------------------------------------------------

    def upload_progress(self, application_id: str, attachment_id: str) -> UploadProgress:
        """The stored upload URL and offset of an attachment."""
        with self._errors():
            row = self._conn.execute(
                "SELECT upload_url, uploaded_offset FROM attachments"
                " WHERE application_id = ? AND attachment_id = ?",
                (application_id, attachment_id),
            ).fetchone()
        if row is None:
            raise KeyError(attachment_id)
        return UploadProgress(str(row[0]) if row[0] is not None else None, int(row[1]))

    def record_upload(
        self, application_id: str, attachment_id: str, upload_url: str | None, offset: int
    ) -> None:
        """Remember an attachment's upload URL and confirmed offset (survives a restart)."""
        with self._transaction() as conn:
            conn.execute(
                "UPDATE attachments SET upload_url = ?, uploaded_offset = ?"
                " WHERE application_id = ? AND attachment_id = ?",
                (upload_url, offset, application_id, attachment_id),
            )

    def record_uploads_done(
        self, application_id: str, urls: dict[str, str], sizes: dict[str, int], now: datetime
    ) -> None:
        """In one transaction: every attachment's upload URL and full offset, and the move
        finalized → uploading if not made yet (one fsync instead of one per attachment)."""
        with self._transaction() as conn:
            current = self._current_state(conn, application_id)
            if current is S.FINALIZED:
                conn.execute(
                    "UPDATE applications SET state = ?, updated_at = ? WHERE application_id = ?",
                    (S.UPLOADING.value, now.isoformat(), application_id),
                )
                self._log(conn, application_id, current, S.UPLOADING, now)
            elif current is not S.UPLOADING:
                raise IllegalTransitionError(f"{application_id}: {current.value} is not uploading")
            conn.executemany(
                "UPDATE attachments SET upload_url = ?, uploaded_offset = ?"
                " WHERE application_id = ? AND attachment_id = ?",
                [(url, sizes[aid], application_id, aid) for aid, url in urls.items()],
            )

    def sync_info(self, application_id: str) -> SyncInfo:
        """Retries so far, when the next is due, and the last error."""
        with self._errors():
            row = self._conn.execute(
                "SELECT sync_attempts, next_attempt_at, last_error FROM applications"
                " WHERE application_id = ?",
                (application_id,),
            ).fetchone()
        if row is None:
            raise KeyError(application_id)
        due = datetime.fromisoformat(str(row[1])) if row[1] is not None else None
        return SyncInfo(int(row[0]), due, str(row[2]) if row[2] is not None else None)

    def note_sync_failure(self, application_id: str, error: str, next_attempt_at: datetime) -> int:
        """Count a failed attempt and schedule the next; returns the attempts so far."""
        with self._transaction() as conn:
            row = conn.execute(
                "UPDATE applications SET sync_attempts = sync_attempts + 1, next_attempt_at = ?,"
                " last_error = ? WHERE application_id = ? RETURNING sync_attempts",
                (next_attempt_at.isoformat(), error[:500], application_id),
            ).fetchone()
        if row is None:
            raise KeyError(application_id)
        return int(row[0])

    def clear_sync_failure(self, application_id: str) -> None:
        """Forget retries and the last error (after a success, or a technician's retry)."""
        with self._transaction() as conn:
            conn.execute(
                "UPDATE applications SET sync_attempts = 0, next_attempt_at = NULL,"
                " last_error = NULL WHERE application_id = ?",
                (application_id,),
            )

    def quarantine(self, application_id: str, reason: str, now: datetime) -> None:
        """Set an application aside for good, keeping the reason for the technician."""
        with self._transaction() as conn:
            current = self._current_state(conn, application_id)
            if S.QUARANTINED not in ALLOWED[current]:
                raise IllegalTransitionError(
                    f"{application_id}: {current.value} cannot be quarantined"
                )
            conn.execute(
                "UPDATE applications SET state = ?, updated_at = ?, last_error = ?,"
                " next_attempt_at = NULL WHERE application_id = ?",
                (S.QUARANTINED.value, now.isoformat(), reason[:500], application_id),
            )
            self._log(conn, application_id, current, S.QUARANTINED, now)

    def release(self, application_id: str, now: datetime) -> None:
        """A technician's retry of a quarantined application: quarantined → finalized, retries
        and error forgotten. The one move back, never made by the sync engine; sending again is
        safe because the platform's Idempotency-Key (the application id) never counts it twice.
        """
        with self._transaction() as conn:
            current = self._current_state(conn, application_id)
            if current is not S.QUARANTINED:
                raise IllegalTransitionError(
                    f"{application_id}: {current.value} is not quarantined"
                )
            conn.execute(
                "UPDATE applications SET state = ?, updated_at = ?, sync_attempts = 0,"
                " next_attempt_at = NULL, last_error = NULL WHERE application_id = ?",
                (S.FINALIZED.value, now.isoformat(), application_id),
            )
            self._log(conn, application_id, current, S.FINALIZED, now)

    def queue_rating(
        self, application_id: str, level: str, reasons: tuple[str, ...], now: datetime
    ) -> bool:
        """Queue a rating (one per application); False if one is already queued or sent."""
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO ratings (application_id, level, reasons, created_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (application_id) DO NOTHING",
                (application_id, level, json.dumps(list(reasons)), now.isoformat()),
            )
        return cursor.rowcount == 1

    def pending_ratings(self) -> list[PendingRating]:
        """Ratings neither sent nor refused, oldest first."""
        with self._errors():
            rows = self._conn.execute(
                "SELECT application_id, level, reasons, created_at FROM ratings"
                " WHERE sent_at IS NULL AND refused_reason IS NULL ORDER BY created_at"
            ).fetchall()
        return [
            PendingRating(
                str(r[0]), str(r[1]), tuple(json.loads(r[2])), datetime.fromisoformat(str(r[3]))
            )
            for r in rows
        ]

    def finish_rating(self, application_id: str, now: datetime, refused: str | None) -> None:
        """Mark a rating sent, or refused by the platform with its reason."""
        with self._transaction() as conn:
            conn.execute(
                "UPDATE ratings SET sent_at = CASE WHEN ? IS NULL THEN ? ELSE NULL END,"
                " refused_reason = ? WHERE application_id = ?",
                (refused, now.isoformat(), refused, application_id),
            )

    # --- queue bundles (schema v4) -----------------------------------------------------------

    def insert_imported(self, imported: list[ImportedApplication], now: datetime) -> list[str]:
        """Insert applications from a bundle, in one transaction, as finalized with their
        original ids, receipt numbers and origin; returns the ids that were new here."""
        inserted = []
        with self._transaction() as conn:
            for app in imported:
                cursor = conn.execute(
                    "INSERT INTO applications (application_id, receipt_number, service_code,"
                    " form_id, form_version, state, created_at, updated_at, payload,"
                    " origin_terminal_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (application_id) DO NOTHING",
                    (
                        app.application_id,
                        app.receipt_number,
                        app.service_code,
                        app.form_id,
                        app.form_version,
                        S.FINALIZED.value,
                        app.created_at.isoformat(),
                        now.isoformat(),
                        app.sealed_payload,
                        app.origin_terminal_id,
                    ),
                )
                if cursor.rowcount != 1:
                    continue
                conn.executemany(
                    "INSERT INTO attachments (application_id, attachment_id, material_code, pages,"
                    " size, sha256) VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        (
                            app.application_id,
                            a.attachment_id,
                            a.material_code,
                            a.pages,
                            a.size,
                            a.sha256,
                        )
                        for a in app.attachments
                    ],
                )
                conn.execute(
                    "INSERT INTO state_history (application_id, from_state, to_state, at)"
                    " VALUES (?, NULL, ?, ?)",
                    (app.application_id, S.FINALIZED.value, now.isoformat()),
                )
                inserted.append(app.application_id)
        return inserted

    def origin_terminal(self, application_id: str) -> str | None:
        """The terminal that finalized an imported application (None: this terminal)."""
        with self._errors():
            row = self._conn.execute(
                "SELECT origin_terminal_id FROM applications WHERE application_id = ?",
                (application_id,),
            ).fetchone()
        return str(row[0]) if row and row[0] is not None else None

    def note_export(self, application_ids: list[str], bundle_id: str, now: datetime) -> None:
        """Remember that these applications left in bundle ``bundle_id`` (they stay here)."""
        with self._transaction() as conn:
            conn.executemany(
                "INSERT INTO bundle_exports (application_id, bundle_id, exported_at)"
                " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [(app_id, bundle_id, now.isoformat()) for app_id in application_ids],
            )

    def last_exports(self) -> dict[str, datetime]:
        """Application id → when it was last exported in a bundle."""
        with self._errors():
            rows = self._conn.execute(
                "SELECT application_id, MAX(exported_at) FROM bundle_exports"
                " GROUP BY application_id"
            ).fetchall()
        return {str(r[0]): datetime.fromisoformat(str(r[1])) for r in rows}

    def final_since(self) -> list[tuple[str, datetime]]:
        """(id, when it reached its final state) of confirmed, not yet purged applications."""
        marks = ",".join("?" * len(CONFIRMED_FINAL))
        with self._errors():
            rows = self._conn.execute(
                "SELECT application_id, updated_at FROM applications"  # noqa: S608
                f" WHERE state IN ({marks})",
                [s.value for s in CONFIRMED_FINAL],
            ).fetchall()
        return [(str(r[0]), datetime.fromisoformat(str(r[1]))) for r in rows]


__all__ = [
    "ALLOWED",
    "ApplicationState",
    "AttachmentRow",
    "ImportedApplication",
    "NewApplication",
    "Outbox",
    "OutboxRecord",
    "PendingRating",
    "StorageUnavailableError",
    "SyncInfo",
    "UploadProgress",
]
