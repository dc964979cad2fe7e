"""The terminal's card readers behind one façade: reader events in, plain screen outcomes out.

Owns the readers built from ``devices.card_readers``, merges their event queues, checks each
identity read (``refusal_for``) and registers its personal values with the session before
anything else can log them.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
from collections.abc import Callable, Sequence

from config.schema import CardReaderSettings
from devices.cardreader.backends import reader_from_settings
from devices.cardreader.errors import (
    CardError,
    ReaderUnavailable,
    StaffCardInResidentReader,
    UnsupportedCard,
)
from devices.cardreader.events import IdentityReader, ReaderEvent, ReaderEventKind
from devices.cardreader.identity import DocumentType, Identity
from devices.cardreader.simulated import SimulatedCardReader
from kiosk.identity import mask_name, mask_resident_id, refusal_for, validate_credit_code
from kiosk.identity_service import (
    CREDIT_CODE_ALPHABET,
    CREDIT_CODE_LENGTH,
    CreditCodeState,
    CreditCodeStatus,
    IdentityOutcome,
    MaskedIdentity,
    OutcomeKind,
    QrCodeSource,
)
from kiosk.session import Session

log = logging.getLogger(__name__)

Today = Callable[[], dt.date]

_READER_MISSING = ReaderUnavailable()
# How often the pump threads look at their stop flag.
_PUMP_POLL_S = 0.1


def masked_identity(identity: Identity) -> MaskedIdentity:
    """What a screen may show of ``identity``."""
    return MaskedIdentity(
        name=mask_name(identity.name),
        id_number=mask_resident_id(identity.number),
        document=str(identity.document_type),
    )


class ReaderIdentityService:
    """The identity service over real (or simulated) readers; see kiosk.identity_service."""

    def __init__(
        self,
        readers: Sequence[CardReaderSettings],
        session: Callable[[], Session],
        *,
        qr_source: QrCodeSource | None = None,
        today: Today = dt.date.today,
        built: Sequence[IdentityReader] | None = None,
    ) -> None:
        self._session = session
        self._today = today
        self._qr_source = qr_source
        self._merged: queue.Queue[ReaderEvent] = queue.Queue()
        self._present: set[str] = set()
        self._stopping = threading.Event()
        self._pumps: list[threading.Thread] = []
        self._readers: list[IdentityReader] = list(built) if built is not None else []
        self._start_failed = False
        if built is None:
            for entry in readers:
                try:
                    self._readers.append(reader_from_settings(entry))
                except Exception:
                    # A missing driver library must show "reader missing", not stop the kiosk.
                    log.exception(
                        "card reader could not be created", extra={"backend": entry.backend}
                    )
                    self._start_failed = True

    @property
    def qr_source(self) -> QrCodeSource | None:
        """The licence QR scanner, or None when this terminal has none."""
        return self._qr_source

    # --- life cycle ---------------------------------------------------------------------------

    def start(self) -> None:
        """Start every reader and one pump thread per reader into the merged queue."""
        self._stopping.clear()
        started = 0
        for reader in self._readers:
            try:
                reader.start()
            except Exception:
                log.exception("card reader could not be started")
                continue
            started += 1
            pump = threading.Thread(
                target=self._pump, args=(reader,), name="identity-pump", daemon=True
            )
            pump.start()
            self._pumps.append(pump)
        if started == 0:
            self._merged.put(ReaderEvent(ReaderEventKind.SERVICE_LOST))

    def stop(self) -> None:
        """Stop the readers and the pumps."""
        self._stopping.set()
        for reader in self._readers:
            try:
                reader.stop()
            except Exception:
                log.exception("card reader did not stop cleanly")
        for pump in self._pumps:
            pump.join(1.0)
        self._pumps.clear()

    def _pump(self, reader: IdentityReader) -> None:
        while not self._stopping.is_set():
            try:
                event = reader.events.get(timeout=_PUMP_POLL_S)
            except queue.Empty:
                continue
            self._merged.put(event)

    # --- outcomes -----------------------------------------------------------------------------

    def next_outcome(self, timeout_s: float) -> IdentityOutcome | None:
        """Block up to ``timeout_s`` for the next event that changes what the screen shows."""
        try:
            event = self._merged.get(timeout=timeout_s)
        except queue.Empty:
            return None
        return self.outcome_for(event)

    def outcome_for(self, event: ReaderEvent) -> IdentityOutcome | None:
        """The screen outcome of one reader event (None when nothing changes on screen)."""
        kind = event.kind
        if kind is ReaderEventKind.READER_ADDED:
            self._present.add(event.reader)
            return IdentityOutcome(OutcomeKind.READER_READY)
        if kind is ReaderEventKind.READER_REMOVED:
            self._present.discard(event.reader)
            return None if self._present else _missing()
        if kind is ReaderEventKind.SERVICE_LOST:
            self._present.clear()
            return _missing()
        if kind is ReaderEventKind.SERVICE_RESTORED:
            return None  # the readers announce themselves again with READER_ADDED
        if kind is ReaderEventKind.CARD_INSERTED:
            return IdentityOutcome(OutcomeKind.READING)
        if kind is ReaderEventKind.CARD_REMOVED:
            return IdentityOutcome(OutcomeKind.CARD_REMOVED)
        if kind is ReaderEventKind.IDENTITY_READ and event.identity is not None:
            return self._identity_outcome(event.identity)
        return _failure(event.error or CardError("read failed without an error"))

    def _identity_outcome(self, identity: Identity) -> IdentityOutcome:
        # First of all: from here on no log line may carry this person's values.
        self._session().remember_sensitive(*identity.sensitive_values())
        refusal = refusal_for(identity, self._today())
        if refusal is not None:
            log.info("identity refused", extra={"reason": refusal.reason.value})
            return IdentityOutcome(OutcomeKind.REFUSED, refusal.message_zh, refusal.message_en)
        log.info("identity read", extra={"document": identity.document_type.value})
        return IdentityOutcome(
            OutcomeKind.IDENTIFIED, masked=masked_identity(identity), identity=identity
        )

    # --- demo mode ----------------------------------------------------------------------------

    def _simulated(self) -> SimulatedCardReader | None:
        for reader in self._readers:
            if isinstance(reader, SimulatedCardReader):
                return reader
        return None

    def demo_cards(self) -> tuple[str, ...]:
        """Masked labels of the simulated reader's residents (empty without a simulated reader)."""
        simulated = self._simulated()
        if simulated is None:
            return ()
        return tuple(_demo_label(resident) for resident in simulated.residents)

    def present_demo_card(self, index: int) -> None:
        """Put demo card ``index`` on the simulated reader."""
        simulated = self._simulated()
        if simulated is not None:
            simulated.present(index)

    def take_away_demo_card(self) -> None:
        """Take the demo card off the simulated reader."""
        simulated = self._simulated()
        if simulated is not None:
            simulated.take_away()

    # --- enterprise ---------------------------------------------------------------------------

    def check_credit_code(self, code: str) -> CreditCodeStatus:
        """Live check: incomplete until 18 characters, then the GB 32100 check (python-stdnum)."""
        value = "".join(code.split()).upper()
        if len(value) < CREDIT_CODE_LENGTH and all(ch in CREDIT_CODE_ALPHABET for ch in value):
            return CreditCodeStatus(CreditCodeState.INCOMPLETE, value, len(value))
        check = validate_credit_code(value)
        if check.valid:
            return CreditCodeStatus(CreditCodeState.VALID, check.code, len(value))
        state = (
            CreditCodeState.WRONG_CHECK_CHARACTER
            if check.reason == "checksum"
            else CreditCodeState.INVALID
        )
        return CreditCodeStatus(state, value, len(value))


