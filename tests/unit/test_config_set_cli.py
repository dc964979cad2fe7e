"""`kiosk config set` and `kiosk config rollback`: what a technician types and reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.loader import PROFILES_DIR, load_settings
from kiosk.audit import AuditLog
from kiosk.cli import main


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    """The hall profile with its data folder (where the audit log lives) in tmp_path."""
    path = tmp_path / "kiosk.toml"
    text = (PROFILES_DIR / "hall.toml").read_text(encoding="utf-8")
    path.write_text(
        text.replace('"/var/lib/onewindow-kiosk"', f'"{tmp_path / "data"}"'), encoding="utf-8"
    )
    return path


def test_set_saves_dotted_keys_and_names_what_changed(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "config",
            "set",
            "devices.printer.paper_width_mm=58",
            "devices.printer.chars_per_line=32",
            "devices.card_readers[1].port=/dev/ttyS1",
            "--config",
            str(config_file),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "devices.printer.chars_per_line, devices.printer.paper_width_mm" in out
    settings = load_settings(config_file, env={})
    assert settings.devices.printer is not None
    assert settings.devices.printer.paper_width_mm == 58
    assert settings.devices.card_readers[1].port == "/dev/ttyS1"  # type: ignore[union-attr]


def test_set_refuses_an_invalid_value_naming_the_key_and_allowed_values(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = config_file.read_bytes()
    code = main(
        ["config", "set", "devices.printer.paper_width_mm=57", "--config", str(config_file)]
    )
    captured = capsys.readouterr()
    assert code == 1
    # The same line `kiosk config check` prints for this problem.
    assert "devices.printer.paper_width_mm: 57 is not allowed (allowed: 58, 80)" in captured.out
    assert "unchanged" in captured.err
    assert config_file.read_bytes() == before


def test_set_without_an_equals_sign_is_refused(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["config", "set", "devices.printer", "--config", str(config_file)]) == 1
    assert "expected KEY=VALUE" in capsys.readouterr().out


def test_rollback_goes_back_one_step_and_says_when_there_is_nothing(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = config_file.read_bytes()
    assert main(["config", "rollback", "--config", str(config_file)]) == 1
    assert "nothing to roll back" in capsys.readouterr().err
    assert main(["config", "set", "session.idle_timeout_s=60", "--config", str(config_file)]) == 0
    assert main(["config", "rollback", "--config", str(config_file)]) == 0
    assert "rolled back" in capsys.readouterr().out
    assert config_file.read_bytes() == before


def test_the_command_records_the_change_in_the_terminals_audit_log(
    config_file: Path, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    assert (
        main(
            [
                "config",
                "set",
                "session.countdown_s=20",
                "--actor",
                "T-7",
                "--config",
                str(config_file),
            ]
        )
        == 0
    )
    [entry] = AuditLog(data_dir).entries()
    assert (entry.kind, entry.action, entry.actor) == ("config", "config set", "T-7")
