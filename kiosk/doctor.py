"""`kiosk doctor`: what a technician checks first when a terminal misbehaves, in one list."""

from __future__ import annotations

import email.utils
import os
import shutil
import stat
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import requests

from config.schema import (
    CameraScannerSettings,
    KioskSettings,
    PcscReaderSettings,
    SamSerialReaderSettings,
    SaneScannerSettings,
)
from devices.cardreader.discovery import list_pcsc_readers
from devices.printer.base import PrinterStatus
from devices.printer.discovery import probe_printer
from devices.scanner.discovery import list_sane_devices

Check = Callable[[KioskSettings], "CheckResult"]

MIN_FREE_BYTES = 500 * 1024**2  # below this the outbox and attachment vault are at risk
MAX_CLOCK_SKEW_S = 60.0  # receipts carry the time; the platform rejects far-off clocks


@dataclass(frozen=True)
class CheckResult:
    """One line of the doctor's report; ok is None when the answer is a warning, not a failure."""

    name: str
    ok: bool | None
    detail: str


def check_card_readers(settings: KioskSettings) -> list[CheckResult]:
    """Each configured card reader is present."""
    results = []
    for reader in settings.devices.card_readers:
        if isinstance(reader, PcscReaderSettings):
            found = list_pcsc_readers()
            matching = [r.name for r in found if reader.reader_name in r.name]
            if matching:
                results.append(CheckResult("card reader (PC/SC)", True, ", ".join(matching)))
            else:
                want = f"no reader matching {reader.reader_name!r}" if reader.reader_name else ""
                why = found.reason or want or "no reader"
                results.append(CheckResult("card reader (PC/SC)", False, why))
        elif isinstance(reader, SamSerialReaderSettings):
            port = Path(reader.port)
            present = port.exists()
            detail = f"{port} {'present' if present else 'missing (cable or driver?)'}"
            results.append(CheckResult("ID card reader (serial)", present, detail))
        else:
            results.append(CheckResult("card reader", True, "simulated"))
    return results


def check_scanners(settings: KioskSettings) -> list[CheckResult]:
    """Each configured scanner or document camera is present."""
    results = []
    for scanner in settings.devices.scanners:
        if isinstance(scanner, SaneScannerSettings):
            found = list_sane_devices()
            names = [d.name for d in found if not scanner.device or d.name == scanner.device]
            ok = bool(names)
            detail = ", ".join(names) if ok else (found.reason or f"{scanner.device} not found")
            results.append(CheckResult("scanner (SANE)", ok, detail))
        elif isinstance(scanner, CameraScannerSettings):
            device = scanner.device
            if isinstance(device, int):
                device = f"/dev/video{device}"
            present = Path(device).exists()
            detail = f"{device} {'present' if present else 'missing'}"
            results.append(CheckResult("document camera", present, detail))
        else:
            results.append(CheckResult("scanner", True, "simulated"))
    return results


def check_printer(settings: KioskSettings) -> CheckResult:
    """The receipt printer answers and has paper; "no answer" is a warning, not "no paper"."""
    printer = settings.devices.printer
    if printer is None:
        return CheckResult("receipt printer", False, "none configured")
    status = probe_printer(printer)
    verdict = {
        PrinterStatus.OK: True,
        PrinterStatus.UNKNOWN: None,
        PrinterStatus.PAPER_NEAR_END: None,
    }
    return CheckResult(
        f"receipt printer ({printer.backend})", verdict.get(status, False), status.value
    )


def check_devices(settings: KioskSettings) -> list[CheckResult]:
    """Every configured device."""
    return [
        *check_card_readers(settings),
        *check_scanners(settings),
        check_printer(settings),
    ]


def check_disk_space(settings: KioskSettings) -> CheckResult:
    """Free space where the data lives (or its nearest existing parent)."""
    path = settings.storage.data_dir.expanduser()
    while not path.exists() and path != path.parent:
        path = path.parent
    free = shutil.disk_usage(path).free
    detail = f"{free / 1024**3:.1f} GiB free at {path}"
    return CheckResult("disk space", free >= MIN_FREE_BYTES, detail)


