"""Technician PIN entry: argon2 check, five wrong PINs lock for a growing period that
survives a restart, and the PIN never reaches the logs."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import dataclass

import pytest

from config.secrets import load_secrets
from kiosk.commands import technician as technician_commands
from kiosk.technician_auth import (
    LOCKOUT_FILE,
    LockoutPolicy,
    Outcome,
    PinFormatError,
    TechnicianGate,
    hash_pin,
)

PIN = "24681357"
CANARY_WRONG = "97531864"


@dataclass
class WallClock:
    """A wall clock (epoch seconds) that moves only when the test says so."""

    now: float = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def pin_hash() -> str:
    return hash_pin(PIN)


def _fail_five(gate: TechnicianGate) -> list[Outcome]:
    return [gate.attempt(CANARY_WRONG).outcome for _ in range(5)]


def test_right_pin_is_granted_and_wrong_one_refused_with_attempts_left(tmp_path, pin_hash):
    gate = TechnicianGate(pin_hash, tmp_path, clock=WallClock())
    wrong = gate.attempt(CANARY_WRONG)
    assert (wrong.outcome, wrong.attempts_left) == (Outcome.REFUSED, 4)
    assert gate.attempt(PIN).outcome is Outcome.GRANTED
    assert gate.attempts_left() == 5  # success clears the count


def test_the_hash_is_argon2_and_not_the_pin(pin_hash):
    assert pin_hash.startswith("$argon2id$")
    assert PIN not in pin_hash


@pytest.mark.parametrize("bad", ["12345", "1234567890123", "12ab56", "１２３４５６", ""])
def test_pins_that_are_not_6_to_12_digits_are_rejected(bad):
    with pytest.raises(PinFormatError):
        hash_pin(bad)


def test_five_wrong_pins_lock_even_the_right_pin_out_until_the_period_ends(tmp_path, pin_hash):
    clock = WallClock()
    gate = TechnicianGate(pin_hash, tmp_path, clock=clock, policy=LockoutPolicy(first_lock_s=60))
    assert _fail_five(gate) == [Outcome.REFUSED] * 4 + [Outcome.LOCKED]
    clock.now += 59
    locked = gate.attempt(PIN)
    assert locked.outcome is Outcome.LOCKED
    assert locked.locked_for_s == pytest.approx(1)
    clock.now += 1
    assert gate.attempt(PIN).outcome is Outcome.GRANTED


def test_each_further_lockout_lasts_twice_as_long_up_to_the_cap(tmp_path, pin_hash):
    clock = WallClock()
    policy = LockoutPolicy(first_lock_s=60, max_lock_s=200)
    gate = TechnicianGate(pin_hash, tmp_path, clock=clock, policy=policy)
    periods = []
    for _ in range(4):
        _fail_five(gate)
        periods.append(gate.locked_for())
        clock.now += gate.locked_for()
    assert periods == [60, 120, 200, 200]


def test_a_granted_entry_resets_the_growth(tmp_path, pin_hash):
    clock = WallClock()
    gate = TechnicianGate(pin_hash, tmp_path, clock=clock, policy=LockoutPolicy(first_lock_s=60))
    _fail_five(gate)
    clock.now += 60
    assert gate.attempt(PIN).outcome is Outcome.GRANTED
    _fail_five(gate)
    assert gate.locked_for() == 60


def test_lockout_survives_a_restart(tmp_path, pin_hash):
    clock = WallClock()
    _fail_five(TechnicianGate(pin_hash, tmp_path, clock=clock))
    restarted = TechnicianGate(pin_hash, tmp_path, clock=clock)
    assert restarted.attempt(PIN).outcome is Outcome.LOCKED
    # Wrong PINs before a restart count after it, too.
    clock.now += 3600
    three = TechnicianGate(pin_hash, tmp_path, clock=clock)
    for _ in range(3):
        three.attempt(CANARY_WRONG)
    assert TechnicianGate(pin_hash, tmp_path, clock=clock).attempts_left() == 2


def test_a_damaged_lockout_file_locks_rather_than_opens(tmp_path, pin_hash):
    (tmp_path / LOCKOUT_FILE).write_text("{not json", encoding="utf-8")
    gate = TechnicianGate(pin_hash, tmp_path, clock=WallClock())
    assert gate.attempt(PIN).outcome is Outcome.LOCKED


def test_without_a_pin_set_nobody_gets_in(tmp_path):
    gate = TechnicianGate(None, tmp_path, clock=WallClock())
    assert gate.attempt("").outcome is Outcome.NO_PIN_SET
    assert gate.attempt(PIN).outcome is Outcome.NO_PIN_SET


def test_heartbeat_report_says_locked_with_seconds_left(tmp_path, pin_hash):
    clock = WallClock()
    gate = TechnicianGate(pin_hash, tmp_path, clock=clock, policy=LockoutPolicy(first_lock_s=90))
    assert gate.heartbeat_report()["technician_entry"] == "open"
    _fail_five(gate)
    clock.now += 30
    assert gate.heartbeat_report() == {
        "technician_entry": "locked",
        "failures": 0,
        "lockouts": 1,
        "locked_for_s": 60,
    }


def test_no_pin_in_logs_or_lockout_file(tmp_path, pin_hash, caplog):
    caplog.set_level(logging.DEBUG)
    clock = WallClock()
    gate = TechnicianGate(pin_hash, tmp_path, clock=clock)
    _fail_five(gate)
    clock.now += 3600
    gate.attempt(PIN)
    logged = "\n".join(
        f"{r.getMessage()} {json.dumps(r.__dict__, default=str)}" for r in caplog.records
    )
    assert "locked" in logged  # the lockout was logged...
    for secret in (PIN, CANARY_WRONG):  # ...without either PIN
        assert secret not in logged
        assert secret not in (tmp_path / LOCKOUT_FILE).read_text(encoding="utf-8")


def _run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    technician_commands.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.handler(args))


def test_set_pin_command_writes_an_argon2_hash_the_gate_accepts(tmp_path, monkeypatch, capsys):
    secrets_file = tmp_path / "keys" / "secrets.toml"
    for key, value in {
        "STORAGE__DATA_DIR": tmp_path / "data",
        "STORAGE__KEY_FILE": tmp_path / "keys" / "storage.key",
        "STORAGE__SECRETS_FILE": secrets_file,
        "LOGGING__FILE": tmp_path / "kiosk.log",
    }.items():
        monkeypatch.setenv(f"KIOSK_{key}", str(value))
    monkeypatch.setattr(sys, "stdin", _Lines(PIN + "\n"))
    assert _run_cli(["technician", "set-pin", "--profile", "demo", "--stdin"]) == 0
    stored = load_secrets(secrets_file).technician_pin_hash
    assert stored is not None and PIN not in secrets_file.read_text(encoding="utf-8")
    gate = TechnicianGate(stored, tmp_path / "data", clock=WallClock())
    assert gate.attempt(PIN).outcome is Outcome.GRANTED
    assert PIN not in capsys.readouterr().out

    monkeypatch.setattr(sys, "stdin", _Lines("12\n"))
    assert _run_cli(["technician", "set-pin", "--profile", "demo", "--stdin"]) == 1
    assert load_secrets(secrets_file).technician_pin_hash == stored  # nothing changed

    assert _run_cli(["technician", "status", "--profile", "demo"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["pin_set"] is True and status["technician_entry"] == "open"


class _Lines:
    def __init__(self, text: str) -> None:
        self._text = text

    def readline(self) -> str:
        return self._text
