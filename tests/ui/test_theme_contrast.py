"""High contrast: every text colour is at least 7:1 against its background (WCAG AAA)."""

from __future__ import annotations

import re

import pytest

from ui import theme


def test_contrast_formula_matches_wcag_reference_values():
    assert theme.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert theme.contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    # WCAG's own example: #777777 on white is just below 4.5:1.
    assert theme.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(("name", "foreground", "background"), theme.text_pairs())
def test_text_colour_has_at_least_7_to_1_contrast(name, foreground, background):
    assert theme.contrast_ratio(foreground, background) >= 7.0, name


def test_style_sheet_takes_every_colour_from_the_palette():
    template = theme.TEMPLATE_FILE.read_text(encoding="utf-8")
    assert re.findall(r"#[0-9A-Fa-f]{3,8}\b", template) == []
    assert re.findall(r"rgba?\(", template) == []


def test_large_text_scales_every_size():
    normal, large = theme.metrics(False), theme.metrics(True)
    assert normal.small_px >= 20 and large.small_px >= 28
    assert normal.touch_px >= 64 and large.touch_px >= 64
    for size in ("small_px", "body_px", "heading_px", "title_px", "tile_px", "touch_px"):
        assert getattr(large, size) > getattr(normal, size), size
