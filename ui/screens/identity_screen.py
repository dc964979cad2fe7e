"""Identify (身份识别): insert or place a card, watch it being read, see the masked identity.

Errors are specific (unsupported card, expired, read failed, reader missing) and each has a
way on: try again, or call staff. An enterprise enters its credit code on a keypad first.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from config.schema import Language
from kiosk.identity import EnterpriseSource, mask_credit_code
from kiosk.identity_service import (
    CreditCodeState,
    CreditCodeStatus,
    IdentifiedVisitor,
    IdentityOutcome,
    IdentityService,
    OutcomeKind,
)
from ui.screens.base import Screen
from ui.screens.identity_qr_scan import LicenceQrScanView
from ui.theme import Metrics
from ui.widgets.identity_card_animation import CardInsertAnimation
from ui.widgets.identity_credit_code_keypad import CreditCodeKeypad

log = logging.getLogger(__name__)

QR_TIMEOUT_S = 20.0
SAMPLE_CREDIT_CODE = "91350100M000100Y43"  # the published example of GB 32100


class IdentifyState(StrEnum):
    """What the card side of the screen shows."""

    WAITING = "waiting"  # insert or place the card (animation)
    READING = "reading"  # progress; do not move the card
    IDENTIFIED = "identified"  # the masked identity and Continue
    PROBLEM = "problem"  # a specific error with Try again and Call staff
    READER_MISSING = "reader_missing"  # nothing to read with: call staff


_PROBLEMS = (OutcomeKind.REFUSED, OutcomeKind.UNSUPPORTED_CARD, OutcomeKind.READ_FAILED)


class IdentityScreen(Screen):
    """The front door of an application: who is at the terminal."""

    identified = Signal(object)  # kiosk.identity_service.IdentifiedVisitor
    callStaffRequested = Signal()

    def __init__(
        self,
        service: IdentityService | None,
        language: Callable[[], Language],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._language = language
        self._state = IdentifyState.READER_MISSING
        self._reader_ready = False
        self._outcome: IdentityOutcome | None = None
        self._credit_code: str | None = None
        self._code_source = EnterpriseSource.KEYPAD
        self._typed_source = EnterpriseSource.KEYPAD  # how the code now on the keypad came
        self._qr_outcome = ""  # the last scan: "", "read", "timeout" or "camera"

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_card_page())
        self.pages.addWidget(self._build_enterprise_page())
        self.qr_scan = LicenceQrScanView()
        self.qr_scan.codeRead.connect(self._qr_code_read)
        self.qr_scan.cancelled.connect(self._qr_cancelled)
        self.pages.addWidget(self.qr_scan)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 24, 64, 16)
        layout.addWidget(self.pages)
        self._show_state(IdentifyState.READER_MISSING)
        self.retranslate()

    # --- building -----------------------------------------------------------------------------

    def _build_card_page(self) -> QWidget:
        page = QWidget()
        self.title = QLabel(objectName="title", alignment=Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.enterprise_banner = QLabel(objectName="message", wordWrap=True)
        self.enterprise_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.enterprise_banner.hide()
        self.animation = CardInsertAnimation()

        self.status_heading = QLabel(objectName="heading", wordWrap=True)
        self.status_message = QLabel(objectName="message", wordWrap=True)
        self.progress = QProgressBar(textVisible=False)
        self.progress.setRange(0, 0)  # busy: a read takes a moment, its length is unknown
        self.progress.setMinimumHeight(24)
        self.identity_panel = QFrame(objectName="overlayCard")
        panel = QGridLayout(self.identity_panel)
        panel.setContentsMargins(32, 24, 32, 24)
        panel.setHorizontalSpacing(32)
        panel.setVerticalSpacing(12)
        self.name_caption = QLabel(objectName="subtitle")
        self.name_value = QLabel(objectName="heading")
        self.id_caption = QLabel(objectName="subtitle")
        self.id_value = QLabel(objectName="heading")
        self.document_caption = QLabel(objectName="subtitle")
        self.document_value = QLabel()
        for row, (caption, value) in enumerate(
            (
                (self.name_caption, self.name_value),
                (self.id_caption, self.id_value),
                (self.document_caption, self.document_value),
            )
        ):
            panel.addWidget(caption, row, 0)
            panel.addWidget(value, row, 1)
        panel.setColumnStretch(1, 1)

        self.continue_button = QPushButton()
        self.continue_button.clicked.connect(self._continue)
        self.retry_button = QPushButton(objectName="secondary")
        self.retry_button.clicked.connect(self.retry)
        self.call_staff_button = QPushButton(objectName="danger")
        self.call_staff_button.clicked.connect(self.callStaffRequested)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        for button in (self.continue_button, self.retry_button, self.call_staff_button):
            button.setMinimumWidth(260)
            buttons.addWidget(button)
        buttons.addStretch(1)

        status = QVBoxLayout()
        status.setSpacing(24)
        status.addStretch(1)
        status.addWidget(self.status_heading)
        status.addWidget(self.status_message)
        status.addWidget(self.progress)
        status.addWidget(self.identity_panel)
        status.addLayout(buttons)
        status.addStretch(1)

        middle = QHBoxLayout()
        middle.setSpacing(64)
        middle.addWidget(self.animation, 2)
        middle.addLayout(status, 3)

        self.enterprise_button = QPushButton(objectName="secondary")
        self.enterprise_button.clicked.connect(self.show_enterprise)
        bottom = QHBoxLayout()
        bottom.addWidget(self.enterprise_button)
        bottom.addStretch(1)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(20)
        layout.addWidget(self.title)
        layout.addWidget(self.enterprise_banner)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)
        layout.addWidget(self._build_demo_control())
        return page

    def _build_demo_control(self) -> QWidget:
        self.demo_box = QFrame(objectName="identityDemo")
        row = QHBoxLayout(self.demo_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        self.demo_label = QLabel(objectName="hint")
        row.addWidget(self.demo_label)
        self.demo_buttons: list[QPushButton] = []
        labels = self._service.demo_cards() if self._service is not None else ()
        for index, label in enumerate(labels):
            button = QPushButton(label, objectName="secondary")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, i=index: self.present_demo_card(i))
            self.demo_buttons.append(button)
            row.addWidget(button)
        self.demo_take_away = QPushButton(objectName="secondary")
        self.demo_take_away.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.demo_take_away.clicked.connect(self._take_away_demo_card)
        row.addWidget(self.demo_take_away)
        row.addStretch(1)
        self.demo_box.setVisible(bool(labels))
        return self.demo_box

    def _build_enterprise_page(self) -> QWidget:
        page = QWidget()
        self.enterprise_title = QLabel(objectName="title", alignment=Qt.AlignmentFlag.AlignCenter)
        self.enterprise_hint = QLabel(objectName="subtitle", alignment=Qt.AlignmentFlag.AlignCenter)
        self.enterprise_hint.setWordWrap(True)
        self.keypad = CreditCodeKeypad(self._check_credit_code)
        self.keypad.statusChanged.connect(self._on_code_status)
        self.back_to_card_button = QPushButton(objectName="secondary")
        self.back_to_card_button.clicked.connect(self.show_card)
        self.scan_qr_button = QPushButton(objectName="secondary")
        self.scan_qr_button.clicked.connect(self.scan_licence_qr)
        self.qr_note = QLabel(objectName="subtitle", wordWrap=True)
        self.confirm_code_button = QPushButton()
        self.confirm_code_button.setEnabled(False)
        self.confirm_code_button.clicked.connect(self.confirm_credit_code)
        qr = QVBoxLayout()
        qr.setSpacing(4)
        qr.addWidget(self.scan_qr_button)
        qr.addWidget(self.qr_note)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.back_to_card_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons.addLayout(qr)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_code_button, 0, Qt.AlignmentFlag.AlignTop)
        self.confirm_code_button.setMinimumWidth(320)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(20)
        layout.addWidget(self.enterprise_title)
        layout.addWidget(self.enterprise_hint)
        layout.addStretch(1)
        layout.addWidget(self.keypad)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    # --- what the reader says -----------------------------------------------------------------

    def handle_outcome(self, outcome: IdentityOutcome) -> None:
        """React to one outcome of the card readers (delivered on the UI thread)."""
        kind = outcome.kind
        if kind is OutcomeKind.READER_READY:
            self._reader_ready = True
            if self._state is IdentifyState.READER_MISSING:
                self._show_state(IdentifyState.WAITING)
        elif kind is OutcomeKind.READER_MISSING:
            self._reader_ready = False
            self._outcome = outcome
            if self._state is not IdentifyState.IDENTIFIED:
                self._show_state(IdentifyState.READER_MISSING)
        elif kind is OutcomeKind.READING:
            self._outcome = None
            self._show_state(IdentifyState.READING)
        elif kind is OutcomeKind.IDENTIFIED:
            self._outcome = outcome
            self._show_state(IdentifyState.IDENTIFIED)
        elif kind in _PROBLEMS:
            self._outcome = outcome
            self._show_state(IdentifyState.PROBLEM)
        elif kind is OutcomeKind.CARD_REMOVED and self._state in (
            IdentifyState.READING,
            IdentifyState.PROBLEM,
        ):
            self._outcome = None
            self._show_state(self._idle_state())

    def state(self) -> IdentifyState:
        """What the card side shows now."""
        return self._state

    def retry(self) -> None:
        """Back to "insert your card" (after the resident took the card out)."""
        self._outcome = None
        self._show_state(self._idle_state())

    def _idle_state(self) -> IdentifyState:
        return IdentifyState.WAITING if self._reader_ready else IdentifyState.READER_MISSING

    def _continue(self) -> None:
        outcome = self._outcome
        if outcome is None or outcome.masked is None or outcome.identity is None:
            return
        self.identified.emit(
            IdentifiedVisitor(
                outcome.masked, outcome.identity, self._credit_code, self._code_source.value
            )
        )

    def present_demo_card(self, index: int) -> None:
        """Demo mode: the simulated reader gets demo card ``index``."""
        if self._service is not None:
            self._service.present_demo_card(index)

    def _take_away_demo_card(self) -> None:
        if self._service is not None:
            self._service.take_away_demo_card()

    # --- enterprise ---------------------------------------------------------------------------

    def show_enterprise(self) -> None:
        """Show the credit-code keypad."""
        self.pages.setCurrentIndex(1)

    def show_card(self) -> None:
        """Back to the card side."""
        self.pages.setCurrentIndex(0)

    def credit_code(self) -> str | None:
        """The enterprise's confirmed credit code, if any."""
        return self._credit_code

    def confirm_credit_code(self) -> None:
        """Keep the valid code and ask for the card of the person acting for the enterprise."""
        if not self.keypad.status().valid:
            return
        self._credit_code = self.keypad.status().code
        self._code_source = self._typed_source
        self._show_banner()
        self.show_card()

    def scan_licence_qr(self) -> None:
        """Open the camera view: the worker reads the licence QR while the picture shows."""
        source = self._service.qr_source if self._service is not None else None
        if source is None or self.qr_scan.is_scanning():
            return
        self.pages.setCurrentWidget(self.qr_scan)
        self.qr_scan.begin(source, QR_TIMEOUT_S)

    def _qr_code_read(self, code: str) -> None:
        self.pages.setCurrentIndex(1)
        self.keypad.type_code(code)
        self._typed_source = EnterpriseSource.LICENCE_QR
        self._qr_outcome = "read"
        self._update_qr_button()

    def _qr_cancelled(self, why: str) -> None:
        self.pages.setCurrentIndex(1)
        self._qr_outcome = why
        self._update_qr_button()

    def _check_credit_code(self, code: str) -> CreditCodeStatus:
        if self._service is not None:
            return self._service.check_credit_code(code)
        return CreditCodeStatus(CreditCodeState.INCOMPLETE, code, len(code))

    def _on_code_status(self, status: CreditCodeStatus) -> None:
        self.confirm_code_button.setEnabled(status.valid)
        if not self.qr_scan.is_scanning() and self._typed_source is EnterpriseSource.LICENCE_QR:
            # A key touched after a scan: the code on the keypad is the resident's typing now.
            self._typed_source = EnterpriseSource.KEYPAD
            self._qr_outcome = ""
            self._update_qr_button()

    def _update_qr_button(self) -> None:
        available = self._service is not None and self._service.qr_source is not None
        # No camera: no button that looks usable but does nothing; the note says why.
        self.scan_qr_button.setVisible(available)
        self.scan_qr_button.setEnabled(available)
        outcome = self._qr_outcome
        if not available:
            note = self.tr("Scanning the licence QR code is not available on this terminal.")
        elif outcome == "read":
            note = self.tr("Code read from the licence QR: check it, then confirm.")
        elif outcome == "timeout":
            note = self.tr("No licence QR code was read. Please type the code instead.")
        elif outcome == "camera":
            note = self.tr("The camera is not available. Please type the code instead.")
        else:
            note = ""
        self.qr_note.setText(note)

    # --- showing ------------------------------------------------------------------------------

    def _chinese(self) -> bool:
        return self._language() is Language.ZH

    def _show_state(self, state: IdentifyState) -> None:
        self._state = state
        outcome = self._outcome
        if state is IdentifyState.WAITING:
            heading = self.tr("Waiting for your card")
            message = self.tr(
                "Insert the card into the slot, or place it flat on the reader, as shown."
            )
        elif state is IdentifyState.READING:
            heading = self.tr("Reading your card…")
            message = self.tr("Please do not move the card.")
        elif state is IdentifyState.IDENTIFIED:
            heading = self.tr("Identity confirmed")
            message = self.tr("Please check that this is you, then touch Continue.")
        elif state is IdentifyState.READER_MISSING:
            heading = self.tr("The card reader is not available")
            message = (
                outcome.message(self._chinese())
                if outcome is not None and outcome.kind is OutcomeKind.READER_MISSING
                else self.tr("The card reader is not available. Please call staff.")
            )
        else:
            heading = self._problem_heading(outcome)
            message = outcome.message(self._chinese()) if outcome is not None else ""
            message += "\n" + self.tr("Take the card out, then touch Try again.")
        self.status_heading.setText(heading)
        self.status_message.setText(message)
        self.progress.setVisible(state is IdentifyState.READING)
        self.identity_panel.setVisible(state is IdentifyState.IDENTIFIED)
        self.continue_button.setVisible(state is IdentifyState.IDENTIFIED)
        self.retry_button.setVisible(state in (IdentifyState.PROBLEM, IdentifyState.READER_MISSING))
        self.call_staff_button.setVisible(
            state in (IdentifyState.PROBLEM, IdentifyState.READER_MISSING)
        )
        if state is IdentifyState.IDENTIFIED and outcome is not None and outcome.masked:
            self.name_value.setText(outcome.masked.name)
            self.id_value.setText(outcome.masked.id_number)
            self.document_value.setText(self._document_name(outcome.masked.document))
        else:
            for label in (self.name_value, self.id_value, self.document_value):
                label.clear()
        if state is IdentifyState.WAITING and self.isVisible():
            self.animation.play()
        else:
            self.animation.hold_in_place()

    def _problem_heading(self, outcome: IdentityOutcome | None) -> str:
        kind = outcome.kind if outcome is not None else OutcomeKind.READ_FAILED
        if kind is OutcomeKind.REFUSED:
            return self.tr("This document cannot be used here")
        if kind is OutcomeKind.UNSUPPORTED_CARD:
            return self.tr("This card is not supported")
        return self.tr("The card could not be read")

    def _document_name(self, document: str) -> str:
        names = {
            "resident_id_card": self.tr("Resident ID card"),
            "social_security_card": self.tr("Social security card"),
            "piv_staff_card": self.tr("Staff card"),
        }
        return names.get(document, document)

    def _show_banner(self) -> None:
        if self._credit_code is None:
            self.enterprise_banner.hide()
            return
        self.enterprise_banner.setText(
            self.tr(
                "Enterprise %1: now the person acting for it inserts or places their card."
            ).replace("%1", mask_credit_code(self._credit_code))
        )
        self.enterprise_banner.show()

    # --- Screen -------------------------------------------------------------------------------

    def prompt(self) -> str:
        """Spoken when the screen appears."""
        return f"{self.title.text()} {self.status_heading.text()}"

    def retranslate(self) -> None:
        """Texts in the current language (the reader's messages too)."""
        self.title.setText(self.tr("Insert or place your social security card / ID card"))
        self.name_caption.setText(self.tr("Name"))
        self.id_caption.setText(self.tr("ID number"))
        self.document_caption.setText(self.tr("Document"))
        self.continue_button.setText(self.tr("Continue"))
        self.continue_button.setAccessibleName(self.tr("Continue as this person"))
        self.retry_button.setText(self.tr("Try again"))
        self.retry_button.setAccessibleName(self.tr("Try reading the card again"))
        self.call_staff_button.setText(self.tr("Call staff"))
        self.call_staff_button.setAccessibleName(self.tr("Call a staff member for help"))
        self.enterprise_button.setText(self.tr("For an enterprise: enter its credit code"))
        self.enterprise_button.setAccessibleName(self.tr("Identify an enterprise by its code"))
        self.demo_label.setText(self.tr("Demo: present a card"))
        for number, button in enumerate(self.demo_buttons, start=1):
            button.setAccessibleName(
                self.tr("Demo card %1: %2").replace("%1", str(number)).replace("%2", button.text())
            )
        self.demo_take_away.setText(self.tr("Take the card away"))
        self.demo_take_away.setAccessibleName(self.tr("Take the demo card off the reader"))
        self.enterprise_title.setText(self.tr("Enter the unified social credit code"))
        self.enterprise_hint.setText(
            self.tr("18 characters, printed on the business licence (营业执照).")
        )
        self.back_to_card_button.setText(self.tr("Back to the card"))
        self.back_to_card_button.setAccessibleName(self.tr("Back to identifying by card"))
        self.scan_qr_button.setText(self.tr("Scan the licence QR code"))
        self.scan_qr_button.setAccessibleName(self.tr("Scan the QR code of the business licence"))
        self.confirm_code_button.setText(self.tr("Confirm the code"))
        self.confirm_code_button.setAccessibleName(self.tr("Confirm the credit code"))
        self.qr_scan.retranslate()
        self._update_qr_button()
        self._show_banner()
        self._show_state(self._state)

    def reset(self) -> None:
        """Forget the person, the enterprise code and any message (the reader's state stays)."""
        super().reset()
        self._outcome = None
        self._credit_code = None
        self._code_source = self._typed_source = EnterpriseSource.KEYPAD
        self._qr_outcome = ""
        self.qr_scan.stop_worker()
        self.keypad.clear()
        self._show_banner()
        self.show_card()
        self._show_state(self._idle_state())

    def entered(self) -> None:
        """Each showing starts on the card side."""
        super().entered()
        if self._state is IdentifyState.WAITING:
            self.animation.play()

    def hideEvent(self, event: QHideEvent) -> None:
        """No animation ticks, and no camera, while another screen shows."""
        self.animation.hold_in_place()
        if self.qr_scan.is_scanning():
            self.qr_scan.stop_scan("")
        super().hideEvent(event)

    def apply_metrics(self, metrics: Metrics) -> None:
        """Bigger keys in large-text mode."""
        self.keypad.apply_metrics(metrics)


def stage_screenshot(screen: IdentityScreen, shot: str, timeout_s: float = 5.0) -> None:
    """Bring ``screen`` to the state a screenshot shows: "identify", "identify-success" or
    "enterprise" (demo reader only), waiting on the event loop for the reader's outcomes."""
    app = QCoreApplication.instance()
    assert app is not None
    deadline = time.monotonic() + timeout_s

    def wait_for(state: IdentifyState) -> None:
        while screen.state() is not state:
            if time.monotonic() > deadline:
                raise TimeoutError(f"identity screen did not reach {state} for {shot!r}")
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    wait_for(IdentifyState.WAITING)
    if shot == "identify-success":
        screen.present_demo_card(0)
        wait_for(IdentifyState.IDENTIFIED)
    elif shot == "enterprise":
        screen.show_enterprise()
        screen.keypad.type_code(SAMPLE_CREDIT_CODE)
    else:
        screen.animation.show_frame(0.55)  # the card on its way into the reader
