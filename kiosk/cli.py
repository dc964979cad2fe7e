"""The ``kiosk`` command: run the terminal, check its config, diagnose it, render screenshots.

Each sub-command here is one ``_add_*`` function (parser) and one ``_cmd_*`` function (action);
features bring theirs as ``kiosk/commands/<group>.py`` with a ``register`` listed in SUBCOMMANDS.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import signal
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from config.errors import ConfigError
from config.loader import load_settings
from config.schema import KioskSettings, Language
from config.secrets import load_secrets
from kiosk import __version__
from kiosk.commands import audit as audit_commands
from kiosk.commands import catalog as catalog_commands
from kiosk.commands import config_edit as config_edit_commands
from kiosk.commands import devices as devices_commands
from kiosk.commands import diagnostics as diagnostics_commands
from kiosk.commands import identity as identity_commands
from kiosk.commands import imaging as imaging_commands
from kiosk.commands import provision as provision_commands
from kiosk.commands import queue as queue_commands
from kiosk.commands import sync as sync_commands
from kiosk.commands import technician as technician_commands
from kiosk.commands.settings_args import (
    add_source_options,
    load_from_args,
    print_problems,
    quiet_logging,
)
from kiosk.config_store import set_active_config_file
from kiosk.forms import bundled_forms_dir
from kiosk.frontend import FrontendUnavailable, load_frontend
from kiosk.logs import configure_logging
from kiosk.reference_platform import ReferencePlatform, ReferencePlatformError
from kiosk.sync_worker import SyncWorker
from offline_cache.catalog_store import BUNDLED_CATALOG

# Exit codes.
EXIT_OK = 0
EXIT_FAILED = 1  # a check failed / the config has problems (config check, doctor)
EXIT_CONFIG = 2  # the kiosk cannot start with this configuration
EXIT_NO_DISPLAY = 3
EXIT_UNAVAILABLE = 4  # the front end or the reference platform could not be started

XVFB_HINT = """\
No display found (DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM are all unset).
Run the kiosk on a virtual screen:
  xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/kiosk run --profile demo
