"""Queue bundles at the platform: the city keys, terminal certificates, and direct import.

A mobile unit that cannot reach the network exports its queue to a USB drive as one bundle
(the terminal side and the file format are described in kiosk.queue_bundle; this module reads
the same format with its own code, since the platform imports nothing of the kiosk's).

The platform keeps two keys in its data folder, made on first start (mode 0600):
``bundle.key``, the city-wide AES-256 key every enrolled terminal receives, and
``platform-signing.key``, an Ed25519 key that certifies each terminal's own signing key
(``POST /terminals/me/bundle-credentials``). A bundle is read only if it was encrypted with the
city key and signed by a terminal this platform certified, and whose certificate was not
revoked since (central.revocations; the rule for bundles made before a revocation is there).

The origin of every application in a bundle is the terminal named in the verified certificate,
never what the application record claims: a record whose ``origin_terminal_id`` names another
terminal is refused as inconsistent (``inconsistent_origin``), the others still import.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import struct
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from central.auth import now_utc
from central.errors import ApiError
from central.revocations import key_id_of, list_body

CITY_KEY_FILE = "bundle.key"
SIGNING_KEY_FILE = "platform-signing.key"
FORMAT = "onewindow-queue-bundle/1"
CERTIFICATE_FORMAT = "onewindow-terminal-certificate/1"
MAGIC = b"OWQBNDL\x01"
MAX_HEADER = 4096
MAX_RECORD = 96 * 1024 * 1024
TAG_BYTES = 16
SIGNATURE_CONTEXT = b"onewindow-queue-bundle/1 signature\0"
KEY_ID_CONTEXT = b"onewindow-bundle-key-id\0"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _load_or_create(path: Path, make: bytes) -> bytes:
    """The key bytes in ``path``, written (0600, exclusively) from ``make`` if missing."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    try:
        os.write(fd, make)
        os.fsync(fd)
    finally:
        os.close(fd)
    return make


def key_id(city_key: bytes) -> str:
    """The public name of a city key (a hash prefix), written in every bundle's header."""
    return hashlib.sha256(KEY_ID_CONTEXT + city_key).hexdigest()[:16]


def certificate_body(certificate: dict[str, Any]) -> bytes:
    """The bytes the platform signs in a terminal certificate (canonical JSON)."""
    body = {k: certificate.get(k) for k in ("format", "terminal_id", "public_key", "issued_at")}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


class CityKeys:
    """The platform's bundle key and certifying key, kept in its data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.city_key = _load_or_create(data_dir / CITY_KEY_FILE, AESGCM.generate_key(256))
        raw = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        self._signing = Ed25519PrivateKey.from_private_bytes(
            _load_or_create(data_dir / SIGNING_KEY_FILE, raw)
        )
        self.public_key = self._signing.public_key()

    def public_key_b64(self) -> str:
        """The platform's Ed25519 public key (raw, base64)."""
        return _b64(self.public_key.public_bytes_raw())

    def certify(self, terminal_id: str, public_key_b64: str) -> dict[str, str]:
        """A certificate binding ``terminal_id`` to its Ed25519 public key; 422 if not a key."""
        try:
            raw = base64.b64decode(public_key_b64, validate=True)
            Ed25519PublicKey.from_public_bytes(raw)
        except (binascii.Error, ValueError):
            raise ApiError(
                422, "invalid_public_key", "public_key must be a raw Ed25519 key, base64"
            ) from None
        certificate = {
            "format": CERTIFICATE_FORMAT,
            "terminal_id": terminal_id,
            "public_key": _b64(raw),
            "issued_at": now_utc().isoformat(),
        }
        certificate["signature"] = _b64(self._signing.sign(certificate_body(certificate)))
        return certificate

    def sign_revocation_list(self, document: dict[str, Any]) -> dict[str, Any]:
        """The revocation list with the platform's signature (central.revocations.list_body)."""
        return {**document, "signature": _b64(self._signing.sign(list_body(document)))}


class BundleRefused(ApiError):
    """The bundle cannot be imported (422 with the reason as the error code)."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(422, f"bundle_{reason}", detail)


def _inconsistent(what: str) -> BundleRefused:
    return BundleRefused("inconsistent", f"the bundle is inconsistent: {what}")


@dataclass
class BundleContent:
    """A verified bundle: who made it, its applications and their attachments' bytes."""

    bundle_id: str = ""
    signer: str = ""
    key_id: str = ""  # of the signer's public key (central.revocations.terminal_key_id)
    certificate_issued_at: str = ""
    applications: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _read(handle: IO[bytes], size: int) -> bytes:
    data = handle.read(size)
    if len(data) != size:
        raise BundleRefused("truncated", "the bundle file is cut off")
    return data


def _records(handle: IO[bytes], prefix: bytes, cipher: AESGCM) -> Iterator[tuple[bytes, bool]]:
    index = 0
    while True:
        head = handle.read(4)
        if len(head) != 4:
            raise BundleRefused("truncated", "the bundle file is cut off")
        (length,) = struct.unpack(">I", head)
        if length < TAG_BYTES + 1 or length > MAX_RECORD:
            raise BundleRefused("damaged", "the bundle is damaged or was altered")
        sealed = _read(handle, length)
        for last in (False, True):
            try:
                plaintext = cipher.decrypt(_nonce(index, last), sealed, prefix)
            except InvalidTag:
                continue
            # Checked before the last record is handed out: its reader stops there.
            if last and handle.read(1):
                raise BundleRefused("damaged", "the bundle has data after its end")
            yield plaintext, last
            break
        else:
            raise BundleRefused("damaged", "the bundle is damaged or was altered")
        if last:
            return
        index += 1


