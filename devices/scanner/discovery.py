"""Which SANE scanners are present, without ever raising (python-sane or backends may be absent)."""

from __future__ import annotations

import logging

from devices.base import Discovered
from devices.scanner.base import ScannerInfo
from devices.scanner.sigpipe import ignore_sigpipe_again

log = logging.getLogger(__name__)


def list_sane_devices(*, local_only: bool = False) -> Discovered[ScannerInfo]:
    """The SANE devices present now; empty with a reason if none or SANE is unavailable.

    Initialises and exits SANE, so call it while no scan is in progress. SANE reads
    SANE_CONFIG_DIR (which backends, dll.conf) at initialisation.
    """
    try:
        import sane
    except ImportError as exc:
        return Discovered(reason=f"python-sane cannot be loaded: {exc}")
    try:
        sane.init()
    except Exception as exc:  # _sane.error or RuntimeError, depending on the failure
        log.warning("SANE cannot start: %s", exc)
        return Discovered(reason=f"SANE cannot start: {exc}")
    try:
        devices = sane.get_devices(local_only)
    except Exception as exc:
        log.warning("SANE cannot list devices: %s", exc)
        return Discovered(reason=f"SANE cannot list devices: {exc}")
    finally:
        sane.exit()
        ignore_sigpipe_again()
    if not devices:
        return Discovered(
            reason="no SANE device found (scanner off or unplugged, or its backend not in dll.conf)"
        )
    return Discovered(
        ScannerInfo(name=str(name), vendor=str(vendor), model=str(model), kind=str(kind))
        for name, vendor, model, kind in devices
    )
