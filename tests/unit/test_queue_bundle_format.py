"""Queue bundles without a platform: keys made here as the platform would issue them. A bundle
opens only with the city key and a certified signature; every damage is refused by name and
leaves the importing outbox and vault untouched; personal values never appear in clear."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from config.secrets import Secrets
from kiosk.queue_bundle import (
    BundleRefused,
    NothingToExport,
    Refusal,
    export_queue,
    import_bundle,
)
from offline_cache.outbox import ApplicationState
from offline_cache.store import OfflineStore
from tests.fixtures.bundle_keys import City
from tests.fixtures.sync import seed_applications

CANARY_ID_NUMBER = "510703199001011234"
CANARY_NAME = "测试"


@pytest.fixture
def city() -> City:
    return City()


def _store(root: Path) -> OfflineStore:
    return OfflineStore.open_paths(root / "data", root / "keys" / "storage.key")


@pytest.fixture
def van(tmp_path: Path) -> Iterator[OfflineStore]:
    store = _store(tmp_path / "van")
    yield store
    store.close()


@pytest.fixture
def hall(tmp_path: Path) -> Iterator[OfflineStore]:
    store = _store(tmp_path / "hall")
    yield store
    store.close()


def _export(van: OfflineStore, city: City, tmp_path: Path, count: int = 2) -> Path:
    ids = seed_applications(van, count, attachments=2, size=3000, terminal_id="MY-VAN-001")
    van.outbox.queue_rating(ids[0], "dissatisfied", ("slow",), datetime.now(UTC))
    result = export_queue(van, city.secrets_for("MY-VAN-001"), "MY-VAN-001", tmp_path)
    assert result.applications == count and result.attachments == 2 * count
    return result.path


def _untouched(store: OfflineStore) -> None:
    assert store.outbox.all_records() == []
    assert store.vault.attachment_ids() == []


def test_import_adds_each_application_once_with_its_original_numbers(
    van: OfflineStore, hall: OfflineStore, city: City, tmp_path: Path
) -> None:
    path = _export(van, city, tmp_path, count=3)
    hall_secrets = city.secrets_for("MY-HALL-001")

    first = import_bundle(hall, hall_secrets, path)
    again = import_bundle(hall, hall_secrets, path)

    assert (first.summary, again.summary) == ("3 new, 0 already known", "0 new, 3 already known")
    assert first.signer == "MY-VAN-001"
    for original in van.outbox.all_records():
        copy = hall.outbox.get(original.application_id)
        assert copy is not None and copy.state is ApplicationState.FINALIZED
        assert copy.receipt_number == original.receipt_number
        assert hall.outbox.origin_terminal(copy.application_id) == "MY-VAN-001"
        for row in hall.outbox.attachments(copy.application_id):
            assert hall.vault.read_attachment(row.attachment_id) == van.vault.read_attachment(
                row.attachment_id
            )
    # The rating given offline travels with its application.
    assert [(r.level, r.reasons) for r in hall.outbox.pending_ratings()] == [
        ("dissatisfied", ("slow",))
    ]
    # The exporting terminal keeps them (a lost drive loses nothing), with the export noted.
    assert {r.state for r in van.outbox.all_records()} == {ApplicationState.FINALIZED}
    assert len(van.outbox.last_exports()) == 3
    # Its own bundle brought back changes nothing.
    assert import_bundle(van, city.secrets_for("MY-VAN-001"), path).summary == (
        "0 new, 3 already known"
    )


def test_personal_values_never_appear_in_clear_in_the_bundle(
    van: OfflineStore, city: City, tmp_path: Path
) -> None:
    raw = _export(van, city, tmp_path).read_bytes()
    for canary in (CANARY_ID_NUMBER, CANARY_NAME, "test application 0"):
        assert canary.encode() not in raw
        assert canary.encode("utf-16-le") not in raw
    assert base64.b64encode(CANARY_ID_NUMBER.encode()) not in raw


@pytest.mark.parametrize("where", [0.02, 0.3, 0.6, 0.999])
def test_a_changed_byte_is_refused_and_nothing_is_imported(
    van: OfflineStore, hall: OfflineStore, city: City, tmp_path: Path, where: float
) -> None:
    path = _export(van, city, tmp_path)
    data = bytearray(path.read_bytes())
    data[int(len(data) * where)] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(BundleRefused) as refused:
        import_bundle(hall, city.secrets_for("MY-HALL-001"), path)
    assert refused.value.reason in {Refusal.DAMAGED, Refusal.NOT_A_BUNDLE, Refusal.TRUNCATED}
    _untouched(hall)


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.99])
def test_a_truncated_bundle_is_refused_as_cut_off(
    van: OfflineStore, hall: OfflineStore, city: City, tmp_path: Path, keep: float
) -> None:
    path = _export(van, city, tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(BundleRefused) as refused:
        import_bundle(hall, city.secrets_for("MY-HALL-001"), path)
    assert refused.value.reason is Refusal.TRUNCATED
    assert "cut off" in str(refused.value)
    _untouched(hall)


def test_a_bundle_of_another_city_is_refused_as_such(
    van: OfflineStore, hall: OfflineStore, city: City, tmp_path: Path
) -> None:
    path = _export(van, city, tmp_path)
    with pytest.raises(BundleRefused) as refused:
        import_bundle(hall, City().secrets_for("MY-HALL-001"), path)
    assert refused.value.reason is Refusal.OTHER_CITY
    assert "another city platform" in str(refused.value)
    _untouched(hall)


def test_a_terminal_the_platform_did_not_certify_is_refused(
    van: OfflineStore, hall: OfflineStore, city: City, tmp_path: Path
) -> None:
    seed_applications(van, 1, attachments=1, size=500, terminal_id="MY-VAN-001")
    forger = city.secrets_for("MY-VAN-001", certifier=Ed25519PrivateKey.generate())
    path = export_queue(van, forger, "MY-VAN-001", tmp_path).path
    with pytest.raises(BundleRefused) as refused:
        import_bundle(hall, city.secrets_for("MY-HALL-001"), path)
    assert refused.value.reason is Refusal.UNTRUSTED
    _untouched(hall)


def test_extra_bytes_after_the_end_are_refused(
    van: OfflineStore, hall: OfflineStore, city: City, tmp_path: Path
) -> None:
    path = _export(van, city, tmp_path)
    path.write_bytes(path.read_bytes() + b"\0")
    with pytest.raises(BundleRefused) as refused:
        import_bundle(hall, city.secrets_for("MY-HALL-001"), path)
    assert refused.value.reason is Refusal.DAMAGED
    _untouched(hall)


def test_export_needs_the_bundle_keys_and_something_to_send(
    van: OfflineStore, city: City, tmp_path: Path
) -> None:
    with pytest.raises(NothingToExport):
        export_queue(van, city.secrets_for("MY-VAN-001"), "MY-VAN-001", tmp_path)
    seed_applications(van, 1, attachments=1, size=100, terminal_id="MY-VAN-001")
    with pytest.raises(BundleRefused) as refused:
        export_queue(van, Secrets(), "MY-VAN-001", tmp_path)
    assert refused.value.reason is Refusal.NO_KEYS
    assert list(tmp_path.glob("*.owq")) == [] and list(tmp_path.glob(".*.tmp")) == []


def test_export_never_overwrites_and_leaves_no_temporary_file(
    van: OfflineStore, city: City, tmp_path: Path
) -> None:
    seed_applications(van, 1, attachments=1, size=100, terminal_id="MY-VAN-001")
    target = tmp_path / "queue.owq"
    export_queue(van, city.secrets_for("MY-VAN-001"), "MY-VAN-001", target)
    with pytest.raises(FileExistsError):
        export_queue(van, city.secrets_for("MY-VAN-001"), "MY-VAN-001", target)
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["queue.owq"]


def test_a_full_drive_leaves_no_partial_bundle_and_no_export_noted(
    van: OfflineStore, city: City, small_tmpfs: Path
) -> None:
    seed_applications(van, 1, attachments=2, size=700_000, terminal_id="MY-VAN-001")
    with pytest.raises(OSError):
        export_queue(van, city.secrets_for("MY-VAN-001"), "MY-VAN-001", small_tmpfs)
    assert list(small_tmpfs.iterdir()) == []
    assert van.outbox.last_exports() == {}


def test_an_application_damaged_here_is_left_out_and_named(
    van: OfflineStore, hall: OfflineStore, city: City, tmp_path: Path
) -> None:
    damaged, sound = seed_applications(van, 2, attachments=1, size=800, terminal_id="MY-VAN-001")
    attachment = van.outbox.attachments(damaged)[0].attachment_id
    file = van.vault.attachments_dir / f"{attachment}.owv"
    file.write_bytes(file.read_bytes()[:-1] + b"\0")

    result = export_queue(van, city.secrets_for("MY-VAN-001"), "MY-VAN-001", tmp_path)

    assert result.skipped == (van.outbox.get(damaged).receipt_number,)
    assert result.application_ids == (sound,)
    assert import_bundle(hall, city.secrets_for("MY-HALL-001"), result.path).new_ids == (sound,)
