"""The PNG of a receipt: Chinese glyphs drawn, the QR code readable, same lines as the paper."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from kiosk.receipt_image import receipt_image, save_receipt_png
from tests.fixtures.receipts import TRACKING_URL, sample_receipt


def test_the_png_qr_code_decodes_to_the_tracking_url(tmp_path: Path) -> None:
    path = save_receipt_png(sample_receipt(), tmp_path / "receipt.png")
    image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    payload, _, _ = cv2.QRCodeDetector().detectAndDecode(image)
    assert payload == TRACKING_URL


def test_the_png_has_ink_in_the_title_and_is_as_wide_as_the_paper() -> None:
    image = receipt_image(sample_receipt(), columns=48)
    assert image.width == 48 * 12 + 32
    title = np.asarray(image.crop((0, 16, image.width, 76)))
    assert (title < 128).sum() > 2000  # eleven bold double-size characters, not empty boxes
