"""Checking a form's data with jsonschema and turning the errors into plain words per field.

The submitted data (visible fields only, see kiosk.form_visibility) is validated against the
form's data schema with ``Draft202012Validator`` and our formats (kiosk.form_formats), then an
address's town is checked against its county. Each error is keyed by the path of the field the
resident sees (``contact.phone``, ``family_members.1.id_number``) with a message in zh and en.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from kiosk import form_formats
from kiosk.form_visibility import get_path, submitted_data, visible_paths
from kiosk.forms import FormDefinition, FormField, Text, Widget
from kiosk.identity import IdReason, validate_resident_id
from kiosk.mianyang_divisions import town_in_county


@dataclass(frozen=True)
class FieldError:
    """One problem, next to one field: ``path`` is the field's concrete path."""

    path: str
    code: str  # the JSON Schema keyword ("required", "format"…) or one of ours
    message: Text


@cache
def _validator(form: FormDefinition) -> Draft202012Validator:
    return Draft202012Validator(
        dict(form.data_schema), format_checker=form_formats.format_checker()
    )


def _fields_by_path(form: FormDefinition) -> dict[str, tuple[FormField, Text | None]]:
    """UI fields keyed by path; repeat fields as ``group.*.field`` with the item label."""
    fields: dict[str, tuple[FormField, Text | None]] = {}
    for section in form.sections:
        for form_field in section.fields:
            fields[form_field.path] = (form_field, None)
        if section.repeat is not None:
            for form_field in section.repeat.fields:
                key = f"{section.repeat.path}.*.{form_field.path}"
                fields[key] = (form_field, section.repeat.item_label)
    return fields


def _generic(path: str) -> str:
    """``family_members.2.name`` -> ``family_members.*.name``."""
    return ".".join("*" if part.isdigit() else part for part in path.split("."))


def _owner(
    fields: Mapping[str, tuple[FormField, Text | None]], path: str
) -> tuple[str, FormField | None, Text | None]:
    """The UI field a data path belongs to (an address part belongs to its address field)."""
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        hit = fields.get(_generic(candidate))
        if hit is not None:
            return candidate, hit[0], hit[1]
    return path, None, None


def _label(form_field: FormField | None, item_label: Text | None, path: str) -> Text:
    if form_field is None:
        return Text(zh="此项", en="this item")
    if item_label is None:
        return form_field.label
    index = next((int(p) + 1 for p in path.split(".") if p.isdigit()), 1)
    return Text(
        zh=f"{item_label.zh}{index}的{form_field.label.zh}",
        en=f"{item_label.en} {index}, {form_field.label.en}",
    )


_FORMAT_MESSAGES = {
    form_formats.RESIDENT_ID: Text(
        zh="公民身份号码不正确，请核对（18位，最后一位可能是X）",
        en="This resident ID number is not valid; check it (18 characters, the last may be X)",
    ),
    form_formats.PHONE: Text(
        zh="请输入11位手机号码，或带区号的固定电话（如0816-2345678）",
        en="Enter an 11-digit mobile number or a landline with its area code (e.g. 0816-2345678)",
    ),
    form_formats.CREDIT_CODE: Text(
        zh="统一社会信用代码不正确，请核对营业执照上的18位代码",
        en="This credit code is not valid; check the 18 characters on the business licence",
    ),
    form_formats.BANK_ACCOUNT: Text(
        zh="银行账号不正确，请核对卡号", en="This bank account number is not valid; please check it"
    ),
    "date": Text(zh="请选择正确的日期", en="Choose a valid date"),
    "uuid": Text(zh="请在签名区签名", en="Please sign in the signature box"),
}


