"""The sync engine: drains the outbox to the platform, pulls statuses, pushes ratings/heartbeats.

One pass (``cycle``) sends every application that is due, oldest first: FINALIZED → UPLOADING,
each attachment uploaded resumably, then submitted with ``Idempotency-Key = application_id``,
and SUBMITTED with the official number. An application's attachments are uploaded in
parallel on a small pool (``upload_parallelism``), and the next application's uploads run
while the previous one is submitted; the store (SQLite) is touched only by the engine's own
thread, so upload threads report their progress through a queue. A failure of one
application (a 5xx, a 409) schedules only that one again (backoff with full jitter, no
attempt limit); a permanent refusal quarantines it with the platform's reason; neither
blocks the others. A failure of the platform as a whole (unreachable, 429/503, a bad answer)
ends the pass, and ``run`` waits with backoff, honouring ``Retry-After``. Never on the UI
thread.
"""

from __future__ import annotations

import hashlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from config.schema import SyncSettings
from kiosk.applications import open_application
from kiosk.audit import AuditLog
from kiosk.printer_status_file import PrinterReport, PrinterStatusFile
from kiosk.sync.audit_push import AuditPush
from kiosk.sync.backoff import Backoff
from kiosk.sync.catalog_pull import CatalogOutcome, CatalogTarget, pull_catalog
from kiosk.sync.config_pull import ConfigOutcome, ConfigPull
from kiosk.sync.errors import (
    AlreadyRated,
    BadAnswer,
    CredentialsRefused,
    NotFound,
    PermanentRefusal,
    PlatformThrottled,
    PlatformUnreachable,
    SyncError,
    TransientRefusal,
)
from kiosk.sync.outbox_lock import OutboxLock
from kiosk.sync.platform_client import PlatformClient
from kiosk.sync.platform_models import submission_additions
from kiosk.sync.relay_push import RelayPush
from kiosk.sync.revocation_pull import RevocationOutcome, RevocationPull
from kiosk.sync.tus_client import AttachmentUploader
from kiosk.sync.wake import SyncWake
from kiosk.technician_auth import entry_state
from offline_cache.contact_record import note_contact
from offline_cache.errors import RecordTamperedError
from offline_cache.outbox import ALLOWED, ApplicationState, AttachmentRow, OutboxRecord
from offline_cache.retention import purge_expired
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
# An audit sink: (action, details) → recorded as a SYNC entry (ids and counts only).
SyncEvents = Callable[[str, Mapping[str, str]], None]
# (application id, attachment id, upload URL, confirmed offset), from an upload thread
_ProgressQueue = queue.SimpleQueue[tuple[str, str, str, int]]


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
class _Uploaded:
    """One attachment the platform now holds whole."""

    row: AttachmentRow
    url: str
    size: int
    sha256: str


@dataclass
class _Flight:
    """One application whose attachments are being uploaded on the pool."""

    record: OutboxRecord
    payload: dict[str, Any]
    futures: list[Future[_Uploaded]]


@dataclass(frozen=True)
class OutageState:
    """Where an engine's backoff stands after an outage: failures in a row, seconds until the
    next try, and how long the platform has been failing."""

    failures: int
    next_try_s: float
    outage_s: float


