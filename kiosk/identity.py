"""Identity rules: resident ID and credit code checks, masking for screens, refusals."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from stdnum import numdb
from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumValidationError

from devices.cardreader.identity import DocumentType, Identity, Sex


class IdReason(StrEnum):
    """Why a number is not valid (stable codes for scripts and translations)."""

    EMPTY = "empty"
    LENGTH = "length"
    FORMAT = "format"
    CHECKSUM = "checksum"
    DATE = "date"
    FUTURE_DATE = "future_date"
    REGION = "region"


@dataclass(frozen=True)
class ResidentIdCheck:
    """The result of checking a resident ID number (GB 11643)."""

    valid: bool
    reason: str | None = None  # an IdReason value when not valid
    birth_date: dt.date | None = None
    sex: Sex | None = None
    region_code: str | None = None
    number: str = ""  # normalised: upper-case X, 18 digits (a legacy number converted)
    legacy: bool = False  # given as a 15-digit first-generation number

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        data = asdict(self)
        data["birth_date"] = self.birth_date.isoformat() if self.birth_date else None
        data["sex"] = str(self.sex) if self.sex else None
        return data


@dataclass(frozen=True)
class CreditCodeCheck:
    """The result of checking a unified social credit code (GB 32100)."""

    valid: bool
    reason: str | None = None
    code: str = ""

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


def _normalise(number: str) -> str:
    return "".join(number.split()).upper()


def _county(code: str) -> bool:
    # Any county code that ever existed: an old card keeps the code of the county at issue time.
    return any("county" in props for _, props in numdb.get("cn/loc").info(code))


def _legacy_to_18(number: str) -> str:
    body = number[:6] + "19" + number[6:]
    return body + ric.calc_check_digit(body + "0")


def validate_resident_id(number: str, today: dt.date | None = None) -> ResidentIdCheck:
    """Check an 18-digit (or legacy 15-digit) resident ID number; never raises."""
    today = today or dt.date.today()
    value = _normalise(number)
    legacy = False
    if not value:
        return ResidentIdCheck(False, IdReason.EMPTY)
    if len(value) == 15:
        if not value.isdigit():
            return ResidentIdCheck(False, IdReason.FORMAT, number=value, legacy=True)
        legacy = True
        value = _legacy_to_18(value)
    if len(value) != 18:
        return ResidentIdCheck(False, IdReason.LENGTH, number=value)
    if not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        return ResidentIdCheck(False, IdReason.FORMAT, number=value, legacy=legacy)
    try:
        birth = ric.get_birth_date(value)
    except (InvalidComponent, ValueError):
        return ResidentIdCheck(False, IdReason.DATE, number=value, legacy=legacy)
    if value[17] != ric.calc_check_digit(value):
        return ResidentIdCheck(False, IdReason.CHECKSUM, number=value, legacy=legacy)
    if birth > today or birth.year < 1850:
        return ResidentIdCheck(
            False,
            IdReason.FUTURE_DATE if birth > today else IdReason.DATE,
            number=value,
            legacy=legacy,
        )
    region = value[:6]
    if not _county(region):
        return ResidentIdCheck(False, IdReason.REGION, number=value, legacy=legacy)
    sex = Sex.MALE if int(value[16]) % 2 else Sex.FEMALE
    return ResidentIdCheck(True, None, birth, sex, region, value, legacy)


def validate_credit_code(code: str) -> CreditCodeCheck:
    """Check a unified social credit code with python-stdnum; never raises."""
    value = _normalise(code)
    if not value:
        return CreditCodeCheck(False, IdReason.EMPTY)
    try:
        return CreditCodeCheck(True, None, uscc.validate(value))
    except InvalidLength:
        reason = IdReason.LENGTH
    except InvalidFormat:
        reason = IdReason.FORMAT
    except InvalidChecksum:
        reason = IdReason.CHECKSUM
    except StdnumValidationError:
        reason = IdReason.FORMAT
    return CreditCodeCheck(False, reason, value)


def mask_resident_id(number: str) -> str:
    """First 4 and last 4 characters kept, the rest '*' (the birth date never shows)."""
    value = _normalise(number)
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_credit_code(code: str) -> str:
    """A credit code as screens and paper show it: first 4 and last 4 kept, like an ID number.

    The code itself is public business information (国家企业信用信息公示系统), so this is not
    secrecy: every identifier the terminal read or was given shows the same way, the person
    at the terminal recognises it by its ends, and a receipt left behind names less. Only the
    keypad, while the code is being typed or checked, shows it whole.
    """
    return mask_resident_id(code)


class EnterpriseSource(StrEnum):
    """How the enterprise's code came to the terminal."""

    KEYPAD = "keypad"
    LICENCE_QR = "licence_qr"


@dataclass(frozen=True)
class EnterpriseIdentity:
    """The enterprise a person acts for: its unified social credit code and, if typed, its name.

    The person's card identity stays the applicant; this says on whose behalf they apply.
    """

    credit_code: str
    name: str = ""
    source: EnterpriseSource = EnterpriseSource.KEYPAD

    def prefill(self) -> dict[str, str]:
        """Values for the enterprise details section (kiosk.forms.Prefill keys)."""
        values = {"credit_code": self.credit_code}
        if self.name.strip():
            values["enterprise_name"] = self.name.strip()
        return values

    def masked(self) -> str:
        """The code as screens and paper show it."""
        return mask_credit_code(self.credit_code)


