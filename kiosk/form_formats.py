"""The string formats our form schemas use, registered on a jsonschema FormatChecker.

The platform validates submissions against the same schemas, so each format is named in the
schema (``"format": "cn-resident-id"``) rather than hidden in our code. ID numbers and credit
codes are checked by kiosk.identity (the project's one set of identity rules, on python-stdnum);
bank cards with ``stdnum.luhn``. No home-made checksums.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jsonschema import FormatChecker
from stdnum import luhn

from kiosk.identity import validate_credit_code, validate_resident_id

RESIDENT_ID = "cn-resident-id"
PHONE = "cn-phone"
CREDIT_CODE = "cn-credit-code"
BANK_ACCOUNT = "bank-card-number"

_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
# Landline with area code, e.g. 0816-2345678 (Mianyang) or 028-12345678.
_LANDLINE = re.compile(r"^0[1-9][0-9]{1,2}-?[2-9][0-9]{6,7}$")
_DIGITS = re.compile(r"^[0-9]{10,30}$")


def is_resident_id(value: object) -> bool:
    """An 18-character resident ID number as typed (GB 11643; legacy 15 digits not accepted)."""
    if not isinstance(value, str):
        return False
    check = validate_resident_id(value)
    return check.valid and not check.legacy and check.number == value


def is_phone(value: object) -> bool:
    """A mainland mobile number (11 digits) or a landline with its area code."""
    return isinstance(value, str) and bool(_MOBILE.match(value) or _LANDLINE.match(value))


def is_credit_code(value: object) -> bool:
    """An 18-character unified social credit code (GB 32100) with a correct check character."""
    if not isinstance(value, str):
        return False
    check = validate_credit_code(value)
    return check.valid and check.code == value


def is_bank_account(value: object) -> bool:
    """10–30 digits; UnionPay cards (16 or 19 digits starting 62) must pass the Luhn check.

    Corporate account numbers (对公账号) follow each bank's own scheme without a Luhn digit,
    so only card numbers are checksummed.
    """
    if not isinstance(value, str) or not _DIGITS.match(value):
        return False
    if len(value) in (16, 19) and value.startswith("62"):
        return luhn.is_valid(value)
    return True


def format_checker() -> FormatChecker:
    """The standard formats (date, uuid, email…) plus ours."""
    checker = FormatChecker()
    for name, check in (
        (RESIDENT_ID, is_resident_id),
        (PHONE, is_phone),
        (CREDIT_CODE, is_credit_code),
        (BANK_ACCOUNT, is_bank_account),
    ):
        # Formats apply to strings only; a wrong type is the "type" keyword's error.
        checker.checks(name)(_strings_only(check))
    return checker


def _strings_only(check: Callable[[object], bool]) -> Callable[[object], bool]:
    def checked(value: object) -> bool:
        return not isinstance(value, str) or check(value)

    return checked
