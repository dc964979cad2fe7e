"""Sync throughput: drain N applications with three 500 KB attachments each to the local
reference platform (TLS, loopback), against the same bytes uploaded with plain ``requests``
calls (tus create + one PATCH per file, no outbox, no vault, no checksum, no submission) in
the same run. Target from issue 8: the engine reaches at least 80% of the plain rate.

The engine uploads an application's attachments on a small pool (``sync.upload_parallelism``,
default 3) and pipelines the next application's uploads with the previous submission. The
target compares against plain sequential calls, as the issue states; for a fair view the
same bytes are also uploaded with plain calls on as many threads, and that ratio is printed
too. Both plains and the engine run against the same server, in alternating rounds, in the
same run, with the same number of bytes.

    .venv/bin/python benchmarks/sync_throughput.py [--applications 1000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
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


def plain_upload(
    base_url: str, ca_file: Path, auth: tuple[str, str], blobs: list[bytes], workers: int = 1
) -> float:
    """Seconds to upload ``blobs`` with bare requests calls (the baseline), on ``workers``
    threads sharing one session (a connection pool of that size)."""
    session = requests.Session()
    session.trust_env = False  # else REQUESTS_CA_BUNDLE overrides verify
    session.verify = str(ca_file)
    session.auth = auth
    adapter = requests.adapters.HTTPAdapter(pool_maxsize=max(1, workers))
    session.mount("https://", adapter)
    started = time.perf_counter()
    if workers > 1:
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(lambda blob: _plain_one(session, base_url, blob), blobs))
    else:
        for blob in blobs:
            _plain_one(session, base_url, blob)
    elapsed = time.perf_counter() - started
    session.close()
    return elapsed


def _plain_one(session: requests.Session, base_url: str, blob: bytes) -> None:
    """tus create + one PATCH of the whole blob."""
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


def main(argv: list[str] | None = None) -> int:
    """Run both and print the figures and the ratio."""
    parser = argparse.ArgumentParser(description="sync throughput against plain uploads")
    parser.add_argument("--applications", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=10, help="alternating rounds of each")
    parser.add_argument(
        "--parallelism", type=int, default=3, help="engine upload threads (sync.upload_parallelism)"
    )
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
                    "upload_parallelism": args.parallelism,
                },
            )
            client_id = enroll_terminal(settings, platform)
            terminal = open_terminal(settings, client_id)
            secrets = load_secrets(settings.storage.secrets_file)
            secret = secrets.platform_client_secret
            assert secret is not None and secrets.platform_client_id is not None
            auth = (secrets.platform_client_id, secret.get_secret_value())
            # Alternate rounds of all three, so load from anything else on the machine hits all.
            rounds = max(1, min(args.rounds, count))
            seed_s = engine_s = plain_s = plain_par_s = 0.0
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
                plain_par_s += plain_upload(
                    platform.base_url, tls.ca_file, auth, blobs, workers=args.parallelism
                )
            terminal.client.close()
            terminal.store.close()
    mb = total_bytes / 1e6
    engine_rate, plain_rate, par_rate = mb / engine_s, mb / plain_s, mb / plain_par_s
    print(f"applications {count} x {ATTACHMENTS} x {SIZE // 1024} KB = {mb:.0f} MB")
    print(f"(finalizing into the outbox, not timed: {seed_s:.1f} s)")
    print(
        f"sync engine ({args.parallelism} upload threads): {engine_s:7.2f} s"
        f"  {engine_rate:7.1f} MB/s  {count / engine_s:6.1f} app/s"
    )
    print(f"plain upload, sequential     : {plain_s:7.2f} s  {plain_rate:7.1f} MB/s")
    threads = f"{args.parallelism} threads"
    print(f"plain upload, {threads:15s}: {plain_par_s:7.2f} s  {par_rate:7.1f} MB/s")
    ratio = engine_rate / plain_rate
    print(f"ratio engine/plain: {ratio:.2f} (target >= 0.80): {'PASS' if ratio >= 0.8 else 'MISS'}")
    print(f"ratio engine/plain on as many threads: {engine_rate / par_rate:.2f} (for reference)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
