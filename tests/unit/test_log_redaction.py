"""No resident's personal data reaches a log: not in messages, arguments, extras or tracebacks."""

from __future__ import annotations

import io
import json
import logging
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from config.schema import LoggingSettings
from kiosk.logs import configure_logging
from kiosk.redaction import (
    ID_MASK,
    PHONE_MASK,
    PII_MASK,
    USCC_MASK,
    clear_session_values,
    redact,
    register_session_values,
)
from tests.fixtures.settings import SettingsFactory

ID_NUMBER = "11010519491231002X"  # valid for stdnum.cn.ric (checksum, date, place)
ID_NUMBER_BRIEF = "510781199001011236"  # 江油市, valid too
OLD_ID_NUMBER = "510781900101123"  # the old 15-digit form
USCC = "91510700MA62A1B2C5"  # checksum-valid (stdnum.cn.uscc)
PHONE = "13812345678"
NAME = "张三丰"
CANARIES = (ID_NUMBER, ID_NUMBER_BRIEF, OLD_ID_NUMBER, USCC, PHONE, NAME)


def test_canaries_are_valid_numbers() -> None:
    assert ric.is_valid(ID_NUMBER)
    assert ric.is_valid(ID_NUMBER_BRIEF)
    assert uscc.is_valid(USCC)


@pytest.fixture(autouse=True)
def _no_session_values() -> Iterator[None]:
    clear_session_values()
    yield
    clear_session_values()


@pytest.fixture
def logs(settings_factory: SettingsFactory, tmp_path: Path) -> Iterator[tuple[io.StringIO, Path]]:
    """configure_logging to a StringIO and a file in tmp_path; the root logger restored after."""
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    stream = io.StringIO()
    settings = settings_factory(logging={"level": "DEBUG"})
    configure_logging(settings.logging, stream=stream)
    assert settings.logging.file is not None
    yield stream, settings.logging.file
    for handler in list(root.handlers):
        if handler not in saved_handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(saved_level)


def lines(stream: io.StringIO, path: Path) -> list[dict[str, Any]]:
    for handler in logging.getLogger().handlers:
        handler.flush()
    stdout_lines = stream.getvalue().splitlines()
    file_lines = path.read_text(encoding="utf-8").splitlines()
    assert len(stdout_lines) == len(file_lines)
    return [json.loads(line) for line in stdout_lines + file_lines]


def everything_written(stream: io.StringIO, path: Path) -> str:
    lines(stream, path)
    return stream.getvalue() + "\n".join(p.read_text("utf-8") for p in path.parent.iterdir())


def log_every_way(log: logging.Logger) -> None:
    register_session_values([NAME])
    log.info(f"resident {NAME} id {ID_NUMBER} phone {PHONE}")
    log.info("old id %s, brief id %s, company %s", OLD_ID_NUMBER, ID_NUMBER_BRIEF, USCC)
    log.warning(
        "identity read",
        extra={
            "holder": NAME,
            "numbers": [ID_NUMBER, {"uscc": USCC, "phone": int(PHONE)}],
            "count": 3,
        },
    )
    try:
        raise ValueError(f"bad card of {NAME}: {ID_NUMBER} / {PHONE} / {USCC}")
    except ValueError:
        log.exception("card read failed for %s", NAME)
    log.debug("stack here", stack_info=True)


def test_no_canary_reaches_stdout_or_the_log_file(logs: tuple[io.StringIO, Path]) -> None:
    stream, path = logs
    log_every_way(logging.getLogger("kiosk.identity"))
    written = everything_written(stream, path)
    for canary in CANARIES:
        assert canary not in written
    for mask in (ID_MASK, USCC_MASK, PHONE_MASK, PII_MASK):
        assert mask in written


def test_lines_are_json_with_utc_time_level_logger_message_and_extras(
    logs: tuple[io.StringIO, Path],
) -> None:
    stream, path = logs
    log_every_way(logging.getLogger("kiosk.identity"))
    records = lines(stream, path)
    first = records[0]
    assert first["ts"].endswith("+00:00")
    assert first["level"] == "INFO"
    assert first["logger"] == "kiosk.identity"
    assert first["msg"] == f"resident {PII_MASK} id {ID_MASK} phone {PHONE_MASK}"
    extras = records[2]
    assert extras["holder"] == PII_MASK
    assert extras["numbers"] == [ID_MASK, {"uscc": USCC_MASK, "phone": PHONE_MASK}]
    assert extras["count"] == 3
    failure = records[3]
    assert failure["msg"] == f"card read failed for {PII_MASK}"
    assert "Traceback" in failure["exc"]
    assert f"bad card of {PII_MASK}: {ID_MASK} / {PHONE_MASK} / {USCC_MASK}" in failure["exc"]


def test_after_the_session_is_cleared_the_name_is_no_longer_masked(
    logs: tuple[io.StringIO, Path],
) -> None:
    stream, path = logs
    log = logging.getLogger("kiosk.session")
    register_session_values([NAME])
    log.info("visitor %s", NAME)
    clear_session_values()
    log.info("visitor %s", NAME)
    records = lines(stream, path)
    assert [r["msg"] for r in records[:2]] == [f"visitor {PII_MASK}", f"visitor {NAME}"]


