"""The technician's Enrollment page: typed code → enrolled with the registered name and hall;
a provisioning QR code held under the document camera (a video file) → settings applied."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import qrcode
from PySide6.QtCore import Qt

from config.secrets import load_secrets
from tests.fixtures.imaging import write_video
from tests.fixtures.platform import RunningPlatform
from tests.fixtures.sync import terminal_settings
from ui.widgets.technician_enrollment_page import TechnicianEnrollmentPage


def _page(qtbot, settings, config_file: Path | None = None) -> TechnicianEnrollmentPage:
    page = TechnicianEnrollmentPage(settings, config_file)
    qtbot.addWidget(page)
    page.resize(1600, 600)
    page.show()
    return page


def test_a_typed_code_enrolls_and_shows_the_registered_name_and_hall(
    qtbot, tmp_path: Path, tls_platform: RunningPlatform
) -> None:
    settings = terminal_settings(tmp_path, tls_platform, ui={"default_language": "en"})
    page = _page(qtbot, settings)
    page.refresh()
    qtbot.waitUntil(lambda: "Not enrolled yet." in page.status.text(), timeout=5000)
    page.code_edit.setText(tls_platform.admin.enrollment_code(settings.terminal.id))
    qtbot.mouseClick(page.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Enrolled:" in page.result.text(), timeout=15000)
    assert f"{settings.terminal.name}, {settings.terminal.hall}" in page.result.text()
    assert "Enrolled with the platform." in page.status.text()
    assert page.code_edit.text() == ""
    assert load_secrets(settings.storage.secrets_file).enrolled
    page.clear()
    assert page.status.text() == "" and page.result.text() == ""


def test_a_wrong_code_says_why(qtbot, tmp_path: Path, tls_platform: RunningPlatform) -> None:
    settings = terminal_settings(tmp_path, tls_platform, ui={"default_language": "en"})
    page = _page(qtbot, settings)
    page.code_edit.setText("0000-0000-0000-0000")
    qtbot.mouseClick(page.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Enrollment failed" in page.result.text(), timeout=15000)
    assert page.enroll_button.isEnabled()


def test_a_provisioning_qr_under_the_camera_is_applied(
    qtbot, tmp_path: Path, tls_platform: RunningPlatform
) -> None:
    answer = tls_platform.admin.call(
        "POST",
        "provisioning",
        {"config": {"terminal": {"name": "安州区 2号机", "hall": "安州区便民服务中心"}}},
    )
    code = np.array(qrcode.make(answer["payload"]).convert("L"), dtype=np.uint8)
    frame = np.full((1080, 1920, 3), 255, np.uint8)
    code_bgr = cv2.cvtColor(code, cv2.COLOR_GRAY2BGR)
    height, width = code_bgr.shape[:2]
    frame[40 : 40 + height, 300 : 300 + width] = code_bgr
    video = write_video(tmp_path / "camera.avi", [frame] * 10, fps=10.0)
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f"""\
profile = "demo"
[terminal]
id = "MY-DEMO-001"
name = "未配置"
hall = "未配置"
[platform]
url = "{tls_platform.base_url}/"
[storage]
data_dir = "{tmp_path / "data"}"
key_file = "{tmp_path / "keys/storage.key"}"
secrets_file = "{tmp_path / "keys/secrets.toml"}"
[provisioning]
public_key = "{answer["public_key"]}"
""",
        encoding="utf-8",
    )
    settings = terminal_settings(
        tmp_path,
        tls_platform,
        ui={"default_language": "en"},
        devices={"scanners": [{"backend": "camera", "device": str(video), "fps": 10}]},
        provisioning={"public_key": answer["public_key"]},
    )
    page = _page(qtbot, settings, config)
    qtbot.mouseClick(page.scan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Provisioned:" in page.result.text(), timeout=20000)
    assert "terminal.name" in page.result.text()
    assert "安州区 2号机, 安州区便民服务中心" in page.status.text()
    assert "安州区便民服务中心" in config.read_text(encoding="utf-8")
