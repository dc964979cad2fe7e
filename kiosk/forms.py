"""Form definitions: loading the bundled JSON files, checking them, and the model the UI renders.

A definition is checked twice: against the meta-schema (its shape), then by cross-checks the
meta-schema cannot express (every UI field exists in the data schema, choices match the enum,
conditions refer to earlier fields, a hidden field is never unconditionally required…). A
malformed definition never stops the kiosk: it lands in ``FormLoadReport.rejected`` with the
reasons, and the catalog shows its services as "cannot be applied here".
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

log = logging.getLogger(__name__)

Condition = Mapping[str, Any]
JsonObject = Mapping[str, Any]


class Widget(StrEnum):
    """How a field is entered on the screen."""

    TEXT = "text"
    TEXTAREA = "textarea"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"
    SWITCH = "switch"
    ADDRESS = "address"  # Mianyang division picker: county → town/street → free text
    ID_NUMBER = "id_number"
    PHONE = "phone"
    CREDIT_CODE = "credit_code"
    BANK_ACCOUNT = "bank_account"
    SIGNATURE = "signature"  # value: the vault attachment id of the signature image


class Prefill(StrEnum):
    """Identity fields a form field can be prefilled from."""

    NAME = "name"
    ID_NUMBER = "id_number"
    SEX = "sex"
    BIRTH_DATE = "birth_date"
    ADDRESS = "address"
    NATION = "nation"
    CREDIT_CODE = "credit_code"
    ENTERPRISE_NAME = "enterprise_name"


@dataclass(frozen=True)
class Text:
    """A text in Chinese and English."""

    zh: str
    en: str

    def in_language(self, language: str) -> str:
        """The text in ``language`` ("zh" or "en"); Chinese for anything else."""
        return self.en if language == "en" else self.zh


@dataclass(frozen=True)
class Option:
    """One choice of a choice field."""

    value: str | int | float | bool
    label: Text


@dataclass(frozen=True)
class FormField:
    """One question; ``path`` is dotted, relative to the item for fields of a repeat group."""

    path: str
    widget: Widget
    label: Text
    help: Text | None = None
    required: bool = False
    prefill: Prefill | None = None
    locked: bool = False
    visible_if: Condition | None = None
    options: tuple[Option, ...] = ()


@dataclass(frozen=True)
class RepeatGroup:
    """A list of items with the same fields (family members, investors) and item bounds."""

    path: str
    min_items: int
    max_items: int
    item_label: Text
    fields: tuple[FormField, ...]


@dataclass(frozen=True)
class Section:
    """A titled group of fields, or one repeat group."""

    id: str
    title: Text
    help: Text | None = None
    visible_if: Condition | None = None
    fields: tuple[FormField, ...] = ()
    repeat: RepeatGroup | None = None


@dataclass(frozen=True, eq=False)
class FormDefinition:
    """One form: the data schema (what is submitted) and the sections the UI shows.

    Compared and hashed by identity: a loaded definition is a value that never changes.
    """

    form_id: str
    version: int
    title: Text
    subject: str
    data_schema: JsonObject
    sections: tuple[Section, ...]
    description: Text | None = None

    def top_level_fields(self) -> Iterator[tuple[Section, FormField]]:
        """Every field outside repeat groups, in screen order, with its section."""
        for section in self.sections:
            for form_field in section.fields:
                yield section, form_field


class MalformedFormError(ValueError):
    """A form definition that cannot be used; ``problems`` says why, one line each."""

    def __init__(self, form_id: str, problems: list[str]) -> None:
        super().__init__(f"form {form_id!r} is malformed: " + "; ".join(problems))
        self.form_id = form_id
        self.problems = problems


@dataclass
class FormLoadReport:
    """What loading a folder of definitions gave: usable forms and rejected ones with reasons."""

    forms: dict[str, FormDefinition] = field(default_factory=dict)
    rejected: dict[str, list[str]] = field(default_factory=dict)

    def can_apply(self, form_id: str) -> bool:
        """True when services using ``form_id`` can be applied for at this terminal."""
        return form_id in self.forms


def _bundled() -> Path:
    return Path(str(resources.files("offline_cache") / "bundled"))


def bundled_forms_dir() -> Path:
    """The folder of form definitions shipped with the kiosk."""
    return _bundled() / "forms"


def _meta_validator() -> Draft202012Validator:
    meta = json.loads((_bundled() / "form_definition.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(meta)


def load_forms(directory: Path | None = None) -> FormLoadReport:
    """Load every ``<form_id>.json`` in ``directory`` (default: the bundled forms)."""
    folder = directory if directory is not None else bundled_forms_dir()
    report = FormLoadReport()
    meta = _meta_validator()
    for path in sorted(folder.glob("*.json")):
        try:
            form = load_form_file(path, meta)
        except MalformedFormError as error:
            report.rejected[error.form_id] = error.problems
            log.warning(
                "form definition rejected",
                extra={"form_id": error.form_id, "problems": error.problems},
            )
        else:
            report.forms[form.form_id] = form
    return report


def load_form_file(path: Path, meta: Draft202012Validator | None = None) -> FormDefinition:
    """Read, check and build one definition; raises MalformedFormError with every problem."""
    form_id = path.stem
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MalformedFormError(form_id, [f"cannot be read as JSON: {error}"]) from None
    return parse_form(raw, expected_id=form_id, meta=meta)


def parse_form(
    raw: Any, expected_id: str | None = None, meta: Draft202012Validator | None = None
) -> FormDefinition:
    """Check a decoded definition and build the model; raises MalformedFormError."""
    name = expected_id or (raw.get("form_id") if isinstance(raw, dict) else None) or "?"
    validator = meta if meta is not None else _meta_validator()
    shape = [
        f"{_where(err.absolute_path)}: {err.message}"
        for err in sorted(validator.iter_errors(raw), key=lambda e: list(map(str, e.path)))
    ]
    if shape:
        raise MalformedFormError(str(name), shape)
    problems: list[str] = []
    if expected_id is not None and raw["form_id"] != expected_id:
        problems.append(f"form_id {raw['form_id']!r} differs from the file name {expected_id!r}")
    try:
        Draft202012Validator.check_schema(raw["data_schema"])
    except SchemaError as error:
        problems.append(f"data_schema is not a valid JSON Schema: {error.message}")
    form = _build(raw)
    if not problems:
        problems.extend(_cross_check(form))
    if problems:
        raise MalformedFormError(str(name), problems)
    return form


def _where(path: Any) -> str:
    return "/" + "/".join(str(p) for p in path) if path else "(root)"


def _text(raw: Mapping[str, str] | None) -> Text | None:
    return Text(zh=raw["zh"], en=raw["en"]) if raw else None


def _field(raw: Mapping[str, Any]) -> FormField:
    return FormField(
        path=raw["path"],
        widget=Widget(raw["widget"]),
        label=Text(**raw["label"]),
        help=_text(raw.get("help")),
        required=bool(raw.get("required", False)),
        prefill=Prefill(raw["prefill"]) if "prefill" in raw else None,
        locked=bool(raw.get("locked", False)),
        visible_if=raw.get("visible_if"),
        options=tuple(
            Option(value=o["value"], label=Text(**o["label"])) for o in raw.get("options", ())
        ),
    )


def _build(raw: Mapping[str, Any]) -> FormDefinition:
    sections = []
    for sec in raw["ui_schema"]["sections"]:
        repeat = None
        if "repeat" in sec:
            rep = sec["repeat"]
            repeat = RepeatGroup(
                path=rep["path"],
                min_items=rep["min"],
                max_items=rep["max"],
                item_label=Text(**rep["item_label"]),
                fields=tuple(_field(f) for f in rep["fields"]),
            )
        sections.append(
            Section(
                id=sec["id"],
                title=Text(**sec["title"]),
                help=_text(sec.get("help")),
                visible_if=sec.get("visible_if"),
                fields=tuple(_field(f) for f in sec.get("fields", ())),
                repeat=repeat,
            )
        )
    return FormDefinition(
        form_id=raw["form_id"],
        version=raw["version"],
        title=Text(**raw["title"]),
        subject=raw["subject"],
        data_schema=raw["data_schema"],
        sections=tuple(sections),
        description=_text(raw.get("description")),
    )


# ------------------------------------------------------------------------- cross-checks


class _SchemaWalker:
    """Finds the sub-schema at a dotted path, following local ``$ref``s."""

    def __init__(self, root: JsonObject) -> None:
        self._root = root

    def resolve(self, schema: JsonObject) -> JsonObject:
        seen = 0
        while "$ref" in schema and seen < 20:
            ref = schema["$ref"]
            if not isinstance(ref, str) or not ref.startswith("#/"):
                return {}
            node: Any = self._root
            for part in ref[2:].split("/"):
                node = node.get(part, {}) if isinstance(node, dict) else {}
            schema = node
            seen += 1
        return schema

    def at(self, base: JsonObject, path: str) -> JsonObject | None:
        node = self.resolve(base)
        for part in path.split("."):
            props = node.get("properties")
            if not isinstance(props, dict) or part not in props:
                return None
            node = self.resolve(props[part])
        return node

    def unconditionally_required(self, base: JsonObject, path: str) -> bool:
        """True when the data schema requires ``path`` (and all its parents) with no condition."""
        node = self.resolve(base)
        for part in path.split("."):
            if part not in node.get("required", ()):
                return False
            node = self.resolve(node.get("properties", {}).get(part, {}))
        return True

    def required_leaves(self, base: JsonObject, prefix: str = "") -> Iterator[str]:
        """Dotted paths of unconditionally required values that are not plain objects."""
        node = self.resolve(base)
        for name in node.get("required", ()):
            sub = node.get("properties", {}).get(name)
            if sub is None:
                continue
            path = f"{prefix}{name}"
            target = self.resolve(sub)
            if "$ref" not in sub and target.get("type") == "object" and "properties" in target:
                yield from self.required_leaves(target, path + ".")
            else:
                yield path


_WIDGET_TYPES: dict[Widget, tuple[set[str], str | None]] = {
    Widget.TEXT: ({"string"}, None),
    Widget.TEXTAREA: ({"string"}, None),
    Widget.NUMBER: ({"number", "integer"}, None),
    Widget.DATE: ({"string"}, "date"),
    Widget.CHOICE: ({"string", "integer", "number", "boolean"}, None),
    Widget.SWITCH: ({"boolean"}, None),
    Widget.ADDRESS: ({"object"}, None),
    Widget.ID_NUMBER: ({"string"}, "cn-resident-id"),
    Widget.PHONE: ({"string"}, "cn-phone"),
    Widget.CREDIT_CODE: ({"string"}, "cn-credit-code"),
    Widget.BANK_ACCOUNT: ({"string"}, "bank-card-number"),
    Widget.SIGNATURE: ({"string"}, "uuid"),
}


def _condition_fields(condition: Condition) -> Iterator[tuple[str, list[Any]]]:
    if "field" in condition:
        values = [condition["equals"]] if "equals" in condition else list(condition["in"])
        yield condition["field"], values
    for key in ("all", "any"):
        for sub in condition.get(key, ()):
            yield from _condition_fields(sub)
    if "not" in condition:
        yield from _condition_fields(condition["not"])


def _check_field(
    walker: _SchemaWalker,
    base: JsonObject,
    form_field: FormField,
    where: str,
    earlier: Mapping[str, FormField],
    conditional: bool,
) -> list[str]:
    problems: list[str] = []
    schema = walker.at(base, form_field.path)
    if schema is None:
        return [f"{where}: field {form_field.path!r} is not in the data schema"]
    types, fmt = _WIDGET_TYPES[form_field.widget]
    declared = schema.get("type")
    declared_set = set(declared) if isinstance(declared, list) else {declared}
    if not declared_set <= types:
        problems.append(f"{where}: widget {form_field.widget} cannot hold type {declared}")
    if fmt is not None and schema.get("format") != fmt:
        problems.append(f"{where}: widget {form_field.widget} needs format {fmt!r}")
    if form_field.widget is Widget.ADDRESS and not {"county", "town", "detail"} <= set(
        schema.get("properties", {})
    ):
        problems.append(f"{where}: address needs county, town and detail")
    if form_field.widget is Widget.CHOICE:
        enum = schema.get("enum")
        values = [o.value for o in form_field.options]
        if not isinstance(enum, list) or sorted(map(str, enum)) != sorted(map(str, values)):
            problems.append(f"{where}: options {values} differ from the schema's enum {enum}")
    if walker.unconditionally_required(base, form_field.path):
        if conditional:
            problems.append(f"{where}: a field that can be hidden is required unconditionally")
        elif not form_field.required:
            problems.append(f"{where}: the schema requires it but the UI says optional")
    if form_field.visible_if is not None:
        for ref, values in _condition_fields(form_field.visible_if):
            problems.extend(_check_reference(where, ref, values, earlier))
    return problems


def _check_reference(
    where: str, ref: str, values: list[Any], earlier: Mapping[str, FormField]
) -> list[str]:
    target = earlier.get(ref)
    if target is None:
        return [f"{where}: visible_if refers to {ref!r}, which is not an earlier field"]
    if target.widget is Widget.CHOICE:
        known = {o.value for o in target.options}
        unknown = [v for v in values if v not in known]
        if unknown:
            return [f"{where}: visible_if compares {ref!r} with unknown values {unknown}"]
    return []


def _cross_check(form: FormDefinition) -> list[str]:
    walker = _SchemaWalker(form.data_schema)
    root = form.data_schema
    problems: list[str] = []
    earlier: dict[str, FormField] = {}
    section_ids: set[str] = set()
    shown: set[str] = set()
    for index, section in enumerate(form.sections):
        where = f"section {section.id!r}"
        if section.id in section_ids:
            problems.append(f"{where}: duplicate section id")
        section_ids.add(section.id)
        if section.visible_if is not None:
            for ref, values in _condition_fields(section.visible_if):
                problems.extend(_check_reference(where, ref, values, earlier))
        conditional = section.visible_if is not None
        for form_field in section.fields:
            fwhere = f"sections[{index}] field {form_field.path!r}"
            if form_field.path in shown:
                problems.append(f"{fwhere}: appears twice")
            problems.extend(
                _check_field(
                    walker,
                    root,
                    form_field,
                    fwhere,
                    earlier,
                    conditional or form_field.visible_if is not None,
                )
            )
            earlier[form_field.path] = form_field
            shown.add(form_field.path)
        if section.repeat is not None:
            problems.extend(_check_repeat(walker, root, section, where))
            shown.add(section.repeat.path)
    for leaf in walker.required_leaves(root):
        if leaf not in shown:
            problems.append(f"data schema requires {leaf!r} but no UI field asks for it")
    return problems


def _check_repeat(
    walker: _SchemaWalker, root: JsonObject, section: Section, where: str
) -> list[str]:
    repeat = section.repeat
    assert repeat is not None
    array = walker.at(root, repeat.path)
    if array is None or array.get("type") != "array":
        return [f"{where}: repeat path {repeat.path!r} is not an array in the data schema"]
    problems = []
    if array.get("minItems", 0) != repeat.min_items or array.get("maxItems") != repeat.max_items:
        problems.append(f"{where}: min/max differ from the schema's minItems/maxItems")
    if repeat.min_items > repeat.max_items:
        problems.append(f"{where}: min is larger than max")
    if (
        repeat.min_items > 0
        and section.visible_if is not None
        and walker.unconditionally_required(root, repeat.path)
    ):
        problems.append(f"{where}: a group that can be hidden is required unconditionally")
    item = walker.resolve(array.get("items", {}))
    earlier: dict[str, FormField] = {}
    for form_field in repeat.fields:
        fwhere = f"{where} item field {form_field.path!r}"
        problems.extend(
            _check_field(
                walker, item, form_field, fwhere, earlier, form_field.visible_if is not None
            )
        )
        earlier[form_field.path] = form_field
    shown = {f.path for f in repeat.fields}
    for leaf in walker.required_leaves(item):
        if leaf not in shown:
            problems.append(f"{where}: items require {leaf!r} but no UI field asks for it")
    return problems
