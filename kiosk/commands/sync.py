"""``kiosk sync [--once]`` (the sync engine, headless) and ``kiosk enroll CODE | --rotate``."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from types import FrameType

from config.errors import ConfigError
from config.schema import KioskSettings
from config.secrets import load_secrets
from kiosk import __version__
from kiosk.audit import open_audit_log
from kiosk.catalog_store_reader import catalog_store_path
from kiosk.commands.settings_args import add_source_options, load_from_args, quiet_logging
from kiosk.config_store import ConfigStore
from kiosk.sync.audit_events import sync_audit_events
from kiosk.sync.config_pull import ConfigPull
from kiosk.sync.engine import SyncEngine, SyncState
from kiosk.sync.enrollment import enroll, rotate
from kiosk.sync.errors import SyncError
from kiosk.sync.outbox_lock import OutboxLocked
from kiosk.sync.platform_client import PlatformClient
from kiosk.sync.revocation_pull import RevocationPull
from offline_cache.catalog_store import CatalogStore
from offline_cache.errors import StorageUnavailableError
from offline_cache.store import OfflineStore

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_CONFIG = 2
EXIT_CREDENTIALS = 3  # not enrolled, or the platform refuses the credentials (revoked)
EXIT_PENDING = 75  # EX_TEMPFAIL: --once ended with applications still to send
EXIT_LOCKED = 4  # another sync engine holds the data folder


def _config_pull(args: argparse.Namespace, settings: KioskSettings) -> ConfigPull | None:
    """Settings from the platform go into the --config file (none from a shipped profile)."""
    path = getattr(args, "config", None)
    if path is None:
        return None
    store = ConfigStore(path, audit=open_audit_log(settings), actor="platform")
    return ConfigPull(store, settings.storage.data_dir.expanduser())


def _cmd_sync(args: argparse.Namespace) -> int:
    settings = load_from_args(args)
    if settings is None:
        return EXIT_CONFIG
    quiet_logging(settings)
    try:
        secrets = load_secrets(settings.storage.secrets_file)
    except ConfigError as error:
        sys.stderr.write(f"{error}\n")
        return EXIT_CONFIG
    if not secrets.enrolled:
        sys.stderr.write("this terminal is not enrolled: run `kiosk enroll CODE` first\n")
        return EXIT_CREDENTIALS
    try:
        store = OfflineStore.open(settings.storage)
    except StorageUnavailableError as error:
        sys.stderr.write(f"storage unavailable: {error}\n")
        return EXIT_FAILED
    client = PlatformClient.from_settings(settings, secrets)
    engine = SyncEngine(
        store,
        client,
        terminal_id=settings.terminal.id,
        settings=settings.sync,
        versions={"kiosk": __version__},
        catalog=CatalogStore(catalog_store_path(settings)),
        config=_config_pull(args, settings),
        events=sync_audit_events(settings),
        retention_days=settings.storage.retention_days,
        revocations=RevocationPull.from_secrets(store.data_dir, secrets),
    )
    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        status = engine.run(stop, until_empty=args.once, timeout_s=args.timeout)
    except OutboxLocked as error:
        sys.stderr.write(f"{error}: stop it first (only one sync engine per data folder)\n")
        return EXIT_LOCKED
    finally:
        client.close()
        store.close()
    report = {
        "state": status.state.value,
        "pending": status.pending,
        "quarantined": status.quarantined,
        "detail": status.detail,
        "clock_skew_s": status.clock_skew_s,
    }
    sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")
    if status.state is SyncState.CREDENTIALS_REFUSED:
        sys.stderr.write(f"the platform refuses this terminal's credentials: {status.detail}\n")
        return EXIT_CREDENTIALS
    return EXIT_PENDING if args.once and status.pending else EXIT_OK


def _cmd_enroll(args: argparse.Namespace) -> int:
    settings = load_from_args(args)
    if settings is None:
        return EXIT_CONFIG
    quiet_logging(settings)
    if (args.code is None) == (not args.rotate):
        sys.stderr.write("give an enrollment CODE, or --rotate (not both)\n")
        return EXIT_CONFIG
    try:
        client_id = rotate(settings) if args.rotate else enroll(settings, args.code)
    except SyncError as error:
        sys.stderr.write(f"enrollment failed: {error}\n")
        return EXIT_CREDENTIALS if "Credentials" in type(error).__name__ else EXIT_FAILED
    except ConfigError as error:
        sys.stderr.write(f"{error}\n")
        return EXIT_CONFIG
    action = "rotated" if args.rotate else "enrolled"
    sys.stdout.write(json.dumps({"result": action, "client_id": client_id}) + "\n")
    return EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``kiosk sync`` and ``kiosk enroll``."""
    sync = sub.add_parser("sync", help="send the outbox to the platform (headless sync engine)")
    add_source_options(sync)
    sync.add_argument(
        "--once",
        action="store_true",
        help="exit once nothing is left to send (exit 75 if --timeout passes first)",
    )
    sync.add_argument("--timeout", type=float, metavar="S", help="give up after S seconds")
    sync.set_defaults(handler=_cmd_sync)
    enroll_parser = sub.add_parser(
        "enroll", help="enroll this terminal with a one-time code, or rotate its secret"
    )
    add_source_options(enroll_parser)
    enroll_parser.add_argument("code", nargs="?", metavar="CODE", help="one-time enrollment code")
    enroll_parser.add_argument("--rotate", action="store_true", help="replace the client secret")
    enroll_parser.set_defaults(handler=_cmd_enroll)
