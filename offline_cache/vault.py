"""The encrypted vault: AES-256-GCM records and attachment files, keyed by a 0600 key file.

Record layout: ``OWV1`` (4 bytes) | nonce (12 bytes) | ciphertext with the 16-byte GCM tag.
The associated data binds each record to its kind and id
(``onewindow-vault/1 \\0 kind \\0 record id``), so a record copied over another, truncated or
altered fails authentication and raises RecordTamperedError: never garbage.

Decrypted bytes only live in memory; attachment files hold ciphertext only and are written to a
temporary name, fsynced and renamed, so a crash leaves either the whole file or none.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import uuid
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from offline_cache.errors import (
    KeyInsecureError,
    KeyInvalidError,
    KeyMissingError,
    RecordTamperedError,
    StorageUnavailableError,
    from_os_error,
)

MAGIC = b"OWV1"
NONCE_BYTES = 12
TAG_BYTES = 16
KEY_BYTES = 32
ATTACHMENT_SUFFIX = ".owv"


class RecordKind(StrEnum):
    """What a sealed record holds; part of its associated data."""

    APPLICATION = "application"
    ATTACHMENT = "attachment"
    RECEIPT = "receipt"


@dataclass(frozen=True)
class AttachmentRef:
    """An attachment stored in the vault: id, plaintext size and SHA-256 (for upload checks)."""

    attachment_id: str
    size: int
    sha256: str


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_new_file(path: Path, data: bytes) -> None:
    """Create ``path`` with mode 0600 holding ``data``, all or nothing (temp file + rename)."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        temp.replace(path)
        _fsync_dir(path.parent)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise from_os_error(error, path.parent) from error


def load_or_create_key(key_file: Path, *, may_create: bool) -> bytes:
    """Read the 256-bit key; create it (0600, atomically) only when ``may_create``.

    Creation links a finished temp file into place, so two processes starting together end
    up with one key, and a crash never leaves a half-written key file.
    """
    try:
        info = key_file.stat()
    except FileNotFoundError:
        if not may_create:
            raise KeyMissingError(
                f"key file {key_file} is missing but encrypted data exists"
            ) from None
        return _create_key(key_file)
    except OSError as error:
        raise from_os_error(error, key_file.parent) from error
    if info.st_mode & 0o077:
        raise KeyInsecureError(f"key file {key_file} has mode {info.st_mode & 0o777:o}, not 600")
    try:
        key = key_file.read_bytes()
    except OSError as error:
        raise from_os_error(error, key_file.parent) from error
    if len(key) != KEY_BYTES:
        raise KeyInvalidError(f"key file {key_file} holds {len(key)} bytes, not {KEY_BYTES}")
    return key


