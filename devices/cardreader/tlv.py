"""BER-TLV as smart cards use it (PIV data objects): tags of up to 3 bytes, long lengths."""

from __future__ import annotations

from devices.cardreader.errors import CardDataError


def read_tlv(data: bytes, offset: int = 0) -> tuple[int, bytes, int]:
    """Parse one TLV at ``offset``: (tag, value, offset after it). Raises CardDataError."""
    end = len(data)
    if offset >= end:
        raise CardDataError("TLV expected, data ended")
    tag = data[offset]
    offset += 1
    if tag & 0x1F == 0x1F:
        while True:
            if offset >= end:
                raise CardDataError("TLV tag runs past the data")
            tag = (tag << 8) | data[offset]
            offset += 1
            if not data[offset - 1] & 0x80:
                break
            if tag > 0xFFFFFF:
                raise CardDataError("TLV tag longer than 3 bytes")
    if offset >= end:
        raise CardDataError("TLV length missing")
    first = data[offset]
    offset += 1
    if first < 0x80:
        length = first
    else:
        count = first & 0x7F
        if count == 0 or count > 3 or offset + count > end:
            raise CardDataError("TLV length field malformed")
        length = int.from_bytes(data[offset : offset + count], "big")
        offset += count
    if offset + length > end:
        raise CardDataError(f"TLV value of {length} bytes runs past the data")
    return tag, data[offset : offset + length], offset + length


def parse_tlvs(data: bytes) -> dict[int, bytes]:
    """All TLVs in ``data`` by tag (the first of repeated tags wins)."""
    found: dict[int, bytes] = {}
    offset = 0
    while offset < len(data):
        if data[offset] in (0x00, 0xFF):  # padding between objects
            offset += 1
            continue
        tag, value, offset = read_tlv(data, offset)
        found.setdefault(tag, value)
    return found


def encode_tlv(tag: int, value: bytes) -> bytes:
    """Encode one TLV (the inverse of read_tlv for tags up to 3 bytes)."""
    tag_bytes = tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")
    length = len(value)
    if length < 0x80:
        length_bytes = bytes((length,))
    elif length < 0x100:
        length_bytes = bytes((0x81, length))
    elif length < 0x10000:
        length_bytes = bytes((0x82,)) + length.to_bytes(2, "big")
    else:
        length_bytes = bytes((0x83,)) + length.to_bytes(3, "big")
    return tag_bytes + length_bytes + value
