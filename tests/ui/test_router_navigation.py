"""Screen navigation: tiles, back, home, and the signal voice guidance listens to."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.router import ScreenName


def test_tiles_lead_to_their_screens_and_back_and_home_return(window, qtbot):
    changes: list[str] = []
    window.router.changed.connect(changes.append)
    qtbot.mouseClick(window.attract.tiles[1], Qt.MouseButton.LeftButton)
    assert window.router.current() is ScreenName.TRACK
    assert window.footer.back_button.isVisible()

    qtbot.mouseClick(window.header.call_staff_button, Qt.MouseButton.LeftButton)
    assert window.router.current() is ScreenName.CALL_STAFF
    qtbot.mouseClick(window.footer.back_button, Qt.MouseButton.LeftButton)
    assert window.router.current() is ScreenName.TRACK
    qtbot.mouseClick(window.footer.home_button, Qt.MouseButton.LeftButton)
    assert window.router.current() is ScreenName.ATTRACT
    assert not window.router.can_go_back()
    assert not window.footer.back_button.isVisible()
    assert changes == ["track", "call-staff", "track", "attract"]


def test_rate_tile_opens_the_rating_screen(window, qtbot):
    tile = next(t for t in window.attract.tiles if t.name is ScreenName.RATE)
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert window.router.current() is ScreenName.RATE
    assert window.router.current_screen() is window.rate


def test_guide_tile_opens_the_catalog_search(window, qtbot):
    tile = next(t for t in window.attract.tiles if t.name is ScreenName.GUIDE)
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert window.router.current_screen() is window.catalog.search


def test_call_staff_is_logged(window, qtbot, caplog):
    caplog.set_level("INFO", logger="ui.screens.call_staff")
    qtbot.mouseClick(window.header.call_staff_button, Qt.MouseButton.LeftButton)
    assert "已为您呼叫工作人员" in window.router.current_screen().prompt()
    assert any(record.getMessage() == "staff called" for record in caplog.records)