or without any screen at all:
  QT_QPA_PLATFORM=offscreen .venv/bin/kiosk run --profile demo"""

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]

Handler = Callable[[argparse.Namespace], int]


# --- shared helpers -----------------------------------------------------------------------------


def has_display(environ: Mapping[str, str]) -> bool:
    """Whether Qt has somewhere to draw: an X or Wayland display, or an explicit QPA platform."""
    return any(environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


# --- kiosk run ------------------------------------------------------------------------------------


def _add_run(sub: SubParsers) -> None:
    parser = sub.add_parser("run", help="run the kiosk (default profile: demo)")
    add_source_options(parser)
    parser.add_argument("--windowed", action="store_true", help="a window instead of fullscreen")
    parser.set_defaults(handler=_cmd_run)


def _cmd_run(args: argparse.Namespace) -> int:
    settings = load_from_args(args)
    if settings is None:
        return EXIT_CONFIG
    try:
        load_secrets(settings.storage.secrets_file)
    except ConfigError as error:
        print_problems(error, sys.stderr)
        return EXIT_CONFIG
    if not has_display(os.environ):
        print(XVFB_HINT, file=sys.stderr)
        return EXIT_NO_DISPLAY

    # The technician's Settings page edits the file the kiosk was started from, if any.
    set_active_config_file(args.config)
    configure_logging(settings.logging)
    log.info(
        "kiosk starting",
        extra={"profile": settings.profile, "terminal": settings.terminal.id},
    )
    server: ReferencePlatform | None = None
    worker: SyncWorker | None = None
    # Until the front end installs its own handler, SIGTERM unwinds through `finally`.
    signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        frontend = load_frontend("qt")
        if settings.platform.start_reference_server:
            # Demo: the simulated back office moves statuses; catalog and forms are ours.
            server = ReferencePlatform.for_settings(
                settings.platform,
                settings.storage.data_dir / "reference-platform",
                demo=True,
                catalog_file=BUNDLED_CATALOG,
                forms_dir=bundled_forms_dir(),
            )
            server.start()
        worker = _sync_worker(settings, server)
        return frontend.run(settings, windowed=args.windowed)
    except (FrontendUnavailable, ReferencePlatformError) as exc:
        log.error("kiosk cannot start", extra={"reason": str(exc)})
        print(f"kiosk cannot start: {exc}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    finally:
        if worker is not None:
            worker.stop()
        if server is not None:
            server.stop()
        log.info("kiosk stopped")


def _sync_worker(settings: KioskSettings, server: ReferencePlatform | None) -> SyncWorker | None:
    """Demo only: the sync engine in a thread of the kiosk (it enrolls the terminal on first
    start). A real terminal syncs in its own service (`kiosk sync`), and two engines must never
    drain one outbox."""
    if server is None:
        log.info("sync runs in its own service (kiosk sync), not in the kiosk")
        return None
    worker = SyncWorker(settings, enrollment_code=server.enrollment_code)
    worker.start()
    return worker


# --- kiosk config ---------------------------------------------------------------------------------


def _add_config(sub: SubParsers) -> None:
    parser = sub.add_parser("config", help="check or show a configuration")
    actions = parser.add_subparsers(dest="config_command", required=True, metavar="ACTION")
    check = actions.add_parser("check", help="validate a settings file, listing every problem")
    check.add_argument("file", metavar="FILE", help="a TOML settings file or a profile name")
    check.set_defaults(handler=_cmd_config_check)
    show = actions.add_parser("show", help="print the effective settings as JSON")
    add_source_options(show)
    show.set_defaults(handler=_cmd_config_show)
    config_edit_commands.register_actions(actions)  # set, rollback


def _cmd_config_check(args: argparse.Namespace) -> int:
    try:
        settings = load_settings(args.file)
    except ConfigError as error:
        print_problems(error, sys.stdout)
        count = len(error.problems)
        print(f"{count} problem{'s' if count != 1 else ''} in {error.source}", file=sys.stderr)
        return EXIT_FAILED
    print(f"OK: {settings.profile} {settings.terminal.id}")
    return EXIT_OK


def _cmd_config_show(args: argparse.Namespace) -> int:
    settings = load_from_args(args)
    if settings is None:
        return EXIT_CONFIG
    # Secrets live in their own file, so the settings hold none.
    print(json.dumps(settings.model_dump(mode="json"), ensure_ascii=False, indent=2))
    return EXIT_OK


# --- kiosk doctor ---------------------------------------------------------------------------------


def _add_doctor(sub: SubParsers) -> None:
    parser = sub.add_parser("doctor", help="check devices, platform, disk, clock, fonts, keys")
    add_source_options(parser)
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(handler=_cmd_doctor)


def _cmd_doctor(args: argparse.Namespace) -> int:
    settings = load_from_args(args)
    if settings is None:
        return EXIT_CONFIG
    quiet_logging(settings)
    from kiosk.doctor import run_checks

    results = run_checks(settings)
    if args.json:
        rows = [{"name": r.name, "ok": r.ok, "detail": r.detail} for r in results]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        width = max((len(r.name) for r in results), default=0)
        for r in results:
            status = {True: "OK", False: "FAIL", None: "WARN"}[r.ok]
            print(f"{status:<4}  {r.name:<{width}}  {r.detail}")
    return EXIT_FAILED if any(r.ok is False for r in results) else EXIT_OK


# --- kiosk version --------------------------------------------------------------------------------


def _add_version(sub: SubParsers) -> None:
    parser = sub.add_parser("version", help="print the version, Python and platform")
    parser.set_defaults(handler=_cmd_version)


def _cmd_version(args: argparse.Namespace) -> int:
    print(f"onewindow-kiosk {__version__}")
    print(f"Python {platform.python_version()} ({platform.python_implementation()})")
    print(f"Platform {platform.platform()}")
    return EXIT_OK


# --- kiosk screenshot -----------------------------------------------------------------------------


def _add_screenshot(sub: SubParsers) -> None:
    parser = sub.add_parser("screenshot", help="render one screen offscreen at 1920x1080 to PNG")
    parser.add_argument("--screen", required=True, help="screen name, e.g. attract")
    parser.add_argument("--lang", required=True, choices=[lang.value for lang in Language])
    parser.add_argument("--large-text", action="store_true", help="large-text (适老化) mode")
    add_source_options(parser)
    parser.add_argument("out", metavar="OUT.png", type=Path)
    parser.set_defaults(handler=_cmd_screenshot)


def _cmd_screenshot(args: argparse.Namespace) -> int:
    settings = load_from_args(args)
    if settings is None:
        return EXIT_CONFIG
    quiet_logging(settings)
    # Must be set before the front end imports Qt.
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        frontend = load_frontend("qt")
    except FrontendUnavailable as exc:
        print(f"cannot render: {exc}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    names = frontend.screen_names()
    if args.screen not in names:
        print(f"unknown screen {args.screen!r} (allowed: {', '.join(names)})", file=sys.stderr)
        return EXIT_CONFIG
    frontend.screenshot(
        settings, args.screen, Language(args.lang), args.out, large_text=args.large_text
    )
    print(f"wrote {args.out}")
    return EXIT_OK


# --- entry point ----------------------------------------------------------------------------------

SUBCOMMANDS: tuple[Callable[[SubParsers], None], ...] = (
    _add_run,
    _add_config,
    _add_doctor,
    _add_version,
    _add_screenshot,
    devices_commands.register,
    diagnostics_commands.register,
    catalog_commands.register,
    identity_commands.register,
    imaging_commands.register,
    sync_commands.register,
    queue_commands.register,
    technician_commands.register,
    audit_commands.register,
    provision_commands.register,
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command registered."""
    parser = argparse.ArgumentParser(prog="kiosk", description="OneWindow Kiosk (一网通办自助终端)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in SUBCOMMANDS:
        add(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``kiosk`` command line; returns the process exit code."""
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
