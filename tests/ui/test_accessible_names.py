"""Every control can be found by assistive technology: a translated, non-empty accessible name."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLineEdit

from tests.ui.event_loop import settle


def _unnamed(window) -> list[str]:
    controls = window.findChildren(QAbstractButton) + window.findChildren(QLineEdit)
    assert len(controls) > 10  # every screen and overlay is built, shown or not
    return [
        f"{type(c).__name__} {c.objectName()!r} {getattr(c, 'text', lambda: '')()!r}"
        for c in controls
        if not c.accessibleName().strip()
    ]


def test_every_button_and_field_has_an_accessible_name_in_chinese(window):
    assert _unnamed(window) == []


def test_accessible_names_are_translated_to_english(window):
    before = {id(b): b.accessibleName() for b in window.findChildren(QAbstractButton)}
    window.header.language_button.click()
    settle()
    assert _unnamed(window) == []
    after = {id(b): b.accessibleName() for b in window.findChildren(QAbstractButton)}
    changed = [key for key in before if before[key] != after[key]]
    assert len(changed) == len(before)
    assert window.track.number_edit.accessibleName() == "Receipt number or application number"
