"""Chinese text reaches the paper right for every encoding setting, full-width symbols included."""

from __future__ import annotations

import pytest

from devices.printer.escpos_decoder import EscposDecoder
from devices.printer.escpos_document import EscposDocument
from tests.fixtures.receipts import network_settings

LINE = "费用：￥12.50，已收讫。“天府通办”ABC-123"
SETTINGS = [
    (encoding, chinese_mode)
    for encoding in ("gb18030", "gbk", "utf-8")
    for chinese_mode in (True, False)
]


def printed(encoding: str, chinese_mode: bool, text: str = LINE) -> bytes:
    document = EscposDocument(
        network_settings(encoding=encoding, chinese_mode_commands=chinese_mode)
    )
    document.line(text)
    return document.payload()


@pytest.mark.parametrize(("encoding", "chinese_mode"), SETTINGS)
def test_a_line_reads_back_as_written(encoding: str, chinese_mode: bool) -> None:
    paper = EscposDecoder(encoding, chinese_mode).decode(printed(encoding, chinese_mode))
    assert paper.lines == [LINE]
    assert paper.pictures == []


@pytest.mark.parametrize(("encoding", "chinese_mode"), SETTINGS)
def test_full_width_symbols_are_encoded_not_question_marks(
    encoding: str, chinese_mode: bool
) -> None:
    data = printed(encoding, chinese_mode, "￥，。")
    assert "￥，。".encode(encoding) in data
    assert b"?" not in data


def test_chinese_mode_wraps_only_the_chinese_runs() -> None:
    data = printed("gb18030", True, "A￥B")
    assert b"A\x1c&" + "￥".encode("gb18030") + b"\x1c.B\n" in data


def test_without_fs_and_a_printer_in_single_byte_mode_prints_garbage() -> None:
    # What the decoder proves: text sent without FS & to a printer that needs it is not
    # readable, so the tests above would catch a missing Chinese-mode command.
    unwrapped = printed("gb18030", False)
    paper = EscposDecoder("gb18030", chinese_mode_commands=True).decode(unwrapped)
    assert paper.lines != [LINE]


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8"])
def test_the_encodings_differ_on_the_wire(encoding: str) -> None:
    assert "受理".encode(encoding) in printed(encoding, True, "受理")
