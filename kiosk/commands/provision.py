"""``kiosk provision PAYLOAD_OR_IMAGE [--config FILE]``: apply a signed provisioning QR code.

The argument is the QR text itself (``OWKP1:…``), an image file holding the QR code (read with
OpenCV), or a text file with the QR text. The settings file is changed only when the signature
checks against its ``provisioning.public_key`` and the result validates; then the enrollment
code inside, if any, is spent.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from config.errors import ConfigError
from kiosk.audit import AuditLog
from kiosk.config_store import DEFAULT_CONFIG_FILE, ConfigStore, ConfigStoreError
from kiosk.provisioning import PREFIX, ProvisioningRefused, apply_payload, read_qr_image
from kiosk.sync.errors import SyncError

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_ENROLL_FAILED = 3

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp"})


def payload_text(argument: str) -> str:
    """The QR text from the argument: itself, the QR code of an image, or a text file's content."""
    if argument.strip().startswith(PREFIX):
        return argument.strip()
    path = Path(argument)
    if path.suffix.lower() in IMAGE_SUFFIXES:
        return read_qr_image(path)
    try:
        return path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        raise ProvisioningRefused(
            f"{argument!r} is neither a provisioning code nor a readable file"
        ) from None


def _cmd_provision(args: argparse.Namespace) -> int:
    config: Path = args.config
    try:
        text = payload_text(args.payload)
        data_dir = ConfigStore(config).load().storage.data_dir.expanduser()
    except ProvisioningRefused as error:
        sys.stderr.write(f"refused: {error.reason}; nothing changed\n")
        return EXIT_REFUSED
    except (ConfigError, ConfigStoreError) as error:
        sys.stderr.write(f"refused: {config} cannot be read: {error}; nothing changed\n")
        return EXIT_REFUSED
    try:
        result = apply_payload(text, config, audit=AuditLog(data_dir))
    except ProvisioningRefused as error:
        sys.stderr.write(f"refused: {error.reason}; nothing changed\n")
        return EXIT_REFUSED
    except SyncError as error:
        sys.stderr.write(f"settings applied, but enrollment failed: {error}\n")
        return EXIT_ENROLL_FAILED
    terminal = result.settings.terminal
    sys.stdout.write(f"settings applied to {config}: {', '.join(result.changed_keys) or 'none'}\n")
    sys.stdout.write(f"terminal {terminal.id}: {terminal.name}, {terminal.hall}\n")
    if result.client_id is not None:
        sys.stdout.write("enrolled with the platform\n")
    return EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``kiosk provision``."""
    provision = sub.add_parser(
        "provision", help="apply a signed provisioning QR code (text, image or text file)"
    )
    provision.add_argument("payload", metavar="PAYLOAD_OR_IMAGE")
    provision.add_argument(
        "--config",
        type=Path,
        default=DEFAULT_CONFIG_FILE,
        metavar="FILE",
        help=f"the settings file to change (default {DEFAULT_CONFIG_FILE})",
    )
    provision.set_defaults(handler=_cmd_provision)
