"""Telling systemd the kiosk is ready and alive (sd_notify), without libsystemd or Qt.

The protocol is one datagram per message on the AF_UNIX socket named by ``$NOTIFY_SOCKET``
(a leading ``@`` means the abstract namespace). Under onewindow-kiosk.service the kiosk is a
child of cage, the unit's main process: systemd then sets ``WATCHDOG_PID`` to cage's PID, so a
watchdog addressed to our parent is ours too (the unit has ``NotifyAccess=all``).
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass

log = logging.getLogger(__name__)

# Ping at half the watchdog period, as sd_watchdog_enabled(3) recommends.
PING_FRACTION = 0.5


def _socket_address(value: str) -> str | None:
    if value.startswith("@"):
        return "\0" + value[1:]
    if value.startswith("/"):
        return value
    return None  # e.g. "vsock:" addresses: not for a kiosk on the machine itself


def _watchdog_period_s(environ: Mapping[str, str], pid: int, parent_pid: int) -> float | None:
    usec = environ.get("WATCHDOG_USEC", "")
    if not usec.isdigit() or int(usec) == 0:
        return None
    watchdog_pid = environ.get("WATCHDOG_PID", "")
    if watchdog_pid and watchdog_pid.isdigit() and int(watchdog_pid) not in (pid, parent_pid):
        return None  # the watchdog belongs to another process of the unit
    return int(usec) / 1_000_000


@dataclass(frozen=True)
class SystemdNotifier:
    """Sends sd_notify messages to the service manager; every send is non-blocking."""

    address: str
    watchdog_period_s: float | None = None

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> SystemdNotifier | None:
        """The notifier for this process, or None when not started by systemd with Type=notify."""
        env = os.environ if environ is None else environ
        address = _socket_address(env.get("NOTIFY_SOCKET", ""))
        if address is None:
            return None
        return cls(address, _watchdog_period_s(env, os.getpid(), os.getppid()))

    @property
    def ping_interval_s(self) -> float | None:
        """How often to call ping(); None when the unit has no watchdog."""
        if self.watchdog_period_s is None:
            return None
        return self.watchdog_period_s * PING_FRACTION

    def ready(self, status: str = "") -> bool:
        """Startup is complete (the first screen is shown): READY=1."""
        return self._send("READY=1" + (f"\nSTATUS={status}" if status else ""))

    def ping(self) -> bool:
        """The UI thread is alive: WATCHDOG=1. Call it from a UI-thread timer."""
        return self._send("WATCHDOG=1")

    def status(self, text: str) -> bool:
        """A one-line status shown by `systemctl status` (never personal data)."""
        return self._send(f"STATUS={text}")

    def stopping(self) -> bool:
        """Shutdown has begun: STOPPING=1."""
        return self._send("STOPPING=1")

    def _send(self, message: str) -> bool:
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
                sock.setblocking(False)
                sock.sendto(message.encode("utf-8"), self.address)
        except OSError as exc:
            # A missed ping is the watchdog's business; it must never take the UI down.
            log.warning("systemd notification failed", extra={"reason": type(exc).__name__})
            return False
        return True
