"""A terminal submits only in its own name, through the TLS reference platform on loopback.

Terminal A submitting an application that names terminal B is refused (422 ``origin_mismatch``)
and nothing is stored; A's own submission with the same id still works and replays as before.
A hall terminal that imported a van's bundle from a platform that does not take relayed bundles
(its own 404) sends the van's applications one by one: the platform refuses them with the plain
reason, they are quarantined and not sent again by themselves, and a technician's retry meets
the same refusal. The van itself still sends them.
"""

from __future__ import annotations

import ssl
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from config.secrets import load_secrets
from kiosk.form_visibility import submitted_data
from kiosk.queue_desk import QueueDesk
from kiosk.sync.engine import SyncEngine
from kiosk.sync.platform_client import PlatformClient
from offline_cache.outbox import ApplicationState
from tests.fixtures.platform import RunningPlatform
from tests.fixtures.sync import (
    SyncTerminal,
    enrolled_terminal,
    seed_applications,
)
from tests.form_samples import bundled_forms, sample_data

pytestmark = pytest.mark.stack

FORM = bundled_forms()["person-general"]


def _client(platform: RunningPlatform, terminal_id: str) -> httpx.Client:
    code = platform.admin.enrollment_code(terminal_id)
    http = httpx.Client(
        base_url=platform.base_url + "/api/v1",
        verify=ssl.create_default_context(cafile=str(platform.ca_file)),
        timeout=30,
    )
    issued = http.post("/enroll", json={"code": code, "terminal_id": terminal_id}).json()
    http.auth = (issued["client_id"], issued["client_secret"])
    return http


def _submission(terminal_id: str, application_id: str | None = None) -> dict[str, Any]:
    return {
        "application_id": application_id or str(uuid.uuid4()),
        "receipt_number": f"{terminal_id}-20261126-000001",
        "terminal_id": terminal_id,
        "service_code": "510700-000-XK-0001",
        "form_id": "person-general",
        "form_version": 1,
        "finalized_at": "2026-11-26T08:00:00+08:00",
        "data": submitted_data(FORM, sample_data(FORM, 3)),
        "attachments": [],
    }


def _post(http: httpx.Client, body: dict[str, Any]) -> httpx.Response:
    return http.post(
        "/applications", json=body, headers={"Idempotency-Key": body["application_id"]}
    )


def _stored(platform: RunningPlatform) -> dict[str, dict[str, Any]]:
    return {a["application_id"]: a for a in platform.admin.inventory()}


def test_a_terminal_submitting_in_another_terminals_name_is_refused_and_nothing_is_stored(
    tls_platform: RunningPlatform,
) -> None:
    a = _client(tls_platform, "MY-ORIGIN-A01")
    b = _client(tls_platform, "MY-ORIGIN-B01")
    try:
        forged = _submission("MY-ORIGIN-B01")
        app_id = forged["application_id"]

        refused = _post(a, forged)
        again = _post(a, forged)  # a refusal is not remembered as an answer to replay

        for answer in (refused, again):
            assert answer.status_code == 422
            assert answer.json()["error"] == "origin_mismatch"
            detail = answer.json()["detail"]
            assert "MY-ORIGIN-B01" in detail and "MY-ORIGIN-A01" in detail
            assert "queue bundle" in detail
        assert app_id not in _stored(tls_platform)
        assert a.get(f"/applications/{app_id}").status_code == 404

        # A's own submission under the same id (the refused one claimed nothing) works, once.
        own = {**forged, "terminal_id": "MY-ORIGIN-A01"}
        first, replay = _post(a, own), _post(a, own)
        assert first.status_code == 201 and "Idempotent-Replayed" not in first.headers
        assert replay.status_code == 201 and replay.headers["Idempotent-Replayed"] == "true"
        assert replay.json() == first.json()
        stored = _stored(tls_platform)[app_id]
        assert stored["terminal_id"] == stored["origin_terminal_id"] == "MY-ORIGIN-A01"
        assert stored["official_number"] == first.json()["official_number"]

        # B's stored application, sent again by A in B's name: refused, B's number not told.
        b_own = _submission("MY-ORIGIN-B01")
        b_answer = _post(b, b_own)
        assert b_answer.status_code == 201
        copied = _post(a, b_own)
        assert copied.status_code == 422 and copied.json()["error"] == "origin_mismatch"
        assert b_answer.json()["official_number"] not in copied.text
        assert _stored(tls_platform)[b_own["application_id"]]["terminal_id"] == "MY-ORIGIN-B01"
    finally:
        a.close()
        b.close()


