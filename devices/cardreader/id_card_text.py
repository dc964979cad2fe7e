"""The base message of the second-generation resident ID card: 256-byte UCS-2LE text + WLT photo."""

from __future__ import annotations

import datetime as dt

from devices.cardreader.errors import CardDataError
from devices.cardreader.identity import DocumentType, Identity, IdentitySource, PhotoFormat, Sex

TEXT_LENGTH = 256
PHOTO_LENGTH = 1024
# (field, bytes) in the order of the text block (UCS-2LE, padded with spaces).
TEXT_FIELDS = (
    ("name", 30),
    ("sex", 2),
    ("nation", 4),
    ("birth", 16),
    ("address", 70),
    ("number", 36),
    ("authority", 30),
    ("valid_from", 16),
    ("valid_until", 16),
    ("reserved", 36),
)
LONG_TERM = "长期"


def split_text(text: bytes) -> dict[str, str]:
    """The text fields, decoded and stripped; raises CardDataError if the block is malformed."""
    if len(text) != TEXT_LENGTH:
        raise CardDataError(f"text block of {len(text)} bytes, expected {TEXT_LENGTH}")
    fields: dict[str, str] = {}
    offset = 0
    for name, width in TEXT_FIELDS:
        try:
            value = text[offset : offset + width].decode("utf-16-le")
        except UnicodeDecodeError:
            raise CardDataError(f"field {name} is not UCS-2") from None
        offset += width
        fields[name] = value.strip(" \x00")
    return fields


def _date(field: str, value: str) -> dt.date:
    if len(value) != 8 or not value.isdigit():
        raise CardDataError(f"field {field} is not a YYYYMMDD date")
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        raise CardDataError(f"field {field} is not a calendar date") from None


def parse_base_message(data: bytes) -> Identity:
    """Decode the answer to READ BASE MESSAGE: text length, photo length, text, photo."""
    if len(data) < 4:
        raise CardDataError("base message without its length fields")
    text_length = int.from_bytes(data[0:2], "big")
    photo_length = int.from_bytes(data[2:4], "big")
    if text_length != TEXT_LENGTH:
        raise CardDataError(f"text length {text_length}, expected {TEXT_LENGTH}")
    if photo_length not in (0, PHOTO_LENGTH):
        raise CardDataError(f"photo length {photo_length}, expected {PHOTO_LENGTH}")
    if len(data) < 4 + text_length + photo_length:
        raise CardDataError("base message shorter than its length fields say")
    fields = split_text(data[4 : 4 + text_length])
    photo = data[4 + text_length : 4 + text_length + photo_length] or None
    if not fields["name"] or not fields["number"]:
        raise CardDataError("name or ID number missing")
    if not fields["nation"].isdigit():
        raise CardDataError("nation code is not numeric")
    return Identity(
        source=IdentitySource.SAM_SERIAL,
        document_type=DocumentType.RESIDENT_ID_CARD,
        number=fields["number"],
        name=fields["name"],
        sex=Sex.from_code(fields["sex"]),
        nation=fields["nation"].zfill(2),
        birth_date=_date("birth", fields["birth"]),
        address=fields["address"],
        issuing_authority=fields["authority"],
        valid_from=_date("valid_from", fields["valid_from"]),
        valid_until=None
        if fields["valid_until"] == LONG_TERM
        else _date("valid_until", fields["valid_until"]),
        photo=photo,
        photo_format=PhotoFormat.WLT if photo else PhotoFormat.NONE,
    )


def encode_text(fields: dict[str, str]) -> bytes:
    """Build a text block from field values (for simulators and tests)."""
    block = b""
    for name, width in TEXT_FIELDS:
        raw = fields.get(name, "").encode("utf-16-le")
        if len(raw) > width:
            raise ValueError(f"{name} longer than {width // 2} characters")
        block += raw + " ".encode("utf-16-le") * ((width - len(raw)) // 2)
    return block
