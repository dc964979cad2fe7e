"""Screenshots of the track and rate screens with something on them (no platform needed)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kiosk.rating import RatingLevel, RatingReason
from kiosk.tracking import Outcome, Source, TrackAnswer, TrackedApplication, TrackEvent, TrackStatus
from ui.router import ScreenName
from ui.screens.rate import RateScreen
from ui.screens.track import TrackScreen

TRACK_RATE_SHOTS = {"track-result": ScreenName.TRACK, "rate-reasons": ScreenName.RATE}
_RECEIPT = "MY-DEMO-001-20240501-00012D"


def _sample() -> TrackAnswer:
    start = datetime(2024, 5, 1, 2, 12, tzinfo=UTC)
    history = (
        TrackEvent(TrackStatus.RECEIVED, start),
        TrackEvent(TrackStatus.ACCEPTED, start + timedelta(hours=3, minutes=5)),
        TrackEvent(TrackStatus.APPROVED, start + timedelta(days=1, hours=1)),
    )
    application = TrackedApplication(
        application_id="0190a1b2-0000-7000-8000-000000000001",
        receipt_number=_RECEIPT,
        official_number="BJ510720240501000012",
        status=TrackStatus.APPROVED,
        history=history,
        source=Source.PLATFORM,
        as_of=history[-1].at,
        rated=False,
    )
    return TrackAnswer(Outcome.FOUND, application)


def stage_track_rate_screenshot(track: TrackScreen, rate: RateScreen, screen: str) -> None:
    """Fill the track or rate screen for the screenshot named ``screen`` (others: nothing)."""
    if screen == "track-result":
        track.number_edit.setText(_RECEIPT)
        track.show_answer(_sample())
    elif screen == "rate-reasons":
        rate.start_for(_RECEIPT)
        rate.level_buttons[RatingLevel.DISSATISFIED].setChecked(True)
        rate.reason_buttons[RatingReason.LONG_WAIT].setChecked(True)
