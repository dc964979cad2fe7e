"""Duplex scanning through the real SANE stack (python-sane → libsane's dll → a feeder backend).

The `test` backend of sane-backends 1.2 has no duplex source, so these use `dfeed`
(tests/fixtures/sane_dfeed.c): a sheet feeder offering "ADF Front" and "ADF Duplex" as real
duplex scanners name them, whose pages say which sheet and side they are (red = 10 × sheet
number, green 0 on a front, 255 on a back).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from config.schema import SaneScannerSettings
from devices.scanner.base import ScanError, ScannedPage, ScanProblem
from devices.scanner.sane_scanner import SaneScanner

pytestmark = pytest.mark.stack


@pytest.fixture
def feeder(sane_config_dir: Path) -> Iterator[list[SaneScanner]]:
    """Opened dfeed scanners, closed after the test whatever happened."""
    opened: list[SaneScanner] = []
    yield opened
    for scanner in opened:
        scanner.close()


def _open(opened: list[SaneScanner], source: str, sheets: int = 3, jam: int = 0) -> SaneScanner:
    settings = SaneScannerSettings(
        backend="sane",
        device="dfeed:0",
        resolution_dpi=75,
        source=source,  # type: ignore[arg-type]
    )
    scanner = SaneScanner(settings)
    opened.append(scanner)
    scanner.set_option("sheets", sheets)
    scanner.set_option("jam-sheet", jam)
    return scanner


def _printed(page: ScannedPage) -> tuple[int, str]:
    """(sheet, side) as the feeder printed them on the page (BGR pixels)."""
    blue, green, red = (int(np.median(page.image[:, :, c])) for c in range(3))
    assert blue == 128
    return red // 10 - 1, "back" if green > 127 else "front"


def test_duplex_gives_both_sides_of_every_sheet_in_order(feeder: list[SaneScanner]) -> None:
    pages = list(_open(feeder, "adf_duplex").scan())
    expected = [(sheet, side) for sheet in range(3) for side in ("front", "back")]
    assert [(p.sheet, p.side) for p in pages] == expected
    assert [_printed(p) for p in pages] == expected  # what the device really sent, in order
    assert all(p.dpi == 75 for p in pages)


def test_one_sided_feeder_source_gives_fronts_only(feeder: list[SaneScanner]) -> None:
    scanner = _open(feeder, "adf")
    assert scanner.options()["source"].constraint == ["Flatbed", "ADF Front", "ADF Duplex"]
    pages = list(scanner.scan())
    assert [(p.sheet, p.side) for p in pages] == [(0, "front"), (1, "front"), (2, "front")]
    assert [_printed(p) for p in pages] == [(p.sheet, "front") for p in pages]


def test_an_empty_feeder_is_said_clearly_in_duplex(feeder: list[SaneScanner]) -> None:
    with pytest.raises(ScanError) as caught:
        list(_open(feeder, "adf_duplex", sheets=0).scan())
    assert caught.value.problem is ScanProblem.FEEDER_EMPTY
    assert "feeder is empty" in str(caught.value)


def test_a_jam_keeps_the_sheets_before_it_and_clears_for_the_next_scan(
    feeder: list[SaneScanner],
) -> None:
    scanner = _open(feeder, "adf_duplex", sheets=3, jam=2)
    pages: list[ScannedPage] = []
    with pytest.raises(ScanError) as caught:
        for page in scanner.scan():
            pages.append(page)
    assert caught.value.problem is ScanProblem.JAMMED
    assert "jammed" in str(caught.value)
    assert [(p.sheet, p.side) for p in pages] == [(0, "front"), (0, "back")]
    scanner.set_option("jam-sheet", 0)  # the sheet is taken out, the pages put back
    again = list(scanner.scan())
    assert [(p.sheet, p.side) for p in again] == [
        (sheet, side) for sheet in range(3) for side in ("front", "back")
    ]
