"""Rate the service (好差评): five levels, reasons required for the two lowest, one per application.

An application of this terminal is rated into its outbox (the sync engine pushes the rating once
the platform holds the application, so rating works offline); one from elsewhere is rated at the
platform directly, which needs it to be reachable. Blocking: call off the UI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from enum import StrEnum

from config.schema import KioskSettings
from config.secrets import Secrets, load_secrets
from kiosk.sync.errors import NotFound, PermanentRefusal, SyncError, TransientRefusal
from kiosk.sync.platform_client import PlatformClient
from kiosk.tracking import ClientFactory, normalize_number
from offline_cache.outbox import Outbox

log = logging.getLogger(__name__)


class RatingLevel(StrEnum):
    """The five levels, best first (the platform's codes)."""

    VERY_SATISFIED = "very_satisfied"  # 非常满意
    SATISFIED = "satisfied"  # 满意
    BASIC = "basic"  # 基本满意
    DISSATISFIED = "dissatisfied"  # 不满意
    VERY_DISSATISFIED = "very_dissatisfied"  # 非常不满意


NEEDS_REASONS = frozenset({RatingLevel.DISSATISFIED, RatingLevel.VERY_DISSATISFIED})


class RatingReason(StrEnum):
    """Reasons a resident can pick for a low rating (codes only: no free text, no personal data)."""

    LONG_WAIT = "long_wait"
    UNCLEAR_GUIDANCE = "unclear_guidance"
    TOO_MANY_MATERIALS = "too_many_materials"
    TERMINAL_HARD_TO_USE = "terminal_hard_to_use"
    SLOW_PROCESSING = "slow_processing"
    STAFF_ATTITUDE = "staff_attitude"
    OTHER = "other"


class RateOutcome(StrEnum):
    """What became of a rating."""

    QUEUED = "queued"  # in this terminal's outbox; the sync engine sends it
    SENT = "sent"  # taken by the platform now
    ALREADY_RATED = "already_rated"
    INVALID_NUMBER = "invalid_number"
    UNKNOWN_NUMBER = "unknown_number"
    PLATFORM_ERROR = "platform_error"  # not from this terminal, and the platform is out of reach


class ReasonsRequired(ValueError):
    """A rating of the two lowest levels without a reason."""


def check_rating(level: RatingLevel, reasons: Sequence[RatingReason]) -> tuple[str, ...]:
    """The reason codes to send, sorted, no repeats; ReasonsRequired for a bare low level."""
    if level in NEEDS_REASONS and not reasons:
        raise ReasonsRequired(f"{level.value} needs at least one reason")
    return tuple(sorted({reason.value for reason in reasons}))


class Rater:
    """Takes a resident's rating for an application named by its receipt or official number."""

    def __init__(
        self,
        settings: KioskSettings,
        client_factory: ClientFactory = PlatformClient.from_settings,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._settings = settings
        self._client_factory = client_factory
        self._clock = clock or (lambda: datetime.now(UTC))

    def rate(
        self, number: str, level: RatingLevel, reasons: Sequence[RatingReason] = ()
    ) -> RateOutcome:
        """Queue or send the rating; ReasonsRequired is raised before anything is stored."""
        codes = check_rating(level, reasons)
        normalized = normalize_number(number)
        if normalized is None:
            return RateOutcome.INVALID_NUMBER
        local = self._queue_locally(normalized, level, codes)
        if local is not None:
            return local
        return self._rate_at_platform(normalized, level, codes)

    def _queue_locally(
        self, number: str, level: RatingLevel, codes: tuple[str, ...]
    ) -> RateOutcome | None:
        data_dir = self._settings.storage.data_dir.expanduser()
        if not Outbox.exists_in(data_dir):
            return None
        outbox = Outbox(data_dir)
        try:
            record = outbox.find(number)
            if record is None:
                return None
            queued = outbox.queue_rating(record.application_id, level.value, codes, self._clock())
        finally:
            outbox.close()
        log.info("rating queued" if queued else "rating refused: already rated")
        return RateOutcome.QUEUED if queued else RateOutcome.ALREADY_RATED

    def _rate_at_platform(
        self, number: str, level: RatingLevel, codes: tuple[str, ...]
    ) -> RateOutcome:
        try:
            secrets = load_secrets(self._settings.storage.secrets_file.expanduser())
        except Exception:  # unreadable secrets: the doctor reports it
            secrets = Secrets()
        if not secrets.enrolled:
            return RateOutcome.PLATFORM_ERROR
        client = self._client_factory(self._settings, secrets)
        try:
            status = client.status(number)
            if status.rating is not None:
                return RateOutcome.ALREADY_RATED
            client.rate(status.application_id, level.value, list(codes))
        except NotFound:
            return RateOutcome.UNKNOWN_NUMBER
        except PermanentRefusal as refusal:
            log.info("platform refused the rating", extra={"code": refusal.code})
            return RateOutcome.PLATFORM_ERROR
        except TransientRefusal as error:
            if str(error).startswith("409 already_rated"):  # rated meanwhile elsewhere
                return RateOutcome.ALREADY_RATED
            log.info("platform not usable for rating", extra={"reason": "transient"})
            return RateOutcome.PLATFORM_ERROR
        except SyncError as error:
            log.info("platform not usable for rating", extra={"reason": type(error).__name__})
            return RateOutcome.PLATFORM_ERROR
        finally:
            client.close()
        return RateOutcome.SENT


__all__ = [
    "NEEDS_REASONS",
    "RateOutcome",
    "Rater",
    "RatingLevel",
    "RatingReason",
    "ReasonsRequired",
    "check_rating",
]
