"""Assisted applications (帮办代办): the field staff member signed in for a shift.

On a mobile service unit a staff member signs in with a staff card at the start of a shift and
stays signed in until sign-out or the shift timeout, while each resident's session is still
wiped at its end. Every application made meanwhile records the staff member beside the
resident. The shift itself is plain state (``StaffShift``, read on the UI thread); its audit
entries (sign-in, sign-out, assisted application finalized) are written by ``ShiftAudit`` on a
worker thread, and carry the staff number only: never a name, never resident data.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from config.schema import KioskSettings
from devices.cardreader.pcsc_channel import readers_with_card
from kiosk.audit import AuditKind, AuditLog, open_audit_log
from kiosk.identity import mask_name
from kiosk.staff_card import CardReadFailed, sign_in_with_staff_card, staff_ca_for

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AssistingStaff:
    """The staff member serving residents; the name is personal data (sealed, masked)."""

    staff_id: str
    name: str

    def masked(self) -> str:
        """Staff number and masked name, as on the receipt and the staff bar ("S0042 王*")."""
        return f"{self.staff_id} {mask_name(self.name)}"

    def as_payload(self) -> dict[str, str]:
        """The JSON sealed with the application and sent in its submission."""
        return {"staff_id": self.staff_id, "name": self.name}

    def __repr__(self) -> str:  # the name never reaches a log through a repr
        return f"AssistingStaff(staff_id={self.staff_id!r})"


class StaffCardIdentity(Protocol):
    """What a staff card sign-in gives (kiosk.staff_card.StaffIdentity)."""

    @property
    def staff_id(self) -> str:
        """The staff number."""
        ...

    @property
    def name(self) -> str:
        """The holder's name."""
        ...


def staff_from_card(identity: StaffCardIdentity) -> AssistingStaff:
    """The assisting staff member of a staff card sign-in."""
    return AssistingStaff(identity.staff_id, identity.name)


StaffSignIn = Callable[[str], AssistingStaff]
"""PIN → the staff member of the card in the reader (blocking; raises a StaffCardError)."""


def staff_card_sign_in(settings: KioskSettings) -> StaffSignIn:
    """Sign-in with the staff card in a configured PC/SC reader, trusted by the staff CA."""
    name_filters = [r.reader_name for r in settings.devices.card_readers if r.backend == "pcsc"]

    def sign_in(pin: str) -> AssistingStaff:
        trusted = staff_ca_for(settings)
        readers = [name for f in name_filters for name in readers_with_card(f)]
        if not readers:
            raise CardReadFailed("no card in a staff card reader")
        return staff_from_card(sign_in_with_staff_card(readers[0], pin, trusted))

    return sign_in


class ShiftEnd(StrEnum):
    """Why a shift ended."""

    SIGNED_OUT = "signed_out"
    TIMED_OUT = "timed_out"


class StaffShift:
    """Who is signed in, since when (monotonic), and whether the shift has run out."""

    def __init__(self, timeout_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._timeout_s = timeout_s
        self._clock = clock
        self._staff: AssistingStaff | None = None
        self._since: float = 0.0

    def sign_in(self, staff: AssistingStaff) -> None:
        """Start a shift for ``staff`` (replacing any other)."""
        self._staff = staff
        self._since = self._clock()

    def sign_out(self) -> AssistingStaff | None:
        """End the shift; returns who was signed in (None if nobody)."""
        staff, self._staff = self._staff, None
        return staff

    def expired(self) -> bool:
        """True when a shift is open and has lasted longer than the timeout."""
        return self._staff is not None and self._clock() - self._since > self._timeout_s

    @property
    def staff(self) -> AssistingStaff | None:
        """The signed-in staff member, or None (also once the shift has run out)."""
        return None if self.expired() else self._staff


AuditOpener = Callable[[], AuditLog]


class ShiftAudit:
    """Writes the shift's audit entries (blocking: call from a worker). Never raises."""

    def __init__(self, opener: AuditOpener) -> None:
        self._opener = opener

    @classmethod
    def for_settings(cls, settings: KioskSettings) -> ShiftAudit:
        """The terminal's audit log (kiosk.audit)."""
        return cls(lambda: open_audit_log(settings))

    def signed_in(self, staff: AssistingStaff) -> None:
        """A staff member signed in with a staff card."""
        self._record("staff signed in", staff, {})

    def signed_out(self, staff: AssistingStaff, reason: ShiftEnd) -> None:
        """A shift ended (signed out, or the timeout ran out)."""
        self._record("staff signed out", staff, {"reason": reason.value})

    def application_finalized(self, staff: AssistingStaff) -> None:
        """An assisted application was finalized (who and when only: no resident data)."""
        # No application id either: its digit runs can look like a phone or ID number to the
        # audit log's personal-data check, and the staff number and time already say who did it.
        self._record("assisted application finalized", staff, {})

    def _record(self, action: str, staff: AssistingStaff, details: dict[str, str]) -> None:
        try:
            audit_log = self._opener()
            audit_log.record(AuditKind.STAFF, action, actor=staff.staff_id, details=details)
        except Exception as error:  # an audit failure must not stop serving the resident
            log.error("audit entry not written", extra={"reason": type(error).__name__})
