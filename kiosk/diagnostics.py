"""The diagnostics bundle a technician takes away on a USB drive: logs, settings, health, counts.

A zip with the log files (masked again on the way out), the settings WITHOUT secrets (the
secrets file is never read; secret-looking keys and passwords in URLs are replaced), the
doctor's results, versions, disk space, the queue's counts by state and whether the audit
chain verifies. No personal data: the outbox is only counted, never read. The zip is written
atomically (a temporary file in the target folder, fsynced, renamed), so a drive pulled
mid-write never holds a half bundle under the final name.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import shutil
import sys
import tempfile
import tomllib
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import tomlkit

from config.schema import KioskSettings
from config.secrets import Secrets
from kiosk import __version__
from kiosk.audit import open_audit_log
from kiosk.doctor import run_checks
from kiosk.redaction import redact
from offline_cache.outbox import Outbox

REDACTED = "<redacted>"
REMOVABLE_ROOTS = (Path("/media"), Path("/run/media"))
PROC_MOUNTS = Path("/proc/mounts")
# Keys whose value is a secret wherever they appear (besides every field of the secrets file).
_SECRET_KEY = re.compile(r"secret|password|passwd|token|credential|pin_hash|private|mac_key", re.I)
_URL_USERINFO = re.compile(r"(?<=://)[^/@\s]+@")
_PACKAGES = ("pydantic", "PySide6-Essentials", "pyscard", "python-escpos", "python-sane", "pyudev")


@dataclass(frozen=True)
class BundleResult:
    """Where the bundle went, how big it is, and what is in it."""

    path: Path
    size_bytes: int
    members: tuple[str, ...]


@dataclass(frozen=True)
class RemovableDrive:
    """A mounted drive a bundle can be exported to (USB sticks mount under /media)."""

    mount_point: Path
    label: str
    free_bytes: int
    writable: bool


class DiagnosticsError(Exception):
    """The bundle could not be written; nothing was left under the final name."""


def export_bundle(
    settings: KioskSettings, target: Path, *, config_file: Path | None = None
) -> BundleResult:
    """Write the diagnostics zip to ``target`` (a file, or a folder: a timestamped name in it)."""
    now = datetime.now(UTC)
    stem = f"onewindow-diagnostics-{settings.terminal.id}-{now:%Y%m%dT%H%M%SZ}"
    path = target / f"{stem}.zip" if target.is_dir() else target
    members = _members(settings, config_file, now)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise DiagnosticsError(f"cannot write to {path.parent}: {exc.strerror or exc}") from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for name, data in members:
                    archive.writestr(f"{stem}/{name}", data)
            handle.flush()
            os.fsync(handle.fileno())
        temp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise DiagnosticsError(f"cannot write {path}: {exc.strerror or exc}") from exc
    with contextlib.suppress(OSError):  # some file systems (vfat) cannot fsync a folder
        _fsync_dir(path.parent)
    return BundleResult(path, path.stat().st_size, tuple(name for name, _ in members))


def _members(
    settings: KioskSettings, config_file: Path | None, now: datetime
) -> list[tuple[str, bytes]]:
    members: list[tuple[str, bytes]] = [
        ("manifest.json", _json({"terminal": settings.terminal.id, "created": now.isoformat()})),
        ("settings.json", _json(redact_secrets(settings.model_dump(mode="json")))),
    ]
    if config_file is not None:
        members.append((f"config/{config_file.name}", _config_text(config_file).encode()))
    checks = [
        {"name": c.name, "ok": c.ok, "detail": redact(c.detail)} for c in run_checks(settings)
    ]
    members.append(("doctor.json", _json(checks)))
    members.append(("versions.json", _json(versions())))
    members.append(("disk.json", _json(disk_usage(settings))))
    members.append(("queue.json", _json(queue_counts(settings))))
    members.append(("audit.json", _json(open_audit_log(settings).verify().as_dict())))
    for log_file in log_files(settings.logging.file):
        members.append((f"logs/{log_file.name}", _masked_log(log_file)))
    return members


def redact_secrets(value: Any, key: str = "") -> Any:
    """A copy of JSON-like settings with secret-looking values replaced and URL passwords cut."""
    if key and (key in Secrets.model_fields or _SECRET_KEY.search(key)):
        return REDACTED
    if isinstance(value, dict):
        return {str(k): redact_secrets(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_secrets(item) for item in value]
    if isinstance(value, str):
        return _URL_USERINFO.sub(f"{REDACTED}@", value)
    return value


def _config_text(config_file: Path) -> str:
    """The settings file as it is, or as TOML-in-JSON with secrets cut if it has any."""
    try:
        text = config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return f"# cannot read {config_file}: {exc}\n"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return f"# {config_file} is not valid TOML ({exc}); left out in case it holds secrets\n"
    cleaned = redact_secrets(data)
    if cleaned == data:
        return text  # nothing secret in it: keep the technician's comments
    return f"# secret-looking values were removed from {config_file}\n" + tomlkit.dumps(cleaned)


def versions() -> dict[str, str]:
    """The kiosk's, Python's, the system's and the key libraries' versions."""
    found = {
        "kiosk": __version__,
        "python": sys.version.split()[0],
        "system": platform.platform(),
    }
    for package in _PACKAGES:
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "not installed"
    return found


def disk_usage(settings: KioskSettings) -> dict[str, dict[str, int] | str]:
    """Total and free bytes where the data and the logs live."""
    places = {"data": settings.storage.data_dir}
    if settings.logging.file is not None:
        places["logs"] = settings.logging.file.parent
    usage: dict[str, dict[str, int] | str] = {}
    for name, place in places.items():
        folder = place.expanduser()
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        try:
            total, _used, free = shutil.disk_usage(folder)
        except OSError as exc:
            usage[name] = f"unknown: {exc}"
            continue
        usage[name] = {"total_bytes": total, "free_bytes": free}
    return usage


def queue_counts(settings: KioskSettings) -> dict[str, int] | str:
    """How many applications are in each state; nothing of their content is read."""
    data_dir = settings.storage.data_dir.expanduser()
    if not Outbox.exists_in(data_dir):
        return "no outbox yet"
    outbox = Outbox(data_dir)
    try:
        return dict(sorted(Counter(r.state.value for r in outbox.all_records()).items()))
    finally:
        outbox.close()


def log_files(log_file: Path | None) -> list[Path]:
    """The log file and its rotated copies (kiosk.log, kiosk.log.1, …) that exist."""
    if log_file is None:
        return []
    path = log_file.expanduser()
    rotated = sorted(
        path.parent.glob(f"{path.name}.*"),
        key=lambda p: int(p.suffix[1:]) if p.suffix[1:].isdigit() else 0,
    )
    return [p for p in [path, *rotated] if p.is_file()]


def _masked_log(path: Path) -> bytes:
    # The logging filter masked every line when it was written; mask again on the way out, in
    # case anything reached the file around the filter.
    with path.open(encoding="utf-8", errors="replace") as handle:
        return "".join(redact(line) for line in handle).encode()


def removable_drives(
    mounts: Path = PROC_MOUNTS, roots: Sequence[Path] = REMOVABLE_ROOTS
) -> list[RemovableDrive]:
    """Drives mounted under /media or /run/media now (where USB sticks are mounted)."""
    try:
        lines = mounts.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    drives = []
    for mount_point in _mount_points(lines):
        if not any(mount_point.is_relative_to(root) and mount_point != root for root in roots):
            continue
        try:
            free = shutil.disk_usage(mount_point).free
        except OSError:
            continue
        drives.append(
            RemovableDrive(
                mount_point=mount_point,
                label=mount_point.name,
                free_bytes=free,
                writable=os.access(mount_point, os.W_OK),
            )
        )
    return sorted(drives, key=lambda d: str(d.mount_point))


def _mount_points(lines: Iterable[str]) -> Iterable[Path]:
    for line in lines:
        fields = line.split()
        if len(fields) >= 2:
            # /proc/mounts writes space, tab, newline and backslash as octal escapes.
            yield Path(re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[1]))


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode()


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
