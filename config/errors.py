"""What goes wrong in a configuration: every problem with its key path and the allowed values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ConfigProblem:
    """One problem in a configuration: where (dotted key path), what, and what would be allowed."""

    key_path: str
    message: str
    allowed: tuple[str, ...] = ()

    def __str__(self) -> str:
        text = f"{self.key_path}: {self.message}" if self.key_path else self.message
        if self.allowed:
            text += f" (allowed: {', '.join(self.allowed)})"
        return text


class ConfigError(Exception):
    """A configuration cannot be used; carries every problem found, not just the first."""

    def __init__(self, source: str, problems: Sequence[ConfigProblem]) -> None:
        self.source = source
        self.problems: tuple[ConfigProblem, ...] = tuple(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.problems)
        lines = [f"{self.source}: {count} problem{'s' if count != 1 else ''}"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)