_ID_REASONS = {
    IdReason.LENGTH: Text(zh="公民身份号码应为18位", en="A resident ID number has 18 characters"),
    IdReason.FORMAT: Text(
        zh="公民身份号码只能是数字，最后一位可以是X",
        en="A resident ID number is digits only; the last may be X",
    ),
    IdReason.CHECKSUM: Text(
        zh="公民身份号码有误（校验位不符），请逐位核对",
        en="This resident ID number has a typo (check character does not match)",
    ),
    IdReason.DATE: Text(
        zh="公民身份号码中的出生日期不正确", en="The birth date inside this ID number is not valid"
    ),
    IdReason.FUTURE_DATE: Text(
        zh="公民身份号码中的出生日期晚于今天",
        en="The birth date in this ID number is in the future",
    ),
    IdReason.REGION: Text(
        zh="公民身份号码前6位的地区码不存在", en="The first 6 digits are not a known region code"
    ),
}


def _resident_id_message(value: Any) -> Text:
    check = validate_resident_id(value) if isinstance(value, str) else None
    if check is not None and check.reason is not None:
        return _ID_REASONS.get(IdReason(check.reason), _FORMAT_MESSAGES[form_formats.RESIDENT_ID])
    return _FORMAT_MESSAGES[form_formats.RESIDENT_ID]


def _in_item(message: Text, item_label: Text | None, path: str) -> Text:
    """Say which item of a repeat group a message is about, unless it already does."""
    if item_label is None:
        return message
    index = next((int(p) + 1 for p in path.split(".") if p.isdigit()), 1)
    zh, en = f"{item_label.zh}{index}", f"{item_label.en} {index}"
    return Text(
        zh=message.zh if zh in message.zh else f"{zh}：{message.zh}",
        en=message.en if en in message.en else f"{en}: {message.en}",
    )


def _message(error: ValidationError, label: Text, form_field: FormField | None) -> Text:
    keyword = str(error.validator)
    value: Any = error.validator_value
    if keyword == "format" and value == form_formats.RESIDENT_ID:
        return _resident_id_message(error.instance)
    if keyword == "format" and value in _FORMAT_MESSAGES:
        return _FORMAT_MESSAGES[value]
    if keyword in ("enum", "const"):
        return Text(zh=f"请选择{label.zh}", en=f"{label.en}: please choose")
    if keyword == "minLength" and value <= 1:
        return Text(zh=f"请填写{label.zh}", en=f"{label.en}: please fill this in")
    if keyword == "minLength":
        return Text(
            zh=f"{label.zh}至少{value}个字", en=f"{label.en} needs at least {value} characters"
        )
    if keyword == "maxLength":
        return Text(
            zh=f"{label.zh}最多{value}个字", en=f"{label.en} can have at most {value} characters"
        )
    if keyword == "minimum":
        return Text(zh=f"{label.zh}不能小于{value}", en=f"{label.en} cannot be less than {value}")
    if keyword == "exclusiveMinimum":
        return Text(zh=f"{label.zh}必须大于{value}", en=f"{label.en} must be more than {value}")
    if keyword in ("maximum", "exclusiveMaximum"):
        return Text(zh=f"{label.zh}不能大于{value}", en=f"{label.en} cannot be more than {value}")
    if keyword == "pattern":
        hint = form_field.help if form_field is not None and form_field.help else None
        return Text(
            zh=f"{label.zh}格式不正确" + (f"（{hint.zh}）" if hint else ""),
            en=f"{label.en} is not in the right form" + (f" ({hint.en})" if hint else ""),
        )
    if keyword == "minItems":
        return Text(zh=f"请至少添加{value}项", en=f"Add at least {value}")
    if keyword == "maxItems":
        return Text(zh=f"最多只能添加{value}项", en=f"You can add at most {value}")
    if keyword == "type" and form_field is not None and form_field.widget is Widget.NUMBER:
        return Text(zh=f"{label.zh}请填写数字", en=f"{label.en} must be a number")
    return Text(zh=f"请检查{label.zh}", en=f"{label.en}: please check this")


def _leaf_errors(errors: Iterator[ValidationError]) -> Iterator[ValidationError]:
    """Flatten allOf/if-then wrappers so each error is the one next to the value."""
    for error in errors:
        if error.context:
            yield from _leaf_errors(iter(error.context))
        else:
            yield error


