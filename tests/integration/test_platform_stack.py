"""The reference platform server as a real process on loopback."""

from __future__ import annotations

import email.utils
import json
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from central.openapi import COMMITTED_OPENAPI
from tests.fixtures.platform import running_reference_platform

pytestmark = pytest.mark.stack


def test_health_answers_with_version_and_utc_time(reference_platform: str) -> None:
    response = httpx.get(f"{reference_platform}/api/v1/health", timeout=5)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["version"]
    platform_time = datetime.fromisoformat(body["time"])
    assert platform_time.utcoffset() == timedelta(0)
    assert abs((datetime.now(UTC) - platform_time).total_seconds()) < 60
    # `kiosk doctor` measures clock skew from the HTTP Date header.
    date = email.utils.parsedate_to_datetime(response.headers["Date"])
    assert abs((datetime.now(UTC) - date).total_seconds()) < 60


def test_served_openapi_is_the_committed_contract(reference_platform: str) -> None:
    served = httpx.get(f"{reference_platform}/openapi.json", timeout=5).json()
    committed = json.loads(COMMITTED_OPENAPI.read_text(encoding="utf-8"))
    assert served == committed, "regenerate: python -m central --write-openapi central/openapi.json"


def test_server_process_is_gone_after_it_is_stopped(tmp_path: Path) -> None:
    with running_reference_platform(tmp_path / "data", tmp_path) as platform:
        assert httpx.get(f"{platform.base_url}/api/v1/health", timeout=5).status_code == 200
        assert (tmp_path / "data").is_dir()
        port = int(platform.base_url.rsplit(":", 1)[1])
    assert platform.process.poll() is not None
    assert not Path(f"/proc/{platform.pid}").exists()
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), 1):
        pass
