"""Demo wiring: the reference platform started by the kiosk (``--demo`` with the bundled catalog
and forms), the terminal enrolled automatically, and the sync worker thread submitting an
application that can then be tracked and rated; the worker stops cleanly."""

from __future__ import annotations

import time

import pytest

from config.secrets import load_secrets
from kiosk.forms import bundled_forms_dir
from kiosk.rating import RateOutcome, Rater, RatingLevel
from kiosk.reference_platform import ReferencePlatform
from kiosk.sync_worker import SyncWorker
from kiosk.tracking import Outcome, Source, Tracker, TrackStatus
from offline_cache.catalog_store import BUNDLED_CATALOG
from offline_cache.store import OfflineStore
from tests.fixtures.platform import PlatformAdmin
from tests.fixtures.settings import make_settings
from tests.fixtures.stacks import free_port
from tests.fixtures.sync import FAST_SYNC, seed_applications

WAIT_S = 30.0


def _wait_for(predicate, timeout_s=WAIT_S):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail("condition not met in time")


@pytest.fixture
def demo_platform(tmp_path):
    port = free_port()
    server = ReferencePlatform(
        port,
        tmp_path / "platform",
        demo=True,
        catalog_file=BUNDLED_CATALOG,
        forms_dir=bundled_forms_dir(),
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_demo_terminal_enrolls_submits_tracks_and_rates(tmp_path, demo_platform):
    settings = make_settings(
        tmp_path / "kiosk",
        platform={"url": demo_platform.base_url, "start_reference_server": False},
        sync=FAST_SYNC,
    )
    store = OfflineStore.open(settings.storage)
    [app_id] = seed_applications(store, 1, attachments=1, size=3000)
    receipt = store.outbox.get(app_id).receipt_number
    store.close()
    assert not load_secrets(settings.storage.secrets_file).enrolled

    worker = SyncWorker(settings, enrollment_code=demo_platform.enrollment_code)
    worker.start()
    try:
        tracker = Tracker(settings)
        answer = _wait_for(
            lambda: (
                (a := tracker.lookup(receipt)).application
                and a.application.source is Source.PLATFORM
                and a
            )
        )
        assert load_secrets(settings.storage.secrets_file).enrolled
        assert answer.outcome is Outcome.FOUND
        assert answer.application.official_number
        PlatformAdmin(demo_platform.base_url.rstrip("/"), demo_platform.data_dir).move(
            app_id, "accepted"
        )
        moved = tracker.lookup(answer.application.official_number)
        assert moved.application.status is TrackStatus.ACCEPTED
        assert Rater(settings).rate(receipt, RatingLevel.SATISFIED) is RateOutcome.QUEUED
        _wait_for(lambda: tracker.lookup(receipt).application.rated)
    finally:
        started = time.monotonic()
        assert worker.stop(timeout_s=10.0)
        assert time.monotonic() - started < 10.0
    assert not worker.running


def test_the_demo_server_runs_the_back_office_and_publishes_the_bundled_catalog(
    tmp_path, demo_platform
):
    from pathlib import Path

    from kiosk.sync.enrollment import enroll
    from kiosk.sync.platform_client import PlatformClient

    command = Path(f"/proc/{demo_platform.pid}/cmdline").read_bytes().split(b"\0")
    assert b"--demo" in command
    settings = make_settings(
        tmp_path / "kiosk",
        platform={"url": demo_platform.base_url, "start_reference_server": False},
    )
    enroll(settings, demo_platform.enrollment_code(settings.terminal.id))
    client = PlatformClient.from_settings(settings, load_secrets(settings.storage.secrets_file))
    try:
        bundle, version, _etag = client.catalog(None, None)
    finally:
        client.close()
    assert bundle is not None and len(bundle) > 1000
    assert version >= 1
