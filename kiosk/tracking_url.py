"""The tracking URL a receipt's QR code carries: the receipt number, and a MAC when enrolled.

``<platform>/track/<receipt number>?mac=<16 hex digits>``: the MAC is HMAC-SHA256 of the
number under the terminal's ``receipt_mac_key`` (issued at enrollment), so the platform can tell
a forged receipt from a real one. A terminal not yet enrolled prints the URL without a MAC.
``read_tracking_url`` is the way back: a scanned text to the receipt number, checked.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qs, quote, unquote, urlsplit

from kiosk.receipt_number import parse_receipt_number

MAC_HEX_DIGITS = 16
_MAC = re.compile(rf"^[0-9a-f]{{{MAC_HEX_DIGITS}}}$")


def receipt_mac(receipt_number: str, key: bytes) -> str:
    """The first 16 hex digits of HMAC-SHA256(key, receipt number)."""
    return hmac.new(key, receipt_number.encode(), hashlib.sha256).hexdigest()[:MAC_HEX_DIGITS]


def tracking_url(platform_url: str, receipt_number: str, mac_key: bytes | None = None) -> str:
    """The URL that shows this application's progress."""
    base = platform_url.rstrip("/")
    url = f"{base}/track/{quote(receipt_number, safe='')}"
    if mac_key:
        url += f"?mac={receipt_mac(receipt_number, mac_key)}"
    return url


class ReceiptQrKind(StrEnum):
    """What a scanned text turned out to be."""

    RECEIPT = "receipt"  # one of our receipts: its number may be looked up
    NOT_A_RECEIPT = "not_a_receipt"  # another QR: not a tracking URL, or another host's
    NOT_VERIFIED = "not_verified"  # shaped like ours, but its MAC is missing or wrong


@dataclass(frozen=True)
class ReceiptQrRead:
    """The meaning of one scanned text; ``code`` (the receipt number) only for RECEIPT."""

    kind: ReceiptQrKind
    code: str | None = None
    reason: str = ""  # why not, for the log (never the number)

    @property
    def valid(self) -> bool:
        """True when the text is one of our receipts."""
        return self.kind is ReceiptQrKind.RECEIPT


def _same_host(url_host: str | None, url_port: int | None, platform_url: str) -> bool:
    # The scheme may differ (a platform moved to https keeps its old receipts readable).
    platform = urlsplit(platform_url)
    return (url_host or "").lower() == (platform.hostname or "").lower() and (
        url_port == platform.port
    )


def read_tracking_url(
    text: str, *, platform_url: str | None = None, mac_key: bytes | None = None
) -> ReceiptQrRead:
    """The receipt number in a scanned tracking URL, checked.

    With ``platform_url`` the URL must point at that host; with ``mac_key`` it must carry the
    MAC of its number (a receipt QR without one could be made by anyone). Without a key a MAC
    cannot be checked and is ignored: the terminal is not enrolled yet.
    """
    parts = urlsplit(text.strip())
    segments = [s for s in parts.path.split("/") if s]
    if parts.scheme not in ("http", "https") or len(segments) < 2 or segments[-2] != "track":
        return ReceiptQrRead(ReceiptQrKind.NOT_A_RECEIPT, reason="not a receipt tracking code")
    try:
        port = parts.port
    except ValueError:
        return ReceiptQrRead(ReceiptQrKind.NOT_A_RECEIPT, reason="the code has a bad port")
    if platform_url is not None and not _same_host(parts.hostname, port, platform_url):
        return ReceiptQrRead(ReceiptQrKind.NOT_A_RECEIPT, reason="the code is another host's")
    number = unquote(segments[-1])
    if parse_receipt_number(number) is None:
        return ReceiptQrRead(
            ReceiptQrKind.NOT_A_RECEIPT, reason="the code holds no valid receipt number"
        )
    if mac_key:
        macs = parse_qs(parts.query).get("mac", [])
        if len(macs) != 1 or not _MAC.match(macs[0]):
            return ReceiptQrRead(ReceiptQrKind.NOT_VERIFIED, reason="the code carries no MAC")
        if not hmac.compare_digest(macs[0], receipt_mac(number, mac_key)):
            return ReceiptQrRead(ReceiptQrKind.NOT_VERIFIED, reason="the code's MAC is wrong")
    return ReceiptQrRead(ReceiptQrKind.RECEIPT, number.upper())
