"""Technician entry: a PIN checked against an argon2 hash, with a lockout that survives restarts.

Five wrong PINs in a row lock entry; each further lockout lasts twice as long as the one
before (capped). The counters live in a small JSON file in the data folder, so switching the
terminal off and on does not reset them. The PIN itself is never logged nor stored.

Entry by staff card (``attempt_card``) shares the same counters: a wrong card PIN or a refused
card counts like a wrong PIN. Entries, refusals, lockouts and leaving go to the audit log.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from config.errors import ConfigError
from config.schema import KioskSettings
from config.secrets import Secrets, load_secrets
from kiosk.audit import AuditError, AuditKind, AuditLog
from kiosk.staff_card import CardBlocked, NotAStaffCard, StaffCardError, UntrustedCard, WrongPin

log = logging.getLogger(__name__)

LOCKOUT_FILE = "technician_lockout.json"
PIN_MIN_DIGITS = 6
PIN_MAX_DIGITS = 12
# The audit actor of a technician who entered with the technician PIN (a staff card names the
# staff member instead); attempts by someone not yet known stay under TECHNICIAN_ACTOR.
PIN_ACTOR = "technician-pin"
TECHNICIAN_ACTOR = "technician"

_hasher = PasswordHasher()


class PinFormatError(ValueError):
    """A technician PIN must be 6 to 12 digits."""


def check_pin_format(pin: str) -> None:
    """Raise PinFormatError unless ``pin`` is 6 to 12 ASCII digits."""
    if not (pin.isascii() and pin.isdigit() and PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS):
        raise PinFormatError(f"the PIN must be {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits")


def hash_pin(pin: str) -> str:
    """The argon2id hash to keep in the secrets file for ``pin`` (format checked first)."""
    check_pin_format(pin)
    return _hasher.hash(pin)


def pin_matches(pin_hash: str, pin: str) -> bool:
    """True when ``pin`` matches the argon2 ``pin_hash``; a malformed hash matches nothing."""
    try:
        return _hasher.verify(pin_hash, pin)
    except VerifyMismatchError:
        return False
    except (InvalidHashError, VerificationError):
        log.error("technician PIN hash in the secrets file is not a valid argon2 hash")
        return False


@dataclass(frozen=True)
class LockoutPolicy:
    """How many wrong PINs lock entry, and for how long (doubling from ``first_lock_s``)."""

    max_failures: int = 5
    first_lock_s: float = 60.0
    max_lock_s: float = 24 * 3600.0

    def lock_seconds(self, lockouts: int) -> float:
        """The length of the ``lockouts``-th lockout in a row (1-based)."""
        return float(min(self.first_lock_s * 2 ** max(lockouts - 1, 0), self.max_lock_s))


@dataclass(frozen=True)
class LockoutState:
    """What is persisted: wrong PINs since the last lockout, lockouts in a row, lock end."""

    failures: int = 0
    lockouts: int = 0
    locked_until: float = 0.0  # wall-clock epoch seconds: valid across restarts


class Outcome(StrEnum):
    """The answer to one PIN attempt."""

    GRANTED = "granted"
    REFUSED = "refused"
    LOCKED = "locked"
    NO_PIN_SET = "no_pin_set"
    CARD_UNUSABLE = "card_unusable"  # no CA, card pulled, reader gone: not counted as a failure


# Staff card failures that count toward the lockout like a wrong PIN: guessing, forged or foreign
# cards. A card pulled out or a missing CA is nobody's guess and does not count.
_COUNTED_CARD_ERRORS = (WrongPin, CardBlocked, UntrustedCard, NotAStaffCard)


@dataclass(frozen=True)
class Attempt:
    """An attempt's outcome, wrong PINs left before a lockout, and seconds of lockout left."""

    outcome: Outcome
    attempts_left: int
    locked_for_s: float
    staff_id: str | None = None  # who entered, when by staff card
    card_error: StaffCardError | None = None  # why a staff card was refused

    @property
    def actor(self) -> str:
        """Who entered, for the audit trail: the staff id (staff card) or ``PIN_ACTOR``."""
        return self.staff_id or PIN_ACTOR