def check_chinese_fonts(settings: KioskSettings) -> CheckResult:
    """A font with Chinese glyphs is installed (else every label is a row of boxes)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return CheckResult("Chinese fonts", False, "fc-list not found (install fontconfig)")
    out = subprocess.run(
        [fc_list, ":lang=zh-cn", "family"], capture_output=True, text=True, timeout=10, check=False
    ).stdout
    families = sorted({line.split(",")[0].strip() for line in out.splitlines() if line.strip()})
    if not families:
        return CheckResult("Chinese fonts", False, "none installed (install fonts-noto-cjk)")
    return CheckResult("Chinese fonts", True, ", ".join(families[:3]))


def _private_file(label: str, path: Path, *, required: bool) -> CheckResult:
    path = path.expanduser()
    if not path.exists():
        if required:
            return CheckResult(label, False, f"{path} missing")
        return CheckResult(label, None, f"{path} not created yet")
    st = path.stat()
    if st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        return CheckResult(
            label, False, f"{path} is {stat.filemode(st.st_mode)}: run chmod 600 {path}"
        )
    if st.st_uid != os.getuid():
        return CheckResult(label, False, f"{path} is owned by uid {st.st_uid}, not this user")
    return CheckResult(label, True, f"{path} is private (600)")


def check_key_file(settings: KioskSettings) -> CheckResult:
    """The storage key is readable only by the kiosk user."""
    return _private_file("key file", settings.storage.key_file, required=False)


def check_secrets_file(settings: KioskSettings) -> CheckResult:
    """The secrets (platform credentials) are readable only by the kiosk user."""
    return _private_file("secrets file", settings.storage.secrets_file, required=False)


def _platform_get(settings: KioskSettings, path: str) -> requests.Response:
    platform = settings.platform
    verify: str | bool = str(platform.ca_file.expanduser()) if platform.ca_file else True
    url = str(platform.url).rstrip("/") + path
    return requests.get(
        url, timeout=(platform.connect_timeout_s, platform.read_timeout_s), verify=verify
    )


def check_platform(settings: KioskSettings) -> list[CheckResult]:
    """The platform answers its health endpoint, and our clock agrees with its clock."""
    ca_file = settings.platform.ca_file
    if ca_file is not None and not ca_file.expanduser().is_file():
        return [
            CheckResult("platform", False, f"CA file {ca_file} missing (platform.ca_file)"),
            CheckResult("clock", None, "cannot compare with the platform"),
        ]
    try:
        sent = time.time()
        response = _platform_get(settings, "/api/v1/health")
        received = time.time()
        response.raise_for_status()
    except requests.RequestException as exc:
        reason = type(exc).__name__
        return [
            CheckResult("platform", False, f"{settings.platform.url} unreachable ({reason})"),
            CheckResult("clock", None, "cannot compare with the platform"),
        ]
    elapsed_ms = (received - sent) * 1000
    results = [
        CheckResult("platform", True, f"{settings.platform.url} answered in {elapsed_ms:.0f} ms")
    ]
    date = response.headers.get("Date")
    if date is None:
        results.append(CheckResult("clock", None, "the platform sent no Date header"))
        return results
    platform_time = email.utils.parsedate_to_datetime(date).timestamp()
    # The Date header has one-second resolution: compare with the middle of the exchange.
    skew = (sent + received) / 2 - platform_time
    ok = abs(skew) <= MAX_CLOCK_SKEW_S
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    results.append(CheckResult("clock", ok, f"{now}, {skew:+.0f} s against the platform"))
    return results


def run_checks(settings: KioskSettings) -> list[CheckResult]:
    """Every check, in the order a technician reads them."""
    results = check_devices(settings)
    results.extend(check_platform(settings))
    for check in (check_disk_space, check_chinese_fonts, check_key_file, check_secrets_file):
        results.append(check(settings))
    return results
