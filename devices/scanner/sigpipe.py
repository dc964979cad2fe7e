"""Keeping SIGPIPE ignored around SANE, which resets it for the whole process.

SANE backends that read through a pipe set SIGPIPE back to "terminate"; the next write to a
dropped socket (printer, platform) would then kill the kiosk instead of raising
BrokenPipeError. Python's signal module only works on the main thread and scans run in
workers, so libc is asked directly.
"""

from __future__ import annotations

import ctypes
import signal

_SIG_IGN = ctypes.c_void_p(1)
_libc = ctypes.CDLL(None, use_errno=True)
_libc.signal.restype = ctypes.c_void_p
_libc.signal.argtypes = (ctypes.c_int, ctypes.c_void_p)


def ignore_sigpipe_again() -> None:
    """Set SIGPIPE back to ignored (what Python starts with), from any thread."""
    _libc.signal(signal.SIGPIPE, _SIG_IGN)
