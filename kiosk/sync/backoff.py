"""Exponential backoff with full jitter (AWS architecture blog), honouring ``Retry-After``.

delay = uniform(0, min(cap, base * 2**attempt)), and never less than the platform asked for.
There is no attempt limit: transient errors are retried for as long as it takes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    """Delays for successive failures of one thing."""

    base_s: float = 1.0
    cap_s: float = 300.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int, retry_after_s: float | None = None) -> float:
        """Seconds to wait before retry number ``attempt`` (0 = after the first failure)."""
        ceiling = min(self.cap_s, self.base_s * 2 ** min(attempt, 62))
        jittered = self.rng.uniform(0.0, ceiling)
        if retry_after_s is not None:
            # The platform's wish wins, but a hostile or broken value cannot park us for days.
            return max(jittered, min(retry_after_s, max(self.cap_s, 3600.0)))
        return jittered
