"""The technician home's pages: Devices, Queue, Health and logs, Receipts.

Each page asks kiosk.technician_desk through the background bridge and shows plain lines;
``clear()`` forgets everything shown, so leaving technician mode leaves nothing behind.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from config.schema import KioskSettings
from kiosk.doctor import CheckResult
from kiosk.receipt_archive import DamagedReceipt
from kiosk.receipt_printing import ReceiptDesk, UnknownReceipt
from kiosk.technician_desk import (
    DeviceInventory,
    DeviceTestResult,
    HealthReport,
    health_report,
    take_inventory,
    try_card_readers,
    try_printer,
    try_scanner,
)
from ui.bridge import run_in_background
from ui.widgets.technician_queue_page import QueuePage as QueuePage  # its own file
from ui.widgets.technician_report_view import ReportView

log = logging.getLogger(__name__)


def _check_line(check: CheckResult) -> str:
    mark = {True: "OK  ", False: "FAIL", None: "WARN"}[check.ok]
    return f"[{mark}] {check.name}: {check.detail}"


def _button(parent_layout: QHBoxLayout, handler: Callable[[], None]) -> QPushButton:
    button = QPushButton()
    button.setMinimumHeight(72)
    button.clicked.connect(handler)
    parent_layout.addWidget(button)
    return button


class DevicesPage(QWidget):
    """Configured vs detected devices, and a test button per device with its result and time."""

    def __init__(self, settings: KioskSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        actions = QHBoxLayout()
        self.refresh_button = _button(actions, self.refresh)
        self.printer_button = _button(actions, lambda: self._test(try_printer))
        self.scanner_button = _button(actions, lambda: self._test(try_scanner))
        self.reader_button = _button(actions, lambda: self._test(try_card_readers))
        actions.addStretch(1)
        self.test_result = QLabel(objectName="message", wordWrap=True)
        self.report = ReportView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.test_result)
        layout.addWidget(self.report, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current language."""
        for button, text in (
            (self.refresh_button, QCoreApplication.translate("TechnicianPages", "Check again")),
            (
                self.printer_button,
                QCoreApplication.translate("TechnicianPages", "Print test receipt"),
            ),
            (self.scanner_button, QCoreApplication.translate("TechnicianPages", "Scan a page")),
            (
                self.reader_button,
                QCoreApplication.translate("TechnicianPages", "Find card readers"),
            ),
        ):
            button.setText(text)
            button.setAccessibleName(text)

    def refresh(self) -> None:
        """Run the doctor and the discovery in the background and show both."""
        self.report.set_lines([QCoreApplication.translate("TechnicianPages", "Checking devices…")])
        run_in_background(take_inventory, self._settings).on_success(
            self.show_inventory
        ).on_failure(
            lambda error: self.report.set_lines(
                [QCoreApplication.translate("TechnicianPages", "Check failed: ") + str(error)]
            )
        ).start()

    def show_inventory(self, inventory: DeviceInventory) -> None:
        """Show the doctor's results and the detected readers and scanners."""
        lines = [QCoreApplication.translate("TechnicianPages", "Configured (doctor):")]
        lines += [_check_line(check) for check in inventory.checks]
        lines += ["", QCoreApplication.translate("TechnicianPages", "Detected PC/SC readers:")]
        lines += [f"  {name}" for name in inventory.pcsc_readers] or [f"  - {inventory.pcsc_note}"]
        lines += ["", QCoreApplication.translate("TechnicianPages", "Detected SANE devices:")]
        lines += [f"  {name}" for name in inventory.sane_devices] or [f"  - {inventory.sane_note}"]
        self.report.set_lines(lines)

    def _test(self, action: Callable[[KioskSettings], DeviceTestResult]) -> None:
        self.test_result.setText(QCoreApplication.translate("TechnicianPages", "Testing…"))
        started = time.monotonic()
        run_in_background(action, self._settings).on_success(self._show_test).on_failure(
            lambda error: self.test_result.setText(
                QCoreApplication.translate("TechnicianPages", "Test failed after %1 s: ").replace(
                    "%1", f"{time.monotonic() - started:.2f}"
                )
                + f"{type(error).__name__}: {error}"
            )
        ).start()

    def _show_test(self, result: DeviceTestResult) -> None:
        verdict = (
            QCoreApplication.translate("TechnicianPages", "OK")
            if result.ok
            else QCoreApplication.translate("TechnicianPages", "FAILED")
        )
        self.test_result.setText(
            f"{result.device}: {verdict} — {result.detail} ({result.seconds:.2f} s)"
        )

    def clear(self) -> None:
        """Forget every result shown."""
        self.test_result.clear()
        self.report.clear()


