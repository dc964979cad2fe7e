"""The four services of the home screen: their names and one-line descriptions, translated."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.icons import IconKind
from ui.router import ScreenName

TILES: tuple[tuple[ScreenName, IconKind], ...] = (
    (ScreenName.APPLY, IconKind.APPLY),
    (ScreenName.TRACK, IconKind.TRACK),
    (ScreenName.GUIDE, IconKind.GUIDE),
    (ScreenName.RATE, IconKind.RATE),
)


def tile_title(name: ScreenName) -> str:
    """The service's name in the current language (办理业务, 进度查询, 办事指南, 服务评价)."""
    titles = {
        ScreenName.APPLY: QCoreApplication.translate("Tiles", "Apply"),
        ScreenName.TRACK: QCoreApplication.translate("Tiles", "Track"),
        ScreenName.GUIDE: QCoreApplication.translate("Tiles", "Guide"),
        ScreenName.RATE: QCoreApplication.translate("Tiles", "Rate"),
    }
    return titles[name]


def tile_description(name: ScreenName) -> str:
    """One line under the service's name."""
    descriptions = {
        ScreenName.APPLY: QCoreApplication.translate("Tiles", "Start an application"),
        ScreenName.TRACK: QCoreApplication.translate(
            "Tiles", "Check the progress of an application"
        ),
        ScreenName.GUIDE: QCoreApplication.translate("Tiles", "What you need and how it works"),
        ScreenName.RATE: QCoreApplication.translate("Tiles", "Tell us how we served you"),
    }
    return descriptions[name]
