"""The on-screen keyboard, on a real X screen: it opens on touch, types Pinyin and English.

The keyboard never appears under the offscreen platform this pytest process uses, so each
test runs tests/ui/virtual_keyboard_driver.py in a subprocess on Xvfb (QT_QPA_PLATFORM=xcb);
the driver clicks the keys with xdotool like a finger would, and the X screen is captured
with ImageMagick's ``import`` afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageStat

from tests.fixtures.stacks import need_program

pytestmark = [pytest.mark.xvfb, pytest.mark.stack]

DRIVER = Path(__file__).with_name("virtual_keyboard_driver.py")
SCREEN_W, SCREEN_H = 1920, 1080
RUN_TIMEOUT_S = 60


def run_driver(scenario: str, display: str, tmp_path: Path) -> tuple[dict[str, Any], Path]:
    """Run one keyboard scenario on ``display``; return its JSON result and the screenshot."""
    need_program("xdotool", "xdotool")
    need_program("import", "imagemagick")
    screenshot = tmp_path / f"{scenario}.png"
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        # The Pinyin engine writes its user dictionary under the config home.
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    env.pop("QT_IM_MODULE", None)  # the driver's configure_input_method() must choose it
    done = subprocess.run(
        [sys.executable, str(DRIVER), scenario, str(screenshot)],
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        cwd=Path(__file__).parents[2],
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, f"driver printed no result (exit {done.returncode}):\n{done.stderr[-3000:]}"
    result: dict[str, Any] = json.loads(lines[-1])
    assert result["error"] is None, f"{result}\n{done.stderr[-3000:]}"
    assert done.returncode == 0, done.stderr[-3000:]
    return result, screenshot


def assert_keyboard_on_screen(screenshot: Path, keyboard_rect: list[float]) -> None:
    """The keyboard's dark panel fills the bottom of the screen; the app's light window above."""
    image = Image.open(screenshot).convert("L")
    assert image.size == (SCREEN_W, SCREEN_H)
    x, y, width, height = (round(v) for v in keyboard_rect)
    assert width == SCREEN_W and y + height == SCREEN_H and height >= SCREEN_H // 3
    panel = ImageStat.Stat(image.crop((x, y, x + width, y + height))).mean[0]
    above = ImageStat.Stat(image.crop((0, 100, SCREEN_W, y))).mean[0]
    assert panel < 90 < above, (panel, above)


def test_touching_a_field_opens_the_keyboard_and_pinyin_types_chinese(
    xvfb_display: str, tmp_path: Path
) -> None:
    result, screenshot = run_driver("pinyin", xvfb_display, tmp_path)
    assert result["panel_visible"]
    opened, typed, spaced = result["events"]
    assert opened["locale"] == "zh_CN"
    # While composing, the Latin letters stay in the keyboard's candidate bar, not the field.
    assert typed["text"] == ""
    assert spaced["text"] == "你好"
    assert result["text"] == "你好"
    assert_keyboard_on_screen(screenshot, result["keyboard_rect"])


def test_english_layout_types_latin_letters(xvfb_display: str, tmp_path: Path) -> None:
    result, screenshot = run_driver("english", xvfb_display, tmp_path)
    assert result["panel_visible"]
    assert result["events"][0]["locale"] == "en_US"
    assert result["text"] == "abc"
    assert_keyboard_on_screen(screenshot, result["keyboard_rect"])


def test_keyboard_follows_the_ui_language_and_its_own_language_key(
    xvfb_display: str, tmp_path: Path
) -> None:
    result, _ = run_driver("switch", xvfb_display, tmp_path)
    locales = {event["what"]: event["locale"] for event in result["events"]}
    assert locales["opened"] == "zh_CN"
    assert locales["ui switched to en"] == "en_US"  # set_keyboard_language while open
    assert locales["language key"] == "zh_CN"  # the resident's choice in the key's list
    # The app can still bring English back although its setting never changed meanwhile.
    assert locales["ui chose en again"] == "en_US"
    assert result["text"] == "abc"


def test_input_method_is_the_virtual_keyboard_unless_chosen_otherwise() -> None:
    from ui.keyboard import configure_input_method

    environ = {"QT_VIRTUALKEYBOARD_DESKTOP_DISABLE": "1"}
    configure_input_method(environ)
    # The desktop panel is the only keyboard a QWidget app gets: it must not be disabled.
    assert environ == {"QT_IM_MODULE": "qtvirtualkeyboard"}
    chosen = {"QT_IM_MODULE": "ibus"}
    configure_input_method(chosen)
    assert chosen == {"QT_IM_MODULE": "ibus"}
