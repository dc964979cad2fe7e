"""The serial, device-file and USB transports: real OS devices, every operation bounded."""

from __future__ import annotations

import os
import pty
import threading
import time
import tty
from collections.abc import Iterator
from pathlib import Path

import pytest

from config.schema import FilePrinterSettings, SerialPrinterSettings, UsbPrinterSettings
from devices.printer.base import PrinterStatus
from devices.printer.escpos_decoder import EscposDecoder
from devices.printer.escpos_printer import PrintOutcome, ReceiptPrinter
from kiosk.receipt import receipt_bytes
from tests.fixtures.receipts import TRACKING_URL, sample_receipt

pytestmark = pytest.mark.stack


class PtyPrinter:
    """A serial printer on the far end of a pty: records bytes, answers DLE EOT with "fine"."""

    def __init__(self) -> None:
        self.master, slave = pty.openpty()
        tty.setraw(slave)
        self.port = os.ttyname(slave)
        self._slave = slave
        self.received = bytearray()
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop:
            try:
                chunk = os.read(self.master, 4096)
            except OSError:
                return
            self.received += chunk
            data = bytes(self.received[-len(chunk) - 2 :])
            for i in range(len(data) - 2):
                if data[i : i + 2] == b"\x10\x04" and 1 <= data[i + 2] <= 4:
                    os.write(self.master, b"\x12")

    def close(self) -> None:
        self._stop = True
        os.close(self.master)
        os.close(self._slave)


@pytest.fixture
def pty_printer() -> Iterator[PtyPrinter]:
    printer = PtyPrinter()
    yield printer
    printer.close()


def test_a_receipt_prints_over_a_serial_port(pty_printer: PtyPrinter) -> None:
    settings = SerialPrinterSettings(backend="serial", port=pty_printer.port, timeout_s=1.0)
    printer = ReceiptPrinter(settings)
    assert printer.status() is PrinterStatus.OK
    result = printer.print_job("serial-1", receipt_bytes(sample_receipt(), settings))
    assert result.outcome is PrintOutcome.PRINTED
    paper = EscposDecoder("gb18030", True).decode(bytes(pty_printer.received))
    assert paper.qr_payloads == [TRACKING_URL]


def test_a_missing_serial_port_is_offline() -> None:
    settings = SerialPrinterSettings(backend="serial", port="/dev/ttyNOSUCH9", timeout_s=0.5)
    assert ReceiptPrinter(settings).status() is PrinterStatus.OFFLINE


def test_a_device_file_that_stops_taking_data_times_out_as_incomplete(tmp_path: Path) -> None:
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a printer that never reads
    try:
        settings = FilePrinterSettings(backend="file", path=fifo, timeout_s=0.3)
        printer = ReceiptPrinter(settings)
        assert printer.status() is PrinterStatus.UNKNOWN  # a FIFO cannot answer
        started = time.monotonic()
        result = printer.print_job("file-1", b"\x1b@" + b"x" * 2_000_000)
        assert time.monotonic() - started < 2
        assert result.outcome is PrintOutcome.INCOMPLETE
    finally:
        os.close(reader)


def test_a_device_file_with_nothing_behind_it_is_offline(tmp_path: Path) -> None:
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)  # no reader: like /dev/usb/lp0 with the printer unplugged
    settings = FilePrinterSettings(backend="file", path=fifo, timeout_s=0.3)
    assert ReceiptPrinter(settings).print_job("f", b"x").outcome is PrintOutcome.NOT_PRINTED


def test_a_receipt_written_to_a_device_file_reads_back(tmp_path: Path) -> None:
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        settings = FilePrinterSettings(
            backend="file", path=fifo, timeout_s=1.0, status_queries=False
        )
        result = ReceiptPrinter(settings).print_job(
            "f-2", receipt_bytes(sample_receipt(), settings)
        )
        assert result.outcome is PrintOutcome.PRINTED
        data = os.read(reader, 1_000_000)
    finally:
        os.close(reader)
    assert EscposDecoder("gb18030", True).decode(data).qr_payloads == [TRACKING_URL]


def test_an_absent_usb_printer_is_offline_quickly() -> None:
    settings = UsbPrinterSettings(backend="usb", vendor_id=0x0416, product_id=0x5011, timeout_s=0.5)
    started = time.monotonic()
    assert ReceiptPrinter(settings).status() is PrinterStatus.OFFLINE
    assert ReceiptPrinter(settings).print_job("u", b"x").outcome is PrintOutcome.NOT_PRINTED
    assert time.monotonic() - started < 2
