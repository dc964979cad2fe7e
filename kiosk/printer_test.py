"""The printer test a technician runs: a sample receipt through the configured printer, timed."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from config.schema import KioskSettings, PrinterSettings
from devices.printer.escpos_printer import ReceiptPrinter
from kiosk.receipt import EvidenceLevel, Receipt, ReceivedMaterial, Submission, receipt_bytes


@dataclass(frozen=True)
class PrinterTestReport:
    """What the test print did: outcome, printer status, detail, and how long it took."""

    backend: str
    outcome: str
    status: str
    detail: str
    seconds: float

    @property
    def printed(self) -> bool:
        """True when the receipt came out."""
        return self.outcome == "printed"


def sample_receipt(settings: KioskSettings) -> Receipt:
    """A receipt with Chinese text, full-width symbols, rare characters and a QR code."""
    number = f"TEST-{datetime.now():%Y%m%d-%H%M%S}"
    return Receipt(
        hall=settings.terminal.hall,
        terminal_id=settings.terminal.id,
        terminal_name=settings.terminal.name,
        service_name="打印机测试（非办件回执）",
        receipt_number=number,
        issued_at=datetime.now(),
        applicant_name_masked="王𠮷",  # a sample name with a CJK Extension B character
        applicant_id_masked="5107**********0000",
        materials=(
            ReceivedMaterial("测试材料甲", EvidenceLevel.A),
            ReceivedMaterial("测试材料乙", EvidenceLevel.C, 1),
        ),
        time_limit="即时",
        delivery="现场取走本回执",
        submission=Submission.SUBMITTED,
        tracking_url=f"https://example.invalid/track/{number}",
        extra_lines=("全角符号：￥12.50，。、；：“”（）", "生僻字：𠮷 䶮 龘"),
    )


def run_printer_test(
    settings: KioskSettings, printer_settings: PrinterSettings, png: Path | None = None
) -> PrinterTestReport:
    """Print the test receipt on ``printer_settings`` (optionally also saved as a PNG)."""
    started = time.monotonic()
    printer = ReceiptPrinter(printer_settings)
    receipt = sample_receipt(settings)
    if png is not None:
        from kiosk.receipt_image import save_receipt_png

        save_receipt_png(receipt, png, printer_settings.chars_per_line)
    result = printer.print_job(f"test:{uuid.uuid4()}", receipt_bytes(receipt, printer_settings))
    return PrinterTestReport(
        backend=printer_settings.backend,
        outcome=result.outcome.value,
        status=result.status.value,
        detail=result.detail,
        seconds=time.monotonic() - started,
    )
