"""schemathesis against the reference platform's committed OpenAPI document: every operation,
with generated valid and invalid requests, on a platform of its own on loopback (HTTP). Each
answer must be no server error and must conform to the document (status, content type, body,
headers). Terminal routes get an enrolled terminal's Basic credentials, admin routes the admin
bearer token. Bounded (few examples per operation) so it stays well under a minute."""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from central.openapi import COMMITTED_OPENAPI
from offline_cache.catalog_store import BUNDLED_CATALOG, FORMS_DIR
from tests.fixtures.platform import RunningPlatform, running_reference_platform

pytestmark = pytest.mark.stack
MAX_EXAMPLES = 12


@pytest.fixture(scope="module")
def fuzzed_platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPlatform]:
    """A platform of its own: fuzzing publishes catalogs, withdraws services, sets faults."""
    base = tmp_path_factory.mktemp("fuzzed-platform")
    args = ("--catalog", str(BUNDLED_CATALOG), "--forms-dir", str(FORMS_DIR))
    with running_reference_platform(base / "data", base, extra_args=args) as platform:
        yield platform


@pytest.fixture(scope="module")
def credentials(fuzzed_platform: RunningPlatform) -> dict[str, str]:
    """Authorization headers: an enrolled terminal's Basic, and the admin bearer token."""
    admin = fuzzed_platform.admin
    code = admin.enrollment_code("MY-FUZZ-001")
    answer = requests.post(
        f"{fuzzed_platform.base_url}/api/v1/enroll",
        json={"code": code, "terminal_id": "MY-FUZZ-001"},
        timeout=10,
    )
    answer.raise_for_status()
    issued = answer.json()
    basic = base64.b64encode(f"{issued['client_id']}:{issued['client_secret']}".encode())
    token = (Path(admin.data_dir) / "admin.token").read_text().strip()
    return {"terminal": f"Basic {basic.decode()}", "admin": f"Bearer {token}"}


@schemathesis.serializer("application/gzip")
def _gzip(context: object, value: object) -> bytes:
    """Catalog bundles are gzip JSON: send what was generated, compressed."""
    raw = value if isinstance(value, bytes) else json.dumps(value).encode()
    return gzip.compress(raw)


@schemathesis.serializer("application/offset+octet-stream")
def _tus_chunk(context: object, value: object) -> bytes:
    """A tus PATCH body is raw bytes."""
    return value if isinstance(value, bytes) else str(value).encode()


# Loaded at import from the committed file (pytest collects one test per operation); the
# platform's address is given with each call.
schema = schemathesis.openapi.from_path(COMMITTED_OPENAPI)
# tus answers a request in another protocol version 412 and one past Upload-Length 413: both
# are refusals of invalid requests, as the protocol wants them.
schema.config.checks.negative_data_rejection.expected_statuses = [
    *schema.config.checks.negative_data_rejection.expected_statuses,
    "412",
    "413",
]
# Not checked: that every schema-valid request is accepted. Some rules are beyond what the
# document can say, and the platform enforces them with a documented 4xx: Idempotency-Key
# must be the application id, a submission names the caller's own terminal_id, 不满意/非常不满意
# need reasons, a bundle key must be a real Ed25519 key, a catalog needs catalog_version and
# services, tus needs Tus-Resumable.
EXCLUDED = [positive_data_acceptance]


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_every_operation_answers_as_the_contract_says(
    case: schemathesis.Case,
    credentials: dict[str, str],
    fuzzed_platform: RunningPlatform,
) -> None:
    admin = case.path.startswith("/api/v1/admin/")
    headers = {"Authorization": credentials["admin" if admin else "terminal"]}
    try:
        case.call_and_validate(
            base_url=fuzzed_platform.base_url,
            headers=headers,
            excluded_checks=EXCLUDED,
            timeout=10,
        )
    finally:
        if case.operation.definition.raw.get("operationId") == "adminSetFaults":
            fuzzed_platform.admin.set_faults()  # generated faults must not hit the next case
