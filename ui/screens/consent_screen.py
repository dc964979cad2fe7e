"""Consent (PIPL) and signature, then Submit: what happens to the data, accepted explicitly."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from config.schema import Language
from kiosk.consent import ConsentNotice
from kiosk.receipt_step import PrinterReadiness
from ui.screens.journey_base import JourneyScreen
from ui.widgets.signature_pad import SignaturePad


class ConsentScreen(JourneyScreen):
    """The notice, an explicit "I agree", the signature pad and Submit."""

    submitRequested = Signal()

    def __init__(self, language: Callable[[], Language], parent: QWidget | None = None) -> None:
        super().__init__(language, parent)
        self.notice: ConsentNotice | None = None
        self.paragraphs: list[tuple[QLabel, QLabel]] = []
        for _ in range(4):
            title = QLabel(objectName="sectionTitle", wordWrap=True)
            text = QLabel(objectName="consentText", wordWrap=True)
            self.body_layout.addWidget(title)
            self.body_layout.addWidget(text)
            self.paragraphs.append((title, text))
        self.body_layout.addStretch(1)
        # Beside the notice, always in view: I agree, the signature pad, the printer's state.
        aside = QWidget(objectName="consentAside")
        aside.setFixedWidth(720)
        side = QVBoxLayout(aside)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(16)
        self.agree_text = QLabel(objectName="consentText", wordWrap=True)
        side.addWidget(self.agree_text)
        self.agree = QCheckBox(objectName="agree")
        self.agree.toggled.connect(self._update)
        side.addWidget(self.agree)
        self.sign_label = QLabel(objectName="fieldLabel", wordWrap=True)
        side.addWidget(self.sign_label)
        self.pad = SignaturePad()
        self.pad.setMinimumWidth(600)
        self.pad.signed.connect(self._update)
        self.pad.cleared.connect(self._update)
        side.addWidget(self.pad)
        self.clear_button = QPushButton(objectName="secondary")
        self.clear_button.clicked.connect(self.pad.clear)
        row = QHBoxLayout()
        row.addWidget(self.clear_button)
        row.addStretch(1)
        side.addLayout(row)
        self.printer_notice = QLabel(objectName="message", wordWrap=True)
        self.printer_notice.hide()
        side.addWidget(self.printer_notice)
        side.addStretch(1)
        self.middle.addWidget(aside)
        self.submit_button = QPushButton()
        self.submit_button.clicked.connect(self.submitRequested)
        self.actions.addStretch(1)
        self.actions.addWidget(self.submit_button)
        self._readiness: PrinterReadiness | None = None
        self._busy = False
        self._storage_message = ""
        self.retranslate()

    def load(self, notice: ConsentNotice) -> None:
        """Show ``notice``; consent and signature start empty."""
        self.notice = notice
        self.agree.setChecked(False)
        self.pad.clear()
        self._readiness = None
        self._storage_message = ""
        self.set_busy(False)
        self.retranslate()

    def set_printer(self, readiness: PrinterReadiness) -> None:
        """Tell the resident before submitting when the receipt cannot be printed."""
        self._readiness = readiness
        self.retranslate()

    def set_busy(self, busy: bool) -> None:
        """While submitting, nothing can be touched twice."""
        self._busy = busy
        self.show_message(self.tr("Submitting…") if busy else self._storage_message)
        self._update()

    def show_storage_error(self, message: str) -> None:
        """The resident message of a storage failure (the technician sees the cause in logs)."""
        self._storage_message = message
        self.set_busy(False)

    def can_submit(self) -> bool:
        """True when the resident agreed and signed."""
        return self.agree.isChecked() and not self.pad.is_empty() and not self._busy

    def _update(self) -> None:
        self.submit_button.setEnabled(self.can_submit())
        self.agree.setEnabled(not self._busy)
        self.pad.setEnabled(not self._busy)

    def prompt(self) -> str:
        """Spoken when the screen appears."""
        return self.tr("Read how your information is used, tick I agree, sign, then Submit.")

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.heading.setText(self.tr("Your consent"))
        if self.notice is not None:
            for (title, text), (head, body) in zip(
                self.paragraphs, self.notice.paragraphs(self.lang()), strict=True
            ):
                title.setText(head)
                text.setText(body)
        self.agree_text.setText(
            self.tr("I have read this and agree that my information is processed as described.")
        )
        self.agree.setText(self.tr("I agree"))
        self.agree.setAccessibleName(self.agree_text.text())
        self.sign_label.setText(self.tr("Sign here with your finger"))
        self.pad.setAccessibleName(self.tr("Signature box"))
        self.clear_button.setText(self.tr("Clear signature"))
        self.clear_button.setAccessibleName(self.tr("Clear signature"))
        self.submit_button.setText(self.tr("Submit"))
        self.submit_button.setAccessibleName(self.tr("Submit the application"))
        notices = {
            PrinterReadiness.PAPER_OUT: self.tr(
                "The receipt printer is out of paper. After you submit, your receipt is shown "
                "on the screen: take a photo of it and its QR code."
            ),
            PrinterReadiness.UNAVAILABLE: self.tr(
                "The receipt printer is not working. After you submit, your receipt is shown "
                "on the screen: take a photo of it and its QR code."
            ),
            PrinterReadiness.NO_PRINTER: self.tr(
                "This terminal has no receipt printer. After you submit, your receipt is shown "
                "on the screen: take a photo of it and its QR code."
            ),
        }
        text = notices.get(self._readiness) if self._readiness is not None else None
        self.printer_notice.setText(text or "")
        self.printer_notice.setVisible(bool(text))
        self._update()

    def reset(self) -> None:
        """Forget the consent and the signature."""
        super().reset()
        self.notice = None
        self.agree.setChecked(False)
        self.pad.clear()
        self._storage_message = ""
        self._readiness = None
        self._busy = False
        self.show_message("")
        self.retranslate()
