"""The catalog's SQLite store: one complete versioned copy, replaced atomically by an update.

An update is validated in full (gzip/JSON, JSON schema, unique codes, forms that exist, newer
version) and built into a new database file next to the current one; only then does
``os.replace`` swap it in. Readers open the file per read, so they see the old copy or the new
one, never half of either. A rejected update leaves the current file untouched.

An update is either a whole bundle (format ``onewindow-catalog``) or a delta (format
``onewindow-catalog-delta``: changed/added service records and removed codes since
``base_version``). A delta is merged with the current copy into a whole bundle first, and that
bundle is checked and swapped in exactly like a full one; a delta for another base is refused.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import sqlite3
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from offline_cache.catalog_schema import BUNDLE_SCHEMA, DELTA_FORMAT, DELTA_SCHEMA, SERVICE_SCHEMA
from offline_cache.pinyin_keys import PinyinKeys, keys_for

log = logging.getLogger(__name__)

BUNDLED_DIR = Path(__file__).with_name("bundled")
BUNDLED_CATALOG = BUNDLED_DIR / "catalog.json.gz"
FORMS_DIR = BUNDLED_DIR / "forms"
STORE_SCHEMA_VERSION = 3  # PRAGMA user_version (2: English names, ETag; 3: list columns)
# Keywords and themes columns: joined by a control character (splitting is faster than JSON
# at start-up; the whole record keeps the real lists).
_LIST_SEP = "\x1f"
MAX_REPORTED = 20  # problems listed in a report; the count says how many more

_DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE divisions (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL,
    county_code TEXT NOT NULL, parent_code TEXT, name_en TEXT NOT NULL);
CREATE TABLE services (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, short_name TEXT NOT NULL,
    keywords TEXT NOT NULL, level TEXT NOT NULL, division_code TEXT NOT NULL,
    county_code TEXT NOT NULL, department TEXT NOT NULL, service_object TEXT NOT NULL,
    themes TEXT NOT NULL, popularity INTEGER NOT NULL, terminal_applicable INTEGER NOT NULL,
    form_id TEXT NOT NULL, form_version INTEGER NOT NULL, record TEXT NOT NULL,
    name_en TEXT NOT NULL, short_name_en TEXT NOT NULL, department_en TEXT NOT NULL);
CREATE TABLE search_texts (text TEXT PRIMARY KEY, keys TEXT NOT NULL);
"""


class CatalogError(Exception):
    """The store cannot provide a catalog (even the bundled one failed)."""


