"""What a resident reads on a printed receipt, for online and offline applications."""

from __future__ import annotations

import pytest

from devices.printer.escpos_decoder import EscposDecoder
from kiosk.receipt import (
    Submission,
    TextBlock,
    display_width,
    masked_applicant,
    receipt_bytes,
    receipt_layout,
)
from tests.fixtures.receipts import TRACKING_URL, network_settings, sample_receipt


def read(receipt, settings=None):
    settings = settings or network_settings()
    stream = receipt_bytes(receipt, settings)
    return EscposDecoder(settings.encoding, settings.chinese_mode_commands).decode(stream)


def test_an_offline_receipt_says_it_will_be_sent_automatically() -> None:
    paper = read(sample_receipt(submission=Submission.QUEUED_OFFLINE))
    text = paper.text.replace("\n", "")
    assert "网络暂不可用，申请已离线保存，恢复后将自动提交" in text
    assert "已提交至政务服务平台" not in text
    assert "办件编号：同步后生成，凭回执编号即可查询" in paper.lines


def test_an_online_receipt_shows_both_numbers_and_submitted() -> None:
    paper = read(
        sample_receipt(submission=Submission.SUBMITTED, official_number="510700-2025-000123")
    )
    assert "已提交至政务服务平台。" in paper.lines
    assert "办件编号：510700-2025-000123" in paper.lines
    assert "离线" not in paper.text


def test_every_part_of_the_receipt_is_on_paper() -> None:
    paper = read(sample_receipt())
    lines = paper.lines
    assert lines[0] == "绵阳市政务服务受理回执"
    assert "绵阳市政务服务中心 一楼综合受理区" in lines
    assert "终端：自助终端7号（MY-HALL-007）" in lines
    assert "回执编号：MY7-20250314-0042-K" in lines
    assert "受理时间：2025-03-14 10:31" in lines
    assert "申 请 人：王**（5107**********1234）" in lines
    assert "1. 居民身份证（C级·已拍照，请带原件核验，2页）" in lines
    assert "2. 户口簿（A级·电子证照）" in lines
    assert "3. 银行卡（免于提交）" in lines
    assert "办理时限：5个工作日" in lines
    assert "结果领取：纸质结果到一楼3号窗口领取，费用￥0.00。" in "".join(x.strip() for x in lines)
    assert "扫码查询办理进度" in lines
    assert "好差评" in paper.text
    assert paper.qr_payloads == [TRACKING_URL]
    assert paper.cuts == 1
    assert paper.pictures == []  # nothing needed drawing: every character is in the font
    assert "?" not in paper.text.replace(TRACKING_URL, "")


def test_the_title_is_bold_double_and_centred() -> None:
    title = read(sample_receipt()).items[0]
    assert (title.text, title.bold, title.double, title.align) == (
        "绵阳市政务服务受理回执",
        True,
        True,
        1,
    )


@pytest.mark.parametrize("columns", [32, 48])
def test_long_lines_wrap_by_display_width_and_lose_nothing(columns: int) -> None:
    receipt = sample_receipt()
    settings = network_settings(chars_per_line=columns, paper_width_mm=58 if columns == 32 else 80)
    lines = read(receipt, settings).lines
    for line in lines:
        assert display_width(line) <= columns, line
    joined = "".join(line.strip() for line in lines)
    assert receipt.service_name in joined
    # No line starts with a closing mark.
    assert not any(line.strip().startswith(("，", "。", "）")) for line in lines)


def test_a_reprint_is_marked() -> None:
    assert "（补打）" in read(sample_receipt(reprint=True)).lines
    assert "（补打）" not in read(sample_receipt()).lines


def test_the_applicant_is_masked_on_paper() -> None:
    applicant = masked_applicant("欧阳晓明", "510703199001011234")
    paper = read(sample_receipt(**applicant))
    assert "申 请 人：欧阳**（5107**********1234）" in paper.lines
    assert "19900101" not in paper.text
    assert "晓明" not in paper.text


def test_an_unmasked_id_number_is_refused() -> None:
    with pytest.raises(ValueError, match="masked"):
        sample_receipt(applicant_id_masked="510703199001011234")


def test_the_preview_blocks_are_the_printed_lines() -> None:
    receipt = sample_receipt()
    preview = [b.text for b in receipt_layout(receipt, 48) if isinstance(b, TextBlock)]
    printed = [line for line in read(receipt).lines if line and not line.startswith("---")]
    assert preview == printed


def test_a_long_receipt_number_stays_whole_on_narrow_paper() -> None:
    number = "MY-LDFWC-001-20261126-000013"
    settings = network_settings(chars_per_line=32, paper_width_mm=58)
    lines = read(sample_receipt(receipt_number=number), settings).lines
    assert all(display_width(line) <= 32 for line in lines)
    assert lines[lines.index("回执编号：") + 1] == number
