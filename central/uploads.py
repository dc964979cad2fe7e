"""Resumable attachment uploads: the server side of tus 1.0 (core, creation, checksum).

Each upload is a file ``uploads/<id>.part`` plus a row holding its length and committed offset.
A PATCH is read whole (the client picks the chunk size), its ``Upload-Checksum`` verified, then
written at the committed offset, fsynced, and only then the offset advanced: bytes past the
committed offset are overwritten by the next PATCH, so a crash anywhere keeps the file sound.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from central.auth import Terminal, now_utc
from central.errors import ApiError
from central.storage import PlatformDB

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,checksum"
CHECKSUM_ALGORITHMS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256}
MAX_SIZE = 64 * 1024 * 1024
OFFSET_CONTENT_TYPE = "application/offset+octet-stream"


@dataclass(frozen=True)
class Upload:
    """One upload's state."""

    upload_id: str
    client_id: str
    length: int
    offset: int
    metadata: dict[str, str]

    @property
    def complete(self) -> bool:
        """All bytes received."""
        return self.offset == self.length


def tus_headers() -> dict[str, str]:
    """Headers every tus answer carries."""
    return {"Tus-Resumable": TUS_VERSION}


def check_tus_resumable(value: str | None) -> None:
    """412 when the client speaks no tus version we support."""
    if value != TUS_VERSION:
        raise ApiError(
            412,
            "tus_version_unsupported",
            f"Tus-Resumable must be {TUS_VERSION}",
            {"Tus-Version": TUS_VERSION, **tus_headers()},
        )


def parse_metadata(header: str | None) -> dict[str, str]:
    """Decode ``Upload-Metadata``: comma-separated ``key base64value`` pairs."""
    result: dict[str, str] = {}
    if not header:
        return result
    for pair in header.split(","):
        key, _, value = pair.strip().partition(" ")
        if not key or key in result:
            raise ApiError(400, "bad_metadata", "Upload-Metadata keys must be unique and non-empty")
        try:
            result[key] = base64.b64decode(value, validate=True).decode() if value else ""
        except (binascii.Error, UnicodeDecodeError):
            raise ApiError(400, "bad_metadata", f"metadata {key!r} is not base64") from None
    return result


def parse_checksum(header: str) -> tuple[str, bytes]:
    """(algorithm, digest) from ``Upload-Checksum: <algorithm> <base64 digest>``."""
    algorithm, _, encoded = header.strip().partition(" ")
    if algorithm not in CHECKSUM_ALGORITHMS:
        raise ApiError(400, "checksum_algorithm_unsupported", f"unsupported: {algorithm!r}")
    try:
        return algorithm, base64.b64decode(encoded, validate=True)
    except binascii.Error:
        raise ApiError(400, "bad_checksum", "Upload-Checksum digest is not base64") from None


class UploadStore:
    """Uploads of every terminal under ``data_dir/uploads``."""

    def __init__(self, db: PlatformDB, data_dir: Path) -> None:
        self._db = db
        self.folder = data_dir / "uploads"
        self.folder.mkdir(parents=True, exist_ok=True)

    def _path(self, upload_id: str) -> Path:
        return self.folder / f"{upload_id}.part"

    def create(self, terminal: Terminal, length: int, metadata: dict[str, str]) -> Upload:
        """A new empty upload of ``length`` bytes."""
        if length < 0:
            raise ApiError(400, "bad_length", "Upload-Length must be a non-negative integer")
        if length > MAX_SIZE:
            raise ApiError(413, "too_large", f"uploads are limited to {MAX_SIZE} bytes")
        upload_id = secrets.token_hex(16)
        self._path(upload_id).touch()
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO uploads (upload_id, client_id, length, offset, metadata, created_at)"
                " VALUES (?, ?, ?, 0, ?, ?)",
                (
                    upload_id,
                    terminal.client_id,
                    length,
                    json.dumps(metadata),
                    now_utc().isoformat(),
                ),
            )
        return Upload(upload_id, terminal.client_id, length, 0, metadata)

    def store_complete(self, client_id: str, data: bytes, metadata: dict[str, str]) -> str:
        """A finished upload holding ``data`` (a file from a queue bundle); returns its id."""
        upload_id = secrets.token_hex(16)
        fd = os.open(self._path(upload_id), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        now = now_utc().isoformat()
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO uploads (upload_id, client_id, length, offset, metadata, created_at,"
                " completed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (upload_id, client_id, len(data), len(data), json.dumps(metadata), now, now),
            )
        return upload_id

    def get(self, terminal: Terminal, upload_id: str) -> Upload:
        """The terminal's upload; 404 for an unknown id or another terminal's upload."""
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT client_id, length, offset, metadata FROM uploads WHERE upload_id = ?",
                (upload_id,),
            ).fetchone()
        if row is None or row[0] != terminal.client_id:
            raise ApiError(404, "upload_not_found", "no such upload", tus_headers())
        return Upload(upload_id, str(row[0]), int(row[1]), int(row[2]), json.loads(row[3]))

    def append(
        self, terminal: Terminal, upload_id: str, offset: int, data: bytes, checksum: str | None
    ) -> Upload:
        """Write ``data`` at ``offset`` (which must be the committed offset); the new state."""
        upload = self.get(terminal, upload_id)
        if offset != upload.offset:
            raise ApiError(
                409,
                "offset_mismatch",
                f"Upload-Offset is {offset} but the upload is at {upload.offset}",
                tus_headers(),
            )
        if upload.offset + len(data) > upload.length:
            raise ApiError(413, "beyond_length", "the chunk goes past Upload-Length", tus_headers())
        if checksum is not None:
            algorithm, expected = parse_checksum(checksum)
            if CHECKSUM_ALGORITHMS[algorithm](data).digest() != expected:
                raise ApiError(
                    460, "checksum_mismatch", "the chunk's checksum does not match", tus_headers()
                )
        fd = os.open(self._path(upload_id), os.O_WRONLY)
        try:
            os.pwrite(fd, data, offset)
            os.fsync(fd)
        finally:
            os.close(fd)
        new_offset = offset + len(data)
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE uploads SET offset = ?, completed_at = CASE WHEN ? = length THEN ?"
                " ELSE NULL END WHERE upload_id = ? AND offset = ?",
                (new_offset, new_offset, now_utc().isoformat(), upload_id, offset),
            )
        return Upload(upload_id, upload.client_id, upload.length, new_offset, upload.metadata)

    def sha256_of(self, terminal: Terminal, upload_id: str) -> tuple[Upload, str | None]:
        """The upload and the SHA-256 of its committed bytes (hex)."""
        upload = self.get(terminal, upload_id)
        return upload, self.file_sha256(upload_id, upload.offset)

    def file_sha256(self, upload_id: str, length: int | None = None) -> str | None:
        """SHA-256 (hex) of the first ``length`` bytes stored (all if None); None if no file."""
        digest = hashlib.sha256()
        try:
            with self._path(upload_id).open("rb") as handle:
                remaining = length if length is not None else 1 << 62
                while remaining:
                    block = handle.read(min(remaining, 1 << 20))
                    if not block:
                        break
                    digest.update(block)
                    remaining -= len(block)
        except FileNotFoundError:
            return None
        return digest.hexdigest()
