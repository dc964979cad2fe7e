"""The camera backend on video files: cv2.VideoCapture is the real stack, a file the camera.

Removing the file and writing it again is what unplugging and replugging looks like to the
grab loop: reads fail, the device cannot be opened, then it can again.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest

from config.schema import CameraScannerSettings, SimulatedScannerSettings
from devices.scanner.backends import open_capture
from devices.scanner.base import CameraState
from devices.scanner.camera import OpenCvCamera
from devices.scanner.folder_scanner import FolderScanner
from tests.fixtures.imaging import numbered_frames, write_video

pytestmark = pytest.mark.stack


def _wait_for(predicate: object, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.01)
    return False


@pytest.fixture
def cameras() -> Iterator[list[OpenCvCamera]]:
    """Cameras started in a test are stopped after it."""
    started: list[OpenCvCamera] = []
    yield started
    for camera in started:
        camera.stop()


def _camera(started: list[OpenCvCamera], video: Path, fps: int = 30) -> OpenCvCamera:
    camera = OpenCvCamera(CameraScannerSettings(backend="camera", device=str(video), fps=fps))
    started.append(camera)
    camera.start()
    return camera


def test_frames_stream_at_the_configured_rate(cameras: list[OpenCvCamera], tmp_path: Path) -> None:
    video = write_video(tmp_path / "desk.avi", numbered_frames(10))
    camera = _camera(cameras, video, fps=20)
    first = camera.wait_for_frame(timeout=3)
    assert first is not None
    assert first.image.shape == (240, 320, 3)
    time.sleep(0.5)
    latest = camera.latest()
    assert latest is not None
    # 20 frames per second for 0.5 s: about 10 more frames (paced, not decoded flat out).
    assert 5 <= latest.number - first.number <= 16
    assert camera.state is CameraState.STREAMING


def test_latest_frame_is_always_the_newest(cameras: list[OpenCvCamera], tmp_path: Path) -> None:
    video = write_video(tmp_path / "desk.avi", numbered_frames(12))
    camera = _camera(cameras, video)
    seen = camera.wait_for_frame(timeout=3)
    assert seen is not None
    later = camera.wait_for_frame(after=seen.number, timeout=2)
    assert later is not None and later.number > seen.number
    assert later.timestamp >= seen.timestamp


def test_camera_reconnects_after_unplug_and_replug(
    cameras: list[OpenCvCamera], tmp_path: Path
) -> None:
    video = write_video(tmp_path / "camera.avi", numbered_frames(6))
    camera = _camera(cameras, video, fps=60)
    assert camera.wait_for_frame(timeout=3) is not None
    video.unlink()  # unplugged
    assert _wait_for(lambda: camera.state is CameraState.DISCONNECTED)
    before = camera.latest()
    assert before is not None
    write_video(video, numbered_frames(6))  # plugged in again
    assert _wait_for(lambda: camera.state is CameraState.STREAMING)
    after = camera.wait_for_frame(after=before.number, timeout=3)
    assert after is not None
    assert camera.reconnects >= 1


def test_missing_camera_waits_without_failing(cameras: list[OpenCvCamera], tmp_path: Path) -> None:
    camera = _camera(cameras, tmp_path / "not-yet.avi")
    assert _wait_for(lambda: camera.state is CameraState.DISCONNECTED)
    assert camera.wait_for_frame(timeout=0.2) is None
    camera.stop()
    assert camera.state is CameraState.STOPPED


def test_demo_video_is_a_camera_and_demo_folder_a_scanner(tmp_path: Path) -> None:
    video = write_video(tmp_path / "demo.avi", numbered_frames(3))
    source = open_capture(SimulatedScannerSettings(backend="simulated", source=video))
    assert isinstance(source, OpenCvCamera)
    folder = tmp_path / "pages"
    folder.mkdir()
    cv2.imwrite(str(folder / "b.png"), numbered_frames(2)[1])
    cv2.imwrite(str(folder / "a.png"), numbered_frames(1)[0])
    scanner = open_capture(SimulatedScannerSettings(backend="simulated", source=folder))
    assert isinstance(scanner, FolderScanner)
    first = next(scanner.scan())
    second = next(scanner.scan())
    assert first.image.mean() == 0 and second.image.mean() == 20  # a.png, then b.png
