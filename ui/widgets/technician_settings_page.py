"""Technician Settings page: per device kind, what is configured and what is detected; choose
backend, port, encoding, paper width…, save (validated, atomic) or roll back one step.

Discovery, saving and rolling back run through the background bridge; the page only draws.
Saving goes through kiosk.config_store, so a refused change shows every problem in plain words
and leaves the file untouched. The running kiosk keeps its settings until its next start.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from config.errors import ConfigError, ConfigProblem
from config.schema import (
    CameraScannerSettings,
    KioskSettings,
    PcscReaderSettings,
    SamSerialReaderSettings,
    SaneScannerSettings,
)
from kiosk.audit import open_audit_log
from kiosk.config_store import ConfigChange, ConfigStore, NothingToRollBack
from kiosk.device_discovery import (
    ConfiguredDevice,
    DetectedDevice,
    DeviceGroup,
    DiscoveryReport,
    Sources,
    discover,
)
from kiosk.technician_auth import TECHNICIAN_ACTOR
from kiosk.technician_desk import (
    DeviceTestResult,
    try_card_readers,
    try_printer,
    try_scanner,
)
from ui.bridge import run_in_background

CONTROL_HEIGHT = 56  # big enough for a finger, small enough for 5 fields a column


def _combo(items: list[str], *, editable: bool = False) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(editable)
    combo.setMinimumHeight(CONTROL_HEIGHT)
    combo.addItems(items)
    return combo


def _select(combo: QComboBox, text: str) -> None:
    """Select ``text`` in the combo, adding it when it is not among the items."""
    index = combo.findText(text)
    if index < 0:
        combo.addItem(text)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


def _name_control(widget: QWidget, name: str) -> None:
    """Accessible name of a control, and of the text field inside an editable combo box."""
    widget.setAccessibleName(name)
    if isinstance(widget, QComboBox) and widget.lineEdit() is not None:
        widget.lineEdit().setAccessibleName(name)


def _button(handler: Callable[[], None], name: str = "") -> QPushButton:
    button = QPushButton(objectName=name) if name else QPushButton()
    button.setMinimumHeight(72)
    button.clicked.connect(handler)
    return button


class _DeviceForm(QFrame):
    """One device kind: configured vs detected, and the fields that configure it."""

    group: DeviceGroup

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formSection")
        self.title = QLabel(objectName="sectionTitle")
        self.configured = QLabel(objectName="hint", wordWrap=True)
        self.detected = _combo([])
        self.use_button = _button(self._use_detected, "secondary")
        self.use_button.setMinimumHeight(CONTROL_HEIGHT)
        self.use_button.setEnabled(False)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)  # the controls get the width, labels what they need
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(6)
        self._labels: list[tuple[QLabel, str, QWidget]] = []
        self._detected: list[DetectedDevice] = []
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.test_button = _button(lambda: None, "secondary")
        self.test_button.setMinimumHeight(CONTROL_HEIGHT)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.test_button)
        layout.addLayout(heading)
        layout.addWidget(self.configured)
        self.detected_label = QLabel(objectName="fieldLabel")
        row = QHBoxLayout()
        row.addWidget(self.detected_label)
        row.addWidget(self.detected, 1)
        row.addWidget(self.use_button)
        layout.addLayout(row)
        layout.addLayout(self.grid)
        layout.addStretch(1)

    def _field(self, label_key: str, widget: QWidget) -> None:
        """Add a labelled field; ``label_key`` is translated in retranslate()."""
        label = QLabel(objectName="fieldLabel")
        row = self.grid.rowCount()
        self.grid.addWidget(label, row, 0)
        self.grid.addWidget(widget, row, 1)
        self._labels.append((label, label_key, widget))

    def retranslate(self) -> None:
        """Texts in the current language."""
        for label, key, widget in self._labels:
            name = _field_name(key)
            label.setText(name)
            _name_control(widget, name)
        _name_control(
            self.detected, QCoreApplication.translate("TechnicianSettings", "Detected devices")
        )
        self.detected_label.setText(
            QCoreApplication.translate("TechnicianSettings", "Detected now:")
        )
        self.test_button.setText(QCoreApplication.translate("TechnicianSettings", "Test"))
        self.test_button.setAccessibleName(
            QCoreApplication.translate("TechnicianSettings", "Test with the settings shown")
        )
        self.use_button.setText(QCoreApplication.translate("TechnicianSettings", "Use"))
        self.use_button.setAccessibleName(
            QCoreApplication.translate("TechnicianSettings", "Use the detected device")
        )

    def show_discovery(self, report: DiscoveryReport) -> None:
        """Show the configured devices of this kind (present or missing) and the detected ones."""
        lines = [_configured_line(device) for device in report.configured_in(self.group)]
        self.configured.setText(
            "\n".join(lines)
            or QCoreApplication.translate("TechnicianSettings", "Nothing configured.")
        )
        self._detected = [d for d in report.detected_in(self.group) if d.settings]
        self.detected.clear()
        for device in self._detected:
            label = (
                device.address
                if device.name == device.address
                else f"{device.address} — {device.name}"
            )
            self.detected.addItem(f"{label} ({device.detail})" if device.detail else label)
        if not self._detected:
            self.detected.addItem(QCoreApplication.translate("TechnicianSettings", "(none found)"))
        self.use_button.setEnabled(bool(self._detected))

    def _use_detected(self) -> None:
        index = self.detected.currentIndex()
        if 0 <= index < len(self._detected):
            self.apply(self._detected[index].settings)

    def apply(self, table: dict[str, Any]) -> None:
        """Fill the fields from a settings table (a detected device's)."""
        raise NotImplementedError

    def load(self, settings: KioskSettings) -> None:
        """Fill the fields from the settings in the file."""
        raise NotImplementedError

    def values(self) -> dict[str, Any]:
        """The dotted keys and values the fields stand for."""
        raise NotImplementedError

    def tester(self) -> Callable[[KioskSettings], DeviceTestResult]:
        """The on-the-spot test of this kind (runs in a worker: it must not touch widgets)."""
        raise NotImplementedError


class CardReaderForm(_DeviceForm):
    """Card reader: PC/SC (reader name) or an ID card SAM on a serial port (port, speed)."""

    group = DeviceGroup.CARD_READER

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = _combo([])
        self.backend = _combo(["pcsc", "sam_serial", "simulated"])
        self.address = _combo([], editable=True)
        self.baudrate = _combo(["9600", "19200", "38400", "57600", "115200"])
        self._field("entry", self.entry)
        self._field("backend", self.backend)
        self._field("reader_or_port", self.address)
        self._field("baudrate", self.baudrate)
        self._readers: list[Any] = []
        self.entry.currentIndexChanged.connect(self._show_entry)
        self.backend.currentTextChanged.connect(self._backend_changed)

    def retranslate(self) -> None:
        """Texts in the current language."""
        super().retranslate()
        self.title.setText(QCoreApplication.translate("TechnicianSettings", "Card reader"))
        self._fill_entries()

    def _fill_entries(self) -> None:
        current = max(self.entry.currentIndex(), 0)
        self.entry.blockSignals(True)
        self.entry.clear()
        for index, reader in enumerate(self._readers):
            self.entry.addItem(f"{index + 1}: {reader.backend}")
        self.entry.addItem(QCoreApplication.translate("TechnicianSettings", "add a card reader"))
        self.entry.setCurrentIndex(min(current, self.entry.count() - 1))
        self.entry.blockSignals(False)

    def load(self, settings: KioskSettings) -> None:
        """Fill the fields from the settings in the file."""
        self._readers = list(settings.devices.card_readers)
        self._fill_entries()
        self._show_entry()

    def _show_entry(self) -> None:
        index = self.entry.currentIndex()
        reader = self._readers[index] if 0 <= index < len(self._readers) else None
        if isinstance(reader, PcscReaderSettings):
            self.apply({"backend": "pcsc", "reader_name": reader.reader_name})
        elif isinstance(reader, SamSerialReaderSettings):
            self.apply({"backend": "sam_serial", "port": reader.port, "baudrate": reader.baudrate})
        else:
            self.apply({"backend": "simulated" if reader else "pcsc"})

    def apply(self, table: dict[str, Any]) -> None:
        """Fill the fields from a settings table."""
        _select(self.backend, str(table.get("backend", "pcsc")))
        self.address.setEditText(str(table.get("reader_name", table.get("port", ""))))
        if "baudrate" in table:
            _select(self.baudrate, str(table["baudrate"]))
        self._backend_changed(self.backend.currentText())

    def _backend_changed(self, backend: str) -> None:
        self.address.setEnabled(backend != "simulated")
        self.baudrate.setEnabled(backend == "sam_serial")

    def tester(self) -> Callable[[KioskSettings], DeviceTestResult]:
        """List the PC/SC readers the system sees (a card is read on the identity screen)."""
        return try_card_readers

    def values(self) -> dict[str, Any]:
        """The dotted keys of the chosen reader entry."""
        prefix = f"devices.card_readers[{max(self.entry.currentIndex(), 0)}]"
        backend = self.backend.currentText()
        values: dict[str, Any] = {f"{prefix}.backend": backend}
        address = self.address.currentText().strip()
        if backend == "pcsc":
            values[f"{prefix}.reader_name"] = address
        elif backend == "sam_serial":
            values[f"{prefix}.port"] = address
            values[f"{prefix}.baudrate"] = int(self.baudrate.currentText())
        return values


class PrinterForm(_DeviceForm):
    """Receipt printer: transport and address, text encoding, paper width, characters per line."""

    group = DeviceGroup.PRINTER

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = _combo(["usb", "serial", "network", "file", "simulated"])
        self.address = _combo([], editable=True)
        self.encoding = _combo(["gb18030", "gbk", "utf-8"])
        self.paper_width = _combo(["58", "80"])
        self.chars_per_line = _combo(["32", "42", "48", "64"])
        self._field("backend", self.backend)
        self._field("address", self.address)
        self._field("encoding", self.encoding)
        self._field("paper_width_mm", self.paper_width)
        self._field("chars_per_line", self.chars_per_line)
        self.backend.currentTextChanged.connect(
            lambda backend: self.address.setEnabled(backend != "simulated")
        )

    def retranslate(self) -> None:
        """Texts in the current language."""
        super().retranslate()
        self.title.setText(QCoreApplication.translate("TechnicianSettings", "Receipt printer"))

    def load(self, settings: KioskSettings) -> None:
        """Fill the fields from the settings in the file."""
        printer = settings.devices.printer
        if printer is None:
            self.apply({"backend": "usb"})
            return
        table: dict[str, Any] = printer.model_dump(mode="json")
        self.apply(table)

    def apply(self, table: dict[str, Any]) -> None:
        """Fill the fields from a settings table."""
        backend = str(table.get("backend", "usb"))
        _select(self.backend, backend)
        if backend == "usb" and "vendor_id" in table:
            address = f"{int(table['vendor_id']):04x}:{int(table['product_id']):04x}"
        elif backend == "network":
            address = f"{table.get('host', '')}:{table.get('port', 9100)}"
        else:
            address = str(table.get("port", table.get("path", "")))
        self.address.setEditText(address)
        for combo, key in (
            (self.encoding, "encoding"),
            (self.paper_width, "paper_width_mm"),
            (self.chars_per_line, "chars_per_line"),
        ):
            if key in table:
                _select(combo, str(table[key]))
        self.address.setEnabled(backend != "simulated")

    def tester(self) -> Callable[[KioskSettings], DeviceTestResult]:
        """Print the test receipt."""
        return try_printer

    def values(self) -> dict[str, Any]:
        """The dotted keys of ``devices.printer``."""
        backend = self.backend.currentText()
        address = self.address.currentText().strip()
        values: dict[str, Any] = {"devices.printer.backend": backend}
        if backend == "usb":
            vendor, _, product = address.partition(":")
            values["devices.printer.vendor_id"] = _hex_or_text(vendor)
            values["devices.printer.product_id"] = _hex_or_text(product)
        elif backend == "serial":
            values["devices.printer.port"] = address
        elif backend == "network":
            host, _, port = address.rpartition(":") if ":" in address else (address, "", "9100")
            values["devices.printer.host"] = host
            values["devices.printer.port"] = int(port) if port.isdigit() else port
        elif backend == "file":
            values["devices.printer.path"] = address
        values["devices.printer.encoding"] = self.encoding.currentText()
        values["devices.printer.paper_width_mm"] = int(self.paper_width.currentText())
        values["devices.printer.chars_per_line"] = int(self.chars_per_line.currentText())
        return values


class ScannerForm(_DeviceForm):
    """Scanner (SANE) or document camera: device and resolution."""

    group = DeviceGroup.SCANNER

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = _combo([])
        self.backend = _combo(["sane", "camera", "simulated"])
        self.device = _combo([], editable=True)
        self.resolution = _combo(["150", "200", "300", "600"])
        self._field("entry", self.entry)
        self._field("backend", self.backend)
        self._field("device", self.device)
        self._field("resolution_dpi", self.resolution)
        self._scanners: list[Any] = []
        self.entry.currentIndexChanged.connect(self._show_entry)
        self.backend.currentTextChanged.connect(self._backend_changed)

    def retranslate(self) -> None:
        """Texts in the current language."""
        super().retranslate()
        self.title.setText(QCoreApplication.translate("TechnicianSettings", "Scanner or camera"))
        self._fill_entries()

    def _fill_entries(self) -> None:
        current = max(self.entry.currentIndex(), 0)
        self.entry.blockSignals(True)
        self.entry.clear()
        for index, scanner in enumerate(self._scanners):
            self.entry.addItem(f"{index + 1}: {scanner.backend}")
        self.entry.addItem(
            QCoreApplication.translate("TechnicianSettings", "add a scanner or camera")
        )
        self.entry.setCurrentIndex(min(current, self.entry.count() - 1))
        self.entry.blockSignals(False)

    def load(self, settings: KioskSettings) -> None:
        """Fill the fields from the settings in the file."""
        self._scanners = list(settings.devices.scanners)
        self._fill_entries()
        self._show_entry()

    def _show_entry(self) -> None:
        index = self.entry.currentIndex()
        scanner = self._scanners[index] if 0 <= index < len(self._scanners) else None
        if isinstance(scanner, SaneScannerSettings):
            self.apply(
                {
                    "backend": "sane",
                    "device": scanner.device,
                    "resolution_dpi": scanner.resolution_dpi,
                }
            )
        elif isinstance(scanner, CameraScannerSettings):
            self.apply({"backend": "camera", "device": scanner.device})
        else:
            self.apply({"backend": "simulated" if scanner else "sane"})

    def apply(self, table: dict[str, Any]) -> None:
        """Fill the fields from a settings table."""
        _select(self.backend, str(table.get("backend", "sane")))
        self.device.setEditText(str(table.get("device", "")))
        if "resolution_dpi" in table:
            _select(self.resolution, str(table["resolution_dpi"]))
        self._backend_changed(self.backend.currentText())

    def _backend_changed(self, backend: str) -> None:
        self.device.setEnabled(backend != "simulated")
        self.resolution.setEnabled(backend == "sane")

    def tester(self) -> Callable[[KioskSettings], DeviceTestResult]:
        """Scan a page or grab a frame from the chosen scanner entry."""
        index = max(self.entry.currentIndex(), 0)

        def test(settings: KioskSettings) -> DeviceTestResult:
            scanners = settings.devices.scanners
            if index < len(scanners):  # the chosen one first: try_scanner tests the first
                chosen = [scanners[index], *scanners[:index], *scanners[index + 1 :]]
                devices = settings.devices.model_copy(update={"scanners": chosen})
                settings = settings.model_copy(update={"devices": devices})
            return try_scanner(settings)

        return test

    def values(self) -> dict[str, Any]:
        """The dotted keys of the chosen scanner entry."""
        prefix = f"devices.scanners[{max(self.entry.currentIndex(), 0)}]"
        backend = self.backend.currentText()
        device = self.device.currentText().strip()
        values: dict[str, Any] = {f"{prefix}.backend": backend}
        if backend == "sane":
            values[f"{prefix}.device"] = device
            values[f"{prefix}.resolution_dpi"] = int(self.resolution.currentText())
        elif backend == "camera":
            values[f"{prefix}.device"] = int(device) if device.isdigit() else device
        return values


class TechnicianSettingsPage(QWidget):
    """Configure each device kind, save atomically or roll back, for the file the kiosk runs."""

    def __init__(
        self,
        settings: KioskSettings,
        config_file: Path | None,
        parent: QWidget | None = None,
        *,
        sources: Sources | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._config_file = config_file
        self._sources = sources  # None: the real PC/SC, udev, serial, SANE and network probes
        self._actor = TECHNICIAN_ACTOR  # who saves and rolls back, for the audit trail
        self._report: DiscoveryReport | None = None
        self._can_roll_back = False
        actions = QHBoxLayout()
        self.discover_button = _button(self.refresh)
        self.save_button = _button(self.save)
        self.rollback_button = _button(self.rollback, "secondary")
        actions.addWidget(self.discover_button)
        actions.addWidget(self.save_button)
        actions.addWidget(self.rollback_button)
        self.file_note = QLabel(objectName="hint", wordWrap=True)
        actions.addWidget(self.file_note, 1)
        self.message = QLabel(objectName="message", wordWrap=True)
        self.card_reader = CardReaderForm()
        self.printer = PrinterForm()
        self.scanner = ScannerForm()
        body = QWidget()
        forms = QHBoxLayout(body)
        forms.setContentsMargins(0, 0, 0, 0)
        forms.setSpacing(16)
        for form in self.forms:
            forms.addWidget(form, 1)
            form.test_button.clicked.connect(lambda _=False, f=form: self.test_device(f))
        # A long list of problems must not squeeze the controls: the forms scroll instead.
        self.scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.scroll, 1)
        self._load_fields()
        self.retranslate()

    @property
    def forms(self) -> tuple[CardReaderForm, PrinterForm, ScannerForm]:
        """The three device forms."""
        return (self.card_reader, self.printer, self.scanner)

    def _store(self) -> ConfigStore | None:
        if self._config_file is None:
            return None
        return ConfigStore(
            self._config_file, audit=open_audit_log(self._settings), actor=self._actor
        )

    @property
    def actor(self) -> str:
        """Who saved settings and rollbacks are audited under."""
        return self._actor

    def set_actor(self, actor: str | None) -> None:
        """Audit saves and rollbacks under ``actor`` (the signed-in technician; None: nobody)."""
        self._actor = actor or TECHNICIAN_ACTOR

    def retranslate(self) -> None:
        """Texts in the current language."""
        for button, text in (
            (
                self.discover_button,
                QCoreApplication.translate("TechnicianSettings", "Look for devices"),
            ),
            (self.save_button, QCoreApplication.translate("TechnicianSettings", "Save settings")),
            (
                self.rollback_button,
                QCoreApplication.translate("TechnicianSettings", "Roll back last change"),
            ),
        ):
            button.setText(text)
            button.setAccessibleName(text)
        if self._config_file is None:
            self.file_note.setText(
                QCoreApplication.translate(
                    "TechnicianSettings",
                    "This kiosk runs from a shipped profile, not a settings file: "
                    "settings can be viewed here but not saved.",
                )
            )
        else:
            self.file_note.setText(
                QCoreApplication.translate(
                    "TechnicianSettings",
                    "Settings file: %1. Saved settings apply after the kiosk restarts.",
                ).replace("%1", str(self._config_file))
            )
        for form in self.forms:
            form.retranslate()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self._config_file is not None)
        self.rollback_button.setEnabled(self._config_file is not None and self._can_roll_back)

    def _load_fields(self) -> None:
        # The running settings; refresh() reads the file's own in the background.
        for form in self.forms:
            form.load(self._settings)

    def refresh(self) -> None:
        """Read the file and look for devices in the background; show configured vs detected."""
        self.message.setText(
            QCoreApplication.translate("TechnicianSettings", "Looking for devices…")
        )
        self.discover_button.setEnabled(False)
        run_in_background(self._gather).on_success(self._gathered).on_failure(
            self._discovery_failed
        ).start()

    def _gather(self) -> tuple[KioskSettings, bool, DiscoveryReport]:
        """Worker: the file's settings, whether a rollback is possible, and a discovery."""
        store = self._store()
        settings = store.load() if store is not None else self._settings
        can_roll_back = store is not None and store.can_roll_back()
        return settings, can_roll_back, discover(settings, self._sources)

    def _gathered(self, result: tuple[KioskSettings, bool, DiscoveryReport]) -> None:
        settings, can_roll_back, report = result
        for form in self.forms:
            form.load(settings)
        self._can_roll_back = can_roll_back
        self._update_buttons()
        self.show_discovery(report)

    def _discovery_failed(self, error: BaseException) -> None:
        self.discover_button.setEnabled(True)
        self.message.setText(
            QCoreApplication.translate("TechnicianSettings", "Looking for devices failed: ")
            + str(error)
        )

    def show_discovery(self, report: DiscoveryReport) -> None:
        """Show a discovery report in each form."""
        self._report = report
        self.discover_button.setEnabled(True)
        self.message.clear()
        for form in self.forms:
            form.show_discovery(report)

    def values(self) -> dict[str, Any]:
        """Every dotted key the three forms stand for."""
        values: dict[str, Any] = {}
        for form in self.forms:
            values.update(form.values())
        return values

    def test_device(self, form: _DeviceForm) -> None:
        """Test one device with the settings shown (saved or not) in the background."""
        store = self._store()
        values, tester = form.values(), form.tester()
        fallback = self._settings

        def run() -> DeviceTestResult:
            # The fields as they are, validated like a save but not written.
            return tester(store.preview(values) if store is not None else fallback)

        self.message.setText(QCoreApplication.translate("TechnicianSettings", "Testing…"))
        started = time.monotonic()
        run_in_background(run).on_success(self._tested).on_failure(
            lambda error: self._test_failed(error, time.monotonic() - started)
        ).start()

    def _tested(self, result: DeviceTestResult) -> None:
        verdict = (
            QCoreApplication.translate("TechnicianSettings", "OK")
            if result.ok
            else QCoreApplication.translate("TechnicianSettings", "FAILED")
        )
        self.message.setText(
            f"{result.device}: {verdict} — {result.detail} ({result.seconds:.2f} s)"
        )

    def _test_failed(self, error: BaseException, seconds: float) -> None:
        if isinstance(error, ConfigError):
            head = QCoreApplication.translate("TechnicianSettings", "Not tested. Please correct:")
            self._show_problems(head, error)
            return
        self.message.setText(
            QCoreApplication.translate("TechnicianSettings", "Test failed after %1 s: ").replace(
                "%1", f"{seconds:.2f}"
            )
            + f"{type(error).__name__}: {error}"
        )

    def save(self) -> None:
        """Validate and write the settings in the background; show what happened."""
        store = self._store()
        if store is None:
            return
        self.save_button.setEnabled(False)
        self.message.setText(QCoreApplication.translate("TechnicianSettings", "Saving…"))
        run_in_background(store.set_values, self.values()).on_success(self._saved).on_failure(
            self._failed
        ).start()

    def rollback(self) -> None:
        """Go back to the settings before the last change, in the background."""
        store = self._store()
        if store is None:
            return
        self.rollback_button.setEnabled(False)
        self.message.setText(QCoreApplication.translate("TechnicianSettings", "Rolling back…"))
        run_in_background(store.rollback).on_success(self._saved).on_failure(self._failed).start()

    def _saved(self, change: ConfigChange) -> None:
        if change.kind.value == "rollback":
            head = QCoreApplication.translate(
                "TechnicianSettings", "Rolled back to the previous settings."
            )
        elif change.changed_keys:
            head = QCoreApplication.translate("TechnicianSettings", "Saved.")
        else:
            head = QCoreApplication.translate("TechnicianSettings", "Saved: nothing had changed.")
        changed = [_plain_key(key) for key in change.changed_keys]
        lines = [
            head,
            QCoreApplication.translate("TechnicianSettings", "Changed: ") + ", ".join(changed),
        ]
        lines.append(
            QCoreApplication.translate(
                "TechnicianSettings", "The kiosk uses them after its next start."
            )
        )
        self.message.setText("\n".join(lines if changed else [head]))
        for form in self.forms:
            form.load(change.settings)
        self._can_roll_back = True  # the file before this change is kept
        self._update_buttons()

    def _show_problems(self, head: str, error: ConfigError) -> None:
        lines = [head] + [f"• {_plain_problem(problem)}" for problem in error.problems]
        self.message.setText("\n".join(lines))

    def _failed(self, error: BaseException) -> None:
        self._update_buttons()
        self.rollback_button.setEnabled(
            self._can_roll_back and not isinstance(error, NothingToRollBack)
        )
        if isinstance(error, ConfigError):
            head = QCoreApplication.translate("TechnicianSettings", "Not saved. Please correct:")
            self._show_problems(head, error)
        else:
            self.message.setText(
                QCoreApplication.translate("TechnicianSettings", "Not saved: ") + str(error)
            )

    def clear(self) -> None:
        """Forget the messages and detected devices; the fields show the file again."""
        self.message.clear()
        self._report = None
        self._load_fields()
        for form in self.forms:
            form.detected.clear()
            form.configured.clear()
            form.use_button.setEnabled(False)
        self._update_buttons()


