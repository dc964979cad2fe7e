"""The published API contract: the OpenAPI document of the reference platform, as committed."""

from __future__ import annotations

import tempfile
from pathlib import Path

from central.app import create_app, openapi_json

COMMITTED_OPENAPI = Path(__file__).with_name("openapi.json")


def openapi_document() -> str:
    """The app's OpenAPI document as committed: pretty-printed, sorted keys, final newline."""
    with tempfile.TemporaryDirectory() as data_dir:
        return openapi_json(create_app(Path(data_dir)))


def write_openapi(path: Path) -> None:
    """Write the OpenAPI document to ``path``."""
    path.write_text(openapi_document(), encoding="utf-8")
