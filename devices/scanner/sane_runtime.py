"""SANE's process-wide state: one init for every user at once, and one device listing at a time.

``sane.init()`` / ``sane.exit()`` act on the whole process, so an inventory's exit must not end
a scan that is running; and libsane crashes when two threads list devices at the same time.
SANE also forbids sane_exit while any call is still running: each user releases only after its
own calls returned (SaneScanner.close waits for a scan or cancel still running on another
thread; a listing holds its user across the listing).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from devices.scanner.sigpipe import ignore_sigpipe_again

_lock = threading.Lock()
_listing_lock = threading.Lock()
_users = 0


def acquire() -> Any:
    """Initialise SANE if nobody has; returns the ``sane`` module. ImportError if missing."""
    global _users
    import sane

    with _lock:
        if _users == 0:
            try:
                sane.init()
            finally:
                ignore_sigpipe_again()
        _users += 1
    return sane


def release() -> None:
    """The matching end of ``acquire``: SANE exits when its last user is done.

    Call it only once none of the caller's SANE calls is running on any thread.
    """
    global _users
    import sane

    with _lock:
        _users -= 1
        if _users == 0:
            try:
                sane.exit()
            finally:
                ignore_sigpipe_again()


@contextmanager
def listing() -> Iterator[Any]:
    """SANE initialised and held for one device listing, with no other listing at once."""
    sane = acquire()
    try:
        with _listing_lock:
            yield sane
    finally:
        release()
