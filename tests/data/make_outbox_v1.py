"""Rebuild tests/data/outbox_v1.sqlite3: an outbox written the way schema v1 wrote it.

Run once by hand (``.venv/bin/python tests/data/make_outbox_v1.py``); the output is committed
so the upgrade test runs on a real old file. The key is a test key, never used elsewhere.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from offline_cache import migrations
from offline_cache.vault import RecordKind, Vault

HERE = Path(__file__).parent
KEY = bytes(range(32))
ROWS = [
    # (application id, state, created at)
    ("018f2a6e-9c40-7a11-8b2c-3d4e5f601234", "finalized", "2024-05-01T02:15:00+00:00"),
    ("018f2a70-1e22-7b33-9c4d-5e6f70812345", "submitted", "2024-05-01T02:17:00+00:00"),
]


def main() -> None:
    from datetime import date

    from kiosk.receipt_number import format_receipt_number

    target = HERE / "outbox_v1.sqlite3"
    target.unlink(missing_ok=True)
    (HERE / "outbox_v1.key").write_bytes(KEY)
    vault = Vault(KEY, HERE / "unused")
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    migrations.migrate(conn, target, target=1)
    conn.execute("INSERT INTO receipt_sequences VALUES ('MY-FC-01', '2024-05-01', 2)")
    for seq, (app_id, state, created) in enumerate(ROWS, 1):
        receipt = format_receipt_number("MY-FC-01", date(2024, 5, 1), seq)
        payload = {
            "application_id": app_id,
            "form_id": "person-general",
            "data": {"matter": {"subject": f"v1 application {seq}"}},
        }
        sealed = vault.seal(app_id, RecordKind.APPLICATION, json.dumps(payload).encode())
        conn.execute(
            "INSERT INTO applications (application_id, receipt_number, service_code, form_id,"
            " form_version, state, created_at, updated_at, payload)"
            " VALUES (?, ?, '510700-000-XK-0001', 'person-general', 1, ?, ?, ?, ?)",
            (app_id, receipt, state, created, created, sealed),
        )
        conn.execute(
            "INSERT INTO attachments VALUES (?, ?, 'id-card-copy', 2, 1234, 'ab' )",
            (app_id, f"00000000-0000-4000-8000-00000000000{seq}"),
        )
    conn.close()


if __name__ == "__main__":
    main()
