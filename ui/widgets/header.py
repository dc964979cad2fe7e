"""Header: terminal and hall, a live clock, and the resident's choices (language, size, voice)."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from config.schema import Language, TerminalSettings

_LOCALES = {
    Language.ZH: QLocale(QLocale.Language.Chinese, QLocale.Country.China),
    Language.EN: QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
}
_CHINA_STANDARD_TIME_S = 8 * 3600
_DATE_FORMATS = {Language.ZH: "yyyy年M月d日 dddd", Language.EN: "dddd d MMMM yyyy"}


class Header(QFrame):
    """Top bar of every screen; it only reports what the resident touched."""

    languageRequested = Signal(str)  # the Language to switch to
    largeTextToggled = Signal(bool)
    muteToggled = Signal(bool)
    callStaffRequested = Signal()

    def __init__(self, terminal: TerminalSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("header")
        self._language = Language.ZH
        self.terminal_name = QLabel(terminal.name, objectName="terminalName")
        self.hall_name = QLabel(terminal.hall, objectName="hallName")
        self.clock_time = QLabel(objectName="clockTime", alignment=Qt.AlignmentFlag.AlignCenter)
        self.clock_date = QLabel(objectName="clockDate", alignment=Qt.AlignmentFlag.AlignCenter)

        self.language_button = QPushButton()
        self.language_button.clicked.connect(self._request_other_language)
        self.large_text_button = QPushButton(checkable=True)
        self.large_text_button.toggled.connect(self.largeTextToggled)
        self.mute_button = QPushButton(checkable=True, objectName="mute")
        self.mute_button.toggled.connect(self.muteToggled)
        self.call_staff_button = QPushButton(objectName="danger")
        self.call_staff_button.clicked.connect(self.callStaffRequested)

        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.terminal_name)
        names.addWidget(self.hall_name)
        clock = QVBoxLayout()
        clock.setSpacing(0)
        clock.addWidget(self.clock_time)
        clock.addWidget(self.clock_date)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 12, 32, 12)
        layout.setSpacing(16)
        layout.addLayout(names, 3)
        layout.addLayout(clock, 2)
        layout.addStretch(1)
        for button in (
            self.language_button,
            self.large_text_button,
            self.mute_button,
            self.call_staff_button,
        ):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            layout.addWidget(button)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.update_clock)
        self._timer.start()
        self.retranslate()

    def set_state(self, language: Language, large_text: bool, muted: bool) -> None:
        """Show the session's choices without reporting them back as new requests."""
        self._language = language
        for button, checked in ((self.large_text_button, large_text), (self.mute_button, muted)):
            button.blockSignals(True)
            button.setChecked(checked)
            button.blockSignals(False)
        self.retranslate()

    def set_voice_available(self, available: bool) -> None:
        """No voice engine on this terminal: no button that would claim "voice on"."""
        self.mute_button.setVisible(available)

    def update_clock(self) -> None:
        """24-hour Beijing time and the date written the way the current language writes it."""
        # Beijing time whatever the machine's zone, as on the receipt and the platform's records.
        now = QDateTime.currentDateTimeUtc().toOffsetFromUtc(_CHINA_STANDARD_TIME_S)
        locale = _LOCALES[self._language]
        self.clock_time.setText(now.toString("HH:mm:ss"))
        self.clock_date.setText(locale.toString(now.date(), _DATE_FORMATS[self._language]))

    def retranslate(self) -> None:
        """Texts in the current language."""
        # The toggle is written in the language it switches to, so a resident can always read it.
        other = Language.EN if self._language is Language.ZH else Language.ZH
        self.language_button.setText("English" if other is Language.EN else "中文")
        self.language_button.setAccessibleName(
            self.tr("Switch to English") if other is Language.EN else self.tr("Switch to Chinese")
        )
        self.large_text_button.setText(self.tr("Large text"))
        self.large_text_button.setAccessibleName(self.tr("Large text"))
        self.mute_button.setText(
            self.tr("Voice off") if self.mute_button.isChecked() else self.tr("Voice on")
        )
        self.mute_button.setAccessibleName(self.tr("Mute voice guidance"))
        self.call_staff_button.setText(self.tr("Call staff"))
        self.call_staff_button.setAccessibleName(self.tr("Call a staff member"))
        self.update_clock()

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the application's translator changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _request_other_language(self) -> None:
        other = Language.EN if self._language is Language.ZH else Language.ZH
        self.languageRequested.emit(other.value)
