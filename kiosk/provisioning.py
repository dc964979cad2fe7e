"""Provisioning by QR code: a signed settings subset (and maybe an enrollment code) in one scan.

The payload is ``OWKP1:`` + base64url( zlib(JSON) ‖ Ed25519 signature ), the way field data
collection tools provision devices: compressed JSON so it fits a QR code, signed by the
platform's provisioning key over ``OWKP1:`` + the compressed bytes. The terminal trusts only the
public key set at install (``provisioning.public_key``); an unsigned, tampered, foreign or
malformed payload is refused with a reason and the settings file is not touched.

The JSON is ``{"v": 1, "issued_at": ISO time, "config": {section: {key: value}},
"enrollment_code": optional}``. Only the sections in ``ALLOWED_SECTIONS`` may be set: storage
paths, logging and the trust anchors (the provisioning key, the staff CA) stay as installed.
Applying merges the subset into the settings file through kiosk.config_store (validated by the
schema as a whole, written atomically, previous file kept), then spends the enrollment code.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from config.errors import ConfigError
from config.schema import KioskSettings
from kiosk.audit import AuditError, AuditKind, AuditLog
from kiosk.config_store import ConfigStore, ConfigStoreError
from kiosk.sync.enrollment import enroll as enroll_terminal

log = logging.getLogger(__name__)

PREFIX = "OWKP1:"
FORMAT_VERSION = 1
SIGNATURE_BYTES = 64
MAX_JSON_BYTES = 64 * 1024  # a QR code holds < 3 KB; anything that inflates beyond is hostile
ALLOWED_SECTIONS = frozenset({"terminal", "platform", "ui", "session", "sync", "mobile", "devices"})


class ProvisioningRefused(Exception):
    """The payload was refused; ``reason`` says why (safe to show a technician)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ProvisioningPayload:
    """What a verified payload carries."""

    config: Mapping[str, Mapping[str, Any]]
    enrollment_code: str | None
    issued_at: str


@dataclass(frozen=True)
class ProvisioningResult:
    """What applying a payload did: keys changed, the settings now, the enrollment's client id."""

    changed_keys: tuple[str, ...]
    settings: KioskSettings
    client_id: str | None


def public_key_text(key: Ed25519PublicKey) -> str:
    """The form ``provisioning.public_key`` takes: base64 of the 32 raw bytes."""
    return base64.b64encode(key.public_bytes_raw()).decode("ascii")


def encode_payload(content: Mapping[str, Any], key: Ed25519PrivateKey) -> str:
    """Sign and pack ``content`` (the platform does this; tests and tools too)."""
    compressed = zlib.compress(
        json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode(), 9
    )
    signature = key.sign(PREFIX.encode() + compressed)
    return PREFIX + base64.urlsafe_b64encode(compressed + signature).decode("ascii").rstrip("=")


def _trusted_key(public_key: str | None) -> Ed25519PublicKey:
    if public_key is None:
        raise ProvisioningRefused(
            "no provisioning key is configured on this terminal (provisioning.public_key)"
        )
    try:
        raw = base64.b64decode(public_key + "=" * (-len(public_key) % 4), altchars=b"-_")
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError):
        raise ProvisioningRefused("the configured provisioning key is not valid") from None


def decode_payload(text: str, public_key: str | None) -> ProvisioningPayload:
    """Check the signature with the trusted key and unpack; ProvisioningRefused otherwise."""
    key = _trusted_key(public_key)
    text = text.strip()
    if not text.startswith(PREFIX):
        raise ProvisioningRefused(f"not a provisioning code (it does not start with {PREFIX})")
    body = text[len(PREFIX) :]
    try:
        blob = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise ProvisioningRefused("the code is damaged (not base64url)") from None
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(blob, MAX_JSON_BYTES)
    except zlib.error:
        raise ProvisioningRefused("the code is damaged (its data cannot be unpacked)") from None
    if inflater.unconsumed_tail:
        raise ProvisioningRefused("the code unpacks to more data than a provisioning code holds")
    if not inflater.eof:
        raise ProvisioningRefused("the code is damaged (its data is cut short)")
    signature = inflater.unused_data
    compressed = blob[: len(blob) - len(signature)]
    if not signature:
        raise ProvisioningRefused("the code is not signed")
    if len(signature) != SIGNATURE_BYTES:
        raise ProvisioningRefused("the code's signature is damaged")
    try:
        key.verify(signature, PREFIX.encode() + compressed)
    except InvalidSignature:
        raise ProvisioningRefused(
            "the signature does not match: the code was altered or not made by this platform"
        ) from None
    return _content(raw)


