"""Technician Diagnostics page: export the diagnostics bundle to a mounted USB drive.

Lockdown forbids file dialogs, so the page lists the drives mounted under /media and
/run/media as big buttons; the export runs through the background bridge and the page shows
the file written (or why not).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from config.schema import KioskSettings
from kiosk.diagnostics import (
    PROC_MOUNTS,
    REMOVABLE_ROOTS,
    BundleResult,
    RemovableDrive,
    export_bundle,
    removable_drives,
)
from ui.bridge import run_in_background


def _size(size_bytes: int) -> str:
    if size_bytes >= 1024**3:
        return f"{size_bytes / 1024**3:.1f} GiB"
    if size_bytes >= 1024**2:
        return f"{size_bytes / 1024**2:.1f} MiB"
    return f"{size_bytes / 1024:.0f} KiB"


class TechnicianDiagnosticsPage(QWidget):
    """Pick a mounted drive, export the bundle there, see the result."""

    def __init__(
        self,
        settings: KioskSettings,
        config_file: Path | None,
        parent: QWidget | None = None,
        *,
        mounts: Path = PROC_MOUNTS,
        roots: Sequence[Path] = REMOVABLE_ROOTS,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._config_file = config_file
        self._mounts = mounts
        self._roots = tuple(roots)
        self._drives: list[RemovableDrive] = []
        self.note = QLabel(objectName="hint", wordWrap=True)
        actions = QHBoxLayout()
        self.look_button = QPushButton()
        self.look_button.setMinimumHeight(72)
        self.look_button.clicked.connect(self.refresh)
        actions.addWidget(self.look_button)
        actions.addStretch(1)
        self.drives_label = QLabel(objectName="fieldLabel")
        self.drive_buttons: list[QPushButton] = []
        self.drive_row = QVBoxLayout()
        self.drive_row.setSpacing(12)
        self.result = QLabel(objectName="message", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.note)
        layout.addLayout(actions)
        layout.addWidget(self.drives_label)
        layout.addLayout(self.drive_row)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.note.setText(
            QCoreApplication.translate(
                "TechnicianDiagnostics",
                "The diagnostics bundle holds the log files, the settings without secrets, the "
                "health checks, versions, disk space and queue counts. It holds no personal "
                "data. Insert a USB drive, then choose it below.",
            )
        )
        text = QCoreApplication.translate("TechnicianDiagnostics", "Look for USB drives")
        self.look_button.setText(text)
        self.look_button.setAccessibleName(text)
        self._show_drives(self._drives)

    def refresh(self) -> None:
        """List the mounted removable drives in the background."""
        self.look_button.setEnabled(False)
        run_in_background(removable_drives, self._mounts, self._roots).on_success(
            self._show_drives
        ).on_failure(self._failed).start()

    def _show_drives(self, drives: list[RemovableDrive]) -> None:
        self.look_button.setEnabled(True)
        self._drives = list(drives)
        for button in self.drive_buttons:
            self.drive_row.removeWidget(button)
            button.deleteLater()
        self.drive_buttons = []
        if not drives:
            self.drives_label.setText(
                QCoreApplication.translate(
                    "TechnicianDiagnostics", "No USB drive found. Insert one and look again."
                )
            )
            return
        self.drives_label.setText(
            QCoreApplication.translate("TechnicianDiagnostics", "Export the bundle to:")
        )
        for drive in drives:
            free = QCoreApplication.translate("TechnicianDiagnostics", "%1 free").replace(
                "%1", _size(drive.free_bytes)
            )
            button = QPushButton(f"{drive.label}  ({free})")
            button.setMinimumHeight(72)
            button.setEnabled(drive.writable)
            button.setAccessibleName(
                QCoreApplication.translate("TechnicianDiagnostics", "Export to %1").replace(
                    "%1", drive.label
                )
            )
            button.clicked.connect(lambda _=False, d=drive: self.export_to(d.mount_point))
            self.drive_row.addWidget(button)
            self.drive_buttons.append(button)

    def export_to(self, folder: Path) -> None:
        """Write the bundle into ``folder`` in the background and show the result."""
        for button in self.drive_buttons:
            button.setEnabled(False)
        self.result.setText(QCoreApplication.translate("TechnicianDiagnostics", "Exporting…"))
        run_in_background(
            export_bundle, self._settings, folder, config_file=self._config_file
        ).on_success(self._exported).on_failure(self._failed).start()

    def _exported(self, result: BundleResult) -> None:
        self._enable_drives()
        self.result.setText(
            QCoreApplication.translate(
                "TechnicianDiagnostics", "Written: %1 (%2). The drive can be removed."
            )
            .replace("%1", str(result.path))
            .replace("%2", _size(result.size_bytes))
        )

    def _failed(self, error: BaseException) -> None:
        self.look_button.setEnabled(True)
        self._enable_drives()
        self.result.setText(
            QCoreApplication.translate("TechnicianDiagnostics", "Not exported: ") + str(error)
        )

    def _enable_drives(self) -> None:
        for button, drive in zip(self.drive_buttons, self._drives, strict=True):
            button.setEnabled(drive.writable)

    def clear(self) -> None:
        """Forget the drives and the result shown."""
        self.result.clear()
        self._show_drives([])


__all__ = ["TechnicianDiagnosticsPage"]
