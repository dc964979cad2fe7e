"""A rating the platform answers with 409 "already rated" is closed with the platform's answer,
not retried on every pass; a 409 for a request still in progress stays a retry."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime

import pytest

from kiosk.sync.errors import AlreadyRated
from tests.fixtures.sync import SyncTerminal, seed_applications

pytestmark = pytest.mark.stack


def _rating_row(terminal: SyncTerminal, app_id: str) -> tuple[str | None, str | None]:
    conn = sqlite3.connect(terminal.store.outbox.path)
    try:
        row = conn.execute(
            "SELECT sent_at, refused_reason FROM ratings WHERE application_id = ?", (app_id,)
        ).fetchone()
    finally:
        conn.close()
    return row[0], row[1]


def test_already_rated_at_the_platform_closes_the_queued_rating_with_its_answer(
    sync_terminal: SyncTerminal,
) -> None:
    (app_id,) = seed_applications(sync_terminal.store, 1, attachments=1, size=20_000)
    sync_terminal.engine.run(threading.Event(), until_empty=True, timeout_s=30)
    # Rated elsewhere first (another terminal, the web portal): the platform keeps that one.
    sync_terminal.client.rate(app_id, "very_satisfied", [])
    outbox = sync_terminal.store.outbox
    assert outbox.queue_rating(app_id, "dissatisfied", ("waiting",), datetime.now(UTC))

    report = sync_terminal.engine.cycle()

    assert report.ratings_sent == 0 and report.ratings_closed == 1
    assert outbox.pending_ratings() == []
    sent_at, refused = _rating_row(sync_terminal, app_id)
    assert sent_at is None
    assert refused == "already_rated: the platform holds very_satisfied"
    # Nothing is sent again on later passes, and the platform's rating stands.
    assert sync_terminal.engine.cycle().ratings_closed == 0
    rating = sync_terminal.client.status(app_id).rating
    assert rating is not None and rating.level == "very_satisfied"


def test_the_client_tells_already_rated_from_the_same_rating_again(
    sync_terminal: SyncTerminal,
) -> None:
    (app_id,) = seed_applications(sync_terminal.store, 1, attachments=1, size=20_000)
    sync_terminal.engine.run(threading.Event(), until_empty=True, timeout_s=30)
    sync_terminal.client.rate(app_id, "satisfied", [])
    sync_terminal.client.rate(app_id, "satisfied", [])  # a replay is fine
    with pytest.raises(AlreadyRated) as caught:
        sync_terminal.client.rate(app_id, "basic", [])
    assert (caught.value.status, caught.value.code) == (409, "already_rated")
