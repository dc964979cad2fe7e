"""Checking a submission's form data against the data schema of the form it names.

Each published form definition (central.catalog, read from the server's ``--forms-dir``) holds a
JSON Schema (draft 2020-12) ``data_schema``; the submitted ``data`` must satisfy the one of its
``form_id`` and ``form_version``. Formats are checked, with the same rules as the terminal: the
standard ones of ``jsonschema.FormatChecker`` plus the four our schemas name. Central imports
nothing of the kiosk, so those four are written here again on python-stdnum, no stricter than the
kiosk's (a platform stricter than its terminals would quarantine applications residents made in
good faith).

A refusal names the failing paths and schema keywords, never a submitted value: the answer ends
up in the terminal's quarantine reason and logs, where personal data must not go.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import SchemaError, ValidationError
from stdnum import luhn, numdb
from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidComponent

from central.catalog import CatalogSource
from central.errors import ApiError

RESIDENT_ID = "cn-resident-id"
PHONE = "cn-phone"
CREDIT_CODE = "cn-credit-code"
BANK_ACCOUNT = "bank-card-number"

# The terminal's rules (kiosk.form_formats); keep the two in step.
_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
_LANDLINE = re.compile(r"^0[1-9][0-9]{1,2}-?[2-9][0-9]{6,7}$")
_DIGITS = re.compile(r"^[0-9]{10,30}$")
_CHINA = dt.timezone(dt.timedelta(hours=8))
MAX_PROBLEMS_NAMED = 20  # the rest are counted: the detail stays short enough to store
MAX_PATH_CHARS = 120


def is_resident_id(value: str) -> bool:
    """An 18-character resident ID number as typed: date, check character, a county code."""
    if len(value) != 18 or not value.isascii():
        return False
    if not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        return False
    try:
        birth = ric.get_birth_date(value)
    except (InvalidComponent, ValueError):
        return False
    if value[17] != ric.calc_check_digit(value):
        return False
    # A day of slack: the terminal judges "not born in the future" by its own clock.
    latest = dt.datetime.now(_CHINA).date() + dt.timedelta(days=1)
    if birth.year < 1850 or birth > latest:
        return False
    # Any county code that ever existed, as the kiosk accepts (not only the one valid at birth).
    return any("county" in props for _, props in numdb.get("cn/loc").info(value[:6]))


def is_phone(value: str) -> bool:
    """A mainland mobile number (11 digits) or a landline with its area code."""
    return bool(_MOBILE.match(value) or _LANDLINE.match(value))


def is_credit_code(value: str) -> bool:
    """An 18-character unified social credit code (GB 32100) as typed, check character right."""
    return uscc.is_valid(value) and uscc.compact(value) == value


def is_bank_account(value: str) -> bool:
    """10–30 digits; a UnionPay card number (16 or 19 digits from 62) passes the Luhn check."""
    if not _DIGITS.match(value):
        return False
    return luhn.is_valid(value) if len(value) in (16, 19) and value.startswith("62") else True


def _strings_only(check: Callable[[str], bool]) -> Callable[[object], bool]:
    # Formats apply to strings only; a wrong type is the "type" keyword's error.
    def checked(value: object) -> bool:
        return not isinstance(value, str) or check(value)

    return checked


def format_checker() -> FormatChecker:
    """The standard formats (date, uuid, email…) plus the four of our form schemas."""
    checker = FormatChecker()
    for name, check in (
        (RESIDENT_ID, is_resident_id),
        (PHONE, is_phone),
        (CREDIT_CODE, is_credit_code),
        (BANK_ACCOUNT, is_bank_account),
    ):
        checker.checks(name)(_strings_only(check))
    return checker


@dataclass(frozen=True, order=True)
class DataProblem:
    """One failing place in the data: a dotted path (``applicant.phone``) and what failed
    (``format cn-phone``, ``required``), from the schema only."""

    path: str
    failed: str


def _dotted(parts: Iterable[object]) -> str:
    path = ".".join(str(p) for p in parts)
    return path[:MAX_PATH_CHARS] if path else "(data)"


def _leaves(errors: Iterable[ValidationError]) -> Iterator[ValidationError]:
    """The errors next to the values, out of anyOf/oneOf wrappers."""
    for error in errors:
        if error.context:
            yield from _leaves(error.context)
        else:
            yield error


def _problems(error: ValidationError) -> Iterator[DataProblem]:
    # Built from the keyword and the schema's own values: ``error.message`` quotes the
    # submitted value, which may be personal data.
    keyword = str(error.validator)
    where = list(error.absolute_path)
    if keyword == "required" and isinstance(error.instance, Mapping):
        for name in error.validator_value:
            if name not in error.instance:
                yield DataProblem(_dotted([*where, name]), "required")
    elif keyword == "additionalProperties" and isinstance(error.instance, Mapping):
        allowed = set(error.schema.get("properties", {}))
        patterns = [re.compile(p) for p in error.schema.get("patternProperties", {})]
        for name in error.instance:
            if name not in allowed and not any(p.search(str(name)) for p in patterns):
                yield DataProblem(_dotted([*where, name]), "not allowed")
    elif keyword in ("format", "type"):
        yield DataProblem(_dotted(where), f"{keyword} {error.validator_value}")
    else:
        yield DataProblem(_dotted(where), keyword)


@dataclass(frozen=True)
class FormSchema:
    """One published form's data schema, ready to check submissions with."""

    form_id: str
    version: int
    validator: Draft202012Validator

    def problems(self, data: Mapping[str, Any]) -> list[DataProblem]:
        """Every failing place of ``data``, sorted by path; empty when it is valid."""
        found = {p for e in _leaves(self.validator.iter_errors(data)) for p in _problems(e)}
        return sorted(found)


