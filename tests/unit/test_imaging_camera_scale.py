"""The document camera's scale: calibrated once on an A4 sheet, then A4, A5 and ID cards by size.

Frames come from the ground-truth generator with a fixed camera (every page at one scale, as
on a 高拍仪's platen), so the true scale is known: CAMERA_MM of desk span the frame height.
"""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from config.loader import PROFILES_DIR, load_settings
from config.schema import CameraScannerSettings
from devices.scanner.imaging.calibration import CalibrationError, calibrate_scale
from devices.scanner.imaging.page_size import PageSize
from devices.scanner.imaging.pipeline import PipelineOptions, process_capture
from kiosk.cli import main
from kiosk.config_store import ConfigStore
from tests.data.imaging.generate import compose_frame

CAMERA_MM = 400.0  # desk height the fixed camera sees across the frame
FRAME = (1920, 1080)
TRUE_MM_PER_PIXEL = CAMERA_MM / FRAME[1]
SEED = 61


@cache
def _frame(index: int, kind: str) -> npt.NDArray[np.uint8]:
    image, sample = compose_frame(index, SEED, FRAME, camera_mm=CAMERA_MM, effects=[], kind=kind)
    assert sample.kind == kind
    return image


def test_an_a4_sheet_calibrates_the_scale_within_three_percent() -> None:
    for index in range(3):
        calibration = calibrate_scale(_frame(index, "form"), PageSize.A4)
        error = abs(calibration.mm_per_pixel - TRUE_MM_PER_PIXEL) / TRUE_MM_PER_PIXEL
        assert error < 0.03, f"frame {index}: {calibration.mm_per_pixel:.4f} mm/px"


@pytest.mark.parametrize(
    ("kind", "size"),
    [
        ("text", PageSize.A4),
        ("certificate", PageSize.A4),
        ("text_a5", PageSize.A5),
        ("id_front", PageSize.ID1),
        ("id_back", PageSize.ID1),
    ],
)
def test_calibrated_camera_tells_pages_apart_by_real_size(kind: str, size: PageSize) -> None:
    calibration = calibrate_scale(_frame(0, "form"), PageSize.A4)
    options = PipelineOptions(pixels_per_mm=calibration.pixels_per_mm)
    for index in (10, 11):
        page = process_capture(_frame(index, kind), options)
        assert page.page_size is size, f"{kind} frame {index}: {page.page_size}"


def test_without_a_scale_an_a5_page_passes_for_a4() -> None:
    # Same proportions: this is why the camera needs calibrating.
    assert process_capture(_frame(10, "text_a5")).page_size is PageSize.A4


def test_calibration_refuses_a_sheet_of_other_paper_and_an_empty_desk() -> None:
    with pytest.raises(CalibrationError, match="not ID-1"):
        calibrate_scale(_frame(0, "form"), PageSize.ID1)
    desk = np.random.default_rng(2).normal(120, 3, (FRAME[1], FRAME[0], 3))
    with pytest.raises(CalibrationError, match="no sheet found"):
        calibrate_scale(np.clip(desk, 0, 255).astype(np.uint8), PageSize.A4)


@pytest.fixture
def hall_config(tmp_path: Path) -> Path:
    path = tmp_path / "kiosk.toml"
    shutil.copyfile(PROFILES_DIR / "hall.toml", path)
    ConfigStore(path).set_values({"storage.data_dir": str(tmp_path / "data")})
    return path


def test_cli_stores_the_measured_scale_in_the_cameras_settings(
    hall_config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import cv2

    image = tmp_path / "a4.png"
    cv2.imwrite(str(image), _frame(0, "form"))
    code = main(["imaging", "calibrate", str(image), "--page", "a4", "--config", str(hall_config)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "mm per pixel" in out and "devices.scanners[1].mm_per_pixel" in out
    cameras = [
        s
        for s in load_settings(hall_config, env={}).devices.scanners
        if isinstance(s, CameraScannerSettings)
    ]
    assert cameras[0].mm_per_pixel == pytest.approx(TRUE_MM_PER_PIXEL, rel=0.03)


def test_cli_dry_run_and_a_bad_picture_change_nothing(
    hall_config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import cv2

    before = hall_config.read_text()
    image = tmp_path / "a4.png"
    cv2.imwrite(str(image), _frame(0, "form"))
    args = ["imaging", "calibrate", str(image), "--config", str(hall_config), "--dry-run"]
    assert main(args) == 0
    card = tmp_path / "card.png"
    cv2.imwrite(str(card), _frame(0, "id_front"))
    assert main(["imaging", "calibrate", str(card), "--config", str(hall_config)]) == 2
    assert "card.png: no sheet found" in capsys.readouterr().err  # too small for a sheet
    assert hall_config.read_text() == before


def test_cli_process_reads_a5_by_its_size_with_the_scale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import cv2

    page = tmp_path / "a5.png"
    cv2.imwrite(str(page), _frame(10, "text_a5"))
    out = tmp_path / "material.pdf"
    scale = f"{TRUE_MM_PER_PIXEL:.5f}"
    args = ["imaging", "process", str(page), "--out", str(out), "--mm-per-pixel", scale]
    assert main(args) == 0
    assert "a5.png: A5" in capsys.readouterr().out
