"""The materials step: each material of the service, how it is provided, capture, 预审.

Capturing is done by a kiosk.material_capture.CaptureProvider off the UI thread; this screen
shows the pages it returned as thumbnails. The completeness pre-check is shown live; where the
service allows 补正 the resident may go on with materials missing, and is told so plainly.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from config.schema import Language
from kiosk.material_capture import CapturedPage
from kiosk.precheck import PrecheckResult
from kiosk.service_offers import MaterialRequirement, Provision, ServiceOffer
from ui.forms.step_indicator import StepIndicator
from ui.screens.journey_base import JourneyScreen

THUMB_PX = 120


def thumbnail(page: CapturedPage, height: int = THUMB_PX) -> QLabel:
    """A label showing the page's thumbnail at ``height`` pixels."""
    pixmap = QPixmap()
    pixmap.loadFromData(page.thumbnail_png, "PNG")
    label = QLabel(objectName="thumbnail")
    label.setPixmap(pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation))
    return label


class MaterialRow(QFrame):
    """One material: its name, how it is provided, its pages, and Capture / Remove."""

    captureRequested = Signal(str)
    removeRequested = Signal(str)

    def __init__(self, material: MaterialRequirement, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("materialRow")
        self.material = material
        self.name = QLabel(objectName="fieldLabel", wordWrap=True)
        self.status = QLabel(objectName="materialStatus", wordWrap=True)
        self.pages_box = QHBoxLayout()
        self.pages_box.setSpacing(8)
        self.capture_button = QPushButton()
        self.capture_button.clicked.connect(lambda: self.captureRequested.emit(material.code))
        self.remove_button = QPushButton(objectName="secondary")
        self.remove_button.clicked.connect(lambda: self.removeRequested.emit(material.code))
        capturable = material.provision is Provision.CAPTURE
        self.capture_button.setVisible(capturable)
        self.remove_button.hide()
        text = QVBoxLayout()
        text.addWidget(self.name)
        text.addWidget(self.status)
        text.addLayout(self.pages_box)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(16)
        layout.addLayout(text, 1)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.capture_button, 0, Qt.AlignmentFlag.AlignTop)
        self.page_count = 0

    def show_pages(self, pages: list[CapturedPage]) -> None:
        """Thumbnails of the captured pages."""
        while self.pages_box.count():
            item = self.pages_box.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for page in pages:
            self.pages_box.addWidget(thumbnail(page))
        self.pages_box.addStretch(1)
        self.page_count = len(pages)
        self.remove_button.setVisible(bool(pages))

    def set_busy(self, busy: bool) -> None:
        """While capturing, the buttons wait."""
        self.capture_button.setEnabled(not busy)
        self.remove_button.setEnabled(not busy)


