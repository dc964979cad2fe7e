"""Document capture for the materials step, Qt-free: live camera views, auto-capture, scans.

The capture screen drives one of two sources. ``CameraCapture`` wraps the document camera (or the
demo video): each ``next_view`` is the newest frame with the detected page and how long the page
has been still; when it has been still for ``HOLD_S`` the view says the capture is due.
``ScannerCapture`` wraps a SANE scanner (or the demo folder) and yields finished pages as they
come. Both turn images into ``FinishedPage``: a CapturedPage for the journey plus a verdict in
plain Chinese and English.
"""

from __future__ import annotations

import enum
import logging
import math
import os
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import cv2
import numpy as np
import numpy.typing as npt

from config.schema import (
    CameraScannerSettings,
    KioskSettings,
    SaneScannerSettings,
    SimulatedScannerSettings,
)
from devices.scanner.backends import VIDEO_SUFFIXES, open_capture
from devices.scanner.base import PROBLEM_MESSAGES, Camera, CameraState, Frame, Scanner
from devices.scanner.base import ScanError as ScanError  # re-exported: ui/ sees only kiosk
from devices.scanner.base import ScanProblem as ScanProblem
from devices.scanner.camera import OpenCvCamera
from devices.scanner.imaging.page_detection import (
    MIN_AREA_FRACTION,
    detect_page,
    smallest_page_fraction,
)
from devices.scanner.imaging.pipeline import (
    PipelineOptions,
    ProcessedPage,
    finish_page,
    process_capture,
    process_scan,
)
from devices.scanner.imaging.quality import QualityFlag
from kiosk.forms import Text
from kiosk.material_capture import THUMB_MAX_PX, CapturedPage

log = logging.getLogger(__name__)

HOLD_S = 0.7  # a page still this long is captured
STILL_FRACTION = 0.003  # corners within this share of the frame diagonal count as still (~7 px)
REARM_FACTOR = 8.0  # after a capture the page must move this many tolerances (or go) to re-arm
PREVIEW_MAX_WIDTH = 960
DEMO_VIDEO_FPS = 25

# In order of seriousness: the verdict names the first flag found.
QUALITY_MESSAGES: dict[QualityFlag, Text] = {
    QualityFlag.NO_PAGE: Text(
        "没有找到材料，请把材料平放在取景框内后重拍。",
        "No page found: lay the document flat inside the frame and retake.",
    ),
    QualityFlag.CUT_OFF: Text(
        "材料有一部分在画面外，请把整页放进取景框后重拍。",
        "Part of the page is outside the picture: put the whole page in view and retake.",
    ),
    QualityFlag.BLURRED: Text("照片模糊，请重拍。", "The picture is blurred: please retake."),
    QualityFlag.MOTION_BLURRED: Text(
        "拍摄时材料在移动，请按住不动后重拍。",
        "The page moved while it was taken: hold it still and retake.",
    ),
    QualityFlag.GLARE: Text(
        "材料上有反光，请稍微调整角度后重拍。",
        "There is glare on the page: tilt it a little and retake.",
    ),
    QualityFlag.TOO_DARK: Text("照片太暗，请重拍。", "The picture is too dark: please retake."),
    QualityFlag.BLANK: Text(
        "这一页好像是空白页，请确认是否放反了。",
        "This page looks blank: check it is not upside down.",
    ),
}
GOOD_MESSAGE = Text("清晰完整，可以使用。", "Clear and complete: good to use.")

SCAN_PROBLEM_ZH: dict[ScanProblem, str] = {
    ScanProblem.FEEDER_EMPTY: "进纸器里没有纸，请放入材料后再扫描。",
    ScanProblem.JAMMED: "进纸器卡纸了，请打开进纸器取出纸张，再扫描一次。",
    ScanProblem.COVER_OPEN: "扫描仪盖板没有合上，请合上后再扫描。",
    ScanProblem.DEVICE_BUSY: "扫描仪正忙，请稍等后再扫描。",
    ScanProblem.IO_ERROR: "扫描仪没有响应，请联系工作人员。",
    ScanProblem.NO_DEVICE: "没有找到扫描仪，请联系工作人员。",
    ScanProblem.CANCELLED: "扫描已取消。",
    ScanProblem.UNSUPPORTED: "扫描仪不支持此操作，请联系工作人员。",
    ScanProblem.OTHER: "扫描失败，请再试一次或联系工作人员。",
}


