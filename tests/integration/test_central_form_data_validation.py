"""The reference platform, run with ``--validate-form-data``, checks each submission's data
against the JSON Schema of the published form it names: every bundled form's sample data is
accepted; missing fields, wrong formats and unknown forms are refused with 422 naming the paths,
never the values; Idempotency-Key replays keep their original answer."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from kiosk.form_visibility import submitted_data
from tests.fixtures.platform import REPO_ROOT, RunningPlatform, running_reference_platform
from tests.form_samples import bundled_forms, sample_data

pytestmark = pytest.mark.stack
FORMS_DIR = REPO_ROOT / "offline_cache" / "bundled" / "forms"
CANARY_PHONE = "CANARY-PHONE-7f3a91"
CANARY_NAME = "CANARY-NAME-5c2e07" * 3  # longer than the 30 characters a name may have


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPlatform]:
    """A platform publishing the bundled forms and validating submissions against them."""
    base = tmp_path_factory.mktemp("validating-platform")
    args = ("--forms-dir", str(FORMS_DIR), "--validate-form-data")
    with running_reference_platform(base / "data", base, extra_args=args) as running:
        yield running


@pytest.fixture(scope="module")
def http(platform: RunningPlatform) -> Iterator[httpx.Client]:
    """An enrolled terminal's HTTP client (basic auth with its issued credentials)."""
    code = platform.admin.enrollment_code("MY-FORMS-01")
    with httpx.Client(base_url=platform.base_url + "/api/v1", timeout=10) as client:
        issued = client.post("/enroll", json={"code": code, "terminal_id": "MY-FORMS-01"}).json()
        client.auth = (issued["client_id"], issued["client_secret"])
        yield client


def _submission(
    form_id: str, version: int, data: dict[str, Any], terminal_id: str = "MY-FORMS-01"
) -> dict[str, Any]:
    return {
        "application_id": str(uuid.uuid4()),
        "receipt_number": f"{terminal_id}-20261126-000001",
        # The platform takes a submission only in the enrolled terminal's own name.
        "terminal_id": terminal_id,
        "service_code": "510700-000-XK-0001",
        "form_id": form_id,
        "form_version": version,
        "finalized_at": "2026-11-26T08:00:00+08:00",
        "data": data,
        "attachments": [],
    }


def _post(http: httpx.Client, body: dict[str, Any]) -> httpx.Response:
    return http.post(
        "/applications", json=body, headers={"Idempotency-Key": body["application_id"]}
    )


def _benefit_data(seed: int = 5) -> dict[str, Any]:
    form = bundled_forms()["person-benefit"]
    return submitted_data(form, sample_data(form, seed))


def test_every_bundled_forms_sample_data_is_accepted(http: httpx.Client) -> None:
    forms = bundled_forms()
    assert len(forms) >= 13
    refused = {}
    for form_id, form in sorted(forms.items()):
        for seed in (1, 2):
            # What a terminal submits: the visible answers only (kiosk.form_visibility).
            data = submitted_data(form, sample_data(form, seed))
            answer = _post(http, _submission(form_id, form.version, data))
            if answer.status_code != 201:
                refused[(form_id, seed)] = answer.text
    assert refused == {}


def test_a_missing_field_and_wrong_values_are_refused_naming_paths_not_values(
    http: httpx.Client,
) -> None:
    data = _benefit_data()
    del data["applicant"]["birth_date"]
    data["applicant"]["name"] = CANARY_NAME
    data["contact"]["phone"] = CANARY_PHONE
    answer = _post(http, _submission("person-benefit", 1, data))
    assert answer.status_code == 422
    assert answer.json()["error"] == "form_data_invalid"
    detail = answer.json()["detail"]
    assert "applicant.birth_date (required)" in detail
    assert "applicant.name (maxLength)" in detail
    assert "contact.phone (format cn-phone)" in detail
    assert "CANARY" not in answer.text


def test_a_field_the_form_does_not_have_is_refused(http: httpx.Client) -> None:
    data = _benefit_data()
    data["applicant"]["nickname"] = CANARY_NAME
    answer = _post(http, _submission("person-benefit", 1, data))
    assert answer.status_code == 422
    assert "applicant.nickname (not allowed)" in answer.json()["detail"]
    assert "CANARY" not in answer.text


@pytest.mark.parametrize(
    ("form_id", "version"), [("person-no-such-form", 1), ("person-benefit", 2)]
)
def test_an_unknown_form_or_version_is_refused(
    http: httpx.Client, form_id: str, version: int
) -> None:
    answer = _post(http, _submission(form_id, version, _benefit_data()))
    assert answer.status_code == 422
    assert answer.json()["error"] == "form_unknown"
    assert f"{form_id} v{version}" in answer.json()["detail"]


def test_a_refusal_leaves_the_key_free_and_an_accepted_one_replays(http: httpx.Client) -> None:
    good = _submission("person-benefit", 1, _benefit_data(seed=9))
    bad = copy.deepcopy(good)
    bad["data"]["contact"]["phone"] = CANARY_PHONE
    assert _post(http, bad).status_code == 422
    assert _post(http, bad).status_code == 422  # a refusal is not stored as the key's answer
    first = _post(http, good)
    again = _post(http, good)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers.get("Idempotent-Replayed") == "true"
    # Once accepted, the key belongs to that payload: a changed one is the key's misuse.
    assert _post(http, bad).json()["error"] == "idempotency_key_reused"


def test_a_platform_without_validation_stores_form_data_as_it_comes(tmp_path: Path) -> None:
    with running_reference_platform(
        tmp_path / "data", tmp_path, extra_args=("--forms-dir", str(FORMS_DIR))
    ) as plain:
        code = plain.admin.enrollment_code("MY-FORMS-02")
        with httpx.Client(base_url=plain.base_url + "/api/v1", timeout=10) as client:
            issued = client.post("/enroll", json={"code": code, "terminal_id": "MY-FORMS-02"})
            client.auth = (issued.json()["client_id"], issued.json()["client_secret"])
            body = _submission("person-no-such-form", 1, {"anything": "goes"}, "MY-FORMS-02")
            assert _post(client, body).status_code == 201
