"""Staff card entry shares the technician lockout: refused cards count, unusable ones do not,
and every attempt is in the audit trail under the staff id or "technician"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kiosk.audit import AuditLog
from kiosk.staff_card import (
    CardBlocked,
    CardReadFailed,
    NoStaffCa,
    StaffCardError,
    UntrustedCard,
    WrongPin,
)
from kiosk.technician_auth import LockoutPolicy, Outcome, TechnicianGate


class WallClock:
    """The gate's wall clock, moved by the test."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def _raising(error: StaffCardError) -> Callable[[], str]:
    def sign_in() -> str:
        raise error

    return sign_in


def _gate(tmp_path: Path, clock: WallClock) -> TechnicianGate:
    return TechnicianGate(None, tmp_path, clock=clock, policy=LockoutPolicy(first_lock_s=60))


def test_refused_cards_count_toward_the_lockout_and_lock_it(tmp_path: Path) -> None:
    clock = WallClock()
    gate = _gate(tmp_path, clock)
    refusals = [WrongPin(2), WrongPin(1), CardBlocked("blocked"), UntrustedCard("foreign")]
    for left, error in zip((4, 3, 2, 1), refusals, strict=True):
        attempt = gate.attempt_card(_raising(error))
        assert (attempt.outcome, attempt.attempts_left, attempt.card_error) == (
            Outcome.REFUSED,
            left,
            error,
        )
    locked = gate.attempt_card(_raising(WrongPin(0)))
    assert locked.outcome is Outcome.LOCKED and locked.locked_for_s == 60
    # While locked the card is not even asked: no PIN try is spent on the card either.
    asked: list[str] = []
    assert gate.attempt_card(lambda: asked.append("asked") or "TECH-1").outcome is Outcome.LOCKED
    assert asked == []


def test_a_card_pulled_out_or_a_missing_ca_does_not_count(tmp_path: Path) -> None:
    gate = _gate(tmp_path, WallClock())
    for error in (CardReadFailed("removed"), NoStaffCa("none")):
        attempt = gate.attempt_card(_raising(error))
        assert attempt.outcome is Outcome.CARD_UNUSABLE
        assert attempt.attempts_left == 5


def test_the_right_card_enters_resets_the_count_and_is_audited_by_staff_id(tmp_path: Path) -> None:
    gate = _gate(tmp_path, WallClock())
    gate.attempt_card(_raising(WrongPin(2)))
    attempt = gate.attempt_card(lambda: "TECH-0042")
    assert (attempt.outcome, attempt.staff_id) == (Outcome.GRANTED, "TECH-0042")
    assert gate.attempts_left() == 5
    gate.record_leave("TECH-0042")
    audit = AuditLog(tmp_path)
    assert [(e.action, e.actor, dict(e.details)) for e in audit.entries()] == [
        (
            "refused",
            "technician",
            {"method": "staff_card", "reason": "WrongPin", "attempts_left": "4"},
        ),
        ("enter", "TECH-0042", {"method": "staff_card"}),
        ("leave", "TECH-0042", {}),
    ]
    assert audit.verify().ok
