"""GA 467 frames of resident ID card SAM readers: pure encode/decode functions, no I/O.

Host to SAM: ``AA AA AA 96 69 | len (2, big-endian) | CMD | PARA | data | CHK``;
SAM to host: ``AA AA AA 96 69 | len | SW1 SW2 SW3 | data | CHK``. ``len`` counts every byte
after itself, checksum included; CHK is the XOR of the length bytes and everything up to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from functools import reduce

from devices.cardreader.errors import CardDataError, CardTimeout

PREAMBLE = bytes.fromhex("AA AA AA 96 69")
MAX_FRAME_LENGTH = 4096  # base message with fingerprints is ~2.3 KB


class SamCommand(IntEnum):
    """Commands as (CMD << 8) | PARA."""

    FIND_CARD = 0x2001
    SELECT_CARD = 0x2002
    READ_BASE_MESSAGE = 0x3001
    SAM_STATUS = 0x11FF


class SamStatus(IntEnum):
    """SW3 values the SAM answers with."""

    OK = 0x90
    FIND_OK = 0x9F
    NO_CARD = 0x80  # find failed: no card in the field
    SELECT_FAILED = 0x81
    READ_FAILED = 0x41


class SamFrameError(CardDataError):
    """A frame from the reader is malformed (bad checksum, short, oversized)."""


@dataclass(frozen=True)
class SamResponse:
    """A decoded answer frame."""

    sw1: int
    sw2: int
    sw3: int
    data: bytes


def checksum(body: bytes) -> int:
    """XOR of all bytes."""
    return reduce(lambda a, b: a ^ b, body, 0)


def encode_command(command: SamCommand | int, data: bytes = b"") -> bytes:
    """A complete host-to-SAM frame."""
    payload = bytes(((command >> 8) & 0xFF, command & 0xFF)) + data
    body = (len(payload) + 1).to_bytes(2, "big") + payload
    return PREAMBLE + body + bytes((checksum(body),))


def encode_response(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    """A complete SAM-to-host frame (used by simulators and tests)."""
    payload = bytes((sw1, sw2, sw3)) + data
    body = (len(payload) + 1).to_bytes(2, "big") + payload
    return PREAMBLE + body + bytes((checksum(body),))


def decode_response(frame: bytes) -> SamResponse:
    """Decode one complete SAM-to-host frame; raises SamFrameError if it is malformed."""
    if not frame.startswith(PREAMBLE):
        raise SamFrameError("frame does not start with the GA 467 preamble")
    if len(frame) < len(PREAMBLE) + 2:
        raise SamFrameError("frame too short for its length field")
    length = int.from_bytes(frame[5:7], "big")
    if length < 4:
        raise SamFrameError(f"length {length} too small for a status and checksum")
    if len(frame) != 7 + length:
        raise SamFrameError(f"frame has {len(frame) - 7} bytes after the length, expected {length}")
    body, chk = frame[5:-1], frame[-1]
    if checksum(body) != chk:
        raise SamFrameError("checksum mismatch")
    return SamResponse(frame[7], frame[8], frame[9], bytes(frame[10:-1]))


def read_frame(read: Callable[[int], bytes]) -> bytes:
    """Read one frame with ``read(n)`` (a serial read with timeout: fewer bytes = timed out).

    Bytes before the preamble are skipped (line noise); a short read is a timeout.
    """
    window = b""
    skipped = 0
    while window != PREAMBLE:
        byte = read(1)
        if not byte:
            raise CardTimeout("reader did not answer" if not skipped else "reader answer cut off")
        window = (window + byte)[-len(PREAMBLE) :]
        skipped += 1
        if skipped > MAX_FRAME_LENGTH:
            raise SamFrameError("no preamble in the reader's output")
    header = read(2)
    if len(header) < 2:
        raise CardTimeout("reader answer cut off in the length")
    length = int.from_bytes(header, "big")
    if length > MAX_FRAME_LENGTH:
        raise SamFrameError(f"frame length {length} exceeds {MAX_FRAME_LENGTH}")
    rest = read(length)
    if len(rest) < length:
        raise CardTimeout(f"reader answer cut off ({len(rest)} of {length} bytes)")
    return PREAMBLE + header + rest
