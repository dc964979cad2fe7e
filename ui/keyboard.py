"""The on-screen keyboard: Qt Virtual Keyboard with the Pinyin layout for Chinese and English.

A QWidget application gets the keyboard through the platform input context plugin
``qtvirtualkeyboard``, chosen by ``QT_IM_MODULE`` before the QApplication exists. Its panel
is a separate window at the bottom of the screen that opens when a text field is touched.

Qt offers no environment variable for the keyboard's languages; they live in the process-wide
``VirtualKeyboardSettings`` singleton, reached here through a tiny private QML engine
(the same object the keyboard's own QML reads).
"""

from __future__ import annotations

import logging
import os
from collections.abc import MutableMapping

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlEngine

from config.schema import Language

log = logging.getLogger(__name__)

INPUT_METHOD = "qtvirtualkeyboard"
# Keyboard locales of the virtual keyboard: zh_CN is the Pinyin layout.
KEYBOARD_LOCALES: dict[Language, str] = {Language.ZH: "zh_CN", Language.EN: "en_US"}

_SETTINGS_URI = "QtQuick.VirtualKeyboard.Settings"
_SETTINGS_TYPE = "VirtualKeyboardSettings"
_engine: QQmlEngine | None = None


def configure_input_method(environ: MutableMapping[str, str] = os.environ) -> None:
    """Select Qt Virtual Keyboard as the input method; call before the QApplication is created."""
    environ.setdefault("QT_IM_MODULE", INPUT_METHOD)
    if environ["QT_IM_MODULE"] != INPUT_METHOD:
        log.warning("QT_IM_MODULE=%s: the on-screen keyboard is off", environ["QT_IM_MODULE"])
    # A QWidget application has no keyboard at all without the desktop panel.
    if environ.pop("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", None) is not None:
        log.warning("ignoring QT_VIRTUALKEYBOARD_DESKTOP_DISABLE: the kiosk needs the panel")


def _keyboard_settings() -> QObject | None:
    """The VirtualKeyboardSettings singleton, or None without a Qt application or the module."""
    global _engine
    app = QCoreApplication.instance()
    if app is None:
        return None
    if _engine is None or not shiboken6.isValid(_engine):
        # Parented to the application so it dies with it; one engine serves every call.
        _engine = QQmlEngine(app)
    try:
        settings = _engine.singletonInstance(_SETTINGS_URI, _SETTINGS_TYPE)
    except (RuntimeError, TypeError, ValueError) as error:
        log.warning("virtual keyboard settings unavailable: %s", error)
        return None
    return settings if isinstance(settings, QObject) else None


def set_keyboard_language(language: Language) -> bool:
    """Switch the on-screen keyboard to ``language`` (Pinyin or English); False if impossible.

    The keyboard's language key then toggles between exactly these two languages.
    """
    settings = _keyboard_settings()
    if settings is None:
        return False
    wanted = KEYBOARD_LOCALES[language]
    others = [loc for loc in KEYBOARD_LOCALES.values() if loc != wanted]
    settings.setProperty("activeLocales", [wanted, *others])
    if settings.property("locale") == wanted and keyboard_language() != wanted:
        # The resident changed the layout with the language key since: the setting still
        # holds ``wanted``, and the keyboard only follows a *change* of it.
        settings.setProperty("locale", "")
    settings.setProperty("locale", wanted)
    return bool(settings.property("locale") == wanted)


def keyboard_language() -> str:
    """The locale the keyboard types in now, such as ``zh_CN`` ("C" before it first opens)."""
    if not isinstance(QCoreApplication.instance(), QGuiApplication):
        return ""
    return QGuiApplication.inputMethod().locale().name()


def follow_language(language: Language) -> None:
    """Keep the on-screen keyboard in the resident's language; a no-op when it is not in use."""
    if os.environ.get("QT_IM_MODULE") == INPUT_METHOD:
        set_keyboard_language(language)
