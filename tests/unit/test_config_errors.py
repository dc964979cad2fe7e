"""A bad configuration is reported completely: every problem, its key path, the allowed values."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.loader import ConfigError, ConfigProblem, load_settings
from kiosk.cli import main

VALID = """\
profile = "hall"

[terminal]
id = "MY-ZWZX-001"
name = "自助服务终端 01"
hall = "绵阳市政务服务中心"

[ui]
default_language = "zh"

[session]
idle_timeout_s = 90

[[devices.card_readers]]
backend = "pcsc"

[[devices.card_readers]]
backend = "sam_serial"
port = "/dev/ttyUSB0"
baudrate = 115200

[devices.printer]
backend = "usb"
vendor_id = 0x0416
product_id = 0x5011

[platform]
url = "https://zwfw.my.gov.cn/kiosk-api/v1/"

[storage]
data_dir = "/var/lib/onewindow-kiosk"
key_file = "/etc/onewindow-kiosk/storage.key"
secrets_file = "/etc/onewindow-kiosk/secrets.toml"

[logging]
level = "INFO"
"""


def write(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    """VALID with each (old, new) replaced; old must be there, so a typo here cannot pass."""
    text = VALID
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> dict[str, ConfigProblem]:
    with pytest.raises(ConfigError) as caught:
        load_settings(path, env={})
    return {problem.key_path: problem for problem in caught.value.problems}


def test_the_valid_template_loads(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path), env={}).terminal.id == "MY-ZWZX-001"


def test_wrong_backend_lists_the_backends_that_exist(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, ('backend = "usb"', 'backend = "laser"')))
    problem = problems["devices.printer.backend"]
    assert "laser" in problem.message
    assert set(problem.allowed) == {"usb", "serial", "network", "file", "simulated"}


def test_missing_backend_of_a_list_item_has_its_index(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, ('backend = "pcsc"\n', 'reader_name = "ACS"\n')))
    assert problems["devices.card_readers[0].backend"].allowed == (
        "pcsc",
        "sam_serial",
        "simulated",
    )


def test_bad_enum_value_lists_the_allowed_values(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, ('default_language = "zh"', 'default_language = "fr"')))
    assert problems["ui.default_language"].allowed == ("zh", "en")
    assert "'fr'" in problems["ui.default_language"].message


def test_bad_literal_inside_a_list_item_has_its_index(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, ("baudrate = 115200", "baudrate = 1234")))
    assert problems["devices.card_readers[1].baudrate"].allowed == (
        "9600",
        "19200",
        "38400",
        "57600",
        "115200",
    )


def test_unknown_key_is_named_with_the_keys_that_exist(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, ('hall = "绵', 'colour = "red"\nhall = "绵')))
    problem = problems["terminal.colour"]
    assert problem.message == "unknown key"
    assert "hall" in problem.allowed


def test_out_of_range_number_says_the_limit(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, ("idle_timeout_s = 90", "idle_timeout_s = 5")))
    assert "15" in problems["session.idle_timeout_s"].message


def test_key_file_inside_data_dir_is_refused(tmp_path: Path) -> None:
    problems = problems_of(
        write(tmp_path, ("/etc/onewindow-kiosk/storage.key", "/var/lib/onewindow-kiosk/k.key"))
    )
    assert "outside data_dir" in problems["storage.key_file"].message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        ('backend = "usb"', 'backend = "laser"'),
        ('default_language = "zh"', 'default_language = "fr"'),
        ("idle_timeout_s = 90", "idle_timeout_s = 5"),
        ('level = "INFO"', 'level = "TRACE"'),
        ("baudrate = 115200", "baudrate = 1234"),
        ('url = "https://', 'url = "ftp://'),
    )
    assert set(problems_of(path)) == {
        "devices.printer.backend",
        "ui.default_language",
        "session.idle_timeout_s",
        "logging.level",
        "devices.card_readers[1].baudrate",
        "platform.url",
    }


def test_toml_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, ("[session]", "[session"))
    with pytest.raises(ConfigError) as caught:
        load_settings(path, env={})
    (problem,) = caught.value.problems
    assert "line 11" in problem.message
    assert "column" in problem.message
    assert str(path) in str(caught.value)


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path / "absent.toml", env={})
    assert "not found" in caught.value.problems[0].message


def test_unknown_profile_name_lists_the_profiles() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings("halll", env={})
    assert caught.value.problems[0].allowed == ("demo", "hall", "mobile-unit")


def test_config_check_accepts_a_shipped_profile(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "check", "hall"]) == 0
    assert capsys.readouterr().out.strip() == "OK: hall MY-ZWZX-001"


def test_config_check_accepts_a_valid_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["config", "check", str(write(tmp_path))]) == 0
    assert capsys.readouterr().out.strip() == "OK: hall MY-ZWZX-001"


def test_config_check_prints_each_problem_with_path_and_allowed_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path,
        ('backend = "usb"', 'backend = "laser"'),
        ("idle_timeout_s = 90", "idle_timeout_s = 5"),
    )
    assert main(["config", "check", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert (
        "devices.printer.backend: unknown backend 'laser' "
        "(allowed: usb, serial, network, file, simulated)"
    ) in lines
    assert any(line.startswith("session.idle_timeout_s: ") for line in lines)
    assert len(lines) == 2


def test_config_check_of_broken_toml_exits_1_with_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, ("[session]", "[session"))
    assert main(["config", "check", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{path}: TOML syntax error")
    assert "line 11" in out


def test_config_check_of_missing_file_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["config", "check", str(tmp_path / "absent.toml")]) == 1
    assert "file not found" in capsys.readouterr().out