class TechnicianGate:
    """Checks technician PINs and enforces the persisted lockout (thread-safe, clock injectable)."""

    def __init__(
        self,
        pin_hash: str | None,
        data_dir: Path,
        *,
        policy: LockoutPolicy | None = None,
        clock: Callable[[], float] = time.time,
        audit: AuditLog | None = None,
    ) -> None:
        self._pin_hash = pin_hash
        self._audit = audit if audit is not None else AuditLog(data_dir)
        self._path = data_dir / LOCKOUT_FILE
        self._policy = policy or LockoutPolicy()
        self._clock = clock
        self._lock = threading.Lock()

    @property
    def has_pin(self) -> bool:
        """False when no technician PIN was set (``kiosk technician set-pin``)."""
        return self._pin_hash is not None

    def now(self) -> float:
        """The gate's clock (wall-clock seconds), for a countdown without reading the file."""
        return self._clock()

    def state(self) -> LockoutState:
        """The persisted counters (a missing or unreadable file counts as a clean state)."""
        try:
            raw = json.loads(self._path.read_text(encoding="utf-8"))
            return LockoutState(
                failures=int(raw["failures"]),
                lockouts=int(raw["lockouts"]),
                locked_until=float(raw["locked_until"]),
            )
        except FileNotFoundError:
            return LockoutState()
        except (OSError, ValueError, KeyError, TypeError):
            # A damaged file must not unlock entry: treat it as one full lockout from now.
            log.warning("technician lockout file unreadable; entry locked as a precaution")
            state = LockoutState(0, 1, self._clock() + self._policy.first_lock_s)
            self._save(state)
            return state

    def locked_for(self) -> float:
        """Seconds until entry opens again; 0 when it is open."""
        return max(0.0, self.state().locked_until - self._clock())

    def attempts_left(self) -> int:
        """Wrong PINs still allowed before the next lockout."""
        return max(0, self._policy.max_failures - self.state().failures)

    def attempt(self, pin: str) -> Attempt:
        """Check ``pin``: grant entry, count a failure (locking after the last one), or refuse."""
        with self._lock:
            state = self.state()
            now = self._clock()
            if state.locked_until > now:
                log.warning("technician entry attempted while locked")
                self._record("attempt_while_locked", TECHNICIAN_ACTOR)
                return Attempt(Outcome.LOCKED, 0, state.locked_until - now)
            if self._pin_hash is None:
                log.warning("technician entry attempted but no technician PIN is set")
                return Attempt(Outcome.NO_PIN_SET, self._policy.max_failures, 0.0)
            if pin_matches(self._pin_hash, pin):
                self._save(LockoutState())
                log.info("technician entry granted")
                self._record("enter", PIN_ACTOR, {"method": "pin"})
                return Attempt(Outcome.GRANTED, self._policy.max_failures, 0.0)
            return self._fail(state, now)

    def attempt_card(self, sign_in: Callable[[], str]) -> Attempt:
        """Enter by staff card: ``sign_in`` returns the staff id or raises StaffCardError.

        Wrong card PINs and refused cards count toward the same lockout as wrong technician
        PINs; ``sign_in`` is not called at all while entry is locked.
        """
        with self._lock:
            state = self.state()
            now = self._clock()
            if state.locked_until > now:
                log.warning("technician entry attempted while locked")
                self._record("attempt_while_locked", TECHNICIAN_ACTOR, {"method": "staff_card"})
                return Attempt(Outcome.LOCKED, 0, state.locked_until - now)
            try:
                staff_id = sign_in()
            except _COUNTED_CARD_ERRORS as error:
                attempt = self._fail(state, self._clock(), error)
                return Attempt(
                    attempt.outcome, attempt.attempts_left, attempt.locked_for_s, None, error
                )
            except StaffCardError as error:
                log.warning("staff card unusable", extra={"reason": error.reason})
                left = max(0, self._policy.max_failures - state.failures)
                return Attempt(Outcome.CARD_UNUSABLE, left, 0.0, None, error)
            self._save(LockoutState())
            log.info("technician entry granted by staff card", extra={"staff_id": staff_id})
            self._record("enter", staff_id, {"method": "staff_card"})
            return Attempt(Outcome.GRANTED, self._policy.max_failures, 0.0, staff_id)

    def record_leave(self, actor: str) -> None:
        """Audit that technician mode was left (by ``actor``: staff id or ``PIN_ACTOR``)."""
        self._record("leave", actor)

    def _record(self, action: str, actor: str, details: dict[str, str] | None = None) -> None:
        # The audit trail must never stand between a technician and the terminal.
        try:
            self._audit.record(AuditKind.TECHNICIAN, action, actor=actor, details=details)
        except (OSError, AuditError) as error:
            log.error("audit entry not written: %s", type(error).__name__)

    def _fail(
        self, state: LockoutState, now: float, card_error: StaffCardError | None = None
    ) -> Attempt:
        failures = state.failures + 1
        method = {"method": "pin"} if card_error is None else {"method": "staff_card"}
        if card_error is not None:
            method["reason"] = type(card_error).__name__
        if failures < self._policy.max_failures:
            self._save(LockoutState(failures, state.lockouts, 0.0))
            left = self._policy.max_failures - failures
            log.warning(
                "technician PIN refused",
                extra={"failures": failures, "attempts_left": left},
            )
            self._record("refused", TECHNICIAN_ACTOR, {**method, "attempts_left": str(left)})
            return Attempt(Outcome.REFUSED, left, 0.0)
        lockouts = state.lockouts + 1
        seconds = self._policy.lock_seconds(lockouts)
        self._save(LockoutState(0, lockouts, now + seconds))
        log.warning(
            "technician entry locked after repeated wrong PINs",
            extra={"lockouts": lockouts, "locked_for_s": round(seconds)},
        )
        self._record(
            "locked",
            TECHNICIAN_ACTOR,
            {**method, "lockouts": str(lockouts), "locked_for_s": str(round(seconds))},
        )
        return Attempt(Outcome.LOCKED, 0, seconds)

    def heartbeat_report(self) -> dict[str, object]:
        """What the heartbeat tells the platform: locked or not, counters, seconds left."""
        state = self.state()
        left = max(0.0, state.locked_until - self._clock())
        return {
            "technician_entry": "locked" if left > 0 else "open",
            "failures": state.failures,
            "lockouts": state.lockouts,
            "locked_for_s": round(left),
        }

    def _save(self, state: LockoutState) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{self._path.name}.", suffix=".tmp", dir=self._path.parent
        )
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(asdict(state), handle)
                handle.flush()
                os.fsync(handle.fileno())
            temp.replace(self._path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
            raise


def entry_state(data_dir: Path) -> str:
    """ "locked" or "open": technician entry of the terminal whose data folder this is."""
    return str(TechnicianGate(None, data_dir).heartbeat_report()["technician_entry"])


def gate_for(settings: KioskSettings) -> TechnicianGate:
    """The gate of this terminal: the PIN hash from its secrets file, lockout in its data dir.

    An unusable secrets file means no PIN: entry stays closed (and the doctor says why).
    """
    try:
        secrets = load_secrets(settings.storage.secrets_file.expanduser())
    except ConfigError:
        log.error("secrets file unusable: technician entry closed")
        secrets = Secrets()
    return TechnicianGate(secrets.technician_pin_hash, settings.storage.data_dir.expanduser())
