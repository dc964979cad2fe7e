"""The kiosk's look in one place: palette, sizes for normal and large text, the QSS from them."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from string import Template

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

TEMPLATE_FILE = Path(__file__).with_name("theme") / "kiosk.qss"

# Preferred first; the Noto CJK families carry every glyph of the Chinese service names.
FONT_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
)


@dataclass(frozen=True)
class Palette:
    """Every colour of the kiosk; text colours have at least 7:1 against their backgrounds."""

    background: str = "#F3F5F8"
    surface: str = "#FFFFFF"
    text: str = "#111827"
    text_muted: str = "#374151"
    primary: str = "#0B3D78"
    on_primary: str = "#FFFFFF"
    primary_pressed: str = "#072A53"
    danger: str = "#8E1B1B"
    on_danger: str = "#FFFFFF"
    checked: str = "#14532D"
    on_checked: str = "#FFFFFF"
    border: str = "#4B5563"
    focus: str = "#B45309"
    scrim: str = "rgba(17, 24, 39, 200)"


PALETTE = Palette()


def text_pairs(palette: Palette = PALETTE) -> list[tuple[str, str, str]]:
    """(name, foreground, background) of every text colour on every background it is used on."""
    return [
        ("body on background", palette.text, palette.background),
        ("body on surface", palette.text, palette.surface),
        ("muted on background", palette.text_muted, palette.background),
        ("muted on surface", palette.text_muted, palette.surface),
        ("header text", palette.on_primary, palette.primary),
        ("primary button", palette.on_primary, palette.primary),
        ("pressed button", palette.on_primary, palette.primary_pressed),
        ("danger button", palette.on_danger, palette.danger),
        ("checked toggle", palette.on_checked, palette.checked),
        ("tile title", palette.primary, palette.surface),
        ("countdown", palette.danger, palette.surface),
        ("secondary button", palette.primary, palette.surface),
    ]


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a #RRGGBB colour."""
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio (1 to 21) between two #RRGGBB colours."""
    high, low = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (high + 0.05) / (low + 0.05)


@dataclass(frozen=True)
class Metrics:
    """Sizes in pixels; large-text mode scales every one of them, headings included."""

    small_px: int
    body_px: int
    heading_px: int
    title_px: int
    tile_px: int
    touch_px: int
    tile_icon_px: int
    tile_min_width_px: int
    tile_min_height_px: int
    radius_px: int
    padding_px: int


NORMAL = Metrics(
    small_px=20,
    body_px=24,
    heading_px=36,
    title_px=52,
    tile_px=36,
    touch_px=64,
    tile_icon_px=112,
    tile_min_width_px=380,
    tile_min_height_px=300,
    radius_px=12,
    padding_px=16,
)
# 适老化: at least 28 px for the smallest text, and bigger touch targets.
LARGE = Metrics(
    small_px=28,
    body_px=34,
    heading_px=48,
    title_px=68,
    tile_px=48,
    touch_px=88,
    tile_icon_px=120,
    tile_min_width_px=600,
    tile_min_height_px=200,
    radius_px=14,
    padding_px=22,
)


def metrics(large_text: bool) -> Metrics:
    """The sizes of normal or large-text mode."""
    return LARGE if large_text else NORMAL


def font_family() -> str:
    """The first installed family of FONT_FAMILIES (Qt falls back per glyph if none is)."""
    installed = set(QFontDatabase.families())
    for family in FONT_FAMILIES:
        if family in installed:
            return family
    log.warning("no Chinese font family found; Chinese text may show as boxes")
    return FONT_FAMILIES[0]


def stylesheet(large_text: bool, palette: Palette = PALETTE) -> str:
    """The kiosk QSS for normal or large-text mode."""
    template = Template(TEMPLATE_FILE.read_text(encoding="utf-8"))
    values: dict[str, object] = {**asdict(palette), **asdict(metrics(large_text))}
    values["font_family"] = font_family()
    values["half_touch_px"] = metrics(large_text).touch_px // 2
    return template.substitute(values)


def apply_theme(app: QApplication, large_text: bool) -> None:
    """Style the whole application (the app font too, so widgets made later match)."""
    font = QFont(font_family())
    font.setPixelSize(metrics(large_text).body_px)
    app.setFont(font)
    app.setStyleSheet(stylesheet(large_text))
