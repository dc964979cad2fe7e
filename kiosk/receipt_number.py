"""Receipt numbers: readable, printed at once, valid offline, with a check character.

Format: ``<terminal id>-<YYYYMMDD>-<sequence><check>``, for example
``MY-FC-01-20240501-00012D``:

- terminal id: the configured ``terminal.id`` (A–Z, 0–9 and ``-``);
- date: the day of finalize in China Standard Time (UTC+8);
- sequence: 5 digits, per terminal and day, starting at 00001, allocated in the same SQLite
  transaction as the application, so it is never reused or skipped by a crash;
- check: one character (0–9, A–Z) of ISO 7064 MOD 37,36 (``stdnum.iso7064.mod_37_36``)
  over the number with the hyphens removed. It catches every single wrong character and
  every swap of two adjacent characters, when a number is typed at the tracking screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from stdnum.exceptions import ValidationError
from stdnum.iso7064 import mod_37_36

CHINA_STANDARD_TIME = timezone(timedelta(hours=8), "CST")
MAX_SEQUENCE = 99_999
_PATTERN = re.compile(
    r"^(?P<terminal>[A-Z0-9][A-Z0-9-]{3,31})-(?P<day>\d{8})-(?P<seq>\d{5})(?P<check>[0-9A-Z])$"
)


@dataclass(frozen=True)
class ReceiptNumber:
    """The parts of a receipt number."""

    terminal_id: str
    day: date
    sequence: int


def local_day(moment: datetime) -> date:
    """The calendar day of ``moment`` in China Standard Time."""
    return moment.astimezone(CHINA_STANDARD_TIME).date()


def _compact(terminal_id: str, day: date, sequence: int) -> str:
    return f"{terminal_id.replace('-', '')}{day:%Y%m%d}{sequence:05d}"


def format_receipt_number(terminal_id: str, day: date, sequence: int) -> str:
    """The receipt number of the ``sequence``-th application of ``day`` at this terminal."""
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise ValueError(f"receipt sequence {sequence} outside 1..{MAX_SEQUENCE}")
    check = mod_37_36.calc_check_digit(_compact(terminal_id, day, sequence))
    return f"{terminal_id}-{day:%Y%m%d}-{sequence:05d}{check}"


def parse_receipt_number(text: str) -> ReceiptNumber | None:
    """The parts of a well-formed number with a correct check character, else None."""
    match = _PATTERN.match(text.strip().upper())
    if match is None:
        return None
    try:
        day = datetime.strptime(match["day"], "%Y%m%d").date()
    except ValueError:
        return None
    sequence = int(match["seq"])
    compact = _compact(match["terminal"], day, sequence) + match["check"]
    try:
        mod_37_36.validate(compact)
    except ValidationError:
        return None
    return ReceiptNumber(match["terminal"], day, sequence)
