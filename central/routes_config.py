"""Per-terminal configuration: the terminal reads its own, an administrator sets it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Request, Response
from fastapi.responses import JSONResponse

from central.auth import Terminal, admin_dependency, terminal_dependency
from central.errors import responses
from central.terminal_config import TerminalConfig, TerminalConfigs, TerminalConfigUpdate

router = APIRouter(tags=["terminals"])
TerminalAuth = Annotated[Terminal, Depends(terminal_dependency)]
TerminalIdPath = Annotated[str, Path(pattern=r"^[A-Z0-9][A-Z0-9-]{3,31}$")]


def _configs(request: Request) -> TerminalConfigs:
    configs: TerminalConfigs = request.app.state.terminal_configs
    return configs


@router.get(
    "/terminals/me/config",
    operation_id="getOwnConfig",
    response_model=TerminalConfig,
    responses={
        304: {"description": "The terminal's copy (If-None-Match) is current."},
        **responses(401),
    },
)
def own_config(
    terminal: TerminalAuth,
    request: Request,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """The settings the platform holds for this terminal (``ETag``; 304 if unchanged)."""
    config = _configs(request).get(terminal.terminal_id)
    headers = {"ETag": config.etag}
    if if_none_match == config.etag:
        return Response(status_code=304, headers=headers)
    return JSONResponse(config.model_dump(), headers=headers)


@router.put(
    "/admin/terminals/{terminal_id}/config",
    operation_id="adminSetTerminalConfig",
    tags=["admin"],
    dependencies=[Depends(admin_dependency)],
    responses=responses(401, 422),
)
def set_config(
    terminal_id: TerminalIdPath, update: TerminalConfigUpdate, request: Request
) -> TerminalConfig:
    """Replace a terminal's configuration values (a new version)."""
    return _configs(request).put(terminal_id, update)