def _hex_or_text(text: str) -> int | str:
    try:
        return int(text.strip(), 16)
    except ValueError:
        return text.strip()


def _configured_line(device: ConfiguredDevice) -> str:
    state = {
        True: QCoreApplication.translate("TechnicianSettings", "present"),
        False: QCoreApplication.translate("TechnicianSettings", "MISSING"),
        None: QCoreApplication.translate("TechnicianSettings", "cannot tell"),
    }[device.present]
    return (
        QCoreApplication.translate("TechnicianSettings", "Configured: %1 — %2")
        .replace("%1", device.summary)
        .replace("%2", state)
    )


def _field_name(key: str) -> str:
    names = {
        "entry": QCoreApplication.translate("TechnicianSettings", "Which one"),
        "backend": QCoreApplication.translate("TechnicianSettings", "Connection"),
        "reader_or_port": QCoreApplication.translate("TechnicianSettings", "Reader or port"),
        "reader_name": QCoreApplication.translate("TechnicianSettings", "Reader name"),
        "port": QCoreApplication.translate("TechnicianSettings", "Port"),
        "baudrate": QCoreApplication.translate("TechnicianSettings", "Speed (baud)"),
        "address": QCoreApplication.translate("TechnicianSettings", "Address"),
        "host": QCoreApplication.translate("TechnicianSettings", "Host"),
        "vendor_id": QCoreApplication.translate("TechnicianSettings", "USB vendor id"),
        "product_id": QCoreApplication.translate("TechnicianSettings", "USB product id"),
        "path": QCoreApplication.translate("TechnicianSettings", "Device file"),
        "encoding": QCoreApplication.translate("TechnicianSettings", "Text encoding"),
        "paper_width_mm": QCoreApplication.translate("TechnicianSettings", "Paper width (mm)"),
        "chars_per_line": QCoreApplication.translate("TechnicianSettings", "Characters per line"),
        "device": QCoreApplication.translate("TechnicianSettings", "Device"),
        "resolution_dpi": QCoreApplication.translate("TechnicianSettings", "Resolution (dpi)"),
    }
    return names.get(key, key)


