"""The sync engine drains the outbox to the TLS reference platform: each application exactly
once, attachments intact, official numbers stored, statuses and ratings flowing."""

from __future__ import annotations

import ssl
import threading
import urllib.request
from datetime import UTC, datetime, timedelta

import pytest

from offline_cache.outbox import ApplicationState
from tests.fixtures.platform import RunningPlatform
from tests.fixtures.sync import SyncTerminal, seed_applications

pytestmark = pytest.mark.stack
# Until tests.fixtures.sync is listed in tests/conftest.py pytest_plugins.
S = ApplicationState


def _stored_for(platform: RunningPlatform, ids: list[str]) -> dict[str, dict]:
    wanted = set(ids)
    return {
        a["application_id"]: a for a in platform.admin.inventory() if a["application_id"] in wanted
    }


def test_drain_submits_each_application_once_with_intact_attachments(
    sync_terminal: SyncTerminal, tls_platform: RunningPlatform
) -> None:
    ids = seed_applications(sync_terminal.store, 4, attachments=3, size=150_000)
    status = sync_terminal.engine.run(threading.Event(), until_empty=True, timeout_s=30)
    assert status.pending == 0
    outbox = sync_terminal.store.outbox
    numbers = set()
    for app_id in ids:
        record = outbox.get(app_id)
        assert record is not None and record.state is S.SUBMITTED
        assert record.platform_number and record.platform_number.startswith("BJ5107")
        numbers.add(record.platform_number)
        assert outbox.find(record.platform_number) == record
    assert len(numbers) == 4
    stored = _stored_for(tls_platform, ids)
    assert sorted(stored) == sorted(ids)
    for app_id in ids:
        local = {a.attachment_id: a.sha256 for a in outbox.attachments(app_id)}
        remote = stored[app_id]["attachments"]
        assert {a["attachment_id"]: a["stored_sha256"] for a in remote} == local


def test_a_second_drain_sends_nothing_again(
    sync_terminal: SyncTerminal, tls_platform: RunningPlatform
) -> None:
    ids = seed_applications(sync_terminal.store, 2)
    sync_terminal.engine.run(threading.Event(), until_empty=True, timeout_s=30)
    before = len(tls_platform.admin.inventory())
    report = sync_terminal.engine.cycle()
    assert report.submitted == 0
    assert len(tls_platform.admin.inventory()) == before
    assert all(sync_terminal.store.outbox.get(i).state is S.SUBMITTED for i in ids)


def test_platform_decisions_reach_the_outbox(
    sync_terminal: SyncTerminal, tls_platform: RunningPlatform
) -> None:
    first, second = seed_applications(sync_terminal.store, 2, attachments=1, size=1000)
    sync_terminal.engine.run(threading.Event(), until_empty=True, timeout_s=30)
    tls_platform.admin.move(first, "accepted")
    tls_platform.admin.move(second, "rejected", "材料不全")
    sync_terminal.engine.cycle()
    outbox = sync_terminal.store.outbox
    assert outbox.get(first).state is S.ACCEPTED
    assert outbox.get(second).state is S.REJECTED
    tls_platform.admin.move(first, "approved")
    tls_platform.admin.move(first, "completed")
    sync_terminal.engine.cycle()
    assert outbox.get(first).state is S.COMPLETED
    history = sync_terminal.client.status(first).history
    assert [h.status for h in history] == ["received", "accepted", "approved", "completed"]


def test_a_queued_rating_is_sent_once_the_application_is_at_the_platform(
    sync_terminal: SyncTerminal,
) -> None:
    (app_id,) = seed_applications(sync_terminal.store, 1, attachments=1, size=1000)
    outbox = sync_terminal.store.outbox

    assert outbox.queue_rating(app_id, "very_dissatisfied", ("slow",), datetime.now(UTC))
    assert not outbox.queue_rating(app_id, "satisfied", (), datetime.now(UTC))
    sync_terminal.engine.run(threading.Event(), until_empty=True, timeout_s=30)
    sync_terminal.engine.cycle()
    assert outbox.pending_ratings() == []
    rating = sync_terminal.client.status(app_id).rating
    assert rating is not None
    assert (rating.level, rating.reasons) == ("very_dissatisfied", ["slow"])


def test_heartbeat_reports_queue_and_shows_on_the_monitoring_page(
    sync_terminal: SyncTerminal, tls_platform: RunningPlatform
) -> None:
    seed_applications(sync_terminal.store, 1, attachments=1, size=1000)
    sync_terminal.engine.cycle()
    status = sync_terminal.engine.status
    assert status.clock_skew_s is not None and abs(status.clock_skew_s) < 60
    context = ssl.create_default_context(cafile=str(tls_platform.ca_file))
    with urllib.request.urlopen(f"{tls_platform.base_url}/monitor", context=context) as page:
        html = page.read().decode()
    assert sync_terminal.client_id in html
    assert sync_terminal.settings.terminal.id in html


def test_personal_data_is_purged_by_the_sync_service_once_retention_has_passed(
    sync_terminal: SyncTerminal, tls_platform: RunningPlatform
) -> None:
    (done,) = seed_applications(sync_terminal.store, 1, attachments=1, size=1000)
    sync_terminal.engine.run(threading.Event(), until_empty=True, timeout_s=30)
    for status in ("accepted", "approved", "completed"):
        tls_platform.admin.move(done, status)
    sync_terminal.engine.cycle()
    outbox = sync_terminal.store.outbox
    assert outbox.get(done).state is S.COMPLETED and outbox.get(done).has_payload
    retention = 30
    later = sync_terminal.new_engine(
        retention_days=retention,
        clock=lambda: datetime.now(UTC) + timedelta(days=retention, hours=1),
    )
    later.cycle()
    record = outbox.get(done)
    assert record.state is S.PURGED and not record.has_payload
    assert outbox.find(record.receipt_number) == record  # still trackable by its numbers
