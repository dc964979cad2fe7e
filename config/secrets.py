"""The terminal's secrets: a separate TOML file, mode 0600, owned by the kiosk user.

Enrollment writes it (atomically); the kiosk reads it. Secret values never show in repr or logs.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from config.errors import ConfigError, ConfigProblem

# Group and other must have no access at all.
_FORBIDDEN_BITS = stat.S_IRWXG | stat.S_IRWXO


class Secrets(BaseModel):
    """Credentials issued at enrollment. All empty means the terminal is not enrolled yet."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    platform_client_id: str | None = None
    platform_client_secret: SecretStr | None = None
    # A hash, yet a stolen hash of a short PIN is as good as the PIN: keep it out of repr.
    technician_pin_hash: str | None = Field(default=None, repr=False)
    receipt_mac_key: SecretStr | None = None
    # Queue bundles (kiosk.queue_bundle): the city-wide AES-256 key and this terminal's Ed25519
    # signing key (both base64), the platform's certificate of its public key (JSON) and the
    # platform's public key that certifies every terminal of the city (base64).
    bundle_key: SecretStr | None = None
    bundle_signing_key: SecretStr | None = None
    bundle_certificate: str | None = None
    platform_public_key: str | None = None

    @property
    def enrolled(self) -> bool:
        """True once the platform has issued client credentials."""
        return self.platform_client_id is not None and self.platform_client_secret is not None


def load_secrets(path: Path) -> Secrets:
    """Read the secrets file; a missing file means "not enrolled yet" (empty Secrets)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return Secrets()
    problems = _permission_problems(path, info)
    if problems:
        raise ConfigError(str(path), problems)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), [ConfigProblem("", f"TOML syntax error: {exc}")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), [ConfigProblem("", f"cannot read: {exc}")]) from None
    try:
        return Secrets.model_validate(data)
    except ValidationError as exc:
        # Never echo the input: it is a secret.
        raise ConfigError(
            str(path),
            [
                ConfigProblem(
                    ".".join(str(part) for part in error["loc"]),
                    "unknown key" if error["type"] == "extra_forbidden" else error["msg"],
                    tuple(Secrets.model_fields) if error["type"] == "extra_forbidden" else (),
                )
                for error in exc.errors(include_url=False, include_input=False)
            ],
        ) from None


def _permission_problems(path: Path, info: os.stat_result) -> list[ConfigProblem]:
    problems: list[ConfigProblem] = []
    mode = stat.S_IMODE(info.st_mode)
    if mode & _FORBIDDEN_BITS:
        problems.append(
            ConfigProblem(
                "",
                f"secrets file is open to group or others (mode {mode:04o}); "
                f"it must be 0600 or stricter: chmod 600 {path}",
            )
        )
    if info.st_uid != os.getuid():
        problems.append(
            ConfigProblem(
                "",
                f"secrets file is owned by uid {info.st_uid}, not by the kiosk user "
                f"(uid {os.getuid()}): chown {os.getuid()} {path}",
            )
        )
    return problems


def write_secrets(path: Path, secrets: Secrets) -> None:
    """Replace the secrets file atomically; the new file is 0600 from its first byte."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    text = _to_toml(_plain_values(secrets))
    # mkstemp creates the file with mode 0600 in the same folder, so os.replace is atomic.
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        temp.replace(path)  # os.replace: atomic within one file system
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    # The rename itself is durable only once the folder's entry is on disk.
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _plain_values(secrets: Secrets) -> dict[str, str]:
    values: dict[str, str] = {}
    for name in Secrets.model_fields:
        value: Any = getattr(secrets, name)
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        if value is not None:
            values[name] = str(value)
    return values


def _to_toml(values: dict[str, str]) -> str:
    lines = ["# OneWindow Kiosk secrets: keep this file mode 0600."]
    lines += [f"{key} = {_toml_string(value)}" for key, value in values.items()]
    return "\n".join(lines) + "\n"


def _toml_string(value: str) -> str:
    """A TOML basic string: escape backslash, quote and the control characters TOML forbids."""
    out = []
    for char in value:
        code = ord(char)
        if char in {'"', "\\"}:
            out.append("\\" + char)
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
