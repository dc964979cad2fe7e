"""The list of services found: one big touch row per service, the matched part highlighted."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalog_query import SearchHit
from ui.theme import PALETTE, Metrics

HIGHLIGHT_BACKGROUND = "#FFE08A"  # the body text colour on it stays above 7:1


def highlighted_html(name: str, span: tuple[int, int] | None) -> str:
    """The name as rich text, the matched [start, end) in bold on a highlight."""
    if span is None or not 0 <= span[0] < span[1] <= len(name):
        return escape(name)
    start, end = span
    return (
        f'{escape(name[:start])}<span style="background-color:{HIGHLIGHT_BACKGROUND};'
        f' font-weight:bold;">{escape(name[start:end])}</span>{escape(name[end:])}'
    )


def catalog_stylesheet(metrics: Metrics) -> str:
    """Styles of the catalog screens' own widgets, sized for normal or large text."""
    p = PALETTE
    return f"""
QPushButton#resultRow, QPushButton#choice {{
    background: {p.surface}; color: {p.text}; border: 2px solid {p.border};
    border-radius: {metrics.radius_px}px; text-align: left;
    padding: {metrics.padding_px // 2}px {metrics.padding_px}px;
}}
QPushButton#choice {{ color: {p.primary}; text-align: center; }}
QPushButton#choice:checked {{ background: {p.checked}; color: {p.on_checked}; }}
QPushButton#resultRow:pressed, QPushButton#choice:pressed {{ background: {p.background}; }}
QLabel#resultName {{ font-size: {metrics.body_px + 4}px; color: {p.text}; }}
QLabel#resultDetail {{ font-size: {metrics.small_px}px; color: {p.text_muted}; }}
QLabel#section {{ font-size: {metrics.body_px + 4}px; font-weight: bold; color: {p.primary}; }}
QLabel#sectionBody {{ background: {p.surface}; border: 2px solid {p.border};
    border-radius: {metrics.radius_px}px; padding: {metrics.padding_px}px; }}
QScrollArea, QScrollArea > QWidget > QWidget#resultsBody {{ background: transparent; border: 0; }}
QScrollBar:vertical {{ width: {metrics.touch_px // 2}px; }}
"""


class ResultRow(QPushButton):
    """One service: its name (rich text) and where / who handles it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultRow")
        self.code = ""
        self.name_label = QLabel(objectName="resultName", wordWrap=True)
        self.name_label.setTextFormat(Qt.TextFormat.RichText)
        self.detail_label = QLabel(objectName="resultDetail", wordWrap=True)
        for label in (self.name_label, self.detail_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(4)
        layout.addWidget(self.name_label)
        layout.addWidget(self.detail_label)

    def show_hit(self, hit: SearchHit, detail: str) -> None:
        """Fill the row from ``hit``."""
        self.code = hit.code
        self.name_label.setText(highlighted_html(hit.name, hit.highlight))
        self.detail_label.setText(detail)
        self.setAccessibleName(hit.name)
        self.setAccessibleDescription(detail)

    def sizeHint(self) -> QSize:
        """Tall enough for the wrapped labels."""
        return self.layout().sizeHint()


class ResultList(QScrollArea):
    """A scrolling column of ResultRows; rows are reused from keystroke to keystroke."""

    chosen = Signal(str)  # the service code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(objectName="resultsBody")
        self._column = QVBoxLayout(body)
        self._column.setContentsMargins(0, 0, 8, 0)
        self._column.setSpacing(12)
        self._column.addStretch(1)
        self.setWidget(body)
        self._rows: list[ResultRow] = []
        self._shown = 0

    def set_hits(self, hits: Sequence[SearchHit], detail: Callable[[SearchHit], str]) -> None:
        """Show ``hits`` in order (and nothing else)."""
        while len(self._rows) < len(hits):
            row = ResultRow()
            row.clicked.connect(lambda _=False, r=row: self.chosen.emit(r.code))
            self._column.insertWidget(len(self._rows), row)
            self._rows.append(row)
        for row, hit in zip(self._rows, hits, strict=False):
            row.show_hit(hit, detail(hit))
            row.setVisible(True)
        for row in self._rows[len(hits) :]:
            row.setVisible(False)
        self._shown = len(hits)
        self.verticalScrollBar().setValue(0)

    def rows(self) -> list[ResultRow]:
        """The rows on show, in order."""
        return self._rows[: self._shown]
