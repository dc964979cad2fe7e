"""Technician mode: the hidden gesture opens the PIN pad; the right PIN opens the technician home.

PIN checks (argon2, lockout file) run through the background bridge. Leaving, or any way back
to the resident screens (idle timeout included), wipes what the technician's session showed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from config.schema import KioskSettings
from kiosk.receipt_printing import ReceiptDesk
from kiosk.technician_auth import Attempt, Outcome, TechnicianGate, gate_for
from kiosk.technician_desk import take_inventory
from ui.bridge import run_in_background
from ui.router import ScreenName, ScreenRouter
from ui.screens.technician_home import TechnicianHomeScreen
from ui.screens.technician_pin import TechnicianPinScreen

log = logging.getLogger(__name__)

SCREENSHOT_DEVICES = "technician-devices"
TECHNICIAN_SCREENS = frozenset({ScreenName.TECHNICIAN_PIN, ScreenName.TECHNICIAN})


def format_wait(seconds: float) -> str:
    """ "4 min 05 s" / "35 s": how long entry stays locked."""
    whole = max(0, int(seconds + 0.999))
    minutes, secs = divmod(whole, 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


class TechnicianFlow(QObject):
    """Gesture → PIN pad → technician home → leave (back to the attract screen, wiped)."""

    def __init__(
        self,
        settings: KioskSettings,
        router: ScreenRouter,
        desk: Callable[[], ReceiptDesk | None],
        leave: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._router = router
        self._leave = leave
        self._settings = settings
        self._authorized = False
        self._locked: tuple[TechnicianGate, float] | None = None  # gate and its unlock time
        # Replaceable (tests inject a gate on a fake clock); read at each attempt.
        self.gate_factory: Callable[[], TechnicianGate] = lambda: gate_for(settings)
        self.pin = TechnicianPinScreen()
        self.home = TechnicianHomeScreen(settings, desk)
        router.register(ScreenName.TECHNICIAN_PIN, self.pin)
        router.register(ScreenName.TECHNICIAN, self.home)
        self.pin.submitted.connect(self._check)
        self.pin.cancelled.connect(self.leave)
        self.home.leaveRequested.connect(self.leave)
        router.changed.connect(self._on_screen_changed)
        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(1000)
        self._lock_timer.timeout.connect(self.update_lock)

    @property
    def authorized(self) -> bool:
        """True while the technician home may be shown."""
        return self._authorized

    def start(self) -> None:
        """The gesture was made: show the PIN pad (and the lockout, if entry is locked)."""
        if self._router.current() in TECHNICIAN_SCREENS:
            return
        log.info("technician entry requested")
        self.pin.reset()
        self._router.go(ScreenName.TECHNICIAN_PIN)
        gate = self.gate_factory()
        run_in_background(gate.locked_for).on_success(
            lambda seconds: self._show_locked(gate, seconds) if seconds > 0 else None
        ).start()

    def leave(self) -> None:
        """End technician mode: back to the attract screen with everything wiped."""
        if self._authorized:
            log.info("technician mode left")
        self._end()
        self._leave()

    def stage_screenshot(self, screen: str) -> None:
        """For ``kiosk screenshot``: the technician home's Devices page, filled in (blocking)."""
        if screen != SCREENSHOT_DEVICES:
            return
        self._authorized = True
        self._router.go(ScreenName.TECHNICIAN)
        self.home.show_devices(take_inventory(self._settings))

    def _end(self) -> None:
        self._authorized = False
        self._locked = None
        self._lock_timer.stop()
        self.pin.reset()
        self.home.reset()

    def _check(self, pin: str) -> None:
        self.pin.set_busy(True)
        gate = self.gate_factory()
        run_in_background(gate.attempt, pin).on_success(
            lambda attempt: self._answered(gate, attempt)
        ).on_failure(self._failed).start()

    def _answered(self, gate: TechnicianGate, attempt: Attempt) -> None:
        self.pin.set_busy(False)
        if self._router.current() is not ScreenName.TECHNICIAN_PIN:
            return  # the pad was left meanwhile (idle timeout): grant nothing
        if attempt.outcome is Outcome.GRANTED:
            self._authorized = True
            self.pin.reset()
            self._router.go(ScreenName.TECHNICIAN)
            self.home.open()
        elif attempt.outcome is Outcome.REFUSED:
            self.pin.show_message(
                QCoreApplication.translate(
                    "TechnicianFlow", "Wrong PIN. %1 attempt(s) left before entry is locked."
                ).replace("%1", str(attempt.attempts_left))
            )
        elif attempt.outcome is Outcome.LOCKED:
            self._show_locked(gate, attempt.locked_for_s)
        else:
            self.pin.show_message(
                QCoreApplication.translate(
                    "TechnicianFlow",
                    "No technician PIN is set on this terminal (kiosk technician set-pin).",
                )
            )

    def _failed(self, error: BaseException) -> None:
        self.pin.set_busy(False)
        log.error("technician PIN check failed: %s", type(error).__name__)
        self.pin.show_message(
            QCoreApplication.translate(
                "TechnicianFlow", "The PIN could not be checked. See the log."
            )
        )

    def update_lock(self) -> None:
        """Once a second while locked: the remaining time, or the pad open again."""
        if self._locked is None:
            return
        gate, until = self._locked
        seconds = until - gate.now()
        if seconds > 0:
            self._show_remaining(seconds)
            return
        self._locked = None
        self._lock_timer.stop()
        self.pin.set_locked(False)
        self.pin.show_message(
            QCoreApplication.translate(
                "TechnicianFlow", "Entry is open again. Enter the technician PIN."
            )
        )

    def _show_locked(self, gate: TechnicianGate, seconds: float) -> None:
        if self._router.current() is not ScreenName.TECHNICIAN_PIN:
            return
        self._locked = (gate, gate.now() + seconds)
        self._show_remaining(seconds)

    def _show_remaining(self, seconds: float) -> None:
        self.pin.set_locked(True)
        self.pin.show_message(
            QCoreApplication.translate(
                "TechnicianFlow", "Too many wrong PINs. Entry is locked for %1."
            ).replace("%1", format_wait(seconds))
        )
        if not self._lock_timer.isActive():
            self._lock_timer.start()

    def _on_screen_changed(self, name: str) -> None:
        # Home, back, idle timeout: any way out of technician mode ends it.
        if ScreenName(name) not in TECHNICIAN_SCREENS and (
            self._authorized or self._lock_timer.isActive()
        ):
            self._end()
        elif ScreenName(name) is ScreenName.TECHNICIAN and not self._authorized:
            log.warning("technician home shown without authorization; PIN pad instead")
            self.home.reset()
            self._router.go(ScreenName.TECHNICIAN_PIN)
