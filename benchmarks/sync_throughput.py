"""Sync throughput: drain N applications with three 500 KB attachments each to the local
reference platform (TLS, loopback), against the same bytes uploaded with plain ``requests``
calls (tus create + one PATCH per file, no outbox, no vault, no checksum, no submission) in
the same run. Target from issue 8: the engine reaches at least 80% of the plain rate.

    .venv/bin/python benchmarks/sync_throughput.py [--applications 1000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from config.secrets import load_secrets  # noqa: E402
from tests.fixtures.platform import make_tls_files, running_reference_platform  # noqa: E402
from tests.fixtures.sync import (  # noqa: E402
    enroll_terminal,
    open_terminal,
    seed_applications,
    terminal_settings,
)

ATTACHMENTS = 3
SIZE = 500 * 1024


def plain_upload(base_url: str, ca_file: Path, auth: tuple[str, str], blobs: list[bytes]) -> float:
    """Seconds to upload ``blobs`` with bare requests calls (the baseline)."""
    session = requests.Session()
    session.trust_env = False  # else REQUESTS_CA_BUNDLE overrides verify
    session.verify = str(ca_file)
    session.auth = auth
    started = time.perf_counter()
    for blob in blobs:
        created = session.post(
            f"{base_url}/api/v1/uploads",
            headers={"Tus-Resumable": "1.0.0", "Upload-Length": str(len(blob))},
        )
        created.raise_for_status()
        patched = session.patch(
            created.headers["Location"],
            data=blob,
            headers={
                "Tus-Resumable": "1.0.0",
                "Upload-Offset": "0",
                "Content-Type": "application/offset+octet-stream",
            },
        )
        patched.raise_for_status()
    elapsed = time.perf_counter() - started
    session.close()
    return elapsed


def main(argv: list[str] | None = None) -> int:
    """Run both and print the figures and the ratio."""
    parser = argparse.ArgumentParser(description="sync throughput against plain uploads")
    parser.add_argument("--applications", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=10, help="alternating rounds of both")
    args = parser.parse_args(argv)
    count = args.applications
    total_bytes = count * ATTACHMENTS * SIZE
    with tempfile.TemporaryDirectory(prefix="sync-bench-") as folder:
        work = Path(folder)
        tls = make_tls_files(work / "tls")
        with running_reference_platform(work / "platform", work, tls=tls) as platform:
            settings = terminal_settings(
                work / "terminal",
                platform,
                sync={
                    "chunk_bytes": 1024 * 1024,
                    "heartbeat_interval_s": 600,
                    "status_interval_s": 300,
                },
            )
            client_id = enroll_terminal(settings, platform)
            terminal = open_terminal(settings, client_id)
            secrets = load_secrets(settings.storage.secrets_file)
            secret = secrets.platform_client_secret
            assert secret is not None and secrets.platform_client_id is not None
            auth = (secrets.platform_client_id, secret.get_secret_value())
            # Alternate rounds of both, so load from anything else on the machine hits both.
            rounds = max(1, min(args.rounds, count))
            seed_s = engine_s = plain_s = 0.0
            for n in range(rounds):
                batch = count // rounds + (1 if n < count % rounds else 0)
                started = time.perf_counter()
                seed_applications(terminal.store, batch, attachments=ATTACHMENTS, size=SIZE)
                seed_s += time.perf_counter() - started
                started = time.perf_counter()
                status = terminal.engine.run(threading.Event(), until_empty=True, timeout_s=3600)
                engine_s += time.perf_counter() - started
                if status.pending:
                    print(f"engine did not finish: {status}")
                    return 1
                blobs = [os.urandom(SIZE) for _ in range(batch * ATTACHMENTS)]
                plain_s += plain_upload(platform.base_url, tls.ca_file, auth, blobs)
            terminal.client.close()
            terminal.store.close()
    mb = total_bytes / 1e6
    engine_rate, plain_rate = mb / engine_s, mb / plain_s
    print(f"applications {count} x {ATTACHMENTS} x {SIZE // 1024} KB = {mb:.0f} MB")
    print(f"(finalizing into the outbox, not timed: {seed_s:.1f} s)")
    print(
        f"sync engine : {engine_s:7.2f} s  {engine_rate:7.1f} MB/s  {count / engine_s:6.1f} app/s"
    )
    print(f"plain upload: {plain_s:7.2f} s  {plain_rate:7.1f} MB/s")
    ratio = engine_rate / plain_rate
    print(f"ratio engine/plain: {ratio:.2f} (target >= 0.80): {'PASS' if ratio >= 0.8 else 'MISS'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
