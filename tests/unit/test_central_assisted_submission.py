"""The platform's submission model grew ``assisted_by`` and ``location`` additively: an older
terminal's submission validates and keeps its idempotency fingerprint; bad values are refused."""

from __future__ import annotations

import hashlib
import json

import pytest
from pydantic import ValidationError

from central.applications import ApplicationSubmission, fingerprint

BODY = {
    "application_id": "0190f0e2-1111-7000-8000-00000000abcd",
    "receipt_number": "MY-LDFWC-001-20261126-000001",
    "terminal_id": "MY-LDFWC-001",
    "service_code": "510700-000-XK-0001",
    "form_id": "person-general",
    "form_version": 1,
    "finalized_at": "2026-11-26T08:30:00+00:00",
    "data": {"matter": {"subject": "x", "note": None}},
    "attachments": [],
}
STAFF = {"staff_id": "S0042", "name": "王晓明"}
PLACE = {"source": "gps", "place_name": "游仙区魏城镇", "latitude": 31.65, "longitude": 104.81}


def _old_fingerprint(body: dict) -> str:
    # How the platform fingerprinted a submission before the two fields existed.
    dumped = ApplicationSubmission.model_validate(body).model_dump(mode="json")
    dumped.pop("assisted_by"), dumped.pop("location")
    canonical = json.dumps(dumped, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def test_a_submission_without_staff_or_location_keeps_its_fingerprint() -> None:
    submission = ApplicationSubmission.model_validate(BODY)
    assert submission.assisted_by is None and submission.location is None
    assert fingerprint(submission) == _old_fingerprint(BODY)


def test_staff_and_location_are_part_of_the_payload_and_its_fingerprint() -> None:
    plain = ApplicationSubmission.model_validate(BODY)
    assisted = ApplicationSubmission.model_validate(
        {**BODY, "assisted_by": STAFF, "location": PLACE}
    )
    assert assisted.assisted_by is not None and assisted.assisted_by.staff_id == "S0042"
    assert assisted.location is not None and assisted.location.source == "gps"
    assert fingerprint(assisted) != fingerprint(plain)


@pytest.mark.parametrize(
    "change",
    [
        {"assisted_by": {"staff_id": "", "name": "王晓明"}},
        {"location": {"source": "gps", "latitude": 131.0, "longitude": 104.8}},
        {"location": {"source": "satellite"}},
    ],
)
def test_malformed_staff_or_location_is_refused(change) -> None:
    with pytest.raises(ValidationError):
        ApplicationSubmission.model_validate({**BODY, **change})
