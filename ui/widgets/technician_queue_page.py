"""The technician's Queue page: applications waiting or quarantined, retry, quarantine, sync now,
and queue bundles to and from a USB drive (sneakernet).

Only ids, receipt numbers, service codes, states, attempts and reasons are shown: never what an
application says. Drives are the mounted ones under /media and /run/media, chosen from a list
(no file dialogs in a kiosk). Every storage, drive and network call runs through the background
bridge; ``clear()`` forgets everything shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from config.schema import KioskSettings
from kiosk.queue_bundle import BundleRefused, ExportResult, ImportResult, NothingToExport, Refusal
from kiosk.queue_desk import DRIVE_ROOTS, Drive, QueueDesk, QueueRow, list_drives
from kiosk.technician_auth import TECHNICIAN_ACTOR
from kiosk.technician_desk import SyncProblem, SyncSummary, sync_now
from ui.bridge import run_in_background

ROW_HEIGHT = 56
QUARANTINE_REASON = "set aside on the technician's Queue page"


def _button(layout: QHBoxLayout, handler: Callable[[], None]) -> QPushButton:
    button = QPushButton()
    button.setMinimumHeight(72)
    button.clicked.connect(handler)
    layout.addWidget(button)
    return button


def _size(count: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024  # type: ignore[assignment]
    return str(count)  # pragma: no cover


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class QueuePage(QWidget):
    """Waiting and quarantined applications with retry / quarantine, sync now, and bundles."""

    def __init__(
        self,
        settings: KioskSettings,
        parent: QWidget | None = None,
        drive_roots: tuple[Path, ...] = DRIVE_ROOTS,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._actor = TECHNICIAN_ACTOR
        self._desk = QueueDesk(settings, self._actor)
        self._drive_roots = drive_roots
        self._rows: list[QueueRow] = []
        self._drives: list[Drive] = []

        actions = QHBoxLayout()
        self.refresh_button = _button(actions, self.refresh)
        self.sync_button = _button(actions, self._sync)
        actions.addStretch(1)
        self.sync_result = QLabel(objectName="message", wordWrap=True)
        self.contact = QLabel(objectName="hint", wordWrap=True)
        self.counts = QLabel(objectName="subheading")

        self.table = QTableWidget(0, 5)
        self.table.setObjectName("queueTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.table.verticalHeader().setVisible(False)
        self.table.setCornerButtonEnabled(False)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.verticalHeader().setMinimumSectionSize(ROW_HEIGHT)  # a touch target
        # The platform's reason is what the technician needs most: wrap it, never elide it.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        row_actions = QHBoxLayout()
        self.retry_button = _button(row_actions, self._retry)
        self.quarantine_button = _button(row_actions, self._quarantine)
        row_actions.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.counts)
        left.addWidget(self.table, 1)
        left.addLayout(row_actions)

        self.drives_heading = QLabel(objectName="subheading")
        self.find_drives_button = QPushButton()
        self.find_drives_button.setMinimumHeight(72)
        self.find_drives_button.clicked.connect(self.find_drives)
        self.drive_list = QListWidget(objectName="driveList")
        self.drive_list.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.drive_list.itemSelectionChanged.connect(self._selection_changed)
        self.export_button = QPushButton()
        self.export_button.setMinimumHeight(72)
        self.export_button.clicked.connect(self._export)
        self.bundles_heading = QLabel(objectName="subheading")
        self.bundle_list = QListWidget(objectName="bundleList")
        self.bundle_list.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.bundle_list.itemSelectionChanged.connect(self._selection_changed)
        self.import_button = QPushButton()
        self.import_button.setMinimumHeight(72)
        self.import_button.clicked.connect(self._import)
        right = QVBoxLayout()
        right.addWidget(self.drives_heading)
        right.addWidget(self.find_drives_button)
        right.addWidget(self.drive_list, 1)
        right.addWidget(self.export_button)
        right.addWidget(self.bundles_heading)
        right.addWidget(self.bundle_list, 1)
        right.addWidget(self.import_button)

        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 1)
        self.result = QLabel(objectName="message", wordWrap=True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.sync_result)
        layout.addWidget(self.contact)
        layout.addLayout(body, 1)
        layout.addWidget(self.result)
        self.retranslate()
        self._selection_changed()

    # --- texts ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Texts in the current language."""
        buttons = (
            (self.refresh_button, self.tr("Refresh queue")),
            (self.sync_button, self.tr("Sync now")),
            (self.retry_button, self.tr("Retry selected")),
            (self.quarantine_button, self.tr("Quarantine selected")),
            (self.find_drives_button, self.tr("Look for drives")),
            (self.export_button, self.tr("Export queue to the selected drive")),
            (self.import_button, self.tr("Import the selected bundle")),
        )
        for button, text in buttons:
            button.setText(text)
            button.setAccessibleName(text)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Receipt number"),
                self.tr("Service"),
                self.tr("State"),
                self.tr("Attempts"),
                self.tr("Reason or note"),
            ]
        )
        self.table.setAccessibleName(self.tr("Applications waiting or quarantined"))
        # The table's own corner button (hidden with the row header) is a button too.
        for corner in self.table.findChildren(QAbstractButton):
            corner.setAccessibleName(self.tr("Applications waiting or quarantined"))
        self.drives_heading.setText(self.tr("USB drives"))
        self.bundles_heading.setText(self.tr("Queue bundles on the drives"))
        self.drive_list.setAccessibleName(self.tr("USB drives"))
        self.bundle_list.setAccessibleName(self.tr("Queue bundles on the drives"))
        self._show_rows()
        self._show_drives()

    def _state(self, state: str) -> str:
        names = {
            "finalized": self.tr("waiting"),
            "uploading": self.tr("uploading"),
            "quarantined": self.tr("quarantined"),
        }
        return names.get(state, state)

    def _note(self, row: QueueRow) -> str:
        parts = []
        if row.quarantined and row.last_error:
            parts.append(row.last_error)
        elif row.last_error:
            parts.append(self.tr("last error: ") + row.last_error)
        if row.origin_terminal_id:
            parts.append(self.tr("from terminal %1").replace("%1", row.origin_terminal_id))
        if row.exported_at is not None:
            parts.append(self.tr("exported %1").replace("%1", _local(row.exported_at)))
        return "; ".join(parts)

    def _refusal(self, error: BundleRefused) -> str:
        reasons = {
            Refusal.NO_KEYS: self.tr(
                "This terminal holds no bundle keys: enroll it again, or rotate its "
                "credentials while it is online."
            ),
            Refusal.NOT_A_BUNDLE: self.tr("This file is not a queue bundle."),
            Refusal.OTHER_CITY: self.tr(
                "This bundle was made for another city platform: this terminal cannot open it."
            ),
            Refusal.DAMAGED: self.tr(
                "The bundle is damaged or was altered. Nothing was imported; export it again "
                "on the terminal that made it."
            ),
            Refusal.TRUNCATED: self.tr(
                "The bundle is cut off (an incomplete copy?). Nothing was imported; copy it again."
            ),
            Refusal.UNTRUSTED: self.tr(
                "The bundle was not signed by a terminal of this city platform. Nothing was "
                "imported."
            ),
            Refusal.INCONSISTENT: self.tr("The bundle is inconsistent. Nothing was imported."),
            Refusal.REVOKED: self.tr(
                "Signed by a revoked terminal — the terminal that made this bundle was reported "
                "lost or stolen and the platform revoked it. Nothing was imported; hand the "
                "drive to the platform's staff."
            ),
        }
        return reasons[error.reason]

    # --- the queue --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the outbox and the last platform contact in the background."""
        self.counts.setText(self.tr("Reading the queue…"))
        run_in_background(self._desk.rows).on_success(self._take_rows).on_failure(
            lambda error: self.counts.setText(self.tr("Queue unavailable: ") + str(error))
        ).start()
        run_in_background(self._desk.last_contact).on_success(self._show_contact).start()

    def _take_rows(self, rows: list[QueueRow]) -> None:
        self._rows = [r for r in rows if r.waiting or r.quarantined]
        self._show_rows()

    def _show_contact(self, moment: datetime | None) -> None:
        self.contact.setText(
            self.tr("Last contact with the platform: %1").replace(
                "%1", _local(moment) if moment is not None else self.tr("never")
            )
        )

    def _show_rows(self) -> None:
        waiting = sum(1 for r in self._rows if r.waiting)
        quarantined = sum(1 for r in self._rows if r.quarantined)
        self.counts.setText(
            self.tr("Waiting: %1 · Quarantined: %2")
            .replace("%1", str(waiting))
            .replace("%2", str(quarantined))
        )
        self.table.setRowCount(len(self._rows))
        for index, row in enumerate(self._rows):
            cells = (
                row.receipt_number,
                row.service_code,
                self._state(row.state),
                str(row.attempts),
                self._note(row),
            )
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self._selection_changed()

    def selected_row(self) -> QueueRow | None:
        """The application the technician picked, if any."""
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._rows):
            return None
        return self._rows[rows[0].row()]

    def select_receipt(self, receipt_number: str) -> None:
        """Select the row of ``receipt_number`` (as a tap would)."""
        for index, row in enumerate(self._rows):
            if row.receipt_number == receipt_number:
                self.table.selectRow(index)
                return

    def _selection_changed(self) -> None:
        row = self.selected_row()
        self.retry_button.setEnabled(row is not None)
        self.quarantine_button.setEnabled(row is not None and row.waiting)
        self.export_button.setEnabled(self.drive_list.currentRow() >= 0)
        self.import_button.setEnabled(self.bundle_list.currentRow() >= 0)

    def _act(self, work: Callable[[], str], success: str) -> None:
        self.retry_button.setEnabled(False)
        self.quarantine_button.setEnabled(False)
        self.result.setText(self.tr("Working…"))

        def done(_: str) -> None:
            self.result.setText(success)
            self.refresh()

        def failed(error: BaseException) -> None:
            self.result.setText(str(error))
            self.refresh()

        run_in_background(work).on_success(done).on_failure(failed).start()

    def _retry(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        message = (
            self.tr("%1 is back in the queue and will be sent at the next sync pass.")
            if row.quarantined
            else self.tr("%1 will be sent at the next sync pass.")
        )
        app_id = row.application_id
        self._act(lambda: self._desk.retry(app_id), message.replace("%1", row.receipt_number))

    def _quarantine(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        app_id = row.application_id
        self._act(
            lambda: self._desk.quarantine(app_id, QUARANTINE_REASON),
            self.tr("%1 is quarantined.").replace("%1", row.receipt_number),
        )

    # --- sync -----------------------------------------------------------------------------------

    def _sync(self) -> None:
        self.sync_result.setText(self.tr("Syncing…"))
        self.sync_button.setEnabled(False)

        def done(summary: SyncSummary) -> None:
            self.sync_button.setEnabled(True)
            self.sync_result.setText(
                self.tr("Last sync (%1): ").replace("%1", _local(datetime.now()))
                + self._summary(summary)
            )
            self.refresh()

        def failed(error: BaseException) -> None:
            self.sync_button.setEnabled(True)
            self.sync_result.setText(self.tr("Sync failed: ") + str(error))

        run_in_background(sync_now, self._settings).on_success(done).on_failure(failed).start()

    def _summary(self, summary: SyncSummary) -> str:
        if summary.problem is SyncProblem.NOT_ENROLLED:
            return self.tr("this terminal is not enrolled: no sync possible")
        if summary.problem is SyncProblem.SECRETS_UNUSABLE:
            return self.tr("the secrets file cannot be used: ") + summary.detail
        if summary.problem is SyncProblem.FAILED:
            return self.tr("failed: ") + summary.detail
        if summary.problem is SyncProblem.SERVICE_WOKEN:
            return self.tr("the sync service is running and was asked to sync now")
        text = (
            self.tr("%1 sent, %2 quarantined, %3 to try again")
            .replace("%1", str(summary.submitted))
            .replace("%2", str(summary.quarantined))
            .replace("%3", str(summary.deferred))
        )
        if summary.errors:
            text += self.tr("; errors: ") + "; ".join(summary.errors)
        return text

    # --- drives and bundles -------------------------------------------------------------------

    def find_drives(self) -> None:
        """List the mounted drives and the bundles on them, in the background."""
        self.drives_heading.setText(self.tr("USB drives: looking…"))
        run_in_background(list_drives, self._drive_roots).on_success(self._take_drives).on_failure(
            lambda error: self.result.setText(str(error))
        ).start()

    def _take_drives(self, drives: list[Drive]) -> None:
        self._drives = drives
        self._show_drives()

    def _show_drives(self) -> None:
        self.drives_heading.setText(self.tr("USB drives"))
        self.drive_list.clear()
        self.bundle_list.clear()
        for drive in self._drives:
            text = self.tr("%1 — %2 free").replace("%1", str(drive.path))
            item = QListWidgetItem(text.replace("%2", _size(drive.free_bytes)))
            item.setSizeHint(QSize(0, ROW_HEIGHT))
            self.drive_list.addItem(item)
            for bundle in drive.bundles:
                entry = QListWidgetItem(bundle.name)
                entry.setData(Qt.ItemDataRole.UserRole, str(bundle))
                entry.setSizeHint(QSize(0, ROW_HEIGHT))
                self.bundle_list.addItem(entry)
        if not self._drives:
            self.drive_list.addItem(self.tr("(no drive mounted: plug one in, then look again)"))
            self.drive_list.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self._selection_changed()

    def _export(self) -> None:
        index = self.drive_list.currentRow()
        if not 0 <= index < len(self._drives):
            return
        self.export_button.setEnabled(False)
        self.result.setText(self.tr("Exporting…"))

        def done(result: ExportResult) -> None:
            self.result.setText(
                self.tr(
                    "Exported %1 applications (%2) to %3. They stay in this terminal's queue and "
                    "are also sent from here once it is online; the platform counts each once."
                )
                .replace("%1", str(result.applications))
                .replace("%2", _size(result.size_bytes))
                .replace("%3", str(result.path))
                + (
                    self.tr(" Left out, damaged on this terminal: %1.").replace(
                        "%1", ", ".join(result.skipped)
                    )
                    if result.skipped
                    else ""
                )
            )
            self.refresh()
            self.find_drives()

        def failed(error: BaseException) -> None:
            if isinstance(error, NothingToExport):
                self.result.setText(self.tr("Nothing to export: no application is waiting."))
            elif isinstance(error, BundleRefused):
                self.result.setText(self._refusal(error))
            else:
                self.result.setText(self.tr("Export failed: ") + str(error))
            self._selection_changed()

        run_in_background(self._desk.export, self._drives[index].path).on_success(done).on_failure(
            failed
        ).start()

    def _import(self) -> None:
        item = self.bundle_list.currentItem()
        if item is None:
            return
        path = Path(str(item.data(Qt.ItemDataRole.UserRole)))
        self.import_button.setEnabled(False)
        self.result.setText(self.tr("Checking and importing the bundle…"))

        def done(result: ImportResult) -> None:
            self.result.setText(
                self.tr("Bundle from terminal %1: %2 new, %3 already known.")
                .replace("%1", result.signer)
                .replace("%2", str(result.new))
                .replace("%3", str(result.known))
            )
            self.refresh()
            self._selection_changed()

        def failed(error: BaseException) -> None:
            if isinstance(error, BundleRefused):
                self.result.setText(self._refusal(error))
            else:
                self.result.setText(self.tr("Import failed: ") + str(error))
            self._selection_changed()

        run_in_background(self._desk.import_bundle, path).on_success(done).on_failure(
            failed
        ).start()

    @property
    def actor(self) -> str:
        """Who the queue actions are audited under."""
        return self._actor

    def set_actor(self, actor: str | None) -> None:
        """Audit the queue actions under ``actor`` (the signed-in technician; None: nobody)."""
        self._actor = actor or TECHNICIAN_ACTOR
        self._desk = QueueDesk(self._settings, self._actor)

    def clear(self) -> None:
        """Forget everything shown."""
        self._rows = []
        self._drives = []
        self.sync_result.clear()
        self.contact.clear()
        self.result.clear()
        self._show_rows()
        self._show_drives()
