"""Admin route: a signed provisioning payload (for a QR code) setting up a terminal in one scan."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field, StrictBool

from central.auth import Enrollment, admin_dependency
from central.errors import ApiError, responses
from central.provisioning import ProvisioningKey

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(admin_dependency)])

SECTIONS = ("terminal", "platform", "ui", "session", "sync", "mobile", "devices")


class ProvisioningRequest(BaseModel):
    """The settings to put in the code, and whether to include a fresh enrollment code."""

    config: dict[
        Annotated[str, Field(pattern="^(" + "|".join(SECTIONS) + ")$")], dict[str, Any]
    ] = Field(default_factory=dict)
    # A one-time enrollment code for config.terminal.id, spent by the terminal after applying.
    enroll: StrictBool = False  # strict: 0/1 are not true/false (schemathesis)


class ProvisioningPayload(BaseModel):
    """The QR text, the public key terminals must trust, and the enrollment code inside (if any)."""

    payload: str
    public_key: str
    enrollment_code: str | None = None


@router.post(
    "/provisioning",
    operation_id="adminCreateProvisioningPayload",
    status_code=201,
    responses=responses(401, 422),
)
def create_payload(body: ProvisioningRequest, request: Request) -> ProvisioningPayload:
    """Sign a provisioning payload with the platform's provisioning key."""
    key: ProvisioningKey = request.app.state.provisioning_key
    code = None
    if body.enroll:
        terminal_id = body.config.get("terminal", {}).get("id")
        if not isinstance(terminal_id, str):
            raise ApiError(422, "terminal_id_missing", "enroll needs config.terminal.id")
        enrollment: Enrollment = request.app.state.enrollment
        code, _expires = enrollment.create_code(terminal_id)
    return ProvisioningPayload(
        payload=key.payload(body.config, code), public_key=key.public_key, enrollment_code=code
    )
