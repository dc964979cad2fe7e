"""The GA 467 frame codec: what is encoded decodes back; every malformed frame is a clear error."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.cardreader.errors import CardError, CardTimeout
from devices.cardreader.sam_frames import (
    PREAMBLE,
    SamCommand,
    SamFrameError,
    checksum,
    decode_response,
    encode_command,
    encode_response,
    read_frame,
)


def test_commands_match_the_published_frames() -> None:
    assert encode_command(SamCommand.FIND_CARD).hex() == "aaaaaa96690003200122"
    assert encode_command(SamCommand.SELECT_CARD).hex() == "aaaaaa96690003200221"
    assert encode_command(SamCommand.READ_BASE_MESSAGE).hex() == "aaaaaa96690003300132"


def test_published_find_answer_decodes() -> None:
    answer = decode_response(bytes.fromhex("AAAAAA9669000800009F0000000097"))
    assert answer.sw3 == 0x9F
    assert answer.data == b"\x00\x00\x00\x00"


def _reader(data: bytes):  # type: ignore[no-untyped-def]
    position = 0

    def read(size: int) -> bytes:
        nonlocal position
        chunk = data[position : position + size]
        position += len(chunk)
        return chunk

    return read


@given(st.integers(0, 255), st.binary(max_size=1500), st.binary(max_size=8))
def test_response_round_trips_through_the_stream_reader(
    sw3: int, data: bytes, noise: bytes
) -> None:
    frame = encode_response(sw3, data)
    noise = noise.replace(b"\xaa", b"")  # noise that would start a preamble is not noise
    read = _reader(noise + frame)
    decoded = decode_response(read_frame(read))
    assert (decoded.sw3, decoded.data) == (sw3, data)


@given(st.binary(max_size=600), st.integers(0, 10_000), st.integers(1, 255))
def test_any_corrupted_byte_is_detected(data: bytes, where: int, flip: int) -> None:
    frame = bytearray(encode_response(0x90, data))
    position = 5 + where % (len(frame) - 5)  # anywhere after the preamble
    frame[position] ^= flip
    with pytest.raises(SamFrameError):
        decode_response(bytes(frame))


@given(st.binary(max_size=300), st.integers(1, 300))
def test_a_short_frame_is_a_timeout_never_a_hang(data: bytes, cut: int) -> None:
    frame = encode_response(0x90, data)
    truncated = frame[: max(0, len(frame) - cut)]
    with pytest.raises(CardTimeout):
        read_frame(_reader(truncated))


@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash_the_decoder(data: bytes) -> None:
    try:
        decode_response(data)
        decode_response(PREAMBLE + data)
        read_frame(_reader(data))
    except CardError:
        pass


def test_oversized_length_is_refused_before_reading_it() -> None:
    with pytest.raises(SamFrameError, match="exceeds"):
        read_frame(_reader(PREAMBLE + b"\xff\xff"))


def test_checksum_is_xor() -> None:
    assert checksum(b"\x00\x03\x20\x01") == 0x22
