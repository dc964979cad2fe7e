"""The platform's answers as the terminal reads them (the committed OpenAPI contract).

Unknown fields are ignored (the platform may grow); missing or mistyped ones are a BadAnswer.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class IssuedCredentials(_Answer):
    """Enrollment / rotation answer."""

    client_id: Annotated[str, Field(min_length=1, max_length=128)]
    client_secret: Annotated[str, Field(min_length=16, max_length=512)]
    terminal_id: str


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
    """The platform's clock, and our skew against it."""

    received_at: datetime
    clock_skew_s: float


class Health(_Answer):
    """The platform is up."""

    status: str
    version: str
    time: datetime
