"""Catalog and form definitions, versioned: the terminal asks with its cursor and ETag.

The catalog is one bundle (the format of ``offline_cache/bundled/catalog.json.gz``), served
gzip-compressed as it is; its ``catalog_version`` is the cursor. A terminal whose cursor is a
version published earlier gets a delta instead (format ``onewindow-catalog-delta``: the
service records changed or added since its version, the codes removed, the divisions if they
changed), which it merges with its copy; an unknown cursor gets the whole bundle. Form
definitions are JSON files ``<form id>.json`` with a ``version``. The server reads both from
paths given on its command line (central imports nothing of the kiosk), and an admin may
publish a newer catalog.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from central.errors import ApiError


@dataclass(frozen=True)
class CatalogBundle:
    """One published catalog: its version, its gzip bytes, and their ETag."""

    version: int
    gzip_bytes: bytes

    @property
    def etag(self) -> str:
        """A strong ETag of the bytes."""
        return '"' + hashlib.sha256(self.gzip_bytes).hexdigest()[:32] + '"'


def _bundle_from_gzip(data: bytes) -> CatalogBundle:
    try:
        decoded = json.loads(gzip.decompress(data))
    except (OSError, EOFError, ValueError) as error:
        raise ApiError(400, "bad_catalog", f"not a gzip JSON catalog: {error}") from None
    version = decoded.get("catalog_version") if isinstance(decoded, dict) else None
    if not isinstance(version, int) or not isinstance(decoded.get("services"), list):
        raise ApiError(400, "bad_catalog", "a catalog needs catalog_version and services")
    return CatalogBundle(version, data)


DELTA_FORMAT = "onewindow-catalog-delta"
HISTORY_KEPT = 5  # earlier versions a delta can start from


def _decoded(data: bytes) -> dict[str, Any]:
    decoded: dict[str, Any] = json.loads(gzip.decompress(data))
    return decoded


def make_delta(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The delta that turns bundle ``old`` into bundle ``new`` (changed records whole)."""
    before = {s["code"]: s for s in old["services"]}
    after = {s["code"]: s for s in new["services"]}
    delta: dict[str, Any] = {
        "format": DELTA_FORMAT,
        "format_version": 1,
        "base_version": old["catalog_version"],
        "catalog_version": new["catalog_version"],
        "services": [s for code, s in after.items() if before.get(code) != s],
        "removed": sorted(code for code in before if code not in after),
    }
    if new.get("divisions") != old.get("divisions"):
        delta["divisions"] = new.get("divisions")
    if new.get("attribution") != old.get("attribution"):
        delta["attribution"] = new.get("attribution", [])
    return delta


class CatalogSource:
    """The current catalog, the earlier versions deltas start from, and the form definitions."""

    def __init__(self, data_dir: Path, catalog_file: Path | None, forms_dir: Path | None) -> None:
        self._lock = threading.Lock()
        self._published = data_dir / "catalog.json.gz"
        self._history_dir = data_dir / "catalog-history"
        self._bundle: CatalogBundle | None = None
        self._deltas: dict[tuple[int, int], bytes] = {}
        for candidate in (self._published, catalog_file):
            if candidate is not None and candidate.is_file():
                self._bundle = _bundle_from_gzip(candidate.read_bytes())
                break
        self._forms: dict[str, dict[str, Any]] = {}
        if forms_dir is not None:
            for path in sorted(forms_dir.glob("*.json")):
                definition = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(definition, dict) and isinstance(definition.get("version"), int):
                    self._forms[path.stem] = definition

    def current(self) -> CatalogBundle:
        """The catalog now published; 404 when the server was started without one."""
        bundle = self._bundle
        if bundle is None:
            raise ApiError(404, "no_catalog", "this platform publishes no catalog")
        return bundle

    def publish(self, data: bytes) -> CatalogBundle:
        """Publish a newer catalog (gzip JSON); 409 unless its version is higher."""
        bundle = _bundle_from_gzip(data)
        with self._lock:
            if self._bundle is not None and bundle.version <= self._bundle.version:
                raise ApiError(409, "catalog_not_newer", f"version {bundle.version} is not newer")
            if self._bundle is not None:
                self._keep_in_history(self._bundle)
            temp = self._published.with_suffix(".tmp")
            temp.write_bytes(data)
            temp.replace(self._published)
            self._bundle = bundle
        return bundle

    def _keep_in_history(self, bundle: CatalogBundle) -> None:
        self._history_dir.mkdir(parents=True, exist_ok=True)
        (self._history_dir / f"{bundle.version}.json.gz").write_bytes(bundle.gzip_bytes)
        kept = sorted(int(p.name.split(".")[0]) for p in self._history_dir.glob("*.json.gz"))
        for version in kept[:-HISTORY_KEPT]:
            (self._history_dir / f"{version}.json.gz").unlink(missing_ok=True)

    def delta(self, cursor: int) -> bytes | None:
        """The gzip delta from version ``cursor`` to the current one; None if not kept."""
        current = self.current()
        old_file = self._history_dir / f"{cursor}.json.gz"
        if cursor >= current.version or not old_file.is_file():
            return None
        key = (cursor, current.version)
        with self._lock:
            if key not in self._deltas:
                delta = make_delta(_decoded(old_file.read_bytes()), _decoded(current.gzip_bytes))
                raw = json.dumps(delta, ensure_ascii=False, sort_keys=True).encode("utf-8")
                self._deltas = {key: gzip.compress(raw, mtime=0)}  # only the latest pair
            return self._deltas[key]

    def form_versions(self) -> dict[str, int]:
        """Form id → version of every form definition."""
        return {form_id: int(d["version"]) for form_id, d in self._forms.items()}

    def form(self, form_id: str) -> dict[str, Any]:
        """One form definition; 404 if unknown."""
        definition = self._forms.get(form_id)
        if definition is None:
            raise ApiError(404, "form_not_found", "no form definition with this id")
        return definition
