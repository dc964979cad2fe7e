"""``kiosk imaging``: page detection and the whole capture pipeline on image files."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from devices.scanner.imaging.compression import CompressionError
from devices.scanner.imaging.image_loading import ImageLoadError, load_image
from devices.scanner.imaging.page_detection import detect_page
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
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_NO_PAGE = 1
EXIT_BAD_INPUT = 2


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
    process.set_defaults(handler=_process)


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
    options = PipelineOptions(black_and_white=args.bw)
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
