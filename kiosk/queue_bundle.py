"""Queue bundles (sneakernet): the outbox carried on a USB drive to a terminal that has a network.

Design
------
Keys. At enrollment every terminal makes an Ed25519 signing key and asks the platform for its
bundle credentials (``POST /terminals/me/bundle-credentials``, see kiosk.sync.enrollment): the
city-wide 256-bit bundle key, a certificate of the terminal's public key signed by the
platform's own Ed25519 key, and that platform public key. All four land in the secrets file.
Only a terminal of the same city platform holds the bundle key, so only it can open a bundle;
the signature tells it which terminal made the bundle, checked offline against the platform
key it got at its own enrollment (no network call at import).

File format (``.owq``), all integers big-endian::

    MAGIC (8 bytes "OWQBNDL\\x01") | header length (u32) | header (UTF-8 JSON) | record*
    record = ciphertext length (u32) | AES-256-GCM ciphertext with its 16-byte tag

The header holds the format name, the bundle id, the id of the city key (a hash prefix, so a
bundle of another city is named as such rather than "damaged"), a random 32-byte salt and the
creation time: nothing personal. The records use a key derived for this bundle alone
(HKDF-SHA256 of the city key with the salt) and the STREAM construction: the nonce of record
``i`` is ``i`` (11 bytes) followed by 1 for the last record and 0 for the others, and every
record's associated data is the magic, length and header. So a changed byte anywhere, records
swapped, dropped or cut off, or data after the last record, are all refused.

Record plaintexts: ``A`` + application JSON (ids, receipt number, origin terminal, state, the
application itself and its attachment list), then ``F`` + attachment id (36 bytes) + the
attachment's bytes for each of its attachments, and last ``S`` + JSON of the exporting
terminal's certificate and its Ed25519 signature over SHA-256 of the header and every earlier
plaintext (each with its u32 length). The same format is read by the platform (central.bundles,
which imports nothing of ours, so it has its own reader of this format).

Export writes to a temporary file next to the target, fsyncs and renames it. The exported
applications keep their state in this outbox, with the export noted (``bundle_exports``): if
the drive is lost nothing is lost, and the terminal still sends them when it gets a network.
They are never counted twice: the platform's ``Idempotency-Key`` is the application id, and it
answers a second submission of the same application (from any terminal) with the original
official number.

Import checks everything while it reads (decryption, sizes and SHA-256 of each attachment, the
certificate and signature at the end) and only then inserts the applications new here, in one
outbox transaction, with their original ids, receipt numbers and origin terminal; attachment
files written on the way are removed when the bundle is refused. Importing a bundle again, or
one whose applications are already here (or already sent from here), inserts nothing.

Revoked terminals. When a terminal is lost or stolen the platform revokes its certificate and
lists its key id in a signed revocation list that every terminal pulls with its sync
(kiosk.sync.revocation_pull). Import refuses a bundle whose signer's key is on the kept list
(``Refusal.REVOKED``), whatever export time the bundle claims: that time is signed with the
very key that was lost, so it proves nothing (the platform's rule, central.revocations, is the
same; only the platform's staff may let such a bundle in). A terminal that has never pulled a
list checks only the certificate.

Relaying. The bundle itself (not only its applications) is kept and forwarded to the platform
with the next sync (kiosk.sync.relay_push): the platform checks the signature, the certificate
and its revocation again, records the signer as the origin of each application and this
terminal as the relay, and refuses an application that names another origin than the signer.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import os
import secrets
import struct
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from config.secrets import Secrets
from kiosk.applications import open_application
from kiosk.sync.relay_push import keep_for_relay
from kiosk.sync.revocation_pull import RevocationList, stored_revocations, terminal_key_id
from offline_cache.errors import RecordTamperedError
from offline_cache.outbox import (
    ApplicationState,
    AttachmentRow,
    ImportedApplication,
    PendingRating,
)
from offline_cache.store import OfflineStore
from offline_cache.vault import RecordKind

FORMAT = "onewindow-queue-bundle/1"
CERTIFICATE_FORMAT = "onewindow-terminal-certificate/1"
MAGIC = b"OWQBNDL\x01"
BUNDLE_SUFFIX = ".owq"
MAX_HEADER = 4096
MAX_RECORD = 96 * 1024 * 1024  # attachments are at most 64 MiB at the platform
TAG_BYTES = 16
SIGNATURE_CONTEXT = b"onewindow-queue-bundle/1 signature\0"
KEY_ID_CONTEXT = b"onewindow-bundle-key-id\0"
EXPORTABLE = (ApplicationState.FINALIZED, ApplicationState.UPLOADING)
ITEM_APPLICATION = b"A"
ITEM_FILE = b"F"
ITEM_SEAL = b"S"


class Refusal(StrEnum):
    """Why a bundle was refused."""

    NO_KEYS = "no_keys"
    NOT_A_BUNDLE = "not_a_bundle"
    OTHER_CITY = "other_city"
    DAMAGED = "damaged"
    TRUNCATED = "truncated"
    UNTRUSTED = "untrusted"
    INCONSISTENT = "inconsistent"
    REVOKED = "revoked"  # signed by a terminal whose certificate the platform revoked


class BundleRefused(Exception):
    """The bundle cannot be used; ``reason`` says why, the message says it for a person."""

    def __init__(self, reason: Refusal, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class NothingToExport(Exception):
    """No application is waiting to be sent: no bundle was written."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise BundleRefused(
            Refusal.NO_KEYS, f"the {what} in the secrets file is not base64"
        ) from None


