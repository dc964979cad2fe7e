"""Technician Enrollment page: the terminal's registered name and hall, enroll with the one-time
code from the platform (typed, or scanned as a QR code by the document camera), or provision
the terminal from a signed provisioning code (scanned as a QR code, or typed / pasted as its
``OWKP1:`` text into the same code field).

Reading the secrets file, the camera and the platform all run through the background bridge
(kiosk.terminal_enrollment); the page only draws.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from config.schema import KioskSettings
from kiosk.provisioning import PREFIX, ProvisioningRefused
from kiosk.sync.errors import SyncError
from kiosk.technician_auth import TECHNICIAN_ACTOR
from kiosk.terminal_enrollment import (
    EnrollmentView,
    ScanFailed,
    apply_scanned,
    enroll_with_code,
    enrollment_view,
    scan_code,
)
from ui.bridge import run_in_background

log = logging.getLogger(__name__)

CONTROL_HEIGHT = 72
# A provisioning code is a QR code's text (< 3 KB of data, base64url): the field must hold one.
MAX_CODE_CHARS = 8192


def typed_provisioning_code(text: str) -> str | None:
    """The provisioning code in what was typed or pasted (``OWKP1:…``), whitespace and line breaks
    of the paste taken out; None when the text is an enrollment code instead."""
    code = "".join(text.split())
    return code if code.startswith(PREFIX) else None


class TechnicianEnrollmentPage(QWidget):
    """Enrollment status, a code field with Enroll, and Scan QR code (enrollment, provisioning)."""

    def __init__(
        self, settings: KioskSettings, config_file: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._config_file = config_file
        self._scan_stop: threading.Event | None = None
        self._actor = TECHNICIAN_ACTOR  # who enrolls or provisions, for the audit trail
        self.status = QLabel(objectName="message", wordWrap=True)
        self.code_label = QLabel()
        self.code_edit = QLineEdit(objectName="enrollmentCode")
        self.code_edit.setMinimumHeight(CONTROL_HEIGHT)
        self.code_edit.setMaxLength(MAX_CODE_CHARS)
        self.code_edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.code_edit.returnPressed.connect(self._enroll)
        self.enroll_button = QPushButton()
        self.enroll_button.setMinimumHeight(CONTROL_HEIGHT)
        self.enroll_button.clicked.connect(self._enroll)
        self.scan_button = QPushButton(objectName="secondary")
        self.scan_button.setMinimumHeight(CONTROL_HEIGHT)
        self.scan_button.clicked.connect(self._scan)
        self.result = QLabel(objectName="message", wordWrap=True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self.code_label)
        row.addWidget(self.code_edit, 1)
        row.addWidget(self.enroll_button)
        row.addWidget(self.scan_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(20)
        layout.addWidget(self.status)
        layout.addLayout(row)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.code_label.setText(self.tr("Enrollment code"))
        self.code_edit.setAccessibleName(
            self.tr("One-time enrollment code from the platform, or a provisioning code (OWKP1:…)")
        )
        self.code_edit.setPlaceholderText(self.tr("Enrollment code, or paste an OWKP1: code"))
        self.enroll_button.setText(self.tr("Enroll"))
        self.enroll_button.setAccessibleName(
            self.tr("Enroll or provision this terminal with the code")
        )
        self.scan_button.setText(self.tr("Scan QR code"))
        self.scan_button.setAccessibleName(
            self.tr("Scan an enrollment or provisioning QR code with the document camera")
        )

    def refresh(self) -> None:
        """Read whether the terminal is enrolled (secrets file) in the background."""
        self.status.setText(self.tr("Checking…"))
        run_in_background(enrollment_view, self._settings).on_success(self._show_view).start()

    def _show_view(self, view: EnrollmentView) -> None:
        who = (
            self.tr("Terminal %1: %2, %3")
            .replace("%1", view.terminal_id)
            .replace("%2", view.name)
            .replace("%3", view.hall)
        )
        state = (
            self.tr("Enrolled with the platform.")
            if view.enrolled
            else self.tr("Not enrolled yet.")
        )
        self.status.setText(f"{who}\n{state}")

    def _busy(self, busy: bool) -> None:
        for widget in (self.enroll_button, self.scan_button, self.code_edit):
            widget.setEnabled(not busy)

    def _enroll(self) -> None:
        code = self.code_edit.text().strip()
        if not code:
            self.result.setText(self.tr("Type the enrollment code first."))
            return
        self._busy(True)
        provisioning = typed_provisioning_code(code)
        if provisioning is not None:
            # The same path as a scanned provisioning QR code: verified, then applied.
            self.result.setText(self.tr("Applying the provisioning code…"))
            run_in_background(
                apply_scanned, self._settings, provisioning, self._config_file, self._actor
            ).on_success(self._done).on_failure(self._failed).start()
            return
        self.result.setText(self.tr("Enrolling…"))
        run_in_background(enroll_with_code, self._settings, code, self._actor).on_success(
            self._done
        ).on_failure(self._failed).start()

    def _scan(self) -> None:
        self._busy(True)
        self.result.setText(self.tr("Hold the QR code under the document camera…"))
        stop = threading.Event()
        self._scan_stop = stop
        settings, config_file, actor = self._settings, self._config_file, self._actor

        def scan_and_apply() -> EnrollmentView:
            return apply_scanned(settings, scan_code(settings, stop), config_file, actor)

        run_in_background(scan_and_apply).on_success(self._done).on_failure(self._failed).start()

    def _done(self, view: EnrollmentView) -> None:
        self._busy(False)
        self._scan_stop = None
        self.code_edit.clear()
        self._show_view(view)
        if view.provisioned_keys:
            text = self.tr("Provisioned: %1. The new settings apply from the next start.").replace(
                "%1", ", ".join(view.provisioned_keys)
            )
        else:
            text = (
                self.tr("Enrolled: %1, %2.").replace("%1", view.name).replace("%2", view.hall)
                if view.enrolled
                else self.tr("Done.")
            )
        self.result.setText(text)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self._scan_stop = None
        if isinstance(error, ProvisioningRefused):
            text = self.tr("Provisioning code refused: %1").replace("%1", error.reason)
        elif isinstance(error, ScanFailed):
            text = self.tr("No QR code was read: %1").replace("%1", str(error))
        elif isinstance(error, SyncError):
            text = self.tr("Enrollment failed: %1").replace("%1", str(error)[:200])
        else:
            log.error("enrollment page action failed: %s", type(error).__name__)
            text = self.tr("Enrollment failed. See the log.")
        self.result.setText(text)

    @property
    def actor(self) -> str:
        """Who enrollments and provisioning are audited under."""
        return self._actor

    def set_actor(self, actor: str | None) -> None:
        """Audit enrollment and provisioning under ``actor`` (the signed-in technician; None:
        nobody)."""
        self._actor = actor or TECHNICIAN_ACTOR

    def clear(self) -> None:
        """Forget everything shown and stop a scan that is still running."""
        if self._scan_stop is not None:
            self._scan_stop.set()
            self._scan_stop = None
        self.code_edit.clear()
        self.status.clear()
        self.result.clear()
        self._busy(False)
