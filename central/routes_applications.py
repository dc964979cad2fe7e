"""Routes for applications: submit (Idempotency-Key, in the caller's own name), status by
any number, rating."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request, Response

from central.applications import (
    Applications,
    ApplicationStatus,
    ApplicationSubmission,
    Rating,
    SubmissionResult,
)
from central.auth import Terminal, terminal_dependency
from central.errors import responses

router = APIRouter(tags=["applications"])
TerminalAuth = Annotated[Terminal, Depends(terminal_dependency)]


def _applications(request: Request) -> Applications:
    applications: Applications = request.app.state.applications
    return applications


@router.post(
    "/applications",
    operation_id="submitApplication",
    status_code=201,
    responses=responses(400, 401, 409, 422),
)
def submit(
    body: ApplicationSubmission,
    request: Request,
    response: Response,
    terminal: TerminalAuth,
    idempotency_key: Annotated[str | None, Header(description="the application id")] = None,
) -> SubmissionResult:
    """Submit once: a retry with the same key and payload gets the original answer. The
    ``terminal_id`` must be the calling terminal's own (422 ``origin_mismatch`` otherwise)."""
    result, replayed = _applications(request).submit(terminal, idempotency_key, body)
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return result


@router.get(
    "/applications/{number}",
    operation_id="getApplicationStatus",
    responses=responses(401, 404),
)
def status(number: str, request: Request, terminal: TerminalAuth) -> ApplicationStatus:
    """Status and history by application id, official number (办件编号) or receipt number."""
    return _applications(request).status(number)


@router.post(
    "/applications/{application_id}/rating",
    operation_id="rateApplication",
    status_code=201,
    responses=responses(401, 404, 409, 422),
)
def rate(
    application_id: str,
    rating: Rating,
    request: Request,
    response: Response,
    terminal: TerminalAuth,
) -> Rating:
    """Rate the service (好差评), once per application; the same rating again is accepted."""
    stored, replayed = _applications(request).rate(application_id, rating)
    if replayed:
        response.status_code = 200
    return stored
