"""Building the ESC/POS bytes of a document (a receipt) for one configured printer."""

from __future__ import annotations

from enum import IntEnum

import qrcode
from qrcode.constants import ERROR_CORRECT_M

from config.schema import _PrinterCommon
from devices.printer.raster import raster_of_image, text_raster
from devices.printer.text_encoder import FS_CHINESE_OFF, TextEncoder

ESC_INIT = b"\x1b@"
LF = b"\n"


class Align(IntEnum):
    """ESC a n justification."""

    LEFT = 0
    CENTER = 1
    RIGHT = 2


def _qr_function(fn: int, data: bytes) -> bytes:
    size = len(data) + 2
    return b"\x1d(k" + bytes((size & 0xFF, size >> 8, ord("1"), fn)) + data


class EscposDocument:
    """Appends lines, QR codes and a cut; ``payload()`` is the whole job, starting with ESC @."""

    def __init__(self, settings: _PrinterCommon) -> None:
        self.settings = settings
        self.encoder = TextEncoder(settings.encoding, settings.chinese_mode_commands)
        self._out = bytearray(ESC_INIT)
        if settings.chinese_mode_commands:
            self._out += FS_CHINESE_OFF  # a known state: single-byte mode outside FS & runs

    @property
    def columns(self) -> int:
        """Characters per line in the normal font (a CJK character takes two)."""
        return self.settings.chars_per_line

    def line(
        self,
        text: str,
        *,
        bold: bool = False,
        double: bool = False,
        align: Align = Align.LEFT,
    ) -> None:
        """One printed line; a line the printer's font cannot show is printed as a picture."""
        out = self._out
        out += b"\x1ba" + bytes((align,))
        if not self.encoder.printable(text):
            out += text_raster(text, bold).command(scale=3 if double else 0)
            out += b"\x1ba\x00"
            return
        if bold:
            out += b"\x1bE\x01"
        if double:
            out += b"\x1d!\x11"
        out += self.encoder.encode(text) + LF
        if double:
            out += b"\x1d!\x00"
        if bold:
            out += b"\x1bE\x00"
        if align is not Align.LEFT:
            out += b"\x1ba\x00"

    def feed(self, lines: int = 1) -> None:
        """Print and feed ``lines`` blank lines (ESC d n)."""
        self._out += b"\x1bd" + bytes((lines,))

    def qr(self, payload: str, module_dots: int = 6) -> None:
        """A centred QR code: the printer's own command (GS ( k) or a raster picture."""
        self._out += b"\x1ba\x01"
        if self.settings.native_qr:
            data = payload.encode("utf-8")
            self._out += _qr_function(65, b"\x32\x00")  # model 2
            self._out += _qr_function(67, bytes((module_dots,)))
            self._out += _qr_function(69, b"\x31")  # error correction M
            self._out += _qr_function(80, b"0" + data)  # store
            self._out += _qr_function(81, b"0")  # print
            self._out += LF
        else:
            code = qrcode.QRCode(border=2, box_size=module_dots, error_correction=ERROR_CORRECT_M)
            code.add_data(payload)
            code.make(fit=True)
            self._out += raster_of_image(code.make_image().get_image()).command()
        self._out += b"\x1ba\x00"

    def cut(self) -> None:
        """Feed past the cutter and cut (GS V 66 n); without a cutter only feed to tear."""
        if self.settings.cutter:
            self._out += b"\x1dVB\x03"
        else:
            self.feed(4)

    def payload(self) -> bytes:
        """The whole job."""
        return bytes(self._out)
