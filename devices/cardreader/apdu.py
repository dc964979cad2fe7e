"""Command APDUs over any raw transmit function, with T=0 fix-ups (61xx, 6Cxx) and a deadline."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from devices.cardreader.errors import CardDataError, CardTimeout

RawTransmit = Callable[[bytes], bytes]
"""Sends one command APDU and returns the response data followed by the status word."""

SW_OK = 0x9000
MAX_RESPONSE_BYTES = 64 * 1024  # far above any record or certificate we read
MAX_GET_RESPONSE_ROUNDS = 256


@dataclass(frozen=True)
class Response:
    """A response APDU: data and the 2-byte status word."""

    data: bytes
    sw: int

    @property
    def ok(self) -> bool:
        """True for 9000."""
        return self.sw == SW_OK

    @property
    def sw1(self) -> int:
        """The first status byte."""
        return self.sw >> 8


def command(
    cla: int, ins: int, p1: int, p2: int, data: bytes = b"", le: int | None = None
) -> bytes:
    """A short command APDU; ``le`` 256 is encoded as 00."""
    if len(data) > 255:
        raise ValueError("short APDUs carry at most 255 data bytes")
    apdu = bytes((cla, ins, p1, p2))
    if data:
        apdu += bytes((len(data),)) + data
    if le is not None:
        if not 1 <= le <= 256:
            raise ValueError("Le must lie in 1..256")
        apdu += bytes((le % 256,))
    return apdu


def with_le(apdu: bytes, le: int) -> bytes:
    """The same command with its expected length set to ``le`` (0 meaning 256)."""
    if len(apdu) == 4:
        return apdu + bytes((le,))
    if len(apdu) == 5:
        return apdu[:4] + bytes((le,))
    lc = apdu[4]
    if len(apdu) == 5 + lc:
        return apdu + bytes((le,))
    return apdu[: 5 + lc] + bytes((le,))


def split_response(raw: bytes) -> Response:
    """Split raw response bytes into data and status word; fewer than 2 bytes is a card fault."""
    if len(raw) < 2:
        raise CardDataError(f"response of {len(raw)} bytes has no status word")
    return Response(bytes(raw[:-2]), (raw[-2] << 8) | raw[-1])


class ApduChannel:
    """Sends APDUs to one card: GET RESPONSE on 61xx, resend with Le on 6Cxx, deadline enforced."""

    def __init__(
        self,
        transmit: RawTransmit,
        *,
        deadline: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._transmit = transmit
        self._deadline = deadline
        self._clock = clock
        self.exchanges = 0

    def _raw(self, apdu: bytes) -> Response:
        if self._deadline is not None and self._clock() > self._deadline:
            raise CardTimeout(f"read took longer than allowed after {self.exchanges} exchanges")
        self.exchanges += 1
        return split_response(self._transmit(apdu))

    def send(self, apdu: bytes) -> Response:
        """Send one command and return its complete response."""
        response = self._raw(apdu)
        if response.sw1 == 0x6C:
            # Wrong Le: the card tells the right one; resend once with it.
            response = self._raw(with_le(apdu, response.sw & 0xFF))
            if response.sw1 == 0x6C:
                raise CardDataError("card asked twice for a different Le")
        data = bytearray(response.data)
        rounds = 0
        while response.sw1 == 0x61:
            rounds += 1
            if rounds > MAX_GET_RESPONSE_ROUNDS:
                raise CardDataError("card keeps announcing more response data")
            response = self._raw(command(0x00, 0xC0, 0x00, 0x00, le=(response.sw & 0xFF) or 256))
            data += response.data
            if len(data) > MAX_RESPONSE_BYTES:
                raise CardDataError(f"response longer than {MAX_RESPONSE_BYTES} bytes")
        return Response(bytes(data), response.sw)


def chained_commands(cla: int, ins: int, p1: int, p2: int, data: bytes, le: int) -> list[bytes]:
    """ISO 7816-4 command chaining: data over 255 bytes split, CLA bit 0x10 on all but the last."""
    chunks = [data[i : i + 255] for i in range(0, len(data), 255)] or [b""]
    apdus = [command(cla | 0x10, ins, p1, p2, chunk) for chunk in chunks[:-1]]
    apdus.append(command(cla, ins, p1, p2, chunks[-1], le=le))
    return apdus
