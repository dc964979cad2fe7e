"""The kiosk's one window: frameless, fullscreen; header, routed screens, footer, idle handling."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from config.schema import KioskSettings, Language
from kiosk.assisted_session import StaffSignIn
from kiosk.catalog_home import home_division_of
from kiosk.document_capture import capture_settings
from kiosk.identity_service import IdentityService
from kiosk.session import EndReason, IdleState, SessionKeeper
from ui import theme
from ui.activity import ActivityFilter
from ui.journey_flow import JourneyFlow
from ui.keyboard import follow_language
from ui.lockdown import LockdownFilter, forbid_context_menus
from ui.mobile_unit_flow import MobileUnitFlow
from ui.router import ScreenName, ScreenRouter
from ui.screens.attract import AttractScreen
from ui.screens.call_staff import CallStaffScreen
from ui.screens.catalog_flow import CatalogScreens
from ui.screens.identity_flow import IdentityFlow
from ui.screens.rate import RateScreen
from ui.screens.track import TrackScreen
from ui.technician_flow import TechnicianFlow
from ui.technician_gesture import CornerTaps
from ui.translations import install_translator
from ui.widgets.footer import Footer
from ui.widgets.header import Header
from ui.widgets.overlays import IdleOverlay, StartOverOverlay

log = logging.getLogger(__name__)


class VoiceOutput(Protocol):
    """What the window needs from voice guidance (ui.speech.VoiceGuide)."""

    def speak(self, text: str, language: Language) -> None:
        """Say ``text`` in ``language``."""

    def set_muted(self, muted: bool) -> None:
        """Stop and stay silent, or speak again."""

    def is_muted(self) -> bool:
        """True when muted."""

    def stop(self) -> None:
        """Stop speaking now."""


class MainWindow(QMainWindow):
    """Header, screens and footer; owns the idle countdown and the wipe at the end of a session."""

    technicianRequested = Signal()

    def __init__(
        self,
        settings: KioskSettings,
        keeper: SessionKeeper | None = None,
        voice: VoiceOutput | None = None,
        gesture_clock: Callable[[], float] = time.monotonic,
        identity_service: IdentityService | None = None,
        live_capture: bool = False,
        staff_sign_in: StaffSignIn | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.keeper = keeper or SessionKeeper(settings.ui, settings.session)
        self.voice = voice
        self._closing_allowed = False
        self._muted = not settings.ui.voice_guidance
        self._corner_taps = CornerTaps(gesture_clock)
        self.setWindowTitle(settings.terminal.name)
        if settings.ui.fullscreen:
            self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.Window)
        # else (a mobile unit's laptop): a normal window with its frame, shown maximized; the
        # same lockdown filter, ignored close and session wipe apply inside it.

        root = QWidget(objectName="root")
        self.header = Header(settings.terminal)
        self.stack = QStackedWidget()
        # The window is the screen's size, always: screens adapt to it, never the other way round.
        self.stack.setMinimumSize(1, 1)
        self.footer = Footer()
        layout = QVBoxLayout(root)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.footer)
        self.setCentralWidget(root)

        self.router = ScreenRouter(self.stack)
        self.attract = AttractScreen()
        self.track = TrackScreen(settings)
        self.rate = RateScreen(settings)
        self.router.register(ScreenName.ATTRACT, self.attract)
        self.router.register(ScreenName.TRACK, self.track)
        self.router.register(ScreenName.RATE, self.rate)
        self.router.register(ScreenName.CALL_STAFF, CallStaffScreen(settings.terminal.id))
        # The Guide tile opens the catalog search.
        self.catalog = CatalogScreens(
            settings,
            self.router,
            self.language,
            self,
            home_division=lambda: home_division_of(self.keeper.current.identity),
        )
        # The Apply tile opens the application journey.
        # live_capture: materials are captured on the capture screen with the configured camera
        # or scanner (the running kiosk); otherwise with sample pages (tests, screenshots).
        self.journey = JourneyFlow(
            settings,
            self.router,
            lambda: self.keeper.current,
            self.language,
            parent=self,
            capture_device=capture_settings(settings) if live_capture else None,
        )
        self.journey.finished.connect(lambda: self.end_session(EndReason.FINISHED))
        # Rating: from the tile, from the receipt, or from a tracked application.
        self.rate.finished.connect(lambda: self.end_session(EndReason.FINISHED))
        self.track.rateRequested.connect(self._rate_application)
        self.journey.receipt.rateRequested.connect(self._rate_application)
        self.catalog.applyRequested.connect(self._apply_from_guide)
        # Technician mode: leaving it ends the session like "start over" (everything wiped).
        self.technician = TechnicianFlow(
            settings,
            self.router,
            lambda: self.journey.receipt_step.desk,
            lambda: self.end_session(EndReason.START_OVER),
            self,
        )

        # Mobile service units: staff sign-in for a shift, staff bar and offline banner under
        # the header (so every screen, the journey's too, shows them), location per application.
        self.mobile: MobileUnitFlow | None = None
        if settings.mobile.assisted or settings.mobile.offline_banner:
            self.mobile = MobileUnitFlow(
                settings,
                self.router,
                lambda target: self.identity_flow.go(target),
                lambda: self.end_session(EndReason.START_OVER),
                self,
                sign_in=staff_sign_in,
                clock=gesture_clock,
            )
            layout.insertWidget(1, self.mobile.staff_bar)
            layout.insertWidget(2, self.mobile.banner)
            self.journey.assisted_by = self.mobile.assisted_by
            self.journey.location = self.mobile.current_location
            mobile = self.mobile
            self.journey.submitted.connect(lambda _number: mobile.refresh())

        self.idle_overlay = IdleOverlay(root)
        self.start_over_overlay = StartOverOverlay(root)
        # Identify screen, card reader and card removal; Apply goes through it.
        self.identity_flow = IdentityFlow(
            self.router, self.keeper, self.language, self.end_session, root, identity_service
        )

        self.attract.tileChosen.connect(lambda name: self._tile_chosen(ScreenName(name)))
        self.header.languageRequested.connect(lambda lang: self.set_language(Language(lang)))
        self.header.largeTextToggled.connect(self.set_large_text)
        self.header.muteToggled.connect(self.set_muted)
        self.header.callStaffRequested.connect(lambda: self.router.go(ScreenName.CALL_STAFF))
        self.footer.backRequested.connect(self.router.back)
        self.footer.homeRequested.connect(self.router.home)
        self.footer.startOverRequested.connect(self.start_over_overlay.open)
        self.start_over_overlay.cancelled.connect(self.start_over_overlay.hide)
        self.start_over_overlay.confirmed.connect(lambda: self.end_session(EndReason.START_OVER))
        self.idle_overlay.continueRequested.connect(self.continue_session)
        self.router.changed.connect(self._on_screen_changed)

        app = QApplication.instance()
        assert isinstance(app, QApplication), "create the QApplication before the window"
        self._lockdown = LockdownFilter(self)
        self._activity = ActivityFilter(self)
        app.installEventFilter(self._lockdown)
        app.installEventFilter(self._activity)
        self._activity.activity.connect(self.keeper.touch)
        self._activity.pressed.connect(self._on_press)
        self.technicianRequested.connect(self.technician.start)

        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(1000)
        self._idle_timer.timeout.connect(self.check_idle)
        self._idle_timer.start()

        self._apply_session_choices()
        self.catalog.source.refresh_if_updated()
        self.router.home()
        forbid_context_menus(self)
        # Links in labels must never open a browser.
        for label in self.findChildren(QLabel):
            label.setOpenExternalLinks(False)

    # --- the resident's choices -------------------------------------------------------------

    def language(self) -> Language:
        """The session's language."""
        return self.keeper.current.language

    def set_language(self, language: Language) -> None:
        """Switch language; widgets retranslate in place, so typed input stays."""
        self.keeper.current.language = language
        app = QCoreApplication.instance()
        assert app is not None
        install_translator(app, language)
        follow_language(language)
        self._sync_header()
        self._speak_prompt()

    def set_large_text(self, on: bool) -> None:
        """Large-text (适老化) mode on or off: every size grows, layouts re-flow."""
        self.keeper.current.large_text = on
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        theme.apply_theme(app, on)
        for screen in self.router.screens().values():
            screen.apply_metrics(theme.metrics(on))
        self._sync_header()

    def set_muted(self, muted: bool) -> None:
        """Voice guidance off or on."""
        self._muted = muted
        if self.voice is not None:
            self.voice.set_muted(muted)
        self._sync_header()

    def is_muted(self) -> bool:
        """True when voice guidance is silent."""
        return self._muted

    # --- session end ------------------------------------------------------------------------

    def check_idle(self) -> None:
        """Once a second: show, update or hide the countdown, and wipe when it ran out."""
        if not self._session_in_use():
            self.keeper.touch()  # nobody there: the idle terminal needs no countdown
            return
        state = self.keeper.tick()
        if state is IdleState.WARNING:
            self.idle_overlay.set_seconds_left(self.keeper.idle.seconds_left())
            if not self.idle_overlay.isVisible():
                self.idle_overlay.open()
                self._speak(self.idle_overlay.heading.text())
        elif state is IdleState.EXPIRED:
            self._after_wipe()  # tick() already wiped the session
        else:
            self.idle_overlay.hide()

    def continue_session(self) -> None:
        """The resident is still there: restart the idle timer and hide the countdown."""
        self.keeper.touch()
        self.idle_overlay.hide()

    def end_session(self, reason: EndReason) -> None:
        """End the session for ``reason``: wipe it and everything on the screens."""
        self.keeper.end(reason)
        self._after_wipe()

    def _after_wipe(self) -> None:
        self.journey.wipe()
        self.idle_overlay.hide()
        self.start_over_overlay.hide()
        self.identity_flow.after_wipe()
        if self.voice is not None:
            self.voice.stop()
        for screen in self.router.screens().values():
            screen.reset()
        self._apply_session_choices()
        self.catalog.source.refresh_if_updated()
        self.router.home()

    def _tile_chosen(self, target: ScreenName) -> None:
        # Assisted service: a staff member signs in before the first resident of the shift.
        if self.mobile is not None and self.mobile.needs_sign_in():
            self.mobile.request_sign_in(target)
            return
        self.identity_flow.go(target)

    def _rate_application(self, number: str) -> None:
        self.rate.start_for(number)
        self.router.go(ScreenName.RATE)

    def _apply_from_guide(self, code: str) -> None:
        guide = self.catalog.guide.guide
        if guide is not None and guide.code == code:
            self.journey.start_from_guide(guide)

    def _session_in_use(self) -> bool:
        session = self.keeper.current
        defaults = self.settings.ui
        return (
            self.router.current() is not ScreenName.ATTRACT
            or session.language != defaults.default_language
            or session.large_text != defaults.large_text_default
            or self.idle_overlay.isVisible()
        )

    def _apply_session_choices(self) -> None:
        session = self.keeper.current
        app = QCoreApplication.instance()
        assert app is not None
        install_translator(app, session.language)
        follow_language(session.language)
        self.set_large_text(session.large_text)
        self.set_muted(not self.settings.ui.voice_guidance)

    # --- screens and voice ------------------------------------------------------------------

    def _on_screen_changed(self, name: str) -> None:
        self.footer.set_at_home(ScreenName(name) is ScreenName.ATTRACT)
        self._speak_prompt()

    def _speak_prompt(self) -> None:
        screen = self.router.current_screen()
        if screen is not None:
            self._speak(screen.prompt())

    def _speak(self, text: str) -> None:
        if self.voice is not None and not self._muted:
            self.voice.speak(text, self.language())

    def _sync_header(self) -> None:
        session = self.keeper.current
        self.header.set_state(session.language, session.large_text, self.is_muted())

    # --- lockdown and the hidden gesture ----------------------------------------------------

    def _on_press(self, global_position: QPointF) -> None:
        local = self.mapFromGlobal(global_position)
        if self._corner_taps.tap(local.x(), local.y()):
            self.technicianRequested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ignored: only shutdown() may close the kiosk."""
        if self._closing_allowed:
            event.accept()
        else:
            log.info("close request ignored")
            event.ignore()

    def shutdown(self) -> None:
        """Close for real (process exit, tests): stop timers and remove the app-wide filters."""
        self._closing_allowed = True
        self._idle_timer.stop()
        self.identity_flow.shutdown()
        if self.mobile is not None:
            self.mobile.shutdown()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._lockdown)
            app.removeEventFilter(self._activity)
        if self.voice is not None:
            self.voice.stop()
        self.close()
