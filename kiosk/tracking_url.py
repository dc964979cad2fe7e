"""The tracking URL a receipt's QR code carries: the receipt number, and a MAC when enrolled.

``<platform>/track/<receipt number>?mac=<16 hex digits>``: the MAC is HMAC-SHA256 of the
number under the terminal's ``receipt_mac_key`` (issued at enrollment), so the platform can tell
a forged receipt from a real one. A terminal not yet enrolled prints the URL without a MAC.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import quote

MAC_HEX_DIGITS = 16


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
