"""What every device kind shares: the answer of a discovery, which never raises."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


class Discovered(list[T]):
    """Devices found: a plain list, plus why it is empty when it is (for `kiosk doctor`)."""

    def __init__(self, found: Iterable[T] = (), reason: str = "") -> None:
        super().__init__(found)
        self.reason = reason
