"""The technician's Enrollment page, without Qt: who the terminal is, enroll with a code, or scan
a QR code (an enrollment code, or a signed provisioning payload) with the document camera.

Every function here blocks (secrets file, network, camera): the page runs them on workers.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from config.errors import ConfigError
from config.schema import CameraScannerSettings, KioskSettings
from config.secrets import load_secrets
from devices.scanner.camera import OpenCvCamera
from kiosk.audit import open_audit_log
from kiosk.provisioning import PREFIX, ProvisioningRefused, apply_payload, read_qr_frame
from kiosk.sync.enrollment import enroll

log = logging.getLogger(__name__)

SCAN_TIMEOUT_S = 30.0


class ScanFailed(Exception):
    """No QR code could be scanned (no camera configured, or nothing readable in time)."""


@dataclass(frozen=True)
class EnrollmentView:
    """What the page shows: enrolled or not, and the terminal's registered id, name and hall."""

    enrolled: bool
    terminal_id: str
    name: str
    hall: str
    provisioned_keys: tuple[str, ...] = ()  # settings a provisioning code changed (next start)


def enrollment_view(settings: KioskSettings) -> EnrollmentView:
    """The terminal as configured, and whether its secrets file holds credentials."""
    try:
        enrolled = load_secrets(settings.storage.secrets_file.expanduser()).enrolled
    except ConfigError:
        enrolled = False
    terminal = settings.terminal
    return EnrollmentView(enrolled, terminal.id, terminal.name, terminal.hall)


def enroll_with_code(settings: KioskSettings, code: str, actor: str = "terminal") -> EnrollmentView:
    """Spend the one-time enrollment ``code``; SyncError (with the platform's reason) if refused.
    ``actor``: who enrolled, for the audit trail."""
    enroll(settings, code.strip().upper(), actor=actor)
    return enrollment_view(settings)


def apply_scanned(
    settings: KioskSettings, text: str, config_file: Path | None, actor: str = "provisioning"
) -> EnrollmentView:
    """A scanned (or pasted) QR text: a provisioning payload is applied to ``config_file`` (then
    its code is spent with the new settings); anything else is taken as an enrollment code.
    ``actor``: who did it, for the audit trail."""
    if not text.startswith(PREFIX):
        return enroll_with_code(settings, text, actor)
    if config_file is None:
        raise ProvisioningRefused(
            "this kiosk runs from a shipped profile: start it with --config FILE to provision it"
        )
    result = apply_payload(
        text,
        config_file,
        enroll=lambda new_settings, code: enroll(new_settings, code, actor=actor),
        audit=open_audit_log(settings),
        actor=actor,
    )
    view = enrollment_view(result.settings)
    return EnrollmentView(
        view.enrolled, view.terminal_id, view.name, view.hall, tuple(result.changed_keys)
    )


def scan_code(
    settings: KioskSettings, stop: threading.Event | None = None, timeout_s: float = SCAN_TIMEOUT_S
) -> str:
    """Read frames from the terminal's document camera until one holds a QR code; its text."""
    camera_settings = next(
        (s for s in settings.devices.scanners if isinstance(s, CameraScannerSettings)), None
    )
    if camera_settings is None:
        raise ScanFailed("no document camera is configured")
    camera = OpenCvCamera(camera_settings)
    camera.start()
    try:
        deadline = time.monotonic() + timeout_s
        number = -1
        while time.monotonic() < deadline and not (stop is not None and stop.is_set()):
            frame = camera.wait_for_frame(number, timeout=1.0)
            if frame is None:
                continue
            number = frame.number
            try:
                return read_qr_frame(frame.image)
            except ProvisioningRefused:
                continue  # no code in this frame
        raise ScanFailed(f"no QR code seen within {timeout_s:.0f} s")
    finally:
        camera.stop()
