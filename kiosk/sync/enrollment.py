"""Enrollment and rotation of the terminal's platform credentials, saved in the secrets file.

Rotation is safe against a crash at any point: the platform keeps the old secret valid until
the new one is first used, and the new one is used (``whoami``) only after it is on disk.
"""

from __future__ import annotations

import base64
import json
import logging

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import SecretStr

from config.schema import KioskSettings
from config.secrets import Secrets, load_secrets, write_secrets
from kiosk.audit import AuditError, AuditKind, open_audit_log
from kiosk.sync.errors import SyncError
from kiosk.sync.platform_client import PlatformClient

log = logging.getLogger(__name__)


def enroll(settings: KioskSettings, code: str, *, actor: str = "terminal") -> str:
    """Spend an enrollment code and save the credentials; returns the client id. ``actor``:
    who enrolled, for the audit trail (the technician signed in on the terminal)."""
    current = load_secrets(settings.storage.secrets_file)
    client = PlatformClient.from_settings(settings, Secrets())
    try:
        issued = client.enroll(code, settings.terminal.id)
    finally:
        client.close()
    enrolled = current.model_copy(
        update={
            "platform_client_id": issued.client_id,
            "platform_client_secret": SecretStr(issued.client_secret),
        }
    )
    write_secrets(settings.storage.secrets_file, enrolled)
    _audit(settings, "enrolled", actor)
    obtain_bundle_keys(settings, enrolled)
    return issued.client_id


def _audit(settings: KioskSettings, action: str, actor: str = "terminal") -> None:
    """An ENROLLMENT entry (terminal id only: client ids and secrets stay out of the trail)."""
    try:
        open_audit_log(settings).record(
            AuditKind.ENROLLMENT, action, actor, details={"terminal_id": settings.terminal.id}
        )
    except (OSError, AuditError) as error:
        log.error("audit entry not written: %s", type(error).__name__)


def obtain_bundle_keys(settings: KioskSettings, current: Secrets) -> bool:
    """Make this terminal's Ed25519 signing key, have the platform certify it and give the
    city's bundle key (kiosk.queue_bundle); saved in the secrets file. False if the platform
    could not be asked now (enrollment stands; rotating the credentials asks again)."""
    signing = Ed25519PrivateKey.generate()
    public = signing.public_key().public_bytes_raw()
    client = PlatformClient.from_settings(settings, current)
    try:
        issued = client.bundle_credentials(base64.b64encode(public).decode("ascii"))
    except SyncError as error:
        log.warning("bundle keys not issued", extra={"reason": str(error)[:200]})
        return False
    finally:
        client.close()
    raw = signing.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    write_secrets(
        settings.storage.secrets_file,
        current.model_copy(
            update={
                "bundle_key": SecretStr(issued.bundle_key),
                "bundle_signing_key": SecretStr(base64.b64encode(raw).decode("ascii")),
                "bundle_certificate": json.dumps(issued.certificate, sort_keys=True),
                "platform_public_key": issued.platform_public_key,
            }
        ),
    )
    return True


def rotate(settings: KioskSettings) -> str:
    """Replace the client secret; returns the client id."""
    current = load_secrets(settings.storage.secrets_file)
    client = PlatformClient.from_settings(settings, current)
    try:
        issued = client.rotate()
    finally:
        client.close()
    updated = current.model_copy(update={"platform_client_secret": SecretStr(issued.client_secret)})
    write_secrets(settings.storage.secrets_file, updated)
    _audit(settings, "credentials_rotated")
    confirm = PlatformClient.from_settings(settings, updated)
    try:
        confirm.whoami()
    finally:
        confirm.close()
    if updated.bundle_key is None:  # enrolled before queue bundles existed
        obtain_bundle_keys(settings, updated)
    return issued.client_id
