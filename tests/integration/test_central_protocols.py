"""The reference platform's protocols as any client sees them: Idempotency-Key semantics, tus
1.0 (discovery, creation, offsets, checksum 460), enrollment codes, rotation, revocation."""

from __future__ import annotations

import base64
import hashlib
import ssl
import threading
import uuid
from typing import Any

import httpx
import pytest

from kiosk.form_visibility import submitted_data
from tests.fixtures.platform import RunningPlatform
from tests.form_samples import bundled_forms, sample_data

pytestmark = pytest.mark.stack
TUS = {"Tus-Resumable": "1.0.0"}


def _client(platform: RunningPlatform) -> tuple[httpx.Client, tuple[str, str]]:
    code = platform.admin.enrollment_code("MY-PROTO-01")
    http = httpx.Client(
        base_url=platform.base_url + "/api/v1",
        verify=ssl.create_default_context(cafile=str(platform.ca_file)),
    )
    issued = http.post("/enroll", json={"code": code, "terminal_id": "MY-PROTO-01"}).json()
    return http, (issued["client_id"], issued["client_secret"])


def _upload(http: httpx.Client, auth: tuple[str, str], data: bytes) -> str:
    created = http.post("/uploads", headers={**TUS, "Upload-Length": str(len(data))}, auth=auth)
    assert created.status_code == 201
    url = created.headers["Location"]
    patched = http.patch(
        url,
        content=data,
        auth=auth,
        headers={**TUS, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"},
    )
    assert patched.status_code == 204
    return url.rsplit("/", 1)[1]


FORM = bundled_forms()["person-general"]


def _submission(upload_id: str, data: bytes, subject: str = "a") -> dict[str, Any]:
    return {
        "application_id": str(uuid.uuid4()),
        "receipt_number": "MY-PROTO-01-20260101-00001X",
        "terminal_id": "MY-PROTO-01",
        "service_code": "510700-000-XK-0001",
        "form_id": "person-general",
        "form_version": 1,
        "finalized_at": "2026-01-01T08:00:00+08:00",
        "data": submitted_data(FORM, sample_data(FORM, ord(subject))),
        "attachments": [
            {
                "upload_id": upload_id,
                "attachment_id": "a1",
                "material_code": "id-card",
                "pages": 1,
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        ],
    }


def test_idempotency_key_same_payload_replays_and_another_payload_is_422(
    tls_platform: RunningPlatform,
) -> None:
    http, auth = _client(tls_platform)
    data = b"page" * 1000
    body = _submission(_upload(http, auth, data), data)
    key = {"Idempotency-Key": body["application_id"]}
    first = http.post("/applications", json=body, headers=key, auth=auth)
    again = http.post("/applications", json=body, headers=key, auth=auth)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers.get("Idempotent-Replayed") == "true"
    changed = {**body, "data": {"subject": "b"}}
    other = http.post("/applications", json=changed, headers=key, auth=auth)
    assert other.status_code == 422 and other.json()["error"] == "idempotency_key_reused"
    missing = http.post("/applications", json=body, auth=auth)
    assert missing.status_code == 400


def test_a_request_still_in_progress_gets_409(tls_platform: RunningPlatform) -> None:
    http, auth = _client(tls_platform)
    data = b"x" * 100
    body = _submission(_upload(http, auth, data), data)
    key = {"Idempotency-Key": body["application_id"]}
    tls_platform.admin.set_faults(submit_delay_ms=1500)
    try:
        slow: list[httpx.Response] = []
        worker = threading.Thread(
            target=lambda: slow.append(
                http.post("/applications", json=body, headers=key, auth=auth)
            )
        )
        worker.start()
        threading.Event().wait(0.5)
        second = httpx.post(
            f"{tls_platform.base_url}/api/v1/applications",
            json=body,
            headers=key,
            auth=auth,
            verify=ssl.create_default_context(cafile=str(tls_platform.ca_file)),
        )
        worker.join()
    finally:
        tls_platform.admin.set_faults()
    assert second.status_code == 409 and second.json()["error"] == "request_in_progress"
    assert slow[0].status_code == 201


def test_tus_discovery_offsets_and_checksum_mismatch(tls_platform: RunningPlatform) -> None:
    http, auth = _client(tls_platform)
    options = http.options("/uploads")
    assert options.status_code == 204
    assert options.headers["Tus-Version"] == "1.0.0"
    assert set(options.headers["Tus-Extension"].split(",")) == {"creation", "checksum"}
    assert "sha256" in options.headers["Tus-Checksum-Algorithm"].split(",")
    no_version = http.post("/uploads", headers={"Upload-Length": "4"}, auth=auth)
    assert no_version.status_code == 412 and no_version.headers["Tus-Version"] == "1.0.0"
    url = http.post("/uploads", headers={**TUS, "Upload-Length": "8"}, auth=auth).headers[
        "Location"
    ]
    patch = {**TUS, "Content-Type": "application/offset+octet-stream"}
    wrong = base64.b64encode(hashlib.sha256(b"nope").digest()).decode()
    bad = http.patch(
        url,
        content=b"abcd",
        auth=auth,
        headers={**patch, "Upload-Offset": "0", "Upload-Checksum": f"sha256 {wrong}"},
    )
    assert bad.status_code == 460
    assert http.head(url, headers=TUS, auth=auth).headers["Upload-Offset"] == "0"
    good = base64.b64encode(hashlib.sha256(b"abcd").digest()).decode()
    ok = http.patch(
        url,
        content=b"abcd",
        auth=auth,
        headers={**patch, "Upload-Offset": "0", "Upload-Checksum": f"sha256 {good}"},
    )
    assert ok.status_code == 204 and ok.headers["Upload-Offset"] == "4"
    stale = http.patch(url, content=b"efgh", auth=auth, headers={**patch, "Upload-Offset": "0"})
    assert stale.status_code == 409
    head = http.head(url, headers=TUS, auth=auth)
    assert (head.headers["Upload-Offset"], head.headers["Upload-Length"]) == ("4", "8")
    assert head.headers["Cache-Control"] == "no-store"


def test_enrollment_code_is_one_time_and_revocation_says_why(tls_platform: RunningPlatform) -> None:
    code = tls_platform.admin.enrollment_code("MY-PROTO-02")
    http = httpx.Client(
        base_url=tls_platform.base_url + "/api/v1",
        verify=ssl.create_default_context(cafile=str(tls_platform.ca_file)),
    )
    body = {"code": code, "terminal_id": "MY-PROTO-02"}
    issued = http.post("/enroll", json=body)
    assert issued.status_code == 201
    assert http.post("/enroll", json=body).status_code == 401
    auth = (issued.json()["client_id"], issued.json()["client_secret"])
    assert http.get("/terminals/me", auth=auth).status_code == 200
    bearer = {"Authorization": f"Bearer {auth[0]}.{auth[1]}"}
    assert http.get("/terminals/me", headers=bearer).status_code == 200
    tls_platform.admin.revoke(auth[0])
    refused = http.get("/terminals/me", auth=auth)
    assert refused.status_code == 401 and refused.json()["error"] == "terminal_revoked"


def test_rotation_keeps_the_old_secret_until_the_new_one_is_used(
    tls_platform: RunningPlatform,
) -> None:
    http, (client_id, old) = _client(tls_platform)
    new = http.post("/terminals/me/credentials", auth=(client_id, old)).json()["client_secret"]
    assert http.get("/terminals/me", auth=(client_id, old)).status_code == 200
    assert http.get("/terminals/me", auth=(client_id, new)).status_code == 200
    assert http.get("/terminals/me", auth=(client_id, old)).status_code == 401


def test_ratings_need_reasons_for_the_two_lowest_and_come_once(
    tls_platform: RunningPlatform,
) -> None:
    http, auth = _client(tls_platform)
    data = b"y" * 10
    body = _submission(_upload(http, auth, data), data)
    app_id = body["application_id"]
    http.post("/applications", json=body, headers={"Idempotency-Key": app_id}, auth=auth)
    rate = f"/applications/{app_id}/rating"
    assert http.post(rate, json={"level": "dissatisfied"}, auth=auth).status_code == 422
    assert http.post(rate, json={"level": "satisfied"}, auth=auth).status_code == 201
    assert http.post(rate, json={"level": "satisfied"}, auth=auth).status_code == 200
    assert http.post(rate, json={"level": "basic"}, auth=auth).status_code == 409
