"""UUID version 7 (RFC 9562): 48-bit Unix milliseconds, version, 74 bits that grow monotonically.

Python 3.11 has no ``uuid.uuid7``. Within one process, ids are strictly increasing (RFC 9562
§6.2 method 2, "monotonic random"): in the same millisecond, or if the clock steps back, the
74-bit field of the previous id is incremented by a random amount instead of drawn afresh.
"""

from __future__ import annotations

import secrets
import threading
import time
import uuid

_RANDOM_BITS = 74  # 12 bits rand_a + 62 bits rand_b
_MAX_RANDOM = (1 << _RANDOM_BITS) - 1


class Uuid7Generator:
    """Makes strictly increasing UUIDv7 values; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last_ms = -1
        self._last_random = 0

    def new(self, now_ms: int | None = None) -> uuid.UUID:
        """The next id; ``now_ms`` (Unix milliseconds) for tests, else the system clock."""
        ms = time.time_ns() // 1_000_000 if now_ms is None else now_ms
        with self._lock:
            if ms > self._last_ms:
                # Leave headroom so increments within this millisecond rarely overflow.
                rand = secrets.randbits(_RANDOM_BITS - 1)
            else:
                ms = self._last_ms
                rand = self._last_random + 1 + secrets.randbits(32)
                if rand > _MAX_RANDOM:
                    ms += 1
                    rand = secrets.randbits(_RANDOM_BITS - 1)
            self._last_ms, self._last_random = ms, rand
        return _build(ms, rand)


def _build(ms: int, rand: int) -> uuid.UUID:
    rand_a = rand >> 62
    rand_b = rand & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
    return uuid.UUID(int=value)


def timestamp_ms(value: uuid.UUID) -> int:
    """The Unix milliseconds a UUIDv7 carries."""
    return value.int >> 80


_DEFAULT = Uuid7Generator()


def uuid7() -> uuid.UUID:
    """A new UUIDv7 from the process-wide generator (monotonic within this process)."""
    return _DEFAULT.new()
