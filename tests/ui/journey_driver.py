"""Driving the application journey as a resident would: touch chips, type, capture, sign."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.service_offers import demo_offers
from tests.ui.event_loop import settle
from ui.forms.field_inputs import AddressInput, ChoiceInput, DateInput, LineInput
from ui.main_window import MainWindow
from ui.router import ScreenName

# Values typed into the form that must never appear in a data file or a log line.
CANARY_PHONE = "13987650731"
CANARY_DETAIL = "金丝雀巷CANARY7731号"
MOVE_TO_DETAIL = "迁入巷88号"
HUKOU_OFFER = demo_offers()[0]  # 户口迁移审批, person-family, allows 补正


def click(qtbot, widget) -> None:
    """A touch on ``widget``."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    settle()


def type_into(qtbot, window: MainWindow, path: str, text: str) -> None:
    """Type ``text`` into the line field of ``path``."""
    field = window.journey.form.view.input(path)
    assert isinstance(field, LineInput)
    field.edit.clear()
    type_text(qtbot, field.edit, text)


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type ``text``: ASCII as key clicks, Chinese as the input method commits it (拼音)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        widget.setFocus()
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)
    settle()


def choose(window: MainWindow, path: str, value) -> None:
    """Touch the chip of ``value`` in the choice field ``path``."""
    field = window.journey.form.view.input(path)
    assert isinstance(field, ChoiceInput)
    field.choose(value)
    settle()


def pick_address(window: MainWindow, path: str, detail: str) -> None:
    """涪城区 → 城厢街道, then ``detail``."""
    field = window.journey.form.view.input(path)
    assert isinstance(field, AddressInput)
    field.choose("510703", "510703001", "")
    field.detail.clear()
    type_text(None, field.detail, detail)
    settle()


def pick_date(window: MainWindow, path: str, iso: str) -> None:
    """Choose a date in the calendar of ``path``."""
    field = window.journey.form.view.input(path)
    assert isinstance(field, DateInput)
    click_calendar = field.button
    click_calendar.click()
    field.choose(iso)
    settle()


def fill_hukou_transfer(qtbot, window: MainWindow) -> None:
    """A complete 户口迁移 application: contact, transfer, no spouse, one family member."""
    type_into(qtbot, window, "contact.phone", CANARY_PHONE)
    pick_address(window, "contact.current_address", CANARY_DETAIL)
    choose(window, "matter.matter_type", "hukou_transfer")
    choose(window, "matter.marital_status", "unmarried")
    pick_address(window, "matter.move_to", MOVE_TO_DETAIL)
    choose(window, "matter.move_reason", "work")


def capture_all(qtbot, window: MainWindow) -> None:
    """Touch Capture on every required material to capture, and wait for the pages."""
    screen = window.journey.materials
    for row in screen.rows.values():
        if row.capture_button.isVisible() and row.material.required:
            click(qtbot, row.capture_button)
            qtbot.waitUntil(lambda r=row: r.page_count > 0, timeout=5000)


def sign(window: MainWindow) -> None:
    """Tick I agree and draw a signature."""
    consent = window.journey.consent
    consent.agree.setChecked(True)
    consent.pad.add_stroke([(60, 180), (160, 90), (260, 190), (380, 80), (520, 170)])
    settle()


def at(window: MainWindow, name: ScreenName) -> bool:
    """True when ``name`` is showing."""
    return window.router.current() is name


def start(window: MainWindow, offer=HUKOU_OFFER) -> None:
    """Open the Apply list and start ``offer`` (no card read: the demo identity)."""
    window.router.go(ScreenName.APPLY)
    window.journey.choice.button_for(offer.code).click()
    settle()
    assert at(window, ScreenName.FORM)


def run_to_consent(qtbot, window: MainWindow) -> None:
    """Start 户口迁移, fill it, capture, confirm the review: the consent screen shows."""
    start(window)
    fill_hukou_transfer(qtbot, window)
    click(qtbot, window.journey.form.next_button)
    assert at(window, ScreenName.MATERIALS)
    capture_all(qtbot, window)
    click(qtbot, window.journey.materials.next_button)
    click(qtbot, window.journey.review.confirm_button)
    assert at(window, ScreenName.CONSENT)
