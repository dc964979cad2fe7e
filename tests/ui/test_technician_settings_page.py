"""Technician Settings page: configured vs detected per device kind, save (validated, atomic,
problems in plain words, file untouched when refused), use a detected device, roll back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tomlkit

from config.loader import PROFILES_DIR, load_settings
from config.schema import KioskSettings
from devices.base import Discovered
from kiosk.audit import AuditLog
from kiosk.device_discovery import Sources
from tests.fixtures.printer import LoopbackPrinter
from ui.widgets.technician_settings_page import TechnicianSettingsPage


def _no_devices() -> Discovered[Any]:
    return Discovered(reason="none in this test")


# PC/SC, udev, serial and SANE stay quiet; network candidates are really probed (loopback).
QUIET = Sources(pcsc=_no_devices, serial=_no_devices, usb=_no_devices, sane=_no_devices)


@pytest.fixture
def config_file(tmp_path: Path, loopback_printer: LoopbackPrinter) -> Path:
    """The demo profile, paths in tmp_path, the loopback printer as a network candidate."""
    document = tomlkit.parse((PROFILES_DIR / "demo.toml").read_text(encoding="utf-8"))
    storage: Any = document["storage"]
    storage["data_dir"] = str(tmp_path / "data")
    storage["key_file"] = str(tmp_path / "keys" / "storage.key")
    storage["secrets_file"] = str(tmp_path / "keys" / "secrets.toml")
    document["logging"]["file"] = str(tmp_path / "logs" / "kiosk.log")  # type: ignore[index]
    devices: Any = document["devices"]
    devices["network_printer_candidates"] = [f"127.0.0.1:{loopback_printer.port}"]
    path = tmp_path / "kiosk.toml"
    path.write_text(tomlkit.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def page(qtbot: Any, config_file: Path) -> TechnicianSettingsPage:
    settings: KioskSettings = load_settings(config_file, env={})
    widget = TechnicianSettingsPage(settings, config_file, sources=QUIET)
    qtbot.addWidget(widget)
    widget.resize(1820, 900)
    widget.show()
    widget.refresh()
    qtbot.waitUntil(lambda: widget.discover_button.isEnabled(), timeout=10000)
    return widget


def test_configured_and_detected_devices_are_shown_per_kind(
    page: TechnicianSettingsPage, loopback_printer: LoopbackPrinter
) -> None:
    assert "simulated" in page.printer.configured.text()
    assert "present" in page.printer.configured.text()
    assert f"127.0.0.1:{loopback_printer.port}" in page.printer.detected.currentText()
    assert page.printer.use_button.isEnabled()
    assert page.card_reader.detected.currentText() == "(none found)"
    assert not page.rollback_button.isEnabled()


def test_an_invalid_setting_is_refused_in_plain_words_and_the_file_is_untouched(
    qtbot: Any, page: TechnicianSettingsPage, config_file: Path
) -> None:
    before = config_file.read_bytes()
    page.card_reader.backend.setCurrentText("sam_serial")
    page.card_reader.address.setEditText("")
    page.save_button.click()
    qtbot.waitUntil(lambda: "Not saved" in page.message.text(), timeout=5000)
    assert "Card reader 1 › Port: must not be empty" in page.message.text()
    assert config_file.read_bytes() == before
    assert not (config_file.parent / "kiosk.toml.previous").exists()


def test_saving_writes_the_file_and_rollback_restores_it(
    qtbot: Any, page: TechnicianSettingsPage, config_file: Path
) -> None:
    before = config_file.read_bytes()
    page.printer.paper_width.setCurrentText("58")
    page.printer.chars_per_line.setCurrentText("32")
    page.save_button.click()
    qtbot.waitUntil(lambda: page.message.text().startswith("Saved."), timeout=5000)
    assert "Receipt printer › Paper width (mm)" in page.message.text()
    printer = load_settings(config_file, env={}).devices.printer
    assert printer is not None and (printer.paper_width_mm, printer.chars_per_line) == (58, 32)
    assert page.rollback_button.isEnabled()

    page.rollback_button.click()
    qtbot.waitUntil(lambda: "Rolled back" in page.message.text(), timeout=5000)
    assert config_file.read_bytes() == before
    assert page.printer.paper_width.currentText() == "80"
    actions = [entry.action for entry in AuditLog(config_file.parent / "data").entries()]
    assert actions == ["config set", "config rollback"]


def test_a_detected_network_printer_is_configured_with_one_touch(
    qtbot: Any, page: TechnicianSettingsPage, config_file: Path, loopback_printer: LoopbackPrinter
) -> None:
    page.printer.use_button.click()
    assert page.printer.backend.currentText() == "network"
    page.save_button.click()
    qtbot.waitUntil(lambda: page.message.text().startswith("Saved."), timeout=5000)
    printer = load_settings(config_file, env={}).devices.printer
    assert printer is not None and printer.backend == "network"
    assert (printer.host, printer.port) == ("127.0.0.1", loopback_printer.port)  # type: ignore[union-attr]


def test_without_a_settings_file_nothing_can_be_saved(qtbot: Any, config_file: Path) -> None:
    widget = TechnicianSettingsPage(load_settings(config_file, env={}), None, sources=QUIET)
    qtbot.addWidget(widget)
    assert not widget.save_button.isEnabled()
    assert not widget.rollback_button.isEnabled()
    assert "shipped profile" in widget.file_note.text()


def test_a_device_is_tested_with_the_settings_shown_before_saving(
    qtbot: Any, page: TechnicianSettingsPage, config_file: Path, loopback_printer: LoopbackPrinter
) -> None:
    before = config_file.read_bytes()
    page.printer.use_button.click()  # the loopback network printer, not saved
    page.printer.test_button.click()
    qtbot.waitUntil(lambda: "printer (network): OK" in page.message.text(), timeout=10000)
    assert " s)" in page.message.text()  # with its timing
    assert b"\x1dV" in loopback_printer.received  # a whole test receipt, cut: it printed
    assert config_file.read_bytes() == before


def test_a_test_with_invalid_fields_names_the_problem_and_contacts_nothing(
    qtbot: Any, page: TechnicianSettingsPage
) -> None:
    page.printer.backend.setCurrentText("network")
    page.printer.address.setEditText("")
    page.printer.test_button.click()
    qtbot.waitUntil(lambda: "Not tested" in page.message.text(), timeout=5000)
    assert "Receipt printer › Host: must not be empty" in page.message.text()
