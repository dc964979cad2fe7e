"""The printer's paper status travels: the kiosk records what the printer said after a check
or a print, the sync service puts it in the heartbeat, and the platform's monitoring page
shows it (and flags the terminal for attention)."""

from __future__ import annotations

import re
import ssl
import urllib.request
from pathlib import Path

import pytest

from devices.printer.base import PrinterStatus
from devices.printer.escpos_printer import ReceiptPrinter
from devices.printer.print_journal import PrintJournal
from kiosk.printer_status_file import PrinterStatusFile
from kiosk.receipt_archive import InMemoryReceiptArchive
from kiosk.receipt_printing import ReceiptDesk
from tests.fixtures.platform import RunningPlatform
from tests.fixtures.printer import LoopbackPrinter, LoopbackState
from tests.fixtures.receipts import network_settings, sample_receipt
from tests.fixtures.sync import SyncTerminal

pytestmark = pytest.mark.stack


def _monitor_row(platform: RunningPlatform, terminal_id: str, client_id: str) -> str:
    assert platform.ca_file is not None
    context = ssl.create_default_context(cafile=str(platform.ca_file))
    with urllib.request.urlopen(f"{platform.base_url}/monitor", context=context) as answer:
        page = answer.read().decode()
    rows = [r for r in re.findall(r"<tr[^>]*>.*?</tr>", page) if f"<td>{client_id}</td>" in r]
    assert len(rows) == 1, f"{terminal_id} not on the monitoring page"
    return rows[0]


@pytest.mark.parametrize(
    ("state", "word"),
    [
        (LoopbackState.COVER_OPEN, "cover_open"),
        (LoopbackState.PAPER_NEAR_END, "near_end"),
        (LoopbackState.PAPER_OUT, "out"),
    ],
)
def test_the_printer_status_after_a_print_shows_on_the_monitoring_page(
    sync_terminal: SyncTerminal,
    tls_platform: RunningPlatform,
    loopback_printer: LoopbackPrinter,
    state: LoopbackState,
    word: str,
) -> None:
    data_dir = sync_terminal.settings.storage.data_dir
    desk = ReceiptDesk(
        ReceiptPrinter(network_settings(loopback_printer.port, timeout_s=1.0), PrintJournal()),
        InMemoryReceiptArchive(),
        PrinterStatusFile(data_dir),
    )
    loopback_printer.set_state(state)
    desk.print_receipt(sample_receipt())

    sync_terminal.new_engine().cycle()  # the first pass always sends a heartbeat

    row = _monitor_row(tls_platform, sync_terminal.settings.terminal.id, sync_terminal.client_id)
    assert f"<td>{word} (" in row
    assert 'class="attention"' in row


def test_paper_ok_and_no_record_yet(
    sync_terminal: SyncTerminal, tls_platform: RunningPlatform
) -> None:
    terminal_id = sync_terminal.settings.terminal.id
    sync_terminal.new_engine().cycle()
    assert "<td>unknown</td>" in _monitor_row(tls_platform, terminal_id, sync_terminal.client_id)
    PrinterStatusFile(sync_terminal.settings.storage.data_dir).record(PrinterStatus.OK)
    sync_terminal.new_engine().cycle()
    row = _monitor_row(tls_platform, terminal_id, sync_terminal.client_id)
    assert "<td>ok (" in row and 'class="ok"' in row


def test_an_unusable_status_file_reads_as_no_record(tmp_path: Path) -> None:
    status_file = PrinterStatusFile(tmp_path)
    assert status_file.read() is None
    status_file.path.write_text("{half")
    assert status_file.read() is None
    status_file.record(PrinterStatus.PAPER_NEAR_END)
    report = status_file.read()
    assert report is not None and report.heartbeat_paper == "near_end"