class CaptureKind(enum.Enum):
    """How pages are taken: a live camera with a preview, or a scanner with a Scan button."""

    CAMERA = "camera"
    SCANNER = "scanner"


@dataclass(frozen=True)
class PageVerdict:
    """The quality check in words: whether the page is usable and what to do if not."""

    acceptable: bool
    flags: frozenset[QualityFlag]
    message: Text


@dataclass(frozen=True)
class FinishedPage:
    """A captured page ready for the journey, with its verdict."""

    page: CapturedPage
    verdict: PageVerdict


@dataclass(frozen=True)
class LiveView:
    """One preview frame: RGB pixels at preview size, the page's corners in them, the hold."""

    rgb: npt.NDArray[np.uint8]
    corners: tuple[tuple[float, float], ...] | None
    hold: float  # 0..1: how far the page is towards auto-capture
    capture_due: bool
    frame: Frame  # the full-resolution frame, for the capture


def scan_problem_text(problem: ScanProblem) -> Text:
    """What the resident reads when a scan fails for ``problem``."""
    return Text(SCAN_PROBLEM_ZH[problem], PROBLEM_MESSAGES[problem])


def verdict_of(processed: ProcessedPage) -> PageVerdict:
    """The verdict of a processed page: the most serious flag's message, or "good"."""
    flags = processed.quality.flags
    worst = next((flag for flag in QUALITY_MESSAGES if flag in flags), None)
    message = QUALITY_MESSAGES[worst] if worst is not None else GOOD_MESSAGE
    return PageVerdict(processed.quality.acceptable, frozenset(flags), message)


def finished_page(processed: ProcessedPage) -> FinishedPage:
    """A processed page as JPEG (within the pipeline's budget) and thumbnail, with its verdict."""
    jpeg = finish_page(processed).jpeg
    image = processed.image
    height, width = image.shape[:2]
    scale = THUMB_MAX_PX / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    small = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    ok, png = cv2.imencode(".png", small)
    if not ok:
        raise ValueError("the PNG encoder refused the thumbnail")
    verdict = verdict_of(processed)
    page = CapturedPage(
        jpeg,
        bytes(png.tobytes()),
        blank=QualityFlag.BLANK in verdict.flags,
        unreadable=not verdict.acceptable,
    )
    return FinishedPage(page, verdict)


class StillnessTracker:
    """Decides auto-capture: the page's corners still within a few pixels for ``hold_s``.

    After a capture it waits until the page moves well away (or is taken off) before arming
    again, so one placement gives one page.
    """

    def __init__(self, hold_s: float = HOLD_S, tolerance_px: float = 7.0) -> None:
        self.hold_s = hold_s
        self.tolerance_px = tolerance_px
        self._last: npt.NDArray[np.float64] | None = None
        self._still_since: float | None = None
        self._armed = True

    def update(
        self, corners: npt.NDArray[np.float64] | None, timestamp: float
    ) -> tuple[float, bool]:
        """Feed one frame's corners (None: no page); returns (hold 0..1, capture due now)."""
        if corners is None:
            self._last, self._still_since, self._armed = None, None, True
            return 0.0, False
        if self._last is None:
            moved = math.inf
        else:
            moved = float(np.max(np.linalg.norm(corners - self._last, axis=1)))
        self._last = corners
        if moved > self.tolerance_px:
            self._still_since = timestamp
            if moved > self.tolerance_px * REARM_FACTOR:
                self._armed = True
            return 0.0, False
        if self._still_since is None:
            self._still_since = timestamp
        hold = min(1.0, (timestamp - self._still_since) / self.hold_s)
        if not self._armed:
            return hold, False
        if hold >= 1.0:
            self._armed = False
            return hold, True
        return hold, False

    def disarm(self) -> None:
        """A page was just taken (by hand): wait for the next placement."""
        self._armed = False

    def arm(self) -> None:
        """Allow the next still page to be captured (after a retake)."""
        self._armed = True
        self._still_since = None


