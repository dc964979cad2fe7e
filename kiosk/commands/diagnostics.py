"""``kiosk diagnostics export PATH``: the diagnostics bundle (no secrets, no personal data)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.commands.settings_args import add_source_options, load_from_args, quiet_logging

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_CONFIG = 2


def _cmd_export(args: argparse.Namespace) -> int:
    settings = load_from_args(args)
    if settings is None:
        return EXIT_CONFIG
    quiet_logging(settings)
    from kiosk.diagnostics import DiagnosticsError, export_bundle

    try:
        result = export_bundle(settings, args.path, config_file=args.config)
    except DiagnosticsError as error:
        sys.stderr.write(f"diagnostics not exported: {error}\n")
        return EXIT_FAILED
    sys.stdout.write(f"wrote {result.path} ({result.size_bytes} bytes)\n")
    return EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``kiosk diagnostics export PATH``."""
    diagnostics = sub.add_parser("diagnostics", help="diagnostics bundle for a technician")
    actions = diagnostics.add_subparsers(dest="diagnostics_command", required=True)
    export = actions.add_parser(
        "export",
        help="write logs, settings without secrets, doctor, versions, disk and queue counts "
        "as a zip (PATH: a file, or a folder such as a USB drive for a timestamped name)",
    )
    export.add_argument("path", metavar="PATH", type=Path)
    add_source_options(export)
    export.set_defaults(handler=_cmd_export)
