"""The one value every card reader produces: who is at the terminal, as read from the document."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class IdentitySource(StrEnum):
    """Which kind of reader produced the identity."""

    PCSC = "pcsc"
    SAM_SERIAL = "sam_serial"
    SIMULATED = "simulated"
    TYPED = "typed"


class DocumentType(StrEnum):
    """The document the identity was read from."""

    RESIDENT_ID_CARD = "resident_id_card"  # 第二代居民身份证
    SOCIAL_SECURITY_CARD = "social_security_card"  # 社会保障卡
    PIV_STAFF_CARD = "piv_staff_card"  # staff and technician PIV cards


class Sex(StrEnum):
    """Sex as GB/T 2261.1 codes it on Chinese documents (1 male, 2 female, 0/9 unknown)."""

    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"

    @classmethod
    def from_code(cls, code: str) -> Sex:
        """The sex for a GB/T 2261.1 code ("1", "2"); anything else is UNKNOWN."""
        return {"1": cls.MALE, "2": cls.FEMALE}.get(code.strip(), cls.UNKNOWN)


class PhotoFormat(StrEnum):
    """How the photo bytes are encoded."""

    NONE = "none"
    WLT = "wlt"  # the resident ID card's compressed photo: needs a licensed decoder
    JPEG = "jpeg"
    BMP = "bmp"


@dataclass(frozen=True)
class Identity:
    """A person as read from one document. Personal data: never log it (repr hides it)."""

    source: IdentitySource
    document_type: DocumentType
    number: str  # resident ID number, or the card holder id for PIV
    name: str
    sex: Sex = Sex.UNKNOWN
    nation: str = ""  # GB 3304 nation code, two digits ("01" = 汉)
    birth_date: dt.date | None = None
    address: str = ""
    issuing_authority: str = ""
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None  # None: long-term validity (长期) or not on the document
    card_number: str = ""  # the document's own number where it differs from `number`
    photo: bytes | None = field(default=None, repr=False)
    photo_format: PhotoFormat = PhotoFormat.NONE

    def __repr__(self) -> str:
        # A stray repr in a log line or traceback must not leak the holder's data.
        return f"Identity(source={self.source}, document_type={self.document_type}, <redacted>)"

    __str__ = __repr__

    def expired(self, today: dt.date) -> bool:
        """True if the document's validity ended before ``today``."""
        return self.valid_until is not None and self.valid_until < today

    def sensitive_values(self) -> tuple[str, ...]:
        """The values a log filter must mask while this identity is in a session."""
        return tuple(v for v in (self.number, self.name, self.address, self.card_number) if v)


NATIONS: dict[str, str] = {
    f"{number:02d}": name
    for number, name in enumerate(
        [
            "汉",
            "蒙古",
            "回",
            "藏",
            "维吾尔",
            "苗",
            "彝",
            "壮",
            "布依",
            "朝鲜",
            "满",
            "侗",
            "瑶",
            "白",
            "土家",
            "哈尼",
            "哈萨克",
            "傣",
            "黎",
            "傈僳",
            "佤",
            "畲",
            "高山",
            "拉祜",
            "水",
            "东乡",
            "纳西",
            "景颇",
            "柯尔克孜",
            "土",
            "达斡尔",
            "仫佬",
            "羌",
            "布朗",
            "撒拉",
            "毛南",
            "仡佬",
            "锡伯",
            "阿昌",
            "普米",
            "塔吉克",
            "怒",
            "乌孜别克",
            "俄罗斯",
            "鄂温克",
            "德昂",
            "保安",
            "裕固",
            "京",
            "塔塔尔",
            "独龙",
            "鄂伦春",
            "赫哲",
            "门巴",
            "珞巴",
            "基诺",
        ],
        start=1,
    )
}
"""GB 3304 nation codes ("01".."56") and their names (民族), in the order of the standard."""


def nation_name(code: str) -> str:
    """The name of a GB 3304 nation code, or the code itself if unknown."""
    return NATIONS.get(code, code)