class CameraCapture:
    """The live camera source: preview views with the detected page, and captures."""

    kind = CaptureKind.CAMERA

    def __init__(
        self, camera: Camera, hold_s: float = HOLD_S, mm_per_pixel: float | None = None
    ) -> None:
        self._camera = camera
        self.auto_capture = True
        self._tracker: StillnessTracker | None = None
        self._hold_s = hold_s
        # The calibrated scale tells A4 from A5 (same proportions) by real size, and how
        # small an ID card looks on this camera.
        self._pixels_per_mm = None if mm_per_pixel is None else 1.0 / mm_per_pixel
        self._options = PipelineOptions(pixels_per_mm=self._pixels_per_mm)
        self._smallest_page = MIN_AREA_FRACTION

    def start(self) -> None:
        """Start the camera's grab thread."""
        self._camera.start()

    def stop(self) -> None:
        """Stop the camera (the preview is left)."""
        self._camera.stop()

    def close(self) -> None:
        """Release the camera."""
        self._camera.stop()

    def next_view(self, after: int = -1, timeout: float = 0.5) -> LiveView | None:
        """The newest frame after ``after`` with its page detected (blocking, a worker calls it)."""
        frame = self._camera.wait_for_frame(after, timeout)
        if frame is None:
            return None
        image = frame.image
        height, width = image.shape[:2]
        if self._tracker is None:
            diagonal = math.hypot(width, height)
            self._tracker = StillnessTracker(self._hold_s, max(3.0, diagonal * STILL_FRACTION))
            if self._pixels_per_mm is not None:
                self._smallest_page = smallest_page_fraction(width, height, self._pixels_per_mm)
        detection = detect_page(image, self._smallest_page)
        corners = detection.quad.as_array() if detection is not None else None
        hold, due = self._tracker.update(corners, frame.timestamp)
        scale = min(1.0, PREVIEW_MAX_WIDTH / width)
        small = image if scale == 1.0 else cv2.resize(image, None, fx=scale, fy=scale)
        rgb = np.ascontiguousarray(cv2.cvtColor(small, cv2.COLOR_BGR2RGB), dtype=np.uint8)
        shown = (
            tuple((float(x) * scale, float(y) * scale) for x, y in corners)
            if corners is not None
            else None
        )
        return LiveView(rgb, shown, hold, due and self.auto_capture, frame)

    def latest_frame(self) -> Frame | None:
        """The newest frame (for the Take picture button)."""
        return self._camera.latest()

    def take(self, frame: Frame) -> FinishedPage:
        """The finished page of ``frame`` (the capture; about 0.2 s, off the UI thread)."""
        if self._tracker is not None:
            self._tracker.disarm()
        return finished_page(process_capture(frame.image, self._options))

    def rearm(self) -> None:
        """Capture the page again when it is still (after the resident asked to retake)."""
        if self._tracker is not None:
            self._tracker.arm()


class ScannerCapture:
    """The scanner source: each scan yields finished pages; ScanError names what went wrong."""

    kind = CaptureKind.SCANNER

    def __init__(self, scanner: Scanner) -> None:
        self.scanner = scanner

    def scan(self) -> Iterator[FinishedPage]:
        """Scan (one flatbed page, or the whole feeder), each page finished as it arrives."""
        for scanned in self.scanner.scan():
            yield finished_page(process_scan(scanned.image, scanned.dpi))

    def cancel(self) -> None:
        """Stop the scan in progress (any thread)."""
        self.scanner.cancel()

    def close(self) -> None:
        """Release the scanner."""
        self.scanner.close()


