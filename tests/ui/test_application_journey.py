"""The whole resident journey on demo devices: card → service → form → materials → review →
consent → finalize; the application is in the outbox, sealed, and no typed value leaks."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from devices.cardreader.simulated import DEMO_RESIDENTS, SimulatedCardReader
from kiosk.applications import open_application
from kiosk.identity import mask_name
from kiosk.logs import configure_logging
from offline_cache.store import OfflineStore
from tests.ui.event_loop import settle
from tests.ui.identity_window import identity_screen, open_window
from tests.ui.journey_driver import (
    CANARY_DETAIL,
    CANARY_PHONE,
    HUKOU_OFFER,
    at,
    capture_all,
    click,
    fill_hukou_transfer,
    sign,
)
from ui.router import ScreenName
from ui.screens.identity_screen import IdentifyState

RESIDENT = DEMO_RESIDENTS[0]


@pytest.fixture
def logged(kiosk_settings):
    """The kiosk's own logging, to its log file, for the length of the test."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    configure_logging(
        kiosk_settings.logging.model_copy(update={"level": "DEBUG"}), stream=io.StringIO()
    )
    yield Path(kiosk_settings.logging.file)
    for handler in list(root.handlers):
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def _files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_resident_applies_from_card_to_receipt_and_the_record_is_sealed(
    qtbot, kiosk_settings, logged
):
    reader = SimulatedCardReader()
    window = open_window(qtbot, kiosk_settings, [reader])
    # identify: the Apply tile asks for a card first
    click(qtbot, window.attract.tiles[0])
    assert at(window, ScreenName.IDENTIFY)
    screen = identity_screen(window)
    qtbot.waitUntil(lambda: screen.state() is IdentifyState.WAITING, timeout=3000)
    reader.present(0)
    qtbot.waitUntil(lambda: screen.state() is IdentifyState.IDENTIFIED, timeout=3000)
    click(qtbot, screen.continue_button)
    assert at(window, ScreenName.APPLY)

    # choose a service
    click(qtbot, window.journey.choice.button_for(HUKOU_OFFER.code))
    assert at(window, ScreenName.FORM)
    view = window.journey.form.view
    name_row = view.row("applicant.name")
    assert name_row.is_from_card() and name_row.badge.text() == "来自您的证件，不可修改"
    # On screen only the surname, as everywhere; the application still carries the full name.
    assert name_row.input.edit.text() == mask_name(RESIDENT.name)
    assert name_row.input.value() == RESIDENT.name and name_row.input.edit.isReadOnly()

    # Next with nothing filled: plain-language errors next to the fields, no step forward
    click(qtbot, window.journey.form.next_button)
    assert at(window, ScreenName.FORM)
    assert view.row("contact.phone").error.text() == "请填写手机号码"
    assert "需要修改" in window.journey.form.message.text()

    fill_hukou_transfer(qtbot, window)
    click(qtbot, window.journey.form.next_button)
    assert at(window, ScreenName.MATERIALS)

    # materials: the pre-check says what is missing; the sample pages complete it
    materials = window.journey.materials
    assert "居民户口簿" in materials.precheck_text.text()
    assert materials.next_button.text() == "补正，稍后提交材料并继续"
    capture_all(qtbot, window)
    assert materials.rows["m3"].page_count == 2  # the household register needs two pages
    assert materials.result.complete
    click(qtbot, materials.next_button)
    assert at(window, ScreenName.REVIEW)

    # review: every answer, identity masked, thumbnails
    shown = window.journey.review.values_shown()
    assert "张*" in shown and RESIDENT.name not in shown
    assert RESIDENT.number[:4] + "*" * 10 + RESIDENT.number[-4:] in shown
    assert RESIDENT.number not in "".join(shown)
    assert CANARY_PHONE in shown
    assert any(CANARY_DETAIL in text and "涪城区" in text for text in shown)
    click(qtbot, window.journey.review.confirm_button)
    assert at(window, ScreenName.CONSENT)

    # consent: nothing submits before "I agree" and a signature
    consent = window.journey.consent
    assert "户口迁移审批" in consent.paragraphs[0][1].text()
    assert not consent.submit_button.isEnabled()
    sign(window)
    assert consent.submit_button.isEnabled()
    click(qtbot, consent.submit_button)
    qtbot.waitUntil(lambda: at(window, ScreenName.RECEIPT), timeout=10000)

    # the receipt: printed on the demo printer, number shown
    receipt = window.journey.receipt.receipt
    assert (
        receipt is not None and receipt.receipt_number in window.journey.receipt.number_label.text()
    )
    assert not window.journey.receipt.is_large()

    # the record: in the outbox, sealed; the draft is gone from memory
    assert window.keeper.current.form_data == {}
    store = OfflineStore.open(kiosk_settings.storage)
    try:
        records = store.outbox.all_records()
        assert [r.receipt_number for r in records] == [receipt.receipt_number]
        assert records[0].state == "finalized"
        payload = open_application(store, records[0].application_id)
    finally:
        store.close()
    assert payload["data"]["contact"]["phone"] == CANARY_PHONE
    assert payload["consent"]["accepted"] is True
    assert {m["material_code"] for m in payload["materials"]} == {"m3", "m5", "signature"}

    # no typed or read value in any file under the data folder, nor in the log
    window.journey.receipt.finish_button.click()
    settle()
    canaries = [CANARY_PHONE, CANARY_DETAIL, RESIDENT.number, RESIDENT.name]
    files = [*_files_under(Path(kiosk_settings.storage.data_dir)), logged]
    assert logged.exists() and logged.stat().st_size > 0
    for path in files:
        data = path.read_bytes()
        for value in canaries:
            assert value.encode() not in data, f"{value!r} found in {path}"
    assert at(window, ScreenName.ATTRACT)
    window.shutdown()
