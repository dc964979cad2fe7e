"""The shipped profiles validate, environment overrides apply, and ~ is expanded in paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.loader import ConfigError, load_settings, profile_names, profile_path
from config.schema import (
    CameraScannerSettings,
    PcscReaderSettings,
    SamSerialReaderSettings,
    SaneScannerSettings,
    SerialPrinterSettings,
    SimulatedPrinterSettings,
    SimulatedReaderSettings,
    SimulatedScannerSettings,
    UsbPrinterSettings,
)
from tests.fixtures.settings import SettingsFactory


def test_the_three_profiles_are_shipped() -> None:
    assert profile_names() == ["demo", "hall", "mobile-unit"]
    for name in profile_names():
        assert profile_path(name).is_file()


@pytest.mark.parametrize("name", ["demo", "hall", "mobile-unit"])
def test_every_shipped_profile_validates_by_name_and_by_path(name: str) -> None:
    by_name = load_settings(name, env={})
    by_path = load_settings(profile_path(name), env={})
    assert by_name == by_path
    assert by_name.profile == name
    assert by_name.terminal.id.startswith("MY-")


def test_hall_profile_describes_a_service_centre_terminal() -> None:
    hall = load_settings("hall", env={})
    assert hall.terminal.hall == "绵阳市政务服务中心"
    assert {type(r) for r in hall.devices.card_readers} == {
        PcscReaderSettings,
        SamSerialReaderSettings,
    }
    assert {type(s) for s in hall.devices.scanners} == {SaneScannerSettings, CameraScannerSettings}
    assert isinstance(hall.devices.printer, UsbPrinterSettings)
    assert hall.devices.printer.encoding == "gb18030"
    assert hall.platform.url.scheme == "https"
    assert not hall.platform.start_reference_server
    assert hall.storage.data_dir == Path("/var/lib/onewindow-kiosk")
    assert hall.storage.key_file.parent == Path("/etc/onewindow-kiosk")
    assert hall.storage.secrets_file.parent == Path("/etc/onewindow-kiosk")


def test_mobile_unit_waits_longer_and_keeps_data_longer_than_a_hall() -> None:
    hall = load_settings("hall", env={})
    mobile = load_settings("mobile-unit", env={})
    assert isinstance(mobile.devices.printer, SerialPrinterSettings)
    assert mobile.devices.printer.paper_width_mm == 58
    assert any(isinstance(s, CameraScannerSettings) for s in mobile.devices.scanners)
    assert mobile.session.idle_timeout_s > hall.session.idle_timeout_s
    assert mobile.storage.retention_days > hall.storage.retention_days


def test_demo_profile_is_simulated_with_a_local_platform_and_keys_outside_data(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    demo = load_settings("demo", env={})
    assert all(isinstance(r, SimulatedReaderSettings) for r in demo.devices.card_readers)
    assert all(isinstance(s, SimulatedScannerSettings) for s in demo.devices.scanners)
    assert isinstance(demo.devices.printer, SimulatedPrinterSettings)
    assert str(demo.platform.url) == "http://127.0.0.1:8765/"
    assert demo.platform.start_reference_server
    base = tmp_path / ".local/share/onewindow-kiosk/demo"
    assert demo.storage.data_dir.is_relative_to(base)
    for secret in (demo.storage.key_file, demo.storage.secrets_file):
        assert secret.is_relative_to(base)
        assert not secret.is_relative_to(demo.storage.data_dir)


def test_tilde_is_expanded_in_every_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    demo = load_settings("demo", env={"KIOSK_PLATFORM__CA_FILE": "~/ca.pem"})
    assert demo.storage.data_dir == tmp_path / ".local/share/onewindow-kiosk/demo/data"
    assert demo.storage.key_file == tmp_path / ".local/share/onewindow-kiosk/demo/storage.key"
    assert demo.logging.file == tmp_path / ".local/share/onewindow-kiosk/demo/logs/kiosk.log"
    assert demo.platform.ca_file == tmp_path / "ca.pem"


def test_environment_overrides_apply_with_toml_typed_values() -> None:
    settings = load_settings(
        "hall",
        env={
            "KIOSK_STORAGE__DATA_DIR": "/tmp/x",
            "KIOSK_SESSION__IDLE_TIMEOUT_S": "60",
            "KIOSK_UI__VOICE_GUIDANCE": "false",
            "KIOSK_TERMINAL__ID": "MY-ZWZX-007",
            "KIOSK_DEVICES__CARD_READERS__1__PORT": "/dev/ttyS3",
            "KIOSK_DEVICES__PRINTER__TIMEOUT_S": "2.5",
            "PATH": "/usr/bin",  # not ours: ignored
        },
    )
    assert settings.storage.data_dir == Path("/tmp/x")
    assert settings.session.idle_timeout_s == 60
    assert settings.ui.voice_guidance is False
    assert settings.terminal.id == "MY-ZWZX-007"
    reader = settings.devices.card_readers[1]
    assert isinstance(reader, SamSerialReaderSettings)
    assert reader.port == "/dev/ttyS3"
    assert settings.devices.printer is not None
    assert settings.devices.printer.timeout_s == 2.5


def test_environment_value_that_looks_like_a_number_stays_text_where_text_is_wanted() -> None:
    settings = load_settings("hall", env={"KIOSK_TERMINAL__ID": "0042"})
    assert settings.terminal.id == "0042"


def test_environment_overrides_come_from_os_environ_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KIOSK_SESSION__COUNTDOWN_S", "45")
    assert load_settings("hall").session.countdown_s == 45


def test_a_bad_environment_override_names_its_variable() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings("hall", env={"KIOSK_SESSION__IDLE_TIMEOUT_S": "5", "KIOSK_UI__THEME": "x"})
    problems = {p.key_path: p for p in caught.value.problems}
    assert set(problems) == {"session.idle_timeout_s", "ui.theme"}
    assert "KIOSK_SESSION__IDLE_TIMEOUT_S" in problems["session.idle_timeout_s"].message
    assert problems["ui.theme"].message.startswith("unknown key")
    assert "KIOSK_UI__THEME" in problems["ui.theme"].message


def test_settings_factory_keeps_every_path_inside_tmp_path(
    settings_factory: SettingsFactory, tmp_path: Path
) -> None:
    settings = settings_factory(session__idle_timeout_s=20, ui={"default_language": "en"})
    assert settings.session.idle_timeout_s == 20
    assert settings.ui.default_language == "en"
    for path in (
        settings.storage.data_dir,
        settings.storage.key_file,
        settings.storage.secrets_file,
        settings.logging.file,
    ):
        assert path is not None
        assert path.is_relative_to(tmp_path)
