"""Changing the terminal's settings file safely: validated first, written atomically, one-step undo.

A power cut or a killed process at any moment leaves either the old file or the new one, never a
mix or an empty file: the new text goes to a temporary file in the same folder, is fsynced, the
current file is kept as ``<name>.previous``, the temporary file is renamed over, and the folder
is fsynced. Nothing is written unless the whole result validates against the schema.

The file is edited with tomlkit, so a technician's comments and layout (the shipped profiles are
full of explanations, vendor ids in hex) survive a change of one value. Secrets never go here:
the schema forbids unknown keys, so a secret-looking key is refused as "unknown key"; secrets
live in their own 0600 file (config/secrets.py).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import re
import stat
import tempfile
import tomllib
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import tomlkit
import tomlkit.exceptions
from tomlkit.container import Container
from tomlkit.items import AoT, Table

from config.errors import ConfigError, ConfigProblem
from config.loader import settings_from_data
from config.schema import KioskSettings
from kiosk.audit import AuditError, AuditKind, AuditLog

log = logging.getLogger(__name__)

# Where the Debian package installs the terminal's settings (see packaging/systemd units).
DEFAULT_CONFIG_FILE = Path("/etc/onewindow-kiosk/kiosk.toml")
PREVIOUS_SUFFIX = ".previous"
_DEFAULT_MODE = 0o644
_KEY_PART = re.compile(r"([A-Za-z0-9_-]+)((?:\[\d+\])*)")

# The settings file the running kiosk was started with (``kiosk run --config FILE``); None when
# it runs from a shipped profile, whose file belongs to the package and is never edited.
_active_config_file: Path | None = None


# What the store records its changes in (kept as a name for callers typed against it).
AuditSink = AuditLog


class ChangeKind(StrEnum):
    """What a change to the settings file was."""

    SET = "set"
    ROLLBACK = "rollback"


@dataclass(frozen=True)
class ConfigChange:
    """A change written to disk: which keys differ from before, and the settings now in force."""

    kind: ChangeKind
    path: Path
    changed_keys: tuple[str, ...]
    settings: KioskSettings


class ConfigStoreError(Exception):
    """The settings file cannot be changed (nothing was written); the message says why."""


class NothingToRollBack(ConfigStoreError):
    """There is no ``<name>.previous`` file to go back to."""


def set_active_config_file(path: Path | None) -> None:
    """Remember the settings file the running kiosk was started from (None: a shipped profile)."""
    global _active_config_file
    _active_config_file = path.resolve() if path is not None else None


def active_config_file() -> Path | None:
    """The settings file of the running kiosk, if it was started from a file."""
    return _active_config_file


def previous_path(path: Path) -> Path:
    """Where the file before the last change is kept."""
    return path.with_name(path.name + PREVIOUS_SUFFIX)


def parse_assignment(text: str) -> tuple[str, Any]:
    """``"devices.printer.paper_width_mm=58"`` -> ``("devices.printer.paper_width_mm", 58)``.

    The value is read as a TOML value when it is one (58, true, "x", [1, 2]), else as text.
    """
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise ConfigError(text, [ConfigProblem("", "expected KEY=VALUE")])
    return key, parse_value(raw.strip())


def parse_value(raw: str) -> Any:
    """A TOML value if the text is one, else the text itself (``gbk``, ``/dev/ttyUSB0``)."""
    try:
        parsed = tomllib.loads(f"value = {raw}")
    except tomllib.TOMLDecodeError:
        return raw
    return parsed["value"] if set(parsed) == {"value"} else raw


def split_key(key: str) -> tuple[str | int, ...]:
    """``devices.card_readers[1].port`` -> ``("devices", "card_readers", 1, "port")``."""
    parts: list[str | int] = []
    for segment in key.split("."):
        match = _KEY_PART.fullmatch(segment)
        if match is None:
            raise ConfigError(key, [ConfigProblem(key, f"not a settings key: {segment!r}")])
        parts.append(match.group(1))
        parts += [int(index) for index in re.findall(r"\[(\d+)\]", match.group(2))]
    return tuple(parts)


class ConfigStore:
    """One settings file: read, change validated and atomically, roll back one step."""

    def __init__(
        self, path: Path, *, audit: AuditLog | None = None, actor: str = "technician"
    ) -> None:
        self.path = Path(path).expanduser()
        self._audit = audit
        self._actor = actor

    @property
    def previous(self) -> Path:
        """The file before the last change (``<name>.previous``)."""
        return previous_path(self.path)

    def load(self) -> KioskSettings:
        """The settings the file holds now (no environment overrides)."""
        return validate_text(self._read_text(self.path), str(self.path))

    def can_roll_back(self) -> bool:
        """True when a previous file exists to go back to."""
        return self.previous.is_file()

    def set_values(self, values: Mapping[str, Any], *, unset: Sequence[str] = ()) -> ConfigChange:
        """Set dotted keys to values (and remove ``unset`` keys), validate, write atomically.

        A value may be a table (a dict) replacing the whole table, for example a printer.
        Changing a device's ``backend`` drops the keys the new backend does not have.
        ConfigError (every problem, nothing written) when the result is not valid.
        """
        with self._locked():
            old_text = self._read_text(self.path)
            new_text = self._edited(old_text, values, unset)
            settings = validate_text(new_text, str(self.path))
            self._replace(old_text, new_text)
        change = ConfigChange(
            ChangeKind.SET, self.path, _changed_keys(old_text, new_text), settings
        )
        self._record(change)
        return change

    def preview(self, values: Mapping[str, Any], *, unset: Sequence[str] = ()) -> KioskSettings:
        """The settings ``set_values`` would write, without writing (to test a device first)."""
        new_text = self._edited(self._read_text(self.path), values, unset)
        return validate_text(new_text, str(self.path))

    def _edited(self, old_text: str, values: Mapping[str, Any], unset: Sequence[str]) -> str:
        try:
            document = tomlkit.parse(old_text)
        except tomlkit.exceptions.ParseError as exc:
            problem = ConfigProblem("", f"TOML syntax error: {exc}")
            raise ConfigError(str(self.path), [problem]) from None
        for key in unset:
            _remove(document, split_key(key))
        for key, value in values.items():
            _assign(document, split_key(key), value)
        return _valid_text(document, values, str(self.path))

    def rollback(self) -> ConfigChange:
        """Go back to the file before the last change, in one atomic step.

        The file rolled back from becomes the new ``.previous``, so a rollback can be undone.
        """
        with self._locked():
            try:
                previous_text = self._read_text(self.previous)
            except ConfigStoreError:
                if not self.previous.exists():
                    raise NothingToRollBack(
                        f"no previous settings to roll back to ({self.previous} does not exist)"
                    ) from None
                raise
            settings = validate_text(previous_text, str(self.previous))
            current_text = self._read_text(self.path)
            self._replace(current_text, previous_text)
        change = ConfigChange(
            ChangeKind.ROLLBACK,
            self.path,
            _changed_keys(current_text, previous_text),
            settings,
        )
        self._record(change)
        return change

    # --- writing ---------------------------------------------------------------------------------

    def _replace(self, old_text: str, new_text: str) -> None:
        """Keep ``old_text`` as .previous, then put ``new_text`` in place; each step atomic."""
        folder = self.path.parent
        try:
            mode = stat.S_IMODE(self.path.stat().st_mode)
        except FileNotFoundError:
            mode = _DEFAULT_MODE
        try:
            _write_atomically(self.previous, old_text, mode)
            _write_atomically(self.path, new_text, mode)
            _fsync_dir(folder)
        except OSError as exc:
            raise ConfigStoreError(
                f"cannot write the settings in {folder}: {exc.strerror or exc} "
                f"(the file is unchanged)"
            ) from exc

    def _read_text(self, path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigStoreError(f"{path} does not exist") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigStoreError(f"cannot read {path}: {exc}") from None

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One writer at a time (the kiosk's page and a technician's shell), via the folder."""
        folder = self.path.parent
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        except OSError as exc:
            raise ConfigStoreError(f"cannot open the folder {folder}: {exc.strerror}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            _remove_stale_temporaries(self.path)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _record(self, change: ConfigChange) -> None:
        log.info(
            "settings changed",
            extra={"change": change.kind.value, "keys": list(change.changed_keys)},
        )
        if self._audit is None:
            return
        try:
            self._audit.record(
                AuditKind.CONFIG,
                f"config {change.kind.value}",
                actor=self._actor,
                details={
                    "file": str(change.path),
                    "keys": ", ".join(change.changed_keys) or "(none)",
                },
            )
        except (OSError, AuditError) as error:
            # The file is already changed; a missing audit entry must at least show in the log.
            log.error("settings changed but the audit entry was not written: %s", error)


def validate_text(text: str, source: str) -> KioskSettings:
    """Settings from a TOML text, exactly as the loader would read the file (without env)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(source, [ConfigProblem("", f"TOML syntax error: {exc}")]) from None
    return settings_from_data(data, source=source, env={})


def _valid_text(document: tomlkit.TOMLDocument, values: Mapping[str, Any], source: str) -> str:
    """The edited document as text, after the two repairs a technician would expect.

    A value typed as a number where the schema wants text ("0042") is taken as text, and keys
    that a newly chosen backend does not have are dropped.
    """
    for _ in range(3):
        text = tomlkit.dumps(document)
        try:
            validate_text(text, source)
        except ConfigError as error:
            if not _repair(document, values, error.problems):
                raise
            continue
        return text
    return tomlkit.dumps(document)


def _repair(
    document: tomlkit.TOMLDocument, values: Mapping[str, Any], problems: Sequence[ConfigProblem]
) -> bool:
    repaired = False
    changed_backends = {key.removesuffix(".backend") for key in values if key.endswith(".backend")}
    for problem in problems:
        key = problem.key_path
        value = values.get(key)
        if "string" in problem.message and value is not None and not isinstance(value, str):
            _assign(document, split_key(key), str(value))
            repaired = True
        elif problem.message == "unknown key" and key.rpartition(".")[0] in changed_backends:
            _remove(document, split_key(key))
            repaired = True
    return repaired


def _assign(document: tomlkit.TOMLDocument, key: tuple[str | int, ...], value: Any) -> None:
    node: Any = document
    for depth, part in enumerate(key):
        last = depth == len(key) - 1
        if isinstance(part, int):
            if isinstance(node, AoT) and part == len(node) and not last:
                node.append(tomlkit.table())  # a new device at the end of a list of tables
            if not isinstance(node, list | AoT) or part >= len(node):
                raise ConfigError(
                    _format(key[: depth + 1]),
                    [ConfigProblem(_format(key[: depth + 1]), "no such list item")],
                )
            if last:
                node[part] = value
            node = node[part]
            continue
        if not isinstance(node, MutableMapping | Container | Table):
            raise ConfigError(_format(key), [ConfigProblem(_format(key[:depth]), "not a table")])
        if last:
            node[part] = value
        else:
            if part not in node:
                # devices.card_readers[0].… starts a list of tables, anything else a table.
                following = key[depth + 1]
                node[part] = tomlkit.aot() if isinstance(following, int) else tomlkit.table()
            node = node[part]


def _remove(document: tomlkit.TOMLDocument, key: tuple[str | int, ...]) -> None:
    node: Any = document
    for part in key[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return
    with contextlib.suppress(KeyError, IndexError, TypeError):
        del node[key[-1]]


def _format(key: tuple[str | int, ...]) -> str:
    text = ""
    for part in key:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _flatten(value: Any, prefix: tuple[str | int, ...] = ()) -> dict[str, Any]:
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for name, item in value.items():
            flat.update(_flatten(item, (*prefix, name)))
        return flat
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        flat = {}
        for index, item in enumerate(value):
            flat.update(_flatten(item, (*prefix, index)))
        return flat
    return {_format(prefix): value}


def _changed_keys(old_text: str, new_text: str) -> tuple[str, ...]:
    """Dotted keys whose value differs between two settings texts."""
    try:
        old = _flatten(tomllib.loads(old_text))
    except tomllib.TOMLDecodeError:
        old = {}
    new = _flatten(tomllib.loads(new_text))
    return tuple(sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k)))


def _write_atomically(path: Path, text: str, mode: int) -> None:
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        temp.replace(path)  # atomic within one file system
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files left by a writer killed mid-write (we hold the lock: none is live)."""
    for stale in path.parent.glob(f".{path.name}*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def _fsync_dir(folder: Path) -> None:
    # The renames are durable only once the folder's entries are on disk.
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
