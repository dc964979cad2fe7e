"""Rating (好差评): reasons required for the two lowest levels, one rating per application,
queued offline in the outbox and pushed by the sync engine."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.rating import (
    RateOutcome,
    Rater,
    RatingLevel,
    RatingReason,
    ReasonsRequired,
    check_rating,
)
from kiosk.receipt_number import format_receipt_number
from tests.fixtures.stacks import free_port
from tests.fixtures.tracking import open_tracking_terminal, seed_one


@pytest.fixture
def terminal(tmp_path, tls_platform):
    """An enrolled terminal with an id of its own."""
    opened = open_tracking_terminal(tmp_path, tls_platform)
    try:
        yield opened
    finally:
        opened.client.close()
        opened.store.close()


def _offline(settings):
    platform = settings.platform.model_copy(
        update={"url": f"https://127.0.0.1:{free_port()}/", "connect_timeout_s": 1.0}
    )
    return settings.model_copy(update={"platform": platform})


@pytest.mark.parametrize("level", [RatingLevel.DISSATISFIED, RatingLevel.VERY_DISSATISFIED])
def test_the_two_lowest_levels_need_a_reason(level):
    with pytest.raises(ReasonsRequired):
        check_rating(level, [])
    assert check_rating(level, [RatingReason.LONG_WAIT, RatingReason.LONG_WAIT]) == ("long_wait",)


@pytest.mark.parametrize(
    "level", [RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED, RatingLevel.BASIC]
)
def test_the_three_upper_levels_need_no_reason(level):
    assert check_rating(level, []) == ()


def test_a_low_rating_without_reason_stores_nothing(terminal):
    app_id = seed_one(terminal)
    receipt = terminal.store.outbox.get(app_id).receipt_number
    with pytest.raises(ReasonsRequired):
        Rater(terminal.settings).rate(receipt, RatingLevel.VERY_DISSATISFIED, [])
    assert terminal.store.outbox.pending_ratings() == []


def test_rating_offline_is_queued_then_pushed_by_the_engine(terminal, tls_platform):
    app_id = seed_one(terminal)
    receipt = terminal.store.outbox.get(app_id).receipt_number
    outcome = Rater(_offline(terminal.settings)).rate(
        receipt, RatingLevel.DISSATISFIED, [RatingReason.LONG_WAIT]
    )
    assert outcome is RateOutcome.QUEUED
    assert [r.application_id for r in terminal.store.outbox.pending_ratings()] == [app_id]

    report = terminal.engine.cycle()  # submits the application, then its rating
    assert report.submitted == 1
    assert report.ratings_sent == 1
    assert terminal.store.outbox.pending_ratings() == []
    rating = terminal.client.status(app_id).rating
    assert rating is not None
    assert (rating.level, rating.reasons) == ("dissatisfied", ["long_wait"])


def test_one_rating_per_application(terminal):
    app_id = seed_one(terminal)
    receipt = terminal.store.outbox.get(app_id).receipt_number
    rater = Rater(terminal.settings)
    assert rater.rate(receipt, RatingLevel.SATISFIED) is RateOutcome.QUEUED
    assert rater.rate(receipt, RatingLevel.VERY_SATISFIED) is RateOutcome.ALREADY_RATED


def test_an_application_of_another_terminal_is_rated_at_the_platform(
    terminal, tmp_path, tls_platform
):
    other = open_tracking_terminal(tmp_path / "other", tls_platform)
    try:
        app_id = seed_one(other)
        other.engine.cycle()
        official = other.store.outbox.get(app_id).platform_number
    finally:
        other.client.close()
        other.store.close()
    rater = Rater(terminal.settings)
    assert rater.rate(official, RatingLevel.BASIC) is RateOutcome.SENT
    assert rater.rate(official, RatingLevel.SATISFIED) is RateOutcome.ALREADY_RATED
    assert Rater(_offline(terminal.settings)).rate(official, RatingLevel.BASIC) is (
        RateOutcome.PLATFORM_ERROR
    )


def test_unknown_and_mistyped_numbers_are_told_apart(terminal):
    stranger = format_receipt_number("MY-ELSE-009", date(2024, 5, 1), 8)
    rater = Rater(terminal.settings)
    assert rater.rate(stranger, RatingLevel.BASIC) is RateOutcome.UNKNOWN_NUMBER
    assert rater.rate("not a number", RatingLevel.BASIC) is RateOutcome.INVALID_NUMBER
