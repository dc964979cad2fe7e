"""The reference platform's FastAPI application: what a terminal talks to in demo mode and tests.

Services live on ``app.state`` (database, enrollment, uploads, applications, catalog,
monitoring, faults); the routes are in ``central.routes_*``. ``PlatformApp`` puts the fault
injector and the request size limit in front of everything, where uvicorn's own ``send`` is
still at hand (a connection reset needs the transport).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from central.applications import Applications
from central.auth import Enrollment, load_or_create_admin_token
from central.backoffice import SimulatedBackOffice
from central.bundles import CityKeys
from central.catalog import CatalogSource
from central.errors import ApiError, ErrorBody, api_error_handler, error_response
from central.faults import FaultInjector
from central.form_schemas import FormSchemas
from central.http_errors import http_exception_handler
from central.monitoring import Monitoring
from central.provisioning import ProvisioningKey
from central.storage import PlatformDB
from central.terminal_config import TerminalConfigs
from central.uploads import UploadStore

API_TITLE = "OneWindow platform API"
# The version of the published contract (central/openapi.json), not of the server software.
API_VERSION = "1.2.0"
API_PREFIX = "/api/v1"
MAX_JSON_BODY = 2 * 1024 * 1024
MAX_CHUNK = 16 * 1024 * 1024
MAX_BUNDLE = 1024 * 1024 * 1024  # a queue bundle from a USB drive (POST /bundles, admin only)
# Where a whole queue bundle is posted: by an admin, or by the terminal that relays it.
BUNDLE_PATHS = (API_PREFIX + "/bundles", API_PREFIX + "/terminals/me/relayed-bundles")


def server_version() -> str:
    """The installed version of this server (the onewindow-kiosk distribution)."""
    try:
        return metadata.version("onewindow-kiosk")
    except metadata.PackageNotFoundError:
        return "unknown"


class Health(BaseModel):
    """Answer of the health endpoint; `time` lets a terminal measure its clock skew."""

    status: Literal["ok"]
    version: str
    time: datetime


class PlatformApp(FastAPI):
    """FastAPI with the size limit and the fault injector outermost."""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """ASGI entry: refuse oversized bodies, then maybe inject a fault, then the app."""
        if scope["type"] == "http":
            limit = MAX_CHUNK if scope.get("method") == "PATCH" else MAX_JSON_BODY
            if scope.get("path") in BUNDLE_PATHS:
                limit = MAX_BUNDLE
            length = dict(scope.get("headers") or []).get(b"content-length", b"0")
            if not length.isdigit() or int(length) > limit:
                response = error_response(
                    413, "too_large", f"request bodies are limited to {limit}"
                )
                await response(scope, receive, send)
                return
        faults: FaultInjector = self.state.faults
        await faults(scope, receive, send)

    async def _inner(self, scope: Any, receive: Any, send: Any) -> None:
        await super().__call__(scope, receive, send)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    where = "; ".join(
        ".".join(str(p) for p in e.get("loc", ())) + f": {e.get('msg', '')}" for e in exc.errors()
    )
    return error_response(422, "invalid_request", where[:2000])


def create_app(
    data_dir: Path,
    *,
    catalog_file: Path | None = None,
    forms_dir: Path | None = None,
    demo: bool = False,
    validate_form_data: bool = False,
) -> FastAPI:
    """The platform application, keeping its data under ``data_dir`` (created now).

    With ``validate_form_data`` a submission's data must match the data schema of the published
    form it names (from ``forms_dir``); without, form data is stored unchecked.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    db = PlatformDB(data_dir)
    uploads = UploadStore(db, data_dir)
    backoffice: list[SimulatedBackOffice] = []

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if demo:
            backoffice.append(SimulatedBackOffice(app.state.applications))
            backoffice[0].start()
        yield
        for office in backoffice:
            office.stop()

    app = PlatformApp(
        title=API_TITLE,
        version=API_VERSION,
        lifespan=lifespan,
        responses={422: {"model": ErrorBody, "description": "Invalid request"}},
    )
    faults = FaultInjector(app._inner, API_PREFIX + "/", (API_PREFIX + "/admin/",))
    app.state.faults = faults
    app.state.data_dir = data_dir
    app.state.db = db
    app.state.admin_token = load_or_create_admin_token(data_dir)
    app.state.enrollment = Enrollment(db)
    app.state.uploads = uploads
    catalog = CatalogSource(data_dir, catalog_file, forms_dir)
    app.state.applications = Applications(
        db,
        uploads,
        lambda: faults.settings.submit_delay_ms / 1000,
        FormSchemas.published_by(catalog) if validate_form_data else None,
    )
    app.state.catalog = catalog
    app.state.monitoring = Monitoring(db)
    app.state.terminal_configs = TerminalConfigs(data_dir)
    app.state.provisioning_key = ProvisioningKey(data_dir)
    app.state.city_keys = CityKeys(data_dir)
    app.add_exception_handler(ApiError, api_error_handler)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, http_exception_handler)
    version = server_version()

    @app.get(f"{API_PREFIX}/health", tags=["service"], operation_id="getHealth")
    def health() -> Health:
        """The platform is up; its version and its clock (UTC)."""
        return Health(status="ok", version=version, time=datetime.now(UTC))

    from central import routes_admin, routes_applications, routes_terminals, routes_uploads

    for module in (routes_terminals, routes_uploads, routes_applications, routes_admin):
        app.include_router(module.router, prefix=API_PREFIX)
    from central import routes_bundles, routes_config

    app.include_router(routes_config.router, prefix=API_PREFIX)

    app.include_router(routes_bundles.router, prefix=API_PREFIX)
    from central import routes_audit, routes_provisioning

    app.include_router(routes_audit.router, prefix=API_PREFIX)
    app.include_router(routes_provisioning.router, prefix=API_PREFIX)
    app.include_router(routes_terminals.page_router)
    return app


def openapi_json(app: FastAPI) -> str:
    """The app's OpenAPI document as committed: pretty-printed, sorted keys, final newline."""
    return json.dumps(app.openapi(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