class MalformedFormSchemaError(ValueError):
    """A published form definition whose data schema is not a valid JSON Schema."""


class FormSchemas:
    """The data schemas of the published forms, by form id and version."""

    def __init__(self, forms: Mapping[str, Mapping[str, Any]]) -> None:
        """``forms``: form id → definition, as the platform publishes them."""
        checker = format_checker()
        self._schemas: dict[tuple[str, int], FormSchema] = {}
        for form_id, definition in forms.items():
            version = int(definition["version"])
            schema = definition.get("data_schema")
            try:
                if not isinstance(schema, Mapping):
                    raise SchemaError("data_schema is not an object")
                Draft202012Validator.check_schema(schema)
            except SchemaError as error:
                raise MalformedFormSchemaError(
                    f"form {form_id} v{version}: its data_schema is not a valid JSON Schema"
                    f" ({error.message})"
                ) from None
            validator = Draft202012Validator(dict(schema), format_checker=checker)
            self._schemas[(form_id, version)] = FormSchema(form_id, version, validator)

    @classmethod
    def published_by(cls, catalog: CatalogSource) -> FormSchemas:
        """The schemas of the forms ``catalog`` serves (GET /forms)."""
        return cls({form_id: catalog.form(form_id) for form_id in catalog.form_versions()})

    def known(self) -> list[tuple[str, int]]:
        """(form id, version) of every form whose submissions can be checked."""
        return sorted(self._schemas)

    def check(self, form_id: str, version: int, data: Mapping[str, Any]) -> None:
        """Nothing when ``data`` satisfies the form's schema; otherwise a 422 naming the
        failing paths (``form_unknown`` for a form id and version this platform does not
        publish, ``form_data_invalid`` for data that does not match)."""
        schema = self._schemas.get((form_id, version))
        if schema is None:
            raise ApiError(
                422, "form_unknown", f"this platform publishes no form {form_id} v{version}"
            )
        problems = schema.problems(data)
        if not problems:
            return
        named = ", ".join(f"{p.path} ({p.failed})" for p in problems[:MAX_PROBLEMS_NAMED])
        more = len(problems) - MAX_PROBLEMS_NAMED
        raise ApiError(
            422,
            "form_data_invalid",
            f"the data does not match form {form_id} v{version} at: {named}"
            + (f" and {more} more" if more > 0 else ""),
        )
