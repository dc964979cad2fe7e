"""What the technician pages show and do, Qt-free: devices, queue, health, sync now.

Every function here may block (device I/O, storage, network): the UI calls them through its
background bridge. Nothing returned holds personal data: only ids, numbers, states, errors.
"""

from __future__ import annotations

import platform
import shutil
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import cast

from config.errors import ConfigError
from config.schema import KioskSettings
from config.secrets import load_secrets
from devices.cardreader.discovery import list_pcsc_readers
from devices.scanner.backends import open_capture
from devices.scanner.base import Camera, ScanError
from devices.scanner.discovery import list_sane_devices
from kiosk import __version__
from kiosk.doctor import CheckResult, run_checks
from kiosk.printer_test import run_printer_test
from kiosk.queue_desk import QueueDesk, QueueRow
from kiosk.sync.engine import SyncEngine
from kiosk.sync.outbox_lock import OutboxLock, OutboxLocked
from kiosk.sync.platform_client import PlatformClient
from kiosk.sync.revocation_pull import RevocationPull
from kiosk.sync.wake import request_sync
from offline_cache.store import OfflineStore

LOG_TAIL_LINES = 40


@dataclass(frozen=True)
class DeviceInventory:
    """Configured devices checked by the doctor, and what the system detects right now."""

    checks: tuple[CheckResult, ...]
    pcsc_readers: tuple[str, ...]
    pcsc_note: str
    sane_devices: tuple[str, ...]
    sane_note: str


@dataclass(frozen=True)
class DeviceTestResult:
    """The outcome of one on-the-spot device test, with how long it took."""

    device: str
    ok: bool
    detail: str
    seconds: float


@dataclass(frozen=True)
class HealthReport:
    """Doctor results, disk, clock, versions and the last log lines."""

    checks: tuple[CheckResult, ...]
    disk_free_gib: float
    clock: str
    versions: tuple[tuple[str, str], ...]
    log_lines: tuple[str, ...]


def take_inventory(settings: KioskSettings) -> DeviceInventory:
    """Run the doctor's checks and list the PC/SC readers and SANE devices present."""
    readers = list_pcsc_readers()
    scanners = list_sane_devices()
    return DeviceInventory(
        checks=tuple(run_checks(settings)),
        pcsc_readers=tuple(r.name for r in readers),
        pcsc_note=readers.reason,
        sane_devices=tuple(f"{d.name} ({d.vendor} {d.model})" for d in scanners),
        sane_note=scanners.reason,
    )


def try_printer(settings: KioskSettings) -> DeviceTestResult:
    """Print the test receipt on the configured printer."""
    printer = settings.devices.printer
    if printer is None:
        return DeviceTestResult("printer", False, "no printer configured", 0.0)
    report = run_printer_test(settings, printer)
    detail = f"{report.outcome}, printer {report.status}"
    if report.detail:
        detail += f": {report.detail}"
    return DeviceTestResult(f"printer ({report.backend})", report.printed, detail, report.seconds)


def try_scanner(settings: KioskSettings, timeout_s: float = 10.0) -> DeviceTestResult:
    """Scan one page (or grab one camera frame) from the first configured scanner."""
    if not settings.devices.scanners:
        return DeviceTestResult("scanner", False, "no scanner configured", 0.0)
    config = settings.devices.scanners[0]
    started = time.monotonic()
    name = f"scanner ({config.backend})"
    try:
        source = open_capture(config)
        # Cameras (and demo videos) have start/latest; scanners (and demo folders) have scan.
        if hasattr(source, "wait_for_frame"):
            camera = cast(Camera, source)
            camera.start()
            try:
                frame = camera.wait_for_frame(timeout=timeout_s)
            finally:
                camera.stop()
            if frame is None:
                return DeviceTestResult(name, False, "no frame", time.monotonic() - started)
            height, width = frame.image.shape[:2]
            detail = f"frame {width}x{height}"
        else:
            scanner = source
            try:
                page = next(iter(scanner.scan()), None)
            finally:
                scanner.close()
            if page is None:
                return DeviceTestResult(name, False, "no page", time.monotonic() - started)
            height, width = page.image.shape[:2]
            detail = f"page {width}x{height} at {page.dpi} dpi"
    except ScanError as error:
        return DeviceTestResult(name, False, str(error), time.monotonic() - started)
    return DeviceTestResult(name, True, detail, time.monotonic() - started)


