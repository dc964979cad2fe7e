"""`kiosk screenshot` renders the identity screens (waiting, read, enterprise) in zh and en."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from config.schema import Language
from kiosk.frontend import load_frontend


@pytest.mark.parametrize("screen", ["identify", "identify-success", "enterprise"])
def test_identity_screens_render_in_both_languages(qapp, kiosk_settings, tmp_path, screen):
    frontend = load_frontend("qt")
    assert screen in frontend.screen_names()
    zh, en = tmp_path / f"{screen}-zh.png", tmp_path / f"{screen}-en.png"
    frontend.screenshot(kiosk_settings, screen, Language.ZH, zh)
    frontend.screenshot(kiosk_settings, screen, Language.EN, en)
    images = [QImage(str(path)) for path in (zh, en)]
    assert [(i.width(), i.height()) for i in images] == [(1920, 1080), (1920, 1080)]
    assert images[0] != images[1]
