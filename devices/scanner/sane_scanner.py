"""SANE scanners through python-sane: flatbed, document feeder, duplex where the device has it.

Options are discovered from the device (SANE names them freely: "Color" or "24bit Color",
"ADF" or "Automatic Document Feeder"), so the configured mode, resolution and source are
matched against what this device offers. SANE status codes become ScanError with a named
problem. One SaneScanner per device; SANE itself is initialised once per process.

Every sane_cancel goes through devices.scanner.sane_cancel (without the GIL: a backend slow to
cancel must not freeze the UI). SANE forbids sane_close/sane_exit while another call on the
handle runs, so ``close()`` waits for the scan or cancel still running on another thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from config.schema import SaneScannerSettings
from devices.scanner import sane_runtime
from devices.scanner.base import ScanError, ScannedPage, ScanProblem
from devices.scanner.sane_cancel import GilFreeCancel
from devices.scanner.sigpipe import ignore_sigpipe_again

log = logging.getLogger(__name__)


# sane_strstatus() texts, which python-sane raises as _sane.error(text).
STATUS_PROBLEMS = {
    "Document feeder out of documents": ScanProblem.FEEDER_EMPTY,
    "Document feeder jammed": ScanProblem.JAMMED,
    "Scanner cover is open": ScanProblem.COVER_OPEN,
    "Device busy": ScanProblem.DEVICE_BUSY,
    "Error during device I/O": ScanProblem.IO_ERROR,
    "Operation was cancelled": ScanProblem.CANCELLED,
    "Operation not supported": ScanProblem.UNSUPPORTED,
}
MODE_WORDS = {"color": ("color", "colour", "24bit"), "gray": ("gray", "grey", "8bit")}
MAX_SHEETS = 500  # a feeder that never reports empty must not scan forever


@dataclass(frozen=True)
class DeviceOption:
    """One option the device offers: SANE name, title, allowed values and whether it is usable."""

    name: str
    title: str
    constraint: Any
    active: bool
    settable: bool


def problem_of(error: BaseException) -> ScanProblem:
    """The named problem behind a python-sane error."""
    text = str(error)
    for status, problem in STATUS_PROBLEMS.items():
        if status.lower() in text.lower():
            return problem
    return ScanProblem.OTHER


class SaneScanner:
    """A SANE device configured from SaneScannerSettings; ``scan()`` yields its pages."""

    def __init__(self, settings: SaneScannerSettings) -> None:
        self._settings = settings
        self._cancelled = threading.Event()
        # Device calls running now (scan, cancel), so close() can wait for them; closed: no more.
        self._calls = threading.Condition()
        self._in_flight = 0
        self._closed = False
        # One sane_cancel at a time: backends join their reader in it, and two joins of the same
        # thread hang (the `test` backend did, cancelled by the UI and the scan thread at once).
        self._cancel_lock = threading.Lock()
        try:
            sane = sane_runtime.acquire()
        except ImportError as exc:
            raise ScanError(ScanProblem.NO_DEVICE, f"python-sane cannot be loaded: {exc}") from exc
        try:
            name = settings.device or self._first_device(sane)
            self._device: Any = sane.open(name)
        except ScanError:
            sane_runtime.release()
            raise
        except Exception as exc:
            sane_runtime.release()
            raise ScanError(ScanProblem.NO_DEVICE, str(exc)) from exc
        self.name = name
        self._duplex = False
        self._cancel_device = GilFreeCancel(self._device)
        try:
            self._configure()
        except ScanError:
            self.close()
            raise

    @staticmethod
    def _first_device(sane: Any) -> str:
        with sane_runtime.listing():
            devices = sane.get_devices()
        if not devices:
            raise ScanError(ScanProblem.NO_DEVICE, "SANE lists no device")
        return str(devices[0][0])

    def options(self) -> dict[str, DeviceOption]:
        """Every option the device offers now (they change with mode and source)."""
        import _sane

        found = {}
        for (
            _index,
            name,
            title,
            _desc,
            kind,
            _unit,
            _size,
            cap,
            constraint,
        ) in self._device.get_options():
            if not name or kind == _sane.TYPE_GROUP:
                continue
            found[name] = DeviceOption(
                name=name,
                title=title or name,
                constraint=constraint,
                active=bool(_sane.OPTION_IS_ACTIVE(cap)),
                settable=bool(_sane.OPTION_IS_SETTABLE(cap)),
            )
        return found

    def _configure(self) -> None:
        options = self.options()
        settings = self._settings
        if "mode" in options and isinstance(options["mode"].constraint, list):
            self._set("mode", _choose(options["mode"].constraint, MODE_WORDS[settings.mode]))
        if "resolution" in options:
            self._set(
                "resolution", _nearest(options["resolution"].constraint, settings.resolution_dpi)
            )
        if "source" in options and isinstance(options["source"].constraint, list):
            self._set("source", self._source_value(options["source"].constraint))
        elif settings.source != "flatbed":
            raise ScanError(ScanProblem.UNSUPPORTED, f"{self.name} has no document feeder")

    def _source_value(self, values: list[str]) -> str | None:
        wanted = self._settings.source
        lowered = {value: value.lower() for value in values}
        feeders = [
            v for v, low in lowered.items() if "feeder" in low or "adf" in low or "duplex" in low
        ]
        if wanted == "flatbed":
            flat = [v for v, low in lowered.items() if "flatbed" in low]
            return flat[0] if flat else values[0]
        if not feeders:
            raise ScanError(ScanProblem.UNSUPPORTED, f"{self.name} has no document feeder")
        if wanted == "adf_duplex":
            duplex = [v for v in feeders if "duplex" in lowered[v]]
            if duplex:
                self._duplex = True
                return duplex[0]
            log.warning("%s has no duplex feeder; scanning one side", self.name)
        simplex = [v for v in feeders if "duplex" not in lowered[v]]
        return (simplex or feeders)[0]

    def _set(self, name: str, value: object) -> None:
        if value is None:
            return
        try:
            setattr(self._device, name.replace("-", "_"), value)
        except Exception as exc:
            raise ScanError(ScanProblem.UNSUPPORTED, f"option {name}={value!r}: {exc}") from exc

    def set_option(self, name: str, value: object) -> None:
        """Set a device option by its SANE name (for technicians and tests)."""
        self._set(name, value)

    @property
    def uses_feeder(self) -> bool:
        """Whether scans come from the document feeder."""
        return self._settings.source != "flatbed"

    def scan(self) -> Iterator[ScannedPage]:
        """One page (flatbed) or every sheet in the feeder; ScanError names what went wrong."""
        self._cancelled.clear()
        if self._closed:
            raise ScanError(ScanProblem.NO_DEVICE, f"{self.name} is closed")
        dpi = round(float(getattr(self._device, "resolution", self._settings.resolution_dpi)))
        if not self.uses_feeder:
            yield ScannedPage(self._snap(), dpi)
            return
        try:
            for index in range(MAX_SHEETS * (2 if self._duplex else 1)):
                try:
                    image = self._snap()
                except ScanError as error:
                    if error.problem is ScanProblem.FEEDER_EMPTY and index > 0:
                        return  # the feeder ran out after at least one page: done
                    raise
                if self._duplex:
                    sheet, side = index // 2, "back" if index % 2 else "front"
                else:
                    sheet, side = index, "front"
                yield ScannedPage(image, dpi, sheet, side)
        finally:
            self._reset()  # ends the feeder batch

    def _snap(self) -> npt.NDArray[np.uint8]:
        try:
            return self._snap_page()
        finally:
            ignore_sigpipe_again()  # whatever the backend did to it, also on errors and cancel

    def _snap_page(self) -> npt.NDArray[np.uint8]:
        if self._cancelled.is_set():
            raise ScanError(ScanProblem.CANCELLED)
        if not self._enter():
            raise ScanError(ScanProblem.NO_DEVICE, f"{self.name} is closed")
        try:
            try:
                self._device.start()
                # python-sane's own sane_cancel at the end of snap() holds the GIL: never let it
                # run; the page's operation is ended by _reset() below (in a feeder batch only
                # after the last sheet: sane_cancel ends the batch).
                image = self._device.snap(no_cancel=True)
            except Exception as exc:
                problem = ScanProblem.CANCELLED if self._cancelled.is_set() else problem_of(exc)
                if problem is not ScanProblem.CANCELLED and problem is not ScanProblem.FEEDER_EMPTY:
                    log.warning("scan failed on %s: %s", self.name, exc)
                self._reset()
                raise ScanError(problem, str(exc)) from exc
            if self._cancelled.is_set() or not self.uses_feeder:
                self._reset()
            if self._cancelled.is_set():
                raise ScanError(ScanProblem.CANCELLED)
        finally:
            self._leave()
        rgb = np.asarray(image.convert("RGB"), dtype=np.uint8)
        return np.ascontiguousarray(rgb[:, :, ::-1])

    def _enter(self) -> bool:
        """Count a device call starting; False once closed (the handle is gone)."""
        with self._calls:
            if self._closed:
                return False
            self._in_flight += 1
            return True

    def _leave(self) -> None:
        with self._calls:
            self._in_flight -= 1
            self._calls.notify_all()

    def _reset(self, *, wait: bool = True) -> None:
        """sane_cancel: ends the operation (a failed scan, a flatbed page, a feeder batch).

        Without ``wait``, a cancel already running on another thread is enough: it ends the
        operation as this one would, and the caller (the UI) does not wait for it.
        """
        if not self._cancel_lock.acquire(blocking=wait):
            return
        try:
            if not self._enter():
                return  # closed: sane_close ended everything
            try:
                self._cancel_device()
            except Exception as exc:  # the device may be gone; closing will tell
                log.debug("cancel after a failed scan: %s", exc)
            finally:
                self._leave()
        finally:
            self._cancel_lock.release()
            ignore_sigpipe_again()

    def cancel(self) -> None:
        """Stop the scan in progress (any thread): SANE allows sane_cancel() asynchronously."""
        self._cancelled.set()
        self._reset(wait=False)

    def close(self) -> None:
        """Close the device and release SANE, once any scan or cancel on another thread returned."""
        with self._calls:
            if self._closed:
                return
            self._closed = True
            busy = self._in_flight > 0
        try:
            if busy:
                # A scan still reading ends sooner cancelled; the handle is valid until below.
                self._cancelled.set()
                if self._cancel_lock.acquire(blocking=False):  # else one is running already
                    try:
                        self._cancel_device()
                    except Exception as exc:
                        log.debug("cancel before closing: %s", exc)
                    finally:
                        self._cancel_lock.release()
                with self._calls:
                    self._calls.wait_for(lambda: self._in_flight == 0)
            self._device.close()
        finally:
            sane_runtime.release()
            ignore_sigpipe_again()


def _choose(values: list[str], words: tuple[str, ...]) -> str | None:
    for value in values:
        if any(word in value.lower() for word in words):
            return value
    return None


def _nearest(constraint: Any, wanted: int) -> float | int:
    """The allowed resolution closest to ``wanted`` (range tuple or list of values)."""
    if isinstance(constraint, tuple) and len(constraint) == 3:
        low, high, step = constraint
        value = min(max(wanted, low), high)
        if step:
            value = low + round((value - low) / step) * step
        return int(value) if float(value).is_integer() else float(value)
    if isinstance(constraint, list) and constraint:
        best: float | int = min(constraint, key=lambda v: abs(float(v) - wanted))
        return best
    return wanted
