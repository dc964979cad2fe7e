"""A loopback ESC/POS printer: records the bytes it gets and answers real-time status queries.

It listens on 127.0.0.1 like a raw-TCP (port 9100) receipt printer; the demo prints to it and
the tests read back what it received (see escpos_decoder). Status requests (DLE EOT n) and
the paper sensor request (GS r 1) are answered with the bytes of the Epson ESC/POS reference
for the state set. Besides the states a printer reports, it can misbehave:

- NO_ANSWER: keeps silent, like a printer whose status reply never arrives;
- REFUSING: offline, refuses connections (the port is closed until the state changes);
- SLOW: takes its time, ``slow_delay_s`` per 256 bytes (and before each reply);
- DROP_MID_JOB: resets the connection after ``drop_after_bytes`` bytes on one connection.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Callable
from enum import Enum

DLE, EOT, GS = 0x10, 0x04, 0x1D


class LoopbackState(Enum):
    """What the loopback printer reports or how it misbehaves."""

    OK = "ok"
    PAPER_NEAR_END = "paper_near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"  # connects, and its status says offline
    NO_ANSWER = "no_answer"
    REFUSING = "refusing"  # offline the hard way: connections are refused
    SLOW = "slow"
    DROP_MID_JOB = "drop_mid_job"


# Bits 1 and 4 are fixed to 1 in every DLE EOT reply (so 0x12 is "nothing to report").
# DLE EOT 1 printer status: bit 3 = offline.
# DLE EOT 2 offline cause: bit 2 cover open, bit 5 stopped by paper end, bit 6 error.
# DLE EOT 3 error cause: bit 3 autocutter, bit 5 unrecoverable, bit 6 auto-recoverable.
# DLE EOT 4 roll paper sensor: bits 2-3 near end, bits 5-6 paper end.
# GS r 1 paper sensor: bits 0-1 near end, bits 2-3 paper end (bit 4 fixed to 0).
_ALL_FINE = {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12}
_DLE_EOT_REPLIES: dict[LoopbackState, dict[int, int]] = {
    LoopbackState.OK: _ALL_FINE,
    LoopbackState.SLOW: _ALL_FINE,
    LoopbackState.DROP_MID_JOB: _ALL_FINE,
    LoopbackState.PAPER_NEAR_END: {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x1E},
    LoopbackState.PAPER_OUT: {1: 0x1A, 2: 0x32, 3: 0x12, 4: 0x7E},
    LoopbackState.COVER_OPEN: {1: 0x1A, 2: 0x16, 3: 0x12, 4: 0x12},
    LoopbackState.OFFLINE: {1: 0x1A, 2: 0x52, 3: 0x32, 4: 0x12},
}
_GS_R_PAPER_REPLIES: dict[LoopbackState, int] = {
    LoopbackState.PAPER_NEAR_END: 0x03,
    LoopbackState.PAPER_OUT: 0x0F,
}
_SLOW_CHUNK = 256


class LoopbackPrinter:
    """A raw-TCP ESC/POS printer on loopback: ``received`` holds every byte sent to it."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        slow_delay_s: float = 0.05,
        drop_after_bytes: int = 64,
    ) -> None:
        self.host = host
        self.slow_delay_s = slow_delay_s
        self.drop_after_bytes = drop_after_bytes
        self._listener: socket.socket | None = socket.create_server((host, port))
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._received = bytearray()
        self._per_connection: list[bytearray] = []
        self._state = LoopbackState.OK
        self._stopping = threading.Event()
        self._connections: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._accepting = threading.Thread(target=self._accept_loop, daemon=True)
        self.status_queries: list[bytes] = []  # every status request recognised, in order
        self.connections_accepted = 0

    def start(self) -> LoopbackPrinter:
        """Start accepting connections."""
        self._accepting.start()
        return self

    def stop(self) -> None:
        """Close the listener and every connection, and join the threads."""
        self._stopping.set()
        self._close_listener()
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()
        self._accepting.join(timeout=5)
        for thread in self._threads:
            thread.join(timeout=5)

    def __enter__(self) -> LoopbackPrinter:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def received(self) -> bytes:
        """Every byte received so far, over all connections."""
        with self._lock:
            return bytes(self._received)

    @property
    def connections(self) -> list[bytes]:
        """The bytes received on each connection, in the order they were accepted."""
        with self._lock:
            return [bytes(data) for data in self._per_connection]

    @property
    def state(self) -> LoopbackState:
        """The state the printer reports now."""
        return self._state

    def set_state(self, state: LoopbackState | str) -> None:
        """Change what the printer reports (or how it misbehaves) from now on."""
        new = LoopbackState(state)
        with self._lock:
            old, self._state = self._state, new
        if new is LoopbackState.REFUSING and old is not LoopbackState.REFUSING:
            self._close_listener()
        elif old is LoopbackState.REFUSING and new is not LoopbackState.REFUSING:
            self._listener = socket.create_server((self.host, self.port))

    def clear(self) -> None:
        """Forget what was received."""
        with self._lock:
            self._received.clear()
            self._per_connection.clear()
            self.status_queries.clear()

    def wait_until(self, condition: Callable[[bytes], bool], timeout: float = 5.0) -> bytes:
        """Wait until ``condition(received)`` holds (the client's send returns before we read)."""
        deadline = time.monotonic() + timeout
        while True:
            data = self.received
            if condition(data):
                return data
            if time.monotonic() >= deadline:
                raise AssertionError(f"the printer received only {data!r} after {timeout} s")
            time.sleep(0.005)

    def _close_listener(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            listener = self._listener
            if listener is None:
                time.sleep(0.01)  # refusing connections
                continue
            try:
                conn, _ = listener.accept()
            except OSError:
                continue  # listener closed by stop() or by REFUSING
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            with self._lock:
                self._connections.append(conn)
                self._threads.append(thread)
                self._per_connection.append(bytearray())
                index = len(self._per_connection) - 1
                self.connections_accepted += 1
            thread.name = f"loopback-printer-{index}"
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        with self._lock:
            mine = self._per_connection[-1]
        # The last two bytes of the previous chunk: a command may be split across reads.
        tail = b""
        with conn:
            while True:
                state = self._state
                slow = state is LoopbackState.SLOW
                try:
                    chunk = conn.recv(_SLOW_CHUNK if slow else 4096)
                except OSError:
                    return
                if not chunk:
                    return
                if slow:
                    time.sleep(self.slow_delay_s)
                dropping = (
                    state is LoopbackState.DROP_MID_JOB
                    and len(mine) + len(chunk) >= self.drop_after_bytes
                )
                if dropping:  # it dies here: what came after this byte never reached paper
                    chunk = chunk[: max(self.drop_after_bytes - len(mine), 0)]
                with self._lock:
                    self._received += chunk
                    mine += chunk
                if dropping:
                    # SO_LINGER 0: close with a reset, like a printer switched off.
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    return
                window = tail + chunk
                for i in range(max(len(tail), 2), len(window)):
                    reply = self._reply_to(window[i - 2 : i + 1], state)
                    if reply is None:
                        continue
                    try:
                        conn.sendall(reply)
                    except OSError:
                        return
                tail = window[-2:]

    def _reply_to(self, command: bytes, state: LoopbackState) -> bytes | None:
        a, b, n = command
        is_dle_eot = a == DLE and b == EOT and 1 <= n <= 4
        is_gs_r = a == GS and b == ord("r") and n in (1, ord("1"))
        if not (is_dle_eot or is_gs_r):
            return None
        with self._lock:
            self.status_queries.append(bytes(command))
        if state in (LoopbackState.NO_ANSWER, LoopbackState.REFUSING):
            return None
        if is_dle_eot:
            return bytes((_DLE_EOT_REPLIES[state][n],))
        return bytes((_GS_R_PAPER_REPLIES.get(state, 0x00),))
