"""Provisioning against the reference platform: it signs a QR payload with an enrollment code; the
terminal scans it (a PNG read by OpenCV), takes the settings and enrolls in one step."""

from __future__ import annotations

from pathlib import Path

import pytest
import qrcode
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from config.secrets import load_secrets
from kiosk.audit import AuditLog
from kiosk.cli import main
from kiosk.provisioning import public_key_text
from tests.fixtures.platform import RunningPlatform


def _installed_config(tmp_path: Path, public_key: str) -> Path:
    """What the installer leaves: storage paths, a placeholder name, the platform's key."""
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f"""\
profile = "hall"
[terminal]
id = "MY-PROV-001"
name = "未配置"
hall = "未配置"
[platform]
url = "https://platform.invalid/"
[storage]
data_dir = "{tmp_path / "data"}"
key_file = "{tmp_path / "keys/storage.key"}"
secrets_file = "{tmp_path / "keys/secrets.toml"}"
[provisioning]
public_key = "{public_key}"
""",
        encoding="utf-8",
    )
    return path


def test_one_scan_sets_up_and_enrolls_the_terminal(
    tmp_path: Path, tls_platform: RunningPlatform, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = tls_platform.admin.call(
        "POST",
        "provisioning",
        {
            "config": {
                "terminal": {"id": "MY-PROV-001", "name": "游仙区 1号机", "hall": "游仙区政务大厅"},
                "platform": {
                    "url": tls_platform.base_url + "/",
                    "ca_file": str(tls_platform.ca_file),
                },
            },
            "enroll": True,
        },
    )
    assert answer["payload"].startswith("OWKP1:") and answer["enrollment_code"]
    config = _installed_config(tmp_path, answer["public_key"])
    image = tmp_path / "provision.png"
    qrcode.make(answer["payload"]).save(image)

    assert main(["provision", str(image), "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "MY-PROV-001: 游仙区 1号机, 游仙区政务大厅" in out
    assert "enrolled with the platform" in out
    assert load_secrets(tmp_path / "keys/secrets.toml").enrolled
    audit = AuditLog(tmp_path / "data")
    assert [e.action for e in audit.entries()][:3] == ["config set", "provisioned", "enrolled"]
    assert audit.verify().ok

    # The code was spent: scanning it again changes nothing at the platform (401/409 refusal).
    assert main(["provision", answer["payload"], "--config", str(config)]) == 3


def test_a_payload_from_another_platform_is_refused(
    tmp_path: Path, tls_platform: RunningPlatform, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = tls_platform.admin.call(
        "POST", "provisioning", {"config": {"terminal": {"name": "x"}}}
    )
    config = _installed_config(tmp_path, public_key_text(Ed25519PrivateKey.generate().public_key()))
    before = config.read_bytes()
    assert main(["provision", answer["payload"], "--config", str(config)]) == 1
    assert "signature does not match" in capsys.readouterr().err
    assert config.read_bytes() == before
