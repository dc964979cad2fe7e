"""SANE through the real stack: python-sane → libsane → the `test` and `pnm` backends."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from devices.scanner.discovery import list_sane_devices
from devices.scanner.sigpipe import ignore_sigpipe_again

pytestmark = pytest.mark.stack

MM_PER_INCH = 25.4


@pytest.fixture
def sane_session(sane_config_dir: Path) -> Iterator[object]:
    """python-sane initialised on the private configuration, exited after the test."""
    import sane

    sane.init()
    try:
        yield sane
    finally:
        sane.exit()
        ignore_sigpipe_again()  # what SaneScanner does after its scans


def test_discovery_finds_the_test_and_pnm_devices(sane_config_dir: Path) -> None:
    found = list_sane_devices()
    names = {scanner.name for scanner in found}
    assert {"test:0", "pnm:0"} <= names
    test0 = next(s for s in found if s.name == "test:0")
    assert (test0.model, test0.backend) == ("frontend-tester", "sane")
    assert found.reason == ""


def test_colour_scan_at_300_dpi_covers_the_scan_area(sane_session) -> None:  # type: ignore[no-untyped-def]
    device = sane_session.open("test:0")
    try:
        device.mode = "Color"
        device.resolution = 300
        width_mm, height_mm = device.br_x - device.tl_x, device.br_y - device.tl_y
        image = device.scan()
    finally:
        device.close()
    assert image.mode == "RGB"
    # SANE truncates the scan area to whole pixels: 80 × 100 mm → 944 × 1181 px.
    expected = (int(width_mm / MM_PER_INCH * 300), int(height_mm / MM_PER_INCH * 300))
    assert image.size == expected
    assert expected == (944, 1181)


def test_pnm_backend_scans_the_file_it_is_given(sane_session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = Image.new("RGB", (200, 100), (255, 0, 0))
    page.paste((0, 0, 255), (100, 0, 200, 100))
    source = tmp_path / "page.ppm"
    page.save(source)
    device = sane_session.open("pnm:0")
    try:
        device.filename = str(source)
        scanned = device.scan()
    finally:
        device.close()
    assert scanned.size == (200, 100)
    assert scanned.mode == "RGB"
    assert scanned.tobytes() == page.tobytes()


def test_without_backends_discovery_is_empty_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "dll.conf").write_text("")
    env = {**os.environ, "SANE_CONFIG_DIR": str(tmp_path)}
    script = (
        "from devices.scanner.discovery import list_sane_devices\n"
        "found = list_sane_devices()\n"
        "print(len(found)); print(found.reason)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    count, reason = result.stdout.splitlines()
    assert count == "0"
    assert "no SANE device found" in reason
