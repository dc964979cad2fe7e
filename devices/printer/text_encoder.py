"""Our own text encoder for Chinese receipt printers.

python-escpos' magic encoder switches to GB18030 only for U+4E00-U+9FA5 and never sends
``FS &``, so full-width symbols (￥，。) print as ``?``. Here the configured encoding is used
for every non-ASCII character, and runs of them are wrapped in ``FS &`` / ``FS .`` (Chinese
mode on / off) when the printer needs it.

What a printer can show is its ROM font, not its codec: GB18030 can encode every Unicode
character, but printer fonts hold the two-byte GBK repertoire. Characters outside it (rare
name characters, CJK Extension A/B such as 𠮷 or 䶮) are reported as unprintable, and the
document prints their line as a picture instead of ``?``.
"""

from __future__ import annotations

import functools
from typing import Literal

FS_CHINESE_ON = b"\x1c&"
FS_CHINESE_OFF = b"\x1c."

Encoding = Literal["gb18030", "gbk", "utf-8"]


@functools.cache
def in_printer_font(char: str) -> bool:
    """Whether a character is in the repertoire every Chinese printer font has (ASCII + GBK)."""
    if char.isascii():
        return char.isprintable()
    try:
        char.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


class TextEncoder:
    """Turns a line of text into the bytes a printer with this encoding prints correctly."""

    def __init__(self, encoding: Encoding, chinese_mode_commands: bool) -> None:
        self.encoding: Encoding = encoding
        self.chinese_mode_commands = chinese_mode_commands

    @staticmethod
    def printable(text: str) -> bool:
        """Whether the printer's own font can show every character of ``text``."""
        return all(in_printer_font(char) for char in text)

    def encode(self, text: str) -> bytes:
        """The bytes of ``text``; ValueError if a character is not printable (draw it instead)."""
        out = bytearray()
        run: list[str] = []  # a run of non-ASCII characters, printed in Chinese mode
        for char in text:
            if not in_printer_font(char):
                raise ValueError(f"U+{ord(char):04X} is not in the printer's font")
            if char.isascii():
                self._flush(run, out)
                out += char.encode("ascii")
            else:
                run.append(char)
        self._flush(run, out)
        return bytes(out)

    def _flush(self, run: list[str], out: bytearray) -> None:
        if not run:
            return
        encoded = "".join(run).encode(self.encoding)
        if self.chinese_mode_commands:
            out += FS_CHINESE_ON + encoded + FS_CHINESE_OFF
        else:
            out += encoded
        run.clear()
