"""The PyInstaller bundle runs on its own: `kiosk version` and a demo-mode screenshot."""

from __future__ import annotations

import os
import struct

import pytest

from tests.packaging.conftest import ROOT, run

pytestmark = [pytest.mark.packaging, pytest.mark.timeout(900)]

OUTDIR = ROOT / "build" / "bundle"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "a PNG file"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_bundle_prints_its_version_and_renders_the_demo_attract_screen() -> None:
    shot = OUTDIR / "attract-zh.png"
    shot.unlink(missing_ok=True)
    # The script itself runs the bundle from outside this tree with an empty environment.
    result = run([str(ROOT / "packaging" / "build-bundle.sh")], env=dict(os.environ))
    assert "onewindow-kiosk " in result.stdout and "Python 3.11" in result.stdout
    assert "bundle OK" in result.stdout
    assert png_size(shot.read_bytes()) == (1920, 1080)
