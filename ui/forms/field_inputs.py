"""One input widget per kind of question: text, numbers, dates, chips, address, checked numbers.

Every input reports ``changed`` when the resident edits it, gives its ``value()`` in the shape
the data schema wants, and can show a value without reporting it back (``set_value``). Texts
that come from the form definition are set by ``set_language``; the resident's input stays.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QLocale, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QCalendarWidget,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.forms import FormField, Option, Prefill, Text, Widget
from kiosk.identity import mask_credit_code, mask_name, mask_resident_id
from kiosk.mianyang_divisions import counties

_MAX_LENGTH = {
    Widget.ID_NUMBER: 18,
    Widget.PHONE: 13,
    Widget.CREDIT_CODE: 18,
    Widget.BANK_ACCOUNT: 30,
}
# When the resident has typed this many characters, the number is checked at once.
FULL_LENGTH = {Widget.ID_NUMBER: 18, Widget.PHONE: 11, Widget.CREDIT_CODE: 18}
_PATTERNS = {
    Widget.ID_NUMBER: r"[0-9]{0,17}[0-9Xx]?",
    Widget.PHONE: r"[0-9-]{0,13}",
    Widget.CREDIT_CODE: r"[0-9A-Za-z]{0,18}",
    Widget.BANK_ACCOUNT: r"[0-9]{0,30}",
    Widget.NUMBER: r"-?[0-9]{0,12}(\.[0-9]{0,4})?",
}


class FieldInput(QWidget):
    """Base of the inputs: value in, value out, locked or not."""

    changed = Signal()

    def __init__(self, form_field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form_field = form_field
        self._language = "zh"

    def value(self) -> Any:
        """The answer as the data schema wants it (None when nothing is entered)."""
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        """Show ``value`` without emitting ``changed``."""
        raise NotImplementedError

    def set_locked(self, locked: bool) -> None:
        """Read-only (the card's value where the law requires it)."""
        self.setEnabled(not locked)

    def set_language(self, language: str) -> None:
        """Texts of the definition (options, placeholders) in ``language``."""
        self._language = language

    def focus_target(self) -> QWidget:
        """The widget that takes the cursor when the row is chosen."""
        return self


_CARD_MASKS = {
    Prefill.NAME: mask_name,
    Prefill.ID_NUMBER: mask_resident_id,
    # Public, but shown like every identifier the terminal was given (kiosk.identity).
    Prefill.CREDIT_CODE: mask_credit_code,
}


class LineInput(FieldInput):
    """A big one-line field; digits-only kinds refuse other characters as they are typed."""

    def __init__(self, form_field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(form_field, parent)
        self.edit = QLineEdit()
        self.edit.setAccessibleName(form_field.label.zh)
        kind = form_field.widget
        if kind in _MAX_LENGTH:
            self.edit.setMaxLength(_MAX_LENGTH[kind])
        if kind in _PATTERNS:
            self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(_PATTERNS[kind])))
        if kind in (Widget.PHONE, Widget.BANK_ACCOUNT, Widget.NUMBER):
            self.edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        if kind in (Widget.ID_NUMBER, Widget.CREDIT_CODE):
            self.edit.setInputMethodHints(Qt.InputMethodHint.ImhPreferUppercase)
        self.edit.textEdited.connect(lambda _text: self.changed.emit())
        # A card value that cannot change is shown masked, as on every screen; this keeps it.
        self._card_value: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)

    def value(self) -> Any:
        """Text (upper-case for ID numbers and codes), or a number for number fields."""
        if self._card_value is not None:
            return self._card_value
        text = self.edit.text().strip()
        if not text:
            return None
        if self.form_field.widget in (Widget.ID_NUMBER, Widget.CREDIT_CODE):
            return text.upper()
        if self.form_field.widget is Widget.NUMBER:
            try:
                return int(text)
            except ValueError:
                try:
                    return float(text)
                except ValueError:
                    return text
        return text

    def set_value(self, value: Any) -> None:
        """Show the value as text."""
        self._card_value = None
        self.edit.setText("" if value is None else str(value))

    def set_locked(self, locked: bool) -> None:
        """Locked fields stay readable (not greyed out), but cannot change; a locked name or ID
        number from the card shows only its masked form (surname; first and last 4 digits)."""
        self.edit.setReadOnly(locked)
        self.edit.setFocusPolicy(Qt.FocusPolicy.NoFocus if locked else Qt.FocusPolicy.StrongFocus)
        mask = _CARD_MASKS.get(self.form_field.prefill) if locked else None
        text = self.edit.text().strip()
        if mask is not None and text and self._card_value is None:
            self._card_value = self.value()
            self.edit.setText(mask(text))

    def is_complete(self) -> bool:
        """True when a checked number has all its characters (time to check it)."""
        full = FULL_LENGTH.get(self.form_field.widget)
        return full is not None and len(self.edit.text().strip()) >= full

    def focus_target(self) -> QWidget:
        """The line edit."""
        return self.edit


