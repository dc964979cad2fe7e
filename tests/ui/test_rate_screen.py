"""Rate (服务评价): five big choices, reasons required for the two lowest, a thank-you; queued
offline and pushed by the sync engine; reachable from the receipt and the track screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.rating import RatingLevel, RatingReason
from kiosk.receipt_step import ReceiptDelivery
from tests.fixtures.receipts import sample_receipt
from tests.fixtures.tracking import open_tracking_terminal, seed_one
from tests.ui.tracking_window import in_english, offline, open_window
from ui.router import ScreenName

TIMEOUT_MS = 15_000


@pytest.fixture
def terminal(tmp_path, tls_platform):
    """An enrolled terminal with one application still in its outbox (not yet sent)."""
    opened = open_tracking_terminal(tmp_path, tls_platform)
    opened.application_id = seed_one(opened)
    try:
        yield opened
    finally:
        opened.client.close()
        opened.store.close()


def _click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_two_lowest_levels_ask_for_reasons_before_anything_is_stored(qtbot, terminal):
    window = open_window(qtbot, in_english(offline(terminal.settings)))
    rate = window.rate
    window.router.go(ScreenName.RATE)
    rate.number_edit.setText(terminal.store.outbox.get(terminal.application_id).receipt_number)
    chips = list(rate.reason_buttons.values())
    _click(qtbot, rate.level_buttons[RatingLevel.SATISFIED])
    assert not any(chip.isVisible() for chip in chips)
    _click(qtbot, rate.level_buttons[RatingLevel.VERY_DISSATISFIED])
    assert all(chip.isVisible() for chip in chips)
    _click(qtbot, rate.submit_button)
    assert rate.answer_text() == "Please choose at least one reason."
    assert terminal.store.outbox.pending_ratings() == []


def test_submit_without_a_choice_asks_for_one(qtbot, terminal):
    window = open_window(qtbot, in_english(terminal.settings))
    window.router.go(ScreenName.RATE)
    window.rate.number_edit.setText("MY-DEMO-001-20240501-00012D")
    _click(qtbot, window.rate.submit_button)
    assert window.rate.answer_text() == "Please choose one of the five answers."


def test_an_offline_rating_is_queued_then_pushed_by_the_engine(qtbot, terminal):
    window = open_window(qtbot, in_english(offline(terminal.settings)))
    rate = window.rate
    receipt = terminal.store.outbox.get(terminal.application_id).receipt_number
    window.router.go(ScreenName.RATE)
    rate.number_edit.setText(receipt)
    _click(qtbot, rate.level_buttons[RatingLevel.DISSATISFIED])
    _click(qtbot, rate.reason_buttons[RatingReason.LONG_WAIT])
    _click(qtbot, rate.submit_button)
    qtbot.waitUntil(lambda: rate.done_button.isVisible(), timeout=TIMEOUT_MS)
    assert rate.answer_text() == "Thank you! Your rating has been recorded."
    [pending] = terminal.store.outbox.pending_ratings()
    assert (pending.level, pending.reasons) == ("dissatisfied", ("long_wait",))

    report = terminal.engine.cycle()
    assert report.ratings_sent == 1
    rating = terminal.client.status(terminal.application_id).rating
    assert (rating.level, rating.reasons) == ("dissatisfied", ["long_wait"])

    _click(qtbot, rate.done_button)  # ends the visit
    assert window.router.current() is ScreenName.ATTRACT
    assert rate.number_edit.text() == ""


def test_a_second_rating_of_the_same_application_is_refused_politely(qtbot, terminal):
    window = open_window(qtbot, in_english(offline(terminal.settings)))
    rate = window.rate
    receipt = terminal.store.outbox.get(terminal.application_id).receipt_number
    for expected in (
        "Thank you! Your rating has been recorded.",
        "This application has already been rated. Thank you!",
    ):
        rate.start_for(receipt)
        window.router.go(ScreenName.RATE)
        _click(qtbot, rate.level_buttons[RatingLevel.VERY_SATISFIED])
        _click(qtbot, rate.submit_button)
        qtbot.waitUntil(lambda: rate.done_button.isVisible(), timeout=TIMEOUT_MS)
        assert rate.answer_text() == expected


def test_rate_now_on_the_receipt_opens_the_rating_with_the_number(qtbot, window):
    receipt = sample_receipt()
    window.journey.receipt.show_receipt(receipt, ReceiptDelivery.PRINTED, 48)
    window.router.go(ScreenName.RECEIPT)
    _click(qtbot, window.journey.receipt.rate_button)
    assert window.router.current() is ScreenName.RATE
    assert window.rate.number_edit.text() == receipt.receipt_number
