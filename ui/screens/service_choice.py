"""办理业务: choose the service to apply for.

Until the catalog search offers "Apply here" for any service, this screen lists a few services
whose forms are bundled (kiosk.service_offers.demo_offers). It only emits ``serviceChosen(code)``,
so the catalog screens can replace it without touching the journey.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from config.schema import Language
from kiosk.service_offers import ServiceOffer
from ui.screens.journey_base import JourneyScreen


class ServiceButton(QPushButton):
    """A wide button: the service's name, and its department on a second line."""

    def __init__(self, offer: ServiceOffer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serviceButton")
        self.offer = offer

    def set_language(self, language: str, note: str) -> None:
        """Texts in ``language``; ``note`` says why the service is unavailable, if it is."""
        name = self.offer.name.in_language(language)
        department = self.offer.department.in_language(language)
        self.setText(f"{name}\n{department}" + (f"　{note}" if note else ""))
        self.setAccessibleName(name)


class ServiceChoiceScreen(JourneyScreen):
    """A short list of services; touching one starts its application."""

    serviceChosen = Signal(str)  # service code

    def __init__(
        self,
        offers: Sequence[ServiceOffer],
        can_apply: Callable[[ServiceOffer], bool],
        language: Callable[[], Language],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(language, parent)
        self._can_apply = can_apply
        self.hint = QLabel(objectName="subtitle", wordWrap=True)
        self.top.addWidget(self.hint)
        self.buttons = [ServiceButton(offer) for offer in offers]
        for button in self.buttons:
            button.clicked.connect(lambda _=False, c=button.offer.code: self.serviceChosen.emit(c))
            button.setEnabled(can_apply(button.offer))
            self.body_layout.addWidget(button)
        self.body_layout.addStretch(1)
        self.retranslate()

    def prompt(self) -> str:
        """Spoken when the screen appears."""
        return self.tr("Touch the service you want to apply for.")

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.heading.setText(self.tr("Choose a service"))
        self.hint.setText(
            self.tr(
                "Services you can apply for at this terminal. To find any other service, "
                "use Guide on the home screen."
            )
        )
        unavailable = self.tr("Cannot be applied for here: please go to the counter")
        for button in self.buttons:
            button.set_language(self.lang(), "" if self._can_apply(button.offer) else unavailable)

    def button_for(self, code: str) -> ServiceButton:
        """The button of the service ``code``."""
        return next(b for b in self.buttons if b.offer.code == code)
