"""Track an application by receipt number, official number (办件编号) or scanned receipt QR.

Online, the platform's status history is the answer. When the platform cannot be reached (or
does not know the number yet because it is still queued here), the last state this terminal's
outbox knows is shown with the time it was reached. Runs off the UI thread; the number itself
is personal enough never to be logged.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from config.schema import KioskSettings
from config.secrets import Secrets, load_secrets
from kiosk.receipt_number import parse_receipt_number
from kiosk.sync.errors import NotFound, SyncError
from kiosk.sync.platform_client import PlatformClient
from kiosk.sync.platform_models import ApplicationStatus
from kiosk.tracking_url import read_tracking_url
from offline_cache.outbox import ApplicationState, Outbox, OutboxRecord

log = logging.getLogger(__name__)

# The platform's 办件编号 (e.g. BJ510720240501000012): letters then digits, no hyphen.
_OFFICIAL = re.compile(r"^[A-Z]{1,8}\d{6,32}$")


class TrackStatus(StrEnum):
    """What a resident is told about an application, from the platform or the outbox."""

    QUEUED = "queued"  # finalized here, not yet at the platform
    RECEIVED = "received"
    ACCEPTED = "accepted"
    NEEDS_MORE = "needs_more"
    APPROVED = "approved"
    REJECTED = "rejected"
    COMPLETED = "completed"
    HELD = "held"  # quarantined here: staff must look at it


_KNOWN = frozenset(s.value for s in TrackStatus)
_FROM_OUTBOX: dict[ApplicationState, TrackStatus] = {
    ApplicationState.FINALIZED: TrackStatus.QUEUED,
    ApplicationState.UPLOADING: TrackStatus.QUEUED,
    ApplicationState.SUBMITTED: TrackStatus.RECEIVED,
    ApplicationState.NEEDS_MORE: TrackStatus.NEEDS_MORE,
    ApplicationState.ACCEPTED: TrackStatus.ACCEPTED,
    ApplicationState.REJECTED: TrackStatus.REJECTED,
    ApplicationState.COMPLETED: TrackStatus.COMPLETED,
    ApplicationState.QUARANTINED: TrackStatus.HELD,
}


class Source(StrEnum):
    """Where an answer comes from."""

    PLATFORM = "platform"
    LAST_KNOWN = "last_known"  # this terminal's outbox, the platform being out of reach


class Outcome(StrEnum):
    """The kind of answer the screen shows."""

    FOUND = "found"
    INVALID_NUMBER = "invalid_number"  # not a number we print (e.g. a wrong check character)
    BAD_QR = "bad_qr"  # not our receipt QR, or its MAC does not match
    UNKNOWN_NUMBER = "unknown_number"
    PLATFORM_ERROR = "platform_error"  # out of reach, and nothing known here


@dataclass(frozen=True)
class TrackEvent:
    """One step of the history."""

    status: TrackStatus
    at: datetime
    note: str | None = None


@dataclass(frozen=True)
class TrackedApplication:
    """Status and history of one application; ``as_of`` is when the status was last known."""

    application_id: str
    receipt_number: str
    official_number: str | None
    status: TrackStatus
    history: tuple[TrackEvent, ...]
    source: Source
    as_of: datetime
    rated: bool


@dataclass(frozen=True)
class TrackAnswer:
    """What a lookup found: an outcome and, when FOUND, the application."""

    outcome: Outcome
    application: TrackedApplication | None = None


class BadQrCode(ValueError):
    """A scanned code that is not one of our receipts (or a forged one)."""


def normalize_number(text: str) -> str | None:
    """A receipt or official number from typed text (spaces dropped, upper case), else None."""
    compact = "".join(text.split()).upper()
    if not compact:
        return None
    if parse_receipt_number(compact) is not None or _OFFICIAL.match(compact):
        return compact
    return None


def number_from_qr(text: str, mac_key: bytes | None, platform_url: str | None = None) -> str:
    """The receipt number in a scanned tracking URL; with a MAC key, its MAC must match; with
    ``platform_url``, the URL must point at the platform's host (kiosk.tracking_url)."""
    read = read_tracking_url(text, platform_url=platform_url, mac_key=mac_key)
    if read.code is None:
        raise BadQrCode(read.reason)
    return read.code


def looks_like_qr(text: str) -> bool:
    """True for scanner input that is a URL rather than a typed number."""
    return text.strip().lower().startswith(("http://", "https://"))


ClientFactory = Callable[[KioskSettings, Secrets], PlatformClient]


