"""The kiosk tells systemd it is ready and alive over the real NOTIFY_SOCKET datagram protocol."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.watchdog import SystemdNotifier


@pytest.fixture
def notify_socket(tmp_path: Path) -> Iterator[tuple[socket.socket, str]]:
    """A datagram socket listening like systemd's notify socket."""
    path = tmp_path / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(2)
    yield sock, str(path)
    sock.close()


def received(sock: socket.socket) -> str:
    return sock.recv(4096).decode("utf-8")


def test_ready_and_watchdog_pings_reach_the_notify_socket(
    notify_socket: tuple[socket.socket, str],
) -> None:
    sock, path = notify_socket
    env = {"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid())}
    notifier = SystemdNotifier.from_environment(env)
    assert notifier is not None
    assert notifier.ready(status="attract screen shown")
    assert received(sock) == "READY=1\nSTATUS=attract screen shown"
    assert notifier.ping()
    assert received(sock) == "WATCHDOG=1"
    assert notifier.stopping()
    assert received(sock) == "STOPPING=1"


def test_abstract_namespace_socket_is_supported() -> None:
    name = f"onewindow-kiosk-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        sock.settimeout(2)
        notifier = SystemdNotifier.from_environment({"NOTIFY_SOCKET": "@" + name})
        assert notifier is not None
        assert notifier.ping()
        assert received(sock) == "WATCHDOG=1"


def test_ping_interval_is_half_the_watchdog_period(tmp_path: Path) -> None:
    env = {"NOTIFY_SOCKET": str(tmp_path / "n"), "WATCHDOG_USEC": "30000000"}
    notifier = SystemdNotifier.from_environment(env)
    assert notifier is not None
    assert notifier.ping_interval_s == 15.0


def test_watchdog_of_the_parent_compositor_counts_as_ours(tmp_path: Path) -> None:
    # Under cage the unit's main PID (and so WATCHDOG_PID) is cage, our parent.
    env = {
        "NOTIFY_SOCKET": str(tmp_path / "n"),
        "WATCHDOG_USEC": "30000000",
        "WATCHDOG_PID": str(os.getppid()),
    }
    notifier = SystemdNotifier.from_environment(env)
    assert notifier is not None
    assert notifier.ping_interval_s == 15.0


def test_watchdog_of_an_unrelated_process_is_not_ours(tmp_path: Path) -> None:
    env = {"NOTIFY_SOCKET": str(tmp_path / "n"), "WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}
    notifier = SystemdNotifier.from_environment(env)
    assert notifier is not None
    assert notifier.ping_interval_s is None


def test_without_systemd_there_is_no_notifier() -> None:
    assert SystemdNotifier.from_environment({}) is None
    assert SystemdNotifier.from_environment({"NOTIFY_SOCKET": "vsock:2:1234"}) is None


def test_a_vanished_socket_never_raises(tmp_path: Path) -> None:
    notifier = SystemdNotifier.from_environment({"NOTIFY_SOCKET": str(tmp_path / "gone")})
    assert notifier is not None
    assert notifier.ping() is False
