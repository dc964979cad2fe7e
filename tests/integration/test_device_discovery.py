"""Device discovery: network printer candidates probed on loopback, configured vs detected,
and `kiosk devices discover --json`."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest

from config.schema import KioskSettings
from devices.base import Discovered
from devices.printer.base import PrinterStatus
from devices.printer.discovery import probe_network_printer, probe_network_printers
from devices.usb_inventory import UsbDevice, UsbKind
from kiosk.cli import main
from kiosk.device_discovery import DeviceGroup, Sources, discover
from tests.fixtures.printer import LoopbackPrinter, LoopbackState
from tests.fixtures.settings import SettingsFactory


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_loopback_escpos_printer_answers_the_probe(loopback_printer: LoopbackPrinter) -> None:
    answer = probe_network_printer(f"127.0.0.1:{loopback_printer.port}")
    assert answer.escpos
    assert answer.status is PrinterStatus.OK
    assert answer.seconds < 1


def test_a_silent_or_closed_port_is_not_taken_for_a_printer(
    loopback_printer: LoopbackPrinter,
) -> None:
    loopback_printer.set_state(LoopbackState.NO_ANSWER)
    silent, closed = probe_network_printers(
        [f"127.0.0.1:{loopback_printer.port}", f"127.0.0.1:{_closed_port()}"], timeout_s=0.3
    )
    assert not silent.escpos and silent.detail == "connects, but no ESC/POS status answer"
    assert not closed.escpos and closed.detail.startswith("no connection")


def _quiet_sources(**overrides: Any) -> Sources:
    empty: Any = lambda: Discovered(reason="none here")  # noqa: E731
    defaults: dict[str, Any] = {"pcsc": empty, "serial": empty, "usb": empty, "sane": empty}
    return Sources(**{**defaults, **overrides})


def test_discovery_offers_the_answering_candidate_as_printer_settings(
    loopback_printer: LoopbackPrinter, settings_factory: SettingsFactory
) -> None:
    address = f"127.0.0.1:{loopback_printer.port}"
    settings = settings_factory(devices__network_printer_candidates=[address])
    report = discover(settings, _quiet_sources())
    [printer] = report.detected_in(DeviceGroup.PRINTER)
    assert printer.source == "network"
    assert printer.settings == {
        "backend": "network",
        "host": "127.0.0.1",
        "port": loopback_printer.port,
    }


def test_a_configured_network_printer_is_present_only_when_it_answers(
    loopback_printer: LoopbackPrinter, settings_factory: SettingsFactory
) -> None:
    printer = {"backend": "network", "host": "127.0.0.1", "port": loopback_printer.port}
    settings: KioskSettings = settings_factory(devices__printer=printer)
    [configured] = discover(settings, _quiet_sources()).configured_in(DeviceGroup.PRINTER)
    assert configured.present is True
    loopback_printer.set_state(LoopbackState.REFUSING)
    [configured] = discover(settings, _quiet_sources()).configured_in(DeviceGroup.PRINTER)
    assert configured.present is False


def test_a_usb_serial_adapter_is_offered_for_the_id_card_reader_and_the_printer(
    settings_factory: SettingsFactory,
) -> None:
    adapter = UsbDevice(UsbKind.SERIAL_ADAPTER, "Prolific", 0x067B, 0x2303, "/dev/ttyUSB0", "1-4")
    report = discover(settings_factory(), _quiet_sources(usb=lambda: Discovered([adapter])))
    [reader] = report.detected_in(DeviceGroup.CARD_READER)
    assert reader.settings == {"backend": "sam_serial", "port": "/dev/ttyUSB0"}
    [printer] = report.detected_in(DeviceGroup.PRINTER)
    assert printer.settings == {"backend": "serial", "port": "/dev/ttyUSB0"}


def test_devices_discover_json_lists_configured_and_detected(
    tmp_path: Path,
    loopback_printer: LoopbackPrinter,
    sane_config_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f"""\
profile = "demo"
[terminal]
id = "MY-DEMO-001"
name = "demo"
hall = "demo"
[devices]
network_printer_candidates = ["127.0.0.1:{loopback_printer.port}"]
[devices.printer]
backend = "simulated"
[platform]
url = "http://127.0.0.1:9/"
[storage]
data_dir = "{tmp_path / "data"}"
key_file = "{tmp_path / "keys/storage.key"}"
secrets_file = "{tmp_path / "keys/secrets.toml"}"
""",
        encoding="utf-8",
    )
    assert main(["devices", "discover", "--json", "--config", str(config)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["configured"] == [
        {
            "group": "printer",
            "key": "devices.printer",
            "backend": "simulated",
            "summary": "simulated, 80 mm, gb18030",
            "present": True,
        }
    ]
    network = [d for d in report["detected"] if d["source"] == "network"]
    assert [d["address"] for d in network] == [f"127.0.0.1:{loopback_printer.port}"]
    # SANE's test backend (the session's private SANE configuration) is a detected scanner.
    sane = [d for d in report["detected"] if d["source"] == "sane"]
    assert "test:0" in [d["address"] for d in sane]
    assert {"backend": "sane", "device": "test:0"} in [d["settings"] for d in sane]