def key_id(city_key: bytes) -> str:
    """A short public name of a city bundle key (a hash prefix; says nothing of the key)."""
    return hashlib.sha256(KEY_ID_CONTEXT + city_key).hexdigest()[:16]


def certificate_body(certificate: dict[str, Any]) -> bytes:
    """The bytes the platform signs in a terminal certificate (canonical JSON, no signature)."""
    body = {k: certificate.get(k) for k in ("format", "terminal_id", "public_key", "issued_at")}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass(frozen=True)
class BundleKeys:
    """What a terminal needs to write and read bundles, from its secrets file."""

    city_key: bytes
    platform_key: Ed25519PublicKey
    signing_key: Ed25519PrivateKey
    certificate: dict[str, Any]

    @classmethod
    def from_secrets(cls, secrets_: Secrets) -> BundleKeys:
        """The keys in the secrets file; BundleRefused(NO_KEYS) if enrollment did not give them."""
        if (
            secrets_.bundle_key is None
            or secrets_.bundle_signing_key is None
            or secrets_.bundle_certificate is None
            or secrets_.platform_public_key is None
        ):
            raise BundleRefused(
                Refusal.NO_KEYS,
                "this terminal holds no bundle keys: enroll it again (or rotate its credentials"
                " while online) so the platform issues them",
            )
        city_key = _unb64(secrets_.bundle_key.get_secret_value(), "bundle key")
        signing = _unb64(secrets_.bundle_signing_key.get_secret_value(), "signing key")
        platform = _unb64(secrets_.platform_public_key, "platform public key")
        try:
            certificate = json.loads(secrets_.bundle_certificate)
            keys = cls(
                city_key=city_key,
                platform_key=Ed25519PublicKey.from_public_bytes(platform),
                signing_key=Ed25519PrivateKey.from_private_bytes(signing),
                certificate=dict(certificate),
            )
        except (ValueError, TypeError):
            raise BundleRefused(
                Refusal.NO_KEYS, "the bundle keys in the secrets file are damaged"
            ) from None
        if len(city_key) != 32:
            raise BundleRefused(
                Refusal.NO_KEYS, "the bundle key in the secrets file is not 256-bit"
            )
        return keys


