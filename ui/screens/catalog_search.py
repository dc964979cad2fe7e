"""Find a service (办事指南): one big search field, results as the resident types.

The search field takes the Qt Virtual Keyboard's pinyin input, and also plain pinyin and
initials (sfz). Each keystroke restarts a short timer; when it fires, the search runs off the
UI thread and only the answer to the latest text is shown.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from config.schema import Language
from kiosk.catalog_query import SearchFilters, SearchHit
from kiosk.catalog_reader import CatalogReader
from ui.screens.base import Screen
from ui.screens.catalog_source import CatalogSource
from ui.screens.catalog_texts import level_name
from ui.theme import NORMAL, Metrics
from ui.widgets.catalog_results import ResultList, catalog_stylesheet

DEBOUNCE_MS = 100
RESULT_LIMIT = 30
ASKER = "search"


def hit_detail(reader: CatalogReader | None, hit: SearchHit, language: Language) -> str:
    """The second line of a result: division · department · level (in ``language``)."""
    shown = hit.in_language(language)
    department = reader.department_name(hit.department, language) if reader else shown.department
    return " · ".join((shown.division_name, department, level_name(hit.level)))


class FilterChips(QWidget):
    """Chips that narrow a search or browse: residents / enterprises, "can be done here"."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person = QPushButton(objectName="choice", checkable=True)
        self.enterprise = QPushButton(objectName="choice", checkable=True)
        self.here = QPushButton(objectName="choice", checkable=True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        for button in (self.person, self.enterprise, self.here):
            row.addWidget(button)
        row.addStretch(1)
        self.person.clicked.connect(lambda on: self._pick(self.person, self.enterprise, on))
        self.enterprise.clicked.connect(lambda on: self._pick(self.enterprise, self.person, on))
        self.here.clicked.connect(lambda _on: self.changed.emit())

    def _pick(self, chosen: QPushButton, other: QPushButton, on: bool) -> None:
        if on:
            other.setChecked(False)
        self.changed.emit()

    def retranslate(self) -> None:
        """Chip texts in the current language."""
        self.person.setText(self.tr("For residents"))
        self.enterprise.setText(self.tr("For enterprises"))
        self.here.setText(self.tr("Can be done here"))
        for button in (self.person, self.enterprise, self.here):
            button.setAccessibleName(button.text())

    def apply(self, filters: SearchFilters) -> SearchFilters:
        """``filters`` with the chips' choices."""
        service_object = (
            "person"
            if self.person.isChecked()
            else "enterprise"
            if self.enterprise.isChecked()
            else None
        )
        return dataclasses.replace(
            filters, service_object=service_object, here_only=self.here.isChecked()
        )

    def clear(self) -> None:
        """No chip chosen."""
        for button in (self.person, self.enterprise, self.here):
            button.setChecked(False)


class CatalogSearchScreen(Screen):
    """The search field, the results, and a way out when nothing matches."""

    serviceChosen = Signal(str)  # service code
    browseRequested = Signal()
    callStaffRequested = Signal()

    def __init__(
        self,
        source: CatalogSource,
        language: Callable[[], Language],
        parent: QWidget | None = None,
        home_division: Callable[[], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._language = language
        self._home_division = home_division or (lambda: None)
        self.chips = FilterChips()
        self.chips.changed.connect(self._search_now)
        self._heading = QLabel(objectName="heading")
        self.search_edit = QLineEdit(objectName="catalogSearch")
        self.search_edit.setMaxLength(40)
        self.browse_button = QPushButton(objectName="secondary")
        self.browse_button.clicked.connect(self.browseRequested)
        self.status = QLabel(objectName="message", wordWrap=True)
        self.no_result_browse = QPushButton()
        self.no_result_browse.clicked.connect(self.browseRequested)
        self.no_result_staff = QPushButton(objectName="danger")
        self.no_result_staff.clicked.connect(self.callStaffRequested)
        self.results = ResultList()
        self.results.chosen.connect(self.serviceChosen)
        self.hits: list[SearchHit] = []

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._search_now)
        self.search_edit.textChanged.connect(lambda _text: self._timer.start())
        source.ready.connect(self._on_ready)
        source.failed.connect(lambda _error: self._show_status())

        top = QHBoxLayout()
        top.setSpacing(24)
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.browse_button)
        self._no_result_row = QWidget()
        no_result = QHBoxLayout(self._no_result_row)
        no_result.setContentsMargins(0, 0, 0, 0)
        no_result.setSpacing(24)
        no_result.addWidget(self.no_result_browse)
        no_result.addWidget(self.no_result_staff)
        no_result.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(96, 32, 96, 16)
        layout.setSpacing(20)
        layout.addWidget(self._heading)
        layout.addLayout(top)
        layout.addWidget(self.chips)
        layout.addWidget(self.status)
        layout.addWidget(self._no_result_row)
        layout.addWidget(self.results, 1)
        self.apply_metrics(NORMAL)
        self.retranslate()

    # --- Screen -------------------------------------------------------------------------------

    def prompt(self) -> str:
        """Spoken when the screen appears."""
        return self.tr("Type the name of a service, in Chinese characters or pinyin.")

    def retranslate(self) -> None:
        """Texts in the current language."""
        self._heading.setText(self.tr("Find a service"))
        self.search_edit.setPlaceholderText(self.tr("For example 身份证, shenfenzheng or sfz"))
        self.search_edit.setAccessibleName(self.tr("Search for a service"))
        self.browse_button.setText(self.tr("Browse by category"))
        self.no_result_browse.setText(self.tr("Browse by category"))
        self.no_result_staff.setText(self.tr("Call staff"))
        self.chips.retranslate()
        for button in (self.browse_button, self.no_result_browse, self.no_result_staff):
            button.setAccessibleName(button.text())
        self._show_hits()

    def apply_metrics(self, metrics: Metrics) -> None:
        """Sizes of the result rows for normal or large text."""
        self.setStyleSheet(catalog_stylesheet(metrics))

    def entered(self) -> None:
        """Start loading the catalog if needed; the cursor goes to the field (keyboard up)."""
        self._source.load()
        self._show_status()
        self.search_edit.setFocus()

    def reset(self) -> None:
        """Clear the text and the results."""
        self._timer.stop()
        self._source.forget(ASKER)
        super().reset()
        self._timer.stop()  # clear() above restarted it
        self.chips.clear()
        self.hits = []
        self._show_hits()

    # --- searching ----------------------------------------------------------------------------

    def query(self) -> str:
        """The text being searched."""
        return self.search_edit.text().strip()

    def _on_ready(self) -> None:
        if self.query():
            self._search_now()
        else:
            self._show_status()

    def _search_now(self) -> None:
        text = self.query()
        if not text:
            self._source.forget(ASKER)
            self.hits = []
            self._show_hits()
            return
        filters = self.chips.apply(SearchFilters())
        language = str(self._language())
        home = self._home_division()
        self._source.ask(
            ASKER,
            lambda reader: reader.search(
                text,
                limit=RESULT_LIMIT,
                filters=filters,
                home_division=home,
                language=language,
            ),
            self._on_hits,
        )

    def _on_hits(self, hits: list[SearchHit]) -> None:
        self.hits = hits
        self._show_hits()

    def _show_hits(self) -> None:
        reader = self._source.reader()
        language = self._language()
        self.results.set_hits(
            [hit.in_language(language) for hit in self.hits],
            lambda hit: hit_detail(reader, hit, language),
        )
        self._show_status()

    def _show_status(self) -> None:
        reader = self._source.reader()
        no_result = reader is not None and bool(self.query()) and not self.hits
        if reader is None and self._source.is_loading():
            text = self.tr("Loading the list of services…")
        elif reader is None:
            text = self.tr(
                "The list of services cannot be shown right now. Please ask at the counter."
            )
        elif no_result:
            text = self.tr(
                "No service matches “%1”. Try fewer characters, browse by category, or call "
                "a staff member."
            ).replace("%1", self.query())
        else:
            text = ""
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self._no_result_row.setVisible(no_result)
        self.results.setVisible(bool(self.hits))
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
