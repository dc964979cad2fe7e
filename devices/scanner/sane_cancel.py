"""sane_cancel() called without holding Python's GIL, through ctypes on the device's SANE_Handle.

python-sane calls sane_cancel() holding the GIL in places: 2.9.2 at the end of every ``snap()``
not told ``no_cancel`` and on its error paths, older 2.9 builds in ``SaneDev.cancel()`` as well.
SANE backends may block in sane_cancel (a slow or wedged USB scanner, a backend joining its
reader thread), and while one does every Python thread stops, the Qt UI thread included: a
frozen screen. A ctypes foreign call releases the GIL for its whole duration.

python-sane does not expose the handle. Its C object is
``typedef struct { PyObject_HEAD; SANE_Handle h; } SaneDevObject;`` so the handle is the last
pointer-sized field. That is checked at open (the object has exactly that size, the pointer is
set, and libsane answers the first option's descriptor through it with python-sane's name for
it); if any check fails, a different python-sane layout, the cancel falls back to python-sane's.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import threading
from typing import Any

log = logging.getLogger(__name__)

_load_lock = threading.Lock()
_libsane: ctypes.CDLL | None = None
_fallback_logged = False


class _OptionDescriptor(ctypes.Structure):
    """The head of SANE_Option_Descriptor: only the names are read."""

    _fields_ = [
        ("name", ctypes.c_char_p),
        ("title", ctypes.c_char_p),
        ("desc", ctypes.c_char_p),
    ]


def _load_libsane() -> ctypes.CDLL:
    """The libsane python-sane's _sane links (already loaded: dlopen returns the same copy)."""
    global _libsane
    with _load_lock:
        if _libsane is None:
            library = ctypes.CDLL(ctypes.util.find_library("sane") or "libsane.so.1")
            library.sane_cancel.argtypes = [ctypes.c_void_p]
            library.sane_cancel.restype = None
            library.sane_get_option_descriptor.argtypes = [ctypes.c_void_p, ctypes.c_int]
            library.sane_get_option_descriptor.restype = ctypes.POINTER(_OptionDescriptor)
            _libsane = library
        return _libsane


def _handle_of(device: Any) -> int | None:
    """The SANE_Handle inside python-sane's ``sane.SaneDev``, or None if it cannot be trusted."""
    inner = getattr(device, "dev", None)
    kind = type(inner)
    pointer = ctypes.sizeof(ctypes.c_void_p)
    if kind.__name__ != "SaneDev" or kind.__basicsize__ != object.__basicsize__ + pointer:
        return None  # not the {PyObject_HEAD; SANE_Handle h;} layout this reads
    handle = ctypes.c_void_p.from_address(id(inner) + kind.__basicsize__ - pointer).value
    if not handle:
        return None
    first = next((o for o in device.get_options() if o[0] == 1), None)
    if first is None:
        return None
    descriptor = _load_libsane().sane_get_option_descriptor(handle, 1)
    if not descriptor:
        return None
    name = descriptor.contents.name
    if name is None or name.decode("latin-1") != first[1]:
        return None
    return int(handle)


class GilFreeCancel:
    """``sane_cancel`` on one open python-sane device, letting other Python threads run meanwhile.

    The caller must not use it after closing the device (the handle is freed then).
    """

    def __init__(self, device: Any) -> None:
        self._device = device
        try:
            self._handle = _handle_of(device)
        except Exception as exc:  # no libsane for ctypes, an unexpected python-sane
            log.debug("SANE handle not readable: %s", exc)
            self._handle = None
        if self._handle is None:
            _log_fallback_once()

    @property
    def releases_gil(self) -> bool:
        """Whether the cancel goes through ctypes (False: python-sane's own cancel)."""
        return self._handle is not None

    def __call__(self) -> None:
        """Cancel the device's current operation (returns when the backend does)."""
        if self._handle is None:
            self._device.cancel()
            return
        assert _libsane is not None  # loaded by _handle_of
        _libsane.sane_cancel(self._handle)


def _log_fallback_once() -> None:
    global _fallback_logged
    if not _fallback_logged:
        _fallback_logged = True
        log.warning(
            "this python-sane's device layout is not the expected one: sane_cancel runs "
            "through python-sane and may hold up other threads while the scanner answers"
        )