class Tracker:
    """Looks numbers up at the platform, falling back to this terminal's outbox."""

    def __init__(
        self, settings: KioskSettings, client_factory: ClientFactory = PlatformClient.from_settings
    ) -> None:
        self._settings = settings
        self._client_factory = client_factory

    def _secrets(self) -> Secrets:
        try:
            return load_secrets(self._settings.storage.secrets_file.expanduser())
        except Exception:  # an unreadable secrets file: look up locally; the doctor reports it
            log.warning("secrets unreadable: tracking from this terminal's records only")
            return Secrets()

    def mac_key(self) -> bytes | None:
        """The receipt MAC key, if this terminal has one."""
        key = self._secrets().receipt_mac_key
        return key.get_secret_value().encode() if key is not None else None

    def lookup(self, text: str) -> TrackAnswer:
        """Answer a typed number or a scanned receipt QR (blocking: call off the UI thread)."""
        if looks_like_qr(text):
            try:
                number = number_from_qr(text, self.mac_key(), str(self._settings.platform.url))
            except BadQrCode as error:
                log.info("scanned code refused", extra={"reason": str(error)})
                return TrackAnswer(Outcome.BAD_QR)
        else:
            found = normalize_number(text)
            if found is None:
                return TrackAnswer(Outcome.INVALID_NUMBER)
            number = found
        return self.lookup_number(number)

    def lookup_number(self, number: str) -> TrackAnswer:
        """Answer a well-formed number: the platform first, then the outbox."""
        remote, reachable = self._ask_platform(number)
        if remote is not None:
            return TrackAnswer(Outcome.FOUND, remote)
        local = self._last_known(number)
        if local is not None:
            return TrackAnswer(Outcome.FOUND, local)
        return TrackAnswer(Outcome.UNKNOWN_NUMBER if reachable else Outcome.PLATFORM_ERROR)

    def _ask_platform(self, number: str) -> tuple[TrackedApplication | None, bool]:
        """(the platform's answer or None, whether the platform answered at all)."""
        secrets = self._secrets()
        if not secrets.enrolled:
            return None, False
        client = self._client_factory(self._settings, secrets)
        try:
            status = client.status(number)
        except NotFound:
            return None, True
        except SyncError as error:
            log.info("platform not usable for tracking", extra={"reason": type(error).__name__})
            return None, False
        finally:
            client.close()
        return _from_platform(status), True

    def _last_known(self, number: str) -> TrackedApplication | None:
        data_dir = self._settings.storage.data_dir.expanduser()
        if not Outbox.exists_in(data_dir):
            return None
        outbox = Outbox(data_dir)
        try:
            record = outbox.find(number)
            if record is None:
                return None
            return _from_outbox(record, outbox.history(record.application_id))
        finally:
            outbox.close()


def _from_platform(status: ApplicationStatus) -> TrackedApplication:
    history = tuple(
        TrackEvent(TrackStatus(e.status), e.at, e.note)
        for e in status.history
        if e.status in _KNOWN
    )
    try:
        current = TrackStatus(status.status)
    except ValueError:  # a status this terminal does not know yet: show the history we do
        current = history[-1].status if history else TrackStatus.RECEIVED
    return TrackedApplication(
        application_id=status.application_id,
        receipt_number=status.receipt_number,
        official_number=status.official_number,
        status=current,
        history=history,
        source=Source.PLATFORM,
        as_of=history[-1].at if history else datetime.now().astimezone(),
        rated=status.rating is not None,
    )


def _from_outbox(
    record: OutboxRecord, changes: list[tuple[str | None, str, str]]
) -> TrackedApplication:
    events: list[TrackEvent] = []
    for _before, after, at in changes:
        state = ApplicationState(after)
        if state is ApplicationState.PURGED:
            continue  # the personal data went, not the application
        shown = _FROM_OUTBOX[state]
        if events and events[-1].status is shown:
            continue  # finalized → uploading is one "queued" for the resident
        events.append(TrackEvent(shown, datetime.fromisoformat(at)))
    shown_state = record.outcome if record.state is ApplicationState.PURGED else record.state
    current = _FROM_OUTBOX.get(shown_state or ApplicationState.COMPLETED, TrackStatus.COMPLETED)
    as_of = events[-1].at if events else record.updated_at
    return TrackedApplication(
        application_id=record.application_id,
        receipt_number=record.receipt_number,
        official_number=record.platform_number,
        status=current,
        history=tuple(events),
        source=Source.LAST_KNOWN,
        as_of=as_of,
        rated=False,
    )


__all__ = [
    "BadQrCode",
    "Outcome",
    "Source",
    "TrackAnswer",
    "TrackEvent",
    "TrackStatus",
    "TrackedApplication",
    "Tracker",
    "looks_like_qr",
    "normalize_number",
    "number_from_qr",
]
