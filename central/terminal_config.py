"""Per-terminal configuration the platform hands out: a subset of the terminal's settings.

An administrator sets values for one terminal (dotted keys of the terminal's settings file,
e.g. ``session.idle_timeout_s``); the terminal fetches them with If-None-Match and applies
them to its settings file. Only keys under ``ALLOWED_PREFIXES`` are served: the platform never
tells a terminal where the platform is, what to trust, or where its data lives (the terminal
checks the same list). Kept as one JSON file per terminal, replaced atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import threading
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, Field

from central.errors import ApiError

ALLOWED_PREFIXES = ("ui.", "session.", "sync.", "terminal.hall", "terminal.name")
KEY = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)+$")
ConfigValue = str | int | float | bool


class TerminalConfigUpdate(BaseModel):
    """What an administrator sets for a terminal: dotted keys → values."""

    values: Annotated[
        dict[Annotated[str, Field(max_length=128)], ConfigValue], Field(max_length=64)
    ]


class TerminalConfig(BaseModel):
    """The configuration the platform holds for a terminal (version 0: none set)."""

    version: int
    values: dict[str, ConfigValue]

    @property
    def etag(self) -> str:
        """A strong ETag of the version and values."""
        body = json.dumps(self.model_dump(), sort_keys=True).encode()
        return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def allowed_key(key: str) -> bool:
    """True for a well-formed key the platform may set."""
    return bool(KEY.match(key)) and key.startswith(ALLOWED_PREFIXES)


class TerminalConfigs:
    """Every terminal's configuration under ``data_dir/terminal-config``."""

    def __init__(self, data_dir: Path) -> None:
        self._folder = data_dir / "terminal-config"
        self._folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    def _path(self, terminal_id: str) -> Path:
        # terminal ids are checked by pattern (letters, digits, dashes) before they get here
        return self._folder / f"{terminal_id}.json"

    def get(self, terminal_id: str) -> TerminalConfig:
        """The terminal's configuration (version 0 and no values if none was set)."""
        try:
            return TerminalConfig.model_validate_json(self._path(terminal_id).read_text())
        except FileNotFoundError:
            return TerminalConfig(version=0, values={})

    def put(self, terminal_id: str, update: TerminalConfigUpdate) -> TerminalConfig:
        """Replace the terminal's values (a new version); 422 for a key not allowed."""
        refused = sorted(k for k in update.values if not allowed_key(k))
        if refused:
            raise ApiError(
                422,
                "config_key_not_allowed",
                f"the platform may set only {', '.join(ALLOWED_PREFIXES)}: {', '.join(refused)}",
            )
        with self._lock:
            config = TerminalConfig(
                version=self.get(terminal_id).version + 1, values=dict(update.values)
            )
            fd, temp = tempfile.mkstemp(dir=self._folder, prefix=".config-")
            with os.fdopen(fd, "w") as handle:
                handle.write(config.model_dump_json())
            Path(temp).replace(self._path(terminal_id))
        return config


def config_answer(config: TerminalConfig) -> dict[str, Any]:
    """The JSON answer body."""
    return config.model_dump()
