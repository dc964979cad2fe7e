"""In-app lockdown: no context menus, and no key combination that could leave the kiosk."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QShortcutEvent
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

_Key = Qt.Key
_Mod = Qt.KeyboardModifier

# Keys that are never for the resident, whatever the modifiers.
BLOCKED_KEYS = frozenset(
    {
        _Key.Key_Escape,  # leaves fullscreen in many window managers
        _Key.Key_F11,
        _Key.Key_Meta,
        _Key.Key_Super_L,
        _Key.Key_Super_R,
        _Key.Key_Menu,
        _Key.Key_Close,
        _Key.Key_Exit,
        _Key.Key_Launch0,
        _Key.Key_PowerOff,
        _Key.Key_Sleep,
        _Key.Key_Suspend,
        _Key.Key_Hibernate,
        _Key.Key_LogOff,
    }
)
# With Ctrl: quit, close, new window, print, open, save, find-and-open dialogs.
BLOCKED_WITH_CTRL = frozenset(
    {_Key.Key_Q, _Key.Key_W, _Key.Key_N, _Key.Key_P, _Key.Key_O, _Key.Key_S, _Key.Key_Escape}
)


def is_blocked(key: int, modifiers: Qt.KeyboardModifier) -> bool:
    """True for a key press that could close, switch away from, or reconfigure the kiosk."""
    if key in BLOCKED_KEYS:
        return True
    if modifiers & _Mod.MetaModifier:
        return True  # the Super/Windows key opens launchers
    if modifiers & _Mod.AltModifier and key not in (_Key.Key_Alt, _Key.Key_AltGr):
        return True  # Alt+F4, Alt+Tab, Alt+Space (window menu), Alt+Esc…
    if modifiers & _Mod.ControlModifier and key in BLOCKED_WITH_CTRL:
        return True
    return _Key.Key_F1 <= key <= _Key.Key_F35


class LockdownFilter(QObject):
    """Application-wide event filter: swallows context menus and escape shortcuts."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Return True (event consumed) for anything the resident must not be able to do."""
        kind = event.type()
        if kind == QEvent.Type.ContextMenu:
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
            assert isinstance(event, QKeyEvent)
            if is_blocked(event.key(), event.modifiers()):
                if kind == QEvent.Type.KeyPress:
                    log.info("blocked key combination")
                return True
        if kind == QEvent.Type.Shortcut:
            # A shortcut is matched before any key press is delivered: check the sequence itself.
            assert isinstance(event, QShortcutEvent)
            sequence = event.key()
            combos = [sequence[i] for i in range(sequence.count())]
            if any(is_blocked(c.key(), c.keyboardModifiers()) for c in combos):
                log.info("blocked shortcut")
                return True
        return False


def forbid_context_menus(root: QWidget) -> None:
    """Set Qt.NoContextMenu on ``root`` and every widget below it."""
    root.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    for child in root.findChildren(QWidget):
        child.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
