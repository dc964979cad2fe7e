"""``kiosk devices test printer``: print a test receipt on the configured printer, report JSON."""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from datetime import datetime
from pathlib import Path

from config.schema import KioskSettings
from devices.printer.escpos_printer import ReceiptPrinter
from kiosk.commands.settings_args import add_source_options, load_from_args, quiet_logging
from kiosk.receipt import EvidenceLevel, Receipt, ReceivedMaterial, Submission, receipt_bytes

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_CONFIG = 2


def test_receipt(settings: KioskSettings) -> Receipt:
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


def _cmd_test_printer(args: argparse.Namespace) -> int:
    settings = load_from_args(args)
    if settings is None:
        return EXIT_CONFIG
    quiet_logging(settings)
    printer_settings = settings.devices.printer
    if printer_settings is None:
        sys.stderr.write("no printer configured ([devices.printer])\n")
        return EXIT_CONFIG
    printer = ReceiptPrinter(printer_settings)
    receipt = test_receipt(settings)
    if args.png is not None:
        from kiosk.receipt_image import save_receipt_png

        save_receipt_png(receipt, args.png, printer_settings.chars_per_line)
    result = printer.print_job(f"test:{uuid.uuid4()}", receipt_bytes(receipt, printer_settings))
    report = {
        "printer": printer_settings.backend,
        "outcome": result.outcome.value,
        "status": result.status.value,
        "detail": result.detail,
    }
    sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")
    return EXIT_OK if result.outcome == "printed" else EXIT_FAILED


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``kiosk devices test printer``."""
    devices = sub.add_parser("devices", help="test the terminal's devices")
    kinds = devices.add_subparsers(dest="devices_command", required=True)
    test = kinds.add_parser("test", help="exercise one device")
    targets = test.add_subparsers(dest="device", required=True)
    printer = targets.add_parser(
        "printer", help="print a test receipt and report the printer's status as JSON"
    )
    add_source_options(printer)
    printer.add_argument("--png", type=Path, help="also write the test receipt as a PNG")
    printer.set_defaults(handler=_cmd_test_printer)
