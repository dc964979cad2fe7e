"""The service guide (办事指南) of one service: what it takes, what it costs, how long, where.

Left, the guide in sections; right, a QR code opening the same guide on a phone and either
"Apply here" (the terminal takes this application) or where to go instead.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from config.schema import Language
from kiosk.catalog_reader import CatalogReader
from kiosk.service_guide import MaterialForm, ServiceGuide, guide_url
from ui.screens.base import Screen
from ui.screens.catalog_source import CatalogSource
from ui.screens.catalog_texts import level_name, online_depth_name
from ui.theme import NORMAL, Metrics
from ui.widgets.catalog_qr import QrLabel
from ui.widgets.catalog_results import catalog_stylesheet

log = logging.getLogger(__name__)

ASKER = "guide"
SECTIONS = ("conditions", "materials", "fee", "time", "online", "where", "basis")


def escape(text: str) -> str:
    """Text for a rich-text label (quotes stay readable to screen readers and tests)."""
    return html.escape(text, quote=False)


def _lines(items: list[str]) -> str:
    return "<br>".join(items) if items else "—"


class ServiceGuideScreen(Screen):
    """Shows one service's guide; ``applyRequested`` starts the application at the terminal."""

    applyRequested = Signal(str)  # service code

    def __init__(
        self,
        source: CatalogSource,
        language: Callable[[], Language],
        platform_url: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._language = language
        self._platform_url = platform_url
        self.guide: ServiceGuide | None = None
        self.applicable = False

        self.title = QLabel(objectName="heading", wordWrap=True)
        self.subtitle = QLabel(objectName="subtitle", wordWrap=True)
        self.section_titles: dict[str, QLabel] = {}
        self.section_bodies: dict[str, QLabel] = {}
        body = QWidget(objectName="resultsBody")
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 12, 0)
        column.setSpacing(8)
        for key in SECTIONS:
            title = QLabel(objectName="section")
            text = QLabel(objectName="sectionBody", wordWrap=True)
            text.setTextFormat(Qt.TextFormat.RichText)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            self.section_titles[key], self.section_bodies[key] = title, text
            column.addWidget(title)
            column.addWidget(text)
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(body)

        self.qr = QrLabel()
        self.qr_hint = QLabel(
            objectName="hint", wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter
        )
        self.apply_button = QPushButton()
        self.apply_button.clicked.connect(self._apply)
        self.where_to_go = QLabel(objectName="message", wordWrap=True)
        side = QVBoxLayout()
        side.setSpacing(16)
        side.addWidget(self.qr)
        side.addWidget(self.qr_hint)
        side.addSpacing(16)
        side.addWidget(self.apply_button)
        side.addWidget(self.where_to_go)
        side.addStretch(1)
        side_box = QWidget()
        side_box.setLayout(side)
        side_box.setFixedWidth(440)

        columns = QHBoxLayout()
        columns.setSpacing(40)
        columns.addWidget(self.scroll, 1)
        columns.addWidget(side_box)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 24, 64, 16)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(columns, 1)
        self.apply_metrics(NORMAL)
        self.retranslate()

    # --- Screen -------------------------------------------------------------------------------

    def prompt(self) -> str:
        """Spoken when the screen appears: the service's name, then what to do."""
        name = self.guide.name_in(self._language()) if self.guide else ""
        if self.applicable:
            return name + " " + self.tr("You can apply for this service here. Touch Apply here.")
        return name + " " + self.tr("Please read what you need and where to go.")

    def retranslate(self) -> None:
        """Texts (and the guide's bilingual parts) in the current language."""
        titles = {
            "conditions": self.tr("Who can apply"),
            "materials": self.tr("Materials to bring"),
            "fee": self.tr("Fee"),
            "time": self.tr("Time limits"),
            "online": self.tr("Online service"),
            "where": self.tr("Where and when to go"),
            "basis": self.tr("Legal basis"),
        }
        for key, label in self.section_titles.items():
            label.setText(titles[key])
        self.qr_hint.setText(self.tr("Scan with your phone to read this guide there"))
        self.apply_button.setText(self.tr("Apply here"))
        self.apply_button.setAccessibleName(self.tr("Apply for this service here"))
        self._fill()

    def apply_metrics(self, metrics: Metrics) -> None:
        """Section sizes for normal or large text."""
        self.setStyleSheet(catalog_stylesheet(metrics))

    def reset(self) -> None:
        """Forget the service shown."""
        super().reset()
        self._source.forget(ASKER)
        self.guide = None
        self.applicable = False
        self._fill()

    # --- showing a service --------------------------------------------------------------------

    def show_service(self, code: str, on_shown: Callable[[], None] | None = None) -> None:
        """Read the guide of ``code`` off the UI thread, then show it (and call ``on_shown``)."""

        def read(reader: CatalogReader) -> tuple[ServiceGuide | None, bool]:
            guide = reader.guide(code)
            return guide, guide is not None and reader.can_apply_here(guide)

        def shown(result: tuple[ServiceGuide | None, bool]) -> None:
            self.guide, self.applicable = result
            if self.guide is None:
                log.warning("guide requested for an unknown service code")
            self._fill()
            if on_shown is not None:
                on_shown()

        self._source.ask(ASKER, read, shown)

    def url(self) -> str:
        """The phone address of the guide shown ('' when none is)."""
        return guide_url(self._platform_url, self.guide.code) if self.guide else ""

    def _apply(self) -> None:
        if self.guide is not None and self.applicable:
            self.applyRequested.emit(self.guide.code)

    def _fill(self) -> None:
        guide = self.guide
        self.apply_button.setVisible(guide is not None and self.applicable)
        self.where_to_go.setVisible(guide is not None and not self.applicable)
        self.qr.set_data(self.url())
        self.qr_hint.setVisible(guide is not None)
        if guide is None:
            self.title.setText("")
            self.subtitle.setText("")
            for text in self.section_bodies.values():
                text.setText("")
            return
        lang = self._language()
        self.title.setText(guide.name_in(lang))
        self.subtitle.setText(
            " · ".join(
                (
                    guide.department.in_language(lang),
                    guide.division_in(lang),
                    level_name(guide.level),
                )
            )
        )
        b = self.section_bodies
        b["conditions"].setText(_lines([escape(c.in_language(lang)) for c in guide.conditions]))
        b["materials"].setText(self._materials(guide, lang))
        b["fee"].setText(
            escape(guide.fee.in_language(lang)) if guide.fee_charged else self.tr("Free of charge")
        )
        b["time"].setText(
            _lines(
                [
                    self.tr("Statutory time limit: %1").replace(
                        "%1", self._days(guide.statutory_limit_days)
                    ),
                    self.tr("Promised time limit: %1").replace(
                        "%1", self._days(guide.promised_limit_days)
                    ),
                ]
            )
        )
        b["online"].setText(escape(online_depth_name(guide.online_depth.value)))
        counters = [
            f"<b>{escape(c.name.in_language(lang))}</b><br>{escape(c.address)}<br>"
            f"{escape(c.hours.in_language(lang))}"
            for c in guide.counters
        ]
        b["where"].setText("<br><br>".join(counters))
        b["basis"].setText(_lines([escape(x) for x in guide.legal_basis]))
        first = guide.counters[0] if guide.counters else None
        place = (
            f"{first.name.in_language(lang)}, {first.address} ({first.hours.in_language(lang)})"
            if first
            else ""
        )
        self.where_to_go.setText(
            self.tr(
                "This service cannot be applied for at this terminal. Please go to: %1"
            ).replace("%1", place)
        )

    def _days(self, days: int) -> str:
        if days == 0:
            return self.tr("done on the spot")
        return self.tr("%1 working days").replace("%1", str(days))

    def _materials(self, guide: ServiceGuide, lang: Language) -> str:
        rows = []
        for m in guide.materials:
            form = self.tr("original") if m.form is MaterialForm.ORIGINAL else self.tr("copy")
            medium = self.tr("electronic") if m.electronic else self.tr("paper")
            copies = (
                self.tr("1 copy")
                if m.copies == 1
                else self.tr("%1 copies").replace("%1", str(m.copies))
            )
            parts = [form, copies, medium]
            capture = (
                self.tr("✔ can be scanned here") if m.capturable else self.tr("bring it along")
            )
            rows.append(
                f"<b>{escape(m.name.in_language(lang))}</b><br>"
                f"{escape(' · '.join(parts))} — {escape(capture)}"
            )
        return "<br><br>".join(rows)
