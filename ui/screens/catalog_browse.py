"""Browse the catalog: by life event / theme, by department, or by level and division.

The left side holds the choices of the current way of browsing; every choice narrows the
services listed on the right (the filtering runs off the UI thread).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from config.schema import Language
from kiosk.catalog_query import SearchFilters, SearchHit
from ui.screens.base import Screen
from ui.screens.catalog_search import FilterChips, hit_detail
from ui.screens.catalog_source import CatalogSource
from ui.screens.catalog_texts import (
    ENTERPRISE_THEMES,
    LEVELS,
    PERSON_THEMES,
    level_name,
    theme_name,
)
from ui.theme import NORMAL, Metrics
from ui.widgets.catalog_results import ResultList, catalog_stylesheet

ASKER = "browse"
BROWSE_LIMIT = 60
CHOICE_COLUMNS = 3
CITY = "510700"


class BrowseBy(StrEnum):
    """The three ways of browsing."""

    THEME = "theme"
    DEPARTMENT = "department"
    AREA = "area"


def _clear(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()  # at once: deleteLater waits for the event loop
            widget.deleteLater()


class CatalogBrowseScreen(Screen):
    """Tabs for the way of browsing, choice buttons, and the services they leave."""

    serviceChosen = Signal(str)

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
        self.chips.changed.connect(self._chips_changed)
        self.mode = BrowseBy.THEME
        self.filters = SearchFilters()
        self.total = 0
        self.hits: list[SearchHit] = []
        self._choice_buttons: dict[str, QPushButton] = {}
        self._choice_fields: dict[str, str] = {}
        self._shape: object = None
        self._asked = self.filters
        self.shown_filters: SearchFilters | None = None  # what the list on show answers

        self._heading = QLabel(objectName="heading")
        self.mode_buttons = {mode: QPushButton(objectName="choice") for mode in BrowseBy}
        modes = QButtonGroup(self)
        tabs = QHBoxLayout()
        tabs.setSpacing(16)
        for mode, button in self.mode_buttons.items():
            button.setCheckable(True)
            modes.addButton(button)
            button.clicked.connect(lambda _=False, m=mode: self.set_mode(m))
            tabs.addWidget(button)
        tabs.addStretch(1)
        self.clear_button = QPushButton(objectName="secondary")
        self.clear_button.clicked.connect(self.clear_filters)
        tabs.addWidget(self.clear_button)

        self._choices_body = QWidget(objectName="resultsBody")
        self._choices = QVBoxLayout(self._choices_body)
        self._choices.setContentsMargins(0, 0, 8, 0)
        self._choices.setSpacing(12)
        choices_scroll = QScrollArea()
        choices_scroll.setWidgetResizable(True)
        choices_scroll.setFrameShape(QFrame.Shape.NoFrame)
        choices_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        choices_scroll.setWidget(self._choices_body)

        self.count_label = QLabel(objectName="section")
        self.results = ResultList()
        self.results.chosen.connect(self.serviceChosen)
        right = QVBoxLayout()
        right.setSpacing(12)
        right.addWidget(self.count_label)
        right.addWidget(self.results, 1)

        body = QHBoxLayout()
        body.setSpacing(32)
        body.addWidget(choices_scroll, 5)
        body.addLayout(right, 6)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 24, 64, 16)
        layout.setSpacing(16)
        layout.addWidget(self._heading)
        layout.addLayout(tabs)
        layout.addWidget(self.chips)
        layout.addLayout(body, 1)
        source.ready.connect(self._on_ready)
        self.apply_metrics(NORMAL)
        self.retranslate()

    # --- Screen -------------------------------------------------------------------------------

    def prompt(self) -> str:
        """Spoken when the screen appears."""
        return self.tr("Choose a life event, a department, or an area to see its services.")

    def retranslate(self) -> None:
        """Texts in the current language (the choices are rebuilt in it)."""
        self._heading.setText(self.tr("Browse services"))
        self.mode_buttons[BrowseBy.THEME].setText(self.tr("Life events and themes"))
        self.mode_buttons[BrowseBy.DEPARTMENT].setText(self.tr("Departments"))
        self.mode_buttons[BrowseBy.AREA].setText(self.tr("Level and area"))
        self.clear_button.setText(self.tr("Show all"))
        self.chips.retranslate()
        for button in (*self.mode_buttons.values(), self.clear_button):
            button.setAccessibleName(button.text())
        self._build_choices()
        self._show_hits()

    def apply_metrics(self, metrics: Metrics) -> None:
        """Sizes of the choices and rows for normal or large text."""
        self.setStyleSheet(catalog_stylesheet(metrics))

    def entered(self) -> None:
        """Load the catalog if needed and list what the current choices leave."""
        self._source.load()
        super().entered()
        self._refresh()

    def reset(self) -> None:
        """Back to themes with no choice made."""
        super().reset()
        self._source.forget(ASKER)
        self.mode = BrowseBy.THEME
        self.filters = SearchFilters()
        self.chips.clear()
        self.hits, self.total = [], 0
        self.shown_filters = None
        self._build_choices()
        self._show_hits()

    # --- choosing -----------------------------------------------------------------------------

    def set_mode(self, mode: BrowseBy) -> None:
        """Switch the way of browsing; choices made in the others stay in force."""
        self.mode = mode
        self._build_choices()

    def choose_theme(self, theme: str | None) -> None:
        """Only services of ``theme`` (None: any)."""
        self._set(theme=None if theme == self.filters.theme else theme)

    def choose_department(self, department: str | None) -> None:
        """Only services of ``department`` (None: any)."""
        same = department == self.filters.department
        self._set(department=None if same else department)

    def choose_level(self, level: str | None) -> None:
        """Only services of ``level``; the city level has no county or town to choose."""
        if level == self.filters.level:
            level = None
        if level == "municipal":
            self._set(level=level, county_code=None, division_code=None)
        else:
            self._set(level=level, division_code=None)

    def choose_county(self, county_code: str | None) -> None:
        """Only services of one county and its towns."""
        if county_code == self.filters.county_code:
            county_code = None
        level = None if self.filters.level == "municipal" else self.filters.level
        self._set(county_code=county_code, division_code=None, level=level)

    def choose_town(self, town_code: str | None) -> None:
        """Only services of one town or street."""
        if town_code == self.filters.division_code:
            town_code = None
        self._set(division_code=town_code, level="town" if town_code else self.filters.level)

    def clear_filters(self) -> None:
        """Every service again."""
        self.filters = SearchFilters()
        self.chips.clear()
        self._build_choices()
        self._refresh()

    def _chips_changed(self) -> None:
        self.filters = self.chips.apply(self.filters)
        self._refresh()

    def _set(self, **changes: str | None) -> None:
        self.filters = dataclasses.replace(self.filters, **changes)  # type: ignore[arg-type]
        self._build_choices()
        self._refresh()

    # --- showing ------------------------------------------------------------------------------

    def choice_button(self, key: str) -> QPushButton:
        """The choice button for a theme, department, level or division code (tests, voice)."""
        return self._choice_buttons[key]

    def _build_choices(self) -> None:
        for button in self.mode_buttons.values():
            button.setChecked(False)
        self.mode_buttons[self.mode].setChecked(True)
        f = self.filters
        shape = (self.mode, f.level, f.county_code, self._language(), self._source.reader())
        if shape == self._shape and self._mode_is_filter_independent():
            self._sync_checks()
            return
        self._shape = shape
        _clear(self._choices)
        self._choice_buttons = {}
        self._choice_fields = {}
        reader = self._source.reader()
        if reader is None:
            return
        if self.mode is BrowseBy.THEME:
            self._add_group(self.tr("For residents"), PERSON_THEMES, theme_name, "theme")
            self._add_group(self.tr("For enterprises"), ENTERPRISE_THEMES, theme_name, "theme")
        elif self.mode is BrowseBy.DEPARTMENT:
            departments = reader.departments(self.filters.county_code)
            language = self._language()
            self._add_group(
                self.tr("Departments"),
                departments,
                lambda d: reader.department_name(d, language),
                "department",
                columns=1,
            )
        else:
            self._add_group(self.tr("Level"), LEVELS, level_name, "level")
            if self.filters.level != "municipal":
                counties = reader.counties()
                names = {c.code: c.name_in(self._language()) for c in counties}
                self._add_group(
                    self.tr("County or district"), list(names), names.__getitem__, "county"
                )
            if self.filters.county_code and self.filters.level in (None, "town"):
                towns = reader.towns(self.filters.county_code)
                names = {t.code: t.name_in(self._language()) for t in towns}
                self._add_group(
                    self.tr("Town or street"), list(names), names.__getitem__, "division"
                )
        self._choices.addStretch(1)

    def _add_group(
        self,
        title: str,
        keys: Sequence[str],
        label: Callable[[str], str],
        field: str,
        columns: int = CHOICE_COLUMNS,
    ) -> None:
        self._choices.addWidget(QLabel(title, objectName="section"))
        grid = QGridLayout()
        grid.setSpacing(12)
        chosen = {
            "theme": self.filters.theme,
            "department": self.filters.department,
            "level": self.filters.level,
            "county": self.filters.county_code,
            "division": self.filters.division_code,
        }[field]
        act = {
            "theme": self.choose_theme,
            "department": self.choose_department,
            "level": self.choose_level,
            "county": self.choose_county,
            "division": self.choose_town,
        }[field]
        for i, key in enumerate(keys):
            button = QPushButton(label(key), objectName="choice")
            button.setCheckable(True)
            button.setAccessibleName(button.text())
            button.setChecked(key == chosen)
            button.clicked.connect(lambda _=False, k=key: act(k))
            grid.addWidget(button, i // columns, i % columns)
            self._choice_buttons[key] = button
            self._choice_fields[key] = field
        holder = QWidget()
        holder.setLayout(grid)
        grid.setContentsMargins(0, 0, 0, 0)
        self._choices.addWidget(holder)

    def _mode_is_filter_independent(self) -> bool:
        # Themes and departments do not change with the theme or department chosen.
        return self.mode is not BrowseBy.AREA

    def _sync_checks(self) -> None:
        chosen = {
            "theme": self.filters.theme,
            "department": self.filters.department,
            "level": self.filters.level,
            "county": self.filters.county_code,
            "division": self.filters.division_code,
        }
        for key, button in self._choice_buttons.items():
            button.setChecked(chosen[self._choice_fields[key]] == key)

    def _on_ready(self) -> None:
        self._build_choices()
        if self.isVisible():
            self._refresh()

    def _refresh(self) -> None:
        filters = self.filters
        self._asked = filters
        home = self._home_division()
        self._source.ask(
            ASKER,
            lambda reader: reader.browse(filters, limit=BROWSE_LIMIT, home_division=home),
            self._on_browsed,
        )

    def _on_browsed(self, result: tuple[int, list[SearchHit]]) -> None:
        self.total, self.hits = result
        self.shown_filters = self._asked
        self._show_hits()

    def _show_hits(self) -> None:
        reader = self._source.reader()
        language = self._language()
        self.results.set_hits(
            [hit.in_language(language) for hit in self.hits],
            lambda hit: hit_detail(reader, hit, language),
        )
        if reader is None:
            self.count_label.setText(self.tr("Loading the list of services…"))
        elif self.total > len(self.hits):
            self.count_label.setText(
                self.tr("%1 services, the %2 most used first")
                .replace("%1", str(self.total))
                .replace("%2", str(len(self.hits)))
            )
        else:
            self.count_label.setText(self.tr("%1 services").replace("%1", str(self.total)))
