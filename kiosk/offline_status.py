"""How long the terminal has been offline and how many applications wait (the banner's data).

Read from the disk (the sync engine's contact record and the outbox), so it is right after a
restart too. Blocking: the UI reads it through a worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from config.schema import KioskSettings
from offline_cache.contact_record import last_contact
from offline_cache.outbox import ApplicationState, Outbox

WAITING = (ApplicationState.FINALIZED, ApplicationState.UPLOADING)


@dataclass(frozen=True)
class OfflineStatus:
    """Last contact with the platform (None: never), applications waiting, and the verdict."""

    last_contact_at: datetime | None
    waiting: int
    offline: bool


def read_offline_status(settings: KioskSettings, now: datetime | None = None) -> OfflineStatus:
    """Offline when the platform has not answered for ``mobile.offline_after_s`` (or ever)."""
    data_dir = settings.storage.data_dir.expanduser()
    contact = last_contact(data_dir)
    waiting = 0
    if Outbox.exists_in(data_dir):
        outbox = Outbox(data_dir)
        try:
            waiting = len(outbox.in_state(*WAITING))
        finally:
            outbox.close()
    moment = now or datetime.now(UTC)
    offline = (
        contact is None or (moment - contact).total_seconds() > settings.mobile.offline_after_s
    )
    return OfflineStatus(contact, waiting, offline)
