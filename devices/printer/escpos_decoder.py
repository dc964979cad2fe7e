"""Reading a recorded ESC/POS stream back as a person would read the paper.

Text lines (decoded per the printer's encoding, Chinese mode ``FS &`` / ``FS .`` honoured:
multi-byte text outside Chinese mode comes out as the single-byte garbage a printer would
print), QR codes (GS ( k) with their payload, raster pictures (GS v 0) and cuts. Tests and
the demo use it to check receipts by what they say, not by their raw bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from devices.printer.raster import Raster

ESC, GS, FS, DLE = 0x1B, 0x1D, 0x1C, 0x10

# Commands with a fixed number of argument bytes that only change the look of the paper.
_ESC_ARGS = {
    ord("!"): 1, ord("-"): 1, ord("2"): 0, ord("3"): 1, ord("E"): 1, ord("G"): 1,
    ord("M"): 1, ord("R"): 1, ord("t"): 1, ord("{"): 1, ord("a"): 1, ord("J"): 1,
    ord("d"): 1, ord("p"): 3, ord("c"): 2, ord("V"): 1, ord(" "): 1,
}  # fmt: skip
_GS_ARGS = {
    ord("!"): 1, ord("B"): 1, ord("H"): 1, ord("h"): 1, ord("w"): 1, ord("f"): 1,
    ord("L"): 2, ord("W"): 2, ord("r"): 1, ord("a"): 1, ord("b"): 1,
}  # fmt: skip
_FS_ARGS = {ord("&"): 0, ord("."): 0, ord("!"): 1, ord("-"): 1, ord("W"): 1, ord("S"): 2}


class DecodeError(ValueError):
    """The stream holds a command the decoder does not know, or ends inside one."""


@dataclass(frozen=True)
class TextLine:
    """A printed line of text and how it looks."""

    text: str
    bold: bool = False
    double: bool = False
    align: int = 0


@dataclass(frozen=True)
class QrCode:
    """A QR code the printer drew itself (GS ( k), with its payload."""

    payload: str


@dataclass(frozen=True)
class Picture:
    """A raster picture (GS v 0); scale 3 is double width and height."""

    raster: Raster
    scale: int = 0


@dataclass(frozen=True)
class Cut:
    """The paper was cut."""


Item = TextLine | QrCode | Picture | Cut


@dataclass
class Decoded:
    """Everything a stream printed, in order, plus the control traffic."""

    items: list[Item] = field(default_factory=list)
    resets: int = 0  # ESC @
    status_queries: list[bytes] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        """The text lines, as read."""
        return [item.text for item in self.items if isinstance(item, TextLine)]

    @property
    def text(self) -> str:
        """All text lines joined with newlines."""
        return "\n".join(self.lines)

    @property
    def qr_payloads(self) -> list[str]:
        """The payload of each QR code printed."""
        return [item.payload for item in self.items if isinstance(item, QrCode)]

    @property
    def pictures(self) -> list[Picture]:
        """The raster pictures printed."""
        return [item for item in self.items if isinstance(item, Picture)]

    @property
    def cuts(self) -> int:
        """How many times the paper was cut."""
        return sum(isinstance(item, Cut) for item in self.items)


class EscposDecoder:
    """Decodes streams for a printer with this encoding and Chinese-mode behaviour."""

    def __init__(self, encoding: str, chinese_mode_commands: bool) -> None:
        self.encoding = encoding
        # A printer driven with FS & starts in single-byte mode; one that is not is
        # set (by its DIP switches) to Chinese mode all the time.
        self.chinese_by_default = not chinese_mode_commands

    def decode(self, data: bytes) -> Decoded:
        """Decode a whole stream; DecodeError on an unknown or truncated command."""
        return _Run(self, data).run()


class _Run:
    def __init__(self, decoder: EscposDecoder, data: bytes) -> None:
        self.decoder = decoder
        self.data = data
        self.pos = 0
        self.out = Decoded()
        self._reset_state()
        self.segments: list[tuple[bool, bytearray]] = []
        self.qr_store = b""

    def _reset_state(self) -> None:
        self.chinese = self.decoder.chinese_by_default
        self.bold = False
        self.double = False
        self.align = 0

    def take(self, count: int) -> bytes:
        if self.pos + count > len(self.data):
            raise DecodeError(f"stream ends inside a command at byte {self.pos}")
        chunk = self.data[self.pos : self.pos + count]
        self.pos += count
        return chunk

    def run(self) -> Decoded:
        while self.pos < len(self.data):
            byte = self.take(1)[0]
            if byte == 0x0A:
                self.flush_line()
            elif byte == ESC:
                self.esc()
            elif byte == GS:
                self.gs()
            elif byte == FS:
                self.fs()
            elif byte == DLE:
                self.dle()
            elif byte in (0x0D, 0x00):
                continue
            else:
                self.add_text(byte)
        if any(chunk for _, chunk in self.segments):
            self.flush_line()  # text left in the buffer: a printer prints it at the cut
        return self.out

    def add_text(self, byte: int) -> None:
        if not self.segments or self.segments[-1][0] != self.chinese:
            self.segments.append((self.chinese, bytearray()))
        self.segments[-1][1].append(byte)

    def flush_line(self) -> None:
        parts = []
        for chinese, chunk in self.segments:
            if chinese:
                parts.append(bytes(chunk).decode(self.decoder.encoding, errors="replace"))
            else:
                # Outside Chinese mode every byte is one character of code page 437.
                parts.append(bytes(chunk).decode("cp437"))
        self.segments = []
        self.out.items.append(TextLine("".join(parts), self.bold, self.double, self.align))

    def esc(self) -> None:
        command = self.take(1)[0]
        if command == ord("@"):
            self.out.resets += 1
            self._reset_state()
            return
        if command not in _ESC_ARGS:
            raise DecodeError(f"unknown command ESC {command:#04x} at byte {self.pos - 2}")
        args = self.take(_ESC_ARGS[command])
        if command == ord("E"):
            self.bold = bool(args[0] & 1)
        elif command == ord("a"):
            self.align = args[0] % 48
        elif command == ord("d"):
            if any(chunk for _, chunk in self.segments):
                self.flush_line()
                args = bytes((max(args[0] - 1, 0),))
            for _ in range(args[0]):
                self.out.items.append(TextLine(""))

    def gs(self) -> None:
        command = self.take(1)[0]
        if command == ord("V"):
            mode = self.take(1)[0]
            if mode in (65, 66):
                self.take(1)
            self.out.items.append(Cut())
        elif command == ord("v"):
            scale, xl, xh, yl, yh = self.take(6)[1:]
            width, height = xl | xh << 8, yl | yh << 8
            data = self.take(width * height)
            self.out.items.append(Picture(Raster(width, height, data), scale % 48))
        elif command == ord("("):
            kind = self.take(1)
            low, high = self.take(2)
            body = self.take(low | high << 8)
            if kind == b"k":
                self.two_d_code(body)
        elif command == ord("r"):
            self.out.status_queries.append(bytes((GS, command)) + self.take(1))
        elif command == ord("!"):
            size = self.take(1)[0]
            self.double = size != 0
        elif command in _GS_ARGS:
            self.take(_GS_ARGS[command])
        else:
            raise DecodeError(f"unknown command GS {command:#04x} at byte {self.pos - 2}")

    def two_d_code(self, body: bytes) -> None:
        code, fn = body[0], body[1]
        if code != ord("1"):
            return  # not a QR code (PDF417, …)
        if fn == 80:
            self.qr_store = body[3:]  # after cn, fn and m = '0'
        elif fn == 81:
            self.out.items.append(QrCode(self.qr_store.decode("utf-8", errors="replace")))

    def fs(self) -> None:
        command = self.take(1)[0]
        if command not in _FS_ARGS:
            raise DecodeError(f"unknown command FS {command:#04x} at byte {self.pos - 2}")
        self.take(_FS_ARGS[command])
        if command == ord("&"):
            self.chinese = True
        elif command == ord("."):
            self.chinese = False

    def dle(self) -> None:
        command = self.take(1)[0]
        if command in (0x04, 0x05, 0x14):
            argument = self.take(1 if command != 0x14 else 3)
            if command == 0x04:
                self.out.status_queries.append(bytes((DLE, command)) + argument)
            return
        raise DecodeError(f"unknown command DLE {command:#04x} at byte {self.pos - 2}")