@dataclass
class CycleReport:
    """What one pass did."""

    submitted: int = 0
    quarantined: int = 0
    deferred: int = 0
    statuses_changed: int = 0
    ratings_sent: int = 0
    ratings_closed: int = 0  # refused or already rated at the platform: done, not sent
    catalog: CatalogOutcome | None = None
    config: ConfigOutcome | None = None
    revocations: RevocationOutcome | None = None
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
        catalog: CatalogTarget | None = None,
        config: ConfigPull | None = None,
        events: SyncEvents | None = None,
        printer_status: Callable[[], PrinterReport | None] | None = None,
        retention_days: int | None = None,
        revocations: RevocationPull | None = None,
    ) -> None:
        self._store = store
        self._client = client
        self._terminal_id = terminal_id
        self._settings = settings
        self._clock = clock or (lambda: datetime.now(UTC))
        self._backoff = backoff or Backoff(settings.backoff_base_s, settings.backoff_cap_s)
        self._device_states = device_states or (lambda: {})
        self._versions = dict(versions or {})
        self._uploader = AttachmentUploader(client, settings.chunk_bytes)
        self._catalog = catalog
        self._config = config
        self._events = events
        self._printer_status = printer_status or PrinterStatusFile(store.data_dir).read
        self._status_checked: dict[str, float] = {}
        self._last_heartbeat: float | None = None
        # The audit log of the same data folder rides on the heartbeats (kiosk/sync/audit_push).
        self._audit_push = AuditPush(AuditLog(store.data_dir))
        self._last_catalog_pull: float | None = None
        # The revoked terminal certificates a relaying terminal checks bundles against.
        self._revocations = revocations
        self._last_revocation_pull: float | None = None
        # Queue bundles this terminal imported go to the platform whole (kiosk.sync.relay_push).
        self._relay = RelayPush(store.data_dir)
        self._wake = SyncWake(store.data_dir)
        self._retention_days = retention_days  # None: personal data is purged elsewhere
        self._credentials_refused = False
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

    def _event(self, action: str, **details: object) -> None:
        """Tell the audit log (if any); a failing audit log never stops the sync."""
        if self._events is None:
            return
        try:
            self._events(action, {key: str(value) for key, value in details.items()})
        except Exception:
            log.exception("sync event not recorded", extra={"action": action})

    # --- the loop -------------------------------------------------------------------------------

    def run(
        self,
        stop: threading.Event,
        *,
        until_empty: bool = False,
        timeout_s: float | None = None,
        after_outage: OutageState | None = None,
    ) -> SyncStatus:
        """Cycle until ``stop`` is set (or, with ``until_empty``, nothing is left to send).

        Returns the final status; with ``until_empty`` it also returns when the credentials
        are refused (nothing can be sent without a technician) or ``timeout_s`` has passed.
        Holds the data folder's OutboxLock throughout (OutboxLocked if another engine has it).
        ``after_outage`` starts the loop in the backoff state an outage left (the fleet
        benchmark starts its terminals that way instead of waiting out the outage).
        """
        with OutboxLock(self._store.data_dir).held():
            return self._run(
                stop, until_empty=until_empty, timeout_s=timeout_s, after_outage=after_outage
            )

    def _reconnect_spread(self, stop: threading.Event, failures: int, outage_s: float) -> None:
        """After a long outage, probe first and spread the drain (jittered reconnect).

        A fleet that lost its platform retries on full-jitter schedules, so when the platform
        is back the terminals' probes arrive spread out, but each would then send its whole
        backlog at once: every application of the outage within the backoff cap. Here the
        probe is one cheap health request, and the backlog then waits a random share of as
        long as the outage lasted (at most ``reconnect_spread_max_s``): the fleet's backlog
        comes back no faster than it built up, so the platform sees at most its usual
        application traffic on top of its usual load. Raises the probe's SyncError if the
        platform is still not there.
        """
        spread = min(outage_s, self._settings.reconnect_spread_max_s)
        if spread <= 0 or failures < self._settings.reconnect_after_failures:
            return
        self._client.health()
        stop.wait(self._backoff.rng.uniform(0.0, spread))

    def _run(
        self,
        stop: threading.Event,
        *,
        until_empty: bool,
        timeout_s: float | None,
        after_outage: OutageState | None,
    ) -> SyncStatus:
        failures = after_outage.failures if after_outage else 0
        first_wait_s = after_outage.next_try_s if after_outage else 0.0
        now = time.monotonic()
        outage_since = now - after_outage.outage_s if after_outage else now
        deadline = time.monotonic() + timeout_s if timeout_s is not None else None
        if first_wait_s > 0:
            stop.wait(first_wait_s if deadline is None else min(first_wait_s, timeout_s or 0.0))
        while not stop.is_set():
            answered = self._client.answered
            if failures == 0:
                outage_since = time.monotonic()
            try:
                self._reconnect_spread(stop, failures, time.monotonic() - outage_since)
                if stop.is_set():
                    break
                report = self.cycle(stop)
                self._credentials_refused = False
                failures = 0
                wait = report.next_due_s
            except CredentialsRefused as error:
                if not self._credentials_refused:  # recorded once, not on every retry
                    self._credentials_refused = True
                    self._event("credentials_refused", code=error.code)
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
            if failures == 0:
                self._wake.wait(stop, wait)  # a new application or "sync now" starts a pass
            else:
                stop.wait(max(wait, 0.0))  # an outage: backoff wins over wake requests
        return self.status

    def cycle(self, stop: threading.Event | None = None) -> CycleReport:
        """One pass: heartbeat, send what is due, ratings, statuses. Raises global errors."""
        stop = stop or threading.Event()
        report = CycleReport(next_due_s=self._settings.idle_poll_s)
        self._set_status(state=SyncState.SYNCING)
        self._maybe_heartbeat()
        held = self._relay_bundles(report)
        due = []
        for record in self._store.outbox.in_state(*TO_SEND):
            if record.application_id in held:
                continue  # its bundle goes first, at the next pass
            wait_s = self._seconds_until_due(record.application_id)
            if wait_s > 0:
                report.next_due_s = min(report.next_due_s, wait_s)
            else:
                due.append(record)
        if due:
            self._event("drain_started", due=len(due))
            try:
                self._send(due, report, stop)
            finally:
                self._event(
                    "drain_finished",
                    submitted=report.submitted,
                    deferred=report.deferred,
                    quarantined=report.quarantined,
                )
        if stop.is_set():
            return report
        self._push_ratings(report)
        self._pull_statuses(report, stop)
        self._purge_expired()
        self._maybe_pull_catalog(report)
        self._maybe_pull_revocations(report)
        outbox = self._store.outbox
        self._set_status(
            state=SyncState.IDLE,
            detail="",
            quarantined=len(outbox.in_state(S.QUARANTINED)),
            last_success_at=self._clock(),
        )
        # Kept on disk for the "offline since" banner, which must survive a restart.
        note_contact(self._store.data_dir, self._clock())
        return report

    def _relay_bundles(self, report: CycleReport) -> set[str]:
        """Forward the queue bundles imported here; the ids still waiting for theirs."""
        relayed = self._relay.push(self._client, self._store.outbox, self._clock())
        report.submitted += relayed.submitted
        report.quarantined += relayed.quarantined
        if relayed.relayed:
            self._event(
                "bundles_relayed",
                bundles=relayed.relayed,
                submitted=relayed.submitted,
                quarantined=relayed.quarantined,
            )
        return relayed.waiting

    def _seconds_until_due(self, application_id: str) -> float:
        due = self._store.outbox.sync_info(application_id).next_attempt_at
        if due is None:
            return 0.0
        wait = (due - self._clock()).total_seconds()
        # A clock set back by hours must not park an application: no wait exceeds the cap.
        return wait if 0 < wait <= self._settings.backoff_cap_s + 1 else 0.0

    # --- sending ----------------------------------------------------------------------------------

    def _send(self, due: list[OutboxRecord], report: CycleReport, stop: threading.Event) -> None:
        """Send ``due`` in order, two deep: application n+1 uploads while n is submitted."""
        progress: _ProgressQueue = queue.SimpleQueue()
        workers = max(1, self._settings.upload_parallelism)
        with ThreadPoolExecutor(workers, thread_name_prefix="sync-upload") as pool:
            flight: _Flight | None = None
            try:
                for record in due:
                    if stop.is_set():
                        break
                    landing, flight = flight, self._start(record, pool, progress, report)
                    if landing is not None:
                        self._land(landing, progress, report)
                if flight is not None and not stop.is_set():
                    landing, flight = flight, None
                    self._land(landing, progress, report)
            finally:
                if flight is not None:  # stopped, or a global error: not submitted, retried later
                    self._settle(flight.futures, progress)

    def _start(
        self,
        record: OutboxRecord,
        pool: ThreadPoolExecutor,
        progress: _ProgressQueue,
        report: CycleReport,
    ) -> _Flight | None:
        """Decrypt the application and put its attachments on the pool (None: quarantined)."""
        app_id = record.application_id
        outbox = self._store.outbox
        try:
            payload = open_application(self._store, app_id)
        except RecordTamperedError as error:
            self._quarantine(app_id, f"damaged on this terminal: {error}", report)
            return None
        futures = [
            pool.submit(
                self._upload_one,
                app_id,
                row,
                outbox.upload_progress(app_id, row.attachment_id).upload_url,
                progress,
            )
            for row in outbox.attachments(app_id)
        ]
        return _Flight(record, payload, futures)

    def _upload_one(
        self, app_id: str, row: AttachmentRow, stored_url: str | None, progress: _ProgressQueue
    ) -> _Uploaded:
        """On an upload thread: decrypt, check, and upload one attachment (no store writes)."""
        data = self._store.vault.read_attachment(row.attachment_id)
        digest = hashlib.sha256(data).digest()
        if row.sha256 is not None and digest.hex() != row.sha256:
            raise RecordTamperedError(f"attachment {row.attachment_id} changed since finalize")
        url = self._uploader.upload(
            data,
            stored_url=stored_url,
            metadata={
                "application_id": app_id,
                "attachment_id": row.attachment_id,
                "material_code": row.material_code,
            },
            progress=lambda url, offset: progress.put((app_id, row.attachment_id, url, offset)),
            sha256=digest,
        )
        return _Uploaded(row, url, len(data), digest.hex())

    def _settle(self, futures: list[Future[_Uploaded]], progress: _ProgressQueue) -> None:
        """Wait for ``futures`` (cancelling what has not started), writing progress meanwhile."""
        for future in futures:
            future.cancel()
        pending = {f for f in futures if not f.done()}
        while pending:
            _, pending = wait(pending, timeout=0.5)
            self._record_progress(progress)
        self._record_progress(progress)

    def _record_progress(self, progress: _ProgressQueue) -> None:
        while True:
            try:
                app_id, attachment_id, url, offset = progress.get_nowait()
            except queue.Empty:
                return
            self._store.outbox.record_upload(app_id, attachment_id, url, offset)

    def _land(self, flight: _Flight, progress: _ProgressQueue, report: CycleReport) -> None:
        """Wait for an application's uploads, then submit it; per-application failures stay
        with it (deferred or quarantined), global ones propagate."""
        app_id = flight.record.application_id
        try:
            number = self._finish(flight, progress)
        except PermanentRefusal as refusal:
            reason = f"platform refused ({refusal.status} {refusal.code}): {refusal}"
            self._quarantine(app_id, reason, report, code=refusal.code)
        except RecordTamperedError as error:
            self._quarantine(app_id, f"damaged on this terminal: {error}", report, code="damaged")
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

    def _quarantine(
        self, app_id: str, reason: str, report: CycleReport, *, code: str = "refused"
    ) -> None:
        self._store.outbox.quarantine(app_id, reason, self._clock())
        report.quarantined += 1
        log.warning("application quarantined", extra={"application_id": app_id})
        self._event("application_quarantined", application_id=app_id, code=code)

    def _finish(self, flight: _Flight, progress: _ProgressQueue) -> str:
        outbox = self._store.outbox
        record, payload = flight.record, flight.payload
        app_id = record.application_id
        pending = set(flight.futures)
        while pending:
            done, pending = wait(pending, timeout=0.5, return_when=FIRST_EXCEPTION)
            self._record_progress(progress)
            if any(f.exception() is not None for f in done):
                break
        self._settle(flight.futures, progress)
        uploaded = self._outcomes(flight.futures)
        attachments = [
            {
                "upload_id": urlsplit(u.url).path.rstrip("/").rsplit("/", 1)[-1],
                "attachment_id": u.row.attachment_id,
                "material_code": u.row.material_code,
                "pages": u.row.pages,
                "size": u.size,
                "sha256": u.sha256,
            }
            for u in uploaded
        ]
        body = {
            "application_id": app_id,
            "receipt_number": record.receipt_number,
            # An application brought in a queue bundle names the terminal that finalized it
            # (sent alone only when its bundle could not be relayed; the platform then refuses
            # it, 422 origin_mismatch, and it is quarantined with that reason).
            "terminal_id": outbox.origin_terminal(app_id) or self._terminal_id,
            "service_code": record.service_code,
            "form_id": record.form_id,
            "form_version": record.form_version,
            "finalized_at": payload.get("finalized_at", record.created_at.isoformat()),
            "data": payload.get("data", {}),
            "identity": payload.get("identity", {}),
            "consent": payload.get("consent", {}),
            "attachments": attachments,
            **submission_additions(payload),
        }
        # The submission names the uploads: their URLs must be on disk before it is sent, or a
        # crash after the platform took it would make the retry a different payload (422).
        outbox.record_uploads_done(
            app_id,
            {u.row.attachment_id: u.url for u in uploaded},
            {u.row.attachment_id: u.size for u in uploaded},
            self._clock(),
        )
        result = self._client.submit(app_id, body)
        outbox.transition(
            app_id, S.SUBMITTED, self._clock(), platform_number=result.official_number
        )
        info = outbox.sync_info(app_id)
        if info.attempts or info.next_attempt_at is not None or info.last_error is not None:
            outbox.clear_sync_failure(app_id)  # one fsync fewer on the usual first-time success
        # The submission's answer is a status: no need to ask for it again in this pass.
        self._status_checked[app_id] = time.monotonic()
        return result.official_number

    @staticmethod
    def _outcomes(futures: list[Future[_Uploaded]]) -> list[_Uploaded]:
        """Every upload's result in order, or the most telling failure among them raised."""
        failures = [f.exception() for f in futures if not f.cancelled() and f.exception()]
        # A platform-wide failure (or a bug) outranks this application's own trouble, and
        # a final verdict outranks "try again later".
        ranks: tuple[tuple[type[BaseException], ...], ...] = (
            (CredentialsRefused, *GLOBAL_ERRORS),
            (PermanentRefusal, RecordTamperedError),
            (TransientRefusal,),
        )
        for failure in failures:
            if failure is not None and not isinstance(failure, tuple(k for r in ranks for k in r)):
                raise failure
        for kinds in ranks:
            for failure in failures:
                if isinstance(failure, kinds):
                    raise failure
        return [f.result() for f in futures]

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
            except AlreadyRated as refusal:
                # One rating per application: the platform's stands, ours is done (not retried).
                answer = self._platform_rating(rating.application_id)
                outbox.finish_rating(
                    rating.application_id,
                    self._clock(),
                    refused=f"{refusal.code}: the platform holds {answer}",
                )
                report.ratings_closed += 1
                continue
            except PermanentRefusal as refusal:
                outbox.finish_rating(rating.application_id, self._clock(), refused=refusal.code)
                report.ratings_closed += 1
                continue
            except TransientRefusal:
                continue
            outbox.finish_rating(rating.application_id, self._clock(), refused=None)
            report.ratings_sent += 1

    def _platform_rating(self, application_id: str) -> str:
        """The rating level the platform holds, for the record ("unknown" if it won't say)."""
        try:
            answer = self._client.status(application_id)
        except (PermanentRefusal, TransientRefusal):
            return "unknown"
        return answer.rating.level if answer.rating is not None else "unknown"

    def _maybe_pull_catalog(self, report: CycleReport) -> None:
        """Catalog and terminal settings, every ``catalog_interval_s``."""
        if self._catalog is None and self._config is None:
            return
        now = time.monotonic()
        if (
            self._last_catalog_pull is not None
            and now - self._last_catalog_pull < self._settings.catalog_interval_s
        ):
            return
        try:
            if self._config is not None:
                self._pull_config(report)
            if self._catalog is None:
                self._last_catalog_pull = now
                return
            pulled = pull_catalog(self._client, self._catalog)
        except (PermanentRefusal, TransientRefusal) as error:
            log.info("catalog or settings not pulled", extra={"reason": str(error)[:200]})
            return
        self._last_catalog_pull = now
        report.catalog = pulled.outcome
        if pulled.outcome in (CatalogOutcome.UPDATED, CatalogOutcome.REFUSED):
            self._event(
                f"catalog_{pulled.outcome.value}",
                version=pulled.version,
                previous_version=pulled.previous_version,
            )

    def _maybe_pull_revocations(self, report: CycleReport) -> None:
        """The signed list of revoked terminal certificates, every ``catalog_interval_s``."""
        if self._revocations is None:
            return
        now = time.monotonic()
        last = self._last_revocation_pull
        if last is not None and now - last < self._settings.catalog_interval_s:
            return
        try:
            pulled = self._revocations.pull(self._client, self._clock())
        except (PermanentRefusal, TransientRefusal) as error:
            log.info("revocation list not pulled", extra={"reason": str(error)[:200]})
            return
        self._last_revocation_pull = now
        report.revocations = pulled.outcome
        if pulled.outcome is not RevocationOutcome.CURRENT:
            self._event(f"revocations_{pulled.outcome.value}", revoked=pulled.revoked)

    def _pull_config(self, report: CycleReport) -> None:
        assert self._config is not None
        pulled = self._config.pull(self._client)
        report.config = pulled.outcome
        if pulled.outcome is not ConfigOutcome.CURRENT:
            self._event(f"settings_{pulled.outcome.value}", version=pulled.version)

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

    def _purge_expired(self) -> None:
        """Personal data of applications the platform finished, once retention has passed."""
        if self._retention_days is None:
            return
        purged = purge_expired(self._store, self._clock(), self._retention_days)
        if purged:
            self._event("personal_data_purged", applications=len(purged))

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
        # A locked technician entry (repeated wrong PINs or cards) shows on the monitoring page.
        devices.setdefault("technician_entry", entry_state(self._store.data_dir))
        printer = self._printer_status()
        paper = devices.pop("printer_paper", printer.heartbeat_paper if printer else "unknown")
        extra = {"printer_checked_at": printer.at.isoformat()} if printer is not None else {}
        try:
            ack = self._client.heartbeat(
                {
                    "terminal_time": self._clock().isoformat(),
                    "devices": devices,
                    "printer_paper": paper,
                    **extra,
                    "queue_depth": len(outbox.in_state(*TO_SEND)),
                    "quarantined": len(outbox.in_state(S.QUARANTINED)),
                    "versions": self._versions,
                    **({"audit": audit} if (audit := self._audit_push.pending()) else {}),
                }
            )
        except (TransientRefusal, PermanentRefusal) as error:
            log.info("heartbeat not taken", extra={"reason": str(error)[:200]})
            return
        self._last_heartbeat = now
        self._audit_push.acknowledged(ack.audit_seq)
        self._set_status(clock_skew_s=ack.clock_skew_s)
        if abs(ack.clock_skew_s) > 300:
            log.warning("terminal clock is off", extra={"clock_skew_s": round(ack.clock_skew_s)})


__all__ = ["CycleReport", "OutageState", "SyncEngine", "SyncError", "SyncState", "SyncStatus"]
