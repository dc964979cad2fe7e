"""Rate the service (好差评): five big choices, reasons for the two lowest, then a thank-you.

Reached from the 服务评价 tile (type the receipt number), or from the receipt and the track
screen with the number filled in. The rating is queued or sent off the UI thread.
"""

from __future__ import annotations

import logging
from enum import Enum, auto

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from config.schema import KioskSettings
from kiosk.rating import (
    NEEDS_REASONS,
    RateOutcome,
    Rater,
    RatingLevel,
    RatingReason,
    ReasonsRequired,
    check_rating,
)
from ui.bridge import run_in_background
from ui.screens.base import Screen

log = logging.getLogger(__name__)

LEVELS = tuple(RatingLevel)  # best first
STARS = {level: 5 - index for index, level in enumerate(LEVELS)}
REASON_COLUMNS = 4
LEVEL_HEIGHT_PX = 128


class _Answer(Enum):
    """What the message area says."""

    NONE = auto()
    NO_NUMBER = auto()
    NO_LEVEL = auto()
    NO_REASON = auto()
    SENDING = auto()
    THANKS = auto()
    ALREADY = auto()
    INVALID = auto()
    UNKNOWN = auto()
    PLATFORM_ERROR = auto()
    FAILED = auto()


_FROM_OUTCOME = {
    RateOutcome.QUEUED: _Answer.THANKS,
    RateOutcome.SENT: _Answer.THANKS,
    RateOutcome.ALREADY_RATED: _Answer.ALREADY,
    RateOutcome.INVALID_NUMBER: _Answer.INVALID,
    RateOutcome.UNKNOWN_NUMBER: _Answer.UNKNOWN,
    RateOutcome.PLATFORM_ERROR: _Answer.PLATFORM_ERROR,
}


