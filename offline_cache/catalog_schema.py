"""The JSON schema of a catalog bundle (the bundled file and every update must satisfy it).

SERVICE_SCHEMA has no cross-field keywords (only required + independent properties), so the
store may check each distinct value of a property once instead of once per service.
"""

from __future__ import annotations

from typing import Any

_TEXT = {"type": "string", "minLength": 1}
_BILINGUAL_TEXT = {
    "type": "object",
    "required": ["text", "text_en"],
    "properties": {"text": _TEXT, "text_en": _TEXT},
}

MATERIAL_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [
        "name",
        "name_en",
        "form",
        "copies",
        "medium",
        "capturable",
        "evidence_level",
    ],
    "properties": {
        "name": _TEXT,
        "name_en": _TEXT,
        "form": {"enum": ["original", "copy"]},
        "copies": {"type": "integer", "minimum": 1, "maximum": 20},
        "medium": {"enum": ["paper", "electronic"]},
        "capturable": {"type": "boolean"},
        "evidence_level": {"enum": ["A", "B", "C", "N"]},
    },
}

SERVICE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [
        "code",
        "name",
        "short_name",
        "keywords",
        "level",
        "division_code",
        "division_name",
        "county_code",
        "department",
        "department_en",
        "task_type",
        "themes",
        "service_object",
        "conditions",
        "materials",
        "fee",
        "statutory_limit_days",
        "promised_limit_days",
        "online_depth",
        "terminal_applicable",
        "counters",
        "legal_basis",
        "form",
        "popularity",
    ],
    "properties": {
        # Basic code, 12-digit area code of a Mianyang division, 000, department code, tail.
        "code": {
            "type": "string",
            "pattern": r"^[0-9A-Z-]+-5107\d{8}-000-[0-9A-Z]{18}-[0-9A-Z-]+$",
        },
        "name": _TEXT,
        # English names are optional: an older bundle without them shows the Chinese name.
        "name_en": _TEXT,
        "short_name": _TEXT,
        "short_name_en": _TEXT,
        "keywords": {"type": "array", "items": _TEXT},
        "level": {"enum": ["municipal", "county", "town"]},
        "division_code": {"type": "string", "pattern": r"^5107\d{2}(\d{3})?$"},
        "division_name": _TEXT,
        "division_name_en": _TEXT,
        "county_code": {"type": "string", "pattern": r"^5107\d{2}$"},
        "department": _TEXT,
        "department_en": _TEXT,
        "task_type": {"enum": ["1", "5", "7", "8", "9", "10", "20"]},
        "themes": {"type": "array", "minItems": 1, "items": _TEXT},
        "service_object": {"enum": ["person", "enterprise"]},
        "conditions": {"type": "array", "items": _BILINGUAL_TEXT},
        "materials": {"type": "array", "minItems": 1, "items": MATERIAL_SCHEMA},
        "fee": {
            "type": "object",
            "required": ["charged", "text", "text_en"],
            "properties": {"charged": {"type": "boolean"}, "text": _TEXT, "text_en": _TEXT},
        },
        "statutory_limit_days": {"type": "integer", "minimum": 0},
        "promised_limit_days": {"type": "integer", "minimum": 0},
        "online_depth": {"enum": ["全程网办", "最多跑一次", "必须到现场"]},
        "terminal_applicable": {"type": "boolean"},
        "counters": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["name", "name_en", "address", "hours", "hours_en"],
                "properties": {
                    k: _TEXT for k in ("name", "name_en", "address", "hours", "hours_en")
                },
            },
        },
        "legal_basis": {"type": "array", "items": _TEXT},
        "form": {
            "type": "object",
            "required": ["id", "version"],
            "properties": {
                "id": {"type": "string", "pattern": r"^[a-z][a-z0-9-]+$"},
                "version": {"type": "integer", "minimum": 1},
            },
        },
        "popularity": {"type": "integer", "minimum": 0},
        # Youngest age at which a person may apply alone (absent: no limit); see the generator.
        "min_applicant_age": {"type": "integer", "minimum": 0, "maximum": 120},
    },
}

DIVISION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["code", "name", "level", "county_code"],
    "properties": {
        "code": {"type": "string", "pattern": r"^5107\d{2}(\d{3})?$"},
        "name": _TEXT,
        "name_en": _TEXT,
        "level": {"enum": ["municipal", "county", "town"]},
        "county_code": {"type": "string"},
    },
}

# The envelope: services are checked one by one with SERVICE_SCHEMA so a report can name them.
BUNDLE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["format", "format_version", "catalog_version", "divisions", "services"],
    "properties": {
        "format": {"const": "onewindow-catalog"},
        "format_version": {"const": 1},
        "catalog_version": {"type": "integer", "minimum": 1},
        "attribution": {"type": "array"},
        "divisions": {"type": "array", "minItems": 1, "items": DIVISION_SCHEMA},
        "services": {"type": "array", "minItems": 1, "items": {"type": "object"}},
    },
}

DELTA_FORMAT = "onewindow-catalog-delta"

# An incremental update: the services changed or added since ``base_version`` (whole records),
# the codes removed, and optionally the whole division list. Applied on top of the current copy
# only when the store holds exactly ``base_version``.
DELTA_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["format", "format_version", "base_version", "catalog_version", "services"],
    "properties": {
        "format": {"const": DELTA_FORMAT},
        "format_version": {"const": 1},
        "base_version": {"type": "integer", "minimum": 1},
        "catalog_version": {"type": "integer", "minimum": 2},
        "attribution": {"type": "array"},
        "divisions": {"type": "array", "minItems": 1, "items": DIVISION_SCHEMA},
        "services": {"type": "array", "items": {"type": "object"}},
        "removed": {"type": "array", "items": {"type": "string", "minLength": 1}},
    },
}
