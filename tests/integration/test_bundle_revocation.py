"""Revoked terminals and queue bundles, through the TLS reference platform on loopback.

A van's terminal is lost: the admin revokes it. Its bundle is then refused at ``POST /bundles``
(unless an admin overrides) and, once a hall terminal has pulled the signed revocation list with
its sync (``kiosk sync --once``), at the hall's import (CLI and desk), with a plain message that
names the reason and no personal data. A forged, unsigned, expired or older list is refused by
the terminal, which keeps the list it had. An application whose claimed origin is not the
bundle's signer is refused as inconsistent; good bundles still import. A relaying terminal
forwards the bundles it imported whole with its sync, so the platform records the verified
signer as the origin and the relay apart, and refuses what a revoked terminal signed.
"""

from __future__ import annotations

import base64
import json
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from central.revocations import list_body  # the platform's own signing input
from config.loader import load_settings
from config.schema import KioskSettings
from config.secrets import load_secrets
from kiosk.audit import open_audit_log
from kiosk.queue_bundle import BundleRefused, Refusal
from kiosk.queue_desk import QueueDesk
from kiosk.sync.platform_client import PlatformClient
from kiosk.sync.revocation_pull import (
    REVOCATIONS_FILE,
    RevocationOutcome,
    RevocationPull,
    stored_revocations,
    terminal_key_id,
)
from offline_cache.store import OfflineStore
from tests.fixtures.bundle_keys import City
from tests.fixtures.platform import RunningPlatform
from tests.fixtures.sync import open_terminal, seed_applications
from tests.integration.test_sync_commands import enrolled_config, run

pytestmark = pytest.mark.stack

# Canary values of tests.fixtures.sync.seed_applications: never in a message or the list file.
CANARIES = ("510703199001011234", "测试")


def _terminal(root: Path, platform: RunningPlatform, terminal_id: str) -> KioskSettings:
    return load_settings(enrolled_config(root, platform, terminal_id))


def _config(settings: KioskSettings) -> str:
    return str(settings.storage.data_dir.parent / "kiosk.toml")


def _seed(settings: KioskSettings, count: int) -> list[str]:
    store = OfflineStore.open(settings.storage)
    try:
        return seed_applications(
            store, count, attachments=1, size=2000, terminal_id=settings.terminal.id
        )
    finally:
        store.close()


def _client_id(settings: KioskSettings) -> str:
    client_id = load_secrets(settings.storage.secrets_file).platform_client_id
    assert client_id is not None
    return client_id


def _key_id(settings: KioskSettings) -> str:
    certificate = json.loads(load_secrets(settings.storage.secrets_file).bundle_certificate or "")
    return terminal_key_id(base64.b64decode(certificate["public_key"]))


def _export(settings: KioskSettings, drive: Path) -> Path:
    return QueueDesk(settings).export(drive).path


def test_a_revoked_vans_bundle_is_refused_at_the_platform_and_at_a_synced_relay(
    tmp_path: Path, tls_platform: RunningPlatform, capsys: pytest.CaptureFixture[str]
) -> None:
    van = _terminal(tmp_path / "van", tls_platform, "MY-VAN-301")
    other_van = _terminal(tmp_path / "van2", tls_platform, "MY-VAN-302")
    hall = _terminal(tmp_path / "hall", tls_platform, "MY-HALL-301")
    stolen_ids = _seed(van, 2)
    good_ids = _seed(other_van, 1)
    drive = tmp_path / "usb"
    drive.mkdir()
    stolen = _export(van, drive)
    good = _export(other_van, drive)
    hall_data = hall.storage.data_dir

    # The hall syncs before the theft: it keeps a signed list without the van's key.
    assert run(["sync", "--once", "--timeout", "30", "--config", _config(hall)]) == 0
    pinned = RevocationPull.from_secrets(hall_data, load_secrets(hall.storage.secrets_file))
    assert pinned is not None
    before = pinned.kept()
    assert before is not None and before.lookup(_key_id(van)) is None

    tls_platform.admin.revoke(_client_id(van))

    status, answer = tls_platform.admin.post_bundle(stolen)
    assert status == 422 and answer["error"] == "bundle_signer_revoked"
    assert answer["detail"].startswith("signed by a revoked terminal — ")
    assert "MY-VAN-301" in answer["detail"]
    assert not any(a["application_id"] in stolen_ids for a in tls_platform.admin.inventory())

    # The hall's next sync brings the van's key id; its import then refuses the bundle.
    assert run(["sync", "--once", "--timeout", "30", "--config", _config(hall)]) == 0
    after = pinned.kept()
    assert after is not None and after.lookup(_key_id(van)) is not None
    assert after.issued_at >= before.issued_at
    capsys.readouterr()
    assert run(["queue", "import", str(stolen), "--config", _config(hall)]) == 3
    err = capsys.readouterr().err
    assert err.startswith("bundle refused (revoked): signed by a revoked terminal — ")
    with pytest.raises(BundleRefused) as refused:
        QueueDesk(hall).import_bundle(stolen)
    assert refused.value.reason is Refusal.REVOKED
    for text in (err, str(refused.value), (hall_data / REVOCATIONS_FILE).read_text()):
        assert not any(canary in text for canary in CANARIES)
    store = OfflineStore.open(hall.storage)
    try:
        assert store.outbox.all_records() == []
        assert store.vault.attachment_ids() == []
    finally:
        store.close()
    reasons = [
        e.details.get("reason")
        for e in open_audit_log(hall).entries_since(0)
        if e.action == "import_refused"
    ]
    assert reasons == ["revoked", "revoked"]

    # Another van's bundle still imports at the hall and at the platform.
    assert QueueDesk(hall).import_bundle(good).new == 1
    status, answer = tls_platform.admin.post_bundle(good)
    assert (status, answer["new"], answer["refused"]) == (200, 1, [])
    stored = [a for a in tls_platform.admin.inventory() if a["application_id"] in good_ids]
    assert [a["origin_terminal_id"] for a in stored] == ["MY-VAN-302"]

    # Staff who know the drive left the van before it was lost may let it in, as admins.
    status, answer = tls_platform.admin.post_bundle(stolen, "?accept_revoked_signer=true")
    assert (status, answer["new"], answer["accepted_revoked_signer"]) == (200, 2, True)
    status, answer = tls_platform.admin.post_bundle(good, "?accept_revoked_signer=true")
    assert (status, answer["known"], answer["accepted_revoked_signer"]) == (200, 1, False)


