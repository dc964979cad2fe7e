"""Configured versus detected devices, for ``kiosk devices discover`` and the Settings page.

Detected: PC/SC readers, serial ports, USB devices by kind (udev), SANE scanners, cameras, and
network printers among the configured candidates (never a network scan). Each detected device
carries the settings table that would use it, so the technician can pick it with one touch.
Blocking (SANE, udev, network): call it off the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from config.schema import (
    CameraScannerSettings,
    FilePrinterSettings,
    KioskSettings,
    NetworkPrinterSettings,
    PcscReaderSettings,
    SamSerialReaderSettings,
    SaneScannerSettings,
    SerialPrinterSettings,
    UsbPrinterSettings,
)
from devices.base import Discovered
from devices.cardreader.discovery import list_pcsc_readers
from devices.printer.discovery import NetworkPrinterAnswer, probe_network_printers
from devices.scanner.discovery import list_sane_devices
from devices.serial_ports import list_serial_ports
from devices.usb_inventory import UsbDevice, UsbKind, list_usb_devices

NETWORK_PROBE_TIMEOUT_S = 0.5


class DeviceGroup(StrEnum):
    """The device kinds a technician configures."""

    CARD_READER = "card_reader"
    PRINTER = "printer"
    SCANNER = "scanner"  # scanners and document cameras


@dataclass(frozen=True)
class DetectedDevice:
    """A device the system sees now, and the settings table that would use it."""

    group: DeviceGroup
    source: str  # pcsc, usb, serial, sane, camera, network
    name: str
    address: str  # what identifies it in the settings: reader name, port, ids, host:port
    detail: str = ""
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ConfiguredDevice:
    """A device in the settings file, and whether it is present now (None: cannot tell)."""

    group: DeviceGroup
    key: str  # devices.printer, devices.card_readers[0]…
    backend: str
    summary: str
    present: bool | None


@dataclass(frozen=True)
class DiscoveryReport:
    """Everything configured and detected, plus why a source found nothing."""

    configured: tuple[ConfiguredDevice, ...]
    detected: tuple[DetectedDevice, ...]
    notes: dict[str, str]

    def configured_in(self, group: DeviceGroup) -> list[ConfiguredDevice]:
        """The configured devices of one kind."""
        return [device for device in self.configured if device.group is group]

    def detected_in(self, group: DeviceGroup) -> list[DetectedDevice]:
        """The detected devices of one kind."""
        return [device for device in self.detected if device.group is group]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (``kiosk devices discover --json``)."""
        return {
            "configured": [asdict(device) for device in self.configured],
            "detected": [asdict(device) for device in self.detected],
            "notes": dict(self.notes),
        }


@dataclass(frozen=True)
class Sources:
    """Where discovery looks; tests replace one source with a fake at this boundary."""

    pcsc: Callable[[], Discovered[Any]] = list_pcsc_readers
    serial: Callable[[], Discovered[Any]] = list_serial_ports
    usb: Callable[[], Discovered[UsbDevice]] = list_usb_devices
    sane: Callable[[], Discovered[Any]] = list_sane_devices
    network: Callable[[list[str], float], list[NetworkPrinterAnswer]] = probe_network_printers


def discover(settings: KioskSettings, sources: Sources | None = None) -> DiscoveryReport:
    """Look for every kind of device and compare with the settings."""
    sources = sources or Sources()
    notes: dict[str, str] = {}
    detected: list[DetectedDevice] = []

    readers = sources.pcsc()
    notes["pcsc"] = readers.reason
    detected += [
        DetectedDevice(
            DeviceGroup.CARD_READER, "pcsc", r.name, r.name, "PC/SC", _pcsc_settings(r.name)
        )
        for r in readers
    ]

    usb = sources.usb()
    notes["usb"] = usb.reason
    for device in usb:
        detected += _from_usb(device)

    ports = sources.serial()
    notes["serial"] = ports.reason
    usb_serial_nodes = {d.node for d in usb if d.kind is UsbKind.SERIAL_ADAPTER}
    for port in ports:
        if port.device in usb_serial_nodes:
            continue  # already listed as a USB-serial adapter
        detail = port.description or "serial port"
        detected.append(
            DetectedDevice(
                DeviceGroup.CARD_READER,
                "serial",
                port.device,
                port.device,
                detail,
                {"backend": "sam_serial", "port": port.device},
            )
        )
        detected.append(
            DetectedDevice(
                DeviceGroup.PRINTER,
                "serial",
                port.device,
                port.device,
                detail,
                {"backend": "serial", "port": port.device},
            )
        )

    scanners = sources.sane()
    notes["sane"] = scanners.reason
    detected += [
        DetectedDevice(
            DeviceGroup.SCANNER,
            "sane",
            f"{s.vendor} {s.model}".strip() or s.name,
            s.name,
            s.kind,
            {"backend": "sane", "device": s.name},
        )
        for s in scanners
    ]

    answers = sources.network(_network_addresses(settings), NETWORK_PROBE_TIMEOUT_S)
    for answer in answers:
        if answer.escpos:
            detected.append(
                DetectedDevice(
                    DeviceGroup.PRINTER,
                    "network",
                    f"ESC/POS {answer.address}",
                    f"{answer.host}:{answer.port}",
                    f"{answer.detail}, status {answer.status.value}",
                    {"backend": "network", "host": answer.host, "port": answer.port},
                )
            )
    notes["network"] = (
        ""
        if any(a.escpos for a in answers)
        else "no network printer candidate answered"
        if answers
        else "no network printer candidates configured (devices.network_printer_candidates)"
    )
    configured = tuple(_configured(settings, detected, answers))
    return DiscoveryReport(configured, tuple(detected), {k: v for k, v in notes.items() if v})


