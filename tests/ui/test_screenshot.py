"""`kiosk screenshot` renders screens offscreen at exactly 1920x1080, with Chinese fonts."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontDatabase, QImage

from config.schema import Language
from kiosk.frontend import load_frontend
from ui import theme


def test_chinese_font_is_installed_and_chosen(qapp):
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    assert any(family.startswith("Noto Sans CJK") for family in chinese), (
        "no Noto CJK font: install the Debian package fonts-noto-cjk"
    )
    assert theme.font_family() == "Noto Sans CJK SC"


def test_attract_renders_at_1920x1080_in_both_languages(qapp, kiosk_settings, tmp_path):
    frontend = load_frontend("qt")
    zh, en = tmp_path / "attract-zh.png", tmp_path / "attract-en.png"
    frontend.screenshot(kiosk_settings, "attract", Language.ZH, zh)
    frontend.screenshot(kiosk_settings, "attract", Language.EN, en)
    images = [QImage(str(path)) for path in (zh, en)]
    assert [(i.width(), i.height()) for i in images] == [(1920, 1080), (1920, 1080)]
    assert images[0] != images[1]  # the texts differ


@pytest.mark.parametrize("screen", ["track", "idle-warning", "call-staff", "apply", "start-over"])
def test_other_screens_render_at_1920x1080(qapp, kiosk_settings, tmp_path, screen):
    out = tmp_path / f"{screen}.png"
    load_frontend("qt").screenshot(kiosk_settings, screen, Language.EN, out, large_text=True)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1920, 1080)


def test_screen_names_cover_the_documented_ones():
    names = load_frontend("qt").screen_names()
    assert {"attract", "track", "idle-warning", "call-staff"} <= set(names)


def test_unknown_screen_is_refused(qapp, kiosk_settings, tmp_path):
    with pytest.raises(ValueError, match="unknown screen"):
        load_frontend("qt").screenshot(kiosk_settings, "nope", Language.ZH, tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()
