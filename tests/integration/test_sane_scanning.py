"""Scanning through the real SANE stack (python-sane → libsane → `test` and `pnm` backends).

The `test` backend's read-return-value option makes sane_read() answer a chosen status, so a
jam, an open cover, an empty feeder and an I/O error are the real SANE codes, not mocks.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from config.schema import SaneScannerSettings
from devices.scanner.base import ScanError, ScanProblem
from devices.scanner.discovery import list_sane_devices
from devices.scanner.imaging.page_size import PageSize
from devices.scanner.imaging.pipeline import process_scan
from devices.scanner.sane_scanner import SaneScanner
from tests.data.imaging.generate import render_document

pytestmark = pytest.mark.stack


def _settings(**changes: object) -> SaneScannerSettings:
    base: dict[str, object] = {"backend": "sane", "device": "test:0", "resolution_dpi": 75}
    return SaneScannerSettings.model_validate({**base, **changes})


@pytest.fixture
def open_scanner(sane_config_dir: Path) -> Iterator[list[SaneScanner]]:
    """Opened scanners are closed after the test, whatever happened."""
    opened: list[SaneScanner] = []
    yield opened
    for scanner in opened:
        scanner.close()


def _open(opened: list[SaneScanner], **changes: object) -> SaneScanner:
    scanner = SaneScanner(_settings(**changes))
    opened.append(scanner)
    return scanner


def test_flatbed_scan_uses_configured_mode_and_resolution(open_scanner: list[SaneScanner]) -> None:
    scanner = _open(open_scanner, mode="gray", resolution_dpi=150)
    scanner.set_option("test-picture", "Grid")
    pages = list(scanner.scan())
    assert len(pages) == 1
    page = pages[0]
    assert page.dpi == 150
    # test:0 scans 80 × 100 mm; at 150 dpi that is 472 × 590 pixels.
    assert page.image.shape == (590, 472, 3)
    assert np.array_equal(page.image[:, :, 0], page.image[:, :, 2])  # gray delivered as gray
    assert 0 < page.image.mean() < 255  # the grid, not a blank


def test_options_are_discovered_from_the_device(open_scanner: list[SaneScanner]) -> None:
    scanner = _open(open_scanner)
    options = scanner.options()
    assert options["source"].constraint == ["Flatbed", "Automatic Document Feeder"]
    assert options["mode"].constraint == ["Gray", "Color"]
    assert options["resolution"].settable


def test_colour_mode_is_matched_to_the_devices_own_name(open_scanner: list[SaneScanner]) -> None:
    scanner = _open(open_scanner, mode="color")
    scanner.set_option("test-picture", "Color pattern")
    image = next(scanner.scan()).image
    assert not np.array_equal(image[:, :, 0], image[:, :, 2])


def test_feeder_scans_every_sheet_until_it_is_empty(open_scanner: list[SaneScanner]) -> None:
    scanner = _open(open_scanner, source="adf")
    pages = list(scanner.scan())
    assert len(pages) > 1
    assert [p.sheet for p in pages] == list(range(len(pages)))


def test_duplex_asked_of_a_simplex_feeder_scans_one_side(open_scanner: list[SaneScanner]) -> None:
    scanner = _open(open_scanner, source="adf_duplex")
    pages = list(scanner.scan())
    assert pages and {p.side for p in pages} == {"front"}


@pytest.mark.parametrize(
    ("status", "problem", "words"),
    [
        ("SANE_STATUS_NO_DOCS", ScanProblem.FEEDER_EMPTY, "feeder is empty"),
        ("SANE_STATUS_JAMMED", ScanProblem.JAMMED, "jammed"),
        ("SANE_STATUS_COVER_OPEN", ScanProblem.COVER_OPEN, "cover is open"),
        ("SANE_STATUS_IO_ERROR", ScanProblem.IO_ERROR, "stopped answering"),
        ("SANE_STATUS_DEVICE_BUSY", ScanProblem.DEVICE_BUSY, "busy"),
    ],
)
def test_device_trouble_becomes_a_clear_message(
    open_scanner: list[SaneScanner], status: str, problem: ScanProblem, words: str
) -> None:
    scanner = _open(open_scanner, source="adf")
    scanner.set_option("read-return-value", status)
    with pytest.raises(ScanError) as caught:
        list(scanner.scan())
    assert caught.value.problem is problem
    assert words in str(caught.value)


def test_scanner_recovers_after_a_jam_is_cleared(open_scanner: list[SaneScanner]) -> None:
    scanner = _open(open_scanner)
    scanner.set_option("read-return-value", "SANE_STATUS_JAMMED")
    with pytest.raises(ScanError):
        list(scanner.scan())
    scanner.set_option("read-return-value", "Default")
    assert len(list(scanner.scan())) == 1


def test_a_slow_scan_can_be_cancelled(open_scanner: list[SaneScanner]) -> None:
    scanner = _open(open_scanner, resolution_dpi=300)
    # About 45 reads of 32 kB at 20 ms each: a scan of ~1 s, cancelled after 0.2 s.
    scanner.set_option("read-limit", True)
    scanner.set_option("read-limit-size", 32768)
    scanner.set_option("read-delay", True)
    scanner.set_option("read-delay-duration", 20000)
    threading.Timer(0.2, scanner.cancel).start()
    started = time.monotonic()
    with pytest.raises(ScanError) as caught:
        list(scanner.scan())
    assert caught.value.problem is ScanProblem.CANCELLED
    assert time.monotonic() - started < 0.8


def test_unknown_device_is_reported_as_no_device(sane_config_dir: Path) -> None:
    with pytest.raises(ScanError) as caught:
        SaneScanner(_settings(device="nosuch:0"))
    assert caught.value.problem is ScanProblem.NO_DEVICE


def test_scanner_without_feeder_refuses_feeder_source(sane_config_dir: Path) -> None:
    with pytest.raises(ScanError) as caught:
        SaneScanner(_settings(device="pnm:0", source="adf"))
    assert caught.value.problem is ScanProblem.UNSUPPORTED


def test_scanned_document_comes_out_level_upright_and_a4(
    open_scanner: list[SaneScanner], tmp_path: Path
) -> None:
    document, _ = render_document("text", np.random.default_rng(3))
    askew = Image.fromarray(document[:, :, ::-1]).rotate(
        2.0, fillcolor=(240, 240, 240), expand=False
    )
    source = tmp_path / "page.ppm"
    askew.save(source)
    scanner = _open(open_scanner, device="pnm:0")
    scanner.set_option("filename", str(source))
    page = next(scanner.scan())
    # The pnm backend reports no resolution: the rendered page is 4 px/mm, about 102 dpi.
    processed = process_scan(page.image, dpi=102)
    assert processed.page_size is PageSize.A4
    assert processed.quality.acceptable, processed.quality.names()


def _sigpipe_ignored() -> bool:
    for line in Path(f"/proc/{os.getpid()}/status").read_text().splitlines():
        if line.startswith("SigIgn:"):
            return bool(int(line.split()[1], 16) & (1 << (signal.SIGPIPE - 1)))
    raise AssertionError("no SigIgn line")


def test_a_scan_never_leaves_the_kiosk_killable_by_a_dropped_connection(
    open_scanner: list[SaneScanner],
) -> None:
    # SANE's reader resets SIGPIPE to "terminate": a printer or platform connection dropped
    # after a scan would then kill the whole kiosk instead of raising BrokenPipeError.
    assert _sigpipe_ignored()
    list(_open(open_scanner).scan())
    assert _sigpipe_ignored()


def test_inventories_from_several_threads_neither_crash_nor_end_a_running_scan(
    open_scanner: list[SaneScanner],
) -> None:
    scanner = SaneScanner(_settings())
    open_scanner.append(scanner)
    found: list[set[str]] = []

    def inventory() -> None:
        for _ in range(5):
            found.append({s.name for s in list_sane_devices()})

    threads = [threading.Thread(target=inventory) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(found) == 20 and all("test:0" in names for names in found)
    assert len(list(scanner.scan())) == 1  # SANE was not shut down under the open device
