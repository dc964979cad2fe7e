"""JSON field types as strict as the contract says, where pydantic's lax mode is not.

Found by schemathesis: the platform took ``false`` for an integer count and a bare number for
a ``date-time`` (pydantic reads a bool as 0/1 and a number as epoch seconds). An integer with
a zero fraction (``3.0``) stays allowed: JSON Schema counts it as an integer too.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BeforeValidator


def _not_bool(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError("a number is expected, not true/false")
    return value


def _iso_text(value: object) -> object:
    if not isinstance(value, str | datetime):
        raise ValueError("a date-time must be ISO 8601 text")
    return value


JsonInt = Annotated[int, BeforeValidator(_not_bool)]
JsonFloat = Annotated[float, BeforeValidator(_not_bool)]
Timestamp = Annotated[datetime, BeforeValidator(_iso_text)]
