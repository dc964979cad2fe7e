"""The platform's list of revoked terminal certificates, pulled with the sync and kept on disk.

A terminal that relays queue bundles (kiosk.queue_bundle) must not take a bundle signed by a
lost or stolen terminal. The platform revokes such a terminal's certificate and serves a list
of revoked key ids (``GET /bundle-revocations``) signed with its Ed25519 key, the key this
terminal pinned at enrollment (``platform_public_key`` in the secrets file). The sync engine
pulls it with the catalog (``catalog_interval_s``); a list is kept only if:

- its signature verifies with the pinned key (unsigned or forged: refused);
- it is current (``next_update`` not passed: an old list replayed is refused);
- it is not older than the one kept (``issued_at``: no rolling back to a list that predates a
  revocation).

A refused list leaves the kept one in place. The file (``bundle_revocations.json`` in the data
folder) holds the document exactly as signed and is checked again when read, so a list edited
on disk counts as none. A kept list past its ``next_update`` still applies: it is a deny list,
and an old one misses only the newest revocations. It holds key ids, terminal ids and times:
nothing personal.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from config.secrets import Secrets
from kiosk.sync.platform_client import PlatformClient

log = logging.getLogger(__name__)

REVOCATIONS_FILE = "bundle_revocations.json"
LIST_FORMAT = "onewindow-revocation-list/1"
LIST_SIGNATURE_CONTEXT = b"onewindow-revocation-list/1 signature\0"
KEY_ID_CONTEXT = b"onewindow-terminal-key-id\0"


def terminal_key_id(public_key_raw: bytes) -> str:
    """The key id of a terminal's Ed25519 public key, as the platform computes it."""
    return hashlib.sha256(KEY_ID_CONTEXT + public_key_raw).hexdigest()[:32]


class RevocationListRefused(Exception):
    """A revocation list that is not used (unsigned, forged, malformed, expired or older)."""


@dataclass(frozen=True)
class RevokedKey:
    """A revoked certificate: the terminal it named and when the platform revoked it."""

    terminal_id: str
    revoked_at: datetime


@dataclass(frozen=True)
class RevocationList:
    """A verified list: when it was issued, until when it is current, the revoked key ids."""

    issued_at: datetime
    next_update: datetime
    revoked: dict[str, RevokedKey] = field(default_factory=dict)

    def lookup(self, key_id: str) -> RevokedKey | None:
        """The revocation of ``key_id``, or None if it is not revoked."""
        return self.revoked.get(key_id)


def _signed_bytes(document: dict[str, Any]) -> bytes:
    body = {k: document.get(k) for k in ("format", "issued_at", "next_update", "revoked")}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return LIST_SIGNATURE_CONTEXT + canonical.encode()


def _moment(value: object, what: str) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise RevocationListRefused(f"the list's {what} is not a time") from None
    if moment.tzinfo is None:
        raise RevocationListRefused(f"the list's {what} has no time zone")
    return moment


def verify_revocation_list(document: object, platform_key: Ed25519PublicKey) -> RevocationList:
    """The list in ``document`` once its signature verifies; RevocationListRefused otherwise."""
    if not isinstance(document, dict) or document.get("format") != LIST_FORMAT:
        raise RevocationListRefused("not a revocation list")
    signature = document.get("signature")
    if not isinstance(signature, str) or not signature:
        raise RevocationListRefused("the list is not signed")
    try:
        platform_key.verify(base64.b64decode(signature, validate=True), _signed_bytes(document))
    except (InvalidSignature, binascii.Error, ValueError):
        raise RevocationListRefused("the list's signature is not the platform's") from None
    entries = document.get("revoked")
    if not isinstance(entries, list):
        raise RevocationListRefused("the list has no entries")
    revoked: dict[str, RevokedKey] = {}
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("key_id"), str):
            raise RevocationListRefused("an entry of the list is malformed")
        revoked[entry["key_id"]] = RevokedKey(
            str(entry.get("terminal_id", "")), _moment(entry.get("revoked_at"), "revocation")
        )
    return RevocationList(
        _moment(document.get("issued_at"), "issue time"),
        _moment(document.get("next_update"), "next update"),
        revoked,
    )


