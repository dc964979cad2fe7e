"""Enrollment and rotation of the terminal's platform credentials, saved in the secrets file.

Rotation is safe against a crash at any point: the platform keeps the old secret valid until
the new one is first used, and the new one is used (``whoami``) only after it is on disk.
"""

from __future__ import annotations

from pydantic import SecretStr

from config.schema import KioskSettings
from config.secrets import Secrets, load_secrets, write_secrets
from kiosk.sync.platform_client import PlatformClient


def enroll(settings: KioskSettings, code: str) -> str:
    """Spend an enrollment code and save the credentials; returns the client id."""
    current = load_secrets(settings.storage.secrets_file)
    client = PlatformClient.from_settings(settings, Secrets())
    try:
        issued = client.enroll(code, settings.terminal.id)
    finally:
        client.close()
    write_secrets(
        settings.storage.secrets_file,
        current.model_copy(
            update={
                "platform_client_id": issued.client_id,
                "platform_client_secret": SecretStr(issued.client_secret),
            }
        ),
    )
    return issued.client_id


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
    confirm = PlatformClient.from_settings(settings, updated)
    try:
        confirm.whoami()
    finally:
        confirm.close()
    return issued.client_id
