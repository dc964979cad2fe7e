"""The captured pages on the capture screen: shown large with a verdict, reordered, deleted,
retaken, and handed back in their order when the resident touches Done.

Pages come from the demo folder scanner (each Scan takes the next image of the folder), so
every page is a known, different picture.
"""

from __future__ import annotations

from pathlib import Path

from config.schema import SimulatedScannerSettings
from kiosk.document_capture import ScannerCapture, open_document_capture
from kiosk.material_capture import sample_page
from tests.ui.capture_screen_fixture import capture_screen_fixture  # noqa: F401 (fixture)


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for index in range(count):
        sample_page(f"第{index + 1}页", index + 1, count).save(folder / f"page{index}.png")
    return folder


def _scan_pages(qtbot, screen, tmp_path: Path, count: int = 3) -> list:
    source = open_document_capture(
        SimulatedScannerSettings(backend="simulated", source=_folder(tmp_path, count))
    )
    assert isinstance(source, ScannerCapture)
    screen.begin("Household register", source)
    assert screen.scan_button.isVisible() and not screen.capture_button.isVisible()
    for index in range(count):
        screen.scan_button.click()
        qtbot.waitUntil(lambda i=index: len(screen.pages) == i + 1, timeout=5000)
        qtbot.waitUntil(lambda: screen.scan_worker is None, timeout=5000)
    return list(screen.pages)


def test_each_scanned_page_is_shown_large_with_its_verdict(qtbot, screen, tmp_path) -> None:
    pages = _scan_pages(qtbot, screen, tmp_path, 2)
    assert len(screen.thumb_buttons) == 2
    assert screen.selected == 1 and screen.thumb_buttons[1].isChecked()
    assert not screen.page_view.pixmap().isNull()
    assert screen.verdict.text() == pages[1].verdict.message.en
    screen.thumb_buttons[0].click()
    assert screen.selected == 0
    assert screen.verdict.text() == pages[0].verdict.message.en


def test_pages_are_reordered_with_move_earlier_and_later(qtbot, screen, tmp_path) -> None:
    a, b, c = _scan_pages(qtbot, screen, tmp_path)
    screen.thumb_buttons[0].click()
    assert not screen.earlier_button.isEnabled()
    screen.later_button.click()
    assert screen.pages == [b, a, c] and screen.selected == 1
    screen.later_button.click()
    assert screen.pages == [b, c, a]
    assert not screen.later_button.isEnabled()
    screen.earlier_button.click()
    assert screen.pages == [b, a, c]


def test_a_page_is_deleted(qtbot, screen, tmp_path) -> None:
    a, _b, c = _scan_pages(qtbot, screen, tmp_path)
    screen.thumb_buttons[1].click()
    screen.delete_button.click()
    assert screen.pages == [a, c]
    assert len(screen.thumb_buttons) == 2


def test_a_retaken_page_takes_the_old_ones_place(qtbot, screen, tmp_path) -> None:
    a, b, c = _scan_pages(qtbot, screen, tmp_path)
    screen.thumb_buttons[0].click()
    screen.retake_button.click()
    assert screen.pages == [b, c]
    screen.scan_button.click()
    qtbot.waitUntil(lambda: len(screen.pages) == 3, timeout=5000)
    assert screen.pages[1:] == [b, c] and screen.pages[0] not in (a, b, c)
    assert screen.selected == 0


def test_done_hands_the_pages_over_in_their_order(qtbot, screen, tmp_path) -> None:
    a, b, c = _scan_pages(qtbot, screen, tmp_path)
    screen.thumb_buttons[2].click()
    screen.earlier_button.click()
    with qtbot.waitSignal(screen.done, timeout=3000) as done:
        screen.done_button.click()
    assert done.args[0] == [a.page, c.page, b.page]
    assert screen.source is None  # the device is released