def _content(raw: bytes) -> ProvisioningPayload:
    try:
        content = json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        raise ProvisioningRefused("the signed content is not JSON") from None
    if not isinstance(content, dict) or content.get("v") != FORMAT_VERSION:
        raise ProvisioningRefused(f"unsupported provisioning format (expected v {FORMAT_VERSION})")
    config = content.get("config", {})
    if not isinstance(config, dict) or not all(isinstance(v, dict) for v in config.values()):
        raise ProvisioningRefused("the config must be sections of settings")
    forbidden = sorted(set(config) - ALLOWED_SECTIONS)
    if forbidden:
        raise ProvisioningRefused(
            f"a provisioning code may not set {', '.join(forbidden)} (set at install only)"
        )
    code = content.get("enrollment_code")
    if code is not None and not isinstance(code, str):
        raise ProvisioningRefused("the enrollment code must be text")
    return ProvisioningPayload(config, code or None, str(content.get("issued_at", "")))


def _dotted(config: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    # One level deep: a table value (a printer, a card reader list) replaces the whole table.
    return {
        f"{section}.{key}": value for section, keys in config.items() for key, value in keys.items()
    }


def apply_payload(
    text: str,
    config_file: Path,
    *,
    enroll: Callable[[KioskSettings, str], str] | None = None,
    audit: AuditLog | None = None,
    actor: str = "provisioning",
) -> ProvisioningResult:
    """Verify ``text`` against the key in ``config_file``, merge it in, then enroll if it says so.

    The settings are validated as a whole before anything is written (ProvisioningRefused with
    every problem otherwise, file untouched). ``enroll`` defaults to kiosk.sync.enrollment.enroll.
    ``actor`` names who applied the code in the audit trail (the signed-in technician).
    """
    store = ConfigStore(config_file, audit=audit, actor=actor)
    try:
        current = store.load()
    except (ConfigError, ConfigStoreError) as error:
        raise ProvisioningRefused(f"the current settings cannot be read: {error}") from None
    payload = decode_payload(text, current.provisioning.public_key)
    try:
        change = store.set_values(_dotted(payload.config))
    except ConfigError as error:
        problems = "; ".join(str(problem) for problem in error.problems)
        raise ProvisioningRefused(f"the settings in the code are not valid: {problems}") from None
    except ConfigStoreError as error:
        raise ProvisioningRefused(str(error)) from None
    _record(audit, "provisioned", actor, {"keys": ", ".join(change.changed_keys) or "(none)"})
    client_id = None
    if payload.enrollment_code is not None:
        client_id = (enroll or enroll_terminal)(change.settings, payload.enrollment_code)
    log.info("terminal provisioned", extra={"keys": list(change.changed_keys)})
    return ProvisioningResult(change.changed_keys, change.settings, client_id)


def _record(audit: AuditLog | None, action: str, actor: str, details: dict[str, str]) -> None:
    if audit is None:
        return
    try:
        audit.record(AuditKind.CONFIG, action, actor=actor, details=details)
    except (OSError, AuditError) as error:
        log.error("audit entry not written: %s", type(error).__name__)


def read_qr_image(path: Path) -> str:
    """The text of the QR code in an image file (OpenCV); ProvisioningRefused if none is found."""
    import cv2

    image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    if image is None:
        raise ProvisioningRefused(f"{path} is not an image that can be read")
    return read_qr_frame(image)


def read_qr_frame(image: Any) -> str:
    """The text of the QR code in a camera frame or image array; ProvisioningRefused if none."""
    # The camera's decoder: OpenCV's classic detector misreads about one dense code in twenty.
    from kiosk.qr_camera import decode_qr_texts

    texts = decode_qr_texts(image)
    if not texts:
        raise ProvisioningRefused("no readable QR code in the image")
    return texts[0]


def payload_content(
    config: Mapping[str, Mapping[str, Any]], enrollment_code: str | None = None
) -> dict[str, Any]:
    """The JSON object a payload signs (for tools and tests)."""
    content: dict[str, Any] = {
        "v": FORMAT_VERSION,
        "issued_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "config": {section: dict(keys) for section, keys in config.items()},
    }
    if enrollment_code is not None:
        content["enrollment_code"] = enrollment_code
    return content
