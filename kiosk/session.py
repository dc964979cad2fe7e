"""One resident's visit: what it holds, when it has gone idle, and how it is wiped."""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from config.schema import Language, SessionSettings, UiSettings
from kiosk import redaction
from kiosk.identity import EnterpriseIdentity

log = logging.getLogger(__name__)

Clock = Callable[[], float]


class IdleState(StrEnum):
    """Where the idle countdown stands."""

    ACTIVE = "active"  # the resident is using the terminal
    WARNING = "warning"  # "还在吗？" with a visible countdown
    EXPIRED = "expired"  # the countdown ran out: the session must be wiped


class EndReason(StrEnum):
    """Why a session ended; every one of them wipes the session."""

    FINISHED = "finished"
    IDLE_TIMEOUT = "idle_timeout"
    START_OVER = "start_over"
    CARD_REMOVED = "card_removed"


def _private_temp_root() -> Path | None:
    # /dev/shm is RAM: captured images of a resident's documents never reach the disk.
    shm = Path("/dev/shm")
    return shm if shm.is_dir() else None


@dataclass
class Session:
    """Everything one resident's visit holds. Lives only in memory (and a RAM temp folder)."""

    language: Language
    large_text: bool
    identity: Any | None = None
    # The enterprise the person at the terminal acts for (enterprise services); the card's
    # identity stays the applicant.
    enterprise: EnterpriseIdentity | None = None
    form_data: dict[str, Any] = field(default_factory=dict)
    print_jobs: list[bytes] = field(default_factory=list)
    _temp_dir: Path | None = None

    def temp_dir(self) -> Path:
        """A private folder for this session's captured images, created on first use."""
        if self._temp_dir is None:
            self._temp_dir = Path(
                tempfile.mkdtemp(prefix="kiosk-session-", dir=_private_temp_root())
            )
            self._temp_dir.chmod(0o700)
        return self._temp_dir

    def set_enterprise(self, enterprise: EnterpriseIdentity | None) -> None:
        """Act for ``enterprise`` from now on (None: for oneself); its values never reach a log."""
        self.enterprise = enterprise
        if enterprise is not None:
            self.remember_sensitive(enterprise.credit_code, enterprise.name)

    def remember_sensitive(self, *values: str) -> None:
        """Register personal values (name, ID number, phone…) so no log line can carry them."""
        redaction.register_session_values(values)

    def wipe(self, defaults: UiSettings) -> None:
        """Forget everything: identity, form, captures, print jobs, and the resident's choices."""
        self.identity = None
        self.enterprise = None
        self.form_data.clear()
        self.print_jobs.clear()
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None
        self.language = defaults.default_language
        self.large_text = defaults.large_text_default
        redaction.clear_session_values()


class IdleTimer:
    """Idle countdown as a pure function of a clock, so the UI only has to ask every second."""

    def __init__(self, settings: SessionSettings, clock: Clock = time.monotonic) -> None:
        self._settings = settings
        self._clock = clock
        self._last_touch = clock()

    def touch(self) -> None:
        """The resident did something: start counting again."""
        self._last_touch = self._clock()

    def state(self) -> IdleState:
        """ACTIVE, WARNING (countdown visible) or EXPIRED."""
        idle = self._clock() - self._last_touch
        if idle < self._settings.idle_timeout_s:
            return IdleState.ACTIVE
        if idle < self._settings.idle_timeout_s + self._settings.countdown_s:
            return IdleState.WARNING
        return IdleState.EXPIRED

    def seconds_left(self) -> int:
        """Whole seconds until the session is wiped (counting the countdown)."""
        deadline = self._last_touch + self._settings.idle_timeout_s + self._settings.countdown_s
        return max(0, int(deadline - self._clock() + 0.999))


class SessionKeeper:
    """Owns the current session and ends it, for whatever reason, with a full wipe."""

    def __init__(
        self, ui: UiSettings, session: SessionSettings, clock: Clock = time.monotonic
    ) -> None:
        self._ui = ui
        self.idle = IdleTimer(session, clock)
        self.current = Session(language=ui.default_language, large_text=ui.large_text_default)

    def touch(self) -> None:
        """Register activity of the resident."""
        self.idle.touch()

    def tick(self) -> IdleState:
        """Called periodically by the front end; ends the session when the countdown runs out."""
        state = self.idle.state()
        if state is IdleState.EXPIRED:
            self.end(EndReason.IDLE_TIMEOUT)
        return state

    def end(self, reason: EndReason) -> None:
        """Wipe the session and start a fresh one with the terminal's defaults."""
        self.current.wipe(self._ui)
        self.idle.touch()
        log.info("session ended", extra={"reason": reason.value})
