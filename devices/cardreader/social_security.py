"""China social security card (社会保障卡) profile: SSSE application, EF05 and EF06 records.

Layout used (from public reader code for the national card, e.g. the card-reader examples
that send ``00A404000F7378312E73682EC9E7BBE1B1A3D5CF`` then ``00A4020002EF05``/``EF06`` and
``00B2 <record> 04 <Le>``): every record answers ``tag(=record number) length value``.

EF05 (card information): 01 card identifier (16, binary; first 6 = issuing region),
02 card type (1, ASCII), 03 specification version (4, ASCII "2.00"/"3.00"),
04 initialisation organisation (12, binary), 05 issue date (4, BCD YYYYMMDD),
06 valid until (4, BCD), 07 card number (9, ASCII).
EF06 (holder): 08 ID number (18, ASCII), 09 name (30, GBK, padded with 00/FF/space),
0A sex (1, ASCII GB/T 2261.1 code), 0B nation (1, BCD GB 3304 code),
0C birth place (3, BCD region code), 0D birth date (4, BCD YYYYMMDD).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from devices.cardreader.apdu import ApduChannel, command
from devices.cardreader.errors import CardDataError, CardStatusError
from devices.cardreader.identity import DocumentType, Identity, IdentitySource, Sex

APPLICATION_NAME = "sx1.sh.社会保障".encode("gbk")
EF05 = b"\xef\x05"
EF06 = b"\xef\x06"
PADDING = b"\x00\xff "

# record number -> maximum value length
EF05_RECORDS = {0x01: 16, 0x02: 1, 0x03: 4, 0x04: 12, 0x05: 4, 0x06: 4, 0x07: 9}
EF06_RECORDS = {0x08: 18, 0x09: 30, 0x0A: 1, 0x0B: 1, 0x0C: 3, 0x0D: 4}
# "Not found"-style answers to SELECT mean "not this card"; anything else is a faulty card.
NOT_THIS_CARD = {0x6A82, 0x6A86, 0x6A81, 0x6D00, 0x6E00, 0x6999, 0x6A87}


def parse_record(record: int, raw: bytes, max_length: int) -> bytes:
    """The value of one ``tag length value`` record; raises CardDataError if it is malformed."""
    if len(raw) < 2:
        raise CardDataError(f"record {record:02X}: {len(raw)} bytes, no tag and length")
    tag, length = raw[0], raw[1]
    if tag != record:
        raise CardDataError(f"record {record:02X}: tag {tag:02X} instead")
    if length > max_length:
        raise CardDataError(f"record {record:02X}: length {length} exceeds {max_length}")
    if len(raw) - 2 < length:
        raise CardDataError(f"record {record:02X}: truncated ({len(raw) - 2} of {length} bytes)")
    return raw[2 : 2 + length]


def decode_ascii(record: int, value: bytes) -> str:
    """Printable ASCII text with the card's padding removed."""
    text = value.rstrip(PADDING)
    if not all(0x20 <= b < 0x7F for b in text):
        raise CardDataError(f"record {record:02X}: not printable ASCII")
    return text.decode("ascii")


def decode_gbk(record: int, value: bytes) -> str:
    """GBK text with the card's padding removed; invalid bytes are a card fault."""
    try:
        text = value.rstrip(PADDING).decode("gbk")
    except UnicodeDecodeError as exc:
        raise CardDataError(f"record {record:02X}: invalid GBK at byte {exc.start}") from None
    if any(not ch.isprintable() for ch in text):
        raise CardDataError(f"record {record:02X}: control characters in text")
    return text.strip()


def decode_bcd(record: int, value: bytes) -> str:
    """Packed BCD digits."""
    digits = value.hex()
    if not digits.isdigit():
        raise CardDataError(f"record {record:02X}: not BCD")
    return digits


def decode_bcd_date(record: int, value: bytes) -> dt.date:
    """A date stored as BCD YYYYMMDD."""
    if len(value) != 4:
        raise CardDataError(f"record {record:02X}: date of {len(value)} bytes")
    digits = decode_bcd(record, value)
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise CardDataError(f"record {record:02X}: not a calendar date") from None


def decode_sex(record: int, value: bytes) -> Sex:
    """Sex stored as an ASCII code ("1"), though some issuers store the byte 01."""
    if len(value) != 1:
        raise CardDataError(f"record {record:02X}: sex of {len(value)} bytes")
    byte = value[0]
    return Sex.from_code(chr(byte) if 0x30 <= byte <= 0x39 else str(byte))


@dataclass(frozen=True)
class SocialSecurityRecords:
    """The raw values of EF05 and EF06 by record number."""

    ef05: dict[int, bytes]
    ef06: dict[int, bytes]


def identity_from_records(records: SocialSecurityRecords) -> Identity:
    """Decode the records into an Identity; raises CardDataError on any malformed field."""
    ef05, ef06 = records.ef05, records.ef06
    nation = decode_bcd(0x0B, ef06[0x0B]) if ef06.get(0x0B) else ""
    return Identity(
        source=IdentitySource.PCSC,
        document_type=DocumentType.SOCIAL_SECURITY_CARD,
        number=decode_ascii(0x08, ef06[0x08]),
        name=decode_gbk(0x09, ef06[0x09]),
        sex=decode_sex(0x0A, ef06[0x0A]),
        nation=nation.zfill(2)[-2:] if nation else "",
        birth_date=decode_bcd_date(0x0D, ef06[0x0D]),
        valid_from=decode_bcd_date(0x05, ef05[0x05]),
        valid_until=decode_bcd_date(0x06, ef05[0x06]),
        card_number=decode_ascii(0x07, ef05[0x07]),
    )


class SocialSecurityProfile:
    """Reads the national social security card (all generations share the SSSE records)."""

    name = "social_security"

    def prefers(self, atr: bytes) -> bool:
        """Social security cards are T=0 cards; issuers vary too much for a firmer ATR rule."""
        return len(atr) > 1 and not atr[1] & 0x80  # no TD1 byte: T=0 only

    def select(self, channel: ApduChannel) -> bool:
        """SELECT the SSSE application by its GBK name."""
        response = channel.send(command(0x00, 0xA4, 0x04, 0x00, APPLICATION_NAME))
        if response.ok:
            return True
        if response.sw in NOT_THIS_CARD:
            return False
        raise CardStatusError("SELECT SSSE", response.sw)

    def _read_file(
        self, channel: ApduChannel, fid: bytes, layout: dict[int, int]
    ) -> dict[int, bytes]:
        response = channel.send(command(0x00, 0xA4, 0x02, 0x00, fid))
        if not response.ok:
            raise CardStatusError(f"SELECT {fid.hex().upper()}", response.sw)
        values = {}
        for record, max_length in layout.items():
            answer = channel.send(command(0x00, 0xB2, record, 0x04, le=max_length + 2))
            if not answer.ok:
                raise CardStatusError(f"READ RECORD {record:02X}", answer.sw)
            values[record] = parse_record(record, answer.data, max_length)
        return values

    def read(self, channel: ApduChannel) -> Identity:
        """Read EF05 and EF06 and decode them."""
        records = SocialSecurityRecords(
            ef05=self._read_file(channel, EF05, EF05_RECORDS),
            ef06=self._read_file(channel, EF06, EF06_RECORDS),
        )
        return identity_from_records(records)
