"""The one bridge for background work: run on the thread pool, get the result on the UI thread.

Pattern of Anki's CollectionOp and Electrum's QtHandlerBase:
``run_in_background(fn, *args).on_success(cb).on_failure(cb).start()``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")

# Relays awaiting their worker; held here so they live until the result arrives.
_pending: set[_Relay] = set()


class _Relay(QObject):
    """Lives on the UI thread; the worker emits into it and Qt queues the call back here."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        owner: QObject | None,
    ) -> None:
        # A child of the widget whose method is the callback: if the screen is gone when the
        # work ends, the relay is gone with it and the callback never runs on a dead widget.
        super().__init__(owner)
        self._on_success = on_success
        self._on_failure = on_failure
        self.succeeded.connect(self._deliver_success, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._deliver_failure, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        _pending.discard(self)
        if self._on_success is not None:
            self._on_success(result)

    @Slot(object)
    def _deliver_failure(self, error: object) -> None:
        _pending.discard(self)
        if self._on_failure is not None:
            self._on_failure(error)  # type: ignore[arg-type]
        else:
            log.error("background operation failed", exc_info=error)  # type: ignore[arg-type]


class _Task(QRunnable):
    """Runs the function on a pool thread and reports through the relay's signals."""

    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # every failure must reach the UI, whatever its type
            self._report(self._relay.failed, exc)
        else:
            self._report(self._relay.succeeded, result)

    @staticmethod
    def _report(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the application is shutting down and took the relay with it
            log.debug("background result dropped: the UI is gone")


class BackgroundOp(Generic[T]):
    """A function to run off the UI thread, with callbacks that run on the UI thread."""

    def __init__(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> None:
        self._call: Callable[[], T] = lambda: fn(*args, **kwargs)
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None

    def on_success(self, callback: Callable[[T], None]) -> BackgroundOp[T]:
        """Call ``callback(result)`` on the UI thread when the function returns."""
        self._on_success = callback
        return self

    def on_failure(self, callback: Callable[[BaseException], None]) -> BackgroundOp[T]:
        """Call ``callback(exception)`` on the UI thread when the function raises."""
        self._on_failure = callback
        return self

    def start(self, pool: QThreadPool | None = None) -> None:
        """Start the work; must be called from the UI thread."""
        owner = getattr(self._on_success, "__self__", None)
        relay = _Relay(
            self._on_success, self._on_failure, owner if isinstance(owner, QObject) else None
        )
        _pending.add(relay)
        relay.destroyed.connect(lambda: _pending.discard(relay))
        (pool or QThreadPool.globalInstance()).start(_Task(self._call, relay))


def run_in_background(fn: Callable[..., T], *args: Any, **kwargs: Any) -> BackgroundOp[T]:
    """Prepare ``fn(*args, **kwargs)`` to run on the thread pool; chain callbacks, then start()."""
    return BackgroundOp(fn, *args, **kwargs)
