"""In-app lockdown: close ignored, no context menu, no shortcut out, no external links."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMenu, QWidget

from tests.ui.event_loop import settle
from ui.router import ScreenName

_MODIFIER_KEYS = {Qt.Key.Key_Alt, Qt.Key.Key_Control, Qt.Key.Key_Shift}


class _KeyRecorder(QObject):
    """Records the key presses that reach a widget (pressing a modifier alone is harmless)."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[tuple[int, Qt.KeyboardModifier]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() not in _MODIFIER_KEYS:
            self.keys.append((event.key(), event.modifiers()))
        return False


def test_close_is_ignored_and_the_window_stays(window):
    assert window.close() is False
    settle()
    assert window.isVisible()


def test_shutdown_is_the_only_way_to_close(window):
    window.shutdown()
    settle()
    assert not window.isVisible()


def _menus_opened_by_context_event(edit) -> list[QWidget]:
    menus_seen: list[QWidget] = []

    def close_any_popup() -> None:
        # Without lockdown QLineEdit would open its menu in a nested loop; note it and close it.
        popup = QApplication.activePopupWidget()
        if popup is not None:
            menus_seen.append(popup)
            popup.close()

    QTimer.singleShot(300, close_any_popup)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, QPoint(10, 10), edit.mapToGlobal(QPoint(10, 10))
    )
    QApplication.sendEvent(edit, event)
    QTest.qWait(400)
    menus_seen += [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()
    ]
    return menus_seen


def test_context_menu_event_is_swallowed(window):
    window.router.go(ScreenName.TRACK)
    assert _menus_opened_by_context_event(window.track.number_edit) == []


def test_context_menu_is_swallowed_even_for_widgets_added_later(window, qtbot):
    # A later screen that forgets the policy still gets no menu: the app-wide filter catches it.
    edit = QLineEdit(window.track)
    assert edit.contextMenuPolicy() == Qt.ContextMenuPolicy.DefaultContextMenu
    edit.show()
    assert _menus_opened_by_context_event(edit) == []


def test_every_widget_has_no_context_menu_policy(window):
    widgets = [window, *window.findChildren(QWidget)]
    assert all(w.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu for w in widgets)


def test_escape_shortcuts_never_reach_the_app(window, qtbot):
    window.router.go(ScreenName.TRACK)
    edit = window.track.number_edit
    quits: list[str] = []
    shortcut = QShortcut(QKeySequence("Ctrl+Q"), window)
    shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
    shortcut.activated.connect(lambda: quits.append("ctrl+q"))
    recorder = _KeyRecorder()
    edit.installEventFilter(recorder)

    blocked = [
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Super_L, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_D, Qt.KeyboardModifier.MetaModifier),
    ]
    for key, modifiers in blocked:
        QTest.keyClick(edit, key, modifiers)
    settle()
    assert quits == []
    assert recorder.keys == []

    # Ordinary typing still works.
    QTest.keyClicks(edit, "A1")
    assert edit.text() == "A1"
    assert [key for key, _ in recorder.keys] == [Qt.Key.Key_A, Qt.Key.Key_1]
    assert window.isVisible()


def test_labels_never_open_links(window, monkeypatch):
    opened: list[object] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    labels = window.findChildren(QLabel)
    assert labels and not any(label.openExternalLinks() for label in labels)
    assert opened == []
