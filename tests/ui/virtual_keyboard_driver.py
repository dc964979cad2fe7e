"""Drives the Qt virtual keyboard like a resident would, on a real X screen (run as a subprocess).

A QWidget window with one line edit; the line edit is touched (an X click by xdotool), the
keyboard panel opens, and keys are clicked by xdotool at the centres of the key items found
in the panel's QML tree. Prints one JSON line with what happened.

Usage: virtual_keyboard_driver.py SCENARIO SCREENSHOT.png   (DISPLAY must be an X server)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

from ui.keyboard import configure_input_method, keyboard_language, set_keyboard_language

configure_input_method()  # before any QApplication exists

import shiboken6  # noqa: E402
from PySide6.QtCore import QPointF, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QFont, QGuiApplication  # noqa: E402
from PySide6.QtQuick import QQuickItem, QQuickWindow  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget  # noqa: E402

from config.schema import Language  # noqa: E402

STEP_TIMEOUT_S = 8.0
KEY_GAP_MS = 120  # between two key clicks, like a quick typist

Steps = Generator[Callable[[], bool], None, None]


def xclick(x: int, y: int) -> None:
    """A real X mouse click at screen coordinates."""
    subprocess.run(["xdotool", "mousemove", "--sync", str(x), str(y), "click", "1"], check=True)


class KeyboardDriver:
    """Finds the virtual keyboard's keys on screen and clicks them."""

    def __init__(self) -> None:
        self.window = QWidget()
        self.window.setWindowTitle("virtual keyboard test")
        layout = QVBoxLayout(self.window)
        self.line_edit = QLineEdit()
        self.line_edit.setFont(QFont(self.line_edit.font().family(), 28))
        self.line_edit.setMinimumHeight(80)
        # Else the English layout starts with Shift on and "abc" comes out as "Abc".
        self.line_edit.setInputMethodHints(Qt.InputMethodHint.ImhNoAutoUppercase)
        layout.addWidget(self.line_edit)
        layout.addStretch(1)
        # No window manager under Xvfb: size the window to the screen ourselves.
        self.window.setGeometry(QGuiApplication.primaryScreen().geometry())
        self.window.show()
        self.window.activateWindow()
        self.result: dict[str, Any] = {"events": []}

    def panel_window(self) -> QQuickWindow | None:
        """The keyboard's own window (a QQuickView the plugin creates)."""
        for win in QGuiApplication.allWindows():
            if win.metaObject().className() == "QtVirtualKeyboard::InputView":
                pointer = shiboken6.getCppPointer(win)[0]
                return shiboken6.wrapInstance(pointer, QQuickWindow)
        return None

    def keys(self) -> dict[str, tuple[int, int]]:
        """Visible keys and list entries by their text ("SPACE", "LANGUAGE"), at screen centres."""
        panel = self.panel_window()
        found: dict[str, tuple[int, int]] = {}
        if panel is None:
            return found

        def walk(item: QQuickItem) -> None:
            for child in item.childItems():
                meta = child.metaObject()
                if child.isVisible() and meta.indexOfProperty("key") >= 0:
                    centre = child.mapToGlobal(QPointF(child.width() / 2, child.height() / 2))
                    kind = meta.className()
                    name = (
                        "SPACE"
                        if kind.startswith("SpaceKey")
                        else "LANGUAGE"
                        if kind.startswith("ChangeLanguageKey")
                        else str(child.property("text"))
                    )
                    found.setdefault(name, (round(centre.x()), round(centre.y())))
                elif child.isVisible() and meta.className().startswith("SelectionListItem"):
                    # An entry of a popup list, such as the language list: its label is a child.
                    labels = [str(c.property("text")) for c in child.childItems()]
                    centre = child.mapToGlobal(QPointF(child.width() / 2, child.height() / 2))
                    for label in labels:
                        found.setdefault(label, (round(centre.x()), round(centre.y())))
                walk(child)

        walk(panel.contentItem())
        return found

    def panel_visible(self) -> bool:
        """True when the keyboard panel is shown with its keys."""
        panel = self.panel_window()
        return bool(
            panel is not None
            and panel.isVisible()
            and QGuiApplication.inputMethod().isVisible()
            and "SPACE" in self.keys()
        )

    def note(self, what: str) -> None:
        """Record what happened, with the keyboard's language and the field's text."""
        self.result["events"].append(
            {"what": what, "text": self.line_edit.text(), "locale": keyboard_language()}
        )

    # --- steps: each yields a condition to wait for -----------------------------------------

    def touch_line_edit(self) -> Steps:
        """Touch the text field; the keyboard must open."""
        centre = self.line_edit.mapToGlobal(self.line_edit.rect().center())
        xclick(centre.x(), centre.y())
        yield self.panel_visible
        rect = QGuiApplication.inputMethod().keyboardRectangle()
        self.result["keyboard_rect"] = [rect.x(), rect.y(), rect.width(), rect.height()]
        self.result["panel_visible"] = True

    def type_keys(self, names: list[str]) -> Steps:
        """Click each key in turn."""
        for name in names:
            keys = self.keys()
            if name not in keys:
                raise RuntimeError(f"no key {name!r} on the keyboard; keys: {sorted(keys)}")
            xclick(*keys[name])
            started = time.monotonic()
            yield lambda started=started: time.monotonic() - started > KEY_GAP_MS / 1000

    def expect_text(self, text: str) -> Steps:
        """Wait until the field shows ``text`` (times out otherwise)."""
        yield lambda: self.line_edit.text() == text

    def expect_locale(self, locale: str) -> Steps:
        """Wait until the keyboard types in ``locale``."""
        yield lambda: keyboard_language() == locale

    def scenario(self, name: str) -> Steps:
        """The steps of one scenario."""
        if name == "pinyin":
            assert set_keyboard_language(Language.ZH)
            yield from self.touch_line_edit()
            self.note("opened")
            yield from self.type_keys(["n", "i", "h", "a", "o"])
            self.note("typed nihao")
            yield from self.type_keys(["SPACE"])
            yield from self.expect_text("你好")
            self.note("pressed space")
        elif name == "english":
            assert set_keyboard_language(Language.EN)
            yield from self.touch_line_edit()
            self.note("opened")
            yield from self.type_keys(["a", "b", "c"])
            yield from self.expect_text("abc")
            self.note("typed abc")
        elif name == "switch":
            assert set_keyboard_language(Language.ZH)
            yield from self.touch_line_edit()
            yield from self.expect_locale("zh_CN")
            self.note("opened")
            # The resident switches the UI to English while the keyboard is open.
            assert set_keyboard_language(Language.EN)
            yield from self.expect_locale("en_US")
            self.note("ui switched to en")
            yield from self.type_keys(["a", "b", "c"])
            yield from self.expect_text("abc")
            self.note("typed abc")
            # The resident uses the keyboard's own language key: its list offers the two.
            yield from self.type_keys(["LANGUAGE"])
            yield lambda: "简体中文" in self.keys()
            self.note("language list")
            yield from self.type_keys(["简体中文"])
            yield from self.expect_locale("zh_CN")
            self.note("language key")
            # The UI language is still English; choosing it again brings English back.
            assert set_keyboard_language(Language.EN)
            yield from self.expect_locale("en_US")
            self.note("ui chose en again")
        else:
            raise ValueError(f"unknown scenario {name}")


