"""The outbox as a technician sees it and acts on it: list, retry, quarantine, export, import.

One core used by the CLI (``kiosk queue …``) and the technician's Queue page. Nothing returned
holds personal data: ids, receipt and official numbers, service codes, states, counts and the
platform's reasons. Every action is written to the audit log. Calls may block (storage, the
drive): the UI runs them through its background bridge.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from config.schema import KioskSettings
from config.secrets import load_secrets
from kiosk.audit import AuditKind, open_audit_log
from kiosk.queue_bundle import (
    BundleRefused,
    ExportResult,
    ImportResult,
    export_queue,
    import_bundle,
)
from offline_cache.contact_record import last_contact
from offline_cache.errors import IllegalTransitionError
from offline_cache.outbox import ApplicationState, Outbox, OutboxRecord
from offline_cache.store import OfflineStore

S = ApplicationState
SENDABLE = frozenset({S.FINALIZED, S.UPLOADING})
# Where desktop systems mount removable drives (udisks: /media/<user>/<label>, /run/media/...).
DRIVE_ROOTS = (Path("/media"), Path("/run/media"))


class QueueActionError(Exception):
    """The action cannot be done; the message says why, for the technician."""


@dataclass(frozen=True)
class QueueRow:
    """One application in the outbox as the technician sees it (no content)."""

    application_id: str
    receipt_number: str
    service_code: str
    state: str
    platform_number: str | None
    created_at: datetime
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    uploaded_bytes: int
    total_bytes: int
    origin_terminal_id: str | None = None
    exported_at: datetime | None = None

    @property
    def quarantined(self) -> bool:
        """True when set aside (``last_error`` holds the platform's or technician's reason)."""
        return self.state == S.QUARANTINED.value

    @property
    def waiting(self) -> bool:
        """True while it still has to be sent."""
        return self.state in {s.value for s in SENDABLE}


def queue_rows(outbox: Outbox, include_purged: bool = False) -> list[QueueRow]:
    """Every application (not purged unless asked), oldest first, with its sync bookkeeping."""
    exported = outbox.last_exports()
    rows = []
    for record in outbox.all_records():
        if record.state is S.PURGED and not include_purged:
            continue
        info = outbox.sync_info(record.application_id)
        attachments = outbox.attachments(record.application_id)
        uploaded = sum(
            outbox.upload_progress(record.application_id, a.attachment_id).offset
            for a in attachments
        )
        rows.append(
            QueueRow(
                application_id=record.application_id,
                receipt_number=record.receipt_number,
                service_code=record.service_code,
                state=record.state.value,
                platform_number=record.platform_number,
                created_at=record.created_at,
                attempts=info.attempts,
                next_attempt_at=info.next_attempt_at,
                last_error=info.last_error,
                uploaded_bytes=uploaded,
                total_bytes=sum(a.size for a in attachments),
                origin_terminal_id=outbox.origin_terminal(record.application_id),
                exported_at=exported.get(record.application_id),
            )
        )
    return rows


def find_record(outbox: Outbox, ident: str) -> OutboxRecord:
    """By application id, receipt number or official number; QueueActionError if unknown."""
    record = outbox.get(ident) or outbox.find(ident)
    if record is None:
        raise QueueActionError(f"no application {ident}")
    return record


def retry(outbox: Outbox, ident: str, now: datetime) -> str:
    """Send it at the next pass: backoff cleared, or a quarantined one back in the queue.

    Returns a one-line result; QueueActionError for one already sent or purged.
    """
    record = find_record(outbox, ident)
    if record.state in SENDABLE:
        outbox.clear_sync_failure(record.application_id)
        return f"{record.receipt_number} will be sent at the next sync pass"
    if record.state is S.QUARANTINED:
        outbox.release(record.application_id, now)
        return f"{record.receipt_number} is back in the queue and will be sent at the next pass"
    raise QueueActionError(
        f"{record.receipt_number} is {record.state.value}: only applications still to send or"
        " quarantined ones can be retried"
    )


def quarantine(outbox: Outbox, ident: str, reason: str, now: datetime) -> str:
    """Set it aside by hand with ``reason``; QueueActionError if its state does not allow it."""
    record = find_record(outbox, ident)
    try:
        outbox.quarantine(record.application_id, f"set aside by a technician: {reason}", now)
    except IllegalTransitionError:
        raise QueueActionError(
            f"{record.receipt_number} is {record.state.value}: cannot quarantine"
        ) from None
    return f"{record.receipt_number} quarantined"


@dataclass(frozen=True)
class Drive:
    """A mounted removable drive: where to write a bundle, or look for one."""

    path: Path
    free_bytes: int
    bundles: tuple[Path, ...]


def list_drives(roots: tuple[Path, ...] = DRIVE_ROOTS) -> list[Drive]:
    """Mounted drives under /media and /run/media (one or two levels: udisks adds the user),
    each with its free space and the queue bundles at its top."""
    drives: list[Drive] = []
    for root in roots:
        try:
            candidates = sorted(p for p in root.iterdir() if p.is_dir())
        except OSError:
            continue
        for candidate in candidates:
            mounts = [candidate] if os.path.ismount(candidate) else []
            if not mounts:
                try:
                    mounts = sorted(
                        p for p in candidate.iterdir() if p.is_dir() and os.path.ismount(p)
                    )
                except OSError:
                    continue
            for mount in mounts:
                drives.append(_drive(mount))
    return drives


def _drive(path: Path) -> Drive:
    try:
        free = os.statvfs(path).f_bavail * os.statvfs(path).f_frsize
        bundles = tuple(sorted(path.glob("*.owq")))
    except OSError:
        free, bundles = 0, ()
    return Drive(path, free, bundles)


class QueueDesk:
    """The queue actions for one terminal's settings, each audited with who did it."""

    def __init__(self, settings: KioskSettings, actor: str = "technician") -> None:
        self._settings = settings
        self._actor = actor

    def _store(self) -> OfflineStore:
        return OfflineStore.open(self._settings.storage)

    def _audit(self, action: str, details: dict[str, str]) -> None:
        open_audit_log(self._settings).record(AuditKind.QUEUE, action, self._actor, details)

    def rows(self, include_purged: bool = False) -> list[QueueRow]:
        """The outbox (see ``queue_rows``)."""
        store = self._store()
        try:
            return queue_rows(store.outbox, include_purged)
        finally:
            store.close()

    def last_contact(self) -> datetime | None:
        """When the platform last answered a whole sync pass (None: never)."""
        return last_contact(self._settings.storage.data_dir.expanduser())

    def retry(self, ident: str) -> str:
        """``retry`` on this terminal's outbox, audited."""
        store = self._store()
        try:
            record = find_record(store.outbox, ident)
            message = retry(store.outbox, ident, datetime.now(UTC))
        finally:
            store.close()
        self._audit(
            "retry",
            {"application_id": record.application_id, "was": record.state.value},
        )
        return message

    def quarantine(self, ident: str, reason: str) -> str:
        """``quarantine`` on this terminal's outbox, audited."""
        store = self._store()
        try:
            record = find_record(store.outbox, ident)
            message = quarantine(store.outbox, ident, reason, datetime.now(UTC))
        finally:
            store.close()
        self._audit("quarantine", {"application_id": record.application_id})
        return message

    def export(self, target: Path) -> ExportResult:
        """Write every application still to send into one bundle at ``target``, audited."""
        secrets_ = load_secrets(self._settings.storage.secrets_file.expanduser())
        store = self._store()
        try:
            result = export_queue(store, secrets_, self._settings.terminal.id, target)
        finally:
            store.close()
        self._audit(
            "export",
            {
                "bundle_id": result.bundle_id,
                "applications": str(result.applications),
                "attachments": str(result.attachments),
                "bytes": str(result.size_bytes),
                "skipped_damaged": str(len(result.skipped)),
            },
        )
        return result

    def import_bundle(self, path: Path) -> ImportResult:
        """Verify a bundle and add its new applications to this outbox, audited."""
        secrets_ = load_secrets(self._settings.storage.secrets_file.expanduser())
        store = self._store()
        try:
            result = import_bundle(store, secrets_, path)
        except BundleRefused as refusal:
            self._audit("import_refused", {"reason": refusal.reason.value})
            raise
        finally:
            store.close()
        self._audit(
            "import",
            {
                "bundle_id": result.bundle_id,
                "signer": result.signer,
                "new": str(result.new),
                "known": str(result.known),
            },
        )
        return result
