"""Masking personal data in text bound for logs: ID numbers, credit codes, phones, session values.

One compiled regular expression does the whole job in a single pass; it is rebuilt (under a
lock) only when the current session's own values change.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable

ID_MASK = "[ID]"
USCC_MASK = "[USCC]"
PHONE_MASK = "[PHONE]"
PII_MASK = "[PII]"

MIN_SESSION_VALUE_LENGTH = 2

# Resident ID numbers (18 = 17 digits + digit/X, or the old 15 digits). Any run of 15 or more
# digits is masked: it also catches an ID glued to other digits, and bank card numbers.
_ID = r"(?<!\d)\d{15,}[Xx]?(?!\d)"
# Unified social credit code (GB 32100): registration authority, entity type, 6-digit division
# code, then 10 characters of the code's alphabet (no I, O, Z, S, V).
_USCC = r"(?<![0-9A-Za-z])(?i:[1-9ANGY][1-9]\d{6}[0-9A-HJ-NPQRTUW-Y]{10})(?![0-9A-Za-z])"
# Mainland mobile numbers, also written +86 138 1234 5678, 0086-138-1234-5678, 138 1234-5678.
_PHONE = r"(?<![\d+])(?:(?:\+|00)86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)"

_FIXED = f"(?P<id>{_ID})|(?P<uscc>{_USCC})|(?P<phone>{_PHONE})"
_MASKS = {"session": PII_MASK, "id": ID_MASK, "uscc": USCC_MASK, "phone": PHONE_MASK}


class _Redactor:
    """Holds the current pattern; readers take a reference, writers swap it under a lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: frozenset[str] = frozenset()
        self.pattern = re.compile(_FIXED)

    def register(self, values: Iterable[str]) -> None:
        cleaned = {v.strip() for v in values if v and len(v.strip()) >= MIN_SESSION_VALUE_LENGTH}
        with self._lock:
            merged = self._values | cleaned
            if merged != self._values:
                self._values = merged
                self.pattern = _compile(merged)

    def clear(self) -> None:
        with self._lock:
            if self._values:
                self._values = frozenset()
                self.pattern = re.compile(_FIXED)


def _compile(values: frozenset[str]) -> re.Pattern[str]:
    if not values:
        return re.compile(_FIXED)
    # Longest first, so "张三丰" is masked whole and not as "张三" + "丰".
    alternation = "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True))
    # The session's values come first: a registered phone is masked as personal data either way.
    return re.compile(f"(?P<session>(?i:{alternation}))|{_FIXED}")


def _mask(match: re.Match[str]) -> str:
    return _MASKS[match.lastgroup or "session"]


_redactor = _Redactor()


def redact(text: str) -> str:
    """Return ``text`` with ID numbers, credit codes, phones and session values masked."""
    return _redactor.pattern.sub(_mask, text)


def register_session_values(values: Iterable[str]) -> None:
    """Mask these values (the resident's name, numbers, address…) until the session ends."""
    _redactor.register(values)


def clear_session_values() -> None:
    """Forget the session's values: the session has been wiped."""
    _redactor.clear()