def read_bundle(handle: IO[bytes], keys: CityKeys) -> BundleContent:
    """Decrypt and verify a whole bundle into memory; BundleRefused (422) if anything is off."""
    if handle.read(len(MAGIC)) != MAGIC:
        raise BundleRefused("not_a_bundle", "this is not a queue bundle")
    (length,) = struct.unpack(">I", _read(handle, 4))
    if length > MAX_HEADER:
        raise BundleRefused("damaged", "the bundle header is damaged")
    raw = _read(handle, length)
    try:
        header = json.loads(raw)
        salt = base64.b64decode(str(header["salt"]), validate=True)
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise BundleRefused("damaged", "the bundle header is damaged") from None
    if header.get("format") != FORMAT:
        raise BundleRefused("not_a_bundle", "unknown bundle format")
    if header.get("key_id") != key_id(keys.city_key):
        raise BundleRefused("other_city", "this bundle was made for another city platform")
    prefix = MAGIC + struct.pack(">I", length) + raw
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=FORMAT.encode()).derive(
        keys.city_key
    )
    content = BundleContent(bundle_id=str(header.get("bundle_id", "")))
    digest = hashlib.sha256(prefix)
    expected: list[dict[str, Any]] = []
    for plaintext, last in _records(handle, prefix, AESGCM(derived)):
        kind, body = plaintext[:1], plaintext[1:]
        if last:
            if kind != b"S" or expected:
                raise _inconsistent("it does not end with a seal after every attachment")
            certificate = _check_seal(body, digest.digest(), len(content.applications), keys)
            content.signer = str(certificate.get("terminal_id", ""))
            content.key_id = key_id_of(str(certificate["public_key"]))
            content.certificate_issued_at = str(certificate.get("issued_at", ""))
            return content
        digest.update(struct.pack(">I", len(plaintext)) + plaintext)
        if kind == b"A":
            if expected:
                raise _inconsistent("an attachment is missing")
            try:
                entry = json.loads(body)
                expected = list(entry["attachments"])
                uuid.UUID(str(entry["application_id"]))
            except (ValueError, KeyError, TypeError):
                raise _inconsistent("an application record is malformed") from None
            content.applications.append(entry)
        elif kind == b"F":
            if not expected:
                raise _inconsistent("an attachment belongs to no application")
            attachment_id, data = body[:36].decode("ascii", "replace"), body[36:]
            wanted = expected.pop(0)
            if (
                wanted.get("attachment_id") != attachment_id
                or wanted.get("size") != len(data)
                or hashlib.sha256(data).hexdigest() != wanted.get("sha256")
            ):
                raise _inconsistent(f"attachment {attachment_id} does not match its checksum")
            content.files[attachment_id] = data
        else:
            raise _inconsistent("unknown record")
    raise BundleRefused("truncated", "the bundle file is cut off")  # pragma: no cover


def _check_seal(body: bytes, digest: bytes, count: int, keys: CityKeys) -> dict[str, Any]:
    """The seal's certificate, once it and the signature over ``digest`` are verified."""
    try:
        seal = json.loads(body)
        signature = base64.b64decode(str(seal["signature"]), validate=True)
        certificate = seal["certificate"]
        cert_signature = base64.b64decode(str(certificate["signature"]), validate=True)
        public = Ed25519PublicKey.from_public_bytes(
            base64.b64decode(str(certificate["public_key"]), validate=True)
        )
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise _inconsistent("the seal is unreadable") from None
    if not isinstance(certificate, dict):
        raise _inconsistent("the seal is unreadable")
    if seal.get("applications") != count:
        raise _inconsistent("the number of applications does not match the seal")
    try:
        if certificate.get("format") != CERTIFICATE_FORMAT:
            raise InvalidSignature
        keys.public_key.verify(cert_signature, certificate_body(certificate))
    except InvalidSignature:
        raise BundleRefused(
            "untrusted", "the bundle was signed by a terminal this platform did not certify"
        ) from None
    try:
        public.verify(signature, SIGNATURE_CONTEXT + digest)
    except InvalidSignature:
        raise BundleRefused("untrusted", "the terminal's signature does not match") from None
    return certificate


def origin_mismatch(entry: dict[str, Any], signer: str) -> str | None:
    """Why an application record cannot be taken from a bundle ``signer`` signed: it names
    another terminal as its origin (None: it names the signer)."""
    claimed = entry.get("origin_terminal_id")
    if claimed == signer:
        return None
    return (
        f"the application names terminal {claimed} as its origin, but the bundle was signed by"
        f" terminal {signer}: an application is taken only from the terminal that made it"
    )


def submission_body(
    entry: dict[str, Any], upload_ids: dict[str, str], origin: str
) -> dict[str, Any]:
    """The submission a terminal would send for a bundled application (same content), with
    ``origin`` (the verified signer) as the terminal that made it."""
    application = entry.get("application") or {}
    body: dict[str, Any] = {
        "application_id": entry["application_id"],
        "receipt_number": entry["receipt_number"],
        "terminal_id": origin,
        "service_code": entry["service_code"],
        "form_id": entry["form_id"],
        "form_version": entry["form_version"],
        "finalized_at": application.get("finalized_at", entry.get("created_at")),
        "data": application.get("data", {}),
        "identity": application.get("identity", {}),
        "consent": application.get("consent", {}),
        "attachments": [
            {
                "upload_id": upload_ids[a["attachment_id"]],
                "attachment_id": a["attachment_id"],
                "material_code": a["material_code"],
                "pages": a["pages"],
                "size": a["size"],
                "sha256": a["sha256"],
            }
            for a in entry["attachments"]
        ],
    }
    for extra in ("assisted_by", "location"):
        if application.get(extra) is not None:
            body[extra] = application[extra]
    return body
