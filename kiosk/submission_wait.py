"""A few seconds' wait for a just-finalized application to reach the platform, so that its
receipt can say "submitted" and carry the official number (办件编号) instead of "queued".

The sync engine (its own service on a terminal) is woken through kiosk/sync/wake.py. The wait
only happens when the platform answered recently: offline, the receipt says "queued" at once
rather than keeping an elderly resident waiting for nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

from config.schema import KioskSettings
from kiosk.sync.wake import request_sync
from offline_cache.contact_record import last_contact
from offline_cache.outbox import ApplicationState, Outbox

POLL_S = 0.2
# The engine records a contact after every good pass, at least every idle_poll_s.
MIN_ONLINE_WINDOW_S = 90.0


def platform_number_soon(
    settings: KioskSettings,
    application_id: str,
    *,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> str | None:
    """Wake the sync engine and wait up to ``sync.receipt_wait_s`` for the official number.

    None when offline, when the wait is disabled or over, or when the platform refused it.
    Blocking: runs in the submit worker.
    """
    timeout_s = settings.sync.receipt_wait_s
    data_dir = settings.storage.data_dir.expanduser()
    request_sync(data_dir)
    contact = last_contact(data_dir)
    window_s = max(MIN_ONLINE_WINDOW_S, 3 * settings.sync.idle_poll_s)
    if timeout_s <= 0 or contact is None:
        return None
    if (datetime.now(UTC) - contact).total_seconds() > window_s:
        return None
    deadline = clock() + timeout_s
    outbox = Outbox(data_dir)
    try:
        while True:
            record = outbox.get(application_id)
            if record is None or record.state is ApplicationState.QUARANTINED:
                return None
            if record.platform_number:
                return record.platform_number
            if clock() >= deadline:
                return None
            sleep(POLL_S)
    finally:
        outbox.close()


__all__ = ["platform_number_soon"]
