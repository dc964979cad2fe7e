"""``kiosk imaging``: page detection and the whole capture pipeline on image files."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from config.errors import ConfigError
from config.loader import load_settings
from config.schema import CameraScannerSettings
from devices.scanner.imaging.calibration import CalibrationError, calibrate_scale
from devices.scanner.imaging.compression import CompressionError
from devices.scanner.imaging.image_loading import ImageLoadError, load_image
from devices.scanner.imaging.page_detection import detect_page
from devices.scanner.imaging.page_size import PageSize
from devices.scanner.imaging.perspective import rectify
from devices.scanner.imaging.pipeline import (
    DEFAULT_BUDGET_BYTES,
    PipelineOptions,
    finish_page,
    material_pdf,
    process_capture,
)
from devices.scanner.imaging.quality import check_quality

if TYPE_CHECKING:
    from config.schema import KioskSettings
    from kiosk.config_store import AuditSink

    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_NO_PAGE = 1
EXIT_BAD_INPUT = 2
EXIT_NO_CAMERA = 3  # the settings hold no document camera to calibrate
CALIBRATION_PAGES = {"a4": PageSize.A4, "a5": PageSize.A5, "id1": PageSize.ID1}


def register(sub: SubParsers) -> None:
    """Add ``imaging detect`` and ``imaging process`` to the kiosk command."""
    imaging = sub.add_parser("imaging", help="page detection and document capture on image files")
    commands = imaging.add_subparsers(dest="imaging_command", required=True)
    detect = commands.add_parser("detect", help="find the page's corners and check its quality")
    detect.add_argument("image", type=Path)
    detect.add_argument("--json", action="store_true", help="print JSON on stdout")
    detect.set_defaults(handler=_detect)
    process = commands.add_parser("process", help="run the whole pipeline and write one PDF")
    process.add_argument("images", type=Path, nargs="+")
    process.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    process.add_argument(
        "--budget-kb",
        type=int,
        default=DEFAULT_BUDGET_BYTES // 1000,
        help="size budget per page in kB (default %(default)s)",
    )
    process.add_argument("--bw", action="store_true", help="black and white for text pages")
    process.add_argument(
        "--mm-per-pixel",
        type=float,
        metavar="MM",
        help="the camera's scale (as `imaging calibrate` measures it): A4 and A5 by real size",
    )
    process.set_defaults(handler=_process)
    calibrate = commands.add_parser(
        "calibrate",
        help="measure the document camera's scale on a frame of one sheet of known paper",
        description="Lay one sheet (A4) alone on the platen, save a frame at the camera's "
        "configured resolution, and run this on it: the scale (mm per pixel) goes into the "
        "camera's settings, so A4, A5 and ID cards are told apart by their real size.",
    )
    calibrate.add_argument("image", type=Path)
    calibrate.add_argument(
        "--page", choices=sorted(CALIBRATION_PAGES), default="a4", help="the sheet's paper"
    )
    calibrate.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="the settings file to store the scale in (default: the installed one)",
    )
    calibrate.add_argument(
        "--dry-run", action="store_true", help="print the scale, change no settings"
    )
    calibrate.set_defaults(handler=_calibrate)


def _detect(args: argparse.Namespace) -> int:
    path: Path = args.image
    try:
        image = load_image(path)
    except ImageLoadError as exc:
        sys.stderr.write(f"{exc}\n")
        return EXIT_BAD_INPUT
    detection = detect_page(image)
    height, width = image.shape[:2]
    if detection is None:
        report = check_quality(None)
        corners = None
    else:
        report = check_quality(rectify(image, detection.quad), detection.quad, (width, height))
        corners = detection.quad.to_list()
    result = {
        "image": str(path),
        "width": width,
        "height": height,
        "corners": corners,  # top-left, top-right, bottom-right, bottom-left, in image pixels
        "score": None if detection is None else detection.score,
        "quality": report.names(),
    }
    if args.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    else:
        where = "no page found" if corners is None else f"corners {corners}"
        flags = ", ".join(result["quality"]) or "good"
        sys.stdout.write(f"{path}: {where}; quality: {flags}\n")
    return EXIT_OK if detection is not None else EXIT_NO_PAGE


def _process(args: argparse.Namespace) -> int:
    scale: float | None = args.mm_per_pixel
    if scale is not None and scale <= 0:
        sys.stderr.write("--mm-per-pixel must be above 0\n")
        return EXIT_BAD_INPUT
    options = PipelineOptions(
        black_and_white=args.bw, pixels_per_mm=None if scale is None else 1.0 / scale
    )
    pages = []
    for path in args.images:
        try:
            image = load_image(path)
        except ImageLoadError as exc:
            sys.stderr.write(f"{exc}\n")
            return EXIT_BAD_INPUT
        page = process_capture(image, options)
        flags = ", ".join(page.quality.names()) or "good"
        sys.stdout.write(f"{path}: {page.page_size.value}, quality: {flags}\n")
        try:
            pages.append(finish_page(page, args.budget_kb * 1000))
        except CompressionError as exc:
            sys.stderr.write(f"{path}: {exc}\n")
            return EXIT_BAD_INPUT
    out: Path = args.out
    out.write_bytes(material_pdf(pages))
    sys.stdout.write(f"{out}: {len(pages)} page(s), {out.stat().st_size} bytes\n")
    return EXIT_OK


def _calibrate(args: argparse.Namespace) -> int:
    from kiosk.config_store import DEFAULT_CONFIG_FILE, ConfigStore, ConfigStoreError

    path: Path = args.image
    try:
        image = load_image(path)
        calibration = calibrate_scale(image, CALIBRATION_PAGES[args.page])
    except (ImageLoadError, CalibrationError) as exc:
        sys.stderr.write(f"{path}: {exc}\n")
        return EXIT_BAD_INPUT
    mm_per_pixel = round(calibration.mm_per_pixel, 5)
    height, width = image.shape[:2]
    sys.stdout.write(
        f"{path}: {calibration.page.value} sheet found, {mm_per_pixel} mm per pixel "
        f"at {width}×{height}\n"
    )
    if args.dry_run:
        return EXIT_OK
    config: Path = args.config or DEFAULT_CONFIG_FILE
    try:
        settings = load_settings(config, env={})
    except ConfigError as exc:
        sys.stderr.write(f"{exc}\n")
        return EXIT_BAD_INPUT
    cameras = [
        (index, scanner)
        for index, scanner in enumerate(settings.devices.scanners)
        if isinstance(scanner, CameraScannerSettings)
    ]
    if not cameras:
        sys.stderr.write(f'{config}: no document camera (backend = "camera") to calibrate\n')
        return EXIT_NO_CAMERA
    index, camera = cameras[0]
    if (camera.width, camera.height) != (width, height):
        sys.stderr.write(
            f"warning: the camera is set to {camera.width}×{camera.height}, the image is "
            f"{width}×{height}: the scale is right only for frames of the image's size\n"
        )
    store = ConfigStore(config, audit=_audit_log(settings))
    try:
        store.set_values({f"devices.scanners[{index}].mm_per_pixel": mm_per_pixel})
    except (ConfigError, ConfigStoreError, OSError) as exc:
        sys.stderr.write(f"{config}: {exc}\n")
        return EXIT_BAD_INPUT
    sys.stdout.write(f"{config}: devices.scanners[{index}].mm_per_pixel = {mm_per_pixel}\n")
    return EXIT_OK


def _audit_log(settings: KioskSettings) -> AuditSink | None:
    """The terminal's audit log, where the settings change is recorded; None if it cannot open."""
    from kiosk.audit import open_audit_log

    try:
        audit: AuditSink = open_audit_log(settings)
    except OSError as exc:
        log.warning("audit log unavailable: %s", exc)
        return None
    return audit
