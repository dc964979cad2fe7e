"""A new application is woken through to the platform while the resident waits, so the
receipt says "submitted" with the official number; offline it says "queued" at once."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from config.schema import Language
from kiosk.applications import finalize
from kiosk.session import Session
from kiosk.submission_wait import platform_number_soon
from offline_cache.store import OfflineStore
from tests.fixtures.platform import RunningPlatform
from tests.fixtures.sync import SyncTerminal, enroll_terminal, open_terminal, terminal_settings
from tests.form_samples import filled_draft

pytestmark = pytest.mark.stack


def test_the_sync_service_is_woken_and_the_official_number_arrives_in_time(
    tmp_path: Path, tls_platform: RunningPlatform
) -> None:
    # The engine idles for 30 s between passes: only the wake can make it this fast.
    settings = terminal_settings(tmp_path, tls_platform, sync={"idle_poll_s": 30.0})
    client_id = enroll_terminal(settings, tls_platform)
    stop = threading.Event()
    running: list[SyncTerminal] = []

    def sync_service() -> None:  # the engine owns its store in its own thread, as a service
        terminal = open_terminal(settings, client_id)
        running.append(terminal)
        try:
            terminal.engine.run(stop)
        finally:
            terminal.client.close()
            terminal.store.close()

    service = threading.Thread(target=sync_service, daemon=True)
    service.start()
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not (
            running and running[0].engine.status.last_success_at
        ):
            time.sleep(0.05)  # the first pass records the platform's answer
        store = OfflineStore.open(settings.storage)
        draft = filled_draft(Session(language=Language.ZH, large_text=False))
        done = finalize(draft, store, settings.terminal.id)
        store.close()
        started = time.monotonic()
        number = platform_number_soon(settings, done.application_id)
        waited = time.monotonic() - started
    finally:
        stop.set()
        service.join(timeout=10)
    (record,) = [
        a for a in tls_platform.admin.inventory() if a["application_id"] == done.application_id
    ]
    assert number is not None and number == record["official_number"]
    assert waited < settings.sync.receipt_wait_s


def test_offline_the_receipt_does_not_wait(tmp_path: Path, tls_platform: RunningPlatform) -> None:
    settings = terminal_settings(tmp_path, tls_platform)  # enrolled never: no platform contact
    terminal = open_terminal(settings, enroll_terminal(settings, tls_platform))
    draft = filled_draft(Session(language=Language.ZH, large_text=False))
    done = finalize(draft, terminal.store, settings.terminal.id)
    terminal.client.close()
    terminal.store.close()
    started = time.monotonic()
    assert platform_number_soon(settings, done.application_id) is None
    assert time.monotonic() - started < 0.5