def _pcsc_settings(name: str) -> dict[str, Any]:
    return {"backend": "pcsc", "reader_name": name}


def _from_usb(device: UsbDevice) -> list[DetectedDevice]:
    ids = device.ids()
    if device.kind is UsbKind.CARD_READER:
        return [DetectedDevice(DeviceGroup.CARD_READER, "usb", device.name, ids, "USB CCID")]
    if device.kind is UsbKind.PRINTER:
        table: dict[str, Any] = {}
        if device.vendor_id is not None and device.product_id is not None:
            table = {
                "backend": "usb",
                "vendor_id": device.vendor_id,
                "product_id": device.product_id,
            }
        detail = f"USB printer {device.node or ''}".strip()
        return [DetectedDevice(DeviceGroup.PRINTER, "usb", device.name, ids, detail, table)]
    if device.kind is UsbKind.CAMERA:
        node = device.node or ""
        return [
            DetectedDevice(
                DeviceGroup.SCANNER,
                "camera",
                device.name,
                node,
                f"camera {ids}",
                {"backend": "camera", "device": node} if node else {},
            )
        ]
    node = device.node or ""
    detail = f"USB-serial adapter {ids}"
    return [
        DetectedDevice(
            DeviceGroup.CARD_READER,
            "usb",
            device.name,
            node,
            detail,
            {"backend": "sam_serial", "port": node},
        ),
        DetectedDevice(
            DeviceGroup.PRINTER,
            "usb",
            device.name,
            node,
            detail,
            {"backend": "serial", "port": node},
        ),
    ]


def _network_addresses(settings: KioskSettings) -> list[str]:
    addresses = list(settings.devices.network_printer_candidates)
    printer = settings.devices.printer
    if isinstance(printer, NetworkPrinterSettings):
        configured = f"{printer.host}:{printer.port}"
        if configured not in addresses:
            addresses.insert(0, configured)
    return addresses


def _configured(
    settings: KioskSettings,
    detected: list[DetectedDevice],
    answers: list[NetworkPrinterAnswer],
) -> list[ConfiguredDevice]:
    found: list[ConfiguredDevice] = []
    for index, reader in enumerate(settings.devices.card_readers):
        key = f"devices.card_readers[{index}]"
        if isinstance(reader, PcscReaderSettings):
            names = [d.address for d in detected if d.source == "pcsc"]
            present = any(reader.reader_name in name for name in names)
            summary = f"PC/SC {reader.reader_name or '(any reader)'}"
        elif isinstance(reader, SamSerialReaderSettings):
            present = Path(reader.port).exists()
            summary = f"ID card SAM on {reader.port} at {reader.baudrate} baud"
        else:
            present, summary = True, "simulated"
        found.append(
            ConfiguredDevice(DeviceGroup.CARD_READER, key, reader.backend, summary, present)
        )
    printer = settings.devices.printer
    if printer is not None:
        present_printer: bool | None
        if isinstance(printer, UsbPrinterSettings):
            ids = f"{printer.vendor_id:04x}:{printer.product_id:04x}"
            present_printer = any(d.address == ids for d in detected if d.source == "usb")
            where = f"USB {ids}"
        elif isinstance(printer, NetworkPrinterSettings):
            where = f"{printer.host}:{printer.port}"
            present_printer = any(a.address == where and a.escpos for a in answers)
        elif isinstance(printer, SerialPrinterSettings):
            where = f"{printer.port} at {printer.baudrate} baud"
            present_printer = Path(printer.port).exists()
        elif isinstance(printer, FilePrinterSettings):
            where = str(printer.path)
            present_printer = printer.path.exists()
        else:
            where, present_printer = "simulated", True
        summary = f"{where}, {printer.paper_width_mm} mm, {printer.encoding}"
        found.append(
            ConfiguredDevice(
                DeviceGroup.PRINTER, "devices.printer", printer.backend, summary, present_printer
            )
        )
    for index, scanner in enumerate(settings.devices.scanners):
        key = f"devices.scanners[{index}]"
        present_scanner: bool | None
        if isinstance(scanner, SaneScannerSettings):
            names = [d.address for d in detected if d.source == "sane"]
            present_scanner = bool(names) if not scanner.device else scanner.device in names
            summary = f"SANE {scanner.device or '(first found)'}, {scanner.resolution_dpi} dpi"
        elif isinstance(scanner, CameraScannerSettings):
            device = scanner.device
            present_scanner = None if isinstance(device, int) else Path(str(device)).exists()
            summary = f"camera {device}, {scanner.width}x{scanner.height}"
        else:
            present_scanner, summary = True, "simulated"
        found.append(
            ConfiguredDevice(DeviceGroup.SCANNER, key, scanner.backend, summary, present_scanner)
        )
    return found
