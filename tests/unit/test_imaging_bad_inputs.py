"""Bad inputs give a clear error or a flagged result: never a crash, never a hang."""

from __future__ import annotations

import argparse
import io
import json
import time
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from devices.scanner.imaging.image_loading import ImageLoadError, decode_image, load_image
from devices.scanner.imaging.pipeline import finish_page, process_capture
from devices.scanner.imaging.quality import QualityFlag
from kiosk.commands import imaging as imaging_command


def _run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk")
    imaging_command.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.handler(args))


def test_empty_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    with pytest.raises(ImageLoadError, match="empty"):
        load_image(empty)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImageLoadError, match="cannot be read"):
        load_image(tmp_path / "nothing.jpg")


def test_corrupt_and_truncated_jpegs_are_refused() -> None:
    page = np.full((400, 300, 3), 200, np.uint8)
    cv2.putText(page, "page", (20, 200), cv2.FONT_HERSHEY_SIMPLEX, 3, (0, 0, 0), 5)
    data = cv2.imencode(".jpg", page)[1].tobytes()
    with pytest.raises(ImageLoadError, match="not an image format"):
        decode_image(b"\xff\xd8\xff" + bytes(range(256)) * 4)
    with pytest.raises(ImageLoadError, match="damaged or cut short"):
        decode_image(data[: len(data) // 2])


def test_fifty_megapixel_image_is_refused_before_decoding() -> None:
    # A 1-bit PNG of 8200 × 6100 (50 MP) is a few kB on disk but 150 MB once decoded as RGB.
    buffer = io.BytesIO()
    Image.new("1", (8200, 6100)).save(buffer, "PNG")
    started = time.monotonic()
    with pytest.raises(ImageLoadError, match="50 megapixels"):
        decode_image(buffer.getvalue())
    assert time.monotonic() - started < 1.0


def test_sixteen_bit_and_palette_images_are_read_as_8_bit_colour() -> None:
    deep = np.linspace(0, 65535, 64 * 64, dtype=np.uint16).reshape(64, 64)
    buffer = io.BytesIO()
    Image.fromarray(deep).save(buffer, "PNG")
    image = decode_image(buffer.getvalue())
    assert image.dtype == np.uint8 and image.shape == (64, 64, 3)
    assert image.min() == 0 and image.max() == 255
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 30, 30)).convert("P", palette=Image.Palette.ADAPTIVE).save(
        buffer, "PNG"
    )
    image = decode_image(buffer.getvalue())
    assert image.shape == (64, 64, 3)
    assert tuple(int(v) for v in image[0, 0]) == (30, 30, 200)  # BGR


def test_pure_noise_frame_gives_a_flagged_page_not_a_crash() -> None:
    noise = np.random.default_rng(0).integers(0, 256, (1080, 1920, 3), dtype=np.uint8)
    started = time.monotonic()
    page = process_capture(noise)
    finished = finish_page(page)
    assert time.monotonic() - started < 5
    assert (
        page.quality.flags & {QualityFlag.NO_PAGE, QualityFlag.CUT_OFF}
        or not page.quality.acceptable
    )
    assert finished.jpeg[:2] == b"\xff\xd8"


def test_cli_detect_refuses_a_corrupt_file_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    assert _run_cli(["imaging", "detect", str(bad), "--json"]) == 2
    captured = capsys.readouterr()
    assert "bad.jpg" in captured.err and captured.out == ""


def test_cli_detect_prints_null_corners_for_no_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    desk = tmp_path / "desk.png"
    cv2.imwrite(str(desk), np.full((480, 640, 3), 90, np.uint8))
    assert _run_cli(["imaging", "detect", str(desk), "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert result["corners"] is None
    assert result["quality"] == ["no_page"]
