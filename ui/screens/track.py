"""Track an application by receipt number or 办件编号, typed or read from the receipt's QR by
the camera: the platform's history, or offline the last state this terminal knows with its
time. The lookup and the camera run off the UI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum, auto

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from config.schema import KioskSettings
from kiosk.qr_camera import QrCameraSource
from kiosk.receipt_number import CHINA_STANDARD_TIME
from kiosk.tracking import Outcome, Source, TrackAnswer, TrackedApplication, Tracker, TrackStatus
from ui.bridge import run_in_background
from ui.screens.base import Screen
from ui.screens.track_qr_scan import ReceiptQrScanView

log = logging.getLogger(__name__)

HISTORY_LINES = 8
QR_TIMEOUT_S = 45.0  # then back to the field: the resident may not have the receipt at hand


class _Answer(Enum):
    """What the message area says; kept as a state so it can be retranslated."""

    NONE = auto()
    EMPTY = auto()
    LOOKING_UP = auto()
    FOUND = auto()
    INVALID = auto()
    BAD_QR = auto()
    NO_QR = auto()  # the camera saw no receipt QR in time
    CAMERA_FAILED = auto()
    UNKNOWN = auto()
    PLATFORM_ERROR = auto()
    FAILED = auto()


_FROM_OUTCOME = {
    Outcome.FOUND: _Answer.FOUND,
    Outcome.INVALID_NUMBER: _Answer.INVALID,
    Outcome.BAD_QR: _Answer.BAD_QR,
    Outcome.UNKNOWN_NUMBER: _Answer.UNKNOWN,
    Outcome.PLATFORM_ERROR: _Answer.PLATFORM_ERROR,
}


def _local_time(application: TrackedApplication, index: int | None = None) -> str:
    moment = application.as_of if index is None else application.history[index].at
    return moment.astimezone(CHINA_STANDARD_TIME).strftime("%Y-%m-%d %H:%M")


class TrackScreen(Screen):
    """A labelled field for the number, Query (and Scan when a camera is set up), the answer;
    Scan shows the camera view in place of the field until a receipt QR is read."""

    rateRequested = Signal(str)  # the number of the application to rate

    def __init__(
        self,
        settings: KioskSettings,
        parent: QWidget | None = None,
        tracker: Tracker | None = None,
    ) -> None:
        super().__init__(parent)
        self._tracker = tracker or Tracker(settings)
        self._qr_source: QrCameraSource | None = None
        self._generation = 0  # a late answer for a query the resident left is dropped
        self._heading = QLabel(objectName="heading")
        self._label = QLabel()
        self.number_edit = QLineEdit()
        self.number_edit.setMaxLength(40)
        self.number_edit.setInputMethodHints(Qt.InputMethodHint.ImhPreferUppercase)
        self._label.setBuddy(self.number_edit)
        self.query_button = QPushButton()
        self.query_button.clicked.connect(self.query)
        self.number_edit.returnPressed.connect(self.query)
        self.scan_button = QPushButton(objectName="secondary")
        self.scan_button.clicked.connect(self.scan)
        self.scan_button.hide()  # until a camera QR source is set
        self.message = QLabel(objectName="message", wordWrap=True)
        self._hint = QLabel(objectName="hint", wordWrap=True)
        self.status_label = QLabel(objectName="sectionTitle", wordWrap=True)
        self.source_label = QLabel(objectName="hint", wordWrap=True)
        self.history_labels = [QLabel(wordWrap=True) for _ in range(HISTORY_LINES)]
        self.rate_button = QPushButton(objectName="secondary")
        self.rate_button.clicked.connect(self._rate)
        self._answer = _Answer.NONE
        self.application: TrackedApplication | None = None

        row = QHBoxLayout()
        row.setSpacing(24)
        row.addWidget(self.number_edit, 1)
        row.addWidget(self.query_button)
        row.addWidget(self.scan_button)

        form = QWidget()
        column = QVBoxLayout(form)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        column.addWidget(self._heading)
        column.addWidget(self._label)
        column.addLayout(row)
        column.addWidget(self._hint)
        column.addWidget(self.message)
        column.addWidget(self.status_label)
        column.addWidget(self.source_label)
        for label in self.history_labels:
            column.addWidget(label)
        column.addWidget(self.rate_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)

        self.qr_scan = ReceiptQrScanView()
        self.qr_scan.codeRead.connect(self._qr_read)
        self.qr_scan.cancelled.connect(self._qr_cancelled)
        self.pages = QStackedWidget()
        self.pages.addWidget(form)
        self.pages.addWidget(self.qr_scan)

        outer = QHBoxLayout(self)
        outer.setContentsMargins(48, 32, 48, 24)
        outer.addStretch(1)
        outer.addWidget(self.pages, 6)
        outer.addStretch(1)
        self.retranslate()

    # --- entry points -----------------------------------------------------------------------

    def set_qr_source(self, source: QrCameraSource | None) -> None:
        """Offer Scan with the receipt QR camera (kiosk.tracking_qr), or hide it with None."""
        self._qr_source = source
        self.scan_button.setVisible(source is not None)

    def prompt(self) -> str:
        """Spoken when the screen appears."""
        return self.tr("Enter the receipt number or the application number, then touch Query.")

    def retranslate(self) -> None:
        """Texts in the current language."""
        self._heading.setText(self.tr("Track an application"))
        self._label.setText(self.tr("Receipt number or application number"))
        self.number_edit.setPlaceholderText(self.tr("Printed at the top of your receipt"))
        self.number_edit.setAccessibleName(self.tr("Receipt number or application number"))
        self.query_button.setText(self.tr("Query"))
        self.query_button.setAccessibleName(self.tr("Query the progress"))
        self.scan_button.setText(self.tr("Scan the QR on your receipt"))
        self.scan_button.setAccessibleName(self.tr("Scan the QR code on your receipt"))
        self.rate_button.setText(self.tr("Rate this service"))
        self.rate_button.setAccessibleName(self.tr("Rate the service of this application"))
        self._hint.setText(
            self.tr("You find both numbers on the receipt you received when you applied.")
        )
        self.qr_scan.retranslate()
        self._show_answer()

    def entered(self) -> None:
        """Put the cursor in the field, so the virtual keyboard comes up at once."""
        self.number_edit.setFocus()

    def reset(self) -> None:
        """Clear the number and the answer; a lookup still running is forgotten."""
        super().reset()
        self._generation += 1
        self.qr_scan.stop_worker()
        self.pages.setCurrentIndex(0)
        self._answer = _Answer.NONE
        self.application = None
        self.query_button.setEnabled(True)
        self._show_answer()

    def hideEvent(self, event: QHideEvent) -> None:
        """No camera while another screen shows."""
        if self.qr_scan.is_scanning():
            self.qr_scan.stop_scan("")
        super().hideEvent(event)

    # --- lookups ----------------------------------------------------------------------------

    def query(self) -> None:
        """Look the typed number up (off the UI thread); the number itself is never logged."""
        text = self.number_edit.text().strip()
        if not text:
            self._answer = _Answer.EMPTY
            self._show_answer()
            return
        self._lookup(text)

    def scan(self) -> None:
        """Show the camera view; a receipt QR read there is looked up like a typed number."""
        source = self._qr_source
        if source is None or self.qr_scan.is_scanning():
            return
        self._generation += 1  # an answer still on its way is for the number left behind
        self._answer = _Answer.NONE
        self.application = None
        self.query_button.setEnabled(True)
        self._show_answer()
        self.pages.setCurrentWidget(self.qr_scan)
        self.qr_scan.begin(source, QR_TIMEOUT_S)

    def _qr_read(self, number: str) -> None:
        # The camera worker checked host and MAC: the number is ours, and looked up as typed.
        self.pages.setCurrentIndex(0)
        self.number_edit.setText(number)
        self._lookup(number)

    def _qr_cancelled(self, why: str) -> None:
        self.pages.setCurrentIndex(0)
        self._answer = {"timeout": _Answer.NO_QR, "camera": _Answer.CAMERA_FAILED}.get(
            why, _Answer.NONE
        )
        self._show_answer()

    def _lookup(self, text: str) -> None:
        self._generation += 1
        generation = self._generation
        self._set_busy()

        def answered(answer: TrackAnswer) -> None:
            if generation == self._generation:
                self._show_result(answer)

        run_in_background(self._tracker.lookup, text).on_success(answered).on_failure(
            self._failed(generation)
        ).start()

    def _failed(self, generation: int) -> Callable[[BaseException], None]:
        def failed(error: BaseException) -> None:
            if generation != self._generation:
                return
            log.error("track lookup failed", extra={"reason": type(error).__name__})
            self._answer = _Answer.FAILED
            self.application = None
            self.query_button.setEnabled(True)
            self._show_answer()

        return failed

    def _set_busy(self) -> None:
        self._answer = _Answer.LOOKING_UP
        self.application = None
        self.query_button.setEnabled(False)
        self._show_answer()

    def show_answer(self, answer: TrackAnswer) -> None:
        """Show a lookup's answer (also used to stage screenshots)."""
        self._show_result(answer)

    def _show_result(self, answer: TrackAnswer) -> None:
        self._answer = _FROM_OUTCOME[answer.outcome]
        self.application = answer.application
        self.query_button.setEnabled(True)
        self._show_answer()

    def _rate(self) -> None:
        if self.application is not None:
            self.rateRequested.emit(
                self.application.official_number or self.application.receipt_number
            )

    # --- what the resident reads ------------------------------------------------------------

    def answer_text(self) -> str:
        """The message shown under the field (empty when there is none)."""
        return self.message.text() if self.message.isVisibleTo(self) else ""

    def history_texts(self) -> list[str]:
        """The history lines shown, oldest first."""
        return [label.text() for label in self.history_labels if label.isVisibleTo(self)]

    def status_text(self, status: TrackStatus) -> str:
        """A status in the resident's words."""
        texts = {
            TrackStatus.QUEUED: self.tr("Waiting on this terminal to be sent"),
            TrackStatus.RECEIVED: self.tr("Received"),
            TrackStatus.ACCEPTED: self.tr("Accepted, being processed"),
            TrackStatus.NEEDS_MORE: self.tr("More material needed"),
            TrackStatus.APPROVED: self.tr("Approved"),
            TrackStatus.REJECTED: self.tr("Not approved"),
            TrackStatus.COMPLETED: self.tr("Completed"),
            TrackStatus.HELD: self.tr("Held: please ask staff at the counter"),
        }
        return texts[status]

    def _show_answer(self) -> None:
        texts = {
            _Answer.NONE: "",
            _Answer.EMPTY: self.tr("Please enter the number first."),
            _Answer.LOOKING_UP: self.tr("Looking up your application…"),
            _Answer.FOUND: "",
            _Answer.INVALID: self.tr(
                "This is not a valid receipt or application number. Please check it and "
                "type it again."
            ),
            _Answer.BAD_QR: self.tr(
                "This QR code is not a receipt of this service hall. Please type the number "
                "printed on your receipt."
            ),
            _Answer.NO_QR: self.tr(
                "No receipt QR code was read. Please type the number printed on your receipt."
            ),
            _Answer.CAMERA_FAILED: self.tr(
                "The camera is not working. Please type the number printed on your receipt."
            ),
            _Answer.UNKNOWN: self.tr(
                "No application has this number. Please check the number on your receipt."
            ),
            _Answer.PLATFORM_ERROR: self.tr(
                "The service platform cannot be reached now, and this terminal has no record "
                "of this number. Please try again later or ask at the service counter."
            ),
            _Answer.FAILED: self.tr(
                "The lookup did not work. Please try again or ask at the service counter."
            ),
        }
        self.message.setText(texts[self._answer])
        self.message.setVisible(bool(texts[self._answer]))
        self._show_application(self.application if self._answer is _Answer.FOUND else None)

    def _show_application(self, application: TrackedApplication | None) -> None:
        for label in (self.status_label, self.source_label, self.rate_button):
            label.setVisible(application is not None)
        for label in self.history_labels:
            label.hide()
        if application is None:
            return
        number = application.official_number or application.receipt_number
        self.status_label.setText(
            self.tr("Application %1: %2")
            .replace("%1", number)
            .replace("%2", self.status_text(application.status))
        )
        if application.source is Source.PLATFORM:
            self.source_label.setText(self.tr("From the service platform, just now."))
        else:
            self.source_label.setText(
                self.tr(
                    "The platform cannot be reached now. Last known state on this terminal, "
                    "as of %1."
                ).replace("%1", _local_time(application))
            )
        shown = application.history[-HISTORY_LINES:]
        offset = len(application.history) - len(shown)
        for label, (index, event) in zip(
            self.history_labels, enumerate(shown, start=offset), strict=False
        ):
            label.setText(f"{_local_time(application, index)}    {self.status_text(event.status)}")
            label.show()
        self.rate_button.setVisible(
            not application.rated and application.status is not TrackStatus.HELD
        )
