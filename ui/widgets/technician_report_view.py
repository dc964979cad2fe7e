"""A scrolling block of plain report lines, as the technician pages show them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget


class ReportView(QScrollArea):
    """Plain text lines in a scroll area; never interprets them as rich text or links."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("technicianReport")
        self.setWidgetResizable(True)
        self.label = QLabel(objectName="reportText", wordWrap=True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setWidget(self.label)

    def set_lines(self, lines: list[str]) -> None:
        """Show ``lines``, one per row."""
        self.label.setText("\n".join(lines))

    def text(self) -> str:
        """Everything shown."""
        return self.label.text()

    def clear(self) -> None:
        """Show nothing."""
        self.label.clear()
