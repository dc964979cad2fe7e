"""Valid sample data for any form definition, generated from its fields with a seeded RNG."""

from __future__ import annotations

import functools
import random
import uuid
from typing import Any

from stdnum import luhn
from stdnum.cn import ric, uscc

from kiosk.applications import Draft
from kiosk.forms import FormDefinition, FormField, Prefill, Widget, load_forms
from kiosk.mianyang_divisions import counties
from kiosk.session import Session

# Fields whose schema carries a pattern: a value known to match it.
PATTERNED = {
    "vehicle.plate_number": "川B12345",
    "vehicle.vin_last6": "A12345",
    "vehicle.violation_number": "510700123456789",
    "project.code": "2024-510703-47-01-123456",
    "tax.period": "2024-05",
}

DEMO_IDENTITY = {
    Prefill.NAME: "李建国",
    Prefill.ID_NUMBER: "11010519491231002X",
    Prefill.SEX: "2",
    Prefill.BIRTH_DATE: "1949-12-31",
    Prefill.ADDRESS: "四川省绵阳市涪城区临园路东段68号",
    Prefill.CREDIT_CODE: "91350100M000100Y43",
    Prefill.ENTERPRISE_NAME: "绵阳示例科技有限公司",
}


def resident_id(rng: random.Random) -> str:
    """A valid 18-digit resident ID number from a Mianyang county."""
    county = rng.choice(["510703", "510704", "510722", "510781"])
    body = f"{county}{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    body += f"{rng.randint(0, 999):03d}"
    return body + ric.calc_check_digit(body + "0")


def credit_code(rng: random.Random) -> str:
    """A valid unified social credit code registered in Mianyang."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "91510700" + "".join(rng.choice(alphabet) for _ in range(9))
    return body + uscc.calc_check_digit(body)


def bank_card(rng: random.Random) -> str:
    """A 19-digit UnionPay debit card number with a valid Luhn digit."""
    body = "621700" + "".join(str(rng.randint(0, 9)) for _ in range(12))
    return body + luhn.calc_check_digit(body)


def _number(schema: dict[str, Any], rng: random.Random) -> int | float:
    low = schema.get("minimum", schema.get("exclusiveMinimum", 0) + 1)
    high = min(schema.get("maximum", low + 100), low + 100)
    value = rng.randint(int(low), int(high))
    return value if schema.get("type") == "integer" else float(value)


def _schema_at(form: FormDefinition, path: str, repeat: str | None) -> dict[str, Any]:
    node: dict[str, Any] = dict(form.data_schema)
    if repeat is not None:
        for part in repeat.split("."):
            node = node["properties"][part]
        node = node["items"]
    for part in path.split("."):
        node = node["properties"][part]
    return node


def value_for(
    form: FormDefinition, form_field: FormField, rng: random.Random, repeat: str | None = None
) -> Any:
    """A valid value for one field."""
    prefilled = form_field.prefill is not None and form_field.prefill in DEMO_IDENTITY
    if (
        prefilled
        and repeat is None
        and (form_field.prefill is Prefill.ID_NUMBER or form_field.locked)
    ):
        return DEMO_IDENTITY[form_field.prefill]  # type: ignore[index]
    if form_field.path.endswith("disability_certificate"):
        return resident_id(rng) + "23"
    full = form_field.path if repeat is None else f"{repeat}.{form_field.path}"
    if full in PATTERNED:
        return PATTERNED[full]
    widget = form_field.widget
    if widget is Widget.CHOICE:
        return rng.choice(form_field.options).value
    if widget is Widget.SWITCH:
        return rng.random() < 0.5
    if widget is Widget.NUMBER:
        return _number(_schema_at(form, form_field.path, repeat), rng)
    if widget is Widget.DATE:
        return f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if widget is Widget.ADDRESS:
        county = rng.choice(counties())
        town = rng.choice(county.towns)
        return {
            "county": county.code,
            "town": town.code,
            "detail": f"建设路{rng.randint(1, 300)}号",
        }
    if widget is Widget.ID_NUMBER:
        return resident_id(rng)
    if widget is Widget.PHONE:
        return rng.choice(["13", "15", "18"]) + f"{rng.randint(0, 999_999_999):09d}"
    if widget is Widget.CREDIT_CODE:
        return credit_code(rng)
    if widget is Widget.BANK_ACCOUNT:
        return bank_card(rng)
    if widget is Widget.SIGNATURE:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))
    if widget is Widget.TEXTAREA:
        return "因工作原因需办理此项业务，相关材料已备齐。"
    return rng.choice(["王小明", "绵阳市示例单位", "张三", "测试内容"])


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        data = data.setdefault(part, {})
    data[parts[-1]] = value


def sample_data(form: FormDefinition, seed: int) -> dict[str, Any]:
    """Every field filled with a valid value (hidden ones too: they must not break submission)."""
    rng = random.Random(seed)
    data: dict[str, Any] = {}
    for section in form.sections:
        for form_field in section.fields:
            _put(data, form_field.path, value_for(form, form_field, rng))
        if section.repeat is not None:
            group = section.repeat
            count = rng.randint(group.min_items, min(group.max_items, group.min_items + 3))
            items = []
            for _ in range(count):
                item: dict[str, Any] = {}
                for form_field in group.fields:
                    _put(item, form_field.path, value_for(form, form_field, rng, group.path))
                items.append(item)
            _put(data, group.path, items)
    return data


def flatten_answers(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Form data as dotted field paths (an address value stays whole)."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict) and "county" not in value:
            out.update(flatten_answers(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


@functools.cache
def bundled_forms() -> dict[str, FormDefinition]:
    """The bundled form definitions by id, loaded once."""
    return load_forms().forms


def filled_draft(session: Session, form_id: str = "person-benefit", seed: int = 3) -> Draft:
    """A draft prefilled from the demo card, every other field answered."""
    form = bundled_forms()[form_id]
    draft = Draft(session, form, "510700-000-GG-0042", DEMO_IDENTITY)
    for path, value in flatten_answers(sample_data(form, seed)).items():
        if not draft.is_locked(path):
            draft.set_value(path, value)
    return draft
