"""Terminal configuration from the platform into the terminal's settings file.

The platform holds a small per-terminal subset of settings (``ui.*``, ``session.*``,
``sync.*``, the hall and name). They are fetched with If-None-Match (an unchanged set costs a
304 and no write) and applied through kiosk/config_store.py: validated in full, written
atomically with the previous file kept for a rollback, audited as a CONFIG change by
"platform". A key outside the subset, or values the schema refuses, are refused whole and the
file is left as it is: the platform can never point a terminal at another platform, change
what it trusts, or move its data. Changes take effect when the kiosk and the sync service next
start (the settings of a running process do not change under it).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from config.errors import ConfigError
from kiosk.config_store import ConfigStore, ConfigStoreError
from kiosk.sync.platform_client import PlatformClient

log = logging.getLogger(__name__)

ALLOWED_PREFIXES = ("ui.", "session.", "sync.", "terminal.hall", "terminal.name")
STATE_FILE = "platform_config.json"  # in the data folder: the ETag and version applied last


class ConfigOutcome(StrEnum):
    """What one pull did."""

    CURRENT = "current"
    APPLIED = "applied"
    REFUSED = "refused"


@dataclass(frozen=True)
class ConfigPullResult:
    """The outcome, the platform's version, and why it was refused (if it was)."""

    outcome: ConfigOutcome
    version: int | None
    reason: str = ""


class ConfigPull:
    """Pulls this terminal's settings from the platform into ``store``'s file."""

    def __init__(self, store: ConfigStore, data_dir: Path) -> None:
        self._store = store
        self._state = data_dir / STATE_FILE

    def _applied(self) -> tuple[str | None, int]:
        try:
            state = json.loads(self._state.read_text(encoding="utf-8"))
            return str(state["etag"]), int(state["version"])
        except (OSError, ValueError, KeyError, TypeError):
            return None, 0

    def _remember(self, etag: str, version: int) -> None:
        temp = self._state.with_suffix(".tmp")
        temp.write_text(json.dumps({"etag": etag, "version": version}), encoding="utf-8")
        temp.replace(self._state)

    def pull(self, client: PlatformClient) -> ConfigPullResult:
        """Fetch and apply; global sync errors propagate to the engine."""
        etag, held = self._applied()
        answer, new_etag = client.terminal_config(etag)
        if answer is None:
            return ConfigPullResult(ConfigOutcome.CURRENT, held)
        if answer.version <= held or not answer.values:
            self._remember(new_etag, answer.version)
            return ConfigPullResult(ConfigOutcome.CURRENT, answer.version)
        refused = sorted(k for k in answer.values if not k.startswith(ALLOWED_PREFIXES))
        if refused:
            reason = f"keys the platform may not set: {', '.join(refused)}"
        else:
            try:
                self._store.set_values(answer.values)
            except (ConfigError, ConfigStoreError, OSError) as error:
                reason = f"settings refused: {str(error)[:300]}"
            else:
                self._remember(new_etag, answer.version)
                log.info("settings from the platform applied", extra={"version": answer.version})
                return ConfigPullResult(ConfigOutcome.APPLIED, answer.version)
        # Remembered as seen, so the same refused version is not fetched and refused again.
        self._remember(new_etag, held)
        log.warning("settings from the platform refused", extra={"reason": reason})
        return ConfigPullResult(ConfigOutcome.REFUSED, answer.version, reason)


__all__ = ["ALLOWED_PREFIXES", "ConfigOutcome", "ConfigPull", "ConfigPullResult"]