def verify_certificate(
    certificate: object, platform_key: Ed25519PublicKey
) -> tuple[str, Ed25519PublicKey]:
    """(terminal id, its public key) of a certificate signed by our platform; else BundleRefused."""
    if not isinstance(certificate, dict) or certificate.get("format") != CERTIFICATE_FORMAT:
        raise BundleRefused(Refusal.UNTRUSTED, "the bundle carries no terminal certificate")
    try:
        signature = base64.b64decode(str(certificate.get("signature", "")), validate=True)
        platform_key.verify(signature, certificate_body(certificate))
        public = Ed25519PublicKey.from_public_bytes(
            base64.b64decode(str(certificate["public_key"]), validate=True)
        )
    except (InvalidSignature, binascii.Error, ValueError, KeyError):
        raise BundleRefused(
            Refusal.UNTRUSTED,
            "the bundle was signed by a terminal this platform did not certify",
        ) from None
    return str(certificate.get("terminal_id", "")), public


def _bundle_cipher(city_key: bytes, salt: bytes) -> AESGCM:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=FORMAT.encode()).derive(
        city_key
    )
    return AESGCM(derived)


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


# --- writing ----------------------------------------------------------------------------------


class BundleWriter:
    """Writes one bundle to an open binary file, record by record (bounded memory)."""

    def __init__(self, handle: IO[bytes], keys: BundleKeys, bundle_id: str, now: datetime) -> None:
        salt = secrets.token_bytes(32)
        header = json.dumps(
            {
                "format": FORMAT,
                "bundle_id": bundle_id,
                "key_id": key_id(keys.city_key),
                "salt": _b64(salt),
                "created_at": now.isoformat(),
            },
            sort_keys=True,
        ).encode()
        self._prefix = MAGIC + struct.pack(">I", len(header)) + header
        self._handle = handle
        self._keys = keys
        self._cipher = _bundle_cipher(keys.city_key, salt)
        self._digest = hashlib.sha256(self._prefix)
        self._index = 0
        handle.write(self._prefix)

    def _record(self, plaintext: bytes, last: bool = False) -> None:
        if not last:
            self._digest.update(struct.pack(">I", len(plaintext)) + plaintext)
        sealed = self._cipher.encrypt(_nonce(self._index, last), plaintext, self._prefix)
        self._handle.write(struct.pack(">I", len(sealed)) + sealed)
        self._index += 1

    def add_application(self, entry: dict[str, Any]) -> None:
        """One application's record (its attachments follow with ``add_file``)."""
        self._record(ITEM_APPLICATION + json.dumps(entry, ensure_ascii=False).encode())

    def add_file(self, attachment_id: str, data: bytes) -> None:
        """One attachment's bytes."""
        self._record(ITEM_FILE + str(uuid.UUID(attachment_id)).encode("ascii") + data)

    def finish(self, applications: int) -> None:
        """The last record: certificate and signature over everything before it."""
        signature = self._keys.signing_key.sign(SIGNATURE_CONTEXT + self._digest.digest())
        seal = {
            "certificate": self._keys.certificate,
            "signature": _b64(signature),
            "applications": applications,
        }
        self._record(ITEM_SEAL + json.dumps(seal).encode(), last=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class ExportResult:
    """A bundle written: where, its id, and how many applications and attachments it holds."""

    path: Path
    bundle_id: str
    applications: int
    attachments: int
    size_bytes: int
    application_ids: tuple[str, ...] = field(repr=False, default=())
    skipped: tuple[str, ...] = ()  # receipt numbers of applications damaged here, left out


def bundle_file_name(terminal_id: str, now: datetime) -> str:
    """The file name used when the target is a folder (a drive's root)."""
    return f"queue-{terminal_id}-{now.astimezone(UTC):%Y%m%dT%H%M%SZ}{BUNDLE_SUFFIX}"


def _application_entry(
    store: OfflineStore, record_id: str, terminal_id: str, ratings: dict[str, PendingRating]
) -> dict[str, Any]:
    record = store.outbox.get(record_id)
    assert record is not None
    rating = ratings.get(record_id)
    return {
        # A rating given offline travels with its application (levels and reason codes only).
        "rating": {"level": rating.level, "reasons": list(rating.reasons)} if rating else None,
        "application_id": record.application_id,
        "receipt_number": record.receipt_number,
        "origin_terminal_id": store.outbox.origin_terminal(record.application_id) or terminal_id,
        "service_code": record.service_code,
        "form_id": record.form_id,
        "form_version": record.form_version,
        "state": record.state.value,
        "created_at": record.created_at.isoformat(),
        "application": open_application(store, record.application_id),
        "attachments": [
            {
                "attachment_id": a.attachment_id,
                "material_code": a.material_code,
                "pages": a.pages,
                "size": a.size,
                "sha256": a.sha256,
            }
            for a in store.outbox.attachments(record.application_id)
        ],
    }


def export_queue(
    store: OfflineStore,
    secrets_: Secrets,
    terminal_id: str,
    target: Path,
    now: datetime | None = None,
) -> ExportResult:
    """Write every application still to send into one bundle at ``target`` (a file, or a
    folder to put it in), atomically; the applications stay here with the export noted.

    Raises NothingToExport, BundleRefused(NO_KEYS), FileExistsError for an existing file, or
    OSError (nothing is left at the target then). Applications damaged here are left out and
    named in ``skipped``.
    """
    keys = BundleKeys.from_secrets(secrets_)
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    records = store.outbox.in_state(*EXPORTABLE)
    if not records:
        raise NothingToExport("no application is waiting to be sent")
    path = target / bundle_file_name(terminal_id, moment) if target.is_dir() else target
    if path.exists():
        raise FileExistsError(f"{path} exists already")
    bundle_id = str(uuid.uuid4())
    ratings = {r.application_id: r for r in store.outbox.pending_ratings()}
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    files = 0
    ids: list[str] = []
    skipped: list[str] = []
    try:
        with temp.open("xb") as handle:
            writer = BundleWriter(handle, keys, bundle_id, moment)
            for record in records:
                try:
                    entry, contents = _checked(store, record.application_id, terminal_id, ratings)
                except RecordTamperedError:
                    # Damaged here: it could not be sent from here either (the engine
                    # quarantines it). The others still go.
                    skipped.append(record.receipt_number)
                    continue
                writer.add_application(entry)
                for attachment_id, data in contents:
                    writer.add_file(attachment_id, data)
                files += len(contents)
                ids.append(record.application_id)
            if not ids:
                raise NothingToExport("every application waiting here is damaged")
            writer.finish(len(ids))
            handle.flush()
            os.fsync(handle.fileno())
        temp.replace(path)
        _fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    store.outbox.note_export(ids, bundle_id, moment)
    size = path.stat().st_size
    return ExportResult(path, bundle_id, len(ids), files, size, tuple(ids), tuple(skipped))


def _checked(
    store: OfflineStore, application_id: str, terminal_id: str, ratings: dict[str, PendingRating]
) -> tuple[dict[str, Any], list[tuple[str, bytes]]]:
    """An application's record and its attachments' bytes, each checked against its SHA-256;
    RecordTamperedError if anything of it is damaged or missing here."""
    entry = _application_entry(store, application_id, terminal_id, ratings)
    contents = []
    for attachment in entry["attachments"]:
        data = store.vault.read_attachment(attachment["attachment_id"])
        if (
            attachment["sha256"] is not None
            and hashlib.sha256(data).hexdigest() != attachment["sha256"]
        ):
            raise RecordTamperedError(
                f"attachment {attachment['attachment_id']} changed since finalize"
            )
        contents.append((str(attachment["attachment_id"]), data))
    return entry, contents


# --- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BundleApplication:
    """One application read from a bundle (its attachments come as BundleFile items)."""

    entry: dict[str, Any]

    @property
    def application_id(self) -> str:
        """The application's id (UUIDv7 from its origin terminal)."""
        return str(self.entry["application_id"])


@dataclass(frozen=True)
class BundleFile:
    """One attachment's bytes, already checked against its application's list."""

    application_id: str
    attachment_id: str
    data: bytes


@dataclass
class BundleReader:
    """Reads and checks a bundle; ``items()`` yields its content, and raises BundleRefused as
    soon as something is wrong. Only when ``items()`` ends normally is the bundle verified
    (``signer`` is then the terminal that made it)."""

    handle: IO[bytes]
    city_key: bytes
    platform_key: Ed25519PublicKey
    revocations: RevocationList | None = None
    bundle_id: str = ""
    signer: str = ""
    created_at: str = ""

    def _read(self, size: int) -> bytes:
        data = self.handle.read(size)
        if len(data) != size:
            raise BundleRefused(Refusal.TRUNCATED, "the bundle file is cut off (incomplete copy?)")
        return data

    def _header(self) -> tuple[bytes, dict[str, Any]]:
        magic = self.handle.read(len(MAGIC))
        if magic != MAGIC:
            raise BundleRefused(Refusal.NOT_A_BUNDLE, "this file is not a queue bundle")
        (length,) = struct.unpack(">I", self._read(4))
        if length > MAX_HEADER:
            raise BundleRefused(Refusal.DAMAGED, "the bundle header is damaged")
        raw = self._read(length)
        try:
            header = json.loads(raw)
            if not isinstance(header, dict):
                raise ValueError("not an object")
        except ValueError:
            raise BundleRefused(Refusal.DAMAGED, "the bundle header is damaged") from None
        if header.get("format") != FORMAT:
            raise BundleRefused(Refusal.NOT_A_BUNDLE, "unknown bundle format")
        if header.get("key_id") != key_id(self.city_key):
            raise BundleRefused(
                Refusal.OTHER_CITY,
                "this bundle was made for another city platform: this terminal cannot open it",
            )
        return MAGIC + struct.pack(">I", length) + raw, header

    def _records(self, prefix: bytes, cipher: AESGCM) -> Iterator[tuple[bytes, bool]]:
        index = 0
        while True:
            head = self.handle.read(4)
            if len(head) != 4:
                raise BundleRefused(
                    Refusal.TRUNCATED, "the bundle file is cut off (incomplete copy?)"
                )
            (length,) = struct.unpack(">I", head)
            if length < TAG_BYTES + 1 or length > MAX_RECORD:
                raise BundleRefused(Refusal.DAMAGED, "the bundle is damaged or was altered")
            sealed = self._read(length)
            for last in (False, True):
                try:
                    plaintext = cipher.decrypt(_nonce(index, last), sealed, prefix)
                except InvalidTag:
                    continue
                # Checked before the last record is handed out: its reader stops there.
                if last and self.handle.read(1):
                    raise BundleRefused(Refusal.DAMAGED, "the bundle has data after its end")
                yield plaintext, last
                break
            else:
                raise BundleRefused(Refusal.DAMAGED, "the bundle is damaged or was altered")
            if last:
                return
            index += 1

    def items(self) -> Iterator[BundleApplication | BundleFile]:
        """Applications and files in order; the signature is checked after the last one."""
        prefix, header = self._header()
        self.bundle_id = str(header.get("bundle_id", ""))
        self.created_at = str(header.get("created_at", ""))
        try:
            salt = base64.b64decode(str(header.get("salt", "")), validate=True)
        except binascii.Error:
            raise BundleRefused(Refusal.DAMAGED, "the bundle header is damaged") from None
        digest = hashlib.sha256(prefix)
        expected: list[dict[str, Any]] = []
        current = ""
        count = 0
        for plaintext, last in self._records(prefix, _bundle_cipher(self.city_key, salt)):
            kind, body = plaintext[:1], plaintext[1:]
            if last:
                if kind != ITEM_SEAL:
                    raise BundleRefused(Refusal.INCONSISTENT, "the bundle does not end with a seal")
                self._check_seal(body, digest.digest(), count, expected)
                return
            digest.update(struct.pack(">I", len(plaintext)) + plaintext)
            if kind == ITEM_APPLICATION:
                if expected:
                    raise _inconsistent("an attachment is missing")
                application = BundleApplication(_application_json(body))
                current = application.application_id
                expected = list(application.entry["attachments"])
                count += 1
                yield application
            elif kind == ITEM_FILE:
                if not expected:
                    raise _inconsistent("an attachment belongs to no application")
                attachment_id, data = body[:36].decode("ascii", "replace"), body[36:]
                wanted = expected.pop(0)
                if (
                    wanted["attachment_id"] != attachment_id
                    or wanted["size"] != len(data)
                    or (
                        wanted["sha256"] is not None
                        and hashlib.sha256(data).hexdigest() != wanted["sha256"]
                    )
                ):
                    raise _inconsistent(f"attachment {attachment_id} does not match its checksum")
                yield BundleFile(current, attachment_id, data)
            else:
                raise _inconsistent("unknown record")

    def _check_seal(
        self, body: bytes, digest: bytes, count: int, expected: list[dict[str, Any]]
    ) -> None:
        if expected:
            raise _inconsistent("an attachment is missing")
        try:
            seal = json.loads(body)
            signature = base64.b64decode(str(seal["signature"]), validate=True)
        except (ValueError, KeyError, TypeError, binascii.Error):
            raise _inconsistent("the seal is unreadable") from None
        if seal.get("applications") != count:
            raise _inconsistent("the number of applications does not match the seal")
        signer, public = verify_certificate(seal.get("certificate"), self.platform_key)
        revoked = (
            self.revocations.lookup(terminal_key_id(public.public_bytes_raw()))
            if self.revocations is not None
            else None
        )
        if revoked is not None:
            when = revoked.revoked_at.astimezone(UTC)
            raise BundleRefused(
                Refusal.REVOKED,
                f"signed by a revoked terminal — the platform revoked terminal {signer}'s"
                f" bundle certificate on {when:%Y-%m-%d %H:%M} UTC (lost or stolen). Nothing"
                " was imported; hand the drive to the platform's staff.",
            )
        try:
            public.verify(signature, SIGNATURE_CONTEXT + digest)
        except InvalidSignature:
            raise BundleRefused(
                Refusal.UNTRUSTED, f"the signature of terminal {signer} does not match the bundle"
            ) from None
        self.signer = signer


def _inconsistent(what: str) -> BundleRefused:
    return BundleRefused(Refusal.INCONSISTENT, f"the bundle is inconsistent: {what}")


_ENTRY_FIELDS = {
    "application_id": str,
    "receipt_number": str,
    "origin_terminal_id": str,
    "service_code": str,
    "form_id": str,
    "form_version": int,
    "created_at": str,
    "application": dict,
    "attachments": list,
}


def _application_json(body: bytes) -> dict[str, Any]:
    try:
        entry = json.loads(body)
        if not isinstance(entry, dict):
            raise ValueError("not an object")
        for name, kind in _ENTRY_FIELDS.items():
            if not isinstance(entry.get(name), kind):
                raise ValueError(name)
        uuid.UUID(entry["application_id"])
        datetime.fromisoformat(entry["created_at"])
        for a in entry["attachments"]:
            uuid.UUID(a["attachment_id"])
            if not isinstance(a["size"], int) or not isinstance(a["pages"], int):
                raise ValueError("attachment")
            str(a["material_code"])
    except (ValueError, KeyError, TypeError):
        raise _inconsistent("an application record is malformed") from None
    return entry


# --- importing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    """What an import did: the bundle, the terminal that made it, new and already known."""

    bundle_id: str
    signer: str
    new: int
    known: int
    new_ids: tuple[str, ...] = field(repr=False, default=())

    @property
    def summary(self) -> str:
        """ "n new, m already known"."""
        return f"{self.new} new, {self.known} already known"


def _imported(entry: dict[str, Any], sealed: bytes) -> ImportedApplication:
    return ImportedApplication(
        application_id=entry["application_id"],
        receipt_number=entry["receipt_number"],
        origin_terminal_id=entry["origin_terminal_id"],
        service_code=entry["service_code"],
        form_id=entry["form_id"],
        form_version=int(entry["form_version"]),
        created_at=datetime.fromisoformat(entry["created_at"]),
        sealed_payload=sealed,
        attachments=tuple(
            AttachmentRow(
                str(a["attachment_id"]),
                str(a["material_code"]),
                int(a["pages"]),
                int(a["size"]),
                a.get("sha256"),
            )
            for a in entry["attachments"]
        ),
    )


def import_bundle(
    store: OfflineStore, secrets_: Secrets, path: Path, now: datetime | None = None
) -> ImportResult:
    """Verify and decrypt the bundle at ``path`` (its signer not on the kept revocation list),
    then add the applications new here to the outbox in one transaction. Raises BundleRefused
    (outbox untouched) or OSError."""
    keys = BundleKeys.from_secrets(secrets_)
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    written: list[str] = []
    new: list[ImportedApplication] = []
    known = 0
    in_use = store.outbox.referenced_attachment_ids()
    ratings: dict[str, object] = {}
    try:
        with path.open("rb") as handle:
            reader = BundleReader(
                handle,
                keys.city_key,
                keys.platform_key,
                stored_revocations(store.data_dir, keys.platform_key),
            )
            take = False
            for item in reader.items():
                if isinstance(item, BundleApplication):
                    take = store.outbox.get(item.application_id) is None
                    if not take:
                        known += 1
                        continue
                    plaintext = json.dumps(
                        item.entry["application"], ensure_ascii=False, sort_keys=True
                    ).encode()
                    sealed = store.vault.seal(
                        item.application_id, RecordKind.APPLICATION, plaintext
                    )
                    new.append(_imported(item.entry, sealed))
                    ratings[item.application_id] = item.entry.get("rating")
                elif take:
                    if item.attachment_id in in_use:
                        raise _inconsistent(f"attachment {item.attachment_id} is already used here")
                    store.vault.put_attachment_as(item.attachment_id, item.data)
                    written.append(item.attachment_id)
        # A copy of the bundle goes to the platform whole with the next sync
        # (kiosk.sync.relay_push), so the platform itself checks who made each application.
        commit = keep_for_relay(store.data_dir, path, reader.bundle_id) if new else None
        inserted: list[str] = []
        try:
            inserted = list(store.outbox.insert_imported(new, moment))
        finally:
            if commit is not None:
                commit(inserted)
        for app_id in inserted:
            rating = ratings.get(app_id)
            if isinstance(rating, dict) and isinstance(rating.get("level"), str):
                reasons = tuple(str(r) for r in rating.get("reasons") or ())
                store.outbox.queue_rating(app_id, rating["level"], reasons, moment)
    except BaseException:
        for attachment_id in written:
            with contextlib.suppress(OSError):
                store.vault.delete_attachment(attachment_id)
        raise
    known += len(new) - len(inserted)
    return ImportResult(reader.bundle_id, reader.signer, len(inserted), known, tuple(inserted))


__all__ = [
    "BundleKeys",
    "BundleReader",
    "BundleRefused",
    "BundleWriter",
    "ExportResult",
    "ImportResult",
    "NothingToExport",
    "Refusal",
    "export_queue",
    "import_bundle",
    "key_id",
    "verify_certificate",
]
