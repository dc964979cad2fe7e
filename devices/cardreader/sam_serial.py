"""Resident ID card SAM reader on a serial port (GA 467): find, select, read; one read per card."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

import serial

from devices.cardreader.errors import CardDataError, CardError, CardStatusError, ReaderUnavailable
from devices.cardreader.events import ReaderEvent, ReaderEventKind
from devices.cardreader.id_card_text import parse_base_message
from devices.cardreader.identity import Identity, PhotoFormat
from devices.cardreader.sam_frames import (
    SamCommand,
    SamResponse,
    SamStatus,
    decode_response,
    encode_command,
    read_frame,
)

log = logging.getLogger(__name__)

WltDecoder = Callable[[bytes], bytes]
"""Turns the 1024-byte WLT photo into BMP bytes (a licensed vendor library, wrapped)."""

POLL_INTERVAL_S = 0.3


class SerialPort(Protocol):
    """The part of pyserial's Serial we use."""

    def write(self, data: bytes, /) -> int | None:
        """Write bytes."""
        ...

    def read(self, size: int = 1, /) -> bytes:
        """Read up to size bytes, fewer on timeout."""
        ...

    def reset_input_buffer(self) -> None:
        """Drop unread input."""
        ...

    def close(self) -> None:
        """Close the port."""
        ...


def open_port(port: str, baudrate: int = 115200, timeout_s: float = 2.0) -> SerialPort:
    """Open the serial port (USB-serial included); raises ReaderUnavailable."""
    try:
        opened: SerialPort = serial.Serial(port=port, baudrate=baudrate, timeout=timeout_s)
    except (serial.SerialException, OSError) as exc:
        raise ReaderUnavailable(f"cannot open {port}: {exc}") from None
    return opened


class SamSession:
    """Commands to one SAM reader over an open port."""

    def __init__(self, port: SerialPort, wlt_decoder: WltDecoder | None = None) -> None:
        self._port = port
        self._wlt_decoder = wlt_decoder

    def exchange(self, command: SamCommand) -> SamResponse:
        """Send one command frame and decode the answer."""
        self._port.reset_input_buffer()  # a late answer to an earlier command must not match
        try:
            self._port.write(encode_command(command))
            frame = read_frame(self._port.read)
        except serial.SerialException as exc:
            raise ReaderUnavailable(f"serial port failed: {exc}") from None
        return decode_response(frame)

    def card_present(self) -> bool:
        """FIND CARD: True if a card is in the field."""
        answer = self.exchange(SamCommand.FIND_CARD)
        if answer.sw3 == SamStatus.FIND_OK:
            return True
        if answer.sw3 == SamStatus.NO_CARD:
            return False
        raise CardStatusError("FIND CARD", answer.sw3)

    def read_identity(self) -> Identity:
        """SELECT CARD and READ BASE MESSAGE of the card in the field."""
        answer = self.exchange(SamCommand.SELECT_CARD)
        if answer.sw3 != SamStatus.OK:
            raise CardStatusError("SELECT CARD", answer.sw3)
        answer = self.exchange(SamCommand.READ_BASE_MESSAGE)
        if answer.sw3 != SamStatus.OK:
            raise CardStatusError("READ BASE MESSAGE", answer.sw3)
        identity = parse_base_message(answer.data)
        return self._decode_photo(identity)

    def _decode_photo(self, identity: Identity) -> Identity:
        if identity.photo is None or self._wlt_decoder is None:
            return identity  # WLT bytes kept: the photo is "not available" on screen
        try:
            bmp = self._wlt_decoder(identity.photo)
        except Exception:
            log.warning("WLT photo decoder failed; photo not available")
            return identity
        return replace(identity, photo=bmp, photo_format=PhotoFormat.BMP)


class SamSerialReader:
    """Polls a SAM reader on its own thread; a card is read once, then must leave the field."""

    def __init__(
        self,
        port: str,
        *,
        baudrate: int = 115200,
        timeout_s: float = 2.0,
        wlt_decoder: WltDecoder | None = None,
        poll_interval_s: float = POLL_INTERVAL_S,
    ) -> None:
        self.events: queue.Queue[ReaderEvent] = queue.Queue()
        self._port_name = port
        self._baudrate = baudrate
        self._timeout_s = timeout_s
        self._wlt_decoder = wlt_decoder
        self._poll_interval_s = poll_interval_s
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start polling."""
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="sam-reader", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop polling (within one serial timeout)."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(self._timeout_s * 3 + 1)
            self._thread = None

    def _emit(
        self,
        kind: ReaderEventKind,
        identity: Identity | None = None,
        error: CardError | None = None,
    ) -> None:
        self.events.put(ReaderEvent(kind, self._port_name, identity=identity, error=error))

    def _run(self) -> None:
        port: SerialPort | None = None
        service_up = True
        card_in_field = False  # read already: wait until the card leaves
        while not self._stopping.is_set():
            if port is None:
                try:
                    port = open_port(self._port_name, self._baudrate, self._timeout_s)
                except ReaderUnavailable as exc:
                    if service_up:
                        service_up = False
                        log.warning("SAM reader unavailable: %s", exc.detail)
                        self._emit(ReaderEventKind.SERVICE_LOST)
                    self._stopping.wait(1.0)
                    continue
                if not service_up:
                    service_up = True
                    self._emit(ReaderEventKind.SERVICE_RESTORED)
                session = SamSession(port, self._wlt_decoder)
            try:
                present = session.card_present()
            except ReaderUnavailable:
                port.close()
                port = None
                continue
            except CardError as exc:
                log.info("SAM reader answered badly to FIND CARD: %s", exc.detail)
                present = card_in_field  # unknown: keep the last state
            if present and not card_in_field:
                card_in_field = True
                self._read(session)
            elif not present and card_in_field:
                card_in_field = False
                self._emit(ReaderEventKind.CARD_REMOVED)
            self._stopping.wait(self._poll_interval_s)
        if port is not None:
            port.close()

    def _read(self, session: SamSession) -> None:
        self._emit(ReaderEventKind.CARD_INSERTED)
        try:
            identity = session.read_identity()
        except CardError as exc:
            log.info("ID card read failed: %s: %s", type(exc).__name__, exc.detail)
            self._emit(ReaderEventKind.READ_FAILED, error=exc)
        except Exception as exc:
            log.exception("unexpected error reading an ID card")
            self._emit(ReaderEventKind.READ_FAILED, error=CardDataError(type(exc).__name__))
        else:
            self._emit(ReaderEventKind.IDENTITY_READ, identity=identity)
