"""The reference platform's FastAPI application: what a terminal talks to in demo mode and tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Literal

from fastapi import FastAPI
from pydantic import BaseModel

API_TITLE = "OneWindow platform API"
# The version of the published contract (central/openapi.json), not of the server software.
API_VERSION = "1.0.0"
API_PREFIX = "/api/v1"


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


def create_app(data_dir: Path) -> FastAPI:
    """The platform application, keeping its data under ``data_dir`` (created at start-up)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        data_dir.mkdir(parents=True, exist_ok=True)
        yield

    app = FastAPI(title=API_TITLE, version=API_VERSION, lifespan=lifespan)
    app.state.data_dir = data_dir
    version = server_version()

    @app.get(f"{API_PREFIX}/health", tags=["service"], operation_id="getHealth")
    def health() -> Health:
        """The platform is up; its version and its clock (UTC)."""
        return Health(status="ok", version=version, time=datetime.now(UTC))

    return app