def test_configuring_twice_does_not_duplicate_lines(
    logs: tuple[io.StringIO, Path], settings_factory: SettingsFactory
) -> None:
    stream, path = logs
    configure_logging(settings_factory().logging, stream=stream)
    logging.getLogger("kiosk").warning("once")
    assert [r["msg"] for r in lines(stream, path)] == ["once", "once"]  # stdout + file


def test_log_file_and_its_folder_are_private(logs: tuple[io.StringIO, Path]) -> None:
    _, path = logs
    logging.getLogger("kiosk").warning("hello")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_ordinary_values_are_left_alone() -> None:
    text = (
        "application 0190b8a2-7c1e-7abc-8def-0123456789ab of terminal MY-ZWZX-001 at "
        "2024-05-01T10:00:00.123+00:00, 3 of 12 pages, sha256 "
        "3f9a1c0e6b7d5a2f4c8e9b0a1d2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d, ms 1714557600123"
    )
    assert redact(text) == text


def test_phone_number_formats_are_masked() -> None:
    for written in (
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 13812345678",
        "+86-138-1234-5678",
        "0086 138 1234 5678",
    ):
        assert redact(f"tel: {written}.") == f"tel: {PHONE_MASK}."


def test_short_and_empty_session_values_are_ignored() -> None:
    register_session_values(["", "a", " "])
    assert redact("a cat") == "a cat"


def test_longest_session_value_wins() -> None:
    register_session_values(["张三", NAME])
    assert redact(f"{NAME}与张三") == f"{PII_MASK}与{PII_MASK}"


# --- properties ---------------------------------------------------------------------------------

SEPARATOR_TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40)


def _not_glued(prefix: str, suffix: str, glue: str) -> bool:
    return not (prefix and prefix[-1] in glue) and not (suffix and suffix[0] in glue)


# Division codes stdnum knows: Mianyang city, 三台, 梓潼, 江油, and a few elsewhere.
AREAS = ("510700", "510722", "510725", "510781", "110105", "310101", "440305")


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    area = draw(st.sampled_from(AREAS))
    # stdnum knows when each division code was in use: stay within years all of them were.
    birth = draw(st.dates(min_value=date(1990, 1, 1), max_value=date(2020, 12, 31)))
    sequence = draw(st.integers(0, 999))
    body = f"{area}{birth:%Y%m%d}{sequence:03d}"
    # stdnum's calc_check_digit wants the number with a check digit in place.
    number = body + ric.calc_check_digit(body + "0")
    assume(ric.is_valid(number))
    return number


@given(number=id_numbers(), prefix=SEPARATOR_TEXT, suffix=SEPARATOR_TEXT)
def test_any_valid_id_number_in_any_text_is_masked(number: str, prefix: str, suffix: str) -> None:
    assert ric.is_valid(number)
    masked = redact(prefix + number + suffix)
    assert number not in masked
    assert number[:17] not in masked


USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@st.composite
def credit_codes(draw: st.DrawFn) -> str:
    head = draw(st.sampled_from("159")) + draw(st.sampled_from("1239"))
    division = f"{draw(st.integers(110000, 659999))}"
    organisation = "".join(draw(st.lists(st.sampled_from(USCC_ALPHABET), min_size=9, max_size=9)))
    body = head + division + organisation
    return body + uscc.calc_check_digit(body)


@given(code=credit_codes(), prefix=SEPARATOR_TEXT, suffix=SEPARATOR_TEXT)
def test_any_valid_credit_code_not_glued_to_letters_or_digits_is_masked(
    code: str, prefix: str, suffix: str
) -> None:
    ascii_alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    if not _not_glued(prefix, suffix, ascii_alnum):
        suffix = " " + suffix
        prefix = prefix + " "
    assert uscc.is_valid(code)
    assert code not in redact(prefix + code + suffix)


PHONE_STYLES = (
    "{a}{b}{c}",
    "{a} {b} {c}",
    "{a}-{b}-{c}",
    "+86 {a}{b}{c}",
    "+86{a}{b}{c}",
    "+86-{a}-{b}-{c}",
)


@given(
    number=st.from_regex(r"\A1[3-9]\d{9}\Z"),
    style=st.sampled_from(PHONE_STYLES),
    prefix=SEPARATOR_TEXT,
    suffix=SEPARATOR_TEXT,
)
def test_any_mobile_number_apart_from_other_digits_is_masked(
    number: str, style: str, prefix: str, suffix: str
) -> None:
    written = style.format(a=number[:3], b=number[3:7], c=number[7:])
    if not _not_glued(prefix, suffix, "0123456789+"):
        prefix, suffix = prefix + " ", " " + suffix
    masked = redact(prefix + written + suffix)
    assert written not in masked
    assert number[3:] not in masked.replace(" ", "").replace("-", "")


def test_http_libraries_never_log_request_urls_even_at_debug() -> None:
    out = io.StringIO()
    configure_logging(LoggingSettings(level="DEBUG", file=None), stream=out)
    try:
        logging.getLogger("urllib3.connectionpool").debug(
            "GET /api/v1/track/MY-DEMO-001-20261126-00001J HTTP/1.1"
        )
    finally:
        configure_logging(LoggingSettings(), stream=io.StringIO())
    assert "MY-DEMO-001-20261126-00001J" not in out.getvalue()
