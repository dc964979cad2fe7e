"""Fault injection, set at run time by the admin endpoint: the bad network a terminal must survive.

An ASGI middleware in front of the whole app. For each terminal request (not admin, not the
monitoring page) it may add latency, then answer 500 / 503 / 429 with ``Retry-After`` instead
of the app, reset the connection (before the app ran, or after it ran and its answer was
lost), or cut the answer's body short. "After" faults matter most: the platform did the work,
the terminal never heard, and its retry must not do it twice.
"""

from __future__ import annotations

import asyncio
import json
import random
import socket
import struct
import threading
from typing import Annotated, Any

from pydantic import BaseModel, Field

from central.json_types import JsonFloat, JsonInt

Share = Annotated[JsonFloat, Field(ge=0.0, le=1.0)]
Scope = dict[str, Any]
Message = dict[str, Any]


class FaultSettings(BaseModel):
    """Shares (0..1) of requests that meet each fault; they are tried in this order."""

    error_500: Share = 0.0
    error_503: Share = 0.0
    rate_limit_429: Share = 0.0
    retry_after_s: Annotated[JsonInt, Field(ge=0, le=3600)] = 1
    reset_before: Share = 0.0
    reset_after: Share = 0.0
    truncate: Share = 0.0
    latency_ms: Annotated[JsonInt, Field(ge=0, le=60_000)] = 0
    submit_delay_ms: Annotated[JsonInt, Field(ge=0, le=60_000)] = 0
    seed: JsonInt | None = None


class FaultInjector:
    """The middleware; ``settings`` may be replaced at any time."""

    def __init__(self, app: Any, prefix: str, exempt: tuple[str, ...]) -> None:
        self.app = app
        self._prefix = prefix
        self._exempt = exempt
        self._lock = threading.Lock()
        self._settings = FaultSettings()
        self._rng = random.Random()  # noqa: S311 - faults, not secrets

    @property
    def settings(self) -> FaultSettings:
        """The faults in force."""
        return self._settings

    def configure(self, settings: FaultSettings) -> None:
        """Replace the faults in force (and reseed, if a seed is given)."""
        with self._lock:
            self._settings = settings
            self._rng = random.Random(settings.seed)  # noqa: S311

    def _draw(self) -> str | None:
        with self._lock:
            s, roll = self._settings, self._rng.random()
        for name in ("error_500", "error_503", "rate_limit_429", "reset_before", "reset_after"):
            share = float(getattr(s, name))
            if roll < share:
                return name
            roll -= share
        return "truncate" if roll < s.truncate else None

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.startswith(self._prefix) or path.startswith(self._exempt):
            await self.app(scope, receive, send)
            return
        settings = self._settings
        if settings.latency_ms:
            await asyncio.sleep(settings.latency_ms / 1000)
        fault = self._draw()
        if fault is None:
            await self.app(scope, receive, send)
        elif fault in ("error_500", "error_503", "rate_limit_429"):
            await _drain(receive)
            status = {"error_500": 500, "error_503": 503, "rate_limit_429": 429}[fault]
            headers = [(b"content-type", b"application/json")]
            if status != 500:
                headers.append((b"retry-after", str(settings.retry_after_s).encode()))
            body = json.dumps({"error": "injected_fault", "detail": fault}).encode()
            headers.append((b"content-length", str(len(body)).encode()))
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
        elif fault == "reset_before":
            await _reset(send)
        elif fault == "reset_after":
            await self.app(scope, receive, _swallow)
            await _reset(send)
        else:
            await self.app(scope, receive, _Truncating(send))


async def _drain(receive: Any) -> None:
    more = True
    while more:
        message = await receive()
        more = message.get("type") == "http.request" and message.get("more_body", False)


async def _swallow(message: Message) -> None:
    return None


def _transport(send: Any) -> asyncio.Transport | None:
    # uvicorn hands the app its RequestResponseCycle.send; the cycle holds the TCP transport.
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    return transport if isinstance(transport, asyncio.BaseTransport) else None  # type: ignore[return-value]


async def _reset(send: Any) -> None:
    """Close the connection with a TCP RST (SO_LINGER 0), sending nothing."""
    transport = _transport(send)
    if transport is None:  # not under uvicorn: the best we can do is a broken answer
        raise ConnectionResetError("injected reset")
    sock = transport.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()
    await asyncio.sleep(0)  # let uvicorn see the disconnect before the app "returns"


class _Truncating:
    """Passes the headers, then half of the first body part, then closes the connection."""

    def __init__(self, send: Any) -> None:
        self._send = send
        self._done = False

    async def __call__(self, message: Message) -> None:
        if self._done:
            return
        if message["type"] == "http.response.body":
            body: bytes = message.get("body", b"")
            half = body[: len(body) // 2]
            await self._send({"type": "http.response.body", "body": half, "more_body": True})
            self._done = True
            transport = _transport(self._send)
            if transport is None:
                raise ConnectionResetError("injected truncation")
            transport.close()  # FIN after the half body: the client reads a short answer
            await asyncio.sleep(0)
            return
        await self._send(message)
