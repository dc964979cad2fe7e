"""Admin routes (bearer admin token from ``data_dir/admin.token``): codes, revocation, status
moves, fault injection, withdrawn services, catalog publishing, the stored inventory."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from central.applications import (
    ApplicationRecord,
    Applications,
    ApplicationStatus,
    StatusChange,
)
from central.auth import Enrollment, admin_dependency
from central.catalog import CatalogSource
from central.errors import ApiError, responses
from central.faults import FaultInjector, FaultSettings

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(admin_dependency)])


class CodeRequest(BaseModel):
    """Which terminal the code is for."""

    terminal_id: Annotated[str, Field(pattern=r"^[A-Z0-9][A-Z0-9-]{3,31}$")]


class EnrollmentCode(BaseModel):
    """A one-time enrollment code."""

    code: str
    terminal_id: str
    expires_at: datetime


class Withdrawal(BaseModel):
    """Why a service no longer takes applications."""

    reason: Annotated[str, Field(min_length=1, max_length=200)]


class Published(BaseModel):
    """The catalog version now published."""

    version: int


@router.post(
    "/enrollment-codes",
    operation_id="adminCreateEnrollmentCode",
    status_code=201,
    responses=responses(401),
)
def create_code(body: CodeRequest, request: Request) -> EnrollmentCode:
    """A one-time enrollment code for a terminal (valid 24 h)."""
    enrollment: Enrollment = request.app.state.enrollment
    code, expires = enrollment.create_code(body.terminal_id)
    return EnrollmentCode(code=code, terminal_id=body.terminal_id, expires_at=expires)


@router.post(
    "/terminals/{client_id}/revoke",
    operation_id="adminRevokeTerminal",
    status_code=204,
    responses=responses(401, 404),
)
def revoke(client_id: str, request: Request) -> None:
    """Revoke a terminal's credentials: its next request gets 401 terminal_revoked."""
    enrollment: Enrollment = request.app.state.enrollment
    if not enrollment.revoke(client_id):
        raise ApiError(404, "terminal_not_found", "no terminal with this client id")


@router.post(
    "/applications/{application_id}/status",
    operation_id="adminMoveApplication",
    responses=responses(401, 404, 409),
)
def move(application_id: str, change: StatusChange, request: Request) -> ApplicationStatus:
    """Move an application forward (the back office's decision)."""
    applications: Applications = request.app.state.applications
    return applications.move(application_id, change)


@router.get("/applications", operation_id="adminInventory", responses=responses(401))
def inventory(request: Request) -> list[dict[str, Any]]:
    """Every stored application with the SHA-256 of each stored attachment."""
    applications: Applications = request.app.state.applications
    return applications.inventory()


@router.get(
    "/applications/{application_id}",
    operation_id="adminApplicationRecord",
    responses=responses(401, 404),
)
def application_record(application_id: str, request: Request) -> ApplicationRecord:
    """One stored application: numbers, status, the assisting staff member and the location."""
    applications: Applications = request.app.state.applications
    return applications.record(application_id)


@router.get("/faults", operation_id="adminGetFaults", responses=responses(401))
def get_faults(request: Request) -> FaultSettings:
    """The faults in force."""
    faults: FaultInjector = request.app.state.faults
    return faults.settings


@router.put("/faults", operation_id="adminSetFaults", responses=responses(401))
def set_faults(settings: FaultSettings, request: Request) -> FaultSettings:
    """Replace the faults in force (all zero: a healthy platform)."""
    faults: FaultInjector = request.app.state.faults
    faults.configure(settings)
    return faults.settings


@router.post(
    "/services/{service_code}/withdraw",
    operation_id="adminWithdrawService",
    status_code=204,
    responses=responses(401),
)
def withdraw(service_code: str, body: Withdrawal, request: Request) -> None:
    """Refuse every further submission for a service (a permanent refusal)."""
    applications: Applications = request.app.state.applications
    applications.withdraw_service(service_code, body.reason)


@router.post(
    "/catalog",
    operation_id="adminPublishCatalog",
    status_code=201,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/gzip": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
    responses=responses(400, 401, 409),
)
async def publish(request: Request) -> Published:
    """Publish a newer catalog bundle (gzip JSON with a higher catalog_version)."""
    source: CatalogSource = request.app.state.catalog
    bundle = source.publish(await request.body())
    return Published(version=bundle.version)
