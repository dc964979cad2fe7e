"""Sneakernet against the reference platform: a mobile unit exports its queue, another terminal
(another data folder) imports it twice and syncs; the platform counts each application once,
with its files intact, and records the terminal that made it. The unit syncing later, or the
platform importing the same bundle itself, adds nothing. Bundles of another city platform, or
damaged ones, are refused with the outbox untouched."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from config.secrets import load_secrets, write_secrets
from kiosk.audit import open_audit_log
from kiosk.queue_bundle import BundleRefused, Refusal
from kiosk.queue_desk import QueueDesk
from kiosk.sync.enrollment import rotate
from kiosk.sync.errors import PermanentRefusal
from offline_cache.outbox import ApplicationState
from tests.fixtures.platform import RunningPlatform, running_reference_platform
from tests.fixtures.sync import (
    TEST_SERVICE,
    SyncTerminal,
    enroll_terminal,
    enrolled_terminal,
    seed_applications,
    terminal_settings,
)

pytestmark = pytest.mark.stack


@pytest.fixture
def van(tmp_path: Path, tls_platform: RunningPlatform) -> Iterator[SyncTerminal]:
    terminal = enrolled_terminal(tmp_path / "van", tls_platform, "MY-VAN-001")
    yield terminal
    terminal.client.close()
    terminal.store.close()


@pytest.fixture
def hall(tmp_path: Path, tls_platform: RunningPlatform) -> Iterator[SyncTerminal]:
    terminal = enrolled_terminal(tmp_path / "hall", tls_platform, "MY-HALL-001")
    yield terminal
    terminal.client.close()
    terminal.store.close()


def _drain(terminal: SyncTerminal) -> None:
    status = terminal.engine.run(threading.Event(), until_empty=True, timeout_s=60)
    assert status.pending == 0, status


def _ours(platform: RunningPlatform, ids: list[str]) -> list[dict[str, Any]]:
    return [a for a in platform.admin.inventory() if a["application_id"] in ids]


def test_export_import_twice_then_both_terminals_sync_and_the_platform_counts_each_once(
    van: SyncTerminal, hall: SyncTerminal, tls_platform: RunningPlatform, tmp_path: Path
) -> None:
    ids = seed_applications(van.store, 3, attachments=2, size=30_000, terminal_id="MY-VAN-001")
    van.store.outbox.queue_rating(ids[0], "very_satisfied", (), datetime.now(UTC))
    drive = tmp_path / "usb"
    drive.mkdir()

    exported = QueueDesk(van.settings).export(drive)
    first = QueueDesk(hall.settings).import_bundle(exported.path)
    again = QueueDesk(hall.settings).import_bundle(exported.path)

    assert exported.applications == 3 and exported.path.parent == drive
    assert first.summary == "3 new, 0 already known"
    assert again.summary == "0 new, 3 already known"
    _drain(hall)
    stored = _ours(tls_platform, ids)
    assert sorted(a["application_id"] for a in stored) == sorted(ids)
    for application in stored:
        assert application["origin_terminal_id"] == "MY-VAN-001"
        assert application["terminal_id"] == "MY-HALL-001"
        assert len(application["attachments"]) == 2
        for attachment in application["attachments"]:
            assert attachment["stored_sha256"] == attachment["declared_sha256"]
    numbers = {a["application_id"]: a["official_number"] for a in stored}
    rating = hall.client.status(ids[0]).rating
    assert rating is not None and rating.level == "very_satisfied"

    # The unit reaches a network later: its copies get the same numbers, nothing is added.
    _drain(van)
    assert sorted(a["application_id"] for a in _ours(tls_platform, ids)) == sorted(ids)
    for app_id in ids:
        record = van.store.outbox.get(app_id)
        assert record is not None and record.state is ApplicationState.SUBMITTED
        assert record.platform_number == numbers[app_id]
    # A bundle whose applications were all sent already changes nothing anywhere.
    assert QueueDesk(hall.settings).import_bundle(exported.path).new == 0
    status, answer = tls_platform.admin.post_bundle(exported.path)
    assert (status, answer["new"], answer["known"]) == (200, 0, 3)
    assert len(_ours(tls_platform, ids)) == 3
    actions = [e.action for e in open_audit_log(hall.settings).entries_since(0)]
    assert actions.count("import") == 3
    # The same id with other content is still refused, whichever terminal sends it (in its
    # own name: the platform takes no submission naming another terminal).
    forged = {
        "application_id": ids[0],
        "receipt_number": van.store.outbox.get(ids[0]).receipt_number,
        "terminal_id": "MY-THIRD-001",
        "service_code": TEST_SERVICE,
        "form_id": "person-general",
        "form_version": 1,
        "finalized_at": datetime.now(UTC).isoformat(),
        "data": {"matter": {"subject": "something else"}},
        "attachments": [],
    }
    third = enrolled_terminal(tmp_path / "third", tls_platform, "MY-THIRD-001")
    try:
        with pytest.raises(PermanentRefusal) as refused:
            third.client.submit(ids[0], forged)
    finally:
        third.client.close()
        third.store.close()
    assert refused.value.code == "application_exists"


def test_the_platform_imports_a_bundle_itself_once_and_the_unit_then_adds_nothing(
    van: SyncTerminal, tls_platform: RunningPlatform, tmp_path: Path
) -> None:
    ids = seed_applications(van.store, 2, attachments=1, size=5000, terminal_id="MY-VAN-001")
    exported = QueueDesk(van.settings).export(tmp_path)

    assert tls_platform.admin.post_bundle(exported.path)[1]["new"] == 2
    assert tls_platform.admin.post_bundle(exported.path)[1]["known"] == 2
    _drain(van)

    stored = _ours(tls_platform, ids)
    assert len(stored) == 2
    assert all(a["origin_terminal_id"] == "MY-VAN-001" for a in stored)
    assert all(f["stored_sha256"] == f["declared_sha256"] for a in stored for f in a["attachments"])


def test_damaged_or_foreign_bundles_are_refused_with_the_outbox_untouched(
    van: SyncTerminal, hall: SyncTerminal, tls_platform: RunningPlatform, tmp_path: Path
) -> None:
    seed_applications(van.store, 2, attachments=1, size=4000, terminal_id="MY-VAN-001")
    exported = QueueDesk(van.settings).export(tmp_path).path
    good = exported.read_bytes()
    tampered, truncated = tmp_path / "tampered.owq", tmp_path / "truncated.owq"
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0x40
    tampered.write_bytes(bytes(flipped))
    truncated.write_bytes(good[: len(good) - 100])

    for path, reason in ((tampered, Refusal.DAMAGED), (truncated, Refusal.TRUNCATED)):
        with pytest.raises(BundleRefused) as refused:
            QueueDesk(hall.settings).import_bundle(path)
        assert refused.value.reason is reason
        status, answer = tls_platform.admin.post_bundle(path)
        assert status == 422 and answer["error"] == f"bundle_{reason.value}"
    with running_reference_platform(tmp_path / "other-city", tmp_path) as other_city:
        stranger = enrolled_terminal(tmp_path / "stranger", other_city, "MY-OTHER-001")
        try:
            with pytest.raises(BundleRefused) as refused:
                QueueDesk(stranger.settings).import_bundle(exported)
            assert refused.value.reason is Refusal.OTHER_CITY
            assert stranger.store.outbox.all_records() == []
        finally:
            stranger.client.close()
            stranger.store.close()
    assert hall.store.outbox.all_records() == []
    assert hall.store.vault.attachment_ids() == []
    refusals = [e for e in open_audit_log(hall.settings).entries_since(0) if "refused" in e.action]
    assert len(refusals) == 2


def test_a_terminal_enrolled_before_bundles_existed_gets_its_keys_when_it_rotates(
    tmp_path: Path, tls_platform: RunningPlatform
) -> None:
    settings = terminal_settings(tmp_path, tls_platform, terminal={"id": "MY-OLD-001"})
    enroll_terminal(settings, tls_platform)
    issued = load_secrets(settings.storage.secrets_file)
    assert issued.bundle_key is not None and issued.bundle_certificate is not None
    cleared = {"bundle_key": None, "bundle_signing_key": None, "bundle_certificate": None}
    write_secrets(settings.storage.secrets_file, issued.model_copy(update=cleared))

    rotate(settings)

    again = load_secrets(settings.storage.secrets_file)
    assert again.bundle_key == issued.bundle_key  # one key for the whole city
    assert again.bundle_certificate is not None
    assert json.loads(again.bundle_certificate)["terminal_id"] == "MY-OLD-001"