def _pinned_key(platform_key_b64: str | None) -> Ed25519PublicKey | None:
    if not platform_key_b64:
        return None
    try:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(platform_key_b64, validate=True))
    except (binascii.Error, ValueError):
        return None


def stored_revocations(data_dir: Path, platform_key: Ed25519PublicKey) -> RevocationList | None:
    """The kept list of ``data_dir``, checked again (None: no list, or one that fails)."""
    try:
        document = json.loads((data_dir / REVOCATIONS_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        log.warning("kept revocation list unreadable: treated as none")
        return None
    try:
        return verify_revocation_list(document, platform_key)
    except RevocationListRefused as refusal:
        log.warning("kept revocation list refused", extra={"reason": str(refusal)})
        return None


class RevocationOutcome(StrEnum):
    """What one pull did."""

    UPDATED = "updated"
    CURRENT = "current"
    REFUSED = "refused"


@dataclass(frozen=True)
class RevocationPullResult:
    """The outcome, how many keys the kept list revokes, and why a list was refused."""

    outcome: RevocationOutcome
    revoked: int
    reason: str = ""


class RevocationPull:
    """Pulls the revocation list into ``data_dir``, checked with the pinned platform key."""

    def __init__(self, data_dir: Path, platform_key: Ed25519PublicKey) -> None:
        self._data_dir = data_dir
        self._key = platform_key

    @classmethod
    def from_secrets(cls, data_dir: Path, secrets_: Secrets) -> RevocationPull | None:
        """A pull for a terminal enrolled with bundle keys (None: no platform key pinned)."""
        key = _pinned_key(secrets_.platform_public_key)
        return cls(data_dir, key) if key is not None else None

    def kept(self) -> RevocationList | None:
        """The list kept now (None if there is none)."""
        return stored_revocations(self._data_dir, self._key)

    def _write(self, document: dict[str, Any]) -> None:
        target = self._data_dir / REVOCATIONS_FILE
        temp = target.with_name(f".{target.name}.tmp")
        try:
            with temp.open("w", encoding="utf-8") as handle:
                json.dump(document, handle, ensure_ascii=False, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            temp.replace(target)
        except BaseException:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise

    def pull(self, client: PlatformClient, now: datetime | None = None) -> RevocationPullResult:
        """Fetch, check and keep the list; global sync errors propagate to the engine."""
        return self.take(client.bundle_revocations(), now)

    def take(self, document: object, now: datetime | None = None) -> RevocationPullResult:
        """Keep ``document`` if it is a current, signed list no older than the kept one."""
        moment = now or datetime.now(UTC)
        kept = self.kept()
        held = len(kept.revoked) if kept is not None else 0
        try:
            fresh = verify_revocation_list(document, self._key)
            if fresh.next_update <= moment:
                raise RevocationListRefused("the list has expired (its next update has passed)")
            if kept is not None and fresh.issued_at < kept.issued_at:
                raise RevocationListRefused("the list is older than the one kept")
        except RevocationListRefused as refusal:
            log.warning("revocation list refused", extra={"reason": str(refusal)})
            return RevocationPullResult(RevocationOutcome.REFUSED, held, str(refusal))
        if kept is not None and fresh.issued_at == kept.issued_at:
            return RevocationPullResult(RevocationOutcome.CURRENT, held)
        assert isinstance(document, dict)
        self._write(document)
        changed = kept is None or set(fresh.revoked) != set(kept.revoked)
        outcome = RevocationOutcome.UPDATED if changed else RevocationOutcome.CURRENT
        return RevocationPullResult(outcome, len(fresh.revoked))


__all__ = [
    "REVOCATIONS_FILE",
    "RevocationList",
    "RevocationListRefused",
    "RevocationOutcome",
    "RevocationPull",
    "RevocationPullResult",
    "RevokedKey",
    "stored_revocations",
    "terminal_key_id",
    "verify_revocation_list",
]