def test_forged_unsigned_expired_or_older_lists_are_refused_and_the_kept_one_stays(
    tmp_path: Path, tls_platform: RunningPlatform
) -> None:
    van = _terminal(tmp_path / "van", tls_platform, "MY-VAN-303")
    hall = _terminal(tmp_path / "hall", tls_platform, "MY-HALL-303")
    tls_platform.admin.revoke(_client_id(van))
    secrets_ = load_secrets(hall.storage.secrets_file)
    pull = RevocationPull.from_secrets(hall.storage.data_dir, secrets_)
    assert pull is not None
    client = PlatformClient.from_settings(hall, secrets_)
    try:
        older = client.bundle_revocations()
        time.sleep(0.01)
        result = pull.pull(client)
    finally:
        client.close()
    assert result.outcome is RevocationOutcome.UPDATED
    kept_file = (hall.storage.data_dir / REVOCATIONS_FILE).read_bytes()
    kept = pull.kept()
    assert kept is not None and kept.lookup(_key_id(van)) is not None

    current = json.loads(kept_file)
    unsigned = {k: v for k, v in current.items() if k != "signature"}
    emptied = {**current, "revoked": []}  # the van taken off, the signature left as it was
    other_city = City()
    foreign = {
        **emptied,
        "signature": base64.b64encode(other_city.platform.sign(list_body(emptied))).decode(),
    }
    expired_now = datetime.fromisoformat(current["next_update"]) + timedelta(seconds=1)
    cases: list[tuple[object, datetime | None, str]] = [
        (unsigned, None, "not signed"),
        (emptied, None, "signature"),
        (foreign, None, "signature"),
        ("not a list", None, "not a revocation list"),
        (current, expired_now, "expired"),
        (older, None, "older"),
    ]
    for document, now, reason in cases:
        refused = pull.take(document, now)
        assert refused.outcome is RevocationOutcome.REFUSED, reason
        assert reason in refused.reason
        assert (hall.storage.data_dir / REVOCATIONS_FILE).read_bytes() == kept_file
        assert pull.kept() == kept

    # A list edited on disk counts as none (checked again when read).
    (hall.storage.data_dir / REVOCATIONS_FILE).write_text(json.dumps(emptied), encoding="utf-8")
    pinned = Ed25519PublicKey.from_public_bytes(
        base64.b64decode(secrets_.platform_public_key or "")
    )
    assert stored_revocations(hall.storage.data_dir, pinned) is None


def test_an_application_claiming_another_origin_than_the_signer_is_refused(
    tmp_path: Path, tls_platform: RunningPlatform
) -> None:
    van = _terminal(tmp_path / "van", tls_platform, "MY-VAN-304")
    hall = _terminal(tmp_path / "hall", tls_platform, "MY-HALL-304")
    van_ids = _seed(van, 2)
    drive = tmp_path / "usb"
    drive.mkdir()
    assert QueueDesk(hall).import_bundle(_export(van, drive)).new == 2
    hall_ids = _seed(hall, 1)

    # The hall, offline too, exports its queue: the van's applications ride along, still
    # naming the van as their origin, but the bundle is the hall's.
    relayed = _export(hall, drive)
    status, answer = tls_platform.admin.post_bundle(relayed)

    assert status == 200 and answer["signer"] == "MY-HALL-304"
    assert answer["new"] == 1
    assert [a["application_id"] for a in answer["applications"]] == hall_ids
    refused = {r["application_id"]: r for r in answer["refused"]}
    assert sorted(refused) == sorted(van_ids)
    for refusal in refused.values():
        assert refusal["error"] == "bundle_inconsistent_origin"
        assert "MY-VAN-304" in refusal["detail"] and "MY-HALL-304" in refusal["detail"]
    stored = {a["application_id"]: a for a in tls_platform.admin.inventory()}
    assert not any(app_id in stored for app_id in van_ids)
    assert stored[hall_ids[0]]["origin_terminal_id"] == "MY-HALL-304"


