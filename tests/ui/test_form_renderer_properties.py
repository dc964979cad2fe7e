"""Property tests (hypothesis) of the form renderer's conditional logic on real form definitions:
after any sequence of choices and typing, the rows shown are exactly the visible fields, what was
typed into a field that hid comes back when it shows again, hidden answers are neither submitted
nor validated, and required-ness follows visibility (an empty choice asks for nothing hidden)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.applications import Draft, prefill_values
from kiosk.form_visibility import get_path, is_empty, submitted_data, visible_paths
from kiosk.forms import Condition, FormDefinition, FormField, Widget, load_forms
from kiosk.journey import demo_identity
from kiosk.session import Session
from ui.forms.form_view import FormView

FORMS = load_forms().forms


def _condition_fields(condition: Condition | None) -> set[str]:
    if condition is None:
        return set()
    found = {condition["field"]} if "field" in condition else set()
    for key in ("all", "any"):
        for sub in condition.get(key, ()):
            found |= _condition_fields(sub)
    if "not" in condition:
        found |= _condition_fields(condition["not"])
    return found


def _fields(form: FormDefinition) -> dict[str, FormField]:
    return {f.path: f for _, f in form.top_level_fields()}


def _controls(form: FormDefinition) -> list[FormField]:
    """Top-level choice fields that some condition depends on."""
    paths: set[str] = set()
    for section in form.sections:
        paths |= _condition_fields(section.visible_if)
        for form_field in section.fields:
            paths |= _condition_fields(form_field.visible_if)
    fields = _fields(form)
    return [fields[p] for p in sorted(paths) if p in fields and fields[p].options]


def _dependent_texts(form: FormDefinition) -> list[FormField]:
    """Free-text fields that hide and show by a condition (where typed data could get lost)."""
    return [
        f
        for _, f in form.top_level_fields()
        if f.visible_if is not None and f.widget in (Widget.TEXT, Widget.TEXTAREA) and not f.locked
    ]


CONDITIONAL_FORMS = sorted(fid for fid, form in FORMS.items() if _controls(form))


@st.composite
def _script(draw: st.DrawFn) -> tuple[str, list[tuple[str, Any]]]:
    form_id = draw(st.sampled_from(CONDITIONAL_FORMS))
    form = FORMS[form_id]
    controls = _controls(form)
    texts = _dependent_texts(form)
    steps: list[tuple[str, Any]] = []
    for _ in range(draw(st.integers(1, 12))):
        if texts and draw(st.booleans()):
            field = draw(st.sampled_from(texts))
            text = draw(st.text(alphabet="绵阳涪城区街道号ABC123", min_size=1, max_size=12))
            steps.append((field.path, text))
        else:
            field = draw(st.sampled_from(controls))
            values = [o.value for o in field.options] + [None]
            steps.append((field.path, draw(st.sampled_from(values))))
    return form_id, steps


def _view(form: FormDefinition) -> FormView:
    session = Session(language="zh", large_text=False)
    draft = Draft(session, form, "TEST", prefill_values(demo_identity()))
    return FormView(draft, lambda: "zh", skip=frozenset({Widget.SIGNATURE}))


def _touch(view: FormView, path: str, value: Any) -> None:
    """What a touch does: the input shows the value and reports the edit."""
    view.input(path).set_value(value)
    view.on_edited(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_script())
def test_rows_follow_the_rules_and_hidden_answers_are_kept_not_sent(qapp, script) -> None:
    form_id, steps = script
    form = FORMS[form_id]
    view = _view(form)
    typed: dict[str, Any] = {}
    for path, value in steps:
        _touch(view, path, value)
        typed[path] = value
        data = view.draft.data
        shown = visible_paths(form, data)
        rows = view.rows()
        # Exactly the visible fields are on screen.
        assert {p for p in rows if view.is_shown(p)} == {p for p in rows if p in shown}
        # Whatever was typed stays in its input and the draft, shown or hidden.
        for typed_path, typed_value in typed.items():
            assert view.input(typed_path).value() == typed_value
            assert get_path(data, typed_path) == typed_value
        # Hidden answers are not submitted, and no error is about a field nobody can see.
        submitted = submitted_data(form, data)
        for typed_path, typed_value in typed.items():
            if typed_path not in shown and not is_empty(typed_value):
                assert get_path(submitted, typed_path) is None
        fields = _fields(form)
        for error in view.draft.errors():
            assert error.path in shown or error.path not in fields, (error.path, error.code)
    view.deleteLater()


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(CONDITIONAL_FORMS), st.data())
def test_an_empty_choice_asks_only_for_what_is_on_screen(form_id, data) -> None:
    form = FORMS[form_id]
    session = Session(language="zh", large_text=False)
    draft = Draft(session, form, "TEST", prefill_values(demo_identity()))
    fields = _fields(form)
    for control in _controls(form):
        value = data.draw(st.sampled_from([o.value for o in control.options] + [None, ""]))
        draft.set_value(control.path, value)
    shown = visible_paths(form, draft.data)
    for error in draft.errors():
        assert error.path in shown or error.path not in fields, (error.path, error.code)