DocumentCapture = CameraCapture | ScannerCapture
CaptureSettings = SaneScannerSettings | CameraScannerSettings | SimulatedScannerSettings


class DeviceReleases:
    """Capture devices being released in the background, so the next opening can wait for them.

    The capture screen stops a camera or a scanner without waiting (the UI thread only
    paints); the same device opened again while the old handle still closes would be busy.
    """

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._pending = 0

    def started(self) -> None:
        """A release has begun (counted before anything can open the device again)."""
        with self._condition:
            self._pending += 1

    def ended(self) -> None:
        """A release is over: the device is free."""
        with self._condition:
            self._pending = max(0, self._pending - 1)
            self._condition.notify_all()

    def release(self, source: DocumentCapture) -> None:
        """Close ``source`` here (a worker thread), then count its release as ended."""
        try:
            source.close()
        except Exception as exc:  # a device that is gone cannot be released twice
            log.debug("closing the capture device: %s", type(exc).__name__)
        finally:
            self.ended()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no release is pending (True), or ``timeout`` seconds passed (False)."""
        with self._condition:
            return self._condition.wait_for(lambda: self._pending == 0, timeout)


DEVICE_RELEASES = DeviceReleases()
RELEASE_WAIT_S = 5.0  # a camera's grab thread or a SANE cancel ends well within this


def capture_settings(settings: KioskSettings) -> CaptureSettings | None:
    """The configured capture device (the first scanner entry), or None without one."""
    scanners = settings.devices.scanners
    return scanners[0] if scanners else None


def open_document_capture(
    settings: CaptureSettings, demo_dir: Path | None = None
) -> DocumentCapture:
    """Open the capture device (blocking: SANE may take a second); raises ScanError.

    Demo mode without a source plays a generated video of a sample page laid on a desk.
    A device still being released by the previous capture is waited for first.
    """
    if not DEVICE_RELEASES.wait_idle(RELEASE_WAIT_S):
        log.warning("the previous capture device is still being released")
    if isinstance(settings, SimulatedScannerSettings):
        source = settings.source
        if source is None:
            source = demo_video(demo_dir or Path(tempfile.gettempdir()) / "onewindow-demo")
        if source.suffix.lower() in VIDEO_SUFFIXES:
            camera = CameraScannerSettings(backend="camera", device=str(source), fps=DEMO_VIDEO_FPS)
            return CameraCapture(OpenCvCamera(camera))
    device = open_capture(settings)
    if isinstance(device, OpenCvCamera):
        scale = settings.mm_per_pixel if isinstance(settings, CameraScannerSettings) else None
        return CameraCapture(device, mm_per_pixel=scale)
    return ScannerCapture(cast(Scanner, device))


def demo_video(directory: Path, size: tuple[int, int] = (1280, 720)) -> Path:
    """The demo camera's video (made once): a sample page slides onto a desk and stays."""
    path = directory / f"demo-capture-{size[0]}x{size[1]}.avi"
    if path.exists() and path.stat().st_size > 0:
        return path
    directory.mkdir(parents=True, exist_ok=True)
    frames = demo_frames(_demo_page(), size)
    partial = path.with_suffix(f".{os.getpid()}.part.avi")  # two kiosks may race
    writer = cv2.VideoWriter(str(partial), cv2.VideoWriter.fourcc(*"MJPG"), DEMO_VIDEO_FPS, size)
    for frame in frames:
        writer.write(frame)
    writer.release()
    partial.replace(path)
    return path


def desk(size: tuple[int, int]) -> npt.NDArray[np.uint8]:
    """A wood-coloured desk with grain, as the overhead camera sees it."""
    width, height = size
    rng = np.random.default_rng(6)
    grain = rng.normal(0, 1, (1, width)).astype(np.float32)
    smooth = np.asarray(
        cv2.GaussianBlur(np.repeat(grain, height, axis=0), (0, 0), 6), dtype=np.float32
    )
    base = np.array([70, 110, 160], np.float32)  # BGR brown
    image = base + smooth[:, :, None] * 40
    return np.asarray(np.clip(image, 0, 255), dtype=np.uint8)


