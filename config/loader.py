"""Loading a terminal's settings: TOML file or shipped profile, environment overrides, validation.

Every problem is collected and reported at once, each with its key path and the allowed values,
so a technician fixes a config file in one round. A bad config never yields a settings object.
"""

from __future__ import annotations

import os
import re
import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from config.errors import ConfigError, ConfigProblem
from config.schema import KioskSettings

__all__ = [
    "ConfigError",
    "ConfigProblem",
    "load_settings",
    "profile_names",
    "profile_path",
    "read_toml",
    "resolve_source",
    "settings_from_data",
]

ENV_PREFIX = "KIOSK_"
ENV_DELIMITER = "__"
PROFILES_DIR = Path(__file__).with_name("profiles")

# Error context keys in which pydantic lists the values it would have accepted.
_ALLOWED_CTX_KEYS = ("expected", "expected_tags", "expected_schemes", "permitted")

KeyPath = tuple[str | int, ...]
_Model = typing.TypeVar("_Model", bound=BaseModel)


def profile_names() -> list[str]:
    """Names of the profiles shipped with the package (``hall``, ``mobile-unit``, ``demo``)."""
    return sorted(path.stem for path in PROFILES_DIR.glob("*.toml"))


def profile_path(name: str) -> Path:
    """The TOML file of a shipped profile; ConfigError if there is no such profile."""
    path = PROFILES_DIR / f"{name}.toml"
    if name not in profile_names():
        raise ConfigError(
            name, [ConfigProblem("", f"no profile named {name!r}", tuple(profile_names()))]
        )
    return path


def resolve_source(source: str | Path) -> Path:
    """A profile name becomes its shipped file; anything else is taken as a path."""
    if isinstance(source, str) and source in profile_names():
        return PROFILES_DIR / f"{source}.toml"
    path = Path(source).expanduser()
    if not path.exists() and isinstance(source, str) and "/" not in source and path.suffix == "":
        raise ConfigError(
            source,
            [ConfigProblem("", f"no profile or file named {source!r}", tuple(profile_names()))],
        )
    return path


def read_toml(source: str | Path) -> dict[str, Any]:
    """Parse a profile's or file's TOML; a missing file or bad syntax is a ConfigError."""
    path = resolve_source(source)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(str(path), [ConfigProblem("", "file not found")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), [ConfigProblem("", f"cannot read: {exc}")]) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # 3.11's TOMLDecodeError has no lineno/colno; its message ends "(at line L, column C)".
        raise ConfigError(str(path), [ConfigProblem("", f"TOML syntax error: {exc}")]) from None


def load_settings(source: str | Path, env: Mapping[str, str] | None = None) -> KioskSettings:
    """Load, override from ``KIOSK_SECTION__KEY`` variables, and validate a terminal's settings."""
    path = resolve_source(source)
    data = read_toml(path)
    return settings_from_data(data, source=str(path), env=os.environ if env is None else env)


def settings_from_data(
    data: Mapping[str, Any], *, source: str = "<settings>", env: Mapping[str, str] | None = None
) -> KioskSettings:
    """Validate already-parsed settings data (plus environment overrides) into KioskSettings."""
    merged = _deep_copy(data)
    overrides, env_problems = _apply_env(merged, env or {})
    try:
        settings = KioskSettings.model_validate(merged)
    except ValidationError as first:
        error: ValidationError | None = first
        if _retry_env_strings(merged, overrides, first):
            try:
                settings = KioskSettings.model_validate(merged)
            except ValidationError as second:
                error = second
            else:
                error = None
        if error is not None:
            raise ConfigError(source, env_problems + _problems_from(error, overrides)) from None
    if env_problems:
        raise ConfigError(source, env_problems)
    return _expand_user(settings)


# --- environment overrides -------------------------------------------------------------------


@dataclass(frozen=True)
class _Override:
    variable: str
    raw: str
    key: KeyPath


def _parse_env_value(raw: str) -> Any:
    """A TOML value if the text is one (60, true, [1, 2], "x"), else the text itself."""
    try:
        parsed = tomllib.loads(f"value = {raw}")
    except tomllib.TOMLDecodeError:
        return raw
    # "1\nother = 2" parses too, but it is not one value.
    return parsed["value"] if set(parsed) == {"value"} else raw


