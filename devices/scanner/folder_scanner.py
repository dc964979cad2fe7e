"""Demo mode's scanner: the pages are the images in a folder, one per scan, in name order."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

from devices.scanner.base import ScanError, ScannedPage, ScanProblem
from devices.scanner.imaging.image_loading import ImageLoadError, load_image

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".pnm", ".ppm", ".pgm"}
DEMO_DPI = 300


class FolderScanner:
    """Each ``scan()`` yields the next image of the folder (cycling), as a flatbed would."""

    def __init__(self, folder: Path) -> None:
        if not folder.is_dir():
            raise ScanError(ScanProblem.NO_DEVICE, f"demo folder {folder} does not exist")
        self._files = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        if not self._files:
            raise ScanError(ScanProblem.FEEDER_EMPTY, f"no images in demo folder {folder}")
        self._next = 0
        self._cancelled = threading.Event()

    def scan(self) -> Iterator[ScannedPage]:
        """The next image as one page."""
        self._cancelled.clear()
        path = self._files[self._next % len(self._files)]
        self._next += 1
        try:
            image = load_image(path)
        except ImageLoadError as exc:
            raise ScanError(ScanProblem.IO_ERROR, str(exc)) from exc
        if self._cancelled.is_set():
            raise ScanError(ScanProblem.CANCELLED)
        yield ScannedPage(image, DEMO_DPI)

    def cancel(self) -> None:
        """Cancel: the page being read is dropped."""
        self._cancelled.set()

    def close(self) -> None:
        """Nothing to release."""
