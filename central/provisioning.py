"""The platform's provisioning key and the signed QR payloads it makes for terminals.

The payload format is the terminal's (kiosk/provisioning.py, which central does not import):
``OWKP1:`` + base64url( zlib(JSON) ‖ Ed25519 signature over ``OWKP1:`` + the compressed bytes ).
The private key is made on first start in the data folder (``provisioning.key``, mode 0600);
terminals are installed with its public key.
"""

from __future__ import annotations

import base64
import json
import os
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

PREFIX = "OWKP1:"
FORMAT_VERSION = 1
KEY_FILE = "provisioning.key"


class ProvisioningKey:
    """The Ed25519 key that signs provisioning payloads."""

    def __init__(self, data_dir: Path) -> None:
        path = data_dir / KEY_FILE
        if not path.exists():
            raw = Ed25519PrivateKey.generate().private_bytes(
                serialization.Encoding.Raw,
                serialization.PrivateFormat.Raw,
                serialization.NoEncryption(),
            )
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(raw)
        self._key = Ed25519PrivateKey.from_private_bytes(path.read_bytes())

    @property
    def public_key(self) -> str:
        """Base64 of the raw public key: the value of a terminal's provisioning.public_key."""
        return base64.b64encode(self._key.public_key().public_bytes_raw()).decode("ascii")

    def payload(self, config: dict[str, dict[str, Any]], enrollment_code: str | None) -> str:
        """The signed QR text for ``config`` (and an enrollment code to spend, if given)."""
        content: dict[str, Any] = {
            "v": FORMAT_VERSION,
            "issued_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "config": config,
        }
        if enrollment_code is not None:
            content["enrollment_code"] = enrollment_code
        compressed = zlib.compress(
            json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode(), 9
        )
        signature = self._key.sign(PREFIX.encode() + compressed)
        blob = base64.urlsafe_b64encode(compressed + signature).decode("ascii").rstrip("=")
        return PREFIX + blob
