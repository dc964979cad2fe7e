"""A minor whose card was read starts a service that needs an adult: the window says why, in
plain words, and no form opens; the resident stays on the list."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QCoreApplication

from devices.cardreader.identity import DocumentType, Identity, IdentitySource, Sex
from devices.cardreader.simulated import demo_id_number
from kiosk.service_offers import demo_offers
from tests.ui.event_loop import settle
from ui.router import ScreenName

GENERAL = demo_offers()[3]


def _teenager() -> Identity:
    today = dt.date.today()
    birth = dt.date(today.year - 15, 1, 1)
    return Identity(
        source=IdentitySource.SIMULATED,
        document_type=DocumentType.RESIDENT_ID_CARD,
        number=demo_id_number(birth, 321),
        name="钱小雨",
        sex=Sex.FEMALE,
        birth_date=birth,
        valid_until=today + dt.timedelta(days=365),
    )


def test_a_minor_is_told_to_come_with_a_guardian_and_no_form_opens(window):
    window.keeper.current.identity = _teenager()
    window.router.go(ScreenName.APPLY)
    flow = window.journey
    flow.start(dataclasses.replace(GENERAL, min_applicant_age=18))
    settle()
    notice = flow.refusal_notice
    assert notice.isVisible()
    assert window.router.current() is ScreenName.APPLY
    assert flow.journey is None
    zh = QCoreApplication.translate("RefusalNotice", "OK")
    assert notice.ok_button.text() == zh
    assert "监护人" in notice.message() or "guardian" in notice.message()
    assert "18" in notice.message()
    notice.ok_button.click()
    assert not notice.isVisible()
