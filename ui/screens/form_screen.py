"""The application form: the renderer's rows in a scroll area, the step indicator, Next."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from config.schema import Language
from kiosk.applications import Draft
from kiosk.form_validation import FieldError
from kiosk.forms import Text, Widget
from ui.forms.form_view import FormView
from ui.forms.step_indicator import StepIndicator
from ui.screens.journey_base import JourneyScreen


class FormScreen(JourneyScreen):
    """One question per row; Next checks everything and shows what needs attention."""

    nextRequested = Signal()

    def __init__(self, language: Callable[[], Language], parent: QWidget | None = None) -> None:
        super().__init__(language, parent)
        self.steps = StepIndicator(0)
        self.hint = QLabel(objectName="hint", wordWrap=True)
        self.top.insertWidget(0, self.steps)
        self.top.addWidget(self.hint)
        self.view: FormView | None = None
        self.next_button = QPushButton()
        self.next_button.clicked.connect(self.nextRequested)
        self.actions.addStretch(1)
        self.actions.addWidget(self.next_button)
        self._error_count = 0
        self._title: Text | None = None
        self.retranslate()

    def load(self, draft: Draft, title: Text) -> None:
        """Render ``draft``'s form (the signature is given on the consent screen)."""
        self.clear()
        self._title = title
        self.view = FormView(draft, self.lang, skip=frozenset({Widget.SIGNATURE}))
        self.view.changed.connect(self._on_changed)
        self.body_layout.addWidget(self.view)
        self.scroll.verticalScrollBar().setValue(0)
        self.retranslate()

    def clear(self) -> None:
        """Remove the form (the session ended or the application was submitted)."""
        if self.view is not None:
            self.body_layout.removeWidget(self.view)
            self.view.deleteLater()
            self.view = None
        self._error_count = 0
        self.show_message("")

    def show_errors(self, errors: list[FieldError]) -> None:
        """Mark each problem under its field and scroll to the first one."""
        assert self.view is not None
        self.view.show_errors(errors)
        self._error_count = len(errors)
        self._show_count()
        first = self.view.first_error_row()
        if first is not None:
            self.scroll.ensureWidgetVisible(first, 0, 120)

    def _on_changed(self) -> None:
        if self._error_count:
            self._error_count = 0
            self.show_message("")

    def _show_count(self) -> None:
        if self._error_count:
            self.show_message(
                self.tr("%n answer(s) need attention: see the red notes.", "", self._error_count)
            )
        else:
            self.show_message("")

    def prompt(self) -> str:
        """Spoken when the screen appears."""
        return self.tr("Fill in the form. Answers from your card are already filled in.")

    def retranslate(self) -> None:
        """Texts in the current language; typed answers stay."""
        self.steps.set_language(self.lang())
        self.heading.setText(
            self._title.in_language(self.lang()) if self._title else self.tr("Application form")
        )
        self.hint.setText(self.tr("Fields marked * are required."))
        self.next_button.setText(self.tr("Next: materials"))
        self.next_button.setAccessibleName(self.tr("Go on to the materials"))
        if self.view is not None:
            self.view.set_language(self.lang())
        self._show_count()

    def reset(self) -> None:
        """Forget the form."""
        super().reset()
        self.clear()
