"""The identity screen: a card read shows the masked identity; errors say what to do."""
# ruff: noqa: F811  (pytest fixtures imported from tests.ui.identity_window)

from __future__ import annotations

import logging

from devices.cardreader.errors import CardTimeout, UnsupportedCard
from devices.cardreader.events import ReaderEvent, ReaderEventKind
from kiosk import redaction
from tests.ui.event_loop import settle
from tests.ui.identity_window import (  # noqa: F401 (fixtures)
    CANARY_NAME,
    CANARY_NUMBER,
    identity_screen,
    identity_window,
    simulated_reader,
    visible_texts,
)
from ui.router import ScreenName
from ui.screens.identity_screen import IdentifyState


def test_apply_goes_through_identification_first(identity_window):
    identity_window.identity_flow.go(ScreenName.APPLY)
    assert identity_window.router.current() is ScreenName.IDENTIFY
    screen = identity_screen(identity_window)
    assert "请插入或放置您的社保卡 / 身份证" in visible_texts(screen)


def test_card_shows_masked_identity_and_never_the_full_one(
    qtbot, identity_window, simulated_reader, caplog
):
    caplog.set_level(logging.DEBUG)
    identity_window.identity_flow.go(ScreenName.APPLY)
    screen = identity_screen(identity_window)
    simulated_reader.present(0)
    qtbot.waitUntil(lambda: screen.state() is IdentifyState.IDENTIFIED, timeout=3000)

    shown = visible_texts(identity_window)
    assert "柯***" in shown
    assert CANARY_NUMBER[:4] + "*" * 10 + CANARY_NUMBER[-4:] in shown
    everything = "\n".join(shown)
    assert CANARY_NAME not in everything and CANARY_NUMBER not in everything
    assert CANARY_NUMBER[6:14] not in everything  # the birth date never shows
    assert CANARY_NAME not in caplog.text and CANARY_NUMBER not in caplog.text
    # From the read on, the log filter masks this person's values.
    assert CANARY_NAME not in redaction.redact(f"holder {CANARY_NAME}")

    screen.continue_button.click()
    assert identity_window.router.current() is ScreenName.APPLY
    assert identity_window.keeper.current.identity.number == CANARY_NUMBER


def test_expired_card_is_refused_in_plain_language(qtbot, identity_window, simulated_reader):
    identity_window.router.go(ScreenName.IDENTIFY)
    screen = identity_screen(identity_window)
    simulated_reader.present(1)
    qtbot.waitUntil(lambda: screen.state() is IdentifyState.PROBLEM, timeout=3000)
    shown = visible_texts(screen)
    assert "此证件无法办理" in shown
    assert any("您的证件已过有效期" in text for text in shown)
    assert screen.retry_button.isVisible() and screen.call_staff_button.isVisible()
    assert not screen.continue_button.isVisible()
    assert identity_window.keeper.current.identity is None


def test_unsupported_card_says_so_and_offers_a_retry(qtbot, identity_window, simulated_reader):
    identity_window.router.go(ScreenName.IDENTIFY)
    screen = identity_screen(identity_window)
    simulated_reader.events.put(ReaderEvent(ReaderEventKind.CARD_INSERTED, "sim"))
    simulated_reader.events.put(
        ReaderEvent(ReaderEventKind.READ_FAILED, "sim", error=UnsupportedCard("ATR 3B00"))
    )
    qtbot.waitUntil(lambda: screen.state() is IdentifyState.PROBLEM, timeout=3000)
    assert "不支持此卡片" in visible_texts(screen)
    assert any("请使用社保卡或身份证" in text for text in visible_texts(screen))
    screen.retry_button.click()
    assert screen.state() is IdentifyState.WAITING


def test_failed_read_asks_to_remove_the_card_and_try_again(
    qtbot, identity_window, simulated_reader
):
    identity_window.router.go(ScreenName.IDENTIFY)
    screen = identity_screen(identity_window)
    simulated_reader.events.put(ReaderEvent(ReaderEventKind.CARD_INSERTED, "sim"))
    qtbot.waitUntil(lambda: screen.state() is IdentifyState.READING, timeout=3000)
    assert screen.progress.isVisible()
    simulated_reader.events.put(
        ReaderEvent(ReaderEventKind.READ_FAILED, "sim", error=CardTimeout("no answer"))
    )
    qtbot.waitUntil(lambda: screen.state() is IdentifyState.PROBLEM, timeout=3000)
    assert any("请取出卡片后重试" in text for text in visible_texts(screen))
    # Taking the card out is enough to start again.
    simulated_reader.events.put(ReaderEvent(ReaderEventKind.CARD_REMOVED, "sim"))
    qtbot.waitUntil(lambda: screen.state() is IdentifyState.WAITING, timeout=3000)


def test_missing_reader_asks_for_staff(qtbot, identity_window, simulated_reader):
    identity_window.router.go(ScreenName.IDENTIFY)
    screen = identity_screen(identity_window)
    simulated_reader.events.put(ReaderEvent(ReaderEventKind.SERVICE_LOST))
    qtbot.waitUntil(lambda: screen.state() is IdentifyState.READER_MISSING, timeout=3000)
    assert any("读卡器不可用，请联系工作人员" in text for text in visible_texts(screen))
    screen.call_staff_button.click()
    assert identity_window.router.current() is ScreenName.CALL_STAFF


def test_demo_control_presents_a_demo_card(qtbot, identity_window):
    identity_window.router.go(ScreenName.IDENTIFY)
    screen = identity_screen(identity_window)
    assert screen.demo_box.isVisible()
    assert [button.text() for button in screen.demo_buttons] == ["柯*** 身份证 ID"] * 2
    screen.demo_buttons[0].click()
    qtbot.waitUntil(lambda: screen.state() is IdentifyState.IDENTIFIED, timeout=3000)


def test_no_demo_control_without_a_simulated_reader(window):
    # The plain window has no identity service at all: no demo control, reader missing.
    screen = window.identity_flow.screen
    window.router.go(ScreenName.IDENTIFY)
    assert not screen.demo_box.isVisible()
    assert screen.state() is IdentifyState.READER_MISSING


def test_english_texts_follow_the_language(qtbot, identity_window, simulated_reader):
    from config.schema import Language

    identity_window.router.go(ScreenName.IDENTIFY)
    screen = identity_screen(identity_window)
    simulated_reader.present(1)
    qtbot.waitUntil(lambda: screen.state() is IdentifyState.PROBLEM, timeout=3000)
    identity_window.set_language(Language.EN)
    settle()
    shown = visible_texts(screen)
    assert "Insert or place your social security card / ID card" in shown
    assert any("Your document has expired" in text for text in shown)
