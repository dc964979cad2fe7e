"""The sync engine: drains the outbox to the platform, pulls statuses, pushes ratings/heartbeats.

One pass (``cycle``) sends every application that is due, oldest first: FINALIZED → UPLOADING,
each attachment uploaded resumably, then submitted with ``Idempotency-Key = application_id``,
and SUBMITTED with the official number. A failure of one application (a 5xx, a 409) schedules
only that one again (backoff with full jitter, no attempt limit); a permanent refusal
quarantines it with the platform's reason; neither blocks the others. A failure of the
platform as a whole (unreachable, 429/503, a bad answer) ends the pass, and ``run`` waits
with backoff, honouring ``Retry-After``. Never on the UI thread.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from config.schema import SyncSettings
from kiosk.applications import open_application
from kiosk.sync.backoff import Backoff
from kiosk.sync.errors import (
    BadAnswer,
    CredentialsRefused,
    NotFound,
    PermanentRefusal,
    PlatformThrottled,
    PlatformUnreachable,
    SyncError,
    TransientRefusal,
)
from kiosk.sync.platform_client import PlatformClient
from kiosk.sync.tus_client import AttachmentUploader
from offline_cache.errors import RecordTamperedError
from offline_cache.outbox import ALLOWED, ApplicationState, OutboxRecord
from offline_cache.store import OfflineStore

log = logging.getLogger(__name__)
S = ApplicationState

TO_SEND = (S.FINALIZED, S.UPLOADING)
NOT_FINAL = (S.SUBMITTED, S.NEEDS_MORE, S.ACCEPTED)
# The platform's statuses as outbox states ("received" changes nothing).
PLATFORM_STATES: Mapping[str, ApplicationState] = {
    "accepted": S.ACCEPTED,
    "approved": S.ACCEPTED,
    "needs_more": S.NEEDS_MORE,
    "rejected": S.REJECTED,
    "completed": S.COMPLETED,
}
GLOBAL_ERRORS = (PlatformUnreachable, PlatformThrottled, BadAnswer)


class SyncState(StrEnum):
    """What the technician (and the status bar) sees."""

    IDLE = "idle"
    SYNCING = "syncing"
    OFFLINE = "offline"
    THROTTLED = "throttled"
    BAD_ANSWERS = "bad_answers"
    CREDENTIALS_REFUSED = "credentials_refused"


@dataclass
class SyncStatus:
    """The engine's latest view of itself; read from any thread."""

    state: SyncState = SyncState.IDLE
    detail: str = ""
    pending: int = 0
    quarantined: int = 0
    clock_skew_s: float | None = None
    last_success_at: datetime | None = None
    errors_total: int = 0  # failed requests since start (transient ones included)


@dataclass
class CycleReport:
    """What one pass did."""

    submitted: int = 0
    quarantined: int = 0
    deferred: int = 0
    statuses_changed: int = 0
    ratings_sent: int = 0
    next_due_s: float = 0.0
    errors: list[str] = field(default_factory=list)


