"""Tracking: the platform's history online, the outbox's last known state offline, plain
outcomes for unknown numbers, and scanned receipt QR codes refused when forged."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from config.secrets import load_secrets, write_secrets
from kiosk.receipt_number import format_receipt_number
from kiosk.tracking import (
    BadQrCode,
    Outcome,
    Source,
    Tracker,
    TrackStatus,
    normalize_number,
    number_from_qr,
)
from kiosk.tracking_url import tracking_url
from tests.fixtures.stacks import free_port
from tests.fixtures.tracking import open_tracking_terminal, seed_one

MAC_KEY = b"receipt-mac-key-for-tests-000001"


@pytest.fixture
def sync_terminal(tmp_path, tls_platform):
    """An enrolled terminal with an id of its own: receipt numbers restart per terminal and day,
    and the session's platform is shared by many tests."""
    terminal = open_tracking_terminal(tmp_path, tls_platform)
    try:
        yield terminal
    finally:
        terminal.client.close()
        terminal.store.close()


def _offline(settings):
    """The same terminal with its platform out of reach (nothing listens on the port)."""
    platform = settings.platform.model_copy(
        update={"url": f"https://127.0.0.1:{free_port()}/", "connect_timeout_s": 1.0}
    )
    return settings.model_copy(update={"platform": platform})


def _submitted(sync_terminal, tls_platform, moves=("accepted",)):
    app_id = seed_one(sync_terminal)
    sync_terminal.engine.cycle()
    for status in moves:
        tls_platform.admin.move(app_id, status)
    sync_terminal.engine.cycle()
    return sync_terminal.store.outbox.get(app_id)


def test_online_lookup_by_receipt_number_shows_the_platform_history(sync_terminal, tls_platform):
    record = _submitted(sync_terminal, tls_platform, moves=("accepted", "approved"))
    answer = Tracker(sync_terminal.settings).lookup(record.receipt_number.lower())
    assert answer.outcome is Outcome.FOUND
    found = answer.application
    assert found.source is Source.PLATFORM
    assert found.official_number == record.platform_number
    assert [e.status for e in found.history] == [
        TrackStatus.RECEIVED,
        TrackStatus.ACCEPTED,
        TrackStatus.APPROVED,
    ]
    assert found.status is TrackStatus.APPROVED


def test_online_lookup_by_official_number_finds_the_same_application(sync_terminal, tls_platform):
    record = _submitted(sync_terminal, tls_platform)
    answer = Tracker(sync_terminal.settings).lookup(record.platform_number)
    assert answer.outcome is Outcome.FOUND
    assert answer.application.receipt_number == record.receipt_number


def test_offline_lookup_shows_the_last_known_state_with_its_time(sync_terminal, tls_platform):
    record = _submitted(sync_terminal, tls_platform)
    answer = Tracker(_offline(sync_terminal.settings)).lookup(record.platform_number)
    assert answer.outcome is Outcome.FOUND
    found = answer.application
    assert found.source is Source.LAST_KNOWN
    assert found.status is TrackStatus.ACCEPTED
    assert found.as_of == sync_terminal.store.outbox.get(record.application_id).updated_at


def test_a_queued_application_unknown_to_the_platform_shows_as_queued(sync_terminal):
    app_id = seed_one(sync_terminal)
    receipt = sync_terminal.store.outbox.get(app_id).receipt_number
    answer = Tracker(sync_terminal.settings).lookup(receipt)
    assert answer.outcome is Outcome.FOUND
    assert answer.application.source is Source.LAST_KNOWN
    assert answer.application.status is TrackStatus.QUEUED
    assert answer.application.official_number is None


def test_unknown_number_online_is_unknown_and_offline_is_a_platform_error(sync_terminal):
    from datetime import date

    stranger = format_receipt_number("MY-ELSE-009", date(2024, 5, 1), 7)
    assert Tracker(sync_terminal.settings).lookup(stranger).outcome is Outcome.UNKNOWN_NUMBER
    offline = Tracker(_offline(sync_terminal.settings)).lookup(stranger)
    assert offline.outcome is Outcome.PLATFORM_ERROR


def test_a_mistyped_receipt_number_is_invalid_before_any_lookup(settings_factory):
    from datetime import date

    good = format_receipt_number("MY-DEMO-001", date(2024, 5, 1), 12)
    typo = good[:-2] + good[-1] + good[-2]  # two adjacent characters swapped
    assert normalize_number(good) == good
    assert Tracker(settings_factory()).lookup(typo).outcome is Outcome.INVALID_NUMBER
    assert Tracker(settings_factory()).lookup("hello").outcome is Outcome.INVALID_NUMBER


def test_scanned_receipt_qr_gives_back_the_number_and_checks_its_mac():
    from datetime import date

    number = format_receipt_number("MY-DEMO-001", date(2024, 5, 1), 3)
    url = tracking_url("https://platform.example/", number, MAC_KEY)
    assert number_from_qr(url, MAC_KEY) == number
    assert number_from_qr(tracking_url("https://p.example", number), None) == number


def test_forged_or_foreign_qr_codes_are_refused():
    from datetime import date

    number = format_receipt_number("MY-DEMO-001", date(2024, 5, 1), 3)
    genuine = tracking_url("https://platform.example/", number, MAC_KEY)
    forged_mac = genuine[:-4] + ("0000" if not genuine.endswith("0000") else "1111")
    other = format_receipt_number("MY-DEMO-001", date(2024, 5, 1), 4)
    swapped_number = genuine.replace(number, other)
    for bad in (
        forged_mac,
        swapped_number,
        tracking_url("https://platform.example/", number),  # no MAC where one is required
        "https://example.com/pay?to=me",
        "javascript:alert(1)",
        f"https://platform.example/track/{number[:-1]}Z",
    ):
        with pytest.raises(BadQrCode):
            number_from_qr(bad, MAC_KEY)


def test_tracker_refuses_a_forged_scan_with_the_terminals_key(sync_terminal, tls_platform):
    record = _submitted(sync_terminal, tls_platform)
    secrets_file = sync_terminal.settings.storage.secrets_file
    secrets = load_secrets(secrets_file)
    write_secrets(
        secrets_file, secrets.model_copy(update={"receipt_mac_key": SecretStr(MAC_KEY.decode())})
    )
    tracker = Tracker(sync_terminal.settings)
    genuine = tracking_url(tls_platform.base_url, record.receipt_number, MAC_KEY)
    assert tracker.lookup(genuine).outcome is Outcome.FOUND
    forged = tracking_url(tls_platform.base_url, record.receipt_number, b"someone-elses-key")
    assert tracker.lookup(forged).outcome is Outcome.BAD_QR
