"""``kiosk devices test printer``: print a test receipt on the configured printer, report JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kiosk.commands.settings_args import add_source_options, load_from_args, quiet_logging
from kiosk.printer_test import run_printer_test

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_CONFIG = 2


def _cmd_test_printer(args: argparse.Namespace) -> int:
    settings = load_from_args(args)
    if settings is None:
        return EXIT_CONFIG
    quiet_logging(settings)
    printer_settings = settings.devices.printer
    if printer_settings is None:
        sys.stderr.write("no printer configured ([devices.printer])\n")
        return EXIT_CONFIG
    result = run_printer_test(settings, printer_settings, args.png)
    report = {
        "printer": result.backend,
        "outcome": result.outcome,
        "status": result.status,
        "detail": result.detail,
    }
    sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")
    return EXIT_OK if result.printed else EXIT_FAILED


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
