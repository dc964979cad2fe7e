"""Which fields of a form are visible for the data typed so far, and what is submitted.

Pure functions of (form, data): the draft keeps everything the resident typed, so a field
that disappears and comes back still has its value; only visible, non-empty values are
submitted. A condition sees hidden fields as empty, so hiding cascades (a field that depends
on a hidden field is hidden too). Paths of repeat items carry the index: ``family_members.0.name``.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from kiosk.forms import Condition, FormDefinition, FormField, Section

_MISSING = object()


def get_path(data: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path, or None when any part is missing."""
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Store ``value`` at a dotted path, creating the sections on the way."""
    parts = path.split(".")
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def is_empty(value: Any) -> bool:
    """Nothing typed: None, an empty or blank string, an empty list or object."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | dict):
        return not value
    return False


def evaluate(condition: Condition | None, visible_values: Mapping[str, Any]) -> bool:
    """Truth of a visibility condition over the values of the fields visible so far."""
    if condition is None:
        return True
    if "all" in condition:
        return all(evaluate(c, visible_values) for c in condition["all"])
    if "any" in condition:
        return any(evaluate(c, visible_values) for c in condition["any"])
    if "not" in condition:
        return not evaluate(condition["not"], visible_values)
    value = visible_values.get(condition["field"], _MISSING)
    if value is _MISSING:
        return False
    if "equals" in condition:
        return _same(value, condition["equals"])
    return any(_same(value, v) for v in condition["in"])


def _same(a: Any, b: Any) -> bool:
    # True == 1 in Python; a switch must not match a number option.
    return type(a) is type(b) and a == b if isinstance(a, bool) or isinstance(b, bool) else a == b


def _visible_fields(
    fields: tuple[FormField, ...], data: Mapping[str, Any], seen: dict[str, Any]
) -> list[FormField]:
    shown = []
    for form_field in fields:
        if evaluate(form_field.visible_if, seen):
            shown.append(form_field)
            value = get_path(data, form_field.path)
            if not is_empty(value):
                seen[form_field.path] = value
    return shown


def _repeat_items(data: Mapping[str, Any], section: Section) -> list[Mapping[str, Any]]:
    assert section.repeat is not None
    items = get_path(data, section.repeat.path)
    if not isinstance(items, list):
        return []
    return [item if isinstance(item, Mapping) else {} for item in items]


def visible_paths(form: FormDefinition, data: Mapping[str, Any]) -> frozenset[str]:
    """Concrete paths of every visible field (repeat items as ``group.index.field``)."""
    seen: dict[str, Any] = {}
    paths: set[str] = set()
    for section in form.sections:
        if not evaluate(section.visible_if, seen):
            continue
        paths.update(f.path for f in _visible_fields(section.fields, data, seen))
        if section.repeat is not None:
            paths.add(section.repeat.path)
            for index, item in enumerate(_repeat_items(data, section)):
                shown = _visible_fields(section.repeat.fields, item, {})
                paths.update(f"{section.repeat.path}.{index}.{f.path}" for f in shown)
    return frozenset(paths)


def visible_sections(form: FormDefinition, data: Mapping[str, Any]) -> tuple[Section, ...]:
    """The sections shown for this data, in order."""
    seen: dict[str, Any] = {}
    shown = []
    for section in form.sections:
        if evaluate(section.visible_if, seen):
            shown.append(section)
            _visible_fields(section.fields, data, seen)
    return tuple(shown)


def submitted_data(form: FormDefinition, data: Mapping[str, Any]) -> dict[str, Any]:
    """The data to submit: visible, non-empty values only (a deep copy; ``data`` is untouched)."""
    seen: dict[str, Any] = {}
    out: dict[str, Any] = {}
    for section in form.sections:
        if not evaluate(section.visible_if, seen):
            continue
        for form_field in _visible_fields(section.fields, data, seen):
            value = get_path(data, form_field.path)
            if not is_empty(value):
                set_path(out, form_field.path, copy.deepcopy(value))
        if section.repeat is not None:
            items = []
            for item in _repeat_items(data, section):
                kept: dict[str, Any] = {}
                for form_field in _visible_fields(section.repeat.fields, item, {}):
                    value = get_path(item, form_field.path)
                    if not is_empty(value):
                        set_path(kept, form_field.path, copy.deepcopy(value))
                items.append(kept)
            if items:
                set_path(out, section.repeat.path, items)
    return out
