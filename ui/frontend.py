"""The Qt front end the CLI loads by entry point: run the kiosk, or render a screen to a PNG."""

from __future__ import annotations

import logging
import os
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, QTimer
from PySide6.QtWidgets import QApplication

from config.schema import KioskSettings, Language, SimulatedReaderSettings, UiSettings
from kiosk.identity_licence_qr import open_licence_qr_scanner
from kiosk.identity_session import open_identity_service
from kiosk.session import SessionKeeper
from kiosk.tracking_qr import open_receipt_qr_scanner
from kiosk.watchdog import SystemdNotifier
from ui.journey_screenshots import EXTRA_SHOTS, prepare_journey_screenshot
from ui.main_window import MainWindow
from ui.mobile_unit_flow import MOBILE_SHOTS, mobile_shot_settings, stage_assisted_receipt
from ui.router import ScreenName
from ui.screens.catalog_flow import prepare_screenshot
from ui.screens.identity_screen import stage_screenshot
from ui.screens.track_rate_shots import TRACK_RATE_SHOTS, stage_track_rate_screenshot
from ui.technician_flow import SCREENSHOT_DEVICES
from ui.translations import ensure_compiled

log = logging.getLogger(__name__)

SCREENSHOT_SIZE = (1920, 1080)
WINDOWED_SIZE = (1280, 800)
# Screens that are an overlay over another screen rather than a screen of their own.
_OVERLAY_SHOTS = {"idle-warning": ScreenName.ATTRACT, "start-over": ScreenName.TRACK}
# Catalog shots with a service searched / chosen (catalog-browse, service-guide are screens).
_CATALOG_SHOTS = {"catalog-search": ScreenName.GUIDE}
# Identity shots after a demo card was read / on the enterprise keypad (identify is a screen).
_IDENTITY_SHOTS = {"identify-success": ScreenName.IDENTIFY, "enterprise": ScreenName.IDENTIFY}


def _application() -> QApplication:
    app = QCoreApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication), "a QCoreApplication without widgets already exists"
    return app


def _settle(app: QApplication) -> None:
    # Retranslation and restyling post layout requests; run them all before grabbing pixels.
    for _ in range(5):
        app.sendPostedEvents()
        app.processEvents()


