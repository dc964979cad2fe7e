"""Typed storage errors: why this terminal cannot accept applications now, for the UI to map.

The resident always sees the same plain sentence (RESIDENT_MESSAGE_*); the technician sees
``cause`` and the exception text. Nothing already stored is damaged when one of these is raised.
"""

from __future__ import annotations

import errno
import sqlite3
from enum import StrEnum
from pathlib import Path

RESIDENT_MESSAGE_ZH = "本机暂时无法受理申请，请到窗口办理。"
RESIDENT_MESSAGE_EN = "This terminal cannot accept applications now. Please go to the counter."


class StorageCause(StrEnum):
    """What stops the store, for the technician."""

    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"
    KEY_MISSING = "key_missing"
    KEY_INSECURE = "key_insecure"
    KEY_INVALID = "key_invalid"
    TOO_NEW = "database_too_new"
    IO_ERROR = "io_error"


class StorageUnavailableError(Exception):
    """The terminal cannot store applications now; ``cause`` says why."""

    cause: StorageCause = StorageCause.IO_ERROR


class DiskFullError(StorageUnavailableError):
    """No space left on the data folder's file system."""

    cause = StorageCause.DISK_FULL


class ReadOnlyStorageError(StorageUnavailableError):
    """The data folder (or its file system) cannot be written."""

    cause = StorageCause.READ_ONLY


class KeyMissingError(StorageUnavailableError):
    """Encrypted data exists but its key file is gone: a new key would make it unreadable."""

    cause = StorageCause.KEY_MISSING


class KeyInsecureError(StorageUnavailableError):
    """The key file can be read by other users (mode must be 0600)."""

    cause = StorageCause.KEY_INSECURE


class KeyInvalidError(StorageUnavailableError):
    """The key file does not hold a 256-bit key."""

    cause = StorageCause.KEY_INVALID


class DatabaseTooNewError(StorageUnavailableError):
    """The database was written by a newer kiosk; it is left untouched."""

    cause = StorageCause.TOO_NEW


class RecordTamperedError(Exception):
    """A stored record failed authentication: tampered, truncated, or swapped with another."""


class IllegalTransitionError(ValueError):
    """An application state change that would move backwards or skip the rules."""


def from_os_error(error: OSError, where: Path) -> StorageUnavailableError:
    """The typed error for a failed file operation under ``where``."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return DiskFullError(f"no space left writing under {where}: {error.strerror}")
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyStorageError(f"cannot write under {where}: {error.strerror}")
    return StorageUnavailableError(f"I/O error under {where}: {error}")


def from_sqlite_error(error: sqlite3.Error, where: Path) -> StorageUnavailableError | None:
    """The typed error for an SQLite failure caused by the file system, else None."""
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == sqlite3.SQLITE_FULL:
        return DiskFullError(f"database or disk is full: {where}")
    if primary == sqlite3.SQLITE_READONLY:
        return ReadOnlyStorageError(f"database is read-only: {where}")
    if primary == sqlite3.SQLITE_CANTOPEN:
        return ReadOnlyStorageError(f"cannot open the database (folder not writable?): {where}")
    if primary == sqlite3.SQLITE_IOERR:
        return StorageUnavailableError(f"disk I/O error on {where}: {error}")
    return None
