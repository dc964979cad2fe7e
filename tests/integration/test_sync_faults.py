"""The sync engine against a misbehaving platform: every injected fault alone and all mixed,
a revoked terminal, a permanent refusal, a clock wrong by hours. Afterwards each application
is at the platform exactly once with intact attachments, or quarantined with the reason."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.sync.engine import SyncState
from kiosk.sync.errors import PlatformUnreachable
from offline_cache.outbox import ApplicationState
from tests.fixtures.platform import RunningPlatform, TlsFiles, running_reference_platform
from tests.fixtures.sync import (
    SyncTerminal,
    enroll_terminal,
    open_terminal,
    seed_applications,
    terminal_settings,
)

pytestmark = pytest.mark.stack
# Until tests.fixtures.sync is listed in tests/conftest.py pytest_plugins.
S = ApplicationState


def assert_exactly_once_and_intact(
    terminal: SyncTerminal, platform: RunningPlatform, ids: list[str]
) -> None:
    """Each id stored once at the platform, with the terminal's official number and checksums."""
    inventory = [a for a in platform.admin.inventory() if a["application_id"] in set(ids)]
    assert sorted(a["application_id"] for a in inventory) == sorted(ids)
    for stored in inventory:
        record = terminal.store.outbox.get(stored["application_id"])
        assert record is not None and record.state is S.SUBMITTED
        assert record.platform_number == stored["official_number"]
        local = {
            a.attachment_id: a.sha256
            for a in terminal.store.outbox.attachments(record.application_id)
        }
        assert {a["attachment_id"]: a["stored_sha256"] for a in stored["attachments"]} == local
        assert all(a["stored_sha256"] == a["declared_sha256"] for a in stored["attachments"])


