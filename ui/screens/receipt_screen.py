"""The receipt on screen: small beside "take your receipt", or large with its QR code to
photograph when the printer could not print it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from config.schema import Language
from kiosk.receipt import Receipt
from kiosk.receipt_step import ReceiptDelivery
from ui.screens.journey_base import JourneyScreen
from ui.widgets.receipt_preview import ReceiptPreview, qr_image

SMALL_SCALE = (10, 4)  # pixels per text column, per QR module
LARGE_SCALE = (11, 5)
BIG_QR_MODULE_PX = 9


class ReceiptScreen(JourneyScreen):
    """The application number, the receipt as printed, and Finish."""

    finished = Signal()
    rateRequested = Signal(str)  # the receipt number: rate the service now

    def __init__(self, language: Callable[[], Language], parent: QWidget | None = None) -> None:
        super().__init__(language, parent)
        self.number_label = QLabel(objectName="receiptNumber", wordWrap=True)
        self.explanation = QLabel(objectName="subtitle", wordWrap=True)
        self.preview = ReceiptPreview()
        # Not printed: the number and a big QR code beside the receipt, to photograph.
        self.big_qr = QLabel(objectName="bigQr", alignment=Qt.AlignmentFlag.AlignLeft)
        self.big_qr.hide()
        side = QVBoxLayout()
        side.setSpacing(24)
        side.addWidget(self.number_label)
        side.addWidget(self.explanation)
        side.addWidget(self.big_qr)
        side.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(48)
        row.addLayout(side, 1)
        row.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        self.body_layout.addLayout(row)
        self.body_layout.addStretch(1)
        self.finish_button = QPushButton()
        self.finish_button.clicked.connect(self.finished)
        self.rate_button = QPushButton(objectName="secondary")
        self.rate_button.clicked.connect(self._rate_now)
        self.actions.addStretch(1)
        self.actions.addWidget(self.rate_button)
        self.actions.addWidget(self.finish_button)
        self.receipt: Receipt | None = None
        self.delivery: ReceiptDelivery | None = None
        self.retranslate()

    def show_receipt(self, receipt: Receipt, delivery: ReceiptDelivery, columns: int) -> None:
        """Show ``receipt``; large when it was not printed."""
        self.receipt = receipt
        self.delivery = delivery
        scale = LARGE_SCALE if self.is_large() else SMALL_SCALE
        self.preview.set_scale(*scale)
        self.preview.set_receipt(receipt, columns)
        if self.is_large():
            self.big_qr.setPixmap(
                QPixmap.fromImage(qr_image(receipt.tracking_url, BIG_QR_MODULE_PX))
            )
        self.big_qr.setVisible(self.is_large())
        self.retranslate()

    def _rate_now(self) -> None:
        if self.receipt is not None:
            self.rateRequested.emit(self.receipt.receipt_number)

    def is_large(self) -> bool:
        """True when the receipt is shown large (not printed)."""
        return self.delivery is ReceiptDelivery.ON_SCREEN

    def prompt(self) -> str:
        """Spoken when the screen appears."""
        return self.explanation.text()

    def retranslate(self) -> None:
        """Texts in the current language."""
        if self.is_large():
            self.heading.setText(self.tr("Your application is submitted — take a photo"))
            self.explanation.setText(
                self.tr(
                    "The receipt could not be printed. Take a photo of the receipt and its "
                    "QR code with your phone: the number lets you and the staff find your "
                    "application. Staff can also print it for you at the counter."
                )
            )
        else:
            self.heading.setText(self.tr("Your application is submitted"))
            self.explanation.setText(
                self.tr(
                    "Take your receipt from the printer. Keep it: its number and QR code "
                    "let you track the application."
                )
            )
        number = self.receipt.receipt_number if self.receipt is not None else ""
        self.number_label.setText(self.tr("Receipt number:") + "\n" + number)
        self.number_label.setAccessibleName(self.number_label.text())
        self.rate_button.setText(self.tr("Rate the service now"))
        self.rate_button.setAccessibleName(self.tr("Rate the service now"))
        self.rate_button.setVisible(self.receipt is not None)
        self.finish_button.setText(self.tr("Finish"))
        self.finish_button.setAccessibleName(self.tr("Finish and clear my information"))

    def reset(self) -> None:
        """Forget the receipt."""
        super().reset()
        self.receipt = None
        self.delivery = None
        self.preview.set_receipt(None)
        self.big_qr.clear()
        self.big_qr.hide()
        self.retranslate()