def _plain_key(key_path: str) -> str:
    """``devices.card_readers[1].port`` -> "Card reader 2 › Port"."""
    parts = key_path.split(".")
    if len(parts) >= 2 and parts[0] == "devices":
        device = parts[1]
        if device == "printer":
            where = QCoreApplication.translate("TechnicianSettings", "Receipt printer")
        elif device.startswith("card_readers["):
            number = int(device[len("card_readers[") : -1]) + 1
            where = QCoreApplication.translate("TechnicianSettings", "Card reader %1").replace(
                "%1", str(number)
            )
        elif device.startswith("scanners["):
            number = int(device[len("scanners[") : -1]) + 1
            where = QCoreApplication.translate(
                "TechnicianSettings", "Scanner or camera %1"
            ).replace("%1", str(number))
        else:
            return key_path
        return " › ".join([where, *(_field_name(p) for p in parts[2:])])
    return key_path


def _plain_message(message: str) -> str:
    """pydantic's most common messages in plain words (and in the technician's language)."""
    if message.startswith("String should have at least 1 character"):
        return QCoreApplication.translate("TechnicianSettings", "must not be empty")
    if message.startswith("Input should be a valid integer"):
        return QCoreApplication.translate("TechnicianSettings", "must be a whole number")
    if message.startswith("String should match pattern"):
        return QCoreApplication.translate("TechnicianSettings", "is not written the right way")
    if message == "required key is missing":
        return QCoreApplication.translate("TechnicianSettings", "must be filled in")
    if message == "unknown key":
        return QCoreApplication.translate("TechnicianSettings", "is not a setting of this device")
    if message.endswith(" is not allowed"):
        return QCoreApplication.translate("TechnicianSettings", "%1 is not allowed").replace(
            "%1", message.removesuffix(" is not allowed")
        )
    return message


def _plain_problem(problem: ConfigProblem) -> str:
    message = _plain_message(problem.message)
    text = f"{_plain_key(problem.key_path)}: {message}" if problem.key_path else message
    if problem.allowed:
        allowed = QCoreApplication.translate("TechnicianSettings", "allowed: ")
        text += f" ({allowed}{', '.join(problem.allowed)})"
    return text


__all__ = ["CardReaderForm", "PrinterForm", "ScannerForm", "TechnicianSettingsPage"]
