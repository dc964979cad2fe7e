"""`kiosk screenshot` renders the catalog screens with a search, a theme and a guide on show."""

from __future__ import annotations

from PySide6.QtGui import QImage

from config.schema import Language
from kiosk.frontend import load_frontend


def test_catalog_screens_are_named_and_render_at_1920x1080(qapp, kiosk_settings, tmp_path):
    frontend = load_frontend("qt")
    assert {"catalog-search", "catalog-browse", "service-guide"} <= set(frontend.screen_names())
    out = tmp_path / "search.png"
    frontend.screenshot(kiosk_settings, "catalog-search", Language.ZH, out)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1920, 1080)
