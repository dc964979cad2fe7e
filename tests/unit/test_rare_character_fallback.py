"""Characters no printer font has (rare name characters, CJK Ext A/B) print as a picture."""

from __future__ import annotations

import pytest

from devices.printer.cjk_font import cjk_font
from devices.printer.escpos_decoder import EscposDecoder
from devices.printer.escpos_document import EscposDocument
from devices.printer.raster import text_raster
from devices.printer.text_encoder import TextEncoder
from kiosk.receipt import receipt_bytes
from tests.fixtures.receipts import network_settings, sample_receipt


@pytest.mark.parametrize("rare", ["𠮷", "䶮", "\U0002a6a5"])
@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8"])
def test_a_line_with_a_rare_character_is_drawn_not_question_marked(
    rare: str, encoding: str
) -> None:
    line = f"申请人：王{rare}"
    document = EscposDocument(network_settings(encoding=encoding))
    document.line(line)
    data = document.payload()
    paper = EscposDecoder(encoding, True).decode(data)
    assert paper.lines == []  # not as text (no "?"): the printer has no glyph for it
    [picture] = paper.pictures
    assert picture.raster == text_raster(line)


def test_the_drawn_rare_character_is_a_real_glyph_not_a_missing_glyph_box() -> None:
    font = cjk_font(22)
    missing = bytes(font.getmask("\U000f0001"))  # a private-use character: no glyph
    for rare in ("𠮷", "䶮"):
        glyph = font.getmask(rare)
        assert glyph.getbbox() is not None
        assert bytes(glyph) != missing


def test_the_picture_has_ink_where_the_characters_are() -> None:
    image = text_raster("王𠮷").to_image()  # two CJK characters: 48 x 24 dots
    assert image.size == (48, 24)
    for left in (0, 24):  # each character cell has black dots
        cell = image.crop((left, 0, left + 24, 24))
        assert cell.getextrema()[0] == 0


def test_a_receipt_for_a_rare_name_prints_that_line_as_a_picture_and_the_rest_as_text() -> None:
    receipt = sample_receipt(applicant_name_masked="王*𠮷")
    paper = EscposDecoder("gb18030", True).decode(receipt_bytes(receipt, network_settings()))
    [picture] = paper.pictures
    assert picture.raster == text_raster("申 请 人：王*𠮷（5107**********1234）")
    assert "回执编号：MY7-20250314-0042-K" in paper.lines


def test_common_chinese_and_full_width_marks_are_in_the_printer_font() -> None:
    assert TextEncoder.printable("绵阳市政务服务中心￥，。“”（）·—")
    assert not TextEncoder.printable("𠮷")
