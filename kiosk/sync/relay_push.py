"""Relaying a queue bundle to the platform as a whole, so the platform checks who made it.

A connected terminal that imports a bundle (kiosk.queue_bundle) keeps an encrypted copy of it
in its data folder (``relay/``, with the ids of the applications it added). The sync engine
forwards each kept bundle with ``POST /terminals/me/relayed-bundles`` before it sends anything
one by one: the platform verifies the bundle's signature, certificate and revocation itself,
records the signer as each application's origin and this terminal as the one that relayed it,
and answers each application's official number. Those applications are then SUBMITTED here
without being uploaded again; one the platform refused (its origin is not the signer, its form
data is invalid) and every one of a bundle refused whole (signed by a revoked terminal) is
quarantined with the platform's reason. While a bundle cannot be forwarded (a transient
error), its applications wait: they are not sent one by one with an origin nobody checked.

The copy is the bundle as it came (AES-GCM under the city key, which lives in the secrets file
outside the data folder), deleted once the platform has answered for it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, ValidationError

from kiosk.sync.errors import BadAnswer, NotFound, PermanentRefusal, TransientRefusal
from kiosk.sync.platform_client import PlatformClient
from offline_cache.outbox import ApplicationState, Outbox

log = logging.getLogger(__name__)

RELAY_FOLDER = "relay"
BUNDLE_SUFFIX = ".owq"
IDS_SUFFIX = ".json"
S = ApplicationState


class _Imported(BaseModel):
    application_id: str
    official_number: str
    new: bool


class _Refused(BaseModel):
    application_id: str
    error: str
    detail: str


class RelayAnswer(BaseModel):
    """The platform's answer to a relayed bundle (the BundleImport of the contract)."""

    bundle_id: str
    signer: str
    new: int
    known: int
    applications: list[_Imported]
    refused: list[_Refused] = []


def keep_for_relay(data_dir: Path, bundle: Path, bundle_id: str) -> Callable[[list[str]], None]:
    """Copy ``bundle`` into the relay folder now; the returned function, called with the ids
    of the applications the import added, makes the copy count (until then it is ignored)."""
    folder = data_dir / RELAY_FOLDER
    folder.mkdir(mode=0o700, exist_ok=True)
    # The bundle id is the maker's word: a random suffix keeps two bundles apart whatever it says.
    safe = "".join(c for c in bundle_id if c.isalnum() or c == "-")[:64]
    name = f"{safe}-{secrets.token_hex(4)}"
    target = folder / f"{name}{BUNDLE_SUFFIX}"
    temp = folder / f".{name}{BUNDLE_SUFFIX}.tmp"
    try:
        shutil.copyfile(bundle, temp)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise

    def commit(application_ids: list[str]) -> None:
        try:
            if not application_ids:
                return
            with temp.open("rb") as handle:
                os.fsync(handle.fileno())
            temp.replace(target)
            ids = folder / f"{name}{IDS_SUFFIX}"
            ids.write_text(json.dumps(application_ids), encoding="utf-8")
        finally:
            with contextlib.suppress(OSError):
                temp.unlink()

    return commit


@dataclass
class RelayReport:
    """What forwarding the kept bundles did."""

    relayed: int = 0  # bundles the platform answered for
    submitted: int = 0
    quarantined: int = 0
    waiting: set[str] = field(default_factory=set)  # ids whose bundle could not be forwarded


class RelayPush:
    """Forwards the bundles kept in ``data_dir/relay`` and settles their applications."""

    def __init__(self, data_dir: Path) -> None:
        self._folder = data_dir / RELAY_FOLDER

    def _kept(self) -> list[tuple[Path, Path, list[str]]]:
        if not self._folder.is_dir():
            return []
        kept = []
        for ids_file in sorted(self._folder.glob(f"*{IDS_SUFFIX}")):
            bundle = ids_file.with_suffix(BUNDLE_SUFFIX)
            try:
                ids = [str(i) for i in json.loads(ids_file.read_text(encoding="utf-8"))]
            except (OSError, ValueError, TypeError):
                ids = []
            if bundle.exists() and ids:
                kept.append((bundle, ids_file, ids))
            else:  # half a pair: nothing to forward
                for path in (bundle, ids_file):
                    with contextlib.suppress(OSError):
                        path.unlink()
        return kept

    def push(self, client: PlatformClient, outbox: Outbox, now: datetime) -> RelayReport:
        """Forward every kept bundle; global sync errors propagate to the engine."""
        report = RelayReport()
        for bundle, ids_file, ids in self._kept():
            to_send = {r.application_id for r in outbox.in_state(S.FINALIZED, S.UPLOADING)}
            waiting = [i for i in ids if i in to_send]
            if waiting:
                try:
                    answer = client.relay_bundle(bundle.read_bytes())
                except TransientRefusal as error:
                    log.info("relayed bundle deferred", extra={"reason": str(error)[:200]})
                    report.waiting.update(waiting)
                    continue
                except NotFound:
                    # A platform from before relaying: its applications go one by one, as then.
                    # A platform that checks origins refuses those (422 origin_mismatch): the
                    # engine quarantines them with its reason, and sends them no more.
                    log.warning("platform takes no relayed bundles; sending them one by one")
                except PermanentRefusal as refusal:
                    # Refused whole (signed by a revoked terminal, say): a technician may still
                    # retry an application, which then goes one by one (and is quarantined
                    # again by a platform that takes submissions only in the sender's name).
                    reason = f"platform refused the bundle ({refusal.status} {refusal.code}): "
                    for app_id in waiting:
                        outbox.quarantine(app_id, (reason + str(refusal))[:500], now)
                        report.quarantined += 1
                    report.relayed += 1
                else:
                    self._settle(self._parsed(answer), outbox, set(waiting), now, report)
                    report.relayed += 1
            for path in (bundle, ids_file):
                with contextlib.suppress(OSError):
                    path.unlink()
        return report

    @staticmethod
    def _parsed(answer: object) -> RelayAnswer:
        try:
            return RelayAnswer.model_validate(answer)
        except ValidationError as error:
            raise BadAnswer(
                f"answer does not match BundleImport: {error.error_count()} problem(s)"
            ) from None

    @staticmethod
    def _settle(
        answer: RelayAnswer, outbox: Outbox, waiting: set[str], now: datetime, report: RelayReport
    ) -> None:
        for item in answer.applications:
            if item.application_id not in waiting:
                continue
            record = outbox.get(item.application_id)
            if record is not None and record.state is S.FINALIZED:
                outbox.transition(item.application_id, S.UPLOADING, now)
            outbox.transition(
                item.application_id, S.SUBMITTED, now, platform_number=item.official_number
            )
            report.submitted += 1
        for refused in answer.refused:
            if refused.application_id in waiting:
                reason = f"platform refused ({refused.error}): {refused.detail}"
                outbox.quarantine(refused.application_id, reason[:500], now)
                report.quarantined += 1


__all__ = ["RELAY_FOLDER", "RelayAnswer", "RelayPush", "RelayReport", "keep_for_relay"]
