"""The technician's Enrollment page takes a provisioning code typed or pasted into the code field
(``OWKP1:…``, line breaks of the paste and all): a signed one is applied to the settings file, an
unsigned or foreign one is refused with the reason and the file is left as it was."""

from __future__ import annotations

import base64
import json
import zlib
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt

from kiosk.provisioning import PREFIX, encode_payload, payload_content, public_key_text
from tests.fixtures.settings import SettingsFactory
from ui.widgets.technician_enrollment_page import TechnicianEnrollmentPage

NEW_NAME = {"terminal": {"name": "安州区 2号机", "hall": "安州区便民服务中心"}}


def _config_file(tmp_path: Path, public_key: str) -> Path:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f"""\
profile = "demo"
[terminal]
id = "MY-DEMO-001"
name = "未配置"
hall = "未配置"
[platform]
url = "https://127.0.0.1:9/"
[storage]
data_dir = "{tmp_path / "data"}"
key_file = "{tmp_path / "keys/storage.key"}"
secrets_file = "{tmp_path / "keys/secrets.toml"}"
[provisioning]
public_key = "{public_key}"
""",
        encoding="utf-8",
    )
    return config


def _page(qtbot, settings_factory: SettingsFactory, config: Path) -> TechnicianEnrollmentPage:
    page = TechnicianEnrollmentPage(settings_factory(ui={"default_language": "en"}), config)
    qtbot.addWidget(page)
    page.resize(1600, 600)
    page.show()
    return page


def _submit(qtbot, page: TechnicianEnrollmentPage, text: str) -> None:
    page.code_edit.setText(text)
    qtbot.mouseClick(page.enroll_button, Qt.MouseButton.LeftButton)


def test_a_pasted_provisioning_code_is_applied_like_a_scanned_one(
    qtbot, tmp_path: Path, settings_factory: SettingsFactory
) -> None:
    key = Ed25519PrivateKey.generate()
    config = _config_file(tmp_path, public_key_text(key.public_key()))
    payload = encode_payload(payload_content(NEW_NAME), key)
    page = _page(qtbot, settings_factory, config)
    assert page.code_edit.maxLength() >= len(payload)

    # Pasted from a mail or a chat window: wrapped over lines, with a trailing newline.
    pasted = "\n".join(payload[i : i + 60] for i in range(0, len(payload), 60)) + "\n"
    page.code_edit.insert(pasted)
    assert page.code_edit.text().replace(" ", "").startswith(PREFIX)
    qtbot.mouseClick(page.enroll_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "Provisioned:" in page.result.text(), timeout=10000)
    assert "terminal.name" in page.result.text() and "terminal.hall" in page.result.text()
    assert "安州区 2号机, 安州区便民服务中心" in page.status.text()
    assert "安州区便民服务中心" in config.read_text(encoding="utf-8")
    assert page.code_edit.text() == "" and page.enroll_button.isEnabled()


def test_a_typed_code_signed_by_another_key_or_unsigned_is_refused_and_changes_nothing(
    qtbot, tmp_path: Path, settings_factory: SettingsFactory
) -> None:
    trusted = Ed25519PrivateKey.generate()
    config = _config_file(tmp_path, public_key_text(trusted.public_key()))
    before = config.read_bytes()
    page = _page(qtbot, settings_factory, config)

    foreign = encode_payload(payload_content(NEW_NAME), Ed25519PrivateKey.generate())
    _submit(qtbot, page, foreign)
    qtbot.waitUntil(lambda: "Provisioning code refused" in page.result.text(), timeout=10000)
    assert "the signature does not match" in page.result.text()
    assert "Enrollment failed" not in page.result.text()

    compressed = zlib.compress(json.dumps(payload_content(NEW_NAME)).encode())
    unsigned = PREFIX + base64.urlsafe_b64encode(compressed).decode("ascii").rstrip("=")
    _submit(qtbot, page, unsigned)
    qtbot.waitUntil(lambda: "the code is not signed" in page.result.text(), timeout=10000)

    assert config.read_bytes() == before
    assert page.enroll_button.isEnabled()
