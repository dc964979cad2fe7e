"""Every request the terminal's client sends matches the committed OpenAPI document (path,
method, required headers, JSON body schema), so kiosk and platform cannot drift apart."""

from __future__ import annotations

import json
import re
import threading
from datetime import UTC, datetime
from typing import Any

import pytest
import requests
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from central.openapi import COMMITTED_OPENAPI
from config.secrets import load_secrets
from kiosk.sync.platform_client import PlatformClient
from tests.fixtures.platform import RunningPlatform
from tests.fixtures.sync import SyncTerminal, seed_applications

pytestmark = pytest.mark.stack
# Until tests.fixtures.sync is listed in tests/conftest.py pytest_plugins.

CONTRACT: dict[str, Any] = json.loads(COMMITTED_OPENAPI.read_text(encoding="utf-8"))
REGISTRY = Registry().with_resource("urn:contract", DRAFT202012.create_resource(CONTRACT))


class RecordingSession(requests.Session):
    """A requests session that keeps every prepared request it sends."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[requests.PreparedRequest] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        self.sent.append(request)
        return super().send(request, **kwargs)


def _operation(method: str, path: str) -> dict[str, Any]:
    for template, operations in CONTRACT["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if re.match(pattern, path) and method.lower() in operations:
            return dict(operations[method.lower()])
    raise AssertionError(f"{method} {path} is not in the contract")


def contract_problems(request: requests.PreparedRequest) -> list[str]:
    """What in ``request`` the contract does not allow (empty: it conforms)."""
    assert request.url is not None and request.method is not None
    path = requests.utils.urlparse(request.url).path
    operation = _operation(request.method, path)
    problems = []
    headers = {k.lower() for k in request.headers}
    for parameter in operation.get("parameters", []):
        if (
            parameter["in"] == "header"
            and parameter.get("required")
            and (parameter["name"].lower() not in headers)
        ):
            problems.append(f"{request.method} {path}: header {parameter['name']} missing")
    body_spec = operation.get("requestBody", {}).get("content", {})
    if "application/json" in body_spec:
        schema = {"$ref": "urn:contract#" + body_spec["application/json"]["schema"]["$ref"][1:]}
        body = json.loads(request.body or b"null")
        validator = Draft202012Validator(schema, registry=REGISTRY)
        problems += [f"{request.method} {path}: {e.message}" for e in validator.iter_errors(body)]
    return problems


def test_every_request_of_a_full_sync_conforms_to_the_contract(
    sync_terminal: SyncTerminal, tls_platform: RunningPlatform
) -> None:
    session = RecordingSession()
    secrets = load_secrets(sync_terminal.settings.storage.secrets_file)
    sync_terminal.client = PlatformClient.from_settings(sync_terminal.settings, secrets, session)
    engine = sync_terminal.new_engine()
    ids = seed_applications(sync_terminal.store, 2, attachments=2, size=100_000)
    sync_terminal.store.outbox.queue_rating(ids[0], "dissatisfied", ("waiting",), datetime.now(UTC))
    engine.run(threading.Event(), until_empty=True, timeout_s=30)
    engine.cycle()  # status pulls and the rating
    outbox = sync_terminal.store.outbox
    first = outbox.attachments(ids[0])[0]
    url = outbox.upload_progress(ids[0], first.attachment_id).upload_url
    assert url is not None
    assert sync_terminal.client.tus_offset(url) == first.size  # what a resume asks first
    sync_terminal.client.health()
    sync_terminal.client.catalog(None, None)
    methods = {(r.method, requests.utils.urlparse(r.url).path.split("/")[3]) for r in session.sent}
    assert {m for m, _ in methods} >= {"POST", "HEAD", "PATCH", "GET"}
    assert {p for _, p in methods} >= {"uploads", "applications", "heartbeats", "health", "catalog"}
    problems = [p for r in session.sent for p in contract_problems(r)]
    assert problems == []


def test_the_checker_catches_a_request_outside_the_contract() -> None:
    bad = requests.Request(
        "POST",
        "https://127.0.0.1/api/v1/applications",
        json={"application_id": "not-a-uuid", "attachments": []},
    ).prepare()
    problems = contract_problems(bad)
    assert any("application_id" in p or "required" in p for p in problems)
