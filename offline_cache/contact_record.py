"""When the platform last answered a whole sync pass: a tiny file the sync engine writes.

It outlives restarts, so a mobile unit switched off for the night still knows on the morning it
has been offline since yesterday afternoon. The UI reads it (through a worker) for its banner.
Written atomically (temporary file, then rename); an unreadable record reads as "never".
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)

CONTACT_FILE = "platform_contact.json"


def record_contact(data_dir: Path, at: datetime) -> None:
    """Remember that the platform answered at ``at`` (UTC)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"last_contact_at": at.astimezone(UTC).isoformat()})
    handle, temporary = tempfile.mkstemp(prefix=".contact-", dir=data_dir)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        Path(temporary).replace(data_dir / CONTACT_FILE)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise


def last_contact(data_dir: Path) -> datetime | None:
    """When the platform last answered, or None (never, or the record is unreadable)."""
    path = data_dir / CONTACT_FILE
    try:
        value = json.loads(path.read_text(encoding="utf-8"))["last_contact_at"]
        moment = datetime.fromisoformat(value)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        log.warning("platform contact record unreadable")
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def note_contact(data_dir: Path, at: datetime) -> None:
    """``record_contact`` for the sync engine: a full disk must not fail a good sync pass."""
    try:
        record_contact(data_dir, at)
    except OSError as error:
        log.warning("platform contact not recorded", extra={"reason": type(error).__name__})
