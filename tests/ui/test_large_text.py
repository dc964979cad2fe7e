"""Large-text (适老化) mode: texts at least 28 px, targets at least 64 px, nothing clipped."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QWidget,
)

from tests.ui.event_loop import settle

SCREEN = QRect(0, 0, 1920, 1080)


def _visible(window, kind):
    return [w for w in window.findChildren(kind) if w.isVisible()]


def _text_widgets(window) -> list[QWidget]:
    labels = [label for label in _visible(window, QLabel) if label.text()]
    return labels + _visible(window, QAbstractButton) + _visible(window, QLineEdit)


def _scrolled(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _problems(window, min_font_px: int) -> list[str]:
    problems = []
    for widget in _text_widgets(window):
        widget.ensurePolished()
        size = widget.font().pixelSize()
        name = widget.objectName() or type(widget).__name__
        text = widget.text() if hasattr(widget, "text") else ""
        if size < min_font_px:
            problems.append(f"{name} {text!r}: font {size} px")
        if isinstance(widget, QAbstractButton | QLineEdit) and widget.height() < 64:
            problems.append(f"{name} {text!r}: only {widget.height()} px high")
    for widget in _visible(window, QWidget):
        if _scrolled(widget):
            continue  # long content scrolls inside its area; the area itself is checked
        rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        if not SCREEN.contains(rect):
            problems.append(f"{type(widget).__name__} {widget.objectName()} outside screen: {rect}")
    for label in [label for label in _visible(window, QLabel) if label.text()]:
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if label.height() < needed:
                problems.append(f"label {label.text()!r} clipped: {label.height()} < {needed} px")
        elif label.width() < label.sizeHint().width() or label.height() < label.sizeHint().height():
            problems.append(f"label {label.text()!r} clipped: {label.size()} < {label.sizeHint()}")
    for button in _visible(window, QAbstractButton):
        if button.text() and button.width() < button.sizeHint().width():
            problems.append(f"button {button.text()!r} clipped: {button.width()} px wide")
    return problems


def _every_screen_and_overlay(window):
    for name in list(window.router.screens()):  # the staff sign-in exists in mobile units only
        window.router.go(name)
        settle()
        yield name.value
    window.idle_overlay.set_seconds_left(30)
    window.idle_overlay.open()
    settle()
    yield "idle-warning"
    window.idle_overlay.hide()
    window.start_over_overlay.open()
    settle()
    yield "start-over"
    window.start_over_overlay.hide()


def _check_all(window, min_font_px: int) -> list[str]:
    problems = []
    for where in _every_screen_and_overlay(window):
        problems += [f"{where}: {p}" for p in _problems(window, min_font_px)]
    return problems


def test_normal_mode_has_body_text_of_20_px_and_64_px_targets(window):
    assert _check_all(window, 20) == []


def test_large_text_grows_every_text_to_28_px_and_keeps_layouts_usable(window, qtbot):
    before = window.attract.tiles[0].findChild(QLabel, "tileTitle").font().pixelSize()
    window.header.large_text_button.click()
    settle()
    assert window.keeper.current.large_text
    assert QApplication.instance().font().pixelSize() >= 28
    after = window.attract.tiles[0].findChild(QLabel, "tileTitle").font().pixelSize()
    assert after > before  # headings grow too
    assert _check_all(window, 28) == []


def test_large_text_in_english_fits_the_screen(window):
    window.header.language_button.click()
    window.header.large_text_button.click()
    settle()
    assert _check_all(window, 28) == []


def test_tiles_wrap_to_fewer_columns_in_large_text(window):
    assert window.attract.columns() == 4
    window.header.large_text_button.click()
    settle()
    assert window.attract.columns() == 2
    window.header.large_text_button.click()
    settle()
    assert window.attract.columns() == 4
