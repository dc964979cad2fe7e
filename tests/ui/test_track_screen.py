"""Track: an honest answer, never a made-up status, and the number is never logged."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.router import ScreenName


def test_query_says_tracking_is_not_yet_available(window, qtbot, caplog):
    caplog.set_level("DEBUG")
    window.router.go(ScreenName.TRACK)
    qtbot.keyClicks(window.track.number_edit, "MY0001202405060007")
    qtbot.mouseClick(window.track.query_button, Qt.MouseButton.LeftButton)
    answer = window.track.answer_text()
    assert "本终端暂未开通进度查询" in answer
    assert window.track.message.isVisible()
    assert "MY0001202405060007" not in caplog.text


def test_query_without_a_number_asks_for_it(window, qtbot):
    window.router.go(ScreenName.TRACK)
    qtbot.mouseClick(window.track.query_button, Qt.MouseButton.LeftButton)
    assert window.track.answer_text() == "请先输入编号。"


def test_the_field_has_a_visible_label(window):
    window.router.go(ScreenName.TRACK)
    label = window.track._label
    assert label.buddy() is window.track.number_edit
    assert label.text() == "回执编号或办件编号"