def _records(settings: KioskSettings) -> dict[str, Any]:
    store = OfflineStore.open(settings.storage)
    try:
        return {r.application_id: r for r in store.outbox.all_records()}
    finally:
        store.close()


def test_a_relaying_terminal_forwards_the_bundle_and_the_platform_checks_its_signer(
    tmp_path: Path, tls_platform: RunningPlatform
) -> None:
    van = _terminal(tmp_path / "van", tls_platform, "MY-VAN-305")
    lost = _terminal(tmp_path / "lost", tls_platform, "MY-VAN-306")
    hall = _terminal(tmp_path / "hall", tls_platform, "MY-HALL-305")
    kiosk = _terminal(tmp_path / "kiosk", tls_platform, "MY-HALL-306")
    van_ids, lost_ids = _seed(van, 2), _seed(lost, 1)
    drive = tmp_path / "usb"
    drive.mkdir()
    # The hall imports both vans' bundles while it has no network; the second van is then lost.
    assert QueueDesk(hall).import_bundle(_export(van, drive)).new == 2
    assert QueueDesk(hall).import_bundle(_export(lost, drive)).new == 1
    hall_ids = _seed(hall, 1)
    relayed_again = _export(hall, drive)  # the hall's own bundle, with the vans' inside
    tls_platform.admin.revoke(_client_id(lost))

    assert run(["sync", "--once", "--timeout", "30", "--config", _config(hall)]) == 0

    stored = {a["application_id"]: a for a in tls_platform.admin.inventory()}
    for app_id in van_ids:
        assert stored[app_id]["origin_terminal_id"] == "MY-VAN-305"  # the signer, verified
        assert stored[app_id]["terminal_id"] == "MY-HALL-305"  # the relay, recorded apart
    assert stored[hall_ids[0]]["origin_terminal_id"] == "MY-HALL-305"
    assert not any(app_id in stored for app_id in lost_ids)
    records = _records(hall)
    for app_id in van_ids:
        assert records[app_id].state.value == "submitted"
        assert records[app_id].platform_number == stored[app_id]["official_number"]
    assert records[lost_ids[0]].state.value == "quarantined"
    hall_rows = {r.application_id: r for r in QueueDesk(hall).rows()}
    assert "bundle_signer_revoked" in (hall_rows[lost_ids[0]].last_error or "")
    assert not (hall.storage.data_dir / "relay").exists() or not any(
        (hall.storage.data_dir / "relay").iterdir()
    )
    actions = [e.action for e in open_audit_log(hall).entries_since(0)]
    assert "bundles_relayed" in actions

    # Another terminal relays the hall's bundle: the vans' applications in it name an origin
    # that is not its signer, so the platform refuses them there; the hall's own is known.
    assert QueueDesk(kiosk).import_bundle(relayed_again).new == 4
    assert run(["sync", "--once", "--timeout", "30", "--config", _config(kiosk)]) == 0
    records = _records(kiosk)
    assert records[hall_ids[0]].platform_number == stored[hall_ids[0]]["official_number"]
    for app_id in (*van_ids, *lost_ids):
        assert records[app_id].state.value == "quarantined"
    reasons = {r.application_id: r.last_error or "" for r in QueueDesk(kiosk).rows()}
    assert all("bundle_inconsistent_origin" in reasons[a] for a in (*van_ids, *lost_ids))


def test_a_bundle_that_cannot_be_forwarded_now_waits_and_its_applications_are_not_sent_alone(
    tmp_path: Path, tls_platform: RunningPlatform
) -> None:
    van = _terminal(tmp_path / "van", tls_platform, "MY-VAN-307")
    hall = _terminal(tmp_path / "hall", tls_platform, "MY-HALL-307")
    van_ids = _seed(van, 2)
    drive = tmp_path / "usb"
    drive.mkdir()
    assert QueueDesk(hall).import_bundle(_export(van, drive)).new == 2
    terminal = open_terminal(hall, _client_id(hall))
    try:
        tls_platform.admin.set_faults(error_500=1.0)
        try:
            terminal.engine.cycle()
        finally:
            tls_platform.admin.set_faults()
        records = _records(hall)
        assert {records[a].state.value for a in van_ids} == {"finalized"}
        assert len(list((hall.storage.data_dir / "relay").glob("*.owq"))) == 1
        stored = {a["application_id"] for a in tls_platform.admin.inventory()}
        assert not stored & set(van_ids)

        report = terminal.engine.cycle()
    finally:
        terminal.client.close()
        terminal.store.close()
    assert report.submitted == 2
    stored_apps = {a["application_id"]: a for a in tls_platform.admin.inventory()}
    assert {stored_apps[a]["terminal_id"] for a in van_ids} == {"MY-HALL-307"}
    assert {stored_apps[a]["origin_terminal_id"] for a in van_ids} == {"MY-VAN-307"}
    assert not list((hall.storage.data_dir / "relay").glob("*.owq"))
