"""``kiosk config set KEY=VALUE…`` and ``kiosk config rollback``: change the settings file safely.

Both act on a settings file (``--config FILE``, default the installed
/etc/onewindow-kiosk/kiosk.toml), never on a shipped profile. A refused change prints every
problem the way ``kiosk config check`` does and leaves the file untouched.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from config.errors import ConfigError
from config.loader import load_settings
from kiosk.audit import AuditLog, open_audit_log
from kiosk.commands.settings_args import print_problems
from kiosk.config_store import (
    DEFAULT_CONFIG_FILE,
    ConfigChange,
    ConfigStore,
    ConfigStoreError,
    NothingToRollBack,
    parse_assignment,
)

EXIT_OK = 0
EXIT_REFUSED = 1  # the values are not valid, or there is nothing to roll back
EXIT_CANNOT_WRITE = 2  # the file cannot be read or written

__all__ = ["register_actions"]


def _add_file_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        metavar="FILE",
        type=Path,
        default=DEFAULT_CONFIG_FILE,
        help=f"the settings file to change (default: {DEFAULT_CONFIG_FILE})",
    )


def _audit_for(path: Path) -> AuditLog | None:
    """The terminal's audit log, located by the settings in force before the change."""
    try:
        settings = load_settings(path, env={})
    except ConfigError:
        return None  # a broken file: the change itself will report why
    return open_audit_log(settings)


def _report(change: ConfigChange, verb: str) -> None:
    keys = ", ".join(change.changed_keys) or "nothing changed"
    sys.stdout.write(
        f"{verb} {change.path}: {keys}\n"
        f"the file before is kept as {change.path.name}.previous (kiosk config rollback)\n"
        "the kiosk uses the new settings after its next start\n"
    )


def _cmd_set(args: argparse.Namespace) -> int:
    path: Path = args.config
    try:
        values = dict(parse_assignment(text) for text in args.assignments)
        store = ConfigStore(path, audit=_audit_for(path), actor=args.actor)
        change = store.set_values(values, unset=args.unset or ())
    except ConfigError as error:
        print_problems(error, sys.stdout)
        count = len(error.problems)
        sys.stderr.write(
            f"refused: {count} problem{'s' if count != 1 else ''}; {path} is unchanged\n"
        )
        return EXIT_REFUSED
    except ConfigStoreError as error:
        sys.stderr.write(f"cannot change the settings: {error}\n")
        return EXIT_CANNOT_WRITE
    _report(change, "saved")
    return EXIT_OK


def _cmd_rollback(args: argparse.Namespace) -> int:
    path: Path = args.config
    try:
        change = ConfigStore(path, audit=_audit_for(path), actor=args.actor).rollback()
    except NothingToRollBack as error:
        sys.stderr.write(f"nothing to roll back: {error}\n")
        return EXIT_REFUSED
    except ConfigError as error:
        print_problems(error, sys.stdout)
        sys.stderr.write(f"refused: the previous settings are not valid; {path} is unchanged\n")
        return EXIT_REFUSED
    except ConfigStoreError as error:
        sys.stderr.write(f"cannot roll back: {error}\n")
        return EXIT_CANNOT_WRITE
    _report(change, "rolled back")
    return EXIT_OK


def register_actions(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``set`` and ``rollback`` to the ``kiosk config`` actions."""
    setter = actions.add_parser(
        "set",
        help="change settings (dotted keys, e.g. devices.printer.paper_width_mm=58), validated "
        "and written atomically",
    )
    setter.add_argument("assignments", nargs="+", metavar="KEY=VALUE")
    setter.add_argument(
        "--unset", action="append", metavar="KEY", help="remove a key (may be repeated)"
    )
    setter.add_argument("--actor", default="technician", help="who, for the audit log")
    _add_file_option(setter)
    setter.set_defaults(handler=_cmd_set)
    rollback = actions.add_parser("rollback", help="go back to the settings before the last change")
    rollback.add_argument("--actor", default="technician", help="who, for the audit log")
    _add_file_option(rollback)
    rollback.set_defaults(handler=_cmd_rollback)
