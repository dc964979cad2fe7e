"""The enterprise path: the credit-code keypad checks the code live (GB 32100)."""
# ruff: noqa: F811  (pytest fixtures imported from tests.ui.identity_window)

from __future__ import annotations

from kiosk.identity_service import CREDIT_CODE_ALPHABET, CreditCodeState
from tests.ui.identity_window import (  # noqa: F401 (fixtures)
    identity_screen,
    identity_window,
    simulated_reader,
    visible_texts,
)
from ui.router import ScreenName
from ui.screens.identity_screen import IdentifyState

VALID = "91350100M000100Y43"
WRONG_CHECK = "91350100M000100Y44"


def _type(screen, code: str) -> None:
    for character in code:
        screen.keypad.keys[character].click()


def test_keypad_has_exactly_the_31_characters_of_the_code():
    assert len(CREDIT_CODE_ALPHABET) == 31
    assert not set("IOZSV") & set(CREDIT_CODE_ALPHABET)


def test_keypad_accepts_the_published_example(qtbot, identity_window):
    identity_window.router.go(ScreenName.IDENTIFY)
    screen = identity_screen(identity_window)
    screen.enterprise_button.click()
    assert set(screen.keypad.keys) == set(CREDIT_CODE_ALPHABET)
    _type(screen, VALID[:10])
    assert "已输入 10 / 18 位" in visible_texts(screen)
    assert not screen.confirm_code_button.isEnabled()
    _type(screen, VALID[10:])
    assert screen.keypad.status().state is CreditCodeState.VALID
    assert "✓ 代码校验通过" in visible_texts(screen)
    assert screen.confirm_code_button.isEnabled()
    screen.confirm_code_button.click()
    assert screen.credit_code() == VALID
    banner = visible_texts(screen)  # the banner on the card side: masked like an ID number
    assert any("9135**********0Y43" in text for text in banner)
    assert not any(VALID in text for text in banner)


def test_keypad_rejects_a_wrong_check_character(qtbot, identity_window):
    identity_window.router.go(ScreenName.IDENTIFY)
    screen = identity_screen(identity_window)
    screen.enterprise_button.click()
    _type(screen, WRONG_CHECK)
    assert screen.keypad.status().state is CreditCodeState.WRONG_CHECK_CHARACTER
    assert "最后一位（校验码）不正确，请核对代码。" in visible_texts(screen)
    assert not screen.confirm_code_button.isEnabled()
    screen.keypad.delete_key.click()
    _type(screen, "3")
    assert screen.confirm_code_button.isEnabled()
    _type(screen, "1")  # a 19th character is not taken
    assert screen.keypad.code() == VALID


def test_enterprise_code_travels_with_the_agents_identity(qtbot, identity_window, simulated_reader):
    flow = identity_window.identity_flow
    flow.go(ScreenName.APPLY)
    screen = identity_screen(identity_window)
    screen.enterprise_button.click()
    _type(screen, VALID)
    screen.confirm_code_button.click()
    simulated_reader.present(0)
    qtbot.waitUntil(lambda: screen.state() is IdentifyState.IDENTIFIED, timeout=3000)
    with qtbot.waitSignal(screen.identified) as signal:
        screen.continue_button.click()
    assert signal.args[0].credit_code == VALID
    assert signal.args[0].person.name == "柯***"


def test_licence_qr_is_not_available_without_a_scanner(identity_window):
    identity_window.router.go(ScreenName.IDENTIFY)
    screen = identity_screen(identity_window)
    screen.enterprise_button.click()
    assert not screen.scan_qr_button.isVisible()
    assert "本终端暂不支持扫描营业执照二维码，请手动输入代码。" in visible_texts(screen)
