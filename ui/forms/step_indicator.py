"""The step indicator over the form, materials and review screens: 填写表单 → 提交材料 → 确认."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from kiosk.forms import Text

STEPS = (
    Text("1 填写申请表", "1 Fill in the form"),
    Text("2 提交材料", "2 Materials"),
    Text("3 核对信息", "3 Review"),
)


class StepIndicator(QFrame):
    """Three steps in a row; the current one is highlighted, the done ones ticked."""

    def __init__(self, current: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("steps")
        self.current = current
        self.labels = [QLabel(objectName="step") for _ in STEPS]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        for index, label in enumerate(self.labels):
            if index:
                arrow = QLabel("→", objectName="stepArrow")
                layout.addWidget(arrow)
            label.setProperty("state", _state(index, current))
            layout.addWidget(label)
        layout.addStretch(1)

    def set_language(self, language: str) -> None:
        """Step names in ``language``."""
        for index, (label, step) in enumerate(zip(self.labels, STEPS, strict=True)):
            mark = "✓ " if index < self.current else ""
            label.setText(mark + step.in_language(language))
        self.setAccessibleName(
            f"第{self.current + 1}步，共3步"
            if language == "zh"
            else f"Step {self.current + 1} of 3"
        )


def _state(index: int, current: int) -> str:
    return "done" if index < current else "current" if index == current else "todo"
