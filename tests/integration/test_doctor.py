"""`kiosk doctor` against the real stacks: what a technician reads when something is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.doctor import CheckResult, run_checks
from tests.fixtures.printer import LoopbackPrinter, LoopbackState
from tests.fixtures.settings import SettingsFactory
from tests.fixtures.stacks import free_port


def by_name(results: list[CheckResult]) -> dict[str, CheckResult]:
    return {r.name: r for r in results}


@pytest.fixture
def hall_like(
    settings_factory: SettingsFactory,
    pcscd: object,
    sane_config_dir: Path,
    loopback_printer: LoopbackPrinter,
    reference_platform: str,
):
    def make(platform_url: str = reference_platform):
        return settings_factory(
            devices={
                "card_readers": [{"backend": "pcsc", "reader_name": "Virtual PCD"}],
                "scanners": [{"backend": "sane", "device": "test:0"}],
                "printer": {
                    "backend": "network",
                    "host": "127.0.0.1",
                    "port": loopback_printer.port,
                    "timeout_s": 1.0,
                },
            },
            platform={"url": platform_url, "start_reference_server": False},
        )

    return make


def test_a_healthy_terminal_passes_every_device_and_platform_check(hall_like) -> None:
    results = by_name(run_checks(hall_like()))
    assert results["card reader (PC/SC)"].ok is True
    assert "Virtual PCD 00 00" in results["card reader (PC/SC)"].detail
    assert results["scanner (SANE)"].ok is True
    assert results["receipt printer (network)"].ok is True
    assert results["platform"].ok is True
    assert results["clock"].ok is True
    assert results["Chinese fonts"].ok is True
    assert results["disk space"].ok is True


def test_paper_out_fails_and_a_silent_printer_is_only_a_warning(
    hall_like, loopback_printer: LoopbackPrinter
) -> None:
    loopback_printer.set_state(LoopbackState.PAPER_OUT)
    assert by_name(run_checks(hall_like()))["receipt printer (network)"].ok is False
    loopback_printer.set_state(LoopbackState.NO_ANSWER)
    silent = by_name(run_checks(hall_like()))["receipt printer (network)"]
    assert (silent.ok, silent.detail) == (None, "unknown")


def test_an_unreachable_platform_is_reported(hall_like) -> None:
    settings = hall_like(platform_url=f"http://127.0.0.1:{free_port()}")
    results = by_name(run_checks(settings))
    assert results["platform"].ok is False
    assert "unreachable" in results["platform"].detail


def test_a_key_file_others_can_read_is_a_failure_with_the_fix(
    settings_factory: SettingsFactory,
) -> None:
    settings = settings_factory()
    key = settings.storage.key_file
    key.parent.mkdir(parents=True)
    key.write_bytes(b"k" * 32)
    key.chmod(0o644)
    from kiosk.doctor import check_key_file

    result = check_key_file(settings)
    assert result.ok is False
    assert f"chmod 600 {key}" in result.detail
    key.chmod(0o600)
    assert check_key_file(settings).ok is True


def test_a_missing_platform_ca_file_is_named_not_a_crash(settings_factory: SettingsFactory) -> None:
    settings = settings_factory(platform={"ca_file": "/nonexistent/platform-ca.pem"})
    results = by_name(run_checks(settings))
    assert results["platform"].ok is False
    assert "CA file /nonexistent/platform-ca.pem missing" in results["platform"].detail
