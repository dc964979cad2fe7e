"""``kiosk queue list | retry ID | quarantine ID``: the outbox as a technician sees it.

Only ids, numbers, states and errors are shown: never the content of an application.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime

from kiosk.commands.settings_args import add_source_options, load_from_args, quiet_logging
from offline_cache.errors import IllegalTransitionError, StorageUnavailableError
from offline_cache.outbox import ApplicationState, Outbox, OutboxRecord
from offline_cache.store import OfflineStore

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_CONFIG = 2
S = ApplicationState
RETRYABLE = frozenset({S.FINALIZED, S.UPLOADING})


def _row(outbox: Outbox, record: OutboxRecord) -> dict[str, object]:
    info = outbox.sync_info(record.application_id)
    attachments = outbox.attachments(record.application_id)
    uploaded = sum(
        outbox.upload_progress(record.application_id, a.attachment_id).offset for a in attachments
    )
    return {
        "application_id": record.application_id,
        "receipt_number": record.receipt_number,
        "platform_number": record.platform_number,
        "state": record.state.value,
        "created_at": record.created_at.isoformat(),
        "attempts": info.attempts,
        "next_attempt_at": info.next_attempt_at.isoformat() if info.next_attempt_at else None,
        "last_error": info.last_error,
        "uploaded_bytes": uploaded,
        "total_bytes": sum(a.size for a in attachments),
    }


def _open(args: argparse.Namespace) -> OfflineStore | int:
    settings = load_from_args(args)
    if settings is None:
        return EXIT_CONFIG
    quiet_logging(settings)
    try:
        return OfflineStore.open(settings.storage)
    except StorageUnavailableError as error:
        sys.stderr.write(f"storage unavailable: {error}\n")
        return EXIT_FAILED


def _find(outbox: Outbox, ident: str) -> OutboxRecord | None:
    return outbox.get(ident) or outbox.find(ident)


def _cmd_list(args: argparse.Namespace) -> int:
    store = _open(args)
    if isinstance(store, int):
        return store
    try:
        rows = [
            _row(store.outbox, r)
            for r in store.outbox.all_records()
            if args.all or r.state is not S.PURGED
        ]
    finally:
        store.close()
    if args.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    for row in rows:
        error = f"  last error: {row['last_error']}" if row["last_error"] else ""
        sys.stdout.write(
            f"{row['receipt_number']}  {row['state']:<11}  {row['platform_number'] or '-':<22}"
            f"  {row['uploaded_bytes']}/{row['total_bytes']} B  tries {row['attempts']}{error}\n"
        )
    sys.stdout.write(f"{len(rows)} application(s)\n")
    return EXIT_OK


def _cmd_retry(args: argparse.Namespace) -> int:
    store = _open(args)
    if isinstance(store, int):
        return store
    try:
        record = _find(store.outbox, args.id)
        if record is None:
            sys.stderr.write(f"no application {args.id}\n")
            return EXIT_FAILED
        if record.state not in RETRYABLE:
            sys.stderr.write(
                f"{record.receipt_number} is {record.state.value}: only applications still to "
                "send can be retried (a quarantined one was refused for good)\n"
            )
            return EXIT_FAILED
        store.outbox.clear_sync_failure(record.application_id)
        sys.stdout.write(f"{record.receipt_number} will be sent at the next sync pass\n")
        return EXIT_OK
    finally:
        store.close()


def _cmd_quarantine(args: argparse.Namespace) -> int:
    store = _open(args)
    if isinstance(store, int):
        return store
    try:
        record = _find(store.outbox, args.id)
        if record is None:
            sys.stderr.write(f"no application {args.id}\n")
            return EXIT_FAILED
        reason = f"set aside by a technician: {args.reason}"
        try:
            store.outbox.quarantine(record.application_id, reason, datetime.now(UTC))
        except IllegalTransitionError:
            sys.stderr.write(
                f"{record.receipt_number} is {record.state.value}: cannot quarantine\n"
            )
            return EXIT_FAILED
        sys.stdout.write(f"{record.receipt_number} quarantined\n")
        return EXIT_OK
    finally:
        store.close()


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``kiosk queue list|retry|quarantine``."""
    queue = sub.add_parser("queue", help="the outbox: list, retry or quarantine applications")
    actions = queue.add_subparsers(dest="queue_command", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="every application with its sync state")
    add_source_options(listing)
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.add_argument("--all", action="store_true", help="include purged applications")
    listing.set_defaults(handler=_cmd_list)
    retry = actions.add_parser("retry", help="send an application now (clears its backoff)")
    add_source_options(retry)
    retry.add_argument("id", metavar="ID", help="application id, receipt or official number")
    retry.set_defaults(handler=_cmd_retry)
    quarantine = actions.add_parser("quarantine", help="set an application aside for good")
    add_source_options(quarantine)
    quarantine.add_argument("id", metavar="ID", help="application id, receipt or official number")
    quarantine.add_argument("--reason", default="no reason given", help="shown in the list")
    quarantine.set_defaults(handler=_cmd_quarantine)
