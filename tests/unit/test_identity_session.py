"""The identity façade: reader events become plain screen outcomes; personal values are masked."""

from __future__ import annotations

import datetime as dt
import time

from config.schema import Language, SimulatedReaderSettings, UiSettings
from devices.cardreader.errors import CardTimeout, ReaderUnavailable, UnsupportedCard
from devices.cardreader.events import ReaderEvent, ReaderEventKind
from devices.cardreader.identity import DocumentType, Identity, IdentitySource, Sex
from devices.cardreader.simulated import SimulatedCardReader, demo_id_number
from kiosk import redaction
from kiosk.identity_service import CreditCodeState, OutcomeKind
from kiosk.identity_session import ReaderIdentityService, open_identity_service
from kiosk.session import Session

TODAY = dt.date(2026, 6, 1)
NAME = "欧阳丝雀"
NUMBER = demo_id_number(dt.date(1990, 7, 7), 611)


def _person(valid_until: dt.date = dt.date(2036, 1, 1)) -> Identity:
    return Identity(
        source=IdentitySource.SIMULATED,
        document_type=DocumentType.SOCIAL_SECURITY_CARD,
        number=NUMBER,
        name=NAME,
        sex=Sex.MALE,
        valid_until=valid_until,
    )


def _service(*residents: Identity) -> tuple[ReaderIdentityService, SimulatedCardReader, Session]:
    session = Session(language=Language.ZH, large_text=False)
    reader = SimulatedCardReader(residents=residents or (_person(),))
    service = ReaderIdentityService([], lambda: session, built=[reader], today=lambda: TODAY)
    return service, reader, session


def _outcomes(service: ReaderIdentityService, count: int) -> list[OutcomeKind]:
    kinds = []
    deadline = time.monotonic() + 3
    while len(kinds) < count and time.monotonic() < deadline:
        outcome = service.next_outcome(0.1)
        if outcome is not None:
            kinds.append(outcome.kind)
    return kinds


def test_card_read_gives_a_masked_identity_and_masks_logs():
    service, reader, session = _service()
    try:
        service.start()
        assert _outcomes(service, 1) == [OutcomeKind.READER_READY]
        reader.present(0)
        assert service.next_outcome(1.0).kind is OutcomeKind.READING
        outcome = service.next_outcome(1.0)
        assert outcome.kind is OutcomeKind.IDENTIFIED
        assert outcome.masked.name == "欧阳**"
        assert outcome.masked.id_number == NUMBER[:4] + "*" * 10 + NUMBER[-4:]
        assert NAME not in repr(outcome) and NUMBER not in repr(outcome)
        assert redaction.redact(f"{NAME} {NUMBER}") == "[PII] [PII]"
    finally:
        service.stop()
        session.wipe(UiSettings())


def test_expired_card_is_refused_with_a_plain_reason():
    service, reader, session = _service(_person(valid_until=dt.date(2026, 5, 31)))
    outcome = service.outcome_for(
        ReaderEvent(ReaderEventKind.IDENTITY_READ, "sim", identity=reader.residents[0])
    )
    assert outcome.kind is OutcomeKind.REFUSED
    assert "过有效期" in outcome.message_zh and "expired" in outcome.message_en
    assert outcome.identity is None
    session.wipe(UiSettings())


def test_read_errors_map_to_specific_outcomes():
    service, _reader, _session = _service()

    def failed(error):
        return service.outcome_for(ReaderEvent(ReaderEventKind.READ_FAILED, "r", error=error))

    assert failed(UnsupportedCard()).kind is OutcomeKind.UNSUPPORTED_CARD
    assert failed(ReaderUnavailable()).kind is OutcomeKind.READER_MISSING
    timeout = failed(CardTimeout("slow"))
    assert timeout.kind is OutcomeKind.READ_FAILED
    assert timeout.message_zh == CardTimeout.message_zh


def test_reader_missing_when_the_last_reader_goes_or_the_service_is_lost():
    service, _reader, _session = _service()
    assert service.outcome_for(ReaderEvent(ReaderEventKind.READER_ADDED, "a")).kind is (
        OutcomeKind.READER_READY
    )
    service.outcome_for(ReaderEvent(ReaderEventKind.READER_ADDED, "b"))
    assert service.outcome_for(ReaderEvent(ReaderEventKind.READER_REMOVED, "a")) is None
    removed = service.outcome_for(ReaderEvent(ReaderEventKind.READER_REMOVED, "b"))
    assert removed.kind is OutcomeKind.READER_MISSING
    assert "工作人员" in removed.message_zh
    lost = service.outcome_for(ReaderEvent(ReaderEventKind.SERVICE_LOST))
    assert lost.kind is OutcomeKind.READER_MISSING


def test_no_reader_configured_means_reader_missing():
    session = Session(language=Language.ZH, large_text=False)
    service = open_identity_service([], lambda: session)
    service.start()
    try:
        outcome = service.next_outcome(1.0)
        assert outcome is not None and outcome.kind is OutcomeKind.READER_MISSING
        assert service.demo_cards() == ()
        assert service.qr_source is None
    finally:
        service.stop()


def test_demo_cards_only_with_a_simulated_reader_and_masked():
    session = Session(language=Language.ZH, large_text=False)
    service = open_identity_service([SimulatedReaderSettings(backend="simulated")], lambda: session)
    assert service.demo_cards()[:2] == ("张* 身份证 ID", "李* 社保卡 SSC")


def test_credit_code_live_check():
    service, _reader, _session = _service()
    assert service.check_credit_code("9135").state is CreditCodeState.INCOMPLETE
    assert service.check_credit_code("9135").length == 4
    assert service.check_credit_code("91350100M000100Y43").valid
    assert (
        service.check_credit_code("91350100M000100Y44").state
        is CreditCodeState.WRONG_CHECK_CHARACTER
    )
    assert service.check_credit_code("91350100M000100Y4").state is CreditCodeState.INCOMPLETE
    assert service.check_credit_code("9135I").state is CreditCodeState.INVALID
