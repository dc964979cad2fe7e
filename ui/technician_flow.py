"""Technician mode: the hidden gesture opens the PIN pad; the right PIN opens the technician home.

Where a staff CA is configured and a PC/SC reader is present, the pad asks for the staff card
and its PIN instead (kiosk.staff_card); refused cards count toward the same lockout. PIN and
card checks (argon2, lockout file, card I/O) run through the background bridge. Leaving, or
any way back to the resident screens (idle timeout included), wipes what the session showed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from config.schema import KioskSettings
from kiosk.receipt_printing import ReceiptDesk
from kiosk.staff_card import (
    BadPinFormat,
    CardBlocked,
    NoCardInReader,
    NoStaffCa,
    NotAStaffCard,
    UntrustedCard,
    WrongPin,
    sign_in_at_terminal,
    staff_card_entry_available,
    staff_reader_filter,
)
from kiosk.technician_auth import PIN_ACTOR, Attempt, Outcome, TechnicianGate, gate_for
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
        self._actor: str | None = None  # who is in: the staff id, or PIN_ACTOR
        # Replaceable (tests): whether entry is by staff card, and the card sign-in itself.
        self.card_entry_check: Callable[[], bool] = lambda: staff_card_entry_available(settings)
        self.card_sign_in: Callable[[str], str] = lambda pin: (
            sign_in_at_terminal(settings, pin).staff_id
        )
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
        # Staff card or technician PIN: asking pcscd for readers is I/O, so a worker decides;
        # without a staff CA and a PC/SC reader in the settings there is nothing to ask.
        if self._settings.staff_card.ca_file is None or staff_reader_filter(self._settings) is None:
            self._entry_mode(False)
        else:
            self.pin.set_busy(True)
            run_in_background(self.card_entry_check).on_success(self._entry_mode).on_failure(
                lambda _error: self._entry_mode(False)
            ).start()
        gate = self.gate_factory()
        run_in_background(gate.locked_for).on_success(
            lambda seconds: self._show_locked(gate, seconds) if seconds > 0 else None
        ).start()

    def leave(self) -> None:
        """End technician mode: back to the attract screen with everything wiped."""
        if self._authorized:
            log.info("technician mode left")
            factory, actor = self.gate_factory, self._actor or PIN_ACTOR
            # The gate reads the secrets file, the audit entry is fsynced: both off the UI thread.
            run_in_background(lambda: factory().record_leave(actor)).start()
        self._end()
        self._leave()

    def stage_screenshot(self, screen: str) -> None:
        """For ``kiosk screenshot``: the technician home's Devices page, filled in (blocking)."""
        if screen != SCREENSHOT_DEVICES:
            return
        self._authorized = True
        self._router.go(ScreenName.TECHNICIAN)
        self.home.show_devices(take_inventory(self._settings))

    def _entry_mode(self, card_mode: bool) -> None:
        self.pin.set_busy(False)
        self.pin.set_card_mode(card_mode)

    def _end(self) -> None:
        self._authorized = False
        self._actor = None
        self._locked = None
        self._lock_timer.stop()
        self.pin.reset()
        self.home.reset()

    def _check(self, pin: str) -> None:
        self.pin.set_busy(True)
        gate = self.gate_factory()
        if self.pin.card_mode:
            sign_in = self.card_sign_in
            run_in_background(gate.attempt_card, lambda: sign_in(pin)).on_success(
                lambda attempt: self._answered(gate, attempt)
            ).on_failure(self._failed).start()
            return
        run_in_background(gate.attempt, pin).on_success(
            lambda attempt: self._answered(gate, attempt)
        ).on_failure(self._failed).start()

    def _answered(self, gate: TechnicianGate, attempt: Attempt) -> None:
        self.pin.set_busy(False)
        if self._router.current() is not ScreenName.TECHNICIAN_PIN:
            return  # the pad was left meanwhile (idle timeout): grant nothing
        if attempt.card_error is not None and attempt.outcome is not Outcome.LOCKED:
            self.pin.show_message(card_message(attempt))
        elif attempt.outcome is Outcome.GRANTED:
            self._authorized = True
            self._actor = attempt.actor
            self.pin.reset()
            self._router.go(ScreenName.TECHNICIAN)
            self.home.open(self._actor)
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


def card_message(attempt: Attempt) -> str:
    """What the pad says after a refused staff card (translated; no personal data)."""
    error = attempt.card_error
    translate = QCoreApplication.translate
    if isinstance(error, WrongPin):
        text = translate("TechnicianFlow", "Wrong card PIN: %1 tries left on the card.").replace(
            "%1", str(error.retries_left)
        )
    elif isinstance(error, CardBlocked):
        text = translate(
            "TechnicianFlow", "This card's PIN is blocked. Ask the card issuer to unblock it."
        )
    elif isinstance(error, NotAStaffCard):
        text = translate("TechnicianFlow", "This is not a staff card.")
    elif isinstance(error, UntrustedCard):
        text = translate(
            "TechnicianFlow",
            "This card was refused: it is not from the staff CA, has expired, or failed its check.",
        )
    elif isinstance(error, NoStaffCa):
        text = translate(
            "TechnicianFlow", "The staff CA of this terminal cannot be used. See the log."
        )
    elif isinstance(error, BadPinFormat):
        text = translate("TechnicianFlow", "A card PIN has 6 to 8 digits.")
    elif isinstance(error, NoCardInReader):
        text = translate(
            "TechnicianFlow", "No staff card found. Insert your staff card and enter its PIN."
        )
    else:
        text = translate(
            "TechnicianFlow",
            "The staff card could not be read. Take it out, insert it again and retry.",
        )
    if attempt.outcome is Outcome.REFUSED:
        text += " " + translate(
            "TechnicianFlow", "%1 attempt(s) left before entry is locked."
        ).replace("%1", str(attempt.attempts_left))
    return text
