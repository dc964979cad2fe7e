"""Our own PC/SC monitor: one thread blocking on SCardGetStatusChange with the PnP reader.

It survives pcscd restarts (context re-established with backoff on service errors), sees
readers plugged and unplugged, and never talks to a card: it only reports what changed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from smartcard import scard

log = logging.getLogger(__name__)

PNP_READER = "\\\\?PnP?\\Notification"
# A finite wait is a safety net: SCardCancel wakes us at once, but a cancel that arrives just
# before the call would otherwise be lost.
WAIT_MS = 1000
CANCEL_REPEAT_S = 0.02
SERVICE_ERRORS = {
    scard.SCARD_E_NO_SERVICE,
    scard.SCARD_E_SERVICE_STOPPED,
    scard.SCARD_E_INVALID_HANDLE,
    scard.SCARD_F_COMM_ERROR,
    scard.SCARD_F_INTERNAL_ERROR,
    scard.SCARD_E_NO_MEMORY,
}
# Errors that mean "the reader list changed under us": list again with the same context.
RELIST_ERRORS = {scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_READER_UNAVAILABLE}


class MonitorEventKind(StrEnum):
    """What the monitor reports."""

    READER_ADDED = "reader_added"
    READER_REMOVED = "reader_removed"
    CARD_INSERTED = "card_inserted"
    CARD_REMOVED = "card_removed"
    SERVICE_LOST = "service_lost"
    SERVICE_RESTORED = "service_restored"


@dataclass(frozen=True)
class MonitorEvent:
    """A change seen by the monitor."""

    kind: MonitorEventKind
    reader: str = ""
    atr: bytes = b""


@dataclass(frozen=True)
class Backoff:
    """Delays between attempts to reach pcscd: first, doubled each time, capped."""

    first_s: float = 0.05
    max_s: float = 2.0

    def delay(self, attempt: int) -> float:
        """The wait before attempt number ``attempt`` (0-based)."""
        return float(min(self.max_s, self.first_s * 2 ** min(attempt, 30)))


DEFAULT_BACKOFF = Backoff()


class _ServiceLost(Exception):
    """pcscd went away: drop the context and establish a new one."""


class PcscMonitor:
    """Watches PC/SC readers on its own thread and calls ``on_event`` (which must not block)."""

    def __init__(
        self,
        on_event: Callable[[MonitorEvent], None],
        *,
        reader_filter: str = "",
        backoff: Backoff = DEFAULT_BACKOFF,
    ) -> None:
        self._on_event = on_event
        self._filter = reader_filter
        self._backoff = backoff
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._context: Any = None
        self._thread: threading.Thread | None = None
        self._service_up = True
        self.contexts_established = 0

    def start(self) -> None:
        """Start the monitor thread."""
        if self._thread is not None:
            raise RuntimeError("monitor already started")
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="pcsc-monitor", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        """Stop and join the thread; SCardCancel wakes a blocked SCardGetStatusChange."""
        self._stopping.set()
        if self._thread is not None:
            deadline = time.monotonic() + timeout
            # A cancel that lands between two waits is lost, so repeat it until the thread ends.
            while self._thread.is_alive() and time.monotonic() < deadline:
                with self._lock:
                    if self._context is not None:
                        scard.SCardCancel(self._context)
                self._thread.join(CANCEL_REPEAT_S)
            if self._thread.is_alive():
                log.warning("PC/SC monitor did not stop within %.1f s", timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        """True while the monitor thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def _emit(self, kind: MonitorEventKind, reader: str = "", atr: bytes = b"") -> None:
        try:
            self._on_event(MonitorEvent(kind, reader, atr))
        except Exception:
            log.exception("PC/SC event consumer failed")

    def _run(self) -> None:
        attempt = 0
        while not self._stopping.is_set():
            hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hresult != scard.SCARD_S_SUCCESS:
                self._service_lost(scard.SCardGetErrorMessage(hresult))
                self._stopping.wait(self._backoff.delay(attempt))
                attempt += 1
                continue
            attempt = 0
            with self._lock:
                self._context = context
            self.contexts_established += 1
            try:
                self._watch(context)
            except _ServiceLost as exc:
                self._service_lost(str(exc))
                self._stopping.wait(self._backoff.delay(0))
            finally:
                with self._lock:
                    self._context = None
                scard.SCardReleaseContext(context)

    def _service_lost(self, why: str) -> None:
        if self._service_up:
            self._service_up = False
            log.warning("pcscd unavailable: %s; reconnecting with backoff", why)
            self._emit(MonitorEventKind.SERVICE_LOST)

    def _list_readers(self, context: Any) -> list[str]:
        hresult, readers = scard.SCardListReaders(context, [])
        if hresult == scard.SCARD_E_NO_READERS_AVAILABLE:
            return []
        if hresult != scard.SCARD_S_SUCCESS:
            raise _ServiceLost(f"list readers: {scard.SCardGetErrorMessage(hresult)}")
        return [str(r) for r in readers if self._filter in str(r)]

    def _watch(self, context: Any) -> None:
        readers = self._list_readers(context)
        if not self._service_up:
            self._service_up = True
            log.info("pcscd is back")
            self._emit(MonitorEventKind.SERVICE_RESTORED)
        states: dict[str, int] = {}
        for reader in readers:
            states[reader] = scard.SCARD_STATE_UNAWARE
            self._emit(MonitorEventKind.READER_ADDED, reader)
        present: dict[str, bool] = dict.fromkeys(readers, False)
        pnp_state = scard.SCARD_STATE_UNAWARE
        try:
            while not self._stopping.is_set():
                query = [(PNP_READER, pnp_state)] + [(r, s) for r, s in states.items()]
                hresult, answer = scard.SCardGetStatusChange(context, WAIT_MS, query)
                if hresult in (scard.SCARD_E_TIMEOUT, scard.SCARD_E_CANCELLED):
                    continue
                if hresult in RELIST_ERRORS:
                    pnp_state = self._sync_readers(context, states, present)
                    continue
                if hresult != scard.SCARD_S_SUCCESS:
                    raise _ServiceLost(
                        f"status change: {scard.SCardGetErrorMessage(hresult)} "
                        f"(0x{hresult & 0xFFFFFFFF:08X})"
                    )
                relist = False
                for name, event_state, atr in answer:
                    if name == PNP_READER:
                        if pnp_state != scard.SCARD_STATE_UNAWARE and (
                            event_state & scard.SCARD_STATE_CHANGED
                        ):
                            relist = True
                        pnp_state = event_state & ~scard.SCARD_STATE_CHANGED
                        continue
                    if name not in states:
                        continue
                    states[name] = event_state & ~scard.SCARD_STATE_CHANGED
                    if event_state & (scard.SCARD_STATE_UNKNOWN | scard.SCARD_STATE_UNAVAILABLE):
                        relist = True
                        continue
                    is_present = bool(event_state & scard.SCARD_STATE_PRESENT) and not (
                        event_state & scard.SCARD_STATE_MUTE
                    )
                    if is_present != present[name]:
                        present[name] = is_present
                        kind = (
                            MonitorEventKind.CARD_INSERTED
                            if is_present
                            else MonitorEventKind.CARD_REMOVED
                        )
                        self._emit(kind, name, bytes(atr))
                if relist:
                    self._sync_readers(context, states, present)
        finally:
            # Whatever ends the watch, consumers must not believe a card is still there.
            for name, was_present in present.items():
                if was_present:
                    self._emit(MonitorEventKind.CARD_REMOVED, name)
            for name in states:
                self._emit(MonitorEventKind.READER_REMOVED, name)

    def _sync_readers(self, context: Any, states: dict[str, int], present: dict[str, bool]) -> int:
        current = self._list_readers(context)
        for name in [r for r in states if r not in current]:
            if present.pop(name, False):
                self._emit(MonitorEventKind.CARD_REMOVED, name)
            del states[name]
            self._emit(MonitorEventKind.READER_REMOVED, name)
        for name in [r for r in current if r not in states]:
            states[name] = scard.SCARD_STATE_UNAWARE
            present[name] = False
            self._emit(MonitorEventKind.READER_ADDED, name)
        return int(scard.SCARD_STATE_UNAWARE)
