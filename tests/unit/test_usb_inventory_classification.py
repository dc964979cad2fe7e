"""USB devices classified by kind from udev records (fake records at the pyudev boundary),
and a real enumeration through pyudev on this machine."""

from __future__ import annotations

from devices.scanner.discovery import list_cameras
from devices.usb_inventory import (
    UdevRecord,
    UsbKind,
    UsbParent,
    classify,
    list_usb_devices,
    read_udev_records,
)

READER = UsbParent("/sys/devices/usb1/1-1", 0x076B, 0x3021, "OMNIKEY", "3021 CCID")
PRINTER = UsbParent("/sys/devices/usb1/1-2", 0x0416, 0x5011, "Winbond", "POS-80")
CAMERA = UsbParent("/sys/devices/usb1/1-3", 0x0C45, 0x6366, "Eloam", "Document Camera")
SERIAL = UsbParent("/sys/devices/usb1/1-4", 0x067B, 0x2303, "Prolific", "USB-Serial")


def _interface(parent: UsbParent, number: int, interface_class: str) -> UdevRecord:
    return UdevRecord(
        subsystem="usb",
        sys_name=f"{parent.sys_path.rsplit('/', 1)[-1]}:1.{number}",
        device_type="usb_interface",
        attributes={"bInterfaceClass": interface_class},
        usb=parent,
    )


def test_ccid_and_printer_interfaces_are_classified_by_interface_class() -> None:
    found = classify(
        [
            _interface(READER, 0, "0b"),
            _interface(PRINTER, 0, "07"),
            _interface(CAMERA, 2, "01"),  # the camera's audio interface: not of interest
            _interface(READER, 1, "03"),  # a HID interface of the reader
        ]
    )
    assert [(d.kind, d.ids(), d.name) for d in found] == [
        (UsbKind.CARD_READER, "076b:3021", "OMNIKEY 3021 CCID"),
        (UsbKind.PRINTER, "0416:5011", "Winbond POS-80"),
    ]


def test_a_printer_seen_as_interface_and_as_lp_node_is_one_printer_with_its_node() -> None:
    lp = UdevRecord(subsystem="usbmisc", sys_name="lp0", device_node="/dev/usb/lp0", usb=PRINTER)
    found = classify([_interface(PRINTER, 0, "07"), lp])
    assert len(found) == 1
    assert found[0].node == "/dev/usb/lp0"


def test_a_camera_is_its_capture_node_not_its_metadata_node() -> None:
    capture = UdevRecord(
        subsystem="video4linux",
        sys_name="video0",
        device_node="/dev/video0",
        attributes={"index": "0", "name": "Document Camera"},
        usb=CAMERA,
    )
    metadata = UdevRecord(
        subsystem="video4linux",
        sys_name="video1",
        device_node="/dev/video1",
        attributes={"index": "1"},
        usb=CAMERA,
    )
    found = classify([metadata, capture])
    assert [(d.kind, d.node) for d in found] == [(UsbKind.CAMERA, "/dev/video0")]


def test_udev_capabilities_decide_when_udev_knows_them() -> None:
    records = [
        UdevRecord(
            subsystem="video4linux",
            sys_name="video2",
            device_node="/dev/video2",
            properties={"ID_V4L_CAPABILITIES": ":"},  # an output-only node
        ),
        UdevRecord(
            subsystem="video4linux",
            sys_name="video3",
            device_node="/dev/video3",
            properties={"ID_V4L_CAPABILITIES": ":capture:", "ID_MODEL": "HD_Webcam"},
        ),
    ]
    found = classify(records)
    assert [(d.node, d.name) for d in found] == [("/dev/video3", "HD Webcam")]


def test_only_serial_ports_on_usb_are_usb_serial_adapters() -> None:
    records = [
        UdevRecord(subsystem="tty", sys_name="ttyS0", device_node="/dev/ttyS0"),
        UdevRecord(subsystem="tty", sys_name="ttyUSB0", device_node="/dev/ttyUSB0", usb=SERIAL),
        UdevRecord(
            subsystem="tty",
            sys_name="ttyACM0",
            device_node="/dev/ttyACM0",
            properties={"ID_BUS": "usb", "ID_VENDOR_ID": "2341", "ID_MODEL_ID": "0043"},
        ),
    ]
    found = classify(records)
    assert [(d.node, d.ids()) for d in found] == [
        ("/dev/ttyACM0", "2341:0043"),
        ("/dev/ttyUSB0", "067b:2303"),
    ]
    assert {d.kind for d in found} == {UsbKind.SERIAL_ADAPTER}


def test_pyudev_enumerates_this_machine() -> None:
    records = list(read_udev_records())
    # Every Linux machine has tty devices (tty0, console…), USB or not.
    assert any(r.subsystem == "tty" and r.device_node for r in records)
    found = list_usb_devices()
    assert list(found) == classify(records) or found.reason


def test_camera_discovery_lists_only_cameras_or_says_why_none() -> None:
    cameras = list_cameras()
    assert all(camera.kind is UsbKind.CAMERA for camera in cameras)
    assert cameras or cameras.reason
