"""The resident ID card SAM reader over a serial port (a pty with a simulated reader behind)."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from devices.cardreader.errors import CardDataError, CardTimeout, ReaderUnavailable
from devices.cardreader.events import ReaderEventKind
from devices.cardreader.identity import DocumentType, PhotoFormat, Sex
from devices.cardreader.sam_serial import SamSerialReader, SamSession, open_port
from tests.fixtures.card_reading import wait_for_event
from tests.fixtures.sam_reader import (
    RESIDENT_FIELDS,
    WLT_PHOTO,
    Fault,
    SimulatedSamReader,
)

OUTCOMES = (ReaderEventKind.IDENTITY_READ, ReaderEventKind.READ_FAILED)


def _session(sam: SimulatedSamReader, **kwargs: object) -> SamSession:
    return SamSession(open_port(sam.port, 115200, timeout_s=0.3), **kwargs)  # type: ignore[arg-type]


def test_id_card_is_read_with_all_fields_and_the_wlt_photo_kept(
    sam_reader: SimulatedSamReader,
) -> None:
    sam_reader.card = RESIDENT_FIELDS
    session = _session(sam_reader)
    assert session.card_present()
    identity = session.read_identity()
    assert identity.document_type is DocumentType.RESIDENT_ID_CARD
    assert (identity.name, identity.number) == ("张三", "510703198001019912")
    assert identity.sex is Sex.MALE
    assert identity.birth_date == dt.date(1980, 1, 1)
    assert identity.address == RESIDENT_FIELDS["address"]
    assert identity.issuing_authority == RESIDENT_FIELDS["authority"]
    assert (identity.valid_from, identity.valid_until) == (dt.date(2020, 1, 1), dt.date(2040, 1, 1))
    assert identity.photo == WLT_PHOTO
    assert identity.photo_format is PhotoFormat.WLT  # no decoder configured: not decodable here
    assert sam_reader.commands == [b"\x20\x01", b"\x20\x02", b"\x30\x01"]


def test_configured_wlt_decoder_turns_the_photo_into_bmp(sam_reader: SimulatedSamReader) -> None:
    sam_reader.card = RESIDENT_FIELDS
    session = _session(sam_reader, wlt_decoder=lambda wlt: b"BM" + wlt[:10])
    identity = session.read_identity()
    assert identity.photo_format is PhotoFormat.BMP
    assert identity.photo == b"BM" + WLT_PHOTO[:10]


def test_no_card_in_the_field(sam_reader: SimulatedSamReader) -> None:
    assert not _session(sam_reader).card_present()


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault.BAD_CHECKSUM, CardDataError),
        (Fault.SHORT_FRAME, CardTimeout),
        (Fault.SILENT, CardTimeout),
    ],
)
def test_broken_answers_are_clear_errors(
    sam_reader: SimulatedSamReader, fault: Fault, error: type[Exception]
) -> None:
    sam_reader.card = RESIDENT_FIELDS
    sam_reader.fault = fault
    session = _session(sam_reader)
    started = time.monotonic()
    with pytest.raises(error):
        session.read_identity()
    assert time.monotonic() - started < 1.5


def test_missing_port_is_reader_unavailable() -> None:
    with pytest.raises(ReaderUnavailable):
        open_port("/dev/does-not-exist-ttyUSB9")


def test_polling_reader_reads_once_until_the_card_leaves_the_field(
    sam_reader: SimulatedSamReader,
) -> None:
    reader = SamSerialReader(sam_reader.port, timeout_s=0.3, poll_interval_s=0.05)
    reader.start()
    try:
        sam_reader.card = RESIDENT_FIELDS
        first = wait_for_event(reader, OUTCOMES)
        assert first.identity is not None and first.identity.name == "张三"
        time.sleep(0.4)  # card stays in the field: several polls, no second read
        assert sam_reader.commands.count(b"\x30\x01") == 1
        sam_reader.card = None
        wait_for_event(reader, (ReaderEventKind.CARD_REMOVED,))
        sam_reader.card = {**RESIDENT_FIELDS, "name": "李四"}
        second = wait_for_event(reader, OUTCOMES)
        assert second.identity is not None and second.identity.name == "李四"
    finally:
        reader.stop()


def test_polling_reader_reports_a_bad_read_and_keeps_going(sam_reader: SimulatedSamReader) -> None:
    reader = SamSerialReader(sam_reader.port, timeout_s=0.3, poll_interval_s=0.05)
    reader.start()
    try:
        sam_reader.fault = Fault.BAD_CHECKSUM
        sam_reader.card = RESIDENT_FIELDS
        failed = wait_for_event(reader, OUTCOMES)
        assert isinstance(failed.error, CardDataError)
        sam_reader.card = None
        wait_for_event(reader, (ReaderEventKind.CARD_REMOVED,))
        sam_reader.fault = Fault.NONE
        sam_reader.card = RESIDENT_FIELDS
        assert wait_for_event(reader, OUTCOMES).identity is not None
    finally:
        reader.stop()


def test_polling_reader_reports_a_missing_port() -> None:
    reader = SamSerialReader("/dev/does-not-exist-ttyUSB9", timeout_s=0.3)
    reader.start()
    try:
        wait_for_event(reader, (ReaderEventKind.SERVICE_LOST,))
    finally:
        started = time.monotonic()
        reader.stop()
        assert time.monotonic() - started < 2.0