class RateScreen(Screen):
    """Number, five levels, reason chips (two lowest only), Submit; Done after the thank-you."""

    finished = Signal()

    def __init__(
        self, settings: KioskSettings, parent: QWidget | None = None, rater: Rater | None = None
    ) -> None:
        super().__init__(parent)
        self._rater = rater or Rater(settings)
        self._generation = 0
        self._answer = _Answer.NONE
        self._heading = QLabel(objectName="heading")
        self._label = QLabel()
        self.number_edit = QLineEdit()
        self.number_edit.setMaxLength(40)
        self._label.setBuddy(self.number_edit)
        self._levels_title = QLabel(objectName="sectionTitle")
        self.level_group = QButtonGroup(self)
        self.level_group.setExclusive(True)
        self.level_buttons: dict[RatingLevel, QPushButton] = {}
        levels = QHBoxLayout()
        levels.setSpacing(16)
        for level in LEVELS:
            button = QPushButton(checkable=True, objectName="chip")
            # Big targets: the style sheet's minimum is for ordinary buttons.
            button.setStyleSheet(f"QPushButton {{ min-height: {LEVEL_HEIGHT_PX}px; }}")
            self.level_group.addButton(button)
            self.level_buttons[level] = button
            button.toggled.connect(self._level_changed)
            levels.addWidget(button, 1)
        self._reasons_title = QLabel(objectName="sectionTitle", wordWrap=True)
        self.reason_buttons: dict[RatingReason, QPushButton] = {}
        reasons = QGridLayout()
        reasons.setSpacing(12)
        for index, reason in enumerate(RatingReason):
            chip = QPushButton(checkable=True, objectName="chip")
            self.reason_buttons[reason] = chip
            reasons.addWidget(chip, index // REASON_COLUMNS, index % REASON_COLUMNS)
        self.submit_button = QPushButton()
        self.submit_button.clicked.connect(self.submit)
        self.done_button = QPushButton()
        self.done_button.clicked.connect(self.finished)
        self.done_button.hide()
        self.message = QLabel(objectName="message", wordWrap=True)

        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.submit_button)
        actions.addWidget(self.done_button)

        column = QVBoxLayout()
        column.setSpacing(16)
        column.addWidget(self._heading)
        column.addWidget(self._label)
        column.addWidget(self.number_edit)
        column.addWidget(self._levels_title)
        column.addLayout(levels)
        column.addWidget(self._reasons_title)
        column.addLayout(reasons)
        column.addWidget(self.message)
        column.addStretch(1)
        column.addLayout(actions)

        outer = QHBoxLayout(self)
        outer.setContentsMargins(64, 32, 64, 24)
        outer.addLayout(column)
        self._show_reasons(False)
        self.retranslate()

    # --- entry points -----------------------------------------------------------------------

    def start_for(self, number: str) -> None:
        """Begin a rating for the application ``number`` (from the receipt or track screen)."""
        self.reset()
        self.number_edit.setText(number)

    def prompt(self) -> str:
        """Spoken when the screen appears."""
        return self.tr("How satisfied are you with the service? Choose one of the five answers.")

    def retranslate(self) -> None:
        """Texts in the current language."""
        self._heading.setText(self.tr("Rate the service"))
        self._label.setText(self.tr("Receipt number or application number"))
        self.number_edit.setPlaceholderText(self.tr("Printed at the top of your receipt"))
        self.number_edit.setAccessibleName(self.tr("Receipt number or application number"))
        self._levels_title.setText(self.tr("How satisfied are you?"))
        for level, button in self.level_buttons.items():
            stars = "★" * STARS[level] + "☆" * (5 - STARS[level])
            button.setText(f"{stars}\n{self.level_text(level)}")
            button.setAccessibleName(self.level_text(level))
        self._reasons_title.setText(self.tr("Please tell us why (choose at least one):"))
        for reason, chip in self.reason_buttons.items():
            chip.setText(self.reason_text(reason))
            chip.setAccessibleName(self.reason_text(reason))
        self.submit_button.setText(self.tr("Submit rating"))
        self.submit_button.setAccessibleName(self.tr("Submit the rating"))
        self.done_button.setText(self.tr("Done"))
        self.done_button.setAccessibleName(self.tr("Done, clear my information"))
        self._show_answer()

    def level_text(self, level: RatingLevel) -> str:
        """A level in the resident's words."""
        return {
            RatingLevel.VERY_SATISFIED: self.tr("Very satisfied"),
            RatingLevel.SATISFIED: self.tr("Satisfied"),
            RatingLevel.BASIC: self.tr("Basically satisfied"),
            RatingLevel.DISSATISFIED: self.tr("Dissatisfied"),
            RatingLevel.VERY_DISSATISFIED: self.tr("Very dissatisfied"),
        }[level]

    def reason_text(self, reason: RatingReason) -> str:
        """A reason in the resident's words."""
        return {
            RatingReason.LONG_WAIT: self.tr("Long wait"),
            RatingReason.UNCLEAR_GUIDANCE: self.tr("Unclear guidance"),
            RatingReason.TOO_MANY_MATERIALS: self.tr("Too many materials"),
            RatingReason.TERMINAL_HARD_TO_USE: self.tr("Terminal hard to use"),
            RatingReason.SLOW_PROCESSING: self.tr("Slow processing"),
            RatingReason.STAFF_ATTITUDE: self.tr("Staff attitude"),
            RatingReason.OTHER: self.tr("Other"),
        }[reason]

    def reset(self) -> None:
        """Forget the number, the choices and any answer; a rating in flight is not shown."""
        super().reset()
        self._generation += 1
        self.level_group.setExclusive(False)
        for button in (*self.level_buttons.values(), *self.reason_buttons.values()):
            button.setChecked(False)
        self.level_group.setExclusive(True)
        self._show_reasons(False)
        self._set_done(False)
        self._answer = _Answer.NONE
        self._show_answer()

    # --- choosing and sending ---------------------------------------------------------------

    def chosen_level(self) -> RatingLevel | None:
        """The level picked, if any."""
        for level, button in self.level_buttons.items():
            if button.isChecked():
                return level
        return None

    def chosen_reasons(self) -> list[RatingReason]:
        """The reasons picked."""
        return [reason for reason, chip in self.reason_buttons.items() if chip.isChecked()]

    def _level_changed(self) -> None:
        level = self.chosen_level()
        self._show_reasons(level in NEEDS_REASONS)
        if self._answer in (_Answer.NO_LEVEL, _Answer.NO_REASON):
            self._answer = _Answer.NONE
            self._show_answer()

    def _show_reasons(self, visible: bool) -> None:
        self._reasons_title.setVisible(visible)
        for chip in self.reason_buttons.values():
            chip.setVisible(visible)
            if not visible:
                chip.setChecked(False)

    def submit(self) -> None:
        """Check the choices here, then queue or send the rating off the UI thread."""
        number = self.number_edit.text().strip()
        level = self.chosen_level()
        if not number:
            self._answer = _Answer.NO_NUMBER
        elif level is None:
            self._answer = _Answer.NO_LEVEL
        else:
            reasons = self.chosen_reasons()
            try:
                check_rating(level, reasons)
            except ReasonsRequired:
                self._answer = _Answer.NO_REASON
            else:
                self._send(number, level, reasons)
                return
        self._show_answer()

    def _send(self, number: str, level: RatingLevel, reasons: list[RatingReason]) -> None:
        self._generation += 1
        generation = self._generation
        self._answer = _Answer.SENDING
        self.submit_button.setEnabled(False)
        self._show_answer()

        def done(outcome: RateOutcome) -> None:
            if generation != self._generation:
                return
            self.submit_button.setEnabled(True)
            self._answer = _FROM_OUTCOME[outcome]
            self._set_done(self._answer in (_Answer.THANKS, _Answer.ALREADY))
            self._show_answer()

        def failed(error: BaseException) -> None:
            if generation != self._generation:
                return
            log.error("rating failed", extra={"reason": type(error).__name__})
            self.submit_button.setEnabled(True)
            self._answer = _Answer.FAILED
            self._show_answer()

        run_in_background(self._rater.rate, number, level, reasons).on_success(done).on_failure(
            failed
        ).start()

    def _set_done(self, done: bool) -> None:
        self.submit_button.setVisible(not done)
        self.done_button.setVisible(done)
        for button in (*self.level_buttons.values(), *self.reason_buttons.values()):
            button.setEnabled(not done)
        self.number_edit.setReadOnly(done)

    def answer_text(self) -> str:
        """The message shown (empty when there is none)."""
        return self.message.text() if self.message.isVisibleTo(self) else ""

    def _show_answer(self) -> None:
        texts = {
            _Answer.NONE: "",
            _Answer.NO_NUMBER: self.tr("Please enter the number on your receipt first."),
            _Answer.NO_LEVEL: self.tr("Please choose one of the five answers."),
            _Answer.NO_REASON: self.tr("Please choose at least one reason."),
            _Answer.SENDING: self.tr("Saving your rating…"),
            _Answer.THANKS: self.tr("Thank you! Your rating has been recorded."),
            _Answer.ALREADY: self.tr("This application has already been rated. Thank you!"),
            _Answer.INVALID: self.tr(
                "This is not a valid receipt or application number. Please check it."
            ),
            _Answer.UNKNOWN: self.tr("No application has this number. Please check it."),
            _Answer.PLATFORM_ERROR: self.tr(
                "The service platform cannot be reached now. Please try again later."
            ),
            _Answer.FAILED: self.tr("The rating could not be saved. Please try again."),
        }
        self.message.setText(texts[self._answer])
        self.message.setVisible(bool(texts[self._answer]))
