"""The hidden technician gesture: five taps in the top-left corner within three seconds."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

CORNER_PX = 120
TAPS = 5
WINDOW_S = 3.0


class CornerTaps:
    """Counts taps in the corner; says when the gesture is complete (Qt-free, clock injectable)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._taps: deque[float] = deque(maxlen=TAPS)

    def tap(self, x: float, y: float) -> bool:
        """Register a tap at window coordinates; True when it completes the gesture."""
        if not (0 <= x < CORNER_PX and 0 <= y < CORNER_PX):
            self._taps.clear()  # a tap elsewhere breaks the sequence
            return False
        now = self._clock()
        self._taps.append(now)
        if len(self._taps) == TAPS and now - self._taps[0] <= WINDOW_S:
            self._taps.clear()
            return True
        return False
