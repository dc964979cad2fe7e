"""Technician Diagnostics page: mounted USB drives listed (no file dialog), bundle exported."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from tests.fixtures.settings import SettingsFactory
from ui.widgets.technician_diagnostics_page import TechnicianDiagnosticsPage


def test_exporting_to_a_listed_drive_writes_the_bundle_and_says_where(
    qtbot: Any, tmp_path: Path, settings_factory: SettingsFactory
) -> None:
    media = tmp_path / "media"
    stick = media / "kiosk" / "USB STICK"
    stick.mkdir(parents=True)
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/sda1 {media}/kiosk/USB\\040STICK vfat rw 0 0\n", encoding="utf-8")
    page = TechnicianDiagnosticsPage(settings_factory(), None, mounts=mounts, roots=(media,))
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: len(page.drive_buttons) == 1, timeout=5000)
    assert page.drive_buttons[0].text().startswith("USB STICK")
    page.drive_buttons[0].click()
    qtbot.waitUntil(lambda: page.result.text().startswith("Written:"), timeout=10000)
    [bundle] = stick.iterdir()
    assert str(bundle) in page.result.text()
    with zipfile.ZipFile(bundle) as archive:
        assert any(name.endswith("/doctor.json") for name in archive.namelist())


def test_without_a_drive_the_page_asks_for_one(
    qtbot: Any, tmp_path: Path, settings_factory: SettingsFactory
) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text("proc /proc proc rw 0 0\n", encoding="utf-8")
    page = TechnicianDiagnosticsPage(
        settings_factory(), None, mounts=mounts, roots=(tmp_path / "media",)
    )
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.look_button.isEnabled(), timeout=5000)
    assert page.drive_buttons == []
    assert "No USB drive found" in page.drives_label.text()
