"""The offline banner's data: the last contact with the platform (kept on disk across restarts)
and the applications waiting in the outbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kiosk.offline_status import read_offline_status
from offline_cache.contact_record import CONTACT_FILE, last_contact, record_contact
from offline_cache.store import OfflineStore
from tests.fixtures.sync import seed_applications

NOW = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)


def test_the_last_contact_survives_a_restart_and_a_damaged_record_reads_as_never(tmp_path):
    assert last_contact(tmp_path) is None
    record_contact(tmp_path, NOW)
    assert last_contact(tmp_path) == NOW
    (tmp_path / CONTACT_FILE).write_text("{not json")
    assert last_contact(tmp_path) is None


def test_offline_after_the_configured_quiet_time_with_the_waiting_count(settings_factory):
    settings = settings_factory(mobile={"offline_banner": True, "offline_after_s": 600})
    data_dir = settings.storage.data_dir
    never = read_offline_status(settings, NOW)
    assert (never.last_contact_at, never.waiting, never.offline) == (None, 0, True)

    store = OfflineStore.open(settings.storage)
    try:
        seed_applications(store, 2, attachments=0)
    finally:
        store.close()
    record_contact(data_dir, NOW - timedelta(minutes=5))
    recent = read_offline_status(settings, NOW)
    assert (recent.waiting, recent.offline) == (2, False)
    record_contact(data_dir, NOW - timedelta(minutes=11))
    assert read_offline_status(settings, NOW).offline
