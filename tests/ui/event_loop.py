"""Letting Qt deliver what it posted before a test looks at the window."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def settle() -> None:
    """Deliver posted events (LanguageChange, layout requests) and process them."""
    app = QApplication.instance()
    assert app is not None
    for _ in range(5):
        app.sendPostedEvents()
        app.processEvents()
