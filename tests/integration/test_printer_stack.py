"""ESC/POS through the real stack: python-escpos over TCP → a loopback printer."""

from __future__ import annotations

import time

import pytest
from escpos.printer import Network

from config.schema import NetworkPrinterSettings
from devices.printer.base import PrinterStatus
from devices.printer.discovery import probe_printer
from tests.fixtures.printer import LoopbackPrinter, LoopbackState
from tests.fixtures.stacks import free_port

pytestmark = pytest.mark.stack


def _settings(port: int, timeout_s: float = 2.0) -> NetworkPrinterSettings:
    return NetworkPrinterSettings(
        backend="network", host="127.0.0.1", port=port, timeout_s=timeout_s
    )


def test_text_and_cut_arrive_byte_for_byte(loopback_printer: LoopbackPrinter) -> None:
    printer = Network("127.0.0.1", loopback_printer.port, timeout=2)
    try:
        printer.text("Receipt 0001\n")
        printer.cut()
    finally:
        printer.close()
    expected = (
        b"\x1bt\x00"  # ESC t 0: code page selected by python-escpos' magic encoder
        b"Receipt 0001\n"
        b"\x1bd\x06"  # ESC d 6: print and feed six lines before the cut
        b"\x1dV\x00"  # GS V 0: full cut
    )
    assert loopback_printer.wait_until(lambda data: len(data) >= len(expected)) == expected


@pytest.mark.parametrize(
    ("state", "paper_status", "online"),
    [
        (LoopbackState.OK, 2, True),
        (LoopbackState.PAPER_NEAR_END, 1, True),
        (LoopbackState.PAPER_OUT, 0, False),
        (LoopbackState.COVER_OPEN, 2, False),
        (LoopbackState.OFFLINE, 2, False),
    ],
)
def test_python_escpos_reads_the_status_the_printer_reports(
    loopback_printer: LoopbackPrinter, state: LoopbackState, paper_status: int, online: bool
) -> None:
    loopback_printer.set_state(state)
    printer = Network("127.0.0.1", loopback_printer.port, timeout=2)
    try:
        assert printer.paper_status() == paper_status
        assert printer.is_online() is online
    finally:
        printer.close()
    assert loopback_printer.status_queries == [b"\x10\x04\x04", b"\x10\x04\x01"]


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (LoopbackState.OK, PrinterStatus.OK),
        (LoopbackState.PAPER_NEAR_END, PrinterStatus.PAPER_NEAR_END),
        (LoopbackState.PAPER_OUT, PrinterStatus.PAPER_OUT),
        (LoopbackState.COVER_OPEN, PrinterStatus.COVER_OPEN),
        (LoopbackState.OFFLINE, PrinterStatus.OFFLINE),
    ],
)
def test_probe_maps_the_printer_state(
    loopback_printer: LoopbackPrinter, state: LoopbackState, expected: PrinterStatus
) -> None:
    loopback_printer.set_state(state)
    assert probe_printer(_settings(loopback_printer.port)) is expected


def test_silent_printer_is_unknown_within_the_timeout(loopback_printer: LoopbackPrinter) -> None:
    loopback_printer.set_state(LoopbackState.NO_ANSWER)
    started = time.monotonic()
    status = probe_printer(_settings(loopback_printer.port, timeout_s=0.5))
    elapsed = time.monotonic() - started
    assert status is PrinterStatus.UNKNOWN  # never "paper out"
    assert elapsed < 1.5, f"probe took {elapsed:.2f} s with a 0.5 s timeout"
    assert loopback_printer.status_queries[0] == b"\x10\x04\x01"


def test_refused_printer_is_offline() -> None:
    assert probe_printer(_settings(free_port(), timeout_s=0.5)) is PrinterStatus.OFFLINE


def test_printer_configured_without_status_queries_is_not_asked(
    loopback_printer: LoopbackPrinter,
) -> None:
    settings = _settings(loopback_printer.port).model_copy(update={"status_queries": False})
    assert probe_printer(settings) is PrinterStatus.UNKNOWN
    assert loopback_printer.connections_accepted == 0
