"""Revoked terminal certificates: the record of every bundle certificate issued, its revocation
with the terminal's credentials, and the signed revocation list terminals pull with their sync.

Every certificate the platform issues (``POST /terminals/me/bundle-credentials``) is recorded
here by its key id (a hash of the terminal's public key, the same on terminal and platform),
with the client id it was issued to. Revoking a terminal (``POST /admin/terminals/{client_id}/
revoke``, central.auth) revokes every certificate issued to that client in the same
transaction, with the revocation time.

Bundles made before the revocation. A bundle's header carries its export time, and the seal
signs it, but the seal is made with the very key that was lost: a thief holding the van's
terminal can write any export time, so a signed export time is no evidence. The platform has no
other evidence of when a bundle was made (it never saw the bundle before). So the rule is:
**every bundle signed by a revoked key is refused**, whatever time it claims: at ``POST
/bundles``, at ``POST /terminals/me/relayed-bundles`` (a terminal forwarding a bundle it
imported) and at every relaying terminal that has pulled the list. Applications genuinely
made before the loss are not lost: staff who know where the drive came from (handed over
before the theft, say) import it with the admin override ``POST
/bundles?accept_revoked_signer=true``, which is admin-only, logged and reported in the answer;
terminals have no override.

Certificates issued before this record existed (a platform data folder from an earlier
version) are not on record. For them the platform applies the rule by period: a certificate of
terminal T issued while a since-revoked client of T was enrolled is revoked. Terminals only see
key ids, so such a certificate is not on the revocation list: a relaying terminal takes its
bundle, and the platform refuses it when the relay forwards it. A terminal enrolled again gets
a new, recorded certificate.

The revocation list (``GET /bundle-revocations``) is signed with the platform's Ed25519 key
(the one that certifies terminals, pinned in every terminal at enrollment) over a context
string and the canonical JSON of its body, so it can never be taken for a certificate. It holds
key ids, terminal ids and revocation times: nothing personal.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from central.storage import PlatformDB

KEY_ID_CONTEXT = b"onewindow-terminal-key-id\0"
LIST_FORMAT = "onewindow-revocation-list/1"
LIST_SIGNATURE_CONTEXT = b"onewindow-revocation-list/1 signature\0"
# How long a list stays current: terminals pull it with every catalog interval (minutes), so a
# day leaves room for an outage without letting a list from last month pass as current.
LIST_TTL = timedelta(hours=24)


def terminal_key_id(public_key_raw: bytes) -> str:
    """The key id of a terminal's Ed25519 public key (128-bit hash prefix, hex)."""
    return hashlib.sha256(KEY_ID_CONTEXT + public_key_raw).hexdigest()[:32]


def key_id_of(public_key_b64: str) -> str:
    """The key id of a base64 public key as written in a certificate."""
    return terminal_key_id(base64.b64decode(public_key_b64, validate=True))


def list_body(document: dict[str, Any]) -> bytes:
    """The bytes the platform signs in a revocation list (context + canonical JSON)."""
    body = {k: document.get(k) for k in ("format", "issued_at", "next_update", "revoked")}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return LIST_SIGNATURE_CONTEXT + canonical.encode()


def revoke_certificates(conn: sqlite3.Connection, client_id: str, at: datetime) -> int:
    """Inside the revoking transaction: revoke every certificate issued to ``client_id``."""
    cursor = conn.execute(
        "UPDATE bundle_certificates SET revoked_at = COALESCE(revoked_at, ?) WHERE client_id = ?",
        (at.isoformat(), client_id),
    )
    return cursor.rowcount


@dataclass(frozen=True)
class Revoked:
    """A revoked certificate: its key id, the terminal it named, and when it was revoked."""

    key_id: str
    terminal_id: str
    revoked_at: str


class CertificateRecord:
    """The issued certificates and their revocations, in the platform's database."""

    def __init__(self, db: PlatformDB) -> None:
        self._db = db

    def record(
        self, key_id: str, terminal_id: str, client_id: str, issued_at: datetime
    ) -> str | None:
        """Note an issued certificate; the reason it may not be issued, if there is one (the
        key was revoked, or it was certified for another terminal: a terminal that sent
        someone else's public key must not take that key's record away from its revocation)."""
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT revoked_at, client_id FROM bundle_certificates WHERE key_id = ?",
                (key_id,),
            ).fetchone()
            if row is not None and row[0] is not None:
                return "this key was revoked: make a new one and ask again"
            if row is not None and row[1] != client_id:
                return "this key is certified for another terminal: make a new one"
            conn.execute(
                "INSERT INTO bundle_certificates (key_id, terminal_id, client_id, issued_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (key_id) DO UPDATE SET"
                " issued_at = excluded.issued_at",
                (key_id, terminal_id, client_id, issued_at.isoformat()),
            )
        return None

    def revoked(self, key_id: str, terminal_id: str, issued_at: str) -> Revoked | None:
        """The revocation of this certificate, or None if it stands (see the module's rule for
        certificates issued before the record existed)."""
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT revoked_at FROM bundle_certificates WHERE key_id = ?", (key_id,)
            ).fetchone()
            if row is not None:
                return Revoked(key_id, terminal_id, row[0]) if row[0] is not None else None
            legacy = conn.execute(
                "SELECT MIN(revoked_at) FROM terminals WHERE terminal_id = ?"
                " AND revoked_at IS NOT NULL AND enrolled_at <= ? AND revoked_at >= ?",
                (terminal_id, issued_at, issued_at),
            ).fetchone()
        if legacy is None or legacy[0] is None:
            return None
        return Revoked(key_id, terminal_id, str(legacy[0]))

    def all_revoked(self) -> list[Revoked]:
        """Every revoked certificate on record, oldest revocation first."""
        with self._db.transaction() as conn:
            rows = conn.execute(
                "SELECT key_id, terminal_id, revoked_at FROM bundle_certificates"
                " WHERE revoked_at IS NOT NULL ORDER BY revoked_at, key_id"
            ).fetchall()
        return [Revoked(str(r[0]), str(r[1]), str(r[2])) for r in rows]

    def list_document(self, issued_at: datetime) -> dict[str, Any]:
        """The unsigned revocation list as of ``issued_at`` (central.bundles signs it)."""
        return {
            "format": LIST_FORMAT,
            "issued_at": issued_at.isoformat(),
            "next_update": (issued_at + LIST_TTL).isoformat(),
            "revoked": [
                {"key_id": r.key_id, "terminal_id": r.terminal_id, "revoked_at": r.revoked_at}
                for r in self.all_revoked()
            ],
        }


__all__ = [
    "LIST_FORMAT",
    "LIST_TTL",
    "CertificateRecord",
    "Revoked",
    "key_id_of",
    "list_body",
    "revoke_certificates",
    "terminal_key_id",
]