def _apply_env(
    data: dict[str, Any], env: Mapping[str, str]
) -> tuple[dict[str, _Override], list[ConfigProblem]]:
    overrides: dict[str, _Override] = {}
    problems: list[ConfigProblem] = []
    for variable in sorted(env):
        if not variable.startswith(ENV_PREFIX) or variable == ENV_PREFIX:
            continue
        segments = variable[len(ENV_PREFIX) :].lower().split(ENV_DELIMITER)
        if any(not segment for segment in segments):
            problems.append(ConfigProblem(variable, "empty key segment in environment variable"))
            continue
        key: KeyPath = tuple(int(s) if s.isdigit() else s for s in segments)
        error = _set_path(data, key, _parse_env_value(env[variable]))
        if error:
            problems.append(ConfigProblem(_format_key(key), f"{error} (from {variable})"))
        else:
            overrides[_format_key(key)] = _Override(variable, env[variable], key)
    return overrides, problems


def _set_path(data: dict[str, Any], key: KeyPath, value: Any) -> str | None:
    node: Any = data
    for depth, segment in enumerate(key):
        last = depth == len(key) - 1
        if isinstance(segment, int):
            if not isinstance(node, list):
                return "a number selects a list item, but this is not a list"
            if segment >= len(node):
                return f"no list item {segment} (the list has {len(node)})"
            if last:
                node[segment] = value
            node = node[segment]
            continue
        if not isinstance(node, dict):
            return "cannot set a key inside a value that is not a table"
        if last:
            node[segment] = value
        else:
            node = node.setdefault(segment, {})
    return None


def _retry_env_strings(
    data: dict[str, Any], overrides: Mapping[str, _Override], error: ValidationError
) -> bool:
    """Env value "0042" parsed as a number where a string was wanted: use the text as written."""
    changed = False
    for details in error.errors(include_url=False):
        if details["type"] != "string_type":
            continue
        override = overrides.get(_clean_loc(details["loc"])[0])
        if override is not None and _set_path(data, override.key, override.raw) is None:
            changed = True
    return changed


# --- turning pydantic errors into problems -----------------------------------------------------


def _problems_from(
    error: ValidationError, overrides: Mapping[str, _Override]
) -> list[ConfigProblem]:
    problems: dict[str, ConfigProblem] = {}
    for details in error.errors(include_url=False):
        problem = _problem_from(details)
        override = next((o for k, o in overrides.items() if _is_within(problem.key_path, k)), None)
        if override is not None:
            problem = ConfigProblem(
                problem.key_path, f"{problem.message} (from {override.variable})", problem.allowed
            )
        if problem.key_path in problems:
            # A plain union (str | int) yields one error per member: report them as one problem.
            known = problems[problem.key_path]
            problem = ConfigProblem(
                problem.key_path,
                f"{known.message}; {problem.message}",
                tuple(dict.fromkeys(known.allowed + problem.allowed)),
            )
        problems[problem.key_path] = problem
    return list(problems.values())


def _problem_from(details: ErrorDetails) -> ConfigProblem:
    key_path, node = _clean_loc(details["loc"])
    kind = details["type"]
    ctx = details.get("ctx") or {}
    allowed = tuple(
        value for name in _ALLOWED_CTX_KEYS if name in ctx for value in _split_allowed(ctx[name])
    )
    message = details["msg"].removeprefix("Value error, ")
    if kind == "extra_forbidden":
        _, parent = _clean_loc(details["loc"][:-1])
        known = tuple(parent.model_fields) if _is_model(parent) else ()
        return ConfigProblem(key_path, "unknown key", known)
    if kind == "missing":
        return ConfigProblem(key_path, "required key is missing")
    if kind in {"literal_error", "enum"}:
        return ConfigProblem(key_path, f"{details['input']!r} is not allowed", allowed)
    if kind == "union_tag_invalid":
        field = str(ctx.get("discriminator", "backend")).strip("'\"")
        return ConfigProblem(_join(key_path, field), f"unknown {field} {ctx.get('tag')!r}", allowed)
    if kind == "union_tag_not_found":
        field = str(ctx.get("discriminator", "backend")).strip("'\"")
        return ConfigProblem(_join(key_path, field), "required key is missing", _tags_of(node))
    if kind == "value_error" and _is_model(node):
        # A model-level check names the field first ("key_file must lie outside data_dir"):
        # point at that field.
        first_word = message.split(" ", 1)[0]
        if first_word in node.model_fields:
            key_path = _join(key_path, first_word)
    return ConfigProblem(key_path, message, allowed)