def _create_key(key_file: Path) -> bytes:
    key = AESGCM.generate_key(bit_length=256)
    try:
        key_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temp = key_file.with_name(f".{key_file.name}.{secrets.token_hex(4)}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, key)
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(temp, key_file)
        except FileExistsError:
            # Someone else created it first: theirs is the key.
            temp.unlink()
            return load_or_create_key(key_file, may_create=False)
        temp.unlink()
        _fsync_dir(key_file.parent)
    except OSError as error:
        raise from_os_error(error, key_file.parent) from error
    return key


class Vault:
    """Seals and opens records, and stores encrypted attachment files in one folder."""

    def __init__(self, key: bytes, attachments_dir: Path) -> None:
        if len(key) != KEY_BYTES:
            raise KeyInvalidError("a vault key has 32 bytes")
        self._aead = AESGCM(key)
        self.attachments_dir = attachments_dir

    @classmethod
    def open(cls, key_file: Path, attachments_dir: Path, *, first_start: bool) -> Vault:
        """Open the vault; the key is created only on the first start (no data yet)."""
        key = load_or_create_key(key_file, may_create=first_start)
        try:
            attachments_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            raise from_os_error(error, attachments_dir) from error
        return cls(key, attachments_dir)

    @staticmethod
    def _aad(record_id: str, kind: RecordKind) -> bytes:
        return b"onewindow-vault/1\0" + kind.value.encode() + b"\0" + record_id.encode()

    def seal(self, record_id: str, kind: RecordKind, plaintext: bytes) -> bytes:
        """Encrypt and authenticate ``plaintext`` as record ``record_id`` of ``kind``."""
        nonce = os.urandom(NONCE_BYTES)
        return MAGIC + nonce + self._aead.encrypt(nonce, plaintext, self._aad(record_id, kind))

    def unseal(self, record_id: str, kind: RecordKind, blob: bytes) -> bytes:
        """Decrypt a sealed record; raises RecordTamperedError if it is not exactly that record."""
        if len(blob) < len(MAGIC) + NONCE_BYTES + TAG_BYTES or not blob.startswith(MAGIC):
            raise RecordTamperedError(f"{kind.value} record {record_id} is truncated or not ours")
        nonce = blob[len(MAGIC) : len(MAGIC) + NONCE_BYTES]
        body = blob[len(MAGIC) + NONCE_BYTES :]
        try:
            return self._aead.decrypt(nonce, body, self._aad(record_id, kind))
        except InvalidTag:
            raise RecordTamperedError(
                f"{kind.value} record {record_id} failed authentication"
            ) from None

    def _attachment_path(self, attachment_id: str) -> Path:
        # The id is ours (a UUID), never a path from outside.
        return self.attachments_dir / f"{uuid.UUID(attachment_id)}{ATTACHMENT_SUFFIX}"

    def put_attachment(self, data: bytes) -> AttachmentRef:
        """Encrypt ``data`` into a new attachment file; returns its reference."""
        attachment_id = str(uuid.uuid4())
        sealed = self.seal(attachment_id, RecordKind.ATTACHMENT, data)
        write_new_file(self._attachment_path(attachment_id), sealed)
        return AttachmentRef(attachment_id, len(data), hashlib.sha256(data).hexdigest())

    def put_attachment_as(self, attachment_id: str, data: bytes) -> AttachmentRef:
        """Encrypt ``data`` as attachment ``attachment_id`` (one brought in a queue bundle keeps
        its id, which the application refers to); replaces a leftover file of that id."""
        sealed = self.seal(attachment_id, RecordKind.ATTACHMENT, data)
        write_new_file(self._attachment_path(attachment_id), sealed)
        return AttachmentRef(attachment_id, len(data), hashlib.sha256(data).hexdigest())

    def read_attachment(self, attachment_id: str) -> bytes:
        """Decrypt an attachment into memory; RecordTamperedError if damaged or missing."""
        try:
            blob = self._attachment_path(attachment_id).read_bytes()
        except FileNotFoundError:
            raise RecordTamperedError(f"attachment {attachment_id} is missing") from None
        except OSError as error:
            raise from_os_error(error, self.attachments_dir) from error
        return self.unseal(attachment_id, RecordKind.ATTACHMENT, blob)

    def has_attachment(self, attachment_id: str) -> bool:
        """True when the attachment file exists (it may still fail authentication)."""
        return self._attachment_path(attachment_id).is_file()

    def delete_attachment(self, attachment_id: str) -> None:
        """Remove an attachment file; a missing one is already deleted."""
        try:
            self._attachment_path(attachment_id).unlink()
        except FileNotFoundError:
            return
        except OSError as error:
            if error.errno == errno.ENOENT:
                return
            raise from_os_error(error, self.attachments_dir) from error

    def attachment_ids(self) -> list[str]:
        """Ids of every attachment file present."""
        return sorted(p.name[: -len(ATTACHMENT_SUFFIX)] for p in self._files())

    def _files(self) -> list[Path]:
        try:
            return list(self.attachments_dir.glob(f"*{ATTACHMENT_SUFFIX}"))
        except OSError as error:
            raise from_os_error(error, self.attachments_dir) from error


__all__ = [
    "AttachmentRef",
    "RecordKind",
    "StorageUnavailableError",
    "Vault",
    "load_or_create_key",
]
