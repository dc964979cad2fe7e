"""One sync engine per data folder: a second `kiosk sync` on the same folder refuses to start
and names the process holding it; once that one stops, the folder is free again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from config.loader import load_settings
from kiosk.commands.sync import EXIT_LOCKED
from kiosk.sync.enrollment import enroll
from kiosk.sync.outbox_lock import LOCK_NAME, OutboxLock, OutboxLocked
from kiosk.sync.wake import SyncWake
from kiosk.technician_desk import SyncProblem, sync_now
from tests.fixtures.platform import RunningPlatform
from tests.fixtures.stacks import stop_process
from tests.fixtures.sync import enroll_terminal, terminal_settings
from tests.integration.test_sync_commands import config_for

pytestmark = pytest.mark.stack
KIOSK = ("-c", "import sys; from kiosk.cli import main; sys.exit(main(sys.argv[1:]))")


def _kiosk(*args: str) -> list[str]:
    return [sys.executable, *KIOSK, *args]


def _wait_for(condition: Callable[[], bool], timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def test_a_second_sync_engine_on_the_same_data_folder_refuses_naming_the_holder(
    tmp_path: Path, tls_platform: RunningPlatform
) -> None:
    config = config_for(tmp_path, tls_platform)
    settings = load_settings(config)
    enroll(settings, tls_platform.admin.enrollment_code(settings.terminal.id))
    lock_file = settings.storage.data_dir / LOCK_NAME
    first = subprocess.Popen(
        _kiosk("sync", "--config", str(config)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(lambda: lock_file.exists() and lock_file.read_text().strip() == str(first.pid))
        second = subprocess.run(
            _kiosk("sync", "--once", "--config", str(config)),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == EXIT_LOCKED
        assert f"process {first.pid}" in second.stderr
        assert str(settings.storage.data_dir) in second.stderr
        assert first.poll() is None  # the first engine carries on
    finally:
        first.send_signal(signal.SIGTERM)
        try:
            first.wait(timeout=15)
        finally:
            stop_process(first)
    third = subprocess.run(
        _kiosk("sync", "--once", "--config", str(config)), capture_output=True, timeout=60
    )
    assert third.returncode == 0, third.stderr


def test_the_lock_is_refused_within_one_process_and_freed_when_its_holder_is_killed(
    tmp_path: Path,
) -> None:
    held = OutboxLock(tmp_path)
    held.acquire()
    with pytest.raises(OutboxLocked) as caught:
        OutboxLock(tmp_path).acquire()
    assert caught.value.holder_pid == os.getpid()
    held.release()
    # A holder killed with SIGKILL leaves the file behind but not the lock.
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from kiosk.sync.outbox_lock import OutboxLock;"
            "OutboxLock(Path(sys.argv[1])).acquire(); print('held', flush=True); time.sleep(60)",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        with pytest.raises(OutboxLocked) as caught:
            OutboxLock(tmp_path).acquire()
        assert caught.value.holder_pid == child.pid
    finally:
        child.kill()
        child.wait(timeout=10)
    with OutboxLock(tmp_path).held():
        assert (tmp_path / LOCK_NAME).read_text().strip() == str(os.getpid())


def test_sync_now_beside_the_sync_service_wakes_it_instead_of_a_second_engine(
    tmp_path: Path, tls_platform: RunningPlatform
) -> None:
    settings = terminal_settings(tmp_path, tls_platform)
    enroll_terminal(settings, tls_platform)
    data_dir = settings.storage.data_dir
    wake = SyncWake(data_dir)
    with OutboxLock(data_dir).held():  # the sync service's engine
        summary = sync_now(settings)
        assert summary.problem is SyncProblem.SERVICE_WOKEN
        assert wake.wait(threading.Event(), 1.0)  # the service's idle wait ends at once
    assert sync_now(settings).problem is None  # no service: the pass runs here