class MaterialsScreen(JourneyScreen):
    """The service's materials and the pre-check (预审) before review."""

    captureRequested = Signal(str)
    removeRequested = Signal(str)
    nextRequested = Signal()

    def __init__(self, language: Callable[[], Language], parent: QWidget | None = None) -> None:
        super().__init__(language, parent)
        self.steps = StepIndicator(1)
        self.top.insertWidget(0, self.steps)
        self.hint = QLabel(objectName="hint", wordWrap=True)
        self.top.addWidget(self.hint)
        self.rows: dict[str, MaterialRow] = {}
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(12)
        self.body_layout.addLayout(self.rows_box)
        self.precheck_title = QLabel(objectName="sectionTitle")
        self.precheck_text = QLabel(objectName="precheck", wordWrap=True)
        self.body_layout.addWidget(self.precheck_title)
        self.body_layout.addWidget(self.precheck_text)
        self.body_layout.addStretch(1)
        self.next_button = QPushButton()
        self.next_button.clicked.connect(self.nextRequested)
        self.actions.addStretch(1)
        self.actions.addWidget(self.next_button)
        self._offer: ServiceOffer | None = None
        self.result: PrecheckResult | None = None
        self._capture_failed = False
        self.retranslate()

    def load(self, offer: ServiceOffer) -> None:
        """One row per material of ``offer``."""
        self.clear()
        self._offer = offer
        for material in offer.materials:
            row = MaterialRow(material)
            row.captureRequested.connect(self.captureRequested)
            row.removeRequested.connect(self.removeRequested)
            self.rows[material.code] = row
            self.rows_box.addWidget(row)
        self.retranslate()

    def clear(self) -> None:
        """No materials shown."""
        for row in self.rows.values():
            self.rows_box.removeWidget(row)
            row.deleteLater()
        self.rows = {}
        self._offer = None
        self.result = None
        self._capture_failed = False
        self.show_message("")

    def show_pages(self, code: str, pages: list[CapturedPage]) -> None:
        """Thumbnails for material ``code``."""
        self.rows[code].show_pages(pages)
        self._status(self.rows[code])

    def set_busy(self, code: str, busy: bool) -> None:
        """Capturing ``code`` (or done)."""
        self.rows[code].set_busy(busy)
        self.next_button.setEnabled(not busy and (self.result is None or self.result.can_submit))

    def capture_failed(self) -> None:
        """Say that the capture did not work, in plain words."""
        self._capture_failed = True
        self.show_message(self.tr("The capture did not work. Please try again or call staff."))

    def show_precheck(self, result: PrecheckResult) -> None:
        """The live pre-check: what is missing and whether the resident may go on."""
        self.result = result
        self._capture_failed = False
        self.show_message("")
        language = self.lang()
        lines = [f"• {m.explanation.in_language(language)}" for m in result.missing]
        if result.to_counter:
            names = "、" if language == "zh" else ", "
            lines.append(
                self.tr("Bring to the counter: %1").replace(
                    "%1", names.join(m.name.in_language(language) for m in result.to_counter)
                )
            )
        if result.complete:
            lines.insert(0, self.tr("All required materials are here."))
        elif result.allows_later:
            lines.append(
                self.tr(
                    "You may still submit now and supply the missing materials later (补正); "
                    "your receipt will list them."
                )
            )
        else:
            lines.append(
                self.tr(
                    "This service needs every required material before it can be submitted. "
                    "Capture the missing ones, or ask at the counter."
                )
            )
        self.precheck_text.setText("\n".join(lines))
        self.precheck_text.setProperty("complete", result.complete)
        self.precheck_text.style().unpolish(self.precheck_text)
        self.precheck_text.style().polish(self.precheck_text)
        self._next_text()
        self.next_button.setEnabled(result.can_submit)

    def _next_text(self) -> None:
        if self.result is not None and not self.result.complete and self.result.allows_later:
            self.next_button.setText(self.tr("Supply later and continue"))
        else:
            self.next_button.setText(self.tr("Next: review"))
        self.next_button.setAccessibleName(self.next_button.text())

    def _status(self, row: MaterialRow) -> None:
        material = row.material
        texts = {
            Provision.FILLED_HERE: self.tr("Made from the form you filled in"),
            Provision.CARD: self.tr("Read from your card"),
            Provision.E_CERTIFICATE: self.tr("Taken from your electronic certificate"),
            Provision.COUNTER: self.tr("Cannot be captured here: bring it to the counter"),
        }
        if material.provision is Provision.CAPTURE:
            if row.page_count:
                text = self.tr("%n page(s) captured", "", row.page_count)
            else:
                text = self.tr("To capture: put it under the camera, then touch Capture")
            if not material.required:
                text += self.tr(" (only if it applies to you)")
        else:
            text = texts[material.provision]
        row.status.setText(text)
        row.name.setText(material.name.in_language(self.lang()))
        row.capture_button.setText(
            self.tr("Capture again") if row.page_count else self.tr("Capture")
        )
        row.capture_button.setAccessibleName(
            self.tr("Capture %1").replace("%1", material.name.in_language(self.lang()))
        )
        row.remove_button.setText(self.tr("Remove"))

    def prompt(self) -> str:
        """Spoken when the screen appears."""
        return self.tr("Capture each material marked To capture, then touch Next.")

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.steps.set_language(self.lang())
        self.heading.setText(self.tr("Materials"))
        self.hint.setText(
            self.tr("What this service needs, and how each one reaches your application.")
        )
        self.precheck_title.setText(self.tr("Completeness check (预审)"))
        for row in self.rows.values():
            self._status(row)
        if self.result is not None:
            self.show_precheck(self.result)
        else:
            self._next_text()
        if self._capture_failed:
            self.capture_failed()

    def reset(self) -> None:
        """Forget the materials."""
        super().reset()
        self.clear()