class TextAreaInput(FieldInput):
    """A few lines of free text."""

    def __init__(self, form_field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(form_field, parent)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(150)
        self.edit.setAccessibleName(form_field.label.zh)
        self.edit.textChanged.connect(self._on_text)
        self._quiet = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)

    def _on_text(self) -> None:
        if not self._quiet:
            self.changed.emit()

    def value(self) -> Any:
        """The text, or None."""
        return self.edit.toPlainText().strip() or None

    def set_value(self, value: Any) -> None:
        """Show the text."""
        self._quiet = True
        self.edit.setPlainText("" if value is None else str(value))
        self._quiet = False

    def focus_target(self) -> QWidget:
        """The text box."""
        return self.edit


class ChoiceInput(FieldInput):
    """Choice chips: one touch chooses; switches are two chips, Yes and No."""

    def __init__(
        self, form_field: FormField, options: tuple[Option, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(form_field, parent)
        self.options = options
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.chips: list[QPushButton] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        columns = 4 if len(options) > 4 else max(len(options), 2)
        for index in range(len(options)):
            chip = QPushButton(checkable=True, objectName="chip")
            chip.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.group.addButton(chip, index)
            self.chips.append(chip)
            grid.addWidget(chip, index // columns, index % columns)
        for column in range(columns):
            grid.setColumnStretch(column, 1)
        self.group.idClicked.connect(lambda _id: self.changed.emit())
        self.set_language("zh")

    def set_language(self, language: str) -> None:
        """Chip texts in ``language``."""
        super().set_language(language)
        for chip, option in zip(self.chips, self.options, strict=True):
            chip.setText(option.label.in_language(language))
            chip.setAccessibleName(option.label.in_language(language))

    def value(self) -> Any:
        """The chosen option's value, or None."""
        index = self.group.checkedId()
        return self.options[index].value if index >= 0 else None

    def set_value(self, value: Any) -> None:
        """Check the chip of ``value`` (none for an unknown value)."""
        self.group.setExclusive(False)
        for chip, option in zip(self.chips, self.options, strict=True):
            same = type(option.value) is type(value) and option.value == value
            chip.setChecked(same)
        self.group.setExclusive(True)

    def choose(self, value: Any) -> None:
        """Touch the chip of ``value`` (as the resident would)."""
        for chip, option in zip(self.chips, self.options, strict=True):
            if type(option.value) is type(value) and option.value == value:
                chip.click()
                return
        raise KeyError(value)

    def set_locked(self, locked: bool) -> None:
        """Locked chips show the choice but cannot change it."""
        for chip in self.chips:
            chip.setEnabled(not locked or chip.isChecked())
            chip.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, locked)


YES_NO = (Option(True, Text("是", "Yes")), Option(False, Text("否", "No")))


class DateInput(FieldInput):
    """A button with the chosen date; touching it opens a big calendar under it."""

    def __init__(self, form_field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(form_field, parent)
        self._date: QDate | None = None
        self.button = QPushButton(objectName="secondary")
        self.button.clicked.connect(self.toggle_calendar)
        # Made on first use: a calendar is heavy, and most forms have several dates.
        self.calendar: QCalendarWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)
        self._layout = layout
        self._show()

    def _make_calendar(self) -> QCalendarWidget:
        calendar = QCalendarWidget()
        calendar.setGridVisible(True)
        calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        calendar.setMinimumDate(QDate(1900, 1, 1))
        calendar.setMaximumDate(QDate(2100, 12, 31))
        calendar.setMinimumHeight(420)
        calendar.setLocale(self._locale())
        calendar.clicked.connect(self._chosen)
        self._layout.addWidget(calendar)
        return calendar

    def toggle_calendar(self) -> None:
        """Open or close the calendar."""
        if self.calendar is None:
            self.calendar = self._make_calendar()
            self.calendar.hide()
        self.calendar.setVisible(not self.calendar.isVisible())
        if self._date is not None:
            self.calendar.setSelectedDate(self._date)

    def _chosen(self, date: QDate) -> None:
        self._date = date
        if self.calendar is not None:
            self.calendar.hide()
        self._show()
        self.changed.emit()

    def choose(self, iso: str) -> None:
        """Pick a date (as the resident would)."""
        self._chosen(QDate.fromString(iso, Qt.DateFormat.ISODate))

    def _locale(self) -> QLocale:
        if self._language == "zh":
            return QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)

    def set_language(self, language: str) -> None:
        """Month and day names in ``language``."""
        super().set_language(language)
        if self.calendar is not None:
            self.calendar.setLocale(self._locale())
        self._show()

    def _show(self) -> None:
        if self._date is None:
            self.button.setText("请选择日期" if self._language == "zh" else "Choose a date")
        else:
            self.button.setText(self._date.toString("yyyy-MM-dd"))
        self.button.setAccessibleName(self.form_field.label.in_language(self._language))

    def value(self) -> Any:
        """The date as YYYY-MM-DD, or None."""
        return self._date.toString(Qt.DateFormat.ISODate) if self._date is not None else None

    def set_value(self, value: Any) -> None:
        """Show an ISO date."""
        date = QDate.fromString(str(value), Qt.DateFormat.ISODate) if value else QDate()
        self._date = date if date.isValid() else None
        self._show()

    def set_locked(self, locked: bool) -> None:
        """A locked date cannot be opened."""
        self.button.setEnabled(not locked)


class AddressInput(FieldInput):
    """Mianyang address: county (县市区) → town or street (乡镇街道) → the rest typed."""

    def __init__(self, form_field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(form_field, parent)
        self.county = QComboBox()
        self.town = QComboBox()
        self.detail = QLineEdit()
        self.detail.setMaxLength(120)
        self._quiet = False
        self.county.currentIndexChanged.connect(self._county_changed)
        self.town.currentIndexChanged.connect(self._emit)
        self.detail.textEdited.connect(lambda _t: self._emit())
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.county, 1)
        row.addWidget(self.town, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(row)
        layout.addWidget(self.detail)
        self._fill_counties()

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit()

    def _fill_counties(self) -> None:
        self._quiet = True
        chosen = self.county.currentData()
        self.county.clear()
        self.county.addItem(
            "请选择县（市、区）" if self._language == "zh" else "County or district", None
        )
        for county in counties():
            self.county.addItem(county.name, county.code)
        index = self.county.findData(chosen) if chosen else 0
        self.county.setCurrentIndex(max(index, 0))
        self._quiet = False
        self._fill_towns(self.town.currentData())

    def _fill_towns(self, chosen: Any) -> None:
        self._quiet = True
        self.town.clear()
        self.town.addItem(
            "请选择乡镇（街道）" if self._language == "zh" else "Town or street", None
        )
        code = self.county.currentData()
        for county in counties():
            if county.code == code:
                for town in county.towns:
                    self.town.addItem(town.name, town.code)
        index = self.town.findData(chosen) if chosen else 0
        self.town.setCurrentIndex(max(index, 0))
        self.town.setEnabled(code is not None and self.isEnabled())
        self._quiet = False

    def _county_changed(self) -> None:
        if self._quiet:
            return
        self._fill_towns(None)
        self.changed.emit()

    def set_language(self, language: str) -> None:
        """Placeholders in ``language`` (division names are Chinese proper names)."""
        super().set_language(language)
        town = self.town.currentData()
        self._fill_counties()
        self._fill_towns(town)
        self.detail.setPlaceholderText(
            "村（社区）、街道门牌号"
            if language == "zh"
            else "Village or community, street and number"
        )
        self.county.setAccessibleName("县（市、区）" if language == "zh" else "County or district")
        self.town.setAccessibleName("乡镇（街道）" if language == "zh" else "Town or street")

    def value(self) -> Any:
        """{"county", "town", "detail"} with what is chosen so far, or None for nothing."""
        parts = {
            "county": self.county.currentData(),
            "town": self.town.currentData(),
            "detail": self.detail.text().strip() or None,
        }
        kept = {k: v for k, v in parts.items() if v}
        return kept or None

    def set_value(self, value: Any) -> None:
        """Show a stored address."""
        value = value if isinstance(value, dict) else {}
        self._quiet = True
        self.county.setCurrentIndex(max(self.county.findData(value.get("county")), 0))
        self._quiet = False
        self._fill_towns(value.get("town"))
        self.detail.setText(str(value.get("detail") or ""))

    def choose(self, county_code: str, town_code: str, detail: str) -> None:
        """Pick county and town and type the rest (as the resident would)."""
        self.county.setCurrentIndex(self.county.findData(county_code))
        self.town.setCurrentIndex(self.town.findData(town_code))
        self.detail.setText(detail)
        self.changed.emit()

    def focus_target(self) -> QWidget:
        """The county box."""
        return self.county


def make_input(form_field: FormField) -> FieldInput:
    """The input for ``form_field``'s widget kind."""
    kind = form_field.widget
    if kind is Widget.TEXTAREA:
        return TextAreaInput(form_field)
    if kind is Widget.CHOICE:
        return ChoiceInput(form_field, form_field.options)
    if kind is Widget.SWITCH:
        return ChoiceInput(form_field, YES_NO)
    if kind is Widget.DATE:
        return DateInput(form_field)
    if kind is Widget.ADDRESS:
        return AddressInput(form_field)
    return LineInput(form_field)
