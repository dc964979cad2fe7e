"""The capture screen on its own, at kiosk width, in English, stopped after the test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from config.schema import Language
from ui.screens.capture_screen import CaptureScreen


@pytest.fixture(name="screen")
def capture_screen_fixture(qtbot) -> Iterator[CaptureScreen]:
    """A shown CaptureScreen; its device is released at the end."""
    widget = CaptureScreen(lambda: Language.EN)
    qtbot.addWidget(widget)
    widget.resize(1920, 900)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.stop()
