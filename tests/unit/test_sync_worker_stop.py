"""The sync worker thread stops promptly when told, whatever it is waiting for."""

from __future__ import annotations

import time

from kiosk.sync_worker import SyncWorker
from tests.fixtures.stacks import free_port


def test_an_unenrolled_worker_waits_and_stops_at_once(settings_factory):
    settings = settings_factory(platform__url=f"http://127.0.0.1:{free_port()}/")
    worker = SyncWorker(settings)
    worker.start()
    time.sleep(0.2)
    assert worker.running
    assert worker.status() is None  # no engine without credentials
    started = time.monotonic()
    assert worker.stop(timeout_s=5.0)
    assert time.monotonic() - started < 1.0
    assert not worker.running


def test_a_worker_whose_demo_enrollment_fails_keeps_trying_and_stops(settings_factory):
    settings = settings_factory(platform__url=f"http://127.0.0.1:{free_port()}/")
    asked: list[str] = []

    def no_server(terminal_id: str) -> str:
        asked.append(terminal_id)
        raise ConnectionError("the demo server is not up yet")

    worker = SyncWorker(settings, enrollment_code=no_server, enroll_retry_s=0.05)
    worker.start()
    deadline = time.monotonic() + 5
    while len(asked) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert asked[:2] == [settings.terminal.id, settings.terminal.id]
    assert worker.stop(timeout_s=5.0)
