"""The application receipt: one model, one layout, rendered as ESC/POS bytes, a PNG, a preview.

``receipt_layout`` turns a Receipt into blocks already wrapped to the paper's width (a CJK
character takes two columns, counted with wcwidth). The on-screen preview draws those blocks
as they are; ``receipt_bytes`` prints them; kiosk.receipt_image draws them into a PNG.

The applicant arrives masked (surname and a mask; ID number with only the first and last four
digits), by ``masked_applicant`` with the rules of kiosk.identity; a receipt refuses an ID
number that still shows more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from config.schema import _PrinterCommon
from devices.printer.escpos_document import Align, EscposDocument
from devices.printer.text_width import printed_width
from kiosk.identity import mask_name, mask_resident_id

TITLE = "绵阳市政务服务受理回执"


class EvidenceLevel(StrEnum):
    """How a material was received (see ARCHITECTURE.md, "Materials and evidence levels")."""

    A = "A"  # taken from an electronic certificate by reference
    B = "B"  # read from the resident's card at the terminal
    C = "C"  # captured at the terminal: staff must see the original
    WAIVED = "waived"


_LEVEL_TEXT = {
    EvidenceLevel.A: "A级·电子证照",
    EvidenceLevel.B: "B级·读卡核验",
    EvidenceLevel.C: "C级·已拍照，请带原件核验",
    EvidenceLevel.WAIVED: "免于提交",
}


class Submission(StrEnum):
    """Whether the platform has the application yet."""

    SUBMITTED = "submitted"
    QUEUED_OFFLINE = "queued_offline"


_SUBMISSION_TEXT = {
    Submission.SUBMITTED: "已提交至政务服务平台。",
    Submission.QUEUED_OFFLINE: "网络暂不可用，申请已离线保存，恢复后将自动提交，无需再次办理。",
}


@dataclass(frozen=True)
class ReceivedMaterial:
    """One material of the application and how it was received."""

    name: str
    level: EvidenceLevel
    pages: int = 0


_MASKED_ID = re.compile(r"^[0-9A-Z]{0,4}\*+[0-9Xx]{0,4}$")


@dataclass(frozen=True)
class Receipt:
    """Everything a receipt says; the applicant's name and ID number come already masked."""

    hall: str
    terminal_id: str
    terminal_name: str
    service_name: str
    receipt_number: str
    issued_at: datetime
    applicant_name_masked: str
    applicant_id_masked: str
    materials: tuple[ReceivedMaterial, ...]
    time_limit: str  # the promised time limit, e.g. "5个工作日"
    delivery: str  # how the result is delivered or where to collect it
    submission: Submission
    tracking_url: str
    official_number: str | None = None
    reprint: bool = False
    extra_lines: tuple[str, ...] = field(default=())  # e.g. the test receipt's sample text
    # 帮办代办: the assisting staff member, staff number and masked name ("S0042 王*").
    assisted_by_masked: str | None = None

    def __post_init__(self) -> None:
        if not _MASKED_ID.match(self.applicant_id_masked):
            raise ValueError("the applicant's ID number must be masked before it reaches a receipt")


def masked_applicant(name: str, id_number: str) -> dict[str, str]:
    """The applicant fields of a Receipt, masked by the identity rules (surname, 4+4 digits)."""
    return {
        "applicant_name_masked": mask_name(name),
        "applicant_id_masked": mask_resident_id(id_number),
    }


@dataclass(frozen=True)
class TextBlock:
    """One line of the receipt, already fitted to the paper width."""

    text: str
    bold: bool = False
    double: bool = False
    center: bool = False


@dataclass(frozen=True)
class RuleBlock:
    """A separator across the paper."""


@dataclass(frozen=True)
class QrBlock:
    """A QR code and the caption under it."""

    payload: str


Block = TextBlock | RuleBlock | QrBlock

_NO_LINE_START = frozenset("，。、；：！？）》」』”’…")
_NO_LINE_END = frozenset("（《「『“‘")


def display_width(text: str) -> int:
    """Columns ``text`` takes on paper (CJK and full-width marks two, ASCII one; wcwidth)."""
    return printed_width(text)


