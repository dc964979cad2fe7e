"""A platform data folder from before certificate revocation keeps working: the record table
is added on start, a certificate issued before it still verifies, and revoking its terminal
refuses its bundles by the period rule (central.revocations). A terminal cannot take another
terminal's key into its own record."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from config.secrets import load_secrets
from kiosk.sync.errors import PermanentRefusal
from kiosk.sync.platform_client import PlatformClient
from tests.fixtures.platform import TlsFiles, running_reference_platform
from tests.integration.test_bundle_revocation import (
    _client_id,
    _export,
    _seed,
    _terminal,
)

pytestmark = pytest.mark.stack


def test_a_data_folder_from_before_revocation_keeps_working_and_revokes_by_period(
    tmp_path: Path, platform_tls: TlsFiles
) -> None:
    data = tmp_path / "platform"
    with running_reference_platform(data, tmp_path, tls=platform_tls) as platform:
        van = _terminal(tmp_path / "van", platform, "MY-VAN-501")
        _seed(van, 1)
        drive = tmp_path / "usb"
        drive.mkdir()
        bundle = _export(van, drive)
        port = int(platform.base_url.rsplit(":", 1)[1])
    # As an older platform left it: no record of the certificates it issued.
    with sqlite3.connect(data / "platform.sqlite3") as conn:
        conn.execute("DROP TABLE bundle_certificates")

    with running_reference_platform(data, tmp_path, tls=platform_tls, port=port) as platform:
        status, answer = platform.admin.post_bundle(bundle)
        assert (status, answer["new"]) == (200, 1)
        platform.admin.revoke(_client_id(van))
        status, answer = platform.admin.post_bundle(bundle)
        assert status == 422 and answer["error"] == "bundle_signer_revoked"


def test_a_terminal_cannot_have_another_terminals_key_certified(
    tmp_path: Path, platform_tls: TlsFiles
) -> None:
    with running_reference_platform(tmp_path / "platform", tmp_path, tls=platform_tls) as platform:
        van = _terminal(tmp_path / "van", platform, "MY-VAN-502")
        other = _terminal(tmp_path / "other", platform, "MY-HALL-502")
        certificate = json.loads(load_secrets(van.storage.secrets_file).bundle_certificate or "")
        secrets_ = load_secrets(other.storage.secrets_file)
        client = PlatformClient.from_settings(other, secrets_)
        try:
            with pytest.raises(PermanentRefusal) as refused:
                client.bundle_credentials(certificate["public_key"])
        finally:
            client.close()
        assert refused.value.code == "public_key_refused"
        # The van's key stays the van's: revoking the van refuses what it signs.
        _seed(van, 1)
        drive = tmp_path / "usb"
        drive.mkdir()
        bundle = _export(van, drive)
        platform.admin.revoke(_client_id(van))
        assert platform.admin.post_bundle(bundle)[1]["error"] == "bundle_signer_revoked"
