"""Choosing the capture backend from the settings: SANE scanner, camera, or demo sources."""

from __future__ import annotations

from config.schema import (
    CameraScannerSettings,
    SaneScannerSettings,
    SimulatedScannerSettings,
)
from devices.scanner.base import Camera, ScanError, Scanner, ScanProblem
from devices.scanner.camera import OpenCvCamera
from devices.scanner.folder_scanner import FolderScanner
from devices.scanner.sane_scanner import SaneScanner

VIDEO_SUFFIXES = {".avi", ".mp4", ".mkv", ".mov", ".webm"}


def open_capture(
    settings: SaneScannerSettings | CameraScannerSettings | SimulatedScannerSettings,
) -> Scanner | Camera:
    """A Scanner (SANE, demo folder) or a Camera (OpenCV, demo video) for these settings."""
    if isinstance(settings, SaneScannerSettings):
        return SaneScanner(settings)
    if isinstance(settings, CameraScannerSettings):
        return OpenCvCamera(settings)
    source = settings.source
    if source is None:
        raise ScanError(ScanProblem.NO_DEVICE, "demo mode needs a folder of images or a video")
    if source.suffix.lower() in VIDEO_SUFFIXES:
        return OpenCvCamera(CameraScannerSettings(backend="camera", device=str(source)))
    return FolderScanner(source)
