"""Outbox states only move forward, in one transaction each, with their history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.receipt_number import format_receipt_number
from offline_cache.errors import IllegalTransitionError
from offline_cache.outbox import ALLOWED, ApplicationState, NewApplication, Outbox

S = ApplicationState
NOW = datetime(2024, 5, 1, 2, 0, tzinfo=UTC)
# Position along the life of an application; every allowed move goes to a higher rank.
RANK = {
    S.FINALIZED: 0,
    S.UPLOADING: 1,
    S.SUBMITTED: 2,
    S.QUARANTINED: 3,
    S.NEEDS_MORE: 3,
    S.ACCEPTED: 4,
    S.REJECTED: 5,
    S.COMPLETED: 5,
    S.PURGED: 6,
}


def _add(outbox: Outbox, app_id: str) -> str:
    new = NewApplication(app_id, "510700-000-XK-0001", "person-general", 1, b"sealed", ())
    return outbox.insert_finalized(new, "MY-FC-01", NOW, NOW.date(), format_receipt_number)


def test_every_allowed_move_goes_forward() -> None:
    for before, afters in ALLOWED.items():
        for after in afters:
            assert RANK[after] > RANK[before], (before, after)
    assert ALLOWED[S.PURGED] == frozenset()


def test_the_happy_path_is_recorded_in_the_history(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path)
    _add(outbox, "a1")
    for step, state in enumerate((S.UPLOADING, S.SUBMITTED, S.ACCEPTED, S.COMPLETED), 1):
        outbox.transition(
            "a1",
            state,
            NOW + timedelta(minutes=step),
            platform_number="SC510700-2024-000123" if state is S.SUBMITTED else None,
        )
    record = outbox.get("a1")
    assert record is not None and record.state is S.COMPLETED
    assert record.platform_number == "SC510700-2024-000123"
    assert outbox.find("SC510700-2024-000123") == record
    assert [h[1] for h in outbox.history("a1")] == [
        "finalized",
        "uploading",
        "submitted",
        "accepted",
        "completed",
    ]


@pytest.mark.parametrize(
    ("path", "illegal"),
    [
        ((), S.SUBMITTED),
        ((S.UPLOADING, S.SUBMITTED), S.UPLOADING),
        ((S.UPLOADING, S.SUBMITTED, S.COMPLETED), S.ACCEPTED),
        ((S.UPLOADING, S.QUARANTINED), S.SUBMITTED),
        ((S.UPLOADING, S.SUBMITTED, S.ACCEPTED), S.NEEDS_MORE),
        ((), S.PURGED),
    ],
)
def test_backward_or_skipping_moves_are_refused_and_change_nothing(
    tmp_path: Path, path: tuple[ApplicationState, ...], illegal: ApplicationState
) -> None:
    outbox = Outbox(tmp_path)
    _add(outbox, "a1")
    for state in path:
        outbox.transition("a1", state, NOW)
    before = outbox.get("a1")
    with pytest.raises(IllegalTransitionError):
        outbox.transition("a1", illegal, NOW + timedelta(hours=1))
    assert outbox.get("a1") == before
    assert len(outbox.history("a1")) == len(path) + 1


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(list(ApplicationState)), max_size=12))
def test_random_moves_never_go_backwards(tmp_path: Path, moves: list[ApplicationState]) -> None:
    outbox = Outbox(tmp_path / str(abs(hash(tuple(moves)))))
    _add(outbox, "a1")
    state = S.FINALIZED
    for move in moves:
        try:
            outbox.transition("a1", move, NOW)
        except IllegalTransitionError:
            assert move not in ALLOWED[state] or move is S.PURGED
        else:
            assert move in ALLOWED[state]
            state = move
        record = outbox.get("a1")
        assert record is not None and record.state is state
    outbox.close()


def test_receipt_sequence_counts_per_terminal_and_day(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path)
    numbers = [_add(outbox, f"a{i}") for i in range(3)]
    assert [n.split("-")[-1][:5] for n in numbers] == ["00001", "00002", "00003"]
    new = NewApplication("b1", "x", "person-general", 1, b"s", ())
    next_day = outbox.insert_finalized(
        new, "MY-FC-01", NOW, NOW.date() + timedelta(days=1), format_receipt_number
    )
    assert next_day.split("-")[-1][:5] == "00001"


def test_database_uses_wal_and_full_sync(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path)
    conn = outbox._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
