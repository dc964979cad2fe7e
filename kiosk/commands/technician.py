"""``kiosk technician set-pin | status``: the technician PIN (stored as an argon2 hash) and lockout.

The PIN is read from the terminal without echo (or one line of stdin with ``--stdin``), never
from the command line, where it would stay in the shell history and the process list.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from config.errors import ConfigError
from config.secrets import load_secrets, write_secrets
from kiosk.commands.settings_args import add_source_options, load_from_args, quiet_logging
from kiosk.technician_auth import PinFormatError, TechnicianGate, hash_pin

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_CONFIG = 2


def _read_pin(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().strip()
    first = getpass.getpass("new technician PIN (6-12 digits): ")
    second = getpass.getpass("again: ")
    if first != second:
        sys.stderr.write("the two PINs differ; nothing changed\n")
        return None
    return first


def _cmd_set_pin(args: argparse.Namespace) -> int:
    settings = load_from_args(args)
    if settings is None:
        return EXIT_CONFIG
    quiet_logging(settings)
    pin = _read_pin(args.stdin)
    if pin is None:
        return EXIT_FAILED
    try:
        pin_hash = hash_pin(pin)
    except PinFormatError as error:
        sys.stderr.write(f"{error}; nothing changed\n")
        return EXIT_FAILED
    path = settings.storage.secrets_file.expanduser()
    try:
        secrets = load_secrets(path)
    except ConfigError as error:
        sys.stderr.write(f"secrets file {path} cannot be used: {error}\n")
        return EXIT_CONFIG
    write_secrets(path, secrets.model_copy(update={"technician_pin_hash": pin_hash}))
    sys.stdout.write(f"technician PIN set in {path}\n")
    return EXIT_OK


def _cmd_status(args: argparse.Namespace) -> int:
    settings = load_from_args(args)
    if settings is None:
        return EXIT_CONFIG
    quiet_logging(settings)
    try:
        secrets = load_secrets(settings.storage.secrets_file.expanduser())
    except ConfigError as error:
        sys.stderr.write(f"secrets file cannot be used: {error}\n")
        return EXIT_CONFIG
    gate = TechnicianGate(secrets.technician_pin_hash, settings.storage.data_dir.expanduser())
    report = {"pin_set": gate.has_pin, **gate.heartbeat_report()}
    sys.stdout.write(json.dumps(report) + "\n")
    return EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``kiosk technician set-pin`` and ``kiosk technician status``."""
    technician = sub.add_parser("technician", help="technician mode: PIN and entry lockout")
    actions = technician.add_subparsers(dest="technician_command", required=True)
    set_pin = actions.add_parser("set-pin", help="set the technician PIN (stored as argon2 hash)")
    add_source_options(set_pin)
    set_pin.add_argument(
        "--stdin", action="store_true", help="read the PIN from one line of stdin (no prompt)"
    )
    set_pin.set_defaults(handler=_cmd_set_pin)
    status = actions.add_parser("status", help="PIN set? entry locked? as JSON")
    add_source_options(status)
    status.set_defaults(handler=_cmd_status)
