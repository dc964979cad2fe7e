"""Videos for the capture screen's camera: a generated document on a desk, still or moving."""

from __future__ import annotations

import math
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from config.schema import CameraScannerSettings
from kiosk.document_capture import CameraCapture, open_document_capture
from tests.data.imaging.generate import compose_frame
from tests.fixtures.imaging import write_video

FRAME_SIZE = (1280, 720)
VIDEO_FPS = 30
SHARP_PAGE = 1  # a text page on fabric, nothing spoiling it
BLURRED_PAGE = 6  # a form on fabric, motion-blurred
SEED = 7


def document_frame(index: int = SHARP_PAGE) -> tuple[npt.NDArray[np.uint8], list[list[float]]]:
    """A generated frame of a document on a desk and the page's true corners."""
    image, sample = compose_frame(index, SEED, FRAME_SIZE)
    return np.ascontiguousarray(image, dtype=np.uint8), sample.corners


def _noisy(image: npt.NDArray[np.uint8], rng: np.random.Generator) -> npt.NDArray[np.uint8]:
    # Sensor noise, so no two frames are identical (small ints: cheap to make).
    noise = rng.integers(-3, 4, image.shape, dtype=np.int16)
    return np.clip(image.astype(np.int16) + noise, 0, 255).astype(np.uint8)


def still_video(path: Path, index: int = SHARP_PAGE, seconds: float = 1.0) -> Path:
    """The page lying still under the camera."""
    image, _ = document_frame(index)
    rng = np.random.default_rng(1)
    frames = [_noisy(image, rng) for _ in range(round(seconds * VIDEO_FPS))]
    return write_video(path, frames, VIDEO_FPS)


def moving_video(path: Path, seconds: float = 1.0) -> Path:
    """The page never still: it circles by 25 px, so corners move ~5 px or more per frame."""
    image, _ = document_frame(SHARP_PAGE)
    rng = np.random.default_rng(2)
    frames = []
    height, width = image.shape[:2]
    for index in range(round(seconds * VIDEO_FPS)):
        angle = index * 2 * math.pi / 15
        shift = np.float32([[1, 0, 25 * math.cos(angle)], [0, 1, 25 * math.sin(angle)]])
        moved = cv2.warpAffine(image, shift, (width, height), borderMode=cv2.BORDER_REFLECT)
        frames.append(_noisy(np.asarray(moved, dtype=np.uint8), rng))
    return write_video(path, frames, VIDEO_FPS)


def camera_on(video: Path) -> CameraCapture:
    """The capture screen's camera source reading ``video`` like a live camera."""
    source = open_document_capture(
        CameraScannerSettings(backend="camera", device=str(video), fps=VIDEO_FPS)
    )
    assert isinstance(source, CameraCapture)
    return source
