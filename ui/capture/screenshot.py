"""Put the capture screen into a telling state for ``kiosk screenshot``: the demo page on the
desk with its outline, and three pages captured, the last one shaken and asking for a retake
(no device is opened)."""

from __future__ import annotations

from PySide6.QtGui import QImage

from kiosk.document_capture import demo_pages, demo_snapshot
from ui.screens.capture_screen import CaptureScreen

DEMO_MATERIAL = "居民户口簿"
HOLD_SHOWN = 0.6  # the hold ring part-way round, as while the resident holds still
PAGES_SHOWN = 3


def stage_capture_screenshot(screen: CaptureScreen) -> None:
    """The preview of the demo scene and three captured pages, camera mode."""
    view, _ = demo_snapshot()
    screen.material_name = DEMO_MATERIAL
    screen.source_stack.setCurrentIndex(0)
    height, width = view.rgb.shape[:2]
    image = QImage(view.rgb.data, width, height, view.rgb.strides[0], QImage.Format.Format_RGB888)
    screen.preview.show_frame(image.copy(), list(view.corners or []), HOLD_SHOWN)
    screen.retranslate()
    for page in demo_pages(PAGES_SHOWN):
        screen.add_page(page)
