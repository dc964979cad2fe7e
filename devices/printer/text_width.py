"""How many columns text takes on a Chinese receipt printer, counted with wcwidth.

Everything a Chinese printer prints in Chinese mode is full width, including the characters
Unicode calls "ambiguous" (“”·—), so those count two columns, as in an East Asian locale.
"""

from __future__ import annotations

import functools

from wcwidth import wcwidth


@functools.cache
def char_width(char: str) -> int:
    """Columns of one character: 0, 1 or 2."""
    return max(int(wcwidth(char, ambiguous_width=2)), 0)


def printed_width(text: str) -> int:
    """Columns ``text`` takes on paper (CJK and full-width marks two, ASCII one)."""
    return sum(char_width(char) for char in text)
