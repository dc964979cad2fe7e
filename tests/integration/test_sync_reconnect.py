"""After a long outage the engine reconnects gently: one health probe first, then its backlog
waits a random share of the outage's length (jittered reconnect), so a fleet coming back does
not send every backlog at once. A short glitch is retried at once, without the spread."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
import requests

from config.secrets import load_secrets
from kiosk.sync.engine import OutageState, SyncEngine
from kiosk.sync.platform_client import PlatformClient
from tests.fixtures.sync import SyncTerminal, seed_applications

pytestmark = pytest.mark.stack


class StampedSession(requests.Session):
    """Keeps (time, method, path) of every request sent."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[tuple[float, str, str]] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        path = requests.utils.urlparse(request.url).path
        self.sent.append((time.monotonic(), str(request.method), str(path)))
        return super().send(request, **kwargs)


def _engine(terminal: SyncTerminal, session: StampedSession, **sync: Any) -> SyncEngine:
    settings = terminal.settings
    client = PlatformClient.from_settings(
        settings, load_secrets(settings.storage.secrets_file), session
    )
    return SyncEngine(
        terminal.store,
        client,
        terminal_id=settings.terminal.id,
        settings=settings.sync.model_copy(update=sync),
    )


def test_after_a_long_outage_a_probe_comes_first_and_the_backlog_waits_its_share(
    sync_terminal: SyncTerminal,
) -> None:
    session = StampedSession()
    engine = _engine(sync_terminal, session, reconnect_spread_max_s=60.0)
    seed_applications(sync_terminal.store, 2, attachments=1, size=2_000)
    started = time.monotonic()
    status = engine.run(
        threading.Event(),
        until_empty=True,
        timeout_s=30,
        after_outage=OutageState(failures=9, next_try_s=0.2, outage_s=1.5),
    )
    assert status.pending == 0
    first_at, method, path = session.sent[0]
    assert (method, path) == ("GET", "/api/v1/health")
    assert first_at - started >= 0.2  # the next try of the backoff schedule
    drain_at = session.sent[1][0]
    assert 0 <= drain_at - first_at <= 1.5 + 0.5  # within the outage's length


def test_a_short_glitch_is_retried_without_probe_or_spread(sync_terminal: SyncTerminal) -> None:
    session = StampedSession()
    engine = _engine(sync_terminal, session, reconnect_spread_max_s=60.0)
    seed_applications(sync_terminal.store, 1, attachments=1, size=2_000)
    engine.run(
        threading.Event(),
        until_empty=True,
        timeout_s=30,
        after_outage=OutageState(failures=1, next_try_s=0.0, outage_s=600.0),
    )
    assert "/api/v1/health" not in {path for _, _, path in session.sent}
