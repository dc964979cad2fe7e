"""Routes for terminals as such: enrollment, rotation, heartbeats, catalog, forms, the monitor."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from central.auth import Credentials, Enrollment, Terminal, terminal_dependency
from central.catalog import CatalogSource
from central.errors import responses
from central.monitoring import Heartbeat, HeartbeatAck, Monitoring

router = APIRouter(tags=["terminals"])
page_router = APIRouter(tags=["monitoring"])
TerminalAuth = Annotated[Terminal, Depends(terminal_dependency)]
TerminalId = Annotated[str, Field(pattern=r"^[A-Z0-9][A-Z0-9-]{3,31}$")]


class EnrollRequest(BaseModel):
    """A one-time code from the platform's administrator and the terminal's id."""

    code: Annotated[str, Field(min_length=4, max_length=64)]
    terminal_id: TerminalId


class IssuedCredentials(BaseModel):
    """Credentials for HTTP Basic (client_id:client_secret); the secret is shown only now."""

    client_id: str
    client_secret: str
    terminal_id: str


class WhoAmI(BaseModel):
    """The terminal the credentials belong to."""

    client_id: str
    terminal_id: str


def _issued(credentials: Credentials) -> IssuedCredentials:
    return IssuedCredentials(
        client_id=credentials.client_id,
        client_secret=credentials.client_secret,
        terminal_id=credentials.terminal_id,
    )


@router.post(
    "/enroll",
    operation_id="enrollTerminal",
    status_code=201,
    responses=responses(401, 422),
)
def enroll(body: EnrollRequest, request: Request) -> IssuedCredentials:
    """Spend a one-time enrollment code; returns the terminal's credentials."""
    enrollment: Enrollment = request.app.state.enrollment
    return _issued(enrollment.enroll(body.code, body.terminal_id))


@router.get("/terminals/me", operation_id="getOwnTerminal", responses=responses(401))
def who_am_i(terminal: TerminalAuth) -> WhoAmI:
    """Check credentials: the terminal they belong to (401 with a reason if revoked)."""
    return WhoAmI(client_id=terminal.client_id, terminal_id=terminal.terminal_id)


@router.post(
    "/terminals/me/credentials",
    operation_id="rotateCredentials",
    status_code=201,
    responses=responses(401),
)
def rotate(terminal: TerminalAuth, request: Request) -> IssuedCredentials:
    """A new secret; the current one keeps working until the new one is first used."""
    enrollment: Enrollment = request.app.state.enrollment
    return _issued(enrollment.rotate(terminal))


@router.post("/heartbeats", operation_id="postHeartbeat", responses=responses(401, 422))
def heartbeat(beat: Heartbeat, terminal: TerminalAuth, request: Request) -> HeartbeatAck:
    """Record the terminal's health; the answer tells it its clock skew."""
    monitoring: Monitoring = request.app.state.monitoring
    return monitoring.record(terminal, beat)


@router.get(
    "/catalog",
    operation_id="getCatalog",
    response_class=Response,
    responses={
        200: {
            "content": {"application/gzip": {"schema": {"type": "string", "format": "binary"}}},
            "description": (
                "The catalog (gzip JSON), newer than the cursor: a delta from the cursor's"
                " version (header Catalog-Delta-Base) when the platform still has that"
                " version, else the whole bundle."
            ),
        },
        304: {"description": "The terminal's copy (If-None-Match or cursor) is current."},
        **responses(401, 404, 422),
    },
)
def catalog(
    terminal: TerminalAuth,
    request: Request,
    cursor: Annotated[int | None, Query(ge=0, description="catalog_version held")] = None,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """The catalog if newer than the terminal's copy; ``Catalog-Version`` is the new cursor."""
    source: CatalogSource = request.app.state.catalog
    bundle = source.current()
    headers = {"ETag": bundle.etag, "Catalog-Version": str(bundle.version)}
    if if_none_match == bundle.etag or (cursor is not None and cursor >= bundle.version):
        return Response(status_code=304, headers=headers)
    delta = source.delta(cursor) if cursor is not None else None
    if delta is not None and len(delta) < len(bundle.gzip_bytes):
        headers["Catalog-Delta-Base"] = str(cursor)
        return Response(delta, media_type="application/gzip", headers=headers)
    return Response(bundle.gzip_bytes, media_type="application/gzip", headers=headers)


@router.get("/forms", operation_id="listForms", responses=responses(401))
def forms(terminal: TerminalAuth, request: Request) -> dict[str, int]:
    """Form id → version of every form definition."""
    source: CatalogSource = request.app.state.catalog
    return source.form_versions()


@router.get("/forms/{form_id}", operation_id="getForm", responses=responses(401, 404))
def form(form_id: str, terminal: TerminalAuth, request: Request) -> dict[str, Any]:
    """One form definition (JSON Schema + UI schema)."""
    source: CatalogSource = request.app.state.catalog
    return source.form(form_id)


@page_router.get("/monitor", operation_id="monitorPage", response_class=HTMLResponse)
def monitor(request: Request) -> HTMLResponse:
    """The monitoring page: terminals and their health (loopback / admin network only)."""
    monitoring: Monitoring = request.app.state.monitoring
    return HTMLResponse(monitoring.page())