def _missing() -> IdentityOutcome:
    return IdentityOutcome(
        OutcomeKind.READER_MISSING, _READER_MISSING.message_zh, _READER_MISSING.message_en
    )


def _failure(error: CardError) -> IdentityOutcome:
    if isinstance(error, UnsupportedCard):
        kind = OutcomeKind.UNSUPPORTED_CARD
    elif isinstance(error, ReaderUnavailable):
        kind = OutcomeKind.READER_MISSING
    else:
        kind = OutcomeKind.READ_FAILED
    return IdentityOutcome(
        kind,
        error.message_zh,
        error.message_en,
        staff_card=isinstance(error, StaffCardInResidentReader),
    )


_DOCUMENT_LABELS = {
    DocumentType.RESIDENT_ID_CARD: "身份证 ID",
    DocumentType.SOCIAL_SECURITY_CARD: "社保卡 SSC",
    DocumentType.PIV_STAFF_CARD: "工作证 Staff",
}


def _demo_label(resident: Identity) -> str:
    # Masked like everything on screen: a demo resident list may carry test canaries.
    return f"{mask_name(resident.name)} {_DOCUMENT_LABELS[resident.document_type]}"


def open_identity_service(
    readers: Sequence[CardReaderSettings],
    session: Callable[[], Session],
    *,
    qr_source: QrCodeSource | None = None,
) -> ReaderIdentityService:
    """The identity service for ``readers`` (``devices.card_readers``), not started yet."""
    return ReaderIdentityService(readers, session, qr_source=qr_source)