def try_card_readers(settings: KioskSettings) -> DeviceTestResult:
    """List the PC/SC readers the system sees (a card read goes through the identity screen)."""
    started = time.monotonic()
    readers = list_pcsc_readers()
    ok = bool(readers) or not any(r.backend == "pcsc" for r in settings.devices.card_readers)
    detail = ", ".join(r.name for r in readers) or readers.reason or "no PC/SC reader"
    return DeviceTestResult("card readers", ok, detail, time.monotonic() - started)


def list_queue(settings: KioskSettings) -> list[QueueRow]:
    """Every application not yet purged, oldest first, with its sync state and last error."""
    return QueueDesk(settings).rows()


class SyncProblem(StrEnum):
    """Why "sync now" could not make a pass."""

    SECRETS_UNUSABLE = "secrets_unusable"
    NOT_ENROLLED = "not_enrolled"
    FAILED = "failed"
    SERVICE_WOKEN = "service_woken"  # the sync service runs: it was asked for a pass instead


@dataclass(frozen=True)
class SyncSummary:
    """What one "sync now" pass did, or why it could not run (``problem`` and ``detail``)."""

    submitted: int = 0
    quarantined: int = 0
    deferred: int = 0
    errors: tuple[str, ...] = ()
    problem: SyncProblem | None = None
    detail: str = ""

    def __str__(self) -> str:
        if self.problem is SyncProblem.SECRETS_UNUSABLE:
            return f"secrets file cannot be used: {self.detail}"
        if self.problem is SyncProblem.NOT_ENROLLED:
            return "not enrolled: no sync possible"
        if self.problem is SyncProblem.FAILED:
            return f"sync failed: {self.detail}"
        if self.problem is SyncProblem.SERVICE_WOKEN:
            return "the sync service was asked for a pass now"
        summary = f"submitted {self.submitted}, quarantined {self.quarantined}"
        summary += f", deferred {self.deferred}"
        if self.errors:
            summary += f"; errors: {'; '.join(self.errors)}"
        return summary


def sync_now(settings: KioskSettings) -> SyncSummary:
    """One sync pass now: what it did, or why it could not run.

    Where the sync service holds the outbox, it is woken for the pass instead.
    """
    try:
        secrets = load_secrets(settings.storage.secrets_file.expanduser())
    except ConfigError as error:
        return SyncSummary(problem=SyncProblem.SECRETS_UNUSABLE, detail=str(error))
    if not secrets.enrolled:
        return SyncSummary(problem=SyncProblem.NOT_ENROLLED)
    store = OfflineStore.open(settings.storage)
    client = PlatformClient.from_settings(settings, secrets)
    try:
        engine = SyncEngine(
            store,
            client,
            terminal_id=settings.terminal.id,
            settings=settings.sync,
            versions={"kiosk": __version__},
            revocations=RevocationPull.from_secrets(store.data_dir, secrets),
        )
        with OutboxLock(store.data_dir).held():  # never beside the sync service's engine
            report = engine.cycle(threading.Event())
    except OutboxLocked:
        request_sync(store.data_dir)
        return SyncSummary(problem=SyncProblem.SERVICE_WOKEN)
    except Exception as error:  # the technician must see why, whatever it is
        return SyncSummary(problem=SyncProblem.FAILED, detail=f"{type(error).__name__}: {error}")
    finally:
        client.close()
        store.close()
    return SyncSummary(
        submitted=report.submitted,
        quarantined=report.quarantined,
        deferred=report.deferred,
        errors=tuple(report.errors[:3]),
    )


def log_tail(path: Path | None, lines: int = LOG_TAIL_LINES) -> tuple[str, ...]:
    """The last ``lines`` lines of the log file (already masked by the logging filter)."""
    if path is None:
        return ()
    try:
        with path.expanduser().open(encoding="utf-8", errors="replace") as handle:
            return tuple(line.rstrip("\n") for line in deque(handle, maxlen=lines))
    except FileNotFoundError:
        return ()


def health_report(settings: KioskSettings) -> HealthReport:
    """The Health and logs page: doctor, disk, clock, versions, last log lines."""
    data = settings.storage.data_dir.expanduser()
    while not data.exists() and data != data.parent:
        data = data.parent
    return HealthReport(
        checks=tuple(run_checks(settings)),
        disk_free_gib=shutil.disk_usage(data).free / 1024**3,
        clock=datetime.now().astimezone().isoformat(timespec="seconds"),
        versions=(
            ("kiosk", __version__),
            ("python", sys.version.split()[0]),
            ("system", platform.platform()),
        ),
        log_lines=log_tail(settings.logging.file),
    )
