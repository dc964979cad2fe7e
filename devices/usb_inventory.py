"""Which USB devices are plugged in, by kind, read from udev (pyudev): never raises.

Classification by the USB interface class (a device may carry several interfaces, each with its
own class): 0x0B smart card (CCID) readers, 0x07 printers; cameras are video4linux capture
nodes; USB-serial adapters (ID card SAM modules, serial printers) are tty devices on a USB bus.
The udev records are turned into plain :class:`UdevRecord` values first, so the classification
is tested without hardware; :func:`read_udev_records` is the only code that talks to pyudev.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from devices.base import Discovered

log = logging.getLogger(__name__)

USB_CLASS_PRINTER = 0x07
USB_CLASS_SMART_CARD = 0x0B

# Only these sysfs attributes are read: reading every attribute of a device is slow and some
# block (a printer's "ieee1284_id" may query the device).
_ATTRIBUTES = ("bInterfaceClass", "index", "name")
_USB_ATTRIBUTES = ("idVendor", "idProduct", "manufacturer", "product")


class UsbKind(StrEnum):
    """What a detected USB device is, as far as the terminal cares."""

    CARD_READER = "card_reader"
    PRINTER = "printer"
    CAMERA = "camera"
    SERIAL_ADAPTER = "serial_adapter"


@dataclass(frozen=True)
class UsbParent:
    """The USB device (not interface) a record belongs to."""

    sys_path: str
    vendor_id: int | None
    product_id: int | None
    manufacturer: str
    product: str


@dataclass(frozen=True)
class UdevRecord:
    """The little of a udev device that classification needs."""

    subsystem: str
    sys_name: str
    device_type: str | None = None
    device_node: str | None = None
    properties: Mapping[str, str] = field(default_factory=dict)
    attributes: Mapping[str, str] = field(default_factory=dict)
    usb: UsbParent | None = None


@dataclass(frozen=True)
class UsbDevice:
    """One detected device: its kind, a readable name, USB ids and the /dev node if it has one."""

    kind: UsbKind
    name: str
    vendor_id: int | None
    product_id: int | None
    node: str | None
    usb_path: str

    def ids(self) -> str:
        """``0416:5011`` (or ``?`` when unknown), as lsusb prints them."""
        if self.vendor_id is None or self.product_id is None:
            return "?"
        return f"{self.vendor_id:04x}:{self.product_id:04x}"


def classify(records: Iterable[UdevRecord]) -> list[UsbDevice]:
    """The devices of interest among udev records, one per USB device and kind, sorted."""
    found: dict[tuple[UsbKind, str], UsbDevice] = {}
    for record in records:
        kind = _kind_of(record)
        if kind is None:
            continue
        device = _device(kind, record)
        key = (kind, device.usb_path)
        known = found.get(key)
        # A printer shows as its interface and as /dev/usb/lpN: keep the one with a node.
        if known is None or (known.node is None and device.node is not None):
            found[key] = device
    return sorted(found.values(), key=lambda d: (d.kind.value, d.node or "", d.usb_path))


def _kind_of(record: UdevRecord) -> UsbKind | None:
    if record.subsystem == "usb" and record.device_type == "usb_interface":
        interface_class = _hex(record.attributes.get("bInterfaceClass"))
        if interface_class == USB_CLASS_SMART_CARD:
            return UsbKind.CARD_READER
        if interface_class == USB_CLASS_PRINTER:
            return UsbKind.PRINTER
        return None
    if record.subsystem == "usbmisc" and record.sys_name.startswith("lp"):
        return UsbKind.PRINTER
    if record.subsystem == "video4linux" and record.sys_name.startswith("video"):
        capabilities = record.properties.get("ID_V4L_CAPABILITIES")
        if capabilities is not None:
            return UsbKind.CAMERA if ":capture:" in capabilities else None
        # Without udev's database: a camera's second node (metadata) has index 1.
        return UsbKind.CAMERA if record.attributes.get("index", "0") == "0" else None
    if record.subsystem == "tty":
        on_usb = record.properties.get("ID_BUS") == "usb" or record.usb is not None
        return UsbKind.SERIAL_ADAPTER if on_usb else None
    return None


def _device(kind: UsbKind, record: UdevRecord) -> UsbDevice:
    usb = record.usb
    name = " ".join(part for part in (usb.manufacturer, usb.product) if part) if usb else ""
    name = (
        name
        or record.properties.get("ID_MODEL_FROM_DATABASE", "")
        or record.properties.get("ID_MODEL", "").replace("_", " ")
        or record.attributes.get("name", "")
        or record.sys_name
    )
    vendor = usb.vendor_id if usb else _hex(record.properties.get("ID_VENDOR_ID"))
    product = usb.product_id if usb else _hex(record.properties.get("ID_MODEL_ID"))
    return UsbDevice(
        kind=kind,
        name=name,
        vendor_id=vendor,
        product_id=product,
        node=record.device_node if kind is not UsbKind.CARD_READER else None,
        usb_path=usb.sys_path if usb else record.sys_name,
    )


def _hex(text: str | None) -> int | None:
    if not text:
        return None
    try:
        return int(text.strip(), 16)
    except ValueError:
        return None


# --- the pyudev adapter ---------------------------------------------------------------------------

_SUBSYSTEMS = ("usb", "usbmisc", "video4linux", "tty")


def read_udev_records() -> Iterator[UdevRecord]:
    """Every udev device of the subsystems classified here (pyudev; sysfs plus udev's database)."""
    import pyudev

    context = pyudev.Context()
    for subsystem in _SUBSYSTEMS:
        for device in context.list_devices(subsystem=subsystem):
            if subsystem == "usb" and device.device_type != "usb_interface":
                continue
            yield UdevRecord(
                subsystem=subsystem,
                sys_name=str(device.sys_name),
                device_type=device.device_type,
                device_node=device.device_node,
                properties={str(k): str(v) for k, v in device.properties.items()},
                attributes=_attributes(device, _ATTRIBUTES),
                usb=_usb_parent(device),
            )


def _attributes(device: Any, names: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for name in names:
        try:
            values[name] = str(device.attributes.asstring(name)).strip()
        except (KeyError, OSError, UnicodeDecodeError):
            continue
    return values


def _usb_parent(device: Any) -> UsbParent | None:
    parent = device if device.device_type == "usb_device" else None
    parent = parent or device.find_parent("usb", "usb_device")
    if parent is None:
        return None
    attributes = _attributes(parent, _USB_ATTRIBUTES)
    return UsbParent(
        sys_path=str(parent.sys_path),
        vendor_id=_hex(attributes.get("idVendor")),
        product_id=_hex(attributes.get("idProduct")),
        manufacturer=attributes.get("manufacturer", ""),
        product=attributes.get("product", ""),
    )


def list_usb_devices() -> Discovered[UsbDevice]:
    """Card readers, printers, cameras and USB-serial adapters plugged in now."""
    try:
        devices = classify(read_udev_records())
    except ImportError as exc:
        return Discovered(reason=f"pyudev cannot be loaded: {exc}")
    except Exception as exc:  # libudev missing or /sys unreadable: report, never crash a page
        log.warning("udev cannot list devices: %s", exc)
        return Discovered(reason=f"udev cannot list devices: {exc}")
    if not devices:
        return Discovered(reason="no USB card reader, printer, camera or serial adapter found")
    return Discovered(devices)