def _split_allowed(text: object) -> list[str]:
    """ "'zh' or 'en'" / "9600, 19200 or 115200" -> ["zh", "en"] / ["9600", "19200", "115200"]."""
    tokens = re.findall(r"'([^']*)'|\"([^\"]*)\"|([^,\s]+)", str(text))
    return [quoted1 or quoted2 or bare for quoted1, quoted2, bare in tokens if bare != "or"]


def _clean_loc(loc: tuple[str | int, ...]) -> tuple[str, Any]:
    """Drop pydantic's union-member labels from an error location, following the schema.

    Returns the dotted key path (``devices.card_readers[0].port``) and the schema node reached.
    """
    node: Any = KioskSettings
    parts: list[str | int] = []
    items = list(loc)
    while items:
        item = items[0]
        node = _unwrap(node)
        members = _union_members(node)
        if members is not None:
            if len(members) == 1:
                node = members[0]
                continue
            items.pop(0)  # the member label: a discriminator tag or a type name
            node = _union_member(members, item)
            continue
        items.pop(0)
        parts.append(item)
        if _is_model(node) and isinstance(item, str) and item in node.model_fields:
            node = node.model_fields[item].annotation
        elif typing.get_origin(node) in (list, tuple) and isinstance(item, int):
            node = typing.get_args(node)[0]
        else:
            node = Any
    return _format_key(tuple(parts)), _unwrap(node)


def _unwrap(node: Any) -> Any:
    while typing.get_origin(node) is typing.Annotated:
        node = typing.get_args(node)[0]
    return node


def _union_members(node: Any) -> list[Any] | None:
    if typing.get_origin(node) in (typing.Union, types.UnionType):
        return [_unwrap(arg) for arg in typing.get_args(node) if arg is not type(None)]
    return None


def _union_member(members: list[Any], label: str | int) -> Any:
    for member in members:
        if _is_model(member) and str(label) in _tags_of(member):
            return member
        if getattr(member, "__name__", None) == label:
            return member
    return Any


def _tags_of(node: Any) -> tuple[str, ...]:
    """Discriminator values of a model (its ``backend`` Literal), or of every member of a union."""
    members = _union_members(node)
    if members is not None:
        return tuple(tag for member in members for tag in _tags_of(member))
    if not _is_model(node) or "backend" not in node.model_fields:
        return ()
    annotation = node.model_fields["backend"].annotation
    return tuple(str(value) for value in typing.get_args(annotation))


def _is_model(node: Any) -> typing.TypeGuard[type[BaseModel]]:
    return isinstance(node, type) and issubclass(node, BaseModel)


def _format_key(key: KeyPath) -> str:
    text = ""
    for part in key:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _is_within(key_path: str, prefix: str) -> bool:
    return key_path == prefix or key_path.startswith((f"{prefix}.", f"{prefix}["))


def _join(key_path: str, name: str) -> str:
    return f"{key_path}.{name}" if key_path else name


# --- small structural helpers ------------------------------------------------------------------


def _deep_copy(data: Mapping[str, Any]) -> dict[str, Any]:
    def copy(value: Any) -> Any:
        if isinstance(value, Mapping):
            return {str(k): copy(v) for k, v in value.items()}
        if isinstance(value, list):
            return [copy(v) for v in value]
        return value

    result: dict[str, Any] = copy(data)
    return result


def _expand_user(model: _Model) -> _Model:
    """Return the model with ``~`` expanded in every Path field, at any depth."""
    updates: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        expanded = _expand_value(value)
        if expanded is not value:
            updates[name] = expanded
    return model.model_copy(update=updates) if updates else model


def _expand_value(value: Any) -> Any:
    if isinstance(value, Path):
        expanded = value.expanduser()
        return expanded if expanded != value else value
    if isinstance(value, BaseModel):
        return _expand_user(value)
    if isinstance(value, list):
        items = [_expand_value(item) for item in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    return value
