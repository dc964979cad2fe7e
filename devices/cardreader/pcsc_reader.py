"""The PC/SC identity reader: monitor events in, card reads on a worker thread, ReaderEvents out."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Sequence
from typing import Any

from smartcard import scard

from devices.cardreader.errors import CardError, ReaderUnavailable
from devices.cardreader.events import ReaderEvent, ReaderEventKind
from devices.cardreader.pcsc_card import read_card
from devices.cardreader.pcsc_monitor import (
    DEFAULT_BACKOFF,
    Backoff,
    MonitorEvent,
    MonitorEventKind,
    PcscMonitor,
)
from devices.cardreader.piv import PinProvider, PivProfile
from devices.cardreader.profiles import CardProfile
from devices.cardreader.social_security import SocialSecurityProfile

log = logging.getLogger(__name__)

_FORWARDED = {
    MonitorEventKind.READER_ADDED: ReaderEventKind.READER_ADDED,
    MonitorEventKind.READER_REMOVED: ReaderEventKind.READER_REMOVED,
    MonitorEventKind.CARD_REMOVED: ReaderEventKind.CARD_REMOVED,
    MonitorEventKind.SERVICE_LOST: ReaderEventKind.SERVICE_LOST,
    MonitorEventKind.SERVICE_RESTORED: ReaderEventKind.SERVICE_RESTORED,
}

_SERVICE_CHANGES = {MonitorEventKind.SERVICE_LOST, MonitorEventKind.SERVICE_RESTORED}


def default_profiles(pin_provider: PinProvider | None = None) -> list[CardProfile]:
    """The card profiles a kiosk knows: social security card, then PIV staff card."""
    return [SocialSecurityProfile(), PivProfile(pin_provider)]


class PcscCardReader:
    """Reads every card inserted into a matching PC/SC reader; results arrive on ``events``."""

    def __init__(
        self,
        *,
        reader_filter: str = "",
        profiles: Sequence[CardProfile] | None = None,
        pin_provider: PinProvider | None = None,
        read_timeout_s: float = 5.0,
        backoff: Backoff = DEFAULT_BACKOFF,
    ) -> None:
        self.events: queue.Queue[ReaderEvent] = queue.Queue()
        self._profiles = list(profiles) if profiles is not None else default_profiles(pin_provider)
        self._read_timeout_s = read_timeout_s
        # The monitor only enqueues; all card I/O happens on the worker thread.
        self._inbox: queue.Queue[MonitorEvent | None] = queue.Queue()
        self.monitor = PcscMonitor(self._inbox.put, reader_filter=reader_filter, backoff=backoff)
        self._worker: threading.Thread | None = None
        # The worker's PC/SC context, kept between reads (making one per read costs as much as
        # a third of the APDUs); dropped when pcscd goes away, since it is then invalid.
        self._context: Any | None = None

    def start(self) -> None:
        """Start the monitor and the reading worker."""
        self._worker = threading.Thread(target=self._work, name="pcsc-reader", daemon=True)
        self._worker.start()
        self.monitor.start()

    def stop(self, timeout: float = 3.0) -> None:
        """Stop the monitor, then the worker (after any read in progress ends)."""
        self.monitor.stop(timeout)
        self._inbox.put(None)
        if self._worker is not None:
            self._worker.join(timeout + self._read_timeout_s)
            self._worker = None

    def _work(self) -> None:
        try:
            while True:
                event = self._inbox.get()
                if event is None:
                    return
                if event.kind is MonitorEventKind.CARD_INSERTED:
                    self._read(event.reader)
                    continue
                if event.kind in _SERVICE_CHANGES:
                    self._drop_context()  # made with the pcscd that went away: invalid now
                self.events.put(ReaderEvent(_FORWARDED[event.kind], event.reader))
        finally:
            self._drop_context()

    def _reading_context(self) -> Any | None:
        """The worker's context, established on first use (None: the read makes its own)."""
        if self._context is None:
            hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hresult == scard.SCARD_S_SUCCESS:
                self._context = context
        return self._context

    def _drop_context(self) -> None:
        if self._context is not None:
            scard.SCardReleaseContext(self._context)
            self._context = None

    def _read(self, reader: str) -> None:
        self.events.put(ReaderEvent(ReaderEventKind.CARD_INSERTED, reader))
        try:
            identity = read_card(
                reader, self._profiles, self._read_timeout_s, self._reading_context()
            )
        except CardError as exc:
            if isinstance(exc, ReaderUnavailable):
                self._drop_context()  # pcscd went away mid-read: the next read starts afresh
            log.info("card read failed: %s: %s", type(exc).__name__, exc.detail)
            self.events.put(ReaderEvent(ReaderEventKind.READ_FAILED, reader, error=exc))
        except Exception as exc:
            # A bug must surface as a failed read, never kill the worker.
            log.exception("unexpected error reading a card")
            error = CardError(f"unexpected {type(exc).__name__}")
            self.events.put(ReaderEvent(ReaderEventKind.READ_FAILED, reader, error=error))
        else:
            self.events.put(ReaderEvent(ReaderEventKind.IDENTITY_READ, reader, identity=identity))
