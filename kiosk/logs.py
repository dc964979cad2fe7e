"""Logging set-up: JSON lines to stdout (journald) and a size-rotated file, personal data masked.

Every handler carries a RedactingFilter, so no message, argument, extra field or traceback
reaches a log with a resident's ID number, credit code, phone number or session values in it.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import sys
from datetime import UTC, datetime
from io import TextIOWrapper
from pathlib import Path
from typing import Any, TextIO, cast

from config.schema import LoggingSettings
from kiosk.redaction import redact

# Attributes every LogRecord has; anything else on a record came in through ``extra``.
_STANDARD_ATTRS = frozenset(
    vars(logging.LogRecord("", logging.INFO, "", 0, "", None, None)).keys()
) | {"message", "asctime", "taskName"}

_OURS = "_onewindow_kiosk_handler"


def _redact_value(value: Any) -> Any:
    """Mask strings anywhere inside a JSON-like value; other scalars are masked as their text."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        text = str(value)
        masked = redact(text)
        return value if masked == text else masked
    if isinstance(value, dict):
        return {redact(str(k)): _redact_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_redact_value(v) for v in value]
    return redact(str(value))


class RedactingFilter(logging.Filter):
    """Masks personal data in a record's message, arguments, extra fields and traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place (so later handlers see it masked too); never drops it."""
        record.msg = redact(record.getMessage())
        record.args = None
        for name, value in list(vars(record).items()):
            if name not in _STANDARD_ATTRS:
                setattr(record, name, _redact_value(value))
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        # The live exception could still be formatted again by another handler, unmasked.
        record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per line: ts (UTC, ISO 8601), level, logger, msg, extra fields, exc."""

    def format(self, record: logging.LogRecord) -> str:
        """Serialise one record; values JSON cannot hold are written as their text."""
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD_ATTRS and name not in entry:
                entry[name] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file created with mode 0600 (also after each rotation)."""

    def _open(self) -> TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        stream = open(fd, self.mode, encoding=self.encoding, errors=self.errors)  # noqa: PTH123, SIM115
        return cast(TextIOWrapper, stream)


_URL_LOGGERS = ("urllib3", "requests", "httpx", "httpcore")


def configure_logging(settings: LoggingSettings, *, stream: TextIO | None = None) -> None:
    """Send JSON lines to ``stream`` (default stdout) and settings.file; calling again replaces."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _OURS, False):
            root.removeHandler(handler)
            handler.close()

    handlers: list[logging.Handler] = [logging.StreamHandler(stream or sys.stdout)]
    if settings.file is not None:
        path = Path(settings.file).expanduser()
        missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
        for folder in reversed(missing):  # mkdir(parents=True) would leave the parents 0755
            folder.mkdir(mode=0o700, exist_ok=True)
        handlers.append(
            _PrivateRotatingFileHandler(
                path,
                maxBytes=settings.max_bytes,
                backupCount=settings.backup_count,
                encoding="utf-8",
            )
        )
    formatter = JsonLinesFormatter()
    for handler in handlers:
        handler.addFilter(RedactingFilter())
        handler.setFormatter(formatter)
        setattr(handler, _OURS, True)
        root.addHandler(handler)
    root.setLevel(settings.level)
    # Libraries that log request URLs (a tracking URL carries a receipt number) stay quiet
    # even when the kiosk itself logs at DEBUG.
    for chatty in _URL_LOGGERS:
        logging.getLogger(chatty).setLevel(max(logging.WARNING, root.level))
    logging.captureWarnings(True)
