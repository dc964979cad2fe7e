"""``kiosk queue list | retry ID | quarantine ID | export PATH | import FILE``: the outbox as a
technician sees it, and queue bundles carried on a USB drive (kiosk.queue_bundle).

Only ids, numbers, states and errors are shown: never the content of an application. The work
is done by kiosk.queue_desk, which the technician's Queue page uses too.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from config.errors import ConfigError
from config.schema import KioskSettings
from kiosk.commands.settings_args import add_source_options, load_from_args, quiet_logging
from kiosk.queue_bundle import BundleRefused, NothingToExport
from kiosk.queue_desk import QueueActionError, QueueDesk, QueueRow
from offline_cache.errors import StorageUnavailableError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_CONFIG = 2
EXIT_REFUSED = 3  # a bundle refused (damaged, another city, untrusted, revoked signer) or no keys


def _settings(args: argparse.Namespace) -> KioskSettings | None:
    settings = load_from_args(args)
    if settings is not None:
        quiet_logging(settings)
    return settings


def _run(args: argparse.Namespace, action: Callable[[QueueDesk], int]) -> int:
    settings = _settings(args)
    if settings is None:
        return EXIT_CONFIG
    try:
        return action(QueueDesk(settings))
    except StorageUnavailableError as error:
        sys.stderr.write(f"storage unavailable: {error}\n")
    except QueueActionError as error:
        sys.stderr.write(f"{error}\n")
    except ConfigError as error:
        sys.stderr.write(f"{error}\n")
        return EXIT_CONFIG
    return EXIT_FAILED


def _json_row(row: QueueRow) -> dict[str, object]:
    return {
        key: value.isoformat() if isinstance(value, datetime) else value
        for key, value in asdict(row).items()
    }


def _cmd_list(args: argparse.Namespace) -> int:
    def action(desk: QueueDesk) -> int:
        rows = desk.rows(include_purged=args.all)
        if args.json:
            body = json.dumps([_json_row(r) for r in rows], ensure_ascii=False, indent=2)
            sys.stdout.write(body + "\n")
            return EXIT_OK
        for row in rows:
            error = f"  last error: {row.last_error}" if row.last_error else ""
            origin = f"  from {row.origin_terminal_id}" if row.origin_terminal_id else ""
            exported = f"  exported {row.exported_at:%Y-%m-%d %H:%M}" if row.exported_at else ""
            sys.stdout.write(
                f"{row.receipt_number}  {row.state:<11}  {row.platform_number or '-':<22}"
                f"  {row.uploaded_bytes}/{row.total_bytes} B  tries {row.attempts}"
                f"{origin}{exported}{error}\n"
            )
        sys.stdout.write(f"{len(rows)} application(s)\n")
        return EXIT_OK

    return _run(args, action)


def _cmd_retry(args: argparse.Namespace) -> int:
    def action(desk: QueueDesk) -> int:
        sys.stdout.write(desk.retry(args.id) + "\n")
        return EXIT_OK

    return _run(args, action)


def _cmd_quarantine(args: argparse.Namespace) -> int:
    def action(desk: QueueDesk) -> int:
        sys.stdout.write(desk.quarantine(args.id, args.reason) + "\n")
        return EXIT_OK

    return _run(args, action)


def _cmd_export(args: argparse.Namespace) -> int:
    def action(desk: QueueDesk) -> int:
        try:
            result = desk.export(args.path)
        except NothingToExport as error:
            sys.stderr.write(f"nothing written: {error}\n")
            return EXIT_OK
        except BundleRefused as error:
            sys.stderr.write(f"cannot export: {error}\n")
            return EXIT_REFUSED
        except FileExistsError as error:
            sys.stderr.write(f"cannot export: {error}\n")
            return EXIT_FAILED
        except OSError as error:
            sys.stderr.write(f"cannot write the bundle: {error}\n")
            return EXIT_FAILED
        sys.stdout.write(
            json.dumps(
                {
                    "path": str(result.path),
                    "bundle_id": result.bundle_id,
                    "applications": result.applications,
                    "attachments": result.attachments,
                    "bytes": result.size_bytes,
                    "skipped_damaged": list(result.skipped),
                }
            )
            + "\n"
        )
        return EXIT_OK

    return _run(args, action)


def _cmd_import(args: argparse.Namespace) -> int:
    def action(desk: QueueDesk) -> int:
        try:
            result = desk.import_bundle(args.file)
        except BundleRefused as error:
            sys.stderr.write(f"bundle refused ({error.reason.value}): {error}\n")
            return EXIT_REFUSED
        except OSError as error:
            sys.stderr.write(f"cannot read the bundle: {error}\n")
            return EXIT_FAILED
        sys.stdout.write(
            json.dumps(
                {
                    "bundle_id": result.bundle_id,
                    "made_by": result.signer,
                    "new": result.new,
                    "known": result.known,
                    "summary": result.summary,
                }
            )
            + "\n"
        )
        return EXIT_OK

    return _run(args, action)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``kiosk queue list|retry|quarantine|export|import``."""
    queue = sub.add_parser(
        "queue", help="the outbox: list, retry, quarantine, export to / import from a drive"
    )
    actions = queue.add_subparsers(dest="queue_command", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="every application with its sync state")
    add_source_options(listing)
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.add_argument("--all", action="store_true", help="include purged applications")
    listing.set_defaults(handler=_cmd_list)
    retry = actions.add_parser(
        "retry", help="send an application now (clears its backoff; a quarantined one re-queued)"
    )
    add_source_options(retry)
    retry.add_argument("id", metavar="ID", help="application id, receipt or official number")
    retry.set_defaults(handler=_cmd_retry)
    quarantine = actions.add_parser("quarantine", help="set an application aside")
    add_source_options(quarantine)
    quarantine.add_argument("id", metavar="ID", help="application id, receipt or official number")
    quarantine.add_argument("--reason", default="no reason given", help="shown in the list")
    quarantine.set_defaults(handler=_cmd_quarantine)
    export = actions.add_parser(
        "export", help="write the applications still to send into one encrypted, signed bundle"
    )
    add_source_options(export)
    export.add_argument(
        "path", metavar="PATH", type=Path, help="bundle file, or a folder (a drive) to put it in"
    )
    export.set_defaults(handler=_cmd_export)
    importing = actions.add_parser(
        "import", help="verify a bundle and add its applications to this terminal's outbox"
    )
    add_source_options(importing)
    importing.add_argument("file", metavar="FILE", type=Path, help="a .owq queue bundle")
    importing.set_defaults(handler=_cmd_import)
