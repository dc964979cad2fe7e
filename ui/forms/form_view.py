"""The form renderer: sections of one-question rows, repeat groups, live checks, visibility.

Every answer goes straight into the draft (kiosk.applications.Draft), which keeps hidden
answers too: a field that disappears and comes back shows what was typed. Which rows show is
decided by kiosk.form_visibility after each change; errors come from kiosk.form_validation,
in plain language, under the field they are about.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.applications import Draft
from kiosk.form_validation import FieldError
from kiosk.form_visibility import get_path, set_path, visible_paths, visible_sections
from kiosk.forms import FormField, RepeatGroup, Section, Text, Widget
from ui.forms.field_inputs import FieldInput, LineInput, make_input

FROM_CARD = Text("来自您的证件", "From your card")
FROM_CARD_LOCKED = Text("来自您的证件，不可修改", "From your card, cannot be changed")
REQUIRED_MARK = " *"


class FieldRow(QFrame):
    """One question: label (with the card badge), help, the input, and its error."""

    edited = Signal(str)  # the row's concrete path

    def __init__(self, form_field: FormField, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldRow")
        self.form_field = form_field
        self.path = path
        self.label = QLabel(objectName="fieldLabel", wordWrap=True)
        self.badge = QLabel(objectName="fromCard")
        self.badge.hide()
        self.help = QLabel(objectName="hint", wordWrap=True)
        self.input: FieldInput = make_input(form_field)
        self.error = QLabel(objectName="fieldError", wordWrap=True)
        self.error.hide()
        self._error: Text | None = None
        self._card = False
        self._locked = False
        self.label.setBuddy(self.input.focus_target())
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self.label, 1)
        top.addWidget(self.badge)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.help)
        layout.addWidget(self.input)
        layout.addWidget(self.error)
        self.input.changed.connect(lambda: self.edited.emit(self.path))

    def set_language(self, language: str) -> None:
        """Label, help, badge, error and the input's own texts in ``language``."""
        required = REQUIRED_MARK if self.form_field.required else ""
        self.label.setText(self.form_field.label.in_language(language) + required)
        help_text = self.form_field.help.in_language(language) if self.form_field.help else ""
        self.help.setText(help_text)
        self.help.setVisible(bool(help_text))
        self.badge.setText((FROM_CARD_LOCKED if self._locked else FROM_CARD).in_language(language))
        self.input.set_language(language)
        self.input.setAccessibleName(self.form_field.label.in_language(language))
        self.error.setText(self._error.in_language(language) if self._error else "")

    def mark_from_card(self, locked: bool) -> None:
        """Show the "from your card" badge; a locked field cannot be edited."""
        self._card = True
        self._locked = locked
        self.badge.show()
        self.input.set_locked(locked)

    def is_from_card(self) -> bool:
        """True when the value was read from the card."""
        return self._card

    def set_error(self, message: Text | None, language: str) -> None:
        """Show (or clear) the plain-language problem under the input."""
        self._error = message
        self.error.setText(message.in_language(language) if message else "")
        self.error.setVisible(message is not None)
        self.setProperty("invalid", message is not None)
        self.style().unpolish(self)
        self.style().polish(self)

    def error_text(self) -> str:
        """The error shown, or an empty string."""
        return self.error.text() if self.error.isVisible() or self._error else ""


class SectionView(QFrame):
    """A titled card holding rows (or, for a repeat group, its items)."""

    def __init__(self, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formSection")
        self.section = section
        self.title = QLabel(objectName="sectionTitle", wordWrap=True)
        self.help = QLabel(objectName="hint", wordWrap=True)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.help)
        layout.addLayout(self.rows_layout)

    def set_language(self, language: str) -> None:
        """Title and help in ``language``."""
        self.title.setText(self.section.title.in_language(language))
        text = self.section.help.in_language(language) if self.section.help else ""
        self.help.setText(text)
        self.help.setVisible(bool(text))


