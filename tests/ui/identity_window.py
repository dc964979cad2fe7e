"""The main window with a card reader: a simulated reader (or any IdentityReader) behind the
real identity service and bridge, and helpers to wait for what the resident sees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from config.schema import KioskSettings
from devices.cardreader.events import IdentityReader
from devices.cardreader.identity import DocumentType, Identity, IdentitySource, Sex
from devices.cardreader.simulated import SimulatedCardReader, demo_id_number
from kiosk.identity_session import ReaderIdentityService
from kiosk.session import SessionKeeper
from tests.ui.event_loop import settle
from ui.main_window import MainWindow
from ui.screens.identity_screen import IdentifyState, IdentityScreen

TODAY = dt.date(2026, 6, 1)
CANARY_NAME = "柯丝雀甲"
CANARY_BIRTH = dt.date(1984, 2, 29)
CANARY_NUMBER = demo_id_number(CANARY_BIRTH, 517)


def canary(**changes: object) -> Identity:
    """A resident whose name and number must never show in full nor reach a log."""
    values: dict[str, object] = {
        "source": IdentitySource.SIMULATED,
        "document_type": DocumentType.RESIDENT_ID_CARD,
        "number": CANARY_NUMBER,
        "name": CANARY_NAME,
        "sex": Sex.MALE,
        "birth_date": CANARY_BIRTH,
        "address": "四川省绵阳市涪城区金丝雀巷7号",
        "valid_from": dt.date(2016, 1, 1),
        "valid_until": dt.date(2036, 1, 1),
    }
    values.update(changes)
    return Identity(**values)  # type: ignore[arg-type]


def open_window(
    qtbot, settings: KioskSettings, readers: Sequence[IdentityReader], clock=None
) -> MainWindow:
    """A shown 1920x1080 main window whose identity service runs ``readers``."""
    keeper = (
        SessionKeeper(settings.ui, settings.session, clock=clock)
        if clock is not None
        else SessionKeeper(settings.ui, settings.session)
    )
    service = ReaderIdentityService(
        [], lambda: keeper.current, built=list(readers), today=lambda: TODAY
    )
    main = MainWindow(settings, keeper=keeper, identity_service=service)
    qtbot.addWidget(main, before_close_func=lambda w: w.shutdown())
    main.setGeometry(0, 0, 1920, 1080)
    main.show()
    qtbot.waitExposed(main)
    settle()
    return main


@pytest.fixture
def simulated_reader() -> SimulatedCardReader:
    """A simulated reader holding the canary resident (card 0) and an expired one (card 1)."""
    return SimulatedCardReader(residents=(canary(), canary(valid_until=dt.date(2025, 1, 1))))


@pytest.fixture
def identity_window(qtbot, kiosk_settings, simulated_reader) -> Iterator[MainWindow]:
    """The main window with the simulated reader, its identity screen ready for a card."""
    main = open_window(qtbot, kiosk_settings, [simulated_reader])
    screen = identity_screen(main)
    qtbot.waitUntil(lambda: screen.state() is IdentifyState.WAITING, timeout=3000)
    yield main
    main.shutdown()


def identity_screen(window: MainWindow) -> IdentityScreen:
    """The window's identity screen."""
    return window.identity_flow.screen


def visible_texts(widget: QWidget) -> list[str]:
    """Every text a resident can see under ``widget`` (labels, buttons, fields)."""
    texts: list[str] = []
    for child in widget.findChildren(QWidget):
        if not child.isVisibleTo(widget):
            continue
        if isinstance(child, (QLabel, QAbstractButton, QLineEdit)):
            texts.append(child.text())
    return texts
