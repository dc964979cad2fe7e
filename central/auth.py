"""Terminal credentials: one-time enrollment codes, client id + secret, rotation, revocation
(which also revokes the terminal's queue bundle certificates, see central.revocations).

A terminal authenticates with HTTP Basic (client id : secret) or ``Authorization: Bearer
<client id>.<secret>``. Secrets are 256-bit random tokens, so a SHA-256 of each is stored (a
slow hash buys nothing against a guess of 2^256). Rotation is two-phase: the new secret is
pending until its first use, and the old one works until then, so a terminal that crashes
before saving the new secret is never locked out.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi import Request

from central.errors import ApiError
from central.revocations import revoke_certificates
from central.storage import PlatformDB

ADMIN_TOKEN_FILE = "admin.token"  # noqa: S105 - a file name
CODE_TTL = timedelta(hours=24)


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def now_utc() -> datetime:
    """The platform's clock."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class Terminal:
    """An authenticated terminal."""

    client_id: str
    terminal_id: str


@dataclass(frozen=True)
class Credentials:
    """Issued at enrollment or rotation; the secret is shown exactly once."""

    client_id: str
    client_secret: str
    terminal_id: str


def load_or_create_admin_token(data_dir: Path) -> str:
    """The admin bearer token in ``data_dir/admin.token`` (mode 0600), created if missing."""
    path = data_dir / ADMIN_TOKEN_FILE
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    token = secrets.token_urlsafe(32)
    path.touch(mode=0o600)
    path.write_text(token + "\n", encoding="ascii")
    return token


class Enrollment:
    """Creates enrollment codes and credentials, and checks them on every request."""

    def __init__(self, db: PlatformDB) -> None:
        self._db = db

    def create_code(self, terminal_id: str) -> tuple[str, datetime]:
        """A new one-time code for ``terminal_id`` and when it expires."""
        code = "-".join(secrets.token_hex(2).upper() for _ in range(4))
        now = now_utc()
        expires = now + CODE_TTL
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO enrollment_codes (code_hash, terminal_id, created_at, expires_at)"
                " VALUES (?, ?, ?, ?)",
                (_hash(code), terminal_id, now.isoformat(), expires.isoformat()),
            )
        return code, expires

    def enroll(self, code: str, terminal_id: str) -> Credentials:
        """Spend a code: new credentials for its terminal; 401 for an unknown/used/expired code."""
        now = now_utc()
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT terminal_id, expires_at, used_at FROM enrollment_codes WHERE code_hash = ?",
                (_hash(code.strip().upper()),),
            ).fetchone()
            if (
                row is None
                or row[2] is not None
                or datetime.fromisoformat(row[1]) < now
                or row[0] != terminal_id
            ):
                raise ApiError(
                    401,
                    "invalid_enrollment_code",
                    "the enrollment code is unknown, used, expired or for another terminal",
                )
            conn.execute(
                "UPDATE enrollment_codes SET used_at = ? WHERE code_hash = ?",
                (now.isoformat(), _hash(code.strip().upper())),
            )
            client_id = f"t-{secrets.token_hex(8)}"
            secret = secrets.token_urlsafe(32)
            conn.execute(
                "INSERT INTO terminals (client_id, terminal_id, secret_hash, enrolled_at)"
                " VALUES (?, ?, ?, ?)",
                (client_id, terminal_id, _hash(secret), now.isoformat()),
            )
        return Credentials(client_id, secret, terminal_id)

    def rotate(self, terminal: Terminal) -> Credentials:
        """A new secret, pending until first used (the current one works until then)."""
        secret = secrets.token_urlsafe(32)
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE terminals SET pending_secret_hash = ? WHERE client_id = ?",
                (_hash(secret), terminal.client_id),
            )
        return Credentials(terminal.client_id, secret, terminal.terminal_id)

    def revoke(self, client_id: str) -> bool:
        """Revoke a terminal's credentials and, in the same transaction, every queue bundle
        certificate issued to it (central.revocations); False if unknown."""
        now = now_utc()
        with self._db.transaction() as conn:
            cursor = conn.execute(
                "UPDATE terminals SET revoked_at = COALESCE(revoked_at, ?) WHERE client_id = ?",
                (now.isoformat(), client_id),
            )
            if cursor.rowcount > 0:
                revoke_certificates(conn, client_id, now)
        return cursor.rowcount > 0

    def authenticate(self, client_id: str, secret: str) -> Terminal:
        """The terminal these credentials belong to; ApiError 401 otherwise."""
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT terminal_id, secret_hash, pending_secret_hash, revoked_at FROM terminals"
                " WHERE client_id = ?",
                (client_id,),
            ).fetchone()
            if row is None:
                raise _unauthorized("unknown_terminal", "these credentials are not known")
            if row[3] is not None:
                raise _unauthorized(
                    "terminal_revoked",
                    "this terminal's credentials were revoked; enroll it again with a new code",
                )
            given = _hash(secret)
            if row[2] is not None and hmac.compare_digest(given, row[2]):
                self._promote(conn, client_id, row[2])
            elif not hmac.compare_digest(given, row[1]):
                raise _unauthorized("invalid_credentials", "the client secret is wrong")
        return Terminal(client_id, str(row[0]))

    @staticmethod
    def _promote(conn: sqlite3.Connection, client_id: str, pending: str) -> None:
        conn.execute(
            "UPDATE terminals SET secret_hash = ?, pending_secret_hash = NULL WHERE client_id = ?",
            (pending, client_id),
        )


def _unauthorized(error: str, detail: str) -> ApiError:
    return ApiError(401, error, detail, {"WWW-Authenticate": 'Basic realm="onewindow"'})


def credentials_from_header(header: str | None) -> tuple[str, str]:
    """(client id, secret) from an Authorization header; ApiError 401 if absent or malformed."""
    if not header:
        raise _unauthorized("missing_credentials", "send the terminal's credentials")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            raise _unauthorized(
                "malformed_credentials", "Basic credentials are not base64"
            ) from None
        client_id, sep, secret = decoded.partition(":")
    elif scheme.lower() == "bearer":
        client_id, sep, secret = value.strip().partition(".")
    else:
        raise _unauthorized("malformed_credentials", "use Basic or Bearer authorization")
    if not sep or not client_id or not secret:
        raise _unauthorized("malformed_credentials", "credentials need a client id and a secret")
    return client_id, secret


def terminal_dependency(request: Request) -> Terminal:
    """FastAPI dependency: the authenticated terminal of this request."""
    client_id, secret = credentials_from_header(request.headers.get("authorization"))
    enrollment: Enrollment = request.app.state.enrollment
    return enrollment.authenticate(client_id, secret)


def admin_dependency(request: Request) -> None:
    """FastAPI dependency: the request carries the platform's admin bearer token."""
    header = request.headers.get("authorization") or ""
    scheme, _, token = header.partition(" ")
    expected: str = request.app.state.admin_token
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip(), expected):
        raise ApiError(401, "admin_only", "this endpoint needs the platform's admin token")
