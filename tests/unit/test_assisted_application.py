"""Assisted applications (帮办代办): the staff shift, the staff member on the receipt (masked),
in the sealed application, in the submission body, and the audit entries without names."""

from __future__ import annotations

import dataclasses

from kiosk.assisted_session import AssistingStaff, ShiftAudit, ShiftEnd, StaffShift
from kiosk.audit import open_audit_log
from kiosk.receipt import receipt_layout
from kiosk.sync.platform_models import submission_additions
from tests.fixtures.receipts import sample_receipt

STAFF = AssistingStaff("S0042", "王晓明")


def _lines(receipt) -> list[str]:
    return [b.text for b in receipt_layout(receipt, 32) if hasattr(b, "text")]


def test_the_shift_lasts_until_sign_out_or_the_timeout() -> None:
    now = [0.0]
    shift = StaffShift(timeout_s=3600, clock=lambda: now[0])
    assert shift.staff is None and not shift.expired()
    shift.sign_in(STAFF)
    now[0] = 3599
    assert shift.staff == STAFF
    now[0] = 3601
    assert shift.expired() and shift.staff is None
    assert shift.sign_out() == STAFF
    assert not shift.expired()


def test_the_receipt_names_the_assisting_staff_by_number_and_masked_name() -> None:
    receipt = dataclasses.replace(sample_receipt(), assisted_by_masked=STAFF.masked())
    lines = _lines(receipt)
    assert "经 办 人：S0042 王**" in lines
    assert not any("晓明" in line for line in lines)
    assert not any("经 办 人" in line for line in _lines(sample_receipt()))


def test_the_staff_name_never_shows_in_a_repr() -> None:
    assert "王晓明" not in repr(STAFF) and "S0042" in repr(STAFF)


def test_the_submission_carries_staff_and_location_only_when_present() -> None:
    assert submission_additions({"data": {}}) == {}
    payload = {
        "assisted_by": STAFF.as_payload(),
        "location": {"source": "place", "place_name": "游仙区魏城镇 便民服务车"},
    }
    assert submission_additions(payload) == {
        "assisted_by": {"staff_id": "S0042", "name": "王晓明"},
        "location": {
            "source": "place",
            "place_name": "游仙区魏城镇 便民服务车",
            "latitude": None,
            "longitude": None,
            "fixed_at": None,
        },
    }


def test_shift_audit_entries_name_the_staff_number_only(kiosk_settings) -> None:
    audit = ShiftAudit.for_settings(kiosk_settings)
    audit.signed_in(STAFF)
    audit.application_finalized(STAFF)
    audit.signed_out(STAFF, ShiftEnd.TIMED_OUT)
    log = open_audit_log(kiosk_settings)
    entries = [e for e in log.entries_since(0) if e.kind == "staff"]
    assert [(e.action, e.actor) for e in entries] == [
        ("staff signed in", "S0042"),
        ("assisted application finalized", "S0042"),
        ("staff signed out", "S0042"),
    ]
    assert entries[2].details == {"reason": "timed_out"}
    assert log.verify().ok
    text = "".join(p.read_text() for p in kiosk_settings.storage.data_dir.rglob("audit*"))
    assert "王" not in text
