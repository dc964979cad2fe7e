"""Mobile service units on screen: staff sign-in for a shift, the staff bar, the offline banner,
and the location recorded with each application.

The card and the audit log are read and written off the UI thread (ui.bridge); the shift is
plain state the UI reads. The resident's session is wiped at its end as everywhere; the staff
member stays signed in until sign-out or the shift timeout.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from config.schema import KioskSettings, MobileSettings
from kiosk.assisted_session import (
    AssistingStaff,
    ShiftAudit,
    ShiftEnd,
    StaffShift,
    StaffSignIn,
    staff_card_sign_in,
)
from kiosk.location import LocationTracker, ServiceLocation, open_location_tracker
from kiosk.offline_status import OfflineStatus, read_offline_status
from ui.bridge import run_in_background
from ui.journey_flow import JourneyFlow
from ui.journey_screenshots import prepare_journey_screenshot
from ui.router import ScreenName, ScreenRouter
from ui.screens.staff_sign_in import StaffSignInScreen
from ui.widgets.offline_banner import OfflineBanner
from ui.widgets.staff_bar import StaffBar

log = logging.getLogger(__name__)

REFRESH_MS = 30_000

# `kiosk screenshot` shots of a mobile service unit (its features are turned on for them).
MOBILE_SHOTS = {
    "staff-sign-in": ScreenName.STAFF_SIGN_IN,
    "offline-banner": ScreenName.ATTRACT,
    "receipt-assisted": ScreenName.RECEIPT,
}
SAMPLE_STAFF = AssistingStaff("S0042", "王晓明")


class MobileUnitFlow(QObject):
    """Staff shift, staff bar and offline banner of the ``mobile-unit`` profile."""

    staffChanged = Signal()

    def __init__(
        self,
        settings: KioskSettings,
        router: ScreenRouter,
        proceed: Callable[[ScreenName], None],
        end_session: Callable[[], None],
        parent: QObject | None = None,
        *,
        sign_in: StaffSignIn | None = None,
        location: LocationTracker | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.router = router
        self._proceed = proceed
        self._end_session = end_session
        self._sign_in = sign_in or staff_card_sign_in(settings)
        self.shift = StaffShift(settings.mobile.shift_timeout_s, clock)
        self.audit = ShiftAudit.for_settings(settings)
        self.location = location or open_location_tracker(settings)
        self.location.start()
        self._pending: ScreenName | None = None
        self._live_status = True  # False while a screenshot shows a made-up status

        self.screen = StaffSignInScreen()
        router.register(ScreenName.STAFF_SIGN_IN, self.screen)
        self.screen.submitted.connect(self._pin_entered)
        self.screen.cancelled.connect(self._cancelled)
        self.banner = OfflineBanner()
        self.staff_bar = StaffBar()
        self.staff_bar.setVisible(settings.mobile.assisted)
        self.staff_bar.signInRequested.connect(lambda: self.request_sign_in(None))
        self.staff_bar.signOutRequested.connect(self.sign_out)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    # --- the shift ---------------------------------------------------------------------------

    def needs_sign_in(self) -> bool:
        """True when assisted service is on and nobody is signed in."""
        return self.settings.mobile.assisted and self.shift.staff is None

    def assisted_by(self) -> AssistingStaff | None:
        """The staff member to record with an application started now."""
        return self.shift.staff if self.settings.mobile.assisted else None

    def current_location(self) -> ServiceLocation:
        """Where the unit is now (never blocks)."""
        return self.location.current()

    def request_sign_in(self, then: ScreenName | None) -> None:
        """Show the sign-in screen; after sign-in go on to ``then`` (else the start screen)."""
        self._pending = then
        self.screen.reset()
        self.router.go(ScreenName.STAFF_SIGN_IN)

    def sign_out(self) -> None:
        """End the shift (and the resident's session, if one is open)."""
        self._end_shift(ShiftEnd.SIGNED_OUT)
        self._end_session()

    def _end_shift(self, reason: ShiftEnd) -> None:
        staff = self.shift.sign_out()
        self.staff_bar.set_staff(None)
        self.staffChanged.emit()
        if staff is not None:
            run_in_background(self.audit.signed_out, staff, reason).start()

    def _pin_entered(self, pin: str) -> None:
        self.screen.set_busy(True)
        run_in_background(self._signed_in_with_card, pin).on_success(self._signed_in).on_failure(
            self._refused
        ).start()

    def _signed_in_with_card(self, pin: str) -> AssistingStaff:
        staff = self._sign_in(pin)  # blocking: PC/SC, PIN, certificate check
        self.audit.signed_in(staff)
        return staff

    def _signed_in(self, staff: AssistingStaff) -> None:
        self.shift.sign_in(staff)
        self.staff_bar.set_staff(staff)
        self.screen.reset()
        self.staffChanged.emit()
        then, self._pending = self._pending, None
        if then is None:
            self.router.home()
        else:
            self._proceed(then)

    def _refused(self, error: BaseException) -> None:
        log.warning("staff sign-in refused: %s", type(error).__name__)
        self.screen.set_busy(False)
        self.screen.show_message(self._refusal_text(error))

    def _refusal_text(self, error: BaseException) -> str:
        # Matched by name: the staff card errors live in kiosk.staff_card.
        kind = type(error).__name__
        if kind == "WrongPin":
            retries = getattr(error, "retries_left", None)
            if retries is not None:
                return self.tr("Wrong PIN. %1 tries left.").replace("%1", str(retries))
            return self.tr("Wrong PIN.")
        if kind in ("CardBlocked", "PinBlocked"):
            return self.tr("This staff card is blocked. Ask your administrator to unblock it.")
        if kind == "NotAStaffCard":
            return self.tr("This card is not a staff card.")
        if kind == "UntrustedCard":
            return self.tr("This staff card was not issued by a trusted authority.")
        if kind == "NoStaffCa":
            return self.tr("Staff cards cannot be checked here: ask a technician to set it up.")
        return self.tr("No staff card could be read. Put the card in the reader and try again.")

    def _cancelled(self) -> None:
        self._pending = None
        self.screen.reset()
        self.router.home()

    # --- status ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """End a shift that ran out; read the offline status off the UI thread."""
        if self.shift.expired():
            self._end_shift(ShiftEnd.TIMED_OUT)
        if not self.settings.mobile.offline_banner:
            return
        run_in_background(read_offline_status, self.settings).on_success(
            self._show_status
        ).on_failure(lambda error: log.warning("offline status: %s", type(error).__name__)).start()

    def _show_status(self, status: OfflineStatus) -> None:
        if self._live_status:
            self.banner.set_status(status)

    def stage_screenshot(self, screen: str, now: datetime | None = None) -> None:
        """Show made-up state for a screenshot: a signed-in staff member, a day offline."""
        if screen not in MOBILE_SHOTS:
            return
        self._live_status = False
        moment = now or datetime.now(UTC)
        self.banner.set_status(OfflineStatus(moment - timedelta(hours=26), 3, True))
        if screen != "staff-sign-in":
            self.shift.sign_in(SAMPLE_STAFF)
            self.staff_bar.set_staff(SAMPLE_STAFF)

    def shutdown(self) -> None:
        """Stop the timer and the GPS reader."""
        self._timer.stop()
        self.location.stop()


def mobile_shot_settings(settings: KioskSettings, screen: str) -> KioskSettings:
    """``settings`` with assisted service and the offline banner on, for a mobile shot."""
    if screen not in MOBILE_SHOTS:
        return settings
    mobile = MobileSettings(
        **{**settings.mobile.model_dump(), "assisted": True, "offline_banner": True}
    )
    return settings.model_copy(update={"mobile": mobile})


def stage_assisted_receipt(flow: JourneyFlow) -> None:
    """The receipt shot of a demo application, assisted by the sample staff member."""
    prepare_journey_screenshot(flow, "receipt")
    receipt, delivery = flow.receipt.receipt, flow.receipt.delivery
    assert receipt is not None and delivery is not None
    printer = flow.settings.devices.printer
    assisted = dataclasses.replace(receipt, assisted_by_masked=SAMPLE_STAFF.masked())
    flow.receipt.show_receipt(assisted, delivery, printer.chars_per_line if printer else 48)
