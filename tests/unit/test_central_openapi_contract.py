"""The committed OpenAPI document (the published platform contract) is the one the server serves."""

from __future__ import annotations

import json

from central.openapi import COMMITTED_OPENAPI, openapi_document

REGENERATE = "regenerate it with: .venv/bin/python -m central --write-openapi central/openapi.json"


def test_committed_openapi_matches_the_app() -> None:
    assert COMMITTED_OPENAPI.exists(), f"{COMMITTED_OPENAPI} is missing; {REGENERATE}"
    committed = COMMITTED_OPENAPI.read_text(encoding="utf-8")
    assert committed == openapi_document(), (
        f"the platform's OpenAPI differs from the committed {COMMITTED_OPENAPI.name}: "
        f"if the change to the contract is intended, {REGENERATE}"
    )


def test_write_openapi_option_writes_the_committed_form(tmp_path) -> None:
    from central.__main__ import main

    target = tmp_path / "openapi.json"
    assert main(["--write-openapi", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == openapi_document()
    assert "/api/v1/health" in json.loads(target.read_text(encoding="utf-8"))["paths"]