FAULTS = {
    "error_500": {"error_500": 0.25},
    "error_503": {"error_503": 0.25, "retry_after_s": 0},
    "rate_limit_429": {"rate_limit_429": 0.25, "retry_after_s": 0},
    "reset_before": {"reset_before": 0.25},
    "reset_after": {"reset_after": 0.25},
    "truncate": {"truncate": 0.25},
    "latency": {"latency_ms": 30},
    "mixed": {
        "error_500": 0.08,
        "error_503": 0.05,
        "rate_limit_429": 0.05,
        "retry_after_s": 0,
        "reset_before": 0.08,
        "reset_after": 0.08,
        "truncate": 0.08,
        "latency_ms": 5,
    },
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_every_application_arrives_exactly_once_despite(
    fault: str, sync_terminal: SyncTerminal, tls_platform: RunningPlatform
) -> None:
    ids = seed_applications(sync_terminal.store, 3, attachments=2, size=100_000)
    tls_platform.admin.set_faults(seed=7, **FAULTS[fault])
    status = sync_terminal.engine.run(threading.Event(), until_empty=True, timeout_s=40)
    tls_platform.admin.set_faults()
    assert status.pending == 0, status
    if fault != "latency":
        assert status.errors_total > 0, "the fault never hit: the test proves nothing"
    assert_exactly_once_and_intact(sync_terminal, tls_platform, ids)


def test_retry_after_is_honoured(
    sync_terminal: SyncTerminal, tls_platform: RunningPlatform
) -> None:
    seed_applications(sync_terminal.store, 1, attachments=1, size=1000)
    tls_platform.admin.set_faults(rate_limit_429=1.0, retry_after_s=2)
    seen: list[SyncState] = []

    def heal() -> None:
        seen.append(sync_terminal.engine.status.state)
        tls_platform.admin.set_faults()

    timer = threading.Timer(0.5, heal)
    started = time.monotonic()
    timer.start()
    status = sync_terminal.engine.run(threading.Event(), until_empty=True, timeout_s=10)
    timer.join()
    assert seen == [SyncState.THROTTLED]
    assert status.pending == 0
    # The backoff cap is 0.5 s in tests: only Retry-After explains waiting 2 s.
    assert time.monotonic() - started >= 2.0


def test_a_permanent_refusal_quarantines_only_that_application(
    sync_terminal: SyncTerminal, tls_platform: RunningPlatform
) -> None:
    tls_platform.admin.withdraw("510700-000-WITHDRAWN", "事项已取消 (service withdrawn)")
    refused = seed_applications(sync_terminal.store, 1, service_code="510700-000-WITHDRAWN")
    good = seed_applications(sync_terminal.store, 2)
    status = sync_terminal.engine.run(threading.Event(), until_empty=True, timeout_s=30)
    assert status.pending == 0 and status.quarantined == 1
    outbox = sync_terminal.store.outbox
    record = outbox.get(refused[0])
    assert record is not None and record.state is S.QUARANTINED
    reason = outbox.sync_info(refused[0]).last_error
    assert reason is not None and "service_withdrawn" in reason and "事项已取消" in reason
    assert_exactly_once_and_intact(sync_terminal, tls_platform, good)


def test_a_revoked_terminal_stops_and_says_so_keeping_its_queue(
    sync_terminal: SyncTerminal, tls_platform: RunningPlatform
) -> None:
    ids = seed_applications(sync_terminal.store, 2, attachments=1, size=1000)
    tls_platform.admin.revoke(sync_terminal.client_id)
    status = sync_terminal.engine.run(threading.Event(), until_empty=True, timeout_s=10)
    assert status.state is SyncState.CREDENTIALS_REFUSED
    assert "terminal_revoked" in status.detail
    assert [sync_terminal.store.outbox.get(i).state for i in ids] == [S.FINALIZED, S.FINALIZED]


def test_a_clock_wrong_by_hours_neither_blocks_nor_hides_the_skew(
    sync_terminal: SyncTerminal, tls_platform: RunningPlatform
) -> None:
    ids = seed_applications(sync_terminal.store, 2, attachments=1, size=5000)
    ahead = sync_terminal.new_engine(clock=lambda: datetime.now(UTC) + timedelta(hours=5))
    tls_platform.admin.set_faults(error_500=1.0)
    ahead.cycle()  # every application fails and is scheduled by a clock 5 h ahead
    tls_platform.admin.set_faults()
    # The clock is corrected (set back 5 h): the schedule must not park anything for hours.
    status = sync_terminal.engine.run(threading.Event(), until_empty=True, timeout_s=10)
    assert status.pending == 0
    assert_exactly_once_and_intact(sync_terminal, tls_platform, ids)
    behind = sync_terminal.new_engine(clock=lambda: datetime.now(UTC) - timedelta(hours=3))
    behind.cycle()
    assert behind.status.clock_skew_s is not None
    assert abs(behind.status.clock_skew_s + 3 * 3600) < 120


def test_a_platform_down_for_a_while_gets_everything_when_it_comes_back(
    tmp_path: Path, platform_tls: TlsFiles
) -> None:
    with running_reference_platform(tmp_path / "p", tmp_path, tls=platform_tls) as platform:
        settings = terminal_settings(tmp_path / "t", platform)
        client_id = enroll_terminal(settings, platform)
        port = int(platform.base_url.rsplit(":", 1)[1])
    terminal = open_terminal(settings, client_id)
    try:
        ids = seed_applications(terminal.store, 3, attachments=1, size=20_000)
        with pytest.raises(PlatformUnreachable):
            terminal.engine.cycle()
        outbox = terminal.store.outbox
        assert all(outbox.get(i).state is S.FINALIZED for i in ids)
        stop = threading.Event()

        def bring_back() -> None:
            with running_reference_platform(tmp_path / "p", tmp_path, tls=platform_tls, port=port):
                stop.wait(30)

        server = threading.Timer(1.0, bring_back)
        server.start()
        try:
            status = terminal.engine.run(threading.Event(), until_empty=True, timeout_s=30)
        finally:
            terminal.client.close()  # no keep-alive connection holds up the server's shutdown
            stop.set()
            server.join()
        assert status.pending == 0
        assert all(outbox.get(i).state is S.SUBMITTED for i in ids)
    finally:
        terminal.client.close()
        terminal.store.close()