class HealthPage(QWidget):
    """Doctor results, disk, clock, versions and the last (masked) log lines."""

    def __init__(self, settings: KioskSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        actions = QHBoxLayout()
        self.refresh_button = _button(actions, self.refresh)
        actions.addStretch(1)
        self.report = ReportView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.report, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.refresh_button.setText(QCoreApplication.translate("TechnicianPages", "Check again"))
        self.refresh_button.setAccessibleName(
            QCoreApplication.translate("TechnicianPages", "Check health again")
        )

    def refresh(self) -> None:
        """Gather the health report in the background."""
        self.report.set_lines([QCoreApplication.translate("TechnicianPages", "Checking…")])
        run_in_background(health_report, self._settings).on_success(self._show).on_failure(
            lambda error: self.report.set_lines(
                [QCoreApplication.translate("TechnicianPages", "Check failed: ") + str(error)]
            )
        ).start()

    def _show(self, health: HealthReport) -> None:
        lines = [_check_line(check) for check in health.checks]
        disk = QCoreApplication.translate("TechnicianPages", "Disk free")
        clock = QCoreApplication.translate("TechnicianPages", "Clock")
        lines += ["", f"{disk}: {health.disk_free_gib:.1f} GiB", f"{clock}: {health.clock}"]
        lines += [f"{name}: {version}" for name, version in health.versions]
        lines += ["", QCoreApplication.translate("TechnicianPages", "Last log lines:")]
        lines += list(health.log_lines) or [
            QCoreApplication.translate("TechnicianPages", "(no log file or empty)")
        ]
        self.report.set_lines(lines)

    def clear(self) -> None:
        """Forget everything shown."""
        self.report.clear()


class ReceiptsPage(QWidget):
    """Reprint a kept receipt by its receipt number or the platform's official number."""

    def __init__(
        self, desk: Callable[[], ReceiptDesk | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self.note = QLabel(objectName="hint", wordWrap=True)
        self.number_edit = QLineEdit(objectName="reprintNumber")
        self.number_edit.setMinimumHeight(72)
        row = QHBoxLayout()
        row.addWidget(self.number_edit, 1)
        self.reprint_button = _button(row, self._reprint)
        self.result = QLabel(objectName="message", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addLayout(row)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.note.setText(
            QCoreApplication.translate(
                "TechnicianPages",
                "Every receipt issued here is kept, encrypted, until its application's "
                "retention period ends. Enter the receipt number or the platform's official "
                "number to reprint it (marked as a reprint).",
            )
        )
        self.number_edit.setAccessibleName(
            QCoreApplication.translate("TechnicianPages", "Receipt number to reprint")
        )
        self.reprint_button.setText(QCoreApplication.translate("TechnicianPages", "Reprint"))
        self.reprint_button.setAccessibleName(
            QCoreApplication.translate("TechnicianPages", "Reprint the receipt")
        )

    def refresh(self) -> None:
        """Nothing to load: the page acts on demand."""

    def _reprint(self) -> None:
        number = self.number_edit.text().strip()
        desk = self._desk()
        if not number:
            return
        if desk is None:
            self.result.setText(
                QCoreApplication.translate("TechnicianPages", "No printer is configured.")
            )
            return
        self.result.setText(QCoreApplication.translate("TechnicianPages", "Printing…"))

        def done(outcome: object) -> None:
            self.result.setText(
                QCoreApplication.translate("TechnicianPages", "Reprint: ")
                + str(getattr(outcome, "outcome", outcome))
            )

        def failed(error: BaseException) -> None:
            if isinstance(error, UnknownReceipt):
                self.result.setText(
                    QCoreApplication.translate(
                        "TechnicianPages",
                        "No receipt %1 is kept on this terminal (unknown number, or its "
                        "retention period has ended).",
                    ).replace("%1", number)
                )
            elif isinstance(error, DamagedReceipt):
                self.result.setText(
                    QCoreApplication.translate(
                        "TechnicianPages",
                        "Receipt %1 is kept but damaged and cannot be reprinted; see the log.",
                    ).replace("%1", number)
                )
            else:
                self.result.setText(
                    QCoreApplication.translate("TechnicianPages", "Reprint failed: ") + str(error)
                )

        run_in_background(desk.reprint, number).on_success(done).on_failure(failed).start()

    def clear(self) -> None:
        """Forget the number and the result."""
        self.number_edit.clear()
        self.result.clear()
