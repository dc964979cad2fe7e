"""central.form_schemas on its own: a published form whose data schema is not a JSON Schema stops
the platform at start naming the form; a long list of problems is cut short but counted; errors
inside anyOf branches are named at the field, with no value in the answer."""

from __future__ import annotations

from typing import Any

import pytest

from central.errors import ApiError
from central.form_schemas import MAX_PROBLEMS_NAMED, FormSchemas, MalformedFormSchemaError


def _form(data_schema: Any) -> dict[str, Any]:
    return {"form_id": "person-test", "version": 3, "data_schema": data_schema}


def _refusal(schemas: FormSchemas, data: dict[str, Any]) -> ApiError:
    with pytest.raises(ApiError) as refused:
        schemas.check("person-test", 3, data)
    assert refused.value.status == 422
    return refused.value


@pytest.mark.parametrize("data_schema", [{"type": 5}, {"required": "name"}, None])
def test_a_malformed_data_schema_is_refused_at_start_naming_the_form(data_schema: Any) -> None:
    with pytest.raises(MalformedFormSchemaError, match="person-test v3"):
        FormSchemas({"person-test": _form(data_schema)})


def test_many_problems_are_cut_short_and_counted() -> None:
    names = [f"field_{n:02d}" for n in range(MAX_PROBLEMS_NAMED + 5)]
    schemas = FormSchemas({"person-test": _form({"type": "object", "required": names})})
    detail = _refusal(schemas, {}).detail
    assert "field_00 (required)" in detail and f"field_{MAX_PROBLEMS_NAMED - 1:02d}" in detail
    assert f"field_{MAX_PROBLEMS_NAMED:02d}" not in detail
    assert detail.endswith("and 5 more")


def test_an_error_inside_any_of_is_named_at_the_field_without_the_value() -> None:
    schema = {
        "type": "object",
        "properties": {
            "contact": {
                "anyOf": [
                    {"type": "object", "properties": {"phone": {"format": "cn-phone"}}},
                    {"type": "null"},
                ]
            }
        },
    }
    schemas = FormSchemas({"person-test": _form(schema)})
    error = _refusal(schemas, {"contact": {"phone": "CANARY-44"}})
    assert error.error == "form_data_invalid"
    assert "contact.phone (format cn-phone)" in error.detail
    assert "CANARY" not in error.detail
    schemas.check("person-test", 3, {"contact": {"phone": "0816-2345678"}})
    schemas.check("person-test", 3, {"contact": None})
