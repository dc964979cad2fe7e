"""What the identity screen gets from the core: plain outcomes of card reading, and the services.

The concrete service, over the configured readers, is ``kiosk.identity_session``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from kiosk.identity_licence_qr import LicenceScanView


class OutcomeKind(StrEnum):
    """What the identity screen has to show after a reader event."""

    READER_READY = "reader_ready"  # a reader is there: ask for the card
    READER_MISSING = "reader_missing"  # no reader, or its service is gone: call staff
    READING = "reading"  # a card arrived: show progress, ask not to move it
    IDENTIFIED = "identified"  # read and accepted: show the masked identity
    REFUSED = "refused"  # read, but refused (expired, failing ID number…)
    UNSUPPORTED_CARD = "unsupported_card"  # not a card this terminal knows
    READ_FAILED = "read_failed"  # remove the card and try again
    CARD_REMOVED = "card_removed"  # the card left the reader


@dataclass(frozen=True)
class MaskedIdentity:
    """What a screen may show of a person: surname and mask, ID number 4+4, the document."""

    name: str
    id_number: str
    document: str  # a devices.cardreader.identity.DocumentType value


@dataclass(frozen=True)
class IdentityOutcome:
    """One thing the screen must react to; messages are plain language and safe to log."""

    kind: OutcomeKind
    message_zh: str = ""
    message_en: str = ""
    masked: MaskedIdentity | None = None
    # The full devices.cardreader.identity.Identity for the session; never shown, never logged.
    identity: object | None = field(default=None, repr=False)
    # An UNSUPPORTED_CARD that is a staff (PIV) card: staff at work, not a resident arriving.
    staff_card: bool = False

    def message(self, chinese: bool) -> str:
        """The message in Chinese or English."""
        return self.message_zh if chinese else self.message_en


@dataclass(frozen=True)
class IdentifiedVisitor:
    """Who is at the terminal: the person (from the card) and, for an enterprise, its code."""

    person: MaskedIdentity
    identity: object = field(repr=False)  # the full Identity, kept in the session only
    credit_code: str | None = None  # unified social credit code of the enterprise, if any
    credit_code_source: str = "keypad"  # a kiosk.identity.EnterpriseSource value


class CreditCodeState(StrEnum):
    """Where a credit code being typed stands."""

    INCOMPLETE = "incomplete"  # fewer than 18 characters so far
    VALID = "valid"
    WRONG_CHECK_CHARACTER = "wrong_check_character"
    INVALID = "invalid"  # 18 characters that cannot be a code (registration office, type…)


@dataclass(frozen=True)
class CreditCodeStatus:
    """The live check of a credit code on the keypad."""

    state: CreditCodeState
    code: str
    length: int

    @property
    def valid(self) -> bool:
        """True when the code passed the GB 32100 check."""
        return self.state is CreditCodeState.VALID


CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""The 31 characters of GB 32100 (no I, O, Z, S, V): the keys of the keypad."""
CREDIT_CODE_LENGTH = 18


class QrCodeSource(Protocol):
    """Entry point for the licence QR scanner (camera side): reads one credit code.

    Implemented by ``kiosk.identity_licence_qr.LicenceQrScanner``; every method blocks (call
    them from a worker). ``read_credit_code`` returns the code found in the business licence
    QR, or None after ``timeout_s``; the camera view uses start / next_view / stop instead.
    """

    def read_credit_code(self, timeout_s: float) -> str | None:
        """The credit code of the licence held up to the camera, or None."""
        ...

    def start(self) -> None:
        """Start the camera."""
        ...

    def stop(self) -> None:
        """Stop the camera and release it."""
        ...

    def next_view(self, after: int = -1, timeout: float = 0.5) -> LicenceScanView | None:
        """The next frame after ``after`` with what its QR codes said; None on timeout."""
        ...


class IdentityService(Protocol):
    """The readers of this terminal, as the identity screen needs them."""

    def start(self) -> None:
        """Start the readers (call from the worker thread: it may touch devices)."""
        ...

    def stop(self) -> None:
        """Stop the readers and join their threads."""
        ...

    def next_outcome(self, timeout_s: float) -> IdentityOutcome | None:
        """Block up to ``timeout_s`` for the next outcome (worker thread only)."""
        ...

    def demo_cards(self) -> tuple[str, ...]:
        """Masked labels of the demo cards a simulated reader can present (empty if none)."""
        ...

    def present_demo_card(self, index: int) -> None:
        """Demo mode: put demo card ``index`` on the simulated reader (returns at once)."""
        ...

    def take_away_demo_card(self) -> None:
        """Demo mode: take the demo card off the simulated reader."""
        ...

    def check_credit_code(self, code: str) -> CreditCodeStatus:
        """The live check of a (possibly incomplete) credit code."""
        ...

    @property
    def qr_source(self) -> QrCodeSource | None:
        """The licence QR scanner, or None when this terminal has none."""
        ...
