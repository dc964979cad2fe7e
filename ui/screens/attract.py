"""The attract (home) screen: a welcome line and the four big service tiles."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.icons import IconKind, pixmap
from ui.router import ScreenName
from ui.screens.base import Screen
from ui.screens.tiles import TILES, tile_description, tile_title
from ui.theme import NORMAL, PALETTE, Metrics

# Column counts the four tiles can be laid out in without a lonely last row.
_COLUMN_CHOICES = (4, 2, 1)
_SPACING = 32


class Tile(QPushButton):
    """A big touch tile: drawn icon, service name, and one line of description."""

    def __init__(self, name: ScreenName, kind: IconKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._kind = kind
        self.setObjectName("tile")
        self._icon = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self._title = QLabel(objectName="tileTitle", alignment=Qt.AlignmentFlag.AlignCenter)
        self._description = QLabel(
            objectName="tileDescription", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True
        )
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        texts = QVBoxLayout()
        texts.setSpacing(8)
        texts.addStretch(1)
        texts.addWidget(self._title)
        texts.addWidget(self._description)
        texts.addStretch(1)
        self._texts = texts
        self._layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._layout.setSpacing(24)
        self._layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignCenter)
        self._layout.addLayout(texts, 1)
        for label in (self._icon, self._title, self._description):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.set_icon_size(NORMAL.tile_icon_px)
        self.retranslate()

    def set_horizontal(self, horizontal: bool) -> None:
        """Icon beside the texts (wide, low tiles) or above them (narrow, tall tiles)."""
        self._layout.setDirection(
            QBoxLayout.Direction.LeftToRight if horizontal else QBoxLayout.Direction.TopToBottom
        )
        align = Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignHCenter
        for label in (self._title, self._description):
            label.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)

    def set_icon_size(self, size: int) -> None:
        """Redraw the icon at ``size`` pixels."""
        self._icon.setPixmap(pixmap(self._kind, size, PALETTE.primary))
        self._icon.setFixedSize(size + 16, size)

    def retranslate(self) -> None:
        """Texts in the current language."""
        self._title.setText(tile_title(self.name))
        self._description.setText(tile_description(self.name))
        self.setAccessibleName(tile_title(self.name))
        self.setAccessibleDescription(tile_description(self.name))


class AttractScreen(Screen):
    """Home: what the terminal shows to passers-by and where every session starts."""

    tileChosen = Signal(str)  # the ScreenName of the tile

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = QLabel(objectName="title", alignment=Qt.AlignmentFlag.AlignCenter)
        self._subtitle = QLabel(objectName="subtitle", alignment=Qt.AlignmentFlag.AlignCenter)
        self._title.setWordWrap(True)
        self._subtitle.setWordWrap(True)
        self.tiles = [Tile(name, kind) for name, kind in TILES]
        for tile in self.tiles:
            tile.clicked.connect(lambda _=False, n=tile.name: self.tileChosen.emit(n.value))
        self._grid = QGridLayout()
        self._grid.setSpacing(_SPACING)
        self._columns = 0
        self._min_tile_width = NORMAL.tile_min_width_px

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(16)
        layout.addWidget(self._title)
        layout.addWidget(self._subtitle)
        layout.addStretch(1)
        layout.addLayout(self._grid)
        layout.addStretch(2)
        self._arrange(4)
        self.retranslate()

    def prompt(self) -> str:
        """Spoken when the screen appears."""
        return self.tr("Welcome. Touch a service on the screen to begin.")

    def retranslate(self) -> None:
        """Texts in the current language."""
        self._title.setText(self.tr("Welcome to the self-service terminal"))
        self._subtitle.setText(self.tr("Touch a service below to begin"))
        for tile in self.tiles:
            tile.retranslate()

    def apply_metrics(self, metrics: Metrics) -> None:
        """Bigger icons and fewer columns in large-text mode."""
        self._min_tile_width = metrics.tile_min_width_px
        for tile in self.tiles:
            tile.set_icon_size(metrics.tile_icon_px)
        self._arrange(self._fitting_columns(self.width()))

    def columns(self) -> int:
        """How many tiles a row holds now."""
        return self._columns

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Re-flow the tiles when the width changes."""
        self._arrange(self._fitting_columns(event.size().width()))
        super().resizeEvent(event)

    def _fitting_columns(self, width: int) -> int:
        usable = width - 96
        for columns in _COLUMN_CHOICES:
            if columns * self._min_tile_width + (columns - 1) * _SPACING <= usable:
                return columns
        return 1

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self.tiles:
            self._grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles):
            tile.set_horizontal(columns < 4)
            self._grid.addWidget(tile, index // columns, index % columns)
        for column in range(4):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