@dataclass
class ImportReport:
    """What happened to an update: accepted, or rejected with the reasons."""

    origin: str
    accepted: bool = False
    version: int | None = None
    previous_version: int | None = None
    services: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One readable paragraph for the CLI and the log."""
        if self.accepted:
            return (
                f"catalog {self.origin}: version {self.previous_version} -> {self.version}, "
                f"{self.services} services applied"
            )
        shown = "\n  ".join(self.problems[:MAX_REPORTED])
        more = len(self.problems) - MAX_REPORTED
        tail = f"\n  … and {more} more" if more > 0 else ""
        return f"catalog {self.origin} rejected, current copy kept:\n  {shown}{tail}"


@dataclass(frozen=True)
class ServiceRow:
    """The columns the search index needs about one service."""

    code: str
    name: str
    short_name: str
    keywords: tuple[str, ...]
    level: str
    division_code: str
    county_code: str
    department: str
    service_object: str
    themes: tuple[str, ...]
    popularity: int
    terminal_applicable: bool
    name_en: str = ""  # "" when the catalog has no English name
    short_name_en: str = ""
    department_en: str = ""


@dataclass(frozen=True)
class DivisionRow:
    """One division of the catalog."""

    code: str
    name: str
    level: str
    county_code: str
    parent_code: str | None
    name_en: str = ""


@dataclass(frozen=True)
class CatalogInfo:
    """Version and size of the current copy."""

    version: int
    services: int
    per_level: dict[str, int]
    applied_at: str
    origin: str


def known_forms(forms_dir: Path = FORMS_DIR) -> dict[str, int]:
    """Form ids and versions the terminal has (offline_cache/bundled/forms/<id>.json)."""
    forms: dict[str, int] = {}
    if forms_dir.is_dir():
        for path in sorted(forms_dir.glob("*.json")):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                forms[str(data.get("form_id", path.stem))] = int(data.get("version", 1))
            except (OSError, ValueError) as error:
                log.warning("form definition %s unreadable: %s", path.name, error)
    return forms


def decode_bundle(data: bytes) -> tuple[dict[str, Any] | None, list[str]]:
    """Bytes (gzip or plain JSON) to a dict, or the reason it cannot be read."""
    try:
        raw = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
        bundle = json.loads(raw.decode("utf-8"))
    except (EOFError, OSError, zlib.error) as error:
        return None, [f"not a complete gzip file (truncated?): {error}"]
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, [f"not valid JSON (truncated?): {error}"]
    if not isinstance(bundle, dict):
        return None, ["not a catalog: the top level is not an object"]
    return bundle, []


_BUNDLE_VALIDATOR = Draft202012Validator(BUNDLE_SCHEMA)
_DELTA_VALIDATOR = Draft202012Validator(DELTA_SCHEMA)
# SERVICE_SCHEMA split in two: the envelope (object, required keys) checked per service, each
# property's schema checked once per distinct value (6,264 services share most values).
_SERVICE_ENVELOPE = Draft202012Validator({"type": "object", "required": SERVICE_SCHEMA["required"]})
_PROPERTY_VALIDATORS = {
    name: Draft202012Validator(schema) for name, schema in SERVICE_SCHEMA["properties"].items()
}


def _value_key(value: Any) -> object:
    if isinstance(value, str | int | float | bool) or value is None:
        return (type(value), value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _service_problems(service: Any, checked: dict[tuple[str, object], list[str]]) -> list[str]:
    problems = [
        f"{'/'.join(map(str, e.absolute_path)) or '(service)'}: {e.message}"
        for e in _SERVICE_ENVELOPE.iter_errors(service)
    ]
    if problems:
        return problems
    for name, validator in _PROPERTY_VALIDATORS.items():
        if name not in service:
            continue
        key = (name, _value_key(service[name]))
        if key not in checked:
            checked[key] = [
                "/".join([name, *map(str, e.absolute_path)]) + f": {e.message}"
                for e in validator.iter_errors(service[name])
            ]
        problems.extend(checked[key])
    return problems


def validate_bundle(bundle: dict[str, Any], forms: dict[str, int]) -> list[str]:
    """Every problem that makes the bundle unusable; empty when it can be applied."""
    problems = [
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
        for e in _BUNDLE_VALIDATOR.iter_errors(bundle)
    ]
    if problems:
        return problems
    seen: set[str] = set()
    checked: dict[tuple[str, object], list[str]] = {}
    divisions = {d["code"] for d in bundle["divisions"]}
    for i, service in enumerate(bundle["services"]):
        label = f"services/{i} ({service.get('code', '?')})"
        errors = _service_problems(service, checked)
        problems.extend(f"{label}/{e}" for e in errors)
        if errors:
            continue
        if service["code"] in seen:
            problems.append(f"{label}: duplicate code")
        seen.add(service["code"])
        if service["division_code"] not in divisions:
            problems.append(f"{label}: unknown division {service['division_code']}")
        form = service["form"]
        if forms.get(form["id"]) != form["version"]:
            problems.append(f"{label}: form {form['id']} version {form['version']} is missing")
    return problems


class CatalogStore:
    """The catalog database file: seeded from the bundled catalog, replaced by updates."""

    def __init__(
        self,
        path: Path,
        *,
        bundled: Path = BUNDLED_CATALOG,
        forms_dir: Path = FORMS_DIR,
    ) -> None:
        self.path = path
        self.bundled = bundled
        self.forms_dir = forms_dir

    # --- opening ------------------------------------------------------------------------------

    def ensure(self) -> CatalogInfo:
        """Make sure a usable copy exists (seeding from the bundled catalog) and describe it."""
        info = self._read_info()
        if info is not None:
            return info
        log.warning("catalog store missing or unusable; seeding from the bundled catalog")
        report = self._apply_bytes(self.bundled.read_bytes(), "bundled", require_newer=False)
        if not report.accepted:
            raise CatalogError(report.summary())
        info = self._read_info()
        if info is None:
            raise CatalogError("the catalog store cannot be read after seeding")
        return info

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        conn.execute("BEGIN")  # one read transaction: a consistent view
        return conn

    def _read_info(self) -> CatalogInfo | None:
        if not self.path.exists():
            return None
        try:
            conn = self._connect()
            try:
                if conn.execute("PRAGMA user_version").fetchone()[0] != STORE_SCHEMA_VERSION:
                    return None
                if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    return None
                meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
                per_level = dict(
                    conn.execute("SELECT level, COUNT(*) FROM services GROUP BY level").fetchall()
                )
            finally:
                conn.close()
        except sqlite3.DatabaseError as error:
            log.warning("catalog store unreadable: %s", error)
            return None
        if "catalog_version" not in meta:
            return None
        return CatalogInfo(
            version=int(meta["catalog_version"]),
            services=sum(per_level.values()),
            per_level=per_level,
            applied_at=meta.get("applied_at", ""),
            origin=meta.get("origin", ""),
        )

    def info(self) -> CatalogInfo:
        """Version and counts of the current copy."""
        return self.ensure()

    # --- updating -----------------------------------------------------------------------------

    def import_file(self, file: Path) -> ImportReport:
        """Apply a catalog file (whole or delta) atomically, or reject it with a report."""
        try:
            data = file.read_bytes()
        except OSError as error:
            return ImportReport(origin=file.name, problems=[f"cannot read: {error}"])
        self.ensure()
        return self._apply_bytes(data, file.name, require_newer=True)

    def apply_update(
        self, update: bytes | Mapping[str, Any], etag: str | None = None
    ) -> ImportReport:
        """Apply an update from the platform (whole bundle or delta; gzip/JSON bytes or a dict).

        The same rule as a file import: checked in full, swapped in atomically, or rejected
        with a report and the current copy untouched. ``etag`` is kept with the new copy for
        the next If-None-Match (current_etag).
        """
        self.ensure()
        if isinstance(update, bytes | bytearray | memoryview):
            return self._apply_bytes(bytes(update), "platform", require_newer=True, etag=etag)
        return self._apply_decoded(
            dict(update), ImportReport(origin="platform"), require_newer=True, etag=etag
        )

    def current_etag(self) -> str | None:
        """The ETag the platform gave with the current copy (None: bundled or imported)."""
        if not self.path.exists():
            return None
        try:
            conn = self._connect()
            try:
                row = conn.execute("SELECT value FROM meta WHERE key = 'etag'").fetchone()
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            return None
        return str(row[0]) if row and row[0] else None

    def _apply_bytes(
        self, data: bytes, origin: str, *, require_newer: bool, etag: str | None = None
    ) -> ImportReport:
        report = ImportReport(origin=origin)
        bundle, problems = decode_bundle(data)
        if bundle is None:
            current = self._read_info()
            report.previous_version = current.version if current else None
            report.problems = problems
            log.warning("catalog update %s rejected: %s", origin, problems[0])
            return report
        return self._apply_decoded(bundle, report, require_newer=require_newer, etag=etag)

    def _apply_decoded(
        self,
        bundle: dict[str, Any],
        report: ImportReport,
        *,
        require_newer: bool,
        etag: str | None,
    ) -> ImportReport:
        origin = report.origin
        current = self._read_info()
        report.previous_version = current.version if current else None
        if bundle.get("format") == DELTA_FORMAT:
            merged, problems = self._merge_delta(bundle, current)
            if merged is None:
                report.problems = problems
                log.warning("catalog delta %s rejected: %s", origin, problems[0])
                return report
            bundle = merged
        report.problems = validate_bundle(bundle, known_forms(self.forms_dir))
        version = bundle.get("catalog_version")
        if (
            not report.problems
            and require_newer
            and current is not None
            and isinstance(version, int)
            and version <= current.version
        ):
            report.problems.append(
                f"version {version} is not newer than the current version {current.version}"
            )
        if report.problems:
            log.warning("catalog update %s rejected with %d problems", origin, len(report.problems))
            return report
        self._build_and_swap(bundle, origin, etag)
        report.accepted = True
        report.version = int(bundle["catalog_version"])
        report.services = len(bundle["services"])
        log.info("catalog update %s applied: version %s", origin, report.version)
        return report

    def _merge_delta(
        self, delta: dict[str, Any], current: CatalogInfo | None
    ) -> tuple[dict[str, Any] | None, list[str]]:
        """The whole bundle a delta leads to, or why it cannot be applied to the current copy."""
        problems = [
            f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in _DELTA_VALIDATOR.iter_errors(delta)
        ]
        if problems:
            return None, problems
        if current is None or delta["base_version"] != current.version:
            held = current.version if current else "none"
            return None, [
                f"delta for version {delta['base_version']}, but this terminal holds {held}"
            ]
        if delta["catalog_version"] <= delta["base_version"]:
            return None, ["delta does not lead to a newer version"]
        base = self._current_bundle()
        services = {s["code"]: s for s in base["services"]}
        removed: list[str] = delta.get("removed", [])
        unknown = [code for code in removed if code not in services]
        if unknown:
            return None, [f"removed service {code} is not in the catalog" for code in unknown]
        for code in removed:
            del services[code]
        for service in delta["services"]:
            code = service.get("code")
            if isinstance(code, str):
                services[code] = service
        untyped = [s for s in delta["services"] if not isinstance(s.get("code"), str)]
        merged = {
            "format": base["format"],
            "format_version": base["format_version"],
            "catalog_version": delta["catalog_version"],
            "attribution": delta.get("attribution", base["attribution"]),
            "divisions": delta.get("divisions", base["divisions"]),
            # Untyped records go through validation so the report names them.
            "services": [*(services[c] for c in sorted(services)), *untyped],
        }
        return merged, []

    def _current_bundle(self) -> dict[str, Any]:
        """The current copy as a whole bundle (the base a delta is merged with)."""
        conn = self._connect()
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            divisions = [
                {
                    "code": r[0],
                    "name": r[1],
                    "level": r[2],
                    "county_code": r[3],
                    "parent_code": r[4],
                    **({"name_en": r[5]} if r[5] else {}),
                }
                for r in conn.execute(
                    "SELECT code, name, level, county_code, parent_code, name_en"
                    " FROM divisions ORDER BY rowid"
                )
            ]
            services = [json.loads(r[0]) for r in conn.execute("SELECT record FROM services")]
        finally:
            conn.close()
        return {
            "format": "onewindow-catalog",
            "format_version": int(meta.get("format_version", "1")),
            "catalog_version": int(meta["catalog_version"]),
            "attribution": json.loads(meta.get("attribution", "[]")),
            "divisions": divisions,
            "services": services,
        }

    def _build_and_swap(self, bundle: dict[str, Any], origin: str, etag: str | None) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f"{self.path.name}.new-{os.getpid()}")
        tmp.unlink(missing_ok=True)
        try:
            conn = sqlite3.connect(tmp)
            try:
                self._fill(conn, bundle, origin, etag)
            finally:
                conn.close()
            with tmp.open("rb") as fh:
                os.fsync(fh.fileno())
            tmp.replace(self.path)  # os.replace: atomic rename over the current copy
            dir_fd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        finally:
            tmp.unlink(missing_ok=True)

    @staticmethod
    def _fill(
        conn: sqlite3.Connection, bundle: dict[str, Any], origin: str, etag: str | None
    ) -> None:
        # DELETE journal: the whole store is one file, so os.replace swaps all of it.
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.executescript(_DDL)
        services: list[dict[str, Any]] = bundle["services"]
        texts: set[str] = set()
        for s in services:
            texts.update((s["name"], s["short_name"], s["department"], *s["keywords"]))
        with conn:
            conn.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    ("catalog_version", str(bundle["catalog_version"])),
                    ("format_version", str(bundle["format_version"])),
                    ("origin", origin),
                    ("applied_at", datetime.now(UTC).isoformat(timespec="seconds")),
                    ("attribution", json.dumps(bundle.get("attribution", []), ensure_ascii=False)),
                    ("etag", etag or ""),
                ],
            )
            conn.executemany(
                "INSERT INTO divisions VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        d["code"],
                        d["name"],
                        d["level"],
                        d["county_code"],
                        d.get("parent_code"),
                        d.get("name_en", ""),
                    )
                    for d in bundle["divisions"]
                ],
            )
            conn.executemany(
                "INSERT INTO services VALUES"
                " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        s["code"],
                        s["name"],
                        s["short_name"],
                        _LIST_SEP.join(s["keywords"]),
                        s["level"],
                        s["division_code"],
                        s["county_code"],
                        s["department"],
                        s["service_object"],
                        _LIST_SEP.join(s["themes"]),
                        s["popularity"],
                        int(s["terminal_applicable"]),
                        s["form"]["id"],
                        s["form"]["version"],
                        json.dumps(s, ensure_ascii=False, sort_keys=True),
                        s.get("name_en", ""),
                        s.get("short_name_en", ""),
                        s.get("department_en", ""),
                    )
                    for s in services
                ],
            )
            # Pinyin keys are computed here, once per distinct text, never at start-up.
            conn.executemany(
                "INSERT INTO search_texts VALUES (?, ?)",
                [(t, json.dumps(keys_for(t).to_json())) for t in sorted(texts)],
            )
            conn.execute(f"PRAGMA user_version = {STORE_SCHEMA_VERSION}")

    # --- reading ------------------------------------------------------------------------------

    def service_rows(self) -> list[ServiceRow]:
        """Every service with the columns search needs, in code order."""
        conn = self._connect()
        try:
            rows = conn.execute(
                "SELECT code, name, short_name, keywords, level, division_code, county_code,"
                " department, service_object, themes, popularity, terminal_applicable,"
                " name_en, short_name_en, department_en FROM services ORDER BY code"
            ).fetchall()
        finally:
            conn.close()
        return [
            ServiceRow(
                r[0],
                r[1],
                r[2],
                tuple(r[3].split(_LIST_SEP)) if r[3] else (),
                r[4],
                r[5],
                r[6],
                r[7],
                r[8],
                tuple(r[9].split(_LIST_SEP)) if r[9] else (),
                r[10],
                bool(r[11]),
                r[12],
                r[13],
                r[14],
            )
            for r in rows
        ]

    def search_texts(self) -> dict[str, PinyinKeys]:
        """Precomputed pinyin keys of every name, short name, keyword and department."""
        conn = self._connect()
        try:
            rows = conn.execute("SELECT text, keys FROM search_texts").fetchall()
        finally:
            conn.close()
        return {t: PinyinKeys.from_json(t, json.loads(k)) for t, k in rows}

    def divisions(self) -> list[DivisionRow]:
        """All divisions: the city, counties, towns."""
        conn = self._connect()
        try:
            rows = conn.execute(
                "SELECT code, name, level, county_code, parent_code, name_en"
                " FROM divisions ORDER BY code"
            ).fetchall()
        finally:
            conn.close()
        return [DivisionRow(*r) for r in rows]

    def guide(self, code: str) -> dict[str, Any] | None:
        """The full guide record of one service, or None if the code is unknown."""
        conn = self._connect()
        try:
            row = conn.execute("SELECT record FROM services WHERE code = ?", (code,)).fetchone()
        finally:
            conn.close()
        if row is None:
            return None
        record: dict[str, Any] = json.loads(row[0])
        return record
