"""Review before consent: every answer (identity masked), the materials' pages, edit links."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from config.schema import Language
from kiosk.form_visibility import get_path, visible_paths, visible_sections
from kiosk.forms import FormDefinition, FormField, Prefill, Widget
from kiosk.identity import mask_credit_code, mask_name, mask_resident_id
from kiosk.material_capture import CapturedPage
from kiosk.mianyang_divisions import counties
from kiosk.service_offers import Provision, ServiceOffer
from ui.forms.field_inputs import YES_NO
from ui.forms.step_indicator import StepIndicator
from ui.screens.journey_base import JourneyScreen
from ui.screens.materials_screen import thumbnail


def _address(value: Mapping[str, Any]) -> str:
    parts = []
    for county in counties():
        if county.code == value.get("county"):
            parts.append(county.name)
            parts.extend(t.name for t in county.towns if t.code == value.get("town"))
    if value.get("detail"):
        parts.append(str(value["detail"]))
    return "".join(parts)


def mask_account(number: str) -> str:
    """A bank account with only its last four digits."""
    return "*" * max(len(number) - 4, 0) + number[-4:]


def shown_value(form_field: FormField, value: Any, language: str) -> str:
    """How an answer reads on the review screen; identity and account numbers masked."""
    if value is None or value == "":
        return "—"
    kind = form_field.widget
    if kind is Widget.ID_NUMBER:
        return mask_resident_id(str(value))
    if form_field.prefill is Prefill.NAME:
        return mask_name(str(value))
    if kind is Widget.BANK_ACCOUNT:
        return mask_account(str(value))
    if kind is Widget.CREDIT_CODE:
        return mask_credit_code(str(value))  # shown like an ID number (kiosk.identity)
    if kind is Widget.ADDRESS and isinstance(value, Mapping):
        return _address(value)
    options = form_field.options or (YES_NO if kind is Widget.SWITCH else ())
    for option in options:
        if type(option.value) is type(value) and option.value == value:
            return option.label.in_language(language)
    return str(value)


class ReviewBlock(QFrame):
    """A titled block of answers with its Edit link."""

    editRequested = Signal(str)  # "form:<section id>" or "materials"

    def __init__(self, target: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formSection")
        self.title = QLabel(objectName="sectionTitle", wordWrap=True)
        self.edit_button = QPushButton(objectName="secondary")
        self.edit_button.clicked.connect(lambda: self.editRequested.emit(target))
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(32)
        self.grid.setVerticalSpacing(10)
        self.grid.setColumnStretch(1, 1)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.addLayout(top)
        layout.addLayout(self.grid)

    def add_line(self, label: str, value: str) -> None:
        """One answer: label left, value right."""
        row = self.grid.rowCount()
        name = QLabel(label, objectName="reviewLabel", wordWrap=True)
        answer = QLabel(value, objectName="reviewValue", wordWrap=True)
        self.grid.addWidget(name, row, 0)
        self.grid.addWidget(answer, row, 1)

    def add_widget(self, widget: QWidget) -> None:
        """A widget across both columns (the thumbnails)."""
        self.grid.addWidget(widget, self.grid.rowCount(), 0, 1, 2)


class ReviewScreen(JourneyScreen):
    """Every answer as it will be submitted; Edit goes back, Confirm goes on to consent."""

    editRequested = Signal(str)
    confirmed = Signal()

    def __init__(self, language: Callable[[], Language], parent: QWidget | None = None) -> None:
        super().__init__(language, parent)
        self.steps = StepIndicator(2)
        self.top.insertWidget(0, self.steps)
        self.hint = QLabel(objectName="hint", wordWrap=True)
        self.top.addWidget(self.hint)
        self.blocks: list[ReviewBlock] = []
        self.confirm_button = QPushButton()
        self.confirm_button.clicked.connect(self.confirmed)
        self.actions.addStretch(1)
        self.actions.addWidget(self.confirm_button)
        self._source: (
            tuple[FormDefinition, dict[str, Any], ServiceOffer, dict[str, list[CapturedPage]]]
            | None
        ) = None
        self.retranslate()

    def load(
        self,
        form: FormDefinition,
        data: Mapping[str, Any],
        offer: ServiceOffer,
        pages: Mapping[str, list[CapturedPage]],
    ) -> None:
        """Show the answers of ``data`` (visible ones only, as submitted) and the pages."""
        self._source = (form, dict(data), offer, dict(pages))
        self._build()

    def _build(self) -> None:
        for block in self.blocks:
            self.body_layout.removeWidget(block)
            block.deleteLater()
        self.blocks = []
        if self._source is None:
            return
        form, data, offer, pages = self._source
        language = self.lang()
        shown = visible_paths(form, data)
        position = 0
        for section in visible_sections(form, data):
            block = ReviewBlock(f"form:{section.id}")
            block.title.setText(section.title.in_language(language))
            for form_field in section.fields:
                if form_field.path in shown and form_field.widget is not Widget.SIGNATURE:
                    value = get_path(data, form_field.path)
                    block.add_line(
                        form_field.label.in_language(language),
                        shown_value(form_field, value, language),
                    )
            if section.repeat is not None:
                group = section.repeat
                items = get_path(data, group.path)
                items = items if isinstance(items, list) else []
                if not items:
                    block.add_line(group.item_label.in_language(language), "—")
                for index, item in enumerate(items):
                    for form_field in group.fields:
                        if f"{group.path}.{index}.{form_field.path}" not in shown:
                            continue
                        label = f"{group.item_label.in_language(language)} {index + 1} · "
                        block.add_line(
                            label + form_field.label.in_language(language),
                            shown_value(form_field, get_path(item, form_field.path), language),
                        )
            self._add_block(block, position)
            position += 1
        block = ReviewBlock("materials")
        block.title.setText(self.tr("Materials"))
        for material in offer.materials:
            material_pages = pages.get(material.code, [])
            if material.provision is Provision.CAPTURE:
                status = (
                    self.tr("%n page(s)", "", len(material_pages))
                    if material_pages
                    else self.tr("Supplied later (补正)")
                    if material.required
                    else "—"
                )
            else:
                status = {
                    Provision.FILLED_HERE: self.tr("This form"),
                    Provision.CARD: self.tr("Read from your card"),
                    Provision.E_CERTIFICATE: self.tr("Electronic certificate"),
                    Provision.COUNTER: self.tr("Bring to the counter"),
                }[material.provision]
            block.add_line(material.name.in_language(language), status)
            if material_pages:
                strip = QWidget()
                row = QHBoxLayout(strip)
                row.setContentsMargins(0, 0, 0, 0)
                for page in material_pages:
                    row.addWidget(thumbnail(page, 100))
                row.addStretch(1)
                block.add_widget(strip)
        self._add_block(block, position)
        self._texts()

    def _add_block(self, block: ReviewBlock, position: int) -> None:
        block.editRequested.connect(self.editRequested)
        self.blocks.append(block)
        self.body_layout.insertWidget(position, block)

    def _texts(self) -> None:
        for block in self.blocks:
            block.edit_button.setText(self.tr("Edit"))
            block.edit_button.setAccessibleName(
                self.tr("Edit %1").replace("%1", block.title.text())
            )

    def values_shown(self) -> list[str]:
        """Every answer's text as shown (for tests and voice)."""
        texts = []
        for block in self.blocks:
            for index in range(block.grid.count()):
                widget = block.grid.itemAt(index).widget()
                if isinstance(widget, QLabel) and widget.objectName() == "reviewValue":
                    texts.append(widget.text())
        return texts

    def prompt(self) -> str:
        """Spoken when the screen appears."""
        return self.tr("Check your answers. Touch Edit to change something, or Confirm.")

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.steps.set_language(self.lang())
        self.heading.setText(self.tr("Check your application"))
        self.hint.setText(
            self.tr("This is what will be submitted. Your ID number is shown masked.")
        )
        self.confirm_button.setText(self.tr("Confirm and continue"))
        self.confirm_button.setAccessibleName(self.tr("Confirm the answers and continue"))
        self._build()

    def reset(self) -> None:
        """Forget the answers shown."""
        super().reset()
        self._source = None
        self._build()