class SyncEngine:
    """Moves one terminal's outbox to the platform."""

    def __init__(
        self,
        store: OfflineStore,
        client: PlatformClient,
        *,
        terminal_id: str,
        settings: SyncSettings,
        clock: Callable[[], datetime] | None = None,
        backoff: Backoff | None = None,
        device_states: Callable[[], Mapping[str, str]] | None = None,
        versions: Mapping[str, str] | None = None,
    ) -> None:
        self._store = store
        self._client = client
        self._terminal_id = terminal_id
        self._settings = settings
        self._clock = clock or (lambda: datetime.now(UTC))
        self._backoff = backoff or Backoff(settings.backoff_base_s, settings.backoff_cap_s)
        self._device_states = device_states or (lambda: {})
        self._versions = dict(versions or {})
        self._uploader = AttachmentUploader(client, store.outbox, settings.chunk_bytes)
        self._status_checked: dict[str, float] = {}
        self._last_heartbeat: float | None = None
        self._lock = threading.Lock()
        self._status = SyncStatus()

    @property
    def status(self) -> SyncStatus:
        """A copy of the current status."""
        with self._lock:
            return SyncStatus(**vars(self._status))

    @property
    def _errors_total(self) -> int:
        with self._lock:
            return self._status.errors_total

    def _set_status(self, **changes: Any) -> None:
        with self._lock:
            for key, value in changes.items():
                setattr(self._status, key, value)

    # --- the loop -------------------------------------------------------------------------------

    def run(
        self, stop: threading.Event, *, until_empty: bool = False, timeout_s: float | None = None
    ) -> SyncStatus:
        """Cycle until ``stop`` is set (or, with ``until_empty``, nothing is left to send).

        Returns the final status; with ``until_empty`` it also returns when the credentials
        are refused (nothing can be sent without a technician) or ``timeout_s`` has passed.
        """
        failures = 0
        deadline = time.monotonic() + timeout_s if timeout_s is not None else None
        while not stop.is_set():
            answered = self._client.answered
            try:
                report = self.cycle(stop)
                failures = 0
                wait = report.next_due_s
            except CredentialsRefused as error:
                self._set_status(
                    state=SyncState.CREDENTIALS_REFUSED, detail=f"{error.code}: {error}"
                )
                log.error("platform refused the terminal's credentials", extra={"code": error.code})
                if until_empty:
                    return self.status
                wait = self._backoff.delay(failures + 6)  # minutes, not seconds: a human must act
                failures += 1
            except SyncError as error:  # the platform as a whole; see GLOBAL_ERRORS
                state = {
                    PlatformThrottled: SyncState.THROTTLED,
                    BadAnswer: SyncState.BAD_ANSWERS,
                }.get(type(error), SyncState.OFFLINE)
                self._set_status(
                    state=state, detail=str(error)[:300], errors_total=self._errors_total + 1
                )
                if self._client.answered > answered:
                    failures = 0  # progress since the last failure: a glitch, not an outage
                wait = self._backoff.delay(failures, error.retry_after_s)
                failures += 1
                log.warning(
                    "platform not usable now; backing off",
                    extra={"reason": type(error).__name__, "wait_s": round(wait, 2)},
                )
            pending = len(self._store.outbox.in_state(*TO_SEND))
            self._set_status(pending=pending)
            if until_empty and pending == 0:
                return self.status
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return self.status
                wait = min(wait, remaining)
            stop.wait(max(wait, 0.0))
        return self.status

    def cycle(self, stop: threading.Event | None = None) -> CycleReport:
        """One pass: heartbeat, send what is due, ratings, statuses. Raises global errors."""
        stop = stop or threading.Event()
        report = CycleReport(next_due_s=self._settings.idle_poll_s)
        self._set_status(state=SyncState.SYNCING)
        self._maybe_heartbeat()
        for record in self._store.outbox.in_state(*TO_SEND):
            if stop.is_set():
                return report
            wait = self._seconds_until_due(record.application_id)
            if wait > 0:
                report.next_due_s = min(report.next_due_s, wait)
                continue
            self._send_one(record, report)
        self._push_ratings(report)
        self._pull_statuses(report, stop)
        outbox = self._store.outbox
        self._set_status(
            state=SyncState.IDLE,
            detail="",
            quarantined=len(outbox.in_state(S.QUARANTINED)),
            last_success_at=self._clock(),
        )
        return report

    def _seconds_until_due(self, application_id: str) -> float:
        due = self._store.outbox.sync_info(application_id).next_attempt_at
        if due is None:
            return 0.0
        wait = (due - self._clock()).total_seconds()
        # A clock set back by hours must not park an application: no wait exceeds the cap.
        return wait if 0 < wait <= self._settings.backoff_cap_s + 1 else 0.0

    # --- sending ----------------------------------------------------------------------------------

    def _send_one(self, record: OutboxRecord, report: CycleReport) -> None:
        app_id = record.application_id
        try:
            number = self._push(record)
        except PermanentRefusal as refusal:
            reason = f"platform refused ({refusal.status} {refusal.code}): {refusal}"
            self._quarantine(app_id, reason, report)
        except RecordTamperedError as error:
            self._quarantine(app_id, f"damaged on this terminal: {error}", report)
        except TransientRefusal as error:
            attempts = self._store.outbox.sync_info(app_id).attempts
            delay = self._backoff.delay(attempts, error.retry_after_s)
            self._store.outbox.note_sync_failure(
                app_id, str(error)[:300], self._clock() + timedelta(seconds=delay)
            )
            report.deferred += 1
            self._set_status(errors_total=self._errors_total + 1)
            report.next_due_s = min(report.next_due_s, delay)
            report.errors.append(str(error)[:200])
            log.info("application deferred", extra={"application_id": app_id, "wait_s": delay})
        else:
            report.submitted += 1
            log.info(
                "application submitted",
                extra={"application_id": app_id, "platform_number": number},
            )

    def _quarantine(self, app_id: str, reason: str, report: CycleReport) -> None:
        self._store.outbox.quarantine(app_id, reason, self._clock())
        report.quarantined += 1
        log.warning("application quarantined", extra={"application_id": app_id})

    def _push(self, record: OutboxRecord) -> str:
        outbox, vault = self._store.outbox, self._store.vault
        app_id = record.application_id
        payload = open_application(self._store, app_id)
        attachments = []
        urls: dict[str, str] = {}
        sizes: dict[str, int] = {}
        for row in outbox.attachments(app_id):
            data = vault.read_attachment(row.attachment_id)
            digest = hashlib.sha256(data).hexdigest()
            if row.sha256 is not None and digest != row.sha256:
                raise RecordTamperedError(f"attachment {row.attachment_id} changed since finalize")
            url = self._uploader.upload(app_id, row, data)
            urls[row.attachment_id] = url
            sizes[row.attachment_id] = len(data)
            attachments.append(
                {
                    "upload_id": urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1],
                    "attachment_id": row.attachment_id,
                    "material_code": row.material_code,
                    "pages": row.pages,
                    "size": len(data),
                    "sha256": digest,
                }
            )
        body = {
            "application_id": app_id,
            "receipt_number": record.receipt_number,
            "terminal_id": self._terminal_id,
            "service_code": record.service_code,
            "form_id": record.form_id,
            "form_version": record.form_version,
            "finalized_at": payload.get("finalized_at", record.created_at.isoformat()),
            "data": payload.get("data", {}),
            "identity": payload.get("identity", {}),
            "consent": payload.get("consent", {}),
            "attachments": attachments,
        }
        # The submission names the uploads: their URLs must be on disk before it is sent, or a
        # crash after the platform took it would make the retry a different payload (422).
        outbox.record_uploads_done(app_id, urls, sizes, self._clock())
        result = self._client.submit(app_id, body)
        outbox.transition(
            app_id, S.SUBMITTED, self._clock(), platform_number=result.official_number
        )
        outbox.clear_sync_failure(app_id)
        return result.official_number

    # --- ratings, statuses, heartbeats ----------------------------------------------------------

    def _push_ratings(self, report: CycleReport) -> None:
        outbox = self._store.outbox
        for rating in outbox.pending_ratings():
            record = outbox.get(rating.application_id)
            if record is None or record.platform_number is None:
                continue  # not at the platform yet
            try:
                self._client.rate(rating.application_id, rating.level, list(rating.reasons))
            except NotFound:
                continue
            except PermanentRefusal as refusal:
                outbox.finish_rating(rating.application_id, self._clock(), refused=refusal.code)
                continue
            except TransientRefusal:
                continue
            outbox.finish_rating(rating.application_id, self._clock(), refused=None)
            report.ratings_sent += 1

    def _pull_statuses(self, report: CycleReport, stop: threading.Event) -> None:
        now = time.monotonic()
        for record in self._store.outbox.in_state(*NOT_FINAL):
            if stop.is_set():
                return
            checked = self._status_checked.get(record.application_id)
            if checked is not None and now - checked < self._settings.status_interval_s:
                continue
            try:
                answer = self._client.status(record.application_id)
            except (PermanentRefusal, TransientRefusal):
                continue
            self._status_checked[record.application_id] = now
            if self._apply_status(record, answer.status):
                report.statuses_changed += 1

    def _apply_status(self, record: OutboxRecord, platform_status: str) -> bool:
        target = PLATFORM_STATES.get(platform_status)
        if target is None or target is record.state or target not in ALLOWED[record.state]:
            return False
        self._store.outbox.transition(record.application_id, target, self._clock())
        return True

    def _maybe_heartbeat(self) -> None:
        now = time.monotonic()
        if (
            self._last_heartbeat is not None
            and now - self._last_heartbeat < self._settings.heartbeat_interval_s
        ):
            return
        outbox = self._store.outbox
        devices = dict(self._device_states())
        paper = devices.pop("printer_paper", "unknown")
        try:
            ack = self._client.heartbeat(
                {
                    "terminal_time": self._clock().isoformat(),
                    "devices": devices,
                    "printer_paper": paper,
                    "queue_depth": len(outbox.in_state(*TO_SEND)),
                    "quarantined": len(outbox.in_state(S.QUARANTINED)),
                    "versions": self._versions,
                }
            )
        except (TransientRefusal, PermanentRefusal) as error:
            log.info("heartbeat not taken", extra={"reason": str(error)[:200]})
            return
        self._last_heartbeat = now
        self._set_status(clock_skew_s=ack.clock_skew_s)
        if abs(ack.clock_skew_s) > 300:
            log.warning("terminal clock is off", extra={"clock_skew_s": round(ack.clock_skew_s)})


__all__ = ["CycleReport", "SyncEngine", "SyncError", "SyncState", "SyncStatus"]