class QtFrontend:
    """kiosk.frontend.Frontend implemented with PySide6 widgets."""

    def run(self, settings: KioskSettings, *, windowed: bool) -> int:
        """Run the kiosk until the process is told to stop; returns the exit code."""
        from ui.keyboard import configure_input_method  # before the QApplication exists
        from ui.speech import VoiceGuide, VoiceState

        configure_input_method()
        ensure_compiled()
        app = _application()
        app.setApplicationName("onewindow-kiosk")
        voice = VoiceGuide(settings.ui)
        keeper = SessionKeeper(settings.ui, settings.session)
        identity = open_identity_service(
            settings.devices.card_readers,
            lambda: keeper.current,
            qr_source=open_licence_qr_scanner(settings),  # the document camera, if any
        )
        window = MainWindow(
            settings, keeper=keeper, voice=voice, identity_service=identity, live_capture=True
        )
        window.track.set_qr_source(open_receipt_qr_scanner(settings))  # the camera, if any
        window.header.set_voice_available(voice.state() is not VoiceState.UNAVAILABLE)
        voice.stateChanged.connect(
            lambda state: window.header.set_voice_available(state is not VoiceState.UNAVAILABLE)
        )
        if windowed:
            window.resize(*WINDOWED_SIZE)
            window.show()
        elif not settings.ui.fullscreen:
            # A mobile unit's laptop: a normal window filling the screen, not fullscreen-only.
            window.resize(*WINDOWED_SIZE)
            window.showMaximized()
        else:
            screen = app.primaryScreen().geometry()
            window.setGeometry(screen)  # without a window manager showFullScreen alone stays small
            window.showFullScreen()
            window.setGeometry(screen)

        # Under systemd (Type=notify, WatchdogSec): ready once the first screen shows, then a
        # ping from the UI thread's own timer, so a hung UI is restarted.
        notifier = SystemdNotifier.from_environment()
        if notifier is not None:
            notifier.ready("attract screen shown")
            if notifier.ping_interval_s is not None:
                watchdog = QTimer(window)
                watchdog.setInterval(int(notifier.ping_interval_s * 1000))
                watchdog.timeout.connect(notifier.ping)
                watchdog.start()

        def stop(signum: int, _frame: object) -> None:
            log.info("stopping", extra={"signal": signum})
            if notifier is not None:
                notifier.stopping()
            window.shutdown()
            app.quit()

        # Python handles signals between bytecodes; the window's 1 s idle timer gives it the chance.
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        log.info("kiosk started", extra={"terminal": settings.terminal.id})
        return int(app.exec())

    def screenshot(
        self,
        settings: KioskSettings,
        screen: str,
        language: Language,
        out: Path,
        *,
        large_text: bool = False,
    ) -> None:
        """Render ``screen`` offscreen at exactly 1920x1080 into the PNG ``out``."""
        if screen not in self.screen_names():
            raise ValueError(
                f"unknown screen {screen!r}; choose from {', '.join(self.screen_names())}"
            )
        if QCoreApplication.instance() is None:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        ensure_compiled()
        app = _application()
        ui = UiSettings(
            **{
                **settings.ui.model_dump(),
                "default_language": language,
                "large_text_default": large_text,
            }
        )
        shot_settings = mobile_shot_settings(settings.model_copy(update={"ui": ui}), screen)
        keeper = SessionKeeper(ui, settings.session)
        identity_shot = screen == ScreenName.IDENTIFY or screen in _IDENTITY_SHOTS
        # Identity shots read a demo card: a screenshot never touches real readers.
        demo_reader = [SimulatedReaderSettings(backend="simulated")]
        identity = (
            open_identity_service(demo_reader, lambda: keeper.current) if identity_shot else None
        )
        window = MainWindow(shot_settings, keeper=keeper, identity_service=identity)
        # As in the running kiosk: the Scan button shows; nothing opens a camera until touched.
        window.track.set_qr_source(open_receipt_qr_scanner(shot_settings))
        try:
            window.setGeometry(QRect(0, 0, *SCREENSHOT_SIZE))
            window.show()
            window.setGeometry(QRect(0, 0, *SCREENSHOT_SIZE))
            target = _OVERLAY_SHOTS.get(
                screen, _CATALOG_SHOTS.get(screen, _IDENTITY_SHOTS.get(screen, screen))
            )
            target = EXTRA_SHOTS.get(screen, target)
            target = TRACK_RATE_SHOTS.get(screen, target)
            target = MOBILE_SHOTS.get(screen, target)
            if screen == SCREENSHOT_DEVICES:
                target = ScreenName.ATTRACT  # stage_screenshot opens the technician home
            window.router.go(ScreenName(target))
            prepare_screenshot(window.catalog, screen)
            prepare_journey_screenshot(window.journey, screen)
            window.technician.stage_screenshot(screen)
            stage_track_rate_screenshot(window.track, window.rate, screen)
            if window.mobile is not None:
                window.mobile.stage_screenshot(screen)
                if screen == "receipt-assisted":
                    stage_assisted_receipt(window.journey)
            if identity_shot:
                stage_screenshot(window.identity_flow.screen, screen)
            if screen == "idle-warning":
                window.idle_overlay.set_seconds_left(settings.session.countdown_s)
                window.idle_overlay.open()
            elif screen == "start-over":
                window.start_over_overlay.open()
            _settle(app)
            image = window.grab()
            out.parent.mkdir(parents=True, exist_ok=True)
            if not image.save(str(out), "PNG"):
                raise OSError(f"cannot write {out}")
        finally:
            window.shutdown()
            window.deleteLater()
            app.processEvents()

    def screen_names(self) -> list[str]:
        """Names accepted by screenshot()."""
        return (
            [name.value for name in ScreenName]
            + list(_OVERLAY_SHOTS)
            + list(_CATALOG_SHOTS)
            + list(_IDENTITY_SHOTS)
            + list(EXTRA_SHOTS)
            + list(TRACK_RATE_SHOTS)
            + [name for name in MOBILE_SHOTS if name not in list(ScreenName)]
            + [SCREENSHOT_DEVICES]
        )
