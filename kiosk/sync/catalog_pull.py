"""Catalog updates from the platform into the terminal's store (If-None-Match + cursor).

The request carries the store's ETag and version, so an unchanged catalog costs a 304 and no
write. A new bundle goes through ``CatalogStore.apply_update``: checked in full and swapped in
atomically, or refused with the store untouched (a corrupt catalog from the platform never
replaces a good one).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from kiosk.sync.errors import NotFound
from kiosk.sync.platform_client import PlatformClient
from offline_cache.catalog_store import CatalogInfo, ImportReport

log = logging.getLogger(__name__)


class CatalogTarget(Protocol):
    """What the pull needs of offline_cache.catalog_store.CatalogStore."""

    path: Path

    def info(self) -> CatalogInfo:
        """Version of the current copy (seeding it first if needed)."""
        ...

    def current_etag(self) -> str | None:
        """The platform's ETag of the current copy."""
        ...

    def apply_update(self, update: bytes, etag: str | None = None) -> ImportReport:
        """Apply atomically or refuse with a report."""
        ...


class CatalogOutcome(StrEnum):
    """What one pull did."""

    CURRENT = "current"  # 304: nothing written
    UPDATED = "updated"
    REFUSED = "refused"  # the platform's bundle failed the checks; the old copy stays
    NONE_PUBLISHED = "none_published"
    NOT_SEEDED = "not_seeded"  # the kiosk has not made its copy yet: it seeds it at start


@dataclass(frozen=True)
class CatalogPull:
    """The outcome and versions of one pull (``problems`` when refused)."""

    outcome: CatalogOutcome
    version: int | None
    previous_version: int | None
    problems: list[str] = field(default_factory=list)


def pull_catalog(client: PlatformClient, target: CatalogTarget) -> CatalogPull:
    """Ask for a newer catalog and apply it; global sync errors propagate to the engine."""
    if not target.path.exists():
        # Seeding (pinyin keys for every service) is the kiosk's first-start job, not ours.
        return CatalogPull(CatalogOutcome.NOT_SEEDED, None, None)
    held = target.info().version
    try:
        bundle, version, etag = client.catalog(held, target.current_etag())
    except NotFound:
        return CatalogPull(CatalogOutcome.NONE_PUBLISHED, None, held)
    if bundle is None:
        return CatalogPull(CatalogOutcome.CURRENT, held, held)
    report = target.apply_update(bundle, etag or None)
    if not report.accepted:
        log.warning(
            "catalog from the platform refused; keeping ours",
            extra={"offered": version, "held": held, "problem": report.problems[:1]},
        )
        return CatalogPull(CatalogOutcome.REFUSED, held, held, list(report.problems))
    log.info("catalog updated from the platform", extra={"from": held, "to": report.version})
    return CatalogPull(CatalogOutcome.UPDATED, report.version, held)


__all__ = ["CatalogOutcome", "CatalogPull", "CatalogTarget", "pull_catalog"]