def validate_form_data(form: FormDefinition, draft_data: Mapping[str, Any]) -> list[FieldError]:
    """Every problem of what would be submitted from ``draft_data``, one per field, in order."""
    data = submitted_data(form, draft_data)
    fields = _fields_by_path(form)
    visible = visible_paths(form, draft_data)
    found: dict[str, FieldError] = {}
    for error in _leaf_errors(_validator(form).iter_errors(data)):
        base = ".".join(str(p) for p in error.absolute_path)
        if error.validator == "required":
            present = error.instance if isinstance(error.instance, Mapping) else {}
            missing = [name for name in error.validator_value if name not in present]
            for name in missing:
                _add_missing(found, fields, visible, f"{base}.{name}" if base else name)
            continue
        path, form_field, item_label = _owner(fields, base)
        if path not in found:
            label = _label(form_field, item_label, path)
            message = _in_item(_message(error, label, form_field), item_label, path)
            found[path] = FieldError(path, str(error.validator), message)
    _check_addresses(form, data, found)
    order = _screen_order(form, draft_data)
    return sorted(found.values(), key=lambda e: order.get(e.path, len(order)))


def _add_missing(
    found: dict[str, FieldError],
    fields: Mapping[str, tuple[FormField, Text | None]],
    visible: frozenset[str],
    path: str,
) -> None:
    generic = _generic(path)
    if generic in fields or not any(k.startswith(generic + ".") for k in fields):
        targets = [path]
    else:
        # A whole group is missing: point at each required field in it that the resident
        # can see. Required-ness follows visibility: a field hidden by its condition (say,
        # the plate number while no matter is chosen) is not asked for.
        targets = [
            path + key[len(generic) :]
            for key, (form_field, _) in fields.items()
            if key.startswith(generic + ".")
            and form_field.required
            and "*" not in key[len(generic) :]
            and path + key[len(generic) :] in visible
        ] or [path]
    for target in targets:
        owner, form_field, item_label = _owner(fields, target)
        if owner in found:
            continue
        label = _label(form_field, item_label, owner)
        if form_field is not None and form_field.widget is Widget.SIGNATURE:
            message = _FORMAT_MESSAGES["uuid"]
        elif form_field is not None and form_field.widget in (Widget.CHOICE, Widget.DATE):
            message = Text(zh=f"请选择{label.zh}", en=f"{label.en}: please choose")
        else:
            message = Text(zh=f"请填写{label.zh}", en=f"{label.en}: please fill this in")
        found[owner] = FieldError(owner, "required", message)


def _check_addresses(
    form: FormDefinition, data: Mapping[str, Any], found: dict[str, FieldError]
) -> None:
    for _, form_field in form.top_level_fields():
        if form_field.widget is not Widget.ADDRESS or form_field.path in found:
            continue
        value = get_path(data, form_field.path)
        if not isinstance(value, Mapping):
            continue
        county, town = value.get("county"), value.get("town")
        if isinstance(county, str) and isinstance(town, str) and not town_in_county(county, town):
            found[form_field.path] = FieldError(
                form_field.path,
                "town_not_in_county",
                Text(
                    zh="所选乡镇（街道）不属于所选县（市、区），请重新选择",
                    en="The town or street chosen is not in the county chosen; choose again",
                ),
            )


def _screen_order(form: FormDefinition, data: Mapping[str, Any]) -> dict[str, int]:
    order: dict[str, int] = {}
    for path in _ordered_paths(form, data):
        order.setdefault(path, len(order))
    return order


def _ordered_paths(form: FormDefinition, data: Mapping[str, Any]) -> Iterator[str]:
    for section in form.sections:
        for form_field in section.fields:
            yield form_field.path
        if section.repeat is not None:
            yield section.repeat.path
            items = get_path(data, section.repeat.path)
            for index in range(len(items) if isinstance(items, list) else 0):
                for form_field in section.repeat.fields:
                    yield f"{section.repeat.path}.{index}.{form_field.path}"