class RepeatItemView(QFrame):
    """One item of a repeat group: its heading, a remove button, its rows."""

    removeRequested = Signal(int)

    def __init__(self, group: RepeatGroup, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("repeatItem")
        self.group = group
        self.index = index
        self.heading = QLabel(objectName="itemHeading")
        self.remove_button = QPushButton(objectName="secondary")
        self.remove_button.clicked.connect(lambda: self.removeRequested.emit(self.index))
        self.rows = [FieldRow(f, f"{group.path}.{index}.{f.path}") for f in group.fields]
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(top)
        for row in self.rows:
            layout.addWidget(row)

    def set_language(self, language: str) -> None:
        """Heading and button in ``language``."""
        label = self.group.item_label.in_language(language)
        self.heading.setText(f"{label} {self.index + 1}")
        self.remove_button.setText("删除此项" if language == "zh" else "Remove")
        self.remove_button.setAccessibleName(
            f"删除{label}{self.index + 1}"
            if language == "zh"
            else f"Remove {label} {self.index + 1}"
        )
        for row in self.rows:
            row.set_language(language)


class RepeatGroupView(QWidget):
    """The items of a repeat group with Add; items are rebuilt after a removal."""

    def __init__(self, group: RepeatGroup, view: FormView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self._view = view
        self.items: list[RepeatItemView] = []
        self.items_layout = QVBoxLayout()
        self.items_layout.setSpacing(12)
        self.add_button = QPushButton(objectName="secondary")
        self.add_button.clicked.connect(self.add_item)
        self.empty = QLabel(objectName="hint", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addLayout(self.items_layout)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)

    def stored_items(self) -> list[dict[str, Any]]:
        """A copy of the group's items in the draft."""
        items = get_path(self._view.draft.data, self.group.path)
        return (
            [dict(i) if isinstance(i, dict) else {} for i in items]
            if isinstance(items, list)
            else []
        )

    def rebuild(self) -> None:
        """Make one item view per stored item (at least ``min`` items)."""
        items = self.stored_items()
        while len(items) < self.group.min_items:
            items.append({})
        if items != self.stored_items():
            self._view.draft.set_value(self.group.path, items)
        for item in self.items:
            self.items_layout.removeWidget(item)
            item.deleteLater()
        self.items = []
        for index, stored in enumerate(items):
            item = RepeatItemView(self.group, index)
            item.removeRequested.connect(self.remove_item)
            for row in item.rows:
                row.input.set_value(get_path(stored, row.form_field.path))
                row.edited.connect(self._view.on_edited)
            self.items.append(item)
            self.items_layout.addWidget(item)
        self._update_buttons()
        self.set_language(self._view.language())

    def add_item(self) -> None:
        """A new empty item at the end."""
        items = self.stored_items()
        if len(items) >= self.group.max_items:
            return
        self._view.draft.set_value(self.group.path, [*items, {}])
        self.rebuild()
        self._view.refresh_visibility()

    def remove_item(self, index: int) -> None:
        """Remove item ``index``; the others keep their answers."""
        items = self.stored_items()
        if len(items) <= self.group.min_items or not 0 <= index < len(items):
            return
        del items[index]
        self._view.draft.set_value(self.group.path, items)
        self.rebuild()
        self._view.refresh_visibility()

    def _update_buttons(self) -> None:
        count = len(self.items)
        self.add_button.setEnabled(count < self.group.max_items)
        for item in self.items:
            item.remove_button.setEnabled(count > self.group.min_items)
        self.empty.setVisible(count == 0)

    def set_language(self, language: str) -> None:
        """Texts in ``language``."""
        label = self.group.item_label.in_language(language)
        self.add_button.setText(f"添加{label}" if language == "zh" else f"Add {label.lower()}")
        self.add_button.setAccessibleName(self.add_button.text())
        self.empty.setText(
            f"没有需要填写的{label}，如有请点“添加”。"
            if language == "zh"
            else f"No {label.lower()} added. Touch Add if there is one."
        )
        for item in self.items:
            item.set_language(language)

    def rows(self) -> list[FieldRow]:
        """Rows of every item."""
        return [row for item in self.items for row in item.rows]


class FormView(QWidget):
    """All sections of one form, bound to a draft."""

    changed = Signal()

    def __init__(
        self, draft: Draft, language: Callable[[], str], skip: frozenset[Widget] = frozenset()
    ) -> None:
        super().__init__()
        self.draft = draft
        self.language = language
        self.sections: dict[str, SectionView] = {}
        self.groups: dict[str, RepeatGroupView] = {}
        self._rows: dict[str, FieldRow] = {}
        self._errors: dict[str, Text] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(24)
        for section in draft.form.sections:
            view = SectionView(section)
            for form_field in section.fields:
                if form_field.widget in skip:
                    continue
                row = FieldRow(form_field, form_field.path)
                row.input.set_value(get_path(draft.data, form_field.path))
                if form_field.prefill is not None and get_path(draft.data, form_field.path):
                    row.mark_from_card(draft.is_locked(form_field.path))
                row.edited.connect(self.on_edited)
                view.rows_layout.addWidget(row)
                self._rows[form_field.path] = row
            if section.repeat is not None:
                group = RepeatGroupView(section.repeat, self)
                view.rows_layout.addWidget(group)
                self.groups[section.repeat.path] = group
                group.rebuild()
            if view.rows_layout.count() == 0:
                continue
            self.sections[section.id] = view
            layout.addWidget(view)
        layout.addStretch(1)
        self.set_language(language())
        self.refresh_visibility()

    # --- lookups for the screens and tests ------------------------------------------------

    def rows(self) -> dict[str, FieldRow]:
        """Every row by concrete path (repeat items as ``group.index.field``)."""
        rows = dict(self._rows)
        for group in self.groups.values():
            rows.update({row.path: row for row in group.rows()})
        return rows

    def row(self, path: str) -> FieldRow:
        """The row of ``path``."""
        return self.rows()[path]

    def input(self, path: str) -> FieldInput:
        """The input of ``path``."""
        return self.row(path).input

    def is_shown(self, path: str) -> bool:
        """True when the row of ``path`` is visible to the resident (not hidden by a rule)."""
        row = self.row(path)
        section = row.parentWidget()
        while section is not None and not isinstance(section, SectionView):
            section = section.parentWidget()
        return not row.isHidden() and (section is None or not section.isHidden())

    # --- editing ------------------------------------------------------------------------

    def on_edited(self, path: str) -> None:
        """Store the row's value in the draft, re-check visibility and that field."""
        row = self.rows().get(path)
        if row is None or self.draft.is_locked(path):
            return
        value = row.input.value()
        parts = path.split(".")
        group = self._group_of(path)
        if group is not None:
            depth = len(group.group.path.split("."))
            index = int(parts[depth])
            items = group.stored_items()
            item = copy.deepcopy(items[index])
            set_path(item, ".".join(parts[depth + 1 :]), value)
            items[index] = item
            self.draft.set_value(group.group.path, items)
        else:
            self.draft.set_value(path, value)
        if path in self._errors:
            del self._errors[path]
            row.set_error(None, self.language())
        self._live_check(row)
        self.refresh_visibility()
        self.changed.emit()

    def _group_of(self, path: str) -> RepeatGroupView | None:
        for group_path, group in self.groups.items():
            if path.startswith(group_path + "."):
                return group
        return None

    def _live_check(self, row: FieldRow) -> None:
        """ID numbers, phones and codes are checked as soon as they are complete."""
        if not isinstance(row.input, LineInput) or not row.input.is_complete():
            return
        for error in self.draft.errors():
            if error.path == row.path and error.code != "required":
                self._errors[row.path] = error.message
                row.set_error(error.message, self.language())

    def refresh_visibility(self) -> None:
        """Show the rows and sections the rules allow; hidden rows keep their input."""
        data = self.draft.data
        shown = visible_paths(self.draft.form, data)
        shown_sections = {s.id for s in visible_sections(self.draft.form, data)}
        for section_id, view in self.sections.items():
            view.setVisible(section_id in shown_sections)
        for path, row in self.rows().items():
            row.setVisible(path in shown)

    # --- errors and language ---------------------------------------------------------------

    def show_errors(self, errors: list[FieldError]) -> None:
        """Put each problem under its field (clearing the others)."""
        self._errors = {e.path: e.message for e in errors}
        language = self.language()
        rows = self.rows()
        for path, row in rows.items():
            row.set_error(self._errors.get(path), language)

    def first_error_row(self) -> FieldRow | None:
        """The first row (in screen order) with a problem."""
        for path, row in self.rows().items():
            if path in self._errors:
                return row
        return None

    def set_language(self, language: str) -> None:
        """Every text of the definition in ``language``; typed answers stay."""
        for view in self.sections.values():
            view.set_language(language)
        for group in self.groups.values():
            group.set_language(language)
        for path, row in self._rows.items():
            row.set_language(language)
            row.set_error(self._errors.get(path), language)
