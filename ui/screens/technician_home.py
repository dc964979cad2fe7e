"""Technician home: one button per page (Devices, Queue, Health and logs, Receipts) and Leave."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from config.schema import KioskSettings
from kiosk.receipt_printing import ReceiptDesk
from kiosk.technician_desk import DeviceInventory
from ui.screens.base import Screen
from ui.widgets.technician_pages import DevicesPage, HealthPage, QueuePage, ReceiptsPage


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
        self.devices = DevicesPage(settings)
        self.queue = QueuePage(settings)
        self.health = HealthPage(settings)
        self.receipts = ReceiptsPage(desk)
        self.pages = QStackedWidget()
        nav = QHBoxLayout()
        nav.setSpacing(16)
        self.page_buttons: list[QPushButton] = []
        for page in (self.devices, self.queue, self.health, self.receipts):
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
        )
        for button, name in zip(self.page_buttons, names, strict=True):
            button.setText(name)
            button.setAccessibleName(name)
        self.leave_button.setText(self.tr("Leave technician mode"))
        self.leave_button.setAccessibleName(self.tr("Leave technician mode"))
        for page in (self.devices, self.queue, self.health, self.receipts):
            page.retranslate()

    def show_page(self, page: DevicesPage | QueuePage | HealthPage | ReceiptsPage) -> None:
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

    def open(self) -> None:
        """Start on the Devices page, freshly checked."""
        self.show_page(self.devices)

    def reset(self) -> None:
        """Forget every result of the technician's session."""
        super().reset()
        for page in (self.devices, self.queue, self.health, self.receipts):
            page.clear()
        self.pages.setCurrentIndex(0)
        self.page_buttons[0].setChecked(True)


__all__ = ["TechnicianHomeScreen"]
