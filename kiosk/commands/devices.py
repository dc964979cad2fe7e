"""``kiosk devices test printer`` (a test receipt, JSON report) and ``kiosk devices discover``."""

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


def _cmd_discover(args: argparse.Namespace) -> int:
    settings = load_from_args(args)
    if settings is None:
        return EXIT_CONFIG
    quiet_logging(settings)
    from kiosk.device_discovery import discover

    report = discover(settings)
    if args.json:
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    marks = {True: "present", False: "MISSING", None: "?"}
    sys.stdout.write("configured:\n")
    for device in report.configured:
        line = (
            f"  {device.key:<24} {device.backend:<10} {device.summary}  [{marks[device.present]}]"
        )
        sys.stdout.write(line + "\n")
    sys.stdout.write("detected:\n")
    for found in report.detected:
        line = f"  {found.group.value:<12} {found.source:<8} {found.address:<20} {found.name}"
        sys.stdout.write(line + (f"  ({found.detail})" if found.detail else "") + "\n")
    for source, reason in report.notes.items():
        sys.stdout.write(f"  {source}: {reason}\n")
    return EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``kiosk devices test printer`` and ``kiosk devices discover``."""
    devices = sub.add_parser("devices", help="test and discover the terminal's devices")
    kinds = devices.add_subparsers(dest="devices_command", required=True)
    test = kinds.add_parser("test", help="exercise one device")
    targets = test.add_subparsers(dest="device", required=True)
    printer = targets.add_parser(
        "printer", help="print a test receipt and report the printer's status as JSON"
    )
    add_source_options(printer)
    printer.add_argument("--png", type=Path, help="also write the test receipt as a PNG")
    printer.set_defaults(handler=_cmd_test_printer)
    discover = kinds.add_parser(
        "discover",
        help="what is configured and what is detected (PC/SC, USB, serial, SANE, cameras, "
        "network printer candidates)",
    )
    add_source_options(discover)
    discover.add_argument("--json", action="store_true", help="machine-readable output")
    discover.set_defaults(handler=_cmd_discover)
