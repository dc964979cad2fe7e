"""Terminal settings from the platform: an administrator sets a value for one terminal, one
sync pass writes it into the terminal's settings file (validated, atomically, the previous
file kept, audited); an unchanged set costs a 304 and no write; values the schema refuses
leave the file as it was; the platform never serves keys outside its subset."""

from __future__ import annotations

import urllib.error
from pathlib import Path

import pytest

from config.loader import load_settings
from config.secrets import load_secrets
from kiosk.audit import AuditKind, AuditLog
from kiosk.config_store import ConfigStore
from kiosk.sync.config_pull import ConfigOutcome, ConfigPull
from kiosk.sync.engine import SyncEngine
from kiosk.sync.enrollment import enroll
from kiosk.sync.platform_client import PlatformClient
from offline_cache.store import OfflineStore
from tests.fixtures.platform import RunningPlatform
from tests.integration.test_sync_commands import config_for

pytestmark = pytest.mark.stack
TERMINAL = "MY-CFG-0001"


def test_settings_set_on_the_platform_reach_the_settings_file_in_one_pass(
    tmp_path: Path, tls_platform: RunningPlatform
) -> None:
    config = config_for(tmp_path, tls_platform)
    ConfigStore(config).set_values({"terminal.id": TERMINAL})
    settings = load_settings(config)
    enroll(settings, tls_platform.admin.enrollment_code(TERMINAL))
    store = OfflineStore.open(settings.storage)
    client = PlatformClient.from_settings(settings, load_secrets(settings.storage.secrets_file))
    audit = AuditLog(settings.storage.data_dir)
    engine = SyncEngine(
        store,
        client,
        terminal_id=TERMINAL,
        settings=settings.sync.model_copy(update={"catalog_interval_s": 0.001}),
        config=ConfigPull(
            ConfigStore(config, audit=audit, actor="platform"), settings.storage.data_dir
        ),
    )
    try:
        assert engine.cycle().config is ConfigOutcome.CURRENT  # nothing set yet
        tls_platform.admin.call(
            "PUT", f"terminals/{TERMINAL}/config", {"values": {"session.idle_timeout_s": 45}}
        )

        assert engine.cycle().config is ConfigOutcome.APPLIED

        assert load_settings(config).session.idle_timeout_s == 45
        assert config.with_name(config.name + ".previous").is_file()
        entries = [e for e in audit.entries() if e.kind == AuditKind.CONFIG]
        assert entries and entries[-1].actor == "platform"
        assert "session.idle_timeout_s" in entries[-1].details["keys"]
        before = config.stat()

        assert engine.cycle().config is ConfigOutcome.CURRENT  # a 304: nothing written
        assert config.stat().st_mtime_ns == before.st_mtime_ns

        tls_platform.admin.call(
            "PUT", f"terminals/{TERMINAL}/config", {"values": {"session.idle_timeout_s": 3}}
        )
        text = config.read_text()
        assert engine.cycle().config is ConfigOutcome.REFUSED  # below the schema's minimum
        assert config.read_text() == text
        assert engine.cycle().config is ConfigOutcome.CURRENT  # not fetched and refused again
    finally:
        client.close()
        store.close()


def test_the_platform_serves_no_key_outside_its_subset(tls_platform: RunningPlatform) -> None:
    with pytest.raises(urllib.error.HTTPError) as refused:
        tls_platform.admin.call(
            "PUT",
            f"terminals/{TERMINAL}/config",
            {"values": {"platform.url": "https://elsewhere.example/"}},
        )
    assert refused.value.code == 422
