"""Bad answers from a hostile platform (malformed JSON, wrong schema, huge bodies, a redirect
to another host, an upload URL on another host) are refused cleanly: the engine reports them,
follows nothing, and the outbox stays sound (nothing submitted, nothing quarantined)."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kiosk.sync.errors import BadAnswer
from offline_cache.outbox import DATABASE_NAME, ApplicationState
from tests.fixtures.settings import make_settings
from tests.fixtures.sync import FAST_SYNC, open_terminal, seed_applications

S = ApplicationState
UPLOAD = "0123456789abcdef0123456789abcdef"


class HostileHandler(BaseHTTPRequestHandler):
    """A fake platform: tus and heartbeats work; the submission answer is ``server.mode``."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        return

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if "Content-Length" not in (headers or {}):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def _read(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_POST(self) -> None:
        body = self._read()
        mode = self.server.mode  # type: ignore[attr-defined]
        if self.path.endswith("/heartbeats"):
            ack = {"received_at": "2026-01-01T00:00:00Z", "clock_skew_s": 0.0}
            self._send(200, json.dumps(ack).encode(), {"Content-Type": "application/json"})
        elif self.path.endswith("/uploads"):
            host = "127.0.0.2:1" if mode == "foreign_upload" else self.headers["Host"]
            self.server.lengths[UPLOAD] = int(self.headers["Upload-Length"])  # type: ignore[attr-defined]
            self._send(201, headers={"Location": f"http://{host}/api/v1/uploads/{UPLOAD}"})
        elif self.path.endswith("/applications"):
            self.server.submissions += 1  # type: ignore[attr-defined]
            json_headers = {"Content-Type": "application/json"}
            if mode == "malformed":
                self._send(201, b'{"application_id": "x", "official', json_headers)
            elif mode == "wrong_schema":
                self._send(201, json.dumps({"number": 5, "ok": True}).encode(), json_headers)
            elif mode == "huge":
                self._send(201, b" " * (8 * 1024 * 1024), json_headers)
            elif mode == "redirect":
                self._send(307, headers={"Location": "https://example.invalid/api/v1/applications"})
            else:
                number = self.server.submissions  # type: ignore[attr-defined]
                result = {
                    "application_id": json.loads(body)["application_id"],
                    "official_number": f"BJ-HOSTILE-{number}",
                    "status": "received",
                    "received_at": "2026-01-01T00:00:00Z",
                }
                self._send(201, json.dumps(result).encode(), json_headers)

    def do_HEAD(self) -> None:
        self._send(200, headers={"Upload-Offset": "0", "Tus-Resumable": "1.0.0"})

    def do_PATCH(self) -> None:
        data = self._read()
        offset = int(self.headers["Upload-Offset"]) + len(data)
        self._send(204, headers={"Upload-Offset": str(offset), "Tus-Resumable": "1.0.0"})


@pytest.fixture
def hostile() -> Iterator[ThreadingHTTPServer]:
    """The hostile platform on a loopback port, stopped after the test."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), HostileHandler)
    server.mode = "ok"  # type: ignore[attr-defined]
    server.submissions = 0  # type: ignore[attr-defined]
    server.lengths = {}  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.parametrize(
    "mode", ["malformed", "wrong_schema", "huge", "redirect", "foreign_upload"]
)
def test_a_bad_answer_is_refused_and_the_outbox_stays_sound(
    mode: str, hostile: ThreadingHTTPServer, tmp_path: Path
) -> None:
    hostile.mode = mode  # type: ignore[attr-defined]
    port = hostile.server_address[1]
    settings = make_settings(
        tmp_path,
        platform={"url": f"http://127.0.0.1:{port}/", "start_reference_server": False},
        sync=FAST_SYNC,
    )
    from pydantic import SecretStr

    from config.secrets import Secrets, write_secrets

    write_secrets(
        settings.storage.secrets_file,
        Secrets(platform_client_id="t-1", platform_client_secret=SecretStr("x" * 32)),
    )
    terminal = open_terminal(settings, "t-1")
    try:
        ids = seed_applications(terminal.store, 2, attachments=1, size=3000)
        with pytest.raises(BadAnswer):
            terminal.engine.cycle()
        status = terminal.engine.run(threading.Event(), until_empty=True, timeout_s=0.5)
        assert status.state.value == "bad_answers"
        outbox = terminal.store.outbox
        for app_id in ids:
            record = outbox.get(app_id)
            assert record is not None and record.platform_number is None
            assert record.state in (S.FINALIZED, S.UPLOADING)
        if mode == "foreign_upload":
            assert hostile.submissions == 0  # type: ignore[attr-defined]
        hostile.mode = "ok"  # type: ignore[attr-defined]
        assert terminal.engine.run(threading.Event(), until_empty=True, timeout_s=10).pending == 0
        assert all(outbox.get(i).state is S.SUBMITTED for i in ids)
    finally:
        terminal.client.close()
        terminal.store.close()
    conn = sqlite3.connect(settings.storage.data_dir / DATABASE_NAME)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
