"""The front-end plug-in point: the core starts a UI without importing it (ui/ registers itself)."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path
from typing import Protocol

from config.schema import KioskSettings, Language

ENTRY_POINT_GROUP = "onewindow_kiosk.frontends"


class FrontendUnavailable(RuntimeError):
    """No front end of that name is installed (or it failed to import)."""


class Frontend(Protocol):
    """What the CLI needs from a user interface."""

    def run(self, settings: KioskSettings, *, windowed: bool) -> int:
        """Run the kiosk until it is stopped; return the process exit code."""

    def screenshot(
        self,
        settings: KioskSettings,
        screen: str,
        language: Language,
        out: Path,
        *,
        large_text: bool = False,
    ) -> None:
        """Render one screen offscreen at 1920x1080 into a PNG file."""

    def screen_names(self) -> list[str]:
        """Names accepted by screenshot()."""


def load_frontend(name: str = "qt") -> Frontend:
    """Instantiate the installed front end registered under ``name``."""
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name == name:
            try:
                factory = ep.load()
            except ImportError as exc:
                raise FrontendUnavailable(f"front end {name!r} failed to load: {exc}") from exc
            frontend: Frontend = factory()
            return frontend
    raise FrontendUnavailable(
        f"no front end {name!r} installed (is the package installed with pip install -e .?)"
    )
