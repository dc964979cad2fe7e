"""``kiosk audit verify [--json] | list``: check the hash chain of the audit log, or print it."""

from __future__ import annotations

import argparse
import json
import sys

from kiosk.audit import open_audit_log
from kiosk.commands.settings_args import add_source_options, load_from_args, quiet_logging

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_CONFIG = 2


def _cmd_verify(args: argparse.Namespace) -> int:
    settings = load_from_args(args)
    if settings is None:
        return EXIT_CONFIG
    quiet_logging(settings)
    result = open_audit_log(settings).verify()
    if args.json:
        sys.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False) + "\n")
    elif result.ok:
        sys.stdout.write(f"audit log ok: {result.entries} entries, last seq {result.last_seq}\n")
    else:
        sys.stdout.write(f"audit log BROKEN ({result.entries} readable entries):\n")
        sys.stdout.writelines(f"  {problem}\n" for problem in result.problems)
    return EXIT_OK if result.ok else EXIT_FAILED


def _cmd_list(args: argparse.Namespace) -> int:
    settings = load_from_args(args)
    if settings is None:
        return EXIT_CONFIG
    quiet_logging(settings)
    entries = open_audit_log(settings).entries_since(args.since)
    for entry in entries[-args.last :] if args.last else entries:
        if args.json:
            sys.stdout.write(json.dumps(entry.as_dict(), ensure_ascii=False) + "\n")
            continue
        details = " ".join(f"{key}={value}" for key, value in sorted(entry.details.items()))
        sys.stdout.write(
            f"{entry.seq:>6} {entry.time} {entry.kind:<11} {entry.action:<24} "
            f"{entry.actor} {details}".rstrip()
            + "\n"
        )
    return EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``kiosk audit verify`` and ``kiosk audit list``."""
    audit = sub.add_parser("audit", help="the hash-chained audit log: verify or list it")
    actions = audit.add_subparsers(dest="audit_command", required=True)
    verify = actions.add_parser("verify", help="walk the hash chain; exit 1 naming the bad line")
    add_source_options(verify)
    verify.add_argument("--json", action="store_true", help="print the result as JSON")
    verify.set_defaults(handler=_cmd_verify)
    listing = actions.add_parser("list", help="print the audit entries, oldest first")
    add_source_options(listing)
    listing.add_argument("--since", type=int, default=0, metavar="SEQ", help="after this seq")
    listing.add_argument("--last", type=int, default=0, metavar="N", help="only the last N")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=_cmd_list)