class _PlatformBeforeRelaying(PlatformClient):
    """The terminal's client, its bundles forwarded to a route the platform does not have:
    the real platform's own 404, as a platform from before relayed bundles answers."""

    def relay_bundle(self, bundle: bytes) -> Any:
        """Forward to the missing route (raises NotFound)."""
        self._request(
            "POST",
            self._url("terminals/me/relayed-bundles-not-here"),
            accept=frozenset({200}),
            headers={"Content-Type": "application/octet-stream"},
            data=bundle,
        )
        raise AssertionError("the platform took a bundle on a route it does not have")


@pytest.fixture
def van(tmp_path: Path, tls_platform: RunningPlatform) -> Iterator[SyncTerminal]:
    terminal = enrolled_terminal(tmp_path / "van", tls_platform, "MY-VAN-ORIGIN1")
    yield terminal
    terminal.client.close()
    terminal.store.close()


@pytest.fixture
def hall(tmp_path: Path, tls_platform: RunningPlatform) -> Iterator[SyncTerminal]:
    terminal = enrolled_terminal(tmp_path / "hall", tls_platform, "MY-HALL-ORIGIN1")
    old = _PlatformBeforeRelaying.from_settings(
        terminal.settings, load_secrets(terminal.settings.storage.secrets_file)
    )
    terminal.client.close()
    terminal.client = old
    terminal.engine = SyncEngine(
        terminal.store, old, terminal_id="MY-HALL-ORIGIN1", settings=terminal.settings.sync
    )
    yield terminal
    terminal.client.close()
    terminal.store.close()


def _state(terminal: SyncTerminal, application_id: str) -> ApplicationState:
    record = terminal.store.outbox.get(application_id)
    assert record is not None
    return record.state


def test_bundled_applications_sent_alone_are_quarantined_with_the_reason_and_not_resent(
    van: SyncTerminal, hall: SyncTerminal, tls_platform: RunningPlatform, tmp_path: Path
) -> None:
    van_ids = seed_applications(
        van.store, 2, attachments=1, size=3000, terminal_id="MY-VAN-ORIGIN1"
    )
    hall_ids = seed_applications(
        hall.store, 1, attachments=1, size=3000, terminal_id="MY-HALL-ORIGIN1"
    )
    drive = tmp_path / "usb"
    drive.mkdir()
    desk = QueueDesk(hall.settings)
    assert desk.import_bundle(QueueDesk(van.settings).export(drive).path).new == 2

    first = hall.engine.cycle()

    assert (first.submitted, first.quarantined) == (1, 2)
    stored = _stored(tls_platform)
    assert not set(van_ids) & set(stored)
    assert stored[hall_ids[0]]["origin_terminal_id"] == "MY-HALL-ORIGIN1"
    reasons = {r.application_id: r.last_error or "" for r in desk.rows()}
    for app_id in van_ids:
        assert _state(hall, app_id) is ApplicationState.QUARANTINED
        assert reasons[app_id].startswith("platform refused (422 origin_mismatch): ")
        assert "MY-VAN-ORIGIN1" in reasons[app_id] and "MY-HALL-ORIGIN1" in reasons[app_id]
        assert not any(c in reasons[app_id] for c in ("510703199001011234", "测试"))
    # Not sent again by itself: the next passes leave them where they are.
    for _ in range(2):
        later = hall.engine.cycle()
        assert (later.submitted, later.quarantined, later.deferred) == (0, 0, 0)
    assert all(_state(hall, a) is ApplicationState.QUARANTINED for a in van_ids)

    # A technician's retry meets the same refusal, once, and nothing is stored.
    assert "back in the queue" in desk.retry(van_ids[0])
    retried = hall.engine.cycle()
    assert (retried.submitted, retried.quarantined) == (0, 1)
    assert _state(hall, van_ids[0]) is ApplicationState.QUARANTINED
    assert "origin_mismatch" in (hall.store.outbox.sync_info(van_ids[0]).last_error or "")
    assert not set(van_ids) & set(_stored(tls_platform))

    # The van sends its own applications itself, in its own name.
    status = van.engine.run(threading.Event(), until_empty=True, timeout_s=60)
    assert status.pending == 0
    stored = _stored(tls_platform)
    for app_id in van_ids:
        assert stored[app_id]["terminal_id"] == stored[app_id]["origin_terminal_id"]
        assert stored[app_id]["origin_terminal_id"] == "MY-VAN-ORIGIN1"
