"""The platform's answers as the terminal reads them (the committed OpenAPI contract).

Unknown fields are ignored (the platform may grow); missing or mistyped ones are a BadAnswer.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class IssuedCredentials(_Answer):
    """Enrollment / rotation answer."""

    client_id: Annotated[str, Field(min_length=1, max_length=128)]
    client_secret: Annotated[str, Field(min_length=16, max_length=512)]
    terminal_id: str


class BundleCredentials(_Answer):
    """Queue bundle keys: the city key, this terminal's certificate, the platform's key."""

    bundle_key: Annotated[str, Field(min_length=40, max_length=64)]
    certificate: dict[str, str]
    platform_public_key: Annotated[str, Field(min_length=40, max_length=64)]


class WhoAmI(_Answer):
    """Whose credentials these are."""

    client_id: str
    terminal_id: str


class SubmissionResult(_Answer):
    """The platform took the application: its official number (办件编号)."""

    application_id: str
    official_number: Annotated[str, Field(min_length=1, max_length=64)]
    status: str
    received_at: datetime


class StatusEvent(_Answer):
    """One step of the platform's history of an application."""

    status: str
    at: datetime
    note: str | None = None


class RatingAnswer(_Answer):
    """A rating the platform holds."""

    level: str
    reasons: list[str]


class ApplicationStatus(_Answer):
    """Status and history of an application at the platform."""

    application_id: str
    official_number: str
    receipt_number: str
    status: str
    history: list[StatusEvent]
    rating: RatingAnswer | None = None


class HeartbeatAck(_Answer):
    """The platform's clock, our skew against it, and the last audit seq it holds."""

    received_at: datetime
    clock_skew_s: float
    audit_seq: int | None = None  # None: a platform that takes no audit entries


class Health(_Answer):
    """The platform is up."""

    status: str
    version: str
    time: datetime


# --- what the terminal sends (additions to the submission; checked before they leave) -------


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AssistingStaffRecord(_Request):
    """The field staff member who made an assisted application (帮办代办) with the resident."""

    staff_id: Annotated[str, Field(min_length=1, max_length=64)]
    name: Annotated[str, Field(min_length=1, max_length=64)]


class ServiceLocationRecord(_Request):
    """Where a mobile service unit made the application: GPS fix, place name, or unknown."""

    source: Literal["gps", "place", "unknown"]
    place_name: Annotated[str, Field(max_length=64)] | None = None
    latitude: Annotated[float, Field(ge=-90, le=90)] | None = None
    longitude: Annotated[float, Field(ge=-180, le=180)] | None = None
    fixed_at: datetime | None = None


def submission_additions(payload: Mapping[str, Any]) -> dict[str, Any]:
    """``assisted_by`` and ``location`` of a sealed application, for its submission body.

    Absent ones stay absent, so an application made without them submits exactly as before.
    """
    additions: dict[str, Any] = {}
    if payload.get("assisted_by") is not None:
        staff = AssistingStaffRecord.model_validate(payload["assisted_by"])
        additions["assisted_by"] = staff.model_dump(mode="json")
    if payload.get("location") is not None:
        place = ServiceLocationRecord.model_validate(payload["location"])
        additions["location"] = place.model_dump(mode="json")
    return additions


class TerminalConfigAnswer(_Answer):
    """The settings the platform holds for this terminal (version 0: none)."""

    version: Annotated[int, Field(ge=0)]
    values: dict[str, str | int | float | bool]
