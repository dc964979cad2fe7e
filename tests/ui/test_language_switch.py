"""Switching 中文/English re-translates every screen in place: what the resident typed stays."""

from __future__ import annotations

from PySide6.QtCore import Qt

from config.schema import Language
from tests.ui.event_loop import settle
from ui.router import ScreenName


def _switch_language(window, qtbot) -> None:
    qtbot.mouseClick(window.header.language_button, Qt.MouseButton.LeftButton)
    settle()


def test_typed_number_survives_switching_to_english_and_back(window, qtbot):
    window.router.go(ScreenName.TRACK)
    edit = window.track.number_edit
    qtbot.keyClicks(edit, "MY0001-20240506-0007")
    assert window.track.query_button.text() == "查询"

    _switch_language(window, qtbot)
    assert window.language() is Language.EN
    assert window.track.query_button.text() == "Query"
    assert window.footer.back_button.text() == "Back"
    assert window.header.language_button.text() == "中文"
    assert edit.text() == "MY0001-20240506-0007"
    assert window.router.current() is ScreenName.TRACK

    _switch_language(window, qtbot)
    assert window.language() is Language.ZH
    assert window.track.query_button.text() == "查询"
    assert window.footer.back_button.text() == "返回"
    assert window.header.language_button.text() == "English"
    assert edit.text() == "MY0001-20240506-0007"


def test_every_screen_follows_the_language(window, qtbot):
    titles_zh = [tile.accessibleName() for tile in window.attract.tiles]
    assert titles_zh == ["办理业务", "进度查询", "办事指南", "服务评价"]

    _switch_language(window, qtbot)
    assert [tile.accessibleName() for tile in window.attract.tiles] == [
        "Apply",
        "Track",
        "Guide",
        "Rate",
    ]
    assert window.idle_overlay.heading.text() == "Are you still there?"
    assert window.router.screen(ScreenName.RATE).prompt().startswith("How satisfied")
    assert window.header.clock_date.text().split()[0] in {
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    }

    _switch_language(window, qtbot)
    assert window.idle_overlay.heading.text() == "还在吗？"
    assert "年" in window.header.clock_date.text()


def test_answer_shown_is_retranslated_not_lost(window, qtbot):
    window.router.go(ScreenName.TRACK)
    window.track.query()  # nothing typed: the screen asks for the number
    assert window.track.answer_text() == "请先输入编号。"

    _switch_language(window, qtbot)
    assert window.track.answer_text() == "Please enter the number first."
