"""End to end: an application whose sealed form data was altered on the terminal after finalize
(validly re-encrypted, so the vault cannot tell) is refused by a platform that validates form
data, and one sync pass quarantines it with the platform's reason, which names the field but
not the value; the terminal's other applications go through."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from config.schema import Language
from kiosk.applications import finalize, open_application
from kiosk.session import Session
from offline_cache.outbox import ApplicationState
from offline_cache.store import OfflineStore
from offline_cache.vault import RecordKind
from tests.fixtures.platform import REPO_ROOT, RunningPlatform, TlsFiles, running_reference_platform
from tests.fixtures.sync import SyncTerminal, enroll_terminal, open_terminal, terminal_settings
from tests.form_samples import filled_draft

pytestmark = pytest.mark.stack
BUNDLED = REPO_ROOT / "offline_cache" / "bundled"
CANARY_PHONE = "CANARY-PHONE-e81d44"


@pytest.fixture
def terminal(
    tmp_path: Path, platform_tls: TlsFiles
) -> Iterator[tuple[SyncTerminal, RunningPlatform]]:
    """An enrolled terminal and a TLS platform publishing the bundled forms and validating."""
    args = (
        "--catalog",
        str(BUNDLED / "catalog.json.gz"),
        "--forms-dir",
        str(BUNDLED / "forms"),
        "--validate-form-data",
    )
    with running_reference_platform(
        tmp_path / "platform", tmp_path, tls=platform_tls, extra_args=args
    ) as platform:
        settings = terminal_settings(tmp_path / "terminal", platform)
        opened = open_terminal(settings, enroll_terminal(settings, platform))
        try:
            yield opened, platform
        finally:
            opened.client.close()
            opened.store.close()


def _finalize(store: OfflineStore, seed: int) -> str:
    draft = filled_draft(Session(language=Language.ZH, large_text=False), seed=seed)
    return finalize(draft, store, "MY-DEMO-001", datetime.now(UTC)).application_id


def _tamper_phone(store: OfflineStore, application_id: str, phone: str) -> None:
    """Change the contact phone inside the sealed application, re-sealed with the terminal's key
    (what a modified program on the terminal could do; a byte flip the vault would catch)."""
    payload = open_application(store, application_id)
    payload["data"]["contact"]["phone"] = phone
    plaintext = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
    sealed = store.vault.seal(application_id, RecordKind.APPLICATION, plaintext)
    with sqlite3.connect(store.outbox.path) as conn:
        conn.execute(
            "UPDATE applications SET payload = ? WHERE application_id = ?",
            (sealed, application_id),
        )


def test_tampered_form_data_is_quarantined_with_the_platforms_reason_in_one_pass(
    terminal: tuple[SyncTerminal, RunningPlatform],
) -> None:
    sync, platform = terminal
    store = sync.store
    tampered, good = _finalize(store, seed=3), _finalize(store, seed=4)
    _tamper_phone(store, tampered, CANARY_PHONE)

    report = sync.engine.cycle()

    assert (report.submitted, report.quarantined) == (1, 1)
    record = store.outbox.get(tampered)
    assert record is not None and record.state is ApplicationState.QUARANTINED
    reason = store.outbox.sync_info(tampered).last_error
    assert reason is not None
    assert "422 form_data_invalid" in reason and "contact.phone (format cn-phone)" in reason
    assert CANARY_PHONE not in reason
    good_record = store.outbox.get(good)
    assert good_record is not None and good_record.state is ApplicationState.SUBMITTED
    assert [a["application_id"] for a in platform.admin.inventory()] == [good]
