"""The platform validates the form data of the applications in a queue bundle it imports itself,
as it does a terminal's submission when it runs with --validate-form-data: an invalid application
is reported in the import result with the platform's reason (failing paths, never a value) and
is not stored; the bundle's other applications still import, once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.form_visibility import submitted_data
from kiosk.queue_desk import QueueDesk
from kiosk.receipt_number import format_receipt_number, local_day
from kiosk.uuid7 import uuid7
from offline_cache.outbox import NewApplication
from offline_cache.store import OfflineStore
from offline_cache.vault import RecordKind
from tests.fixtures.platform import RunningPlatform
from tests.fixtures.sync import (
    TEST_SERVICE,
    SyncTerminal,
    enroll_terminal,
    open_terminal,
    seed_applications,
    terminal_settings,
)
from tests.form_samples import bundled_forms, sample_data

pytestmark = pytest.mark.stack

CANARY_PHONE = "555-7319-CANARY"  # not a phone number, and must never come back in a reason


@pytest.fixture
def van(tmp_path: Path, tls_platform: RunningPlatform) -> Iterator[SyncTerminal]:
    settings = terminal_settings(tmp_path / "van", tls_platform, terminal={"id": "MY-VAN-002"})
    terminal = open_terminal(settings, enroll_terminal(settings, tls_platform))
    yield terminal
    terminal.client.close()
    terminal.store.close()


def _ours(platform: RunningPlatform, ids: list[str]) -> list[str]:
    return [a["application_id"] for a in platform.admin.inventory() if a["application_id"] in ids]


def _seed_invalid(store: OfflineStore, terminal_id: str) -> str:
    """One finalized application whose contact phone fails the form's cn-phone format."""
    form = bundled_forms()["person-general"]
    data = submitted_data(form, sample_data(form, 7))
    data["contact"]["phone"] = CANARY_PHONE
    now = datetime.now(UTC)
    application_id = str(uuid7())
    payload = {
        "format": "onewindow-application/1",
        "application_id": application_id,
        "service_code": TEST_SERVICE,
        "form_id": "person-general",
        "form_version": 1,
        "finalized_at": now.isoformat(),
        "data": data,
        "identity": {"name": "测试", "id_number": "510703199001011234"},
        "consent": {"terms": True},
    }
    sealed = store.vault.seal(application_id, RecordKind.APPLICATION, json.dumps(payload).encode())
    store.outbox.insert_finalized(
        NewApplication(application_id, TEST_SERVICE, "person-general", 1, sealed, ()),
        terminal_id,
        now,
        local_day(now),
        format_receipt_number,
    )
    return application_id


def test_an_invalid_application_in_a_bundle_is_reported_and_the_others_import_once(
    van: SyncTerminal, tls_platform: RunningPlatform, tmp_path: Path
) -> None:
    good = seed_applications(van.store, 2, attachments=1, size=3000, terminal_id="MY-VAN-002")
    bad = _seed_invalid(van.store, "MY-VAN-002")
    exported = QueueDesk(van.settings).export(tmp_path)
    assert exported.applications == 3

    status, answer = tls_platform.admin.post_bundle(exported.path)

    assert status == 200
    assert (answer["new"], answer["known"]) == (2, 0)
    assert sorted(a["application_id"] for a in answer["applications"]) == sorted(good)
    assert len(answer["refused"]) == 1
    refused = answer["refused"][0]
    assert refused["application_id"] == bad
    assert refused["error"] == "form_data_invalid"
    assert "contact.phone (format cn-phone)" in refused["detail"]
    assert CANARY_PHONE not in json.dumps(answer)
    assert sorted(_ours(tls_platform, [*good, bad])) == sorted(good)

    # Importing the same bundle again: the valid ones are known, the invalid one still refused.
    status, again = tls_platform.admin.post_bundle(exported.path)
    assert (status, again["new"], again["known"]) == (200, 0, 2)
    assert [r["application_id"] for r in again["refused"]] == [bad]
    assert len(_ours(tls_platform, [*good, bad])) == 2
