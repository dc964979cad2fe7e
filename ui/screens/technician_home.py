"""Technician home: one button per page (Devices, Queue, Health and logs, Receipts, Settings,
Diagnostics, Enrollment) and Leave."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from config.schema import KioskSettings
from kiosk.config_store import active_config_file
from kiosk.receipt_printing import ReceiptDesk
from kiosk.technician_desk import DeviceInventory
from ui.screens.base import Screen
from ui.widgets.technician_diagnostics_page import TechnicianDiagnosticsPage
from ui.widgets.technician_enrollment_page import TechnicianEnrollmentPage
from ui.widgets.technician_pages import DevicesPage, HealthPage, QueuePage, ReceiptsPage
from ui.widgets.technician_settings_page import TechnicianSettingsPage


class TechnicianPage(Protocol):
    """What the home screen does with each of its pages (they are QWidgets too)."""

    def retranslate(self) -> None:
        """Texts in the current language."""

    def refresh(self) -> None:
        """Load the page's content (in the background)."""

    def clear(self) -> None:
        """Forget everything shown."""


class TechnicianHomeScreen(Screen):
    """The technician's pages; ``leaveRequested`` ends technician mode."""

    leaveRequested = Signal()

    def __init__(
        self,
        settings: KioskSettings,
        desk: Callable[[], ReceiptDesk | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.heading = QLabel(objectName="heading")
        self._actor: str | None = None  # the signed-in technician (staff id or PIN actor)
        self.devices = DevicesPage(settings)
        self.queue = QueuePage(settings)
        self.health = HealthPage(settings)
        self.receipts = ReceiptsPage(desk)
        self.settings_page = TechnicianSettingsPage(settings, active_config_file())
        self.diagnostics = TechnicianDiagnosticsPage(settings, active_config_file())
        self.enrollment = TechnicianEnrollmentPage(settings, active_config_file())
        self.pages = QStackedWidget()
        nav = QHBoxLayout()
        nav.setSpacing(16)
        self.page_buttons: list[QPushButton] = []
        self.all_pages: tuple[TechnicianPage, ...] = (
            self.devices,
            self.queue,
            self.health,
            self.receipts,
            self.settings_page,
            self.diagnostics,
            self.enrollment,
        )
        for page in self.all_pages:
            self.pages.addWidget(page)
            button = QPushButton(checkable=True, autoExclusive=True)
            button.setMinimumHeight(72)
            button.clicked.connect(lambda _=False, p=page: self.show_page(p))
            nav.addWidget(button)
            self.page_buttons.append(button)
        nav.addStretch(1)
        self.leave_button = QPushButton(objectName="danger")
        self.leave_button.setMinimumHeight(72)
        self.leave_button.clicked.connect(self.leaveRequested)
        nav.addWidget(self.leave_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 16)
        layout.setSpacing(16)
        layout.addWidget(self.heading)
        layout.addLayout(nav)
        layout.addWidget(self.pages, 1)
        self.retranslate()

    def prompt(self) -> str:
        """Spoken when the screen appears."""
        return self.heading.text()

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.heading.setText(self.tr("Technician mode"))
        names = (
            self.tr("Devices"),
            self.tr("Queue"),
            self.tr("Health and logs"),
            self.tr("Receipts"),
            self.tr("Settings"),
            self.tr("Diagnostics"),
            self.tr("Enrollment"),
        )
        for button, name in zip(self.page_buttons, names, strict=True):
            button.setText(name)
            button.setAccessibleName(name)
        self.leave_button.setText(self.tr("Leave technician mode"))
        self.leave_button.setAccessibleName(self.tr("Leave technician mode"))
        for page in self.all_pages:
            page.retranslate()

    def show_page(self, page: TechnicianPage) -> None:
        """Show ``page`` and load its content."""
        index = self.pages.indexOf(page)
        self.pages.setCurrentIndex(index)
        self.page_buttons[index].setChecked(True)
        page.refresh()

    def show_devices(self, inventory: DeviceInventory) -> None:
        """Show the Devices page with an inventory already taken (screenshots)."""
        self.pages.setCurrentWidget(self.devices)
        self.page_buttons[0].setChecked(True)
        self.devices.show_inventory(inventory)

    def open(self, actor: str | None = None) -> None:
        """Start on the Devices page, freshly checked; ``actor`` (who signed in: a staff id, or
        kiosk.technician_auth.PIN_ACTOR) names them in the audit entries of the pages' actions."""
        self.set_actor(actor)
        self.show_page(self.devices)

    @property
    def actor(self) -> str | None:
        """Who the pages' actions are audited under (None: nobody signed in)."""
        return self._actor

    def set_actor(self, actor: str | None) -> None:
        """Name ``actor`` in the audit entries of the audited pages (queue, settings,
        enrollment); None when nobody is signed in."""
        self._actor = actor
        for page in (self.queue, self.settings_page, self.enrollment):
            page.set_actor(actor)

    def reset(self) -> None:
        """Forget every result of the technician's session, and who it was."""
        super().reset()
        self.set_actor(None)
        for page in self.all_pages:
            page.clear()
        self.pages.setCurrentIndex(0)
        self.page_buttons[0].setChecked(True)


__all__ = ["TechnicianHomeScreen"]
