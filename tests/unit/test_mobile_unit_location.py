"""Where a mobile unit served: GPS over a real pty serial line (pynmea2), else the place name,
else "unknown"; reading the GPS never blocks the caller."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from config.schema import NmeaGpsSettings
from devices.location.nmea_serial import NmeaSerialReceiver, fix_from_sentence
from kiosk.location import LocationSource, LocationTracker
from tests.fixtures.gps_receiver import WEICHENG, nmea, rmc

PLACE = "游仙区魏城镇 便民服务车"


def _wait_for(predicate, timeout_s: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_rmc_and_gga_sentences_with_a_fix_give_coordinates() -> None:
    fix = fix_from_sentence(rmc(*WEICHENG))
    assert fix is not None
    # NMEA carries minutes to 4 decimals: about 0.2 m.
    assert (fix.latitude, fix.longitude) == pytest.approx(WEICHENG, abs=2e-5)
    assert fix.fixed_at == datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
    gga = nmea("GPGGA,083000.00,3139.2593,N,10448.7407,E,1,08,0.9,545.4,M,46.9,M,,")
    fix = fix_from_sentence(gga, today=datetime(2026, 11, 26, tzinfo=UTC))
    assert fix is not None and fix.satellites == 8 and round(fix.latitude, 3) == 31.654


def test_sentences_without_a_fix_or_with_a_bad_checksum_give_none() -> None:
    assert fix_from_sentence(rmc(*WEICHENG, valid=False)) is None
    no_fix_gga = nmea("GPGGA,083000.00,,,,,0,00,,,M,,M,,")
    assert fix_from_sentence(no_fix_gga) is None
    damaged = rmc(*WEICHENG).replace("A,31", "A,32")
    assert fix_from_sentence(damaged) is None
    assert fix_from_sentence("garbage") is None


def test_the_receiver_reads_a_fix_from_the_serial_port(simulated_gps) -> None:
    simulated_gps.fix_at(*WEICHENG)
    receiver = NmeaSerialReceiver(NmeaGpsSettings(port=simulated_gps.port))
    try:
        fix = receiver.read_fix(3.0)
    finally:
        receiver.close()
    assert fix is not None and round(fix.latitude, 4) == round(WEICHENG[0], 4)


def test_the_tracker_gives_the_place_name_until_the_gps_has_a_fix(simulated_gps) -> None:
    settings = NmeaGpsSettings(port=simulated_gps.port)
    tracker = LocationTracker(PLACE, lambda: NmeaSerialReceiver(settings))
    tracker.start()
    try:
        assert tracker.current().source is LocationSource.PLACE
        assert tracker.current().place_name == PLACE
        simulated_gps.fix_at(*WEICHENG)
        assert _wait_for(lambda: tracker.current().source is LocationSource.GPS)
        here = tracker.current()
        assert (here.latitude, here.longitude) == pytest.approx(WEICHENG, abs=2e-5)
        assert here.place_name == PLACE
    finally:
        tracker.stop()


def test_a_stale_fix_falls_back_to_the_place_name(simulated_gps) -> None:
    now = [datetime(2026, 11, 26, 8, 30, tzinfo=UTC)]
    settings = NmeaGpsSettings(port=simulated_gps.port)
    simulated_gps.fix_at(*WEICHENG)
    tracker = LocationTracker(
        PLACE, lambda: NmeaSerialReceiver(settings), max_fix_age_s=60, clock=lambda: now[0]
    )
    tracker.start()
    try:
        assert _wait_for(lambda: tracker.current().source is LocationSource.GPS)
        tracker.stop()
        now[0] += timedelta(minutes=5)
        assert tracker.current().source is LocationSource.PLACE
    finally:
        tracker.stop()


def test_a_missing_gps_never_blocks_and_without_a_place_the_location_is_unknown() -> None:
    settings = NmeaGpsSettings(port="/dev/does-not-exist-gps")
    tracker = LocationTracker("", lambda: NmeaSerialReceiver(settings), retry_s=0.05)
    tracker.start()
    try:
        started = time.monotonic()
        here = tracker.current()
        assert time.monotonic() - started < 0.1
        assert here.source is LocationSource.UNKNOWN
        assert here.as_payload() == {
            "source": "unknown",
            "place_name": None,
            "latitude": None,
            "longitude": None,
            "fixed_at": None,
        }
    finally:
        tracker.stop()
