"""Schema migrations of the outbox database, by ``PRAGMA user_version``.

Each step runs in its own transaction together with the version bump, so a crash leaves the
file at the old or the new version, never between. A file from a newer kiosk is refused and
left untouched. Never edit a shipped step: add a new one (tests upgrade real old files).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from offline_cache.errors import DatabaseTooNewError

_V1 = """
CREATE TABLE applications (
    application_id TEXT PRIMARY KEY,
    receipt_number TEXT NOT NULL UNIQUE,
    service_code TEXT NOT NULL,
    form_id TEXT NOT NULL,
    form_version INTEGER NOT NULL,
    state TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    payload BLOB
);
CREATE TABLE attachments (
    application_id TEXT NOT NULL REFERENCES applications(application_id),
    attachment_id TEXT NOT NULL,
    material_code TEXT NOT NULL,
    pages INTEGER NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT,
    PRIMARY KEY (application_id, attachment_id)
);
CREATE TABLE receipt_sequences (
    terminal_id TEXT NOT NULL,
    day TEXT NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (terminal_id, day)
);
"""

# v2: status tracking (platform number, outcome kept after purge, history) and PII purge time.
_V2 = """
ALTER TABLE applications ADD COLUMN platform_number TEXT;
ALTER TABLE applications ADD COLUMN outcome TEXT;
ALTER TABLE applications ADD COLUMN pii_purged_at TEXT;
CREATE TABLE state_history (
    application_id TEXT NOT NULL REFERENCES applications(application_id),
    from_state TEXT,
    to_state TEXT NOT NULL,
    at TEXT NOT NULL
);
INSERT INTO state_history (application_id, from_state, to_state, at)
    SELECT application_id, NULL, state, updated_at FROM applications;
CREATE INDEX applications_state ON applications(state);
CREATE UNIQUE INDEX applications_platform_number
    ON applications(platform_number) WHERE platform_number IS NOT NULL;
"""

# v3: sync bookkeeping (resumable upload URL and offset per attachment, per-application retry
# schedule and last error) and the ratings queue.
_V3 = """
ALTER TABLE attachments ADD COLUMN upload_url TEXT;
ALTER TABLE attachments ADD COLUMN uploaded_offset INTEGER NOT NULL DEFAULT 0;
ALTER TABLE applications ADD COLUMN sync_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE applications ADD COLUMN next_attempt_at TEXT;
ALTER TABLE applications ADD COLUMN last_error TEXT;
CREATE TABLE ratings (
    application_id TEXT PRIMARY KEY REFERENCES applications(application_id),
    level TEXT NOT NULL,
    reasons TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    refused_reason TEXT
);
"""

# v4: queue bundles (sneakernet). The terminal that finalized an application when it came in
# a bundle (NULL: this one), and which bundles each application was exported in.
_V4 = """
ALTER TABLE applications ADD COLUMN origin_terminal_id TEXT;
CREATE TABLE bundle_exports (
    application_id TEXT NOT NULL REFERENCES applications(application_id),
    bundle_id TEXT NOT NULL,
    exported_at TEXT NOT NULL,
    PRIMARY KEY (application_id, bundle_id)
);
"""

STEPS: tuple[str, ...] = (_V1, _V2, _V3, _V4)
LATEST = len(STEPS)


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version stored in the file (0 for a new file)."""
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection, path: Path, target: int = LATEST) -> int:
    """Bring the database to ``target``; returns the version before. Needs autocommit mode."""
    before = user_version(conn)
    if before > LATEST:
        raise DatabaseTooNewError(
            f"{path} has schema version {before}; this kiosk knows up to {LATEST}"
        )
    for version in range(before + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(STEPS[version - 1]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return before


def _statements(script: str) -> list[str]:
    # executescript() would commit first; split so each step stays one transaction.
    parts, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            parts.append(current.strip())
            current = ""
    return [p for p in parts if p]
