"""The platform's SQLite database: one file in the data folder, one connection behind a lock.

The reference server is one process; a lock around a single connection keeps every write a
whole transaction without any pool. WAL with ``synchronous=FULL``: an answer the platform gave
is on disk, so a terminal that got an official number never loses it to a server crash.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DATABASE_NAME = "platform.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS terminals (
    client_id TEXT PRIMARY KEY,
    terminal_id TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    pending_secret_hash TEXT,
    enrolled_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS enrollment_codes (
    code_hash TEXT PRIMARY KEY,
    terminal_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE TABLE IF NOT EXISTS uploads (
    upload_id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    length INTEGER NOT NULL,
    offset INTEGER NOT NULL,
    metadata TEXT NOT NULL,
    created_at TEXT NOT NULL,
    completed_at TEXT
);
CREATE TABLE IF NOT EXISTS idempotency (
    client_id TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    state TEXT NOT NULL,
    status_code INTEGER,
    response TEXT,
    claimed_at TEXT NOT NULL,
    PRIMARY KEY (client_id, key)
);
CREATE TABLE IF NOT EXISTS applications (
    application_id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    terminal_id TEXT NOT NULL,
    official_number TEXT NOT NULL UNIQUE,
    receipt_number TEXT NOT NULL,
    service_code TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at TEXT NOT NULL,
    status TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS status_history (
    application_id TEXT NOT NULL REFERENCES applications(application_id),
    status TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT
);
CREATE TABLE IF NOT EXISTS number_sequence (
    day TEXT PRIMARY KEY,
    last INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS ratings (
    application_id TEXT PRIMARY KEY REFERENCES applications(application_id),
    level TEXT NOT NULL,
    reasons TEXT NOT NULL,
    comment TEXT,
    rated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS heartbeats (
    client_id TEXT PRIMARY KEY,
    terminal_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    clock_skew_s REAL NOT NULL,
    body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS withdrawn_services (
    service_code TEXT PRIMARY KEY,
    reason TEXT NOT NULL
);
-- Added with certificate revocation (central.revocations); an older data folder gets it on
-- its next start, with no certificate on record (the module says how those are judged).
CREATE TABLE IF NOT EXISTS bundle_certificates (
    key_id TEXT PRIMARY KEY,
    terminal_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX IF NOT EXISTS bundle_certificates_client ON bundle_certificates (client_id);
"""


class PlatformDB:
    """The platform's database; ``transaction()`` is the only way to touch it."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self.path = data_dir / DATABASE_NAME
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, timeout=10.0
        )
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.executescript(_SCHEMA)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction, committed on success, rolled back on error."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()
