"""Which SANE scanners and cameras are present, without ever raising (SANE may be absent)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from devices.base import Discovered
from devices.scanner import sane_runtime
from devices.scanner.base import ScannerInfo

if TYPE_CHECKING:
    from devices.usb_inventory import UsbDevice

log = logging.getLogger(__name__)


def list_sane_devices(*, local_only: bool = False) -> Discovered[ScannerInfo]:
    """The SANE devices present now; empty with a reason if none or SANE is unavailable.

    Safe beside a running scan and other listings (devices/scanner/sane_runtime.py). SANE
    reads SANE_CONFIG_DIR (which backends, dll.conf) when first initialised.
    """
    try:
        with sane_runtime.listing() as sane:
            devices = sane.get_devices(local_only)
    except ImportError as exc:
        return Discovered(reason=f"python-sane cannot be loaded: {exc}")
    except Exception as exc:  # _sane.error or RuntimeError, depending on the failure
        log.warning("SANE cannot list devices: %s", exc)
        return Discovered(reason=f"SANE cannot list devices: {exc}")
    if not devices:
        return Discovered(
            reason="no SANE device found (scanner off or unplugged, or its backend not in dll.conf)"
        )
    return Discovered(
        ScannerInfo(name=str(name), vendor=str(vendor), model=str(model), kind=str(kind))
        for name, vendor, model, kind in devices
    )


def list_cameras() -> Discovered[UsbDevice]:
    """Video capture devices (document cameras) udev knows, each with its /dev/video node."""
    from devices.usb_inventory import UsbKind, list_usb_devices

    devices = list_usb_devices()
    cameras = [device for device in devices if device.kind is UsbKind.CAMERA]
    if not cameras:
        return Discovered(reason=devices.reason or "no camera (video4linux capture device) found")
    return Discovered(cameras)