# The compound surnames of the Hundred Family Surnames (百家姓) and a few still common ones.
COMPOUND_SURNAMES = frozenset(
    [
        "万俟",
        "司马",
        "上官",
        "欧阳",
        "夏侯",
        "诸葛",
        "闻人",
        "东方",
        "赫连",
        "皇甫",
        "尉迟",
        "公羊",
        "澹台",
        "公冶",
        "宗政",
        "濮阳",
        "淳于",
        "单于",
        "太叔",
        "申屠",
        "公孙",
        "仲孙",
        "轩辕",
        "令狐",
        "钟离",
        "宇文",
        "长孙",
        "慕容",
        "鲜于",
        "闾丘",
        "司徒",
        "司空",
        "亓官",
        "司寇",
        "子车",
        "颛孙",
        "端木",
        "巫马",
        "公西",
        "漆雕",
        "乐正",
        "壤驷",
        "公良",
        "拓跋",
        "夹谷",
        "宰父",
        "谷梁",
        "段干",
        "百里",
        "东郭",
        "南门",
        "呼延",
        "羊舌",
        "微生",
        "梁丘",
        "左丘",
        "东门",
        "西门",
        "南宫",
        "第五",
        "独孤",
    ]
)


def mask_name(name: str) -> str:
    """Surname kept (compound surnames such as 欧阳 too), each other character '*'."""
    value = name.strip()
    if not value:
        return ""
    if not all("\u3400" <= ch <= "\u9fff" or ch == "·" for ch in value):
        # Latin names: keep the first letter of the family name (last word) only.
        words = value.split()
        return " ".join("*" * len(w) for w in words[:-1]) + (
            (" " if len(words) > 1 else "") + words[-1][0] + "*" * (len(words[-1]) - 1)
        )
    surname_length = 2 if value[:2] in COMPOUND_SURNAMES and len(value) > 2 else 1
    return value[:surname_length] + "*" * (len(value) - surname_length)


class RefusalReason(StrEnum):
    """Why the terminal refuses an identity."""

    EXPIRED = "expired"
    INVALID_ID_NUMBER = "invalid_id_number"
    MINOR_ALONE = "minor_alone"


@dataclass(frozen=True)
class Refusal:
    """A refusal with its reason in plain language."""

    reason: RefusalReason
    message_zh: str
    message_en: str


_MESSAGES = {
    RefusalReason.EXPIRED: (
        "您的证件已过有效期，请持有效证件办理，或联系工作人员。",
        "Your document has expired. Please use a valid document or ask staff for help.",
    ),
    RefusalReason.INVALID_ID_NUMBER: (
        "卡片上的身份证号码无法通过校验，请联系工作人员。",
        "The ID number on this card failed its check. Please ask staff for help.",
    ),
    RefusalReason.MINOR_ALONE: (
        "未满{age}周岁不能单独办理此事项，请由监护人陪同办理，或请工作人员帮助。",
        "Applicants under {age} cannot apply for this service alone. "
        "Please come with a parent or guardian, or ask staff for help.",
    ),
}


def _refusal(reason: RefusalReason, age: int = 18) -> Refusal:
    zh, en = _MESSAGES[reason]
    return Refusal(reason, zh.format(age=age), en.format(age=age))


def age_on(birth: dt.date, day: dt.date) -> int:
    """Age in full years on ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def refusal_for(
    identity: Identity,
    today: dt.date | None = None,
    *,
    minors_need_guardian: bool = False,
    adult_age: int = 18,
) -> Refusal | None:
    """Why ``identity`` must be refused (expired, failing ID number, minor alone), or None."""
    today = today or dt.date.today()
    if identity.expired(today):
        return _refusal(RefusalReason.EXPIRED)
    birth = identity.birth_date
    if identity.document_type is not DocumentType.PIV_STAFF_CARD:
        check = validate_resident_id(identity.number, today)
        if not check.valid:
            return _refusal(RefusalReason.INVALID_ID_NUMBER)
        birth = birth or check.birth_date
    if minors_need_guardian and birth is not None and age_on(birth, today) < adult_age:
        return _refusal(RefusalReason.MINOR_ALONE, adult_age)
    return None


def service_refusal(
    identity: Identity, min_applicant_age: int | None, today: dt.date | None = None
) -> Refusal | None:
    """Why ``identity`` may not apply alone for a service with ``min_applicant_age``, or None.

    The catalog's optional ``min_applicant_age`` (absent: no limit) is the youngest age at
    which a person applies alone. With a limit the card's other checks (expired, failing ID
    number) run again too; without one they ran when the card was read (``refusal_for``).
    The birth date comes from the card, else from the ID number.
    """
    if min_applicant_age is None or min_applicant_age <= 0:
        return None
    return refusal_for(identity, today, minors_need_guardian=True, adult_age=min_applicant_age)


class ApplicantRefusedError(Exception):
    """The person may not apply for this service (see ``refusal`` for the plain reason)."""

    def __init__(self, refusal: Refusal) -> None:
        self.refusal = refusal
        super().__init__(refusal.reason.value)