def main() -> None:
    """Run one scenario and print its result as JSON."""
    scenario, screenshot = sys.argv[1], Path(sys.argv[2])
    app = QApplication([])
    driver = KeyboardDriver()
    steps = driver.scenario(scenario)
    started = time.monotonic()
    state: dict[str, Any] = {"waiting": None, "since": 0.0}

    def finish(error: str | None) -> None:
        driver.result["error"] = error
        driver.result["text"] = driver.line_edit.text()
        driver.result["locale"] = keyboard_language()
        driver.result["seconds"] = round(time.monotonic() - started, 2)
        subprocess.run(["import", "-window", "root", str(screenshot)], check=False)
        print(json.dumps(driver.result, ensure_ascii=False), flush=True)
        app.exit(0 if error is None else 1)

    def tick() -> None:
        try:
            if state["waiting"] is not None and not state["waiting"]():
                if time.monotonic() - state["since"] > STEP_TIMEOUT_S:
                    finish(f"timed out waiting after event {driver.result['events'][-1:]}")
                    return
                QTimer.singleShot(20, tick)
                return
            state["waiting"] = next(steps)
            state["since"] = time.monotonic()
            QTimer.singleShot(0, tick)
        except StopIteration:
            finish(None)
        except Exception as error:  # report, never hang the test
            finish(f"{type(error).__name__}: {error}")

    QTimer.singleShot(200, tick)  # let the window map first
    code = app.exec()
    # PySide crashes tearing down after this script wrapped the panel's internal QtQuick
    # items (a kiosk that never does so exits cleanly): leave without the teardown.
    sys.stdout.flush()
    os._exit(code)


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    main()
