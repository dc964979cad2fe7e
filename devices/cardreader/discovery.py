"""Which PC/SC readers pcscd reports, without ever raising (pcscd may not be running)."""

from __future__ import annotations

import logging

from devices.base import Discovered
from devices.cardreader.base import ReaderInfo

log = logging.getLogger(__name__)


def list_pcsc_readers() -> Discovered[ReaderInfo]:
    """The PC/SC readers present now; empty with a reason if pcscd or pyscard is unavailable."""
    try:
        from smartcard.Exceptions import SmartcardException
        from smartcard.pcsc.PCSCExceptions import BaseSCardException
        from smartcard.System import readers
    except ImportError:
        return Discovered(reason="pyscard is not installed")
    try:
        names = [str(reader) for reader in readers()]
    except BaseSCardException as exc:
        # pyscard's message carries the PC/SC code, e.g. "Service not available. (0x8010001D)".
        reason = f"pcscd does not answer (is it running?): {exc}"
        log.warning("PC/SC readers unavailable: %s", reason)
        return Discovered(reason=reason)
    except SmartcardException as exc:
        log.warning("PC/SC readers unavailable: %s", exc)
        return Discovered(reason=f"PC/SC error: {exc}")
    if not names:
        return Discovered(reason="pcscd is running but reports no reader")
    return Discovered(ReaderInfo(name=name, backend="pcsc") for name in names)