def demo_frames(
    page: npt.NDArray[np.uint8], size: tuple[int, int], seconds: float = 6.0
) -> list[npt.NDArray[np.uint8]]:
    """Frames of ``page`` sliding in (1 s), lying still, sliding out (last second)."""
    background = desk(size)
    frames = []
    for index in range(round(seconds * DEMO_VIDEO_FPS)):
        t = index / DEMO_VIDEO_FPS
        slide = max(0.0, 1.0 - t) + max(0.0, t - (seconds - 1.0))
        frames.append(_placed(page, background, slide))
    return frames


def _placed(
    page: npt.NDArray[np.uint8], background: npt.NDArray[np.uint8], slide: float
) -> npt.NDArray[np.uint8]:
    """``page`` on ``background``, centred and slightly turned; ``slide`` 0..1 moves it off."""
    height, width = background.shape[:2]
    page_h, page_w = page.shape[:2]
    target_h = height * 0.82
    target_w = target_h * page_w / page_h
    source = np.array([[0, 0], [page_w, 0], [page_w, page_h], [0, page_h]], np.float32)
    tilt = 0.05 + 0.1 * slide
    corners = np.array(
        [
            [-target_w / 2, -target_h / 2],
            [target_w / 2, -target_h / 2],
            [target_w / 2, target_h / 2],
            [-target_w / 2, target_h / 2],
        ]
    )
    rotation = np.array([[math.cos(tilt), -math.sin(tilt)], [math.sin(tilt), math.cos(tilt)]])
    centre = [width / 2 + slide * width * 0.7, height / 2]
    placed = (corners @ rotation.T + centre).astype(np.float32)
    homography = cv2.getPerspectiveTransform(source, placed)
    warped = cv2.warpPerspective(page, homography, (width, height), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(
        np.full((page_h, page_w), 255, np.uint8), homography, (width, height)
    )
    return np.ascontiguousarray(np.where(mask[:, :, None] > 127, warped, background), np.uint8)


def _demo_page(page: int = 1, pages: int = 1) -> npt.NDArray[np.uint8]:
    from kiosk.material_capture import sample_page

    rgb = np.asarray(sample_page("申请材料 Sample", page, pages).convert("RGB"), dtype=np.uint8)
    return np.ascontiguousarray(rgb[:, :, ::-1])


def demo_pages(count: int, size: tuple[int, int] = (1280, 720)) -> list[FinishedPage]:
    """``count`` demo pages captured from the demo desk; the last one shaken (to be retaken).

    For screenshots: several thumbnails, and a verdict that asks for a retake.
    """
    finished = []
    for number in range(1, count + 1):
        image = _placed(_demo_page(number, count), desk(size), 0.0)
        if number == count and count > 1:
            kernel = np.zeros((1, 31), np.float32)
            kernel[0, :] = 1 / 31  # a sideways shake while the picture was taken
            image = np.asarray(cv2.filter2D(image, -1, kernel), dtype=np.uint8)
        finished.append(finished_page(process_capture(image)))
    return finished


def demo_snapshot(size: tuple[int, int] = (1280, 720)) -> tuple[LiveView, FinishedPage]:
    """The demo camera's still scene as a preview view, and its page captured (screenshots)."""
    image = _placed(_demo_page(), desk(size), 0.0)
    capture = CameraCapture(_StillCamera(Frame(image, 1, 0.0)))
    view = capture.next_view()
    assert view is not None
    return view, capture.take(view.frame)


class _StillCamera:
    """A camera that always shows one frame."""

    def __init__(self, frame: Frame) -> None:
        self._frame = frame

    @property
    def state(self) -> CameraState:
        return CameraState.STREAMING

    def start(self) -> None:
        """Nothing to start."""

    def latest(self) -> Frame | None:
        return self._frame

    def wait_for_frame(self, after: int = -1, timeout: float = 1.0) -> Frame | None:
        return self._frame

    def stop(self) -> None:
        """Nothing to stop."""