def wrap(text: str, columns: int, hang: int = 0) -> list[str]:
    """Break ``text`` into lines of at most ``columns``; continuation lines indent ``hang``.

    Latin words are kept whole where they fit; CJK text breaks between any two characters.
    """
    lines: list[str] = []
    current, width = "", 0
    for token in re.findall(r"[A-Za-z0-9@:/._\-?=&#%+]+|\s|.", text):
        token_width = display_width(token)
        if width + token_width > columns and current.strip():
            carry = ""
            # No closing mark at the start of a line, no opening mark at the end of one.
            if token in _NO_LINE_START:
                keep = 1  # carry the last character, and the closing marks before it
                while keep < 4 and current[-keep] in _NO_LINE_START:
                    keep += 1
                if len(current.strip()) > keep:
                    current, carry = current[:-keep], current[-keep:]
            elif current[-1] in _NO_LINE_END and len(current.strip()) > 1:
                current, carry = current[:-1], current[-1]
            lines.append(current.rstrip())
            current, width = " " * hang + carry, hang + display_width(carry)
            if token.isspace():
                continue
        if token_width > columns - width:  # a word longer than a line: split it
            for char in token:
                char_width = display_width(char)
                if width + char_width > columns:
                    lines.append(current)
                    current, width = " " * hang, hang
                current += char
                width += char_width
            continue
        current += token
        width += token_width
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _labelled(label: str, value: str, columns: int) -> list[TextBlock]:
    return [
        TextBlock(line) for line in wrap(f"{label}：{value}", columns, display_width(label) + 2)
    ]


def _receipt_number_lines(number: str, columns: int) -> list[TextBlock]:
    """The receipt number whole on one line: after its label if it fits, else under it."""
    line = f"回执编号：{number}"
    if display_width(line) <= columns:
        return [TextBlock(line, bold=True)]
    return [TextBlock("回执编号：", bold=True)] + [
        TextBlock(part, bold=True) for part in wrap(number, columns)
    ]


def receipt_layout(receipt: Receipt, columns: int) -> list[Block]:
    """The receipt as blocks fitted to ``columns`` (characters per line of the normal font)."""
    blocks: list[Block] = [
        *(TextBlock(t, bold=True, double=True, center=True) for t in wrap(TITLE, columns // 2)),
    ]
    if receipt.reprint:
        blocks.append(TextBlock("（补打）", bold=True, center=True))
    blocks += [TextBlock(t, center=True) for t in wrap(receipt.hall, columns)]
    terminal = f"终端：{receipt.terminal_name}（{receipt.terminal_id}）"
    blocks += [TextBlock(t, center=True) for t in wrap(terminal, columns)]
    blocks.append(RuleBlock())
    blocks += _labelled("办理事项", receipt.service_name, columns)
    blocks += _receipt_number_lines(receipt.receipt_number, columns)
    official = receipt.official_number or "同步后生成，凭回执编号即可查询"
    blocks += _labelled("办件编号", official, columns)
    blocks += _labelled("受理时间", receipt.issued_at.strftime("%Y-%m-%d %H:%M"), columns)
    applicant = f"{receipt.applicant_name_masked}（{receipt.applicant_id_masked}）"
    blocks += _labelled("申 请 人", applicant, columns)
    if receipt.assisted_by_masked:
        blocks += _labelled("经 办 人", receipt.assisted_by_masked, columns)
    blocks.append(RuleBlock())
    blocks.append(TextBlock("已收材料：", bold=True))
    for number, material in enumerate(receipt.materials, 1):
        pages = f"，{material.pages}页" if material.pages else ""
        item = f"{number}. {material.name}（{_LEVEL_TEXT[material.level]}{pages}）"
        blocks += [TextBlock(t) for t in wrap(item, columns, len(f"{number}. "))]
    blocks.append(RuleBlock())
    blocks += _labelled("办理时限", receipt.time_limit, columns)
    blocks += _labelled("结果领取", receipt.delivery, columns)
    blocks += [TextBlock(t, bold=True) for t in wrap(_SUBMISSION_TEXT[receipt.submission], columns)]
    blocks += [TextBlock(t) for line in receipt.extra_lines for t in wrap(line, columns)]
    blocks.append(RuleBlock())
    blocks.append(QrBlock(receipt.tracking_url))
    blocks.append(TextBlock("扫码查询办理进度", center=True))
    blocks += [
        TextBlock(t, center=True)
        for t in wrap("欢迎对本次服务作出评价（好差评），扫码或在本机“服务评价”中评价。", columns)
    ]
    return blocks


def receipt_bytes(receipt: Receipt, settings: _PrinterCommon) -> bytes:
    """The whole print job for this printer: text, QR code and cut, starting with ESC @."""
    document = EscposDocument(settings)
    for block in receipt_layout(receipt, settings.chars_per_line):
        if isinstance(block, TextBlock):
            align = Align.CENTER if block.center else Align.LEFT
            document.line(block.text, bold=block.bold, double=block.double, align=align)
        elif isinstance(block, RuleBlock):
            document.line("-" * settings.chars_per_line)
        else:
            document.qr(block.payload)
    document.feed(2)
    document.cut()
    return document.payload()
