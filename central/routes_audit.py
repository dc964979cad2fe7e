"""Admin route: the audit trail a terminal has pushed with its heartbeats, and its problems."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel

from central.audit_trail import AuditEntry
from central.auth import admin_dependency
from central.errors import responses
from central.monitoring import Monitoring

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(admin_dependency)])


class AuditTrailView(BaseModel):
    """Every entry held for a terminal, in seq order, and every problem found in the chain."""

    client_id: str
    entries: list[AuditEntry]
    problems: list[str]


@router.get(
    "/terminals/{client_id}/audit",
    operation_id="adminGetAuditTrail",
    responses=responses(401, 422),
)
def audit_trail(
    client_id: Annotated[str, Path(max_length=128)], request: Request
) -> AuditTrailView:
    """The audit trail of the terminal with these credentials (chain checked on arrival).

    Keyed by client id: a terminal enrolled again (a fresh install) starts a new trail.
    """
    monitoring: Monitoring = request.app.state.monitoring
    return AuditTrailView(
        client_id=client_id,
        entries=monitoring.audit.entries(client_id),
        problems=monitoring.audit.problems(client_id),
    )
