"""`kiosk screenshot` renders the mobile unit's staff sign-in, offline banner and assisted
receipt (the profile's mobile features turned on for the shot)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from config.schema import Language
from kiosk.frontend import load_frontend


@pytest.mark.parametrize("screen", ["staff-sign-in", "offline-banner", "receipt-assisted"])
def test_mobile_unit_shots_render_at_1920x1080(qapp, kiosk_settings, tmp_path, screen):
    frontend = load_frontend("qt")
    assert screen in frontend.screen_names()
    out = tmp_path / f"{screen}.png"
    frontend.screenshot(kiosk_settings, screen, Language.EN, out)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1920, 1080)
