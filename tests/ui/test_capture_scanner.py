"""The capture screen with a real SANE scanner (python-sane → libsane → the `test` backend):
Scan with progress, the device's problems in plain words, Stop scanning."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from config.schema import SaneScannerSettings
from kiosk.document_capture import ScannerCapture, open_document_capture
from tests.ui.capture_screen_fixture import capture_screen_fixture  # noqa: F401 (fixture)

pytestmark = pytest.mark.stack


def _scanner(**changes: object) -> ScannerCapture:
    base: dict[str, object] = {"backend": "sane", "device": "test:0", "resolution_dpi": 75}
    source = open_document_capture(SaneScannerSettings.model_validate({**base, **changes}))
    assert isinstance(source, ScannerCapture)
    return source


def test_scan_adds_the_scanned_page(qtbot, screen, sane_config_dir: Path) -> None:
    source = _scanner()
    source.scanner.set_option("test-picture", "Color pattern")  # type: ignore[attr-defined]
    screen.begin("Household register", source)
    screen.scan_button.click()
    assert not screen.scan_button.isEnabled()  # one scan at a time
    qtbot.waitUntil(lambda: screen.scan_worker is None, timeout=10000)
    assert len(screen.pages) == 1
    assert len(screen.thumb_buttons) == 1
    assert screen.scan_button.isEnabled() and screen.scan_problem.isHidden()


def test_the_feeder_scans_every_sheet_with_progress(qtbot, screen, sane_config_dir) -> None:
    screen.begin("Household register", _scanner(source="adf"))
    progress_seen: list[str] = []
    screen.pageAdded.connect(lambda _i: progress_seen.append(screen.scan_status.text()))
    screen.scan_button.click()
    assert screen.scan_progress.isVisible()
    qtbot.waitUntil(lambda: screen.scan_worker is None, timeout=20000)
    assert len(screen.pages) > 1
    assert any("so far" in text for text in progress_seen)
    assert screen.scan_progress.isHidden()
    assert screen.scan_problem.isHidden()  # the feeder running out after pages is not a fault


@pytest.mark.parametrize(
    ("status", "words"),
    [
        ("SANE_STATUS_JAMMED", "jammed"),
        ("SANE_STATUS_NO_DOCS", "feeder is empty"),
        ("SANE_STATUS_COVER_OPEN", "cover is open"),
    ],
)
def test_scanner_trouble_is_told_in_plain_words(
    qtbot, screen, sane_config_dir, status: str, words: str
) -> None:
    source = _scanner(source="adf")
    source.scanner.set_option("read-return-value", status)  # type: ignore[attr-defined]
    screen.begin("Household register", source)
    screen.scan_button.click()
    qtbot.waitUntil(lambda: screen.scan_worker is None, timeout=10000)
    assert screen.pages == []
    assert screen.scan_problem.isVisible()
    assert words in screen.scan_problem.text()
    # Cleared, the next scan works.
    source.scanner.set_option("read-return-value", "Default")  # type: ignore[attr-defined]
    screen.scan_button.click()
    qtbot.waitUntil(lambda: screen.scan_worker is None, timeout=20000)
    assert screen.pages and screen.scan_problem.isHidden()


def test_a_slow_scan_is_stopped(qtbot, screen, sane_config_dir) -> None:
    source = _scanner(resolution_dpi=300)
    for option, value in (
        ("read-limit", True),
        ("read-limit-size", 32768),
        ("read-delay", True),
        ("read-delay-duration", 20000),
    ):
        source.scanner.set_option(option, value)  # type: ignore[attr-defined]
    screen.begin("Household register", source)
    screen.scan_button.click()
    qtbot.wait(200)
    assert screen.cancel_scan_button.isVisible()
    screen.cancel_scan_button.click()
    qtbot.waitUntil(lambda: screen.scan_worker is None, timeout=3000)
    assert screen.pages == []
    assert "cancelled" in screen.scan_problem.text()


def test_a_duplex_feeder_adds_both_sides_of_every_sheet(qtbot, screen, sane_config_dir) -> None:
    source = _scanner(device="dfeed:0", source="adf_duplex")
    source.scanner.set_option("sheets", 2)  # type: ignore[attr-defined]
    screen.begin("Household register", source)
    screen.scan_button.click()
    qtbot.waitUntil(lambda: screen.scan_worker is None, timeout=10000)
    assert len(screen.pages) == 4 and len(screen.thumb_buttons) == 4
    assert screen.scan_problem.isHidden()


def test_a_duplex_jam_keeps_the_sheets_before_it_and_says_so(
    qtbot, screen, sane_config_dir
) -> None:
    source = _scanner(device="dfeed:0", source="adf_duplex")
    source.scanner.set_option("sheets", 3)  # type: ignore[attr-defined]
    source.scanner.set_option("jam-sheet", 2)  # type: ignore[attr-defined]
    screen.begin("Household register", source)
    screen.scan_button.click()
    qtbot.waitUntil(lambda: screen.scan_worker is None, timeout=10000)
    assert len(screen.pages) == 2  # front and back of the first sheet
    assert "jammed" in screen.scan_problem.text()


def test_a_scanner_slow_to_cancel_does_not_freeze_the_screen(
    qtbot, screen, sane_config_dir
) -> None:
    """sane_cancel may take seconds on a real scanner: the cancel button returns at once."""
    source = _scanner(device="dfeed:0", source="adf_duplex")
    source.scanner.set_option("sheets", 50)  # type: ignore[attr-defined]
    source.scanner.set_option("cancel-delay", 1500)  # type: ignore[attr-defined]
    screen.begin("Household register", source)
    screen.scan_button.click()
    qtbot.waitUntil(lambda: len(screen.pages) >= 1, timeout=10000)
    assert screen.scan_worker is not None, "the feeder should still be scanning"
    started = time.monotonic()
    screen.cancel_scan_button.click()
    assert time.monotonic() - started < 0.5
    qtbot.waitUntil(lambda: screen.scan_worker is None, timeout=10000)
    assert len(screen.pages) < 100 and "cancelled" in screen.scan_problem.text()
