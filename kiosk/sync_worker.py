"""The sync engine on a background thread of the kiosk process, stopped cleanly at shutdown.

The worker opens its own OfflineStore in its thread (SQLite connections stay with the thread
that opened them). In demo mode it first enrolls the terminal with a code from the reference
platform, so a demo application is submitted, gets its official number and can be tracked.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from config.schema import KioskSettings
from config.secrets import load_secrets
from kiosk.audit import open_audit_log
from kiosk.catalog_store_reader import catalog_store_path
from kiosk.config_store import ConfigStore, active_config_file
from kiosk.sync.audit_events import sync_audit_events
from kiosk.sync.config_pull import ConfigPull
from kiosk.sync.engine import SyncEngine, SyncStatus
from kiosk.sync.enrollment import enroll
from kiosk.sync.outbox_lock import OutboxLocked
from kiosk.sync.platform_client import PlatformClient
from kiosk.sync.revocation_pull import RevocationPull
from offline_cache.catalog_store import CatalogStore
from offline_cache.store import OfflineStore

log = logging.getLogger(__name__)

CodeSource = Callable[[str], str]  # terminal id → one-time enrollment code


class SyncWorker:
    """A daemon thread running ``SyncEngine.run`` until ``stop()``."""

    def __init__(
        self,
        settings: KioskSettings,
        *,
        enrollment_code: CodeSource | None = None,
        enroll_retry_s: float = 5.0,
    ) -> None:
        self._settings = settings
        self._enrollment_code = enrollment_code
        self._enroll_retry_s = enroll_retry_s
        self._stop = threading.Event()
        self._engine: SyncEngine | None = None
        self._thread = threading.Thread(target=self._run, name="sync", daemon=True)

    def start(self) -> None:
        """Start the thread (returns at once)."""
        self._thread.start()

    def stop(self, timeout_s: float = 10.0) -> bool:
        """Ask the engine to stop and wait for it; False if it is still busy after the timeout."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)
        alive = self._thread.is_alive()
        if alive:
            log.warning("sync worker still busy at shutdown")
        return not alive

    @property
    def running(self) -> bool:
        """True while the thread runs."""
        return self._thread.is_alive()

    def status(self) -> SyncStatus | None:
        """The engine's status (None before it started)."""
        engine = self._engine
        return engine.status if engine is not None else None

    def _enrolled(self) -> bool:
        """Enroll first if needed and possible; False when stopped before it succeeded."""
        secrets_file = self._settings.storage.secrets_file.expanduser()
        while not self._stop.is_set():
            if load_secrets(secrets_file).enrolled:
                return True
            if self._enrollment_code is None:
                log.warning("terminal not enrolled: sync waits for `kiosk enroll`")
                self._stop.wait(self._enroll_retry_s * 12)
                continue
            try:
                enroll(self._settings, self._enrollment_code(self._settings.terminal.id))
            except Exception as error:  # the demo server may still be starting: try again
                log.warning("demo enrollment failed", extra={"reason": type(error).__name__})
                self._stop.wait(self._enroll_retry_s)
            else:
                log.info("terminal enrolled with the demo platform")
        return False

    def _config_pull(self) -> ConfigPull | None:
        """Settings from the platform go into the file the kiosk was started from (if any)."""
        path = active_config_file()
        if path is None:
            return None
        store = ConfigStore(path, audit=open_audit_log(self._settings), actor="platform")
        return ConfigPull(store, self._settings.storage.data_dir.expanduser())

    def _run(self) -> None:
        try:
            if not self._enrolled():
                return
            store = OfflineStore.open(self._settings.storage)
        except Exception:
            log.exception("sync worker cannot start")
            return
        secrets = load_secrets(self._settings.storage.secrets_file.expanduser())
        client = PlatformClient.from_settings(self._settings, secrets)
        try:
            self._engine = SyncEngine(
                store,
                client,
                terminal_id=self._settings.terminal.id,
                settings=self._settings.sync,
                catalog=CatalogStore(catalog_store_path(self._settings)),
                config=self._config_pull(),
                events=sync_audit_events(self._settings),
                retention_days=self._settings.storage.retention_days,
                revocations=RevocationPull.from_secrets(store.data_dir, secrets),
            )
            self._engine.run(self._stop)
        except OutboxLocked as error:
            log.error("sync worker not started: %s", error)
        except Exception:
            log.exception("sync worker stopped by an error")
        finally:
            client.close()
            store.close()
            log.info("sync worker stopped")


__all__ = ["CodeSource", "SyncWorker"]
