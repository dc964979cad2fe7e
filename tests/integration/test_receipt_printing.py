"""Printing receipts to the loopback printer in each of its modes: once, and never twice."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from config.schema import KioskSettings
from devices.printer.base import PrinterStatus
from devices.printer.escpos_decoder import EscposDecoder
from devices.printer.escpos_printer import PrintOutcome, ReceiptPrinter
from devices.printer.print_journal import JobState, PrintJournal
from kiosk.receipt_archive import InMemoryReceiptArchive, StoredReceiptArchive
from kiosk.receipt_printing import ReceiptDesk, UnknownReceipt
from offline_cache.store import OfflineStore
from tests.fixtures.offline_store import remount
from tests.fixtures.printer import LoopbackPrinter, LoopbackState
from tests.fixtures.receipts import TRACKING_URL, network_settings, sample_receipt
from tests.fixtures.settings import SettingsFactory

pytestmark = pytest.mark.stack
ESC_INIT = b"\x1b@"
DECODER = EscposDecoder("gb18030", chinese_mode_commands=True)


def desk_for(
    printer: LoopbackPrinter, journal: PrintJournal | None = None, **settings
) -> ReceiptDesk:
    settings.setdefault("timeout_s", 1.0)
    receipt_printer = ReceiptPrinter(
        network_settings(printer.port, **settings), journal or PrintJournal()
    )
    return ReceiptDesk(receipt_printer, InMemoryReceiptArchive())


def test_a_receipt_prints_and_reads_back(loopback_printer: LoopbackPrinter) -> None:
    result = desk_for(loopback_printer).print_receipt(sample_receipt())
    assert (result.outcome, result.status) == (PrintOutcome.PRINTED, PrinterStatus.OK)
    paper = DECODER.decode(loopback_printer.connections[-1])
    assert "回执编号：MY7-20250314-0042-K" in paper.lines
    assert paper.qr_payloads == [TRACKING_URL]
    assert paper.cuts == 1
    # Asked before printing, and once more after: the reply confirms every byte arrived.
    assert paper.status_queries[0] == b"\x10\x04\x01"
    assert paper.status_queries[-2:] == [b"\x10\x04\x01", b"\x10\x04\x04"]


@pytest.mark.parametrize(
    ("state", "outcome", "status"),
    [
        (LoopbackState.OK, PrintOutcome.PRINTED, PrinterStatus.OK),
        (LoopbackState.PAPER_NEAR_END, PrintOutcome.PRINTED, PrinterStatus.PAPER_NEAR_END),
        (LoopbackState.PAPER_OUT, PrintOutcome.NOT_PRINTED, PrinterStatus.PAPER_OUT),
        (LoopbackState.COVER_OPEN, PrintOutcome.NOT_PRINTED, PrinterStatus.COVER_OPEN),
        (LoopbackState.OFFLINE, PrintOutcome.NOT_PRINTED, PrinterStatus.OFFLINE),
        (LoopbackState.REFUSING, PrintOutcome.NOT_PRINTED, PrinterStatus.OFFLINE),
        (LoopbackState.SLOW, PrintOutcome.PRINTED, PrinterStatus.OK),
    ],
)
def test_each_printer_mode(
    loopback_printer: LoopbackPrinter,
    state: LoopbackState,
    outcome: PrintOutcome,
    status: PrinterStatus,
) -> None:
    loopback_printer.set_state(state)
    desk = desk_for(loopback_printer)
    ready, before = desk.can_print()
    assert (ready, before) == (outcome is PrintOutcome.PRINTED, status)
    result = desk.print_receipt(sample_receipt())
    assert (result.outcome, result.status) == (outcome, status)
    received = b"".join(loopback_printer.connections)
    if outcome is PrintOutcome.NOT_PRINTED:
        assert TRACKING_URL.encode() not in received  # not a byte of the receipt was sent
    else:
        assert DECODER.decode(loopback_printer.connections[-1]).qr_payloads == [TRACKING_URL]


def test_a_silent_printer_still_prints_but_the_job_is_not_confirmed(
    loopback_printer: LoopbackPrinter,
) -> None:
    loopback_printer.set_state(LoopbackState.NO_ANSWER)
    desk = desk_for(loopback_printer, timeout_s=0.3)
    assert desk.can_print() == (True, PrinterStatus.UNKNOWN)  # unknown is not "paper out"
    result = desk.print_receipt(sample_receipt())
    assert result.outcome is PrintOutcome.INCOMPLETE  # may be on paper: no automatic retry
    assert TRACKING_URL.encode() in loopback_printer.received


def test_a_slow_printer_takes_its_time_and_prints(loopback_printer: LoopbackPrinter) -> None:
    loopback_printer.set_state(LoopbackState.SLOW)
    started = time.monotonic()
    result = desk_for(loopback_printer).print_receipt(sample_receipt())
    assert result.outcome is PrintOutcome.PRINTED
    assert time.monotonic() - started >= 0.3  # it really was slow (~12 chunks x 50 ms)


def test_a_printer_that_disappears_mid_job_leaves_the_job_incomplete_and_not_retried(
    loopback_printer: LoopbackPrinter,
) -> None:
    journal = PrintJournal()
    desk = desk_for(loopback_printer, journal)
    loopback_printer.set_state(LoopbackState.DROP_MID_JOB)
    started = time.monotonic()
    result = desk.print_receipt(sample_receipt())
    assert time.monotonic() - started < 3
    assert result.outcome is PrintOutcome.INCOMPLETE
    assert journal.state(result.job_id) is JobState.INCOMPLETE
    assert journal.incomplete_jobs() == [result.job_id]
    first_job = loopback_printer.connections[0]
    assert TRACKING_URL.encode() not in first_job  # cut off before the QR code

    loopback_printer.set_state(LoopbackState.OK)
    again = desk.print_receipt(sample_receipt())
    assert again.outcome is PrintOutcome.DUPLICATE  # never printed twice by accident
    assert loopback_printer.connections_accepted == 1


def test_the_next_print_after_a_failure_starts_by_initialising_the_printer(
    loopback_printer: LoopbackPrinter,
) -> None:
    desk = desk_for(loopback_printer)
    loopback_printer.set_state(LoopbackState.DROP_MID_JOB)
    desk.print_receipt(sample_receipt(receipt_number="A-1"))
    loopback_printer.set_state(LoopbackState.OK)
    desk.print_receipt(sample_receipt(receipt_number="A-2"))
    desk.print_receipt(sample_receipt(receipt_number="A-3"))
    after_failure, normal = loopback_printer.connections[1:]
    assert after_failure.startswith(ESC_INIT + b"\x10\x04\x01")
    assert normal.startswith(b"\x10\x04\x01")  # no failure before it: status first


def test_a_receipt_is_never_printed_twice_by_accident(loopback_printer: LoopbackPrinter) -> None:
    desk = desk_for(loopback_printer)
    assert desk.print_receipt(sample_receipt()).outcome is PrintOutcome.PRINTED
    assert desk.print_receipt(sample_receipt()).outcome is PrintOutcome.DUPLICATE
    assert loopback_printer.connections_accepted == 1


def test_a_job_not_printed_for_lack_of_paper_can_be_printed_after_refilling(
    loopback_printer: LoopbackPrinter,
) -> None:
    desk = desk_for(loopback_printer)
    loopback_printer.set_state(LoopbackState.PAPER_OUT)
    assert desk.print_receipt(sample_receipt()).outcome is PrintOutcome.NOT_PRINTED
    loopback_printer.set_state(LoopbackState.OK)
    assert desk.print_receipt(sample_receipt()).outcome is PrintOutcome.PRINTED


def test_a_technician_reprints_by_receipt_or_official_number(
    loopback_printer: LoopbackPrinter,
) -> None:
    desk = desk_for(loopback_printer)
    desk.print_receipt(sample_receipt(official_number="510700-2025-000123"))
    for number in ("MY7-20250314-0042-K", "510700-2025-000123"):
        assert desk.reprint(number).outcome is PrintOutcome.PRINTED
    reprints = [DECODER.decode(data) for data in loopback_printer.connections[1:]]
    for paper in reprints:
        assert "（补打）" in paper.lines
        assert "回执编号：MY7-20250314-0042-K" in paper.lines
    with pytest.raises(UnknownReceipt):
        desk.reprint("NO-SUCH-NUMBER")


def test_the_journal_on_disk_survives_a_restart_mid_job(tmp_path: Path) -> None:
    path = tmp_path / "print-journal.jsonl"
    PrintJournal(path).record("receipt:A-1", JobState.SENDING)  # the kiosk died here
    reopened = PrintJournal(path)
    assert reopened.state("receipt:A-1") is JobState.INCOMPLETE
    assert reopened.needs_reset()


def test_a_receipt_is_reprinted_after_the_kiosk_restarts(
    loopback_printer: LoopbackPrinter, kiosk_settings: KioskSettings
) -> None:
    printer = network_settings(loopback_printer.port, timeout_s=1.0)
    first_run = ReceiptDesk(
        ReceiptPrinter(printer, PrintJournal()), StoredReceiptArchive(kiosk_settings.storage)
    )
    assert first_run.print_receipt(sample_receipt()).outcome is PrintOutcome.PRINTED
    after_restart = ReceiptDesk(
        ReceiptPrinter(printer, PrintJournal()), StoredReceiptArchive(kiosk_settings.storage)
    )
    assert after_restart.reprint("MY7-20250314-0042-K").outcome is PrintOutcome.PRINTED
    paper = DECODER.decode(loopback_printer.connections[-1])
    assert "（补打）" in paper.lines and "回执编号：MY7-20250314-0042-K" in paper.lines
    assert paper.qr_payloads == [TRACKING_URL]


def test_a_read_only_data_folder_loses_the_reprint_copy_but_not_the_printed_receipt(
    loopback_printer: LoopbackPrinter, settings_factory: SettingsFactory, small_tmpfs: Path
) -> None:
    settings = settings_factory(storage__data_dir=str(small_tmpfs / "data"))
    OfflineStore.open(settings.storage).close()
    remount(small_tmpfs, "ro")
    archive = StoredReceiptArchive(settings.storage)
    desk = ReceiptDesk(
        ReceiptPrinter(network_settings(loopback_printer.port, timeout_s=1.0), PrintJournal()),
        archive,
    )
    assert desk.print_receipt(sample_receipt()).outcome is PrintOutcome.PRINTED
    remount(small_tmpfs, "rw")
    assert archive.get("MY7-20250314-0042-K") is None  # only the reprint copy was lost
