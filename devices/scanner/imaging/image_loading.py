"""Reading an image file safely: size checked before decoding, every pixel format made 8-bit BGR."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PIL import Image, UnidentifiedImageError

BgrImage = npt.NDArray[np.uint8]

# A 600 dpi A4 scan is 35 megapixels; anything larger is refused before it is decoded.
MAX_PIXELS = 40_000_000
MIN_SIDE = 16


class ImageLoadError(ValueError):
    """An image that cannot be used, with a message a technician can act on."""


def load_image(path: Path, *, max_pixels: int = MAX_PIXELS) -> BgrImage:
    """Decode the image file at ``path`` as 8-bit BGR; raise ImageLoadError with the reason."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImageLoadError(f"{path.name}: cannot be read ({exc.strerror})") from exc
    return decode_image(data, name=path.name, max_pixels=max_pixels)


def decode_image(data: bytes, *, name: str = "image", max_pixels: int = MAX_PIXELS) -> BgrImage:
    """Decode encoded image bytes (JPEG, PNG, TIFF, PNM…) as 8-bit BGR, or raise ImageLoadError."""
    if not data:
        raise ImageLoadError(f"{name}: the file is empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ImageLoadError(f"{name}: not an image format we can read") from None
    except OSError as exc:
        raise ImageLoadError(f"{name}: not a readable image ({exc})") from None
    width, height = image.size
    if width * height > max_pixels:
        raise ImageLoadError(
            f"{name}: {width}×{height} is {width * height / 1e6:.0f} megapixels, "
            f"more than the {max_pixels / 1e6:.0f} megapixel limit"
        )
    if min(width, height) < MIN_SIDE:
        raise ImageLoadError(f"{name}: {width}×{height} is too small to hold a page")
    try:
        image.load()
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageLoadError(f"{name}: the image data is damaged or cut short ({exc})") from None
    return pil_to_bgr(image)


def pil_to_bgr(image: Image.Image) -> BgrImage:
    """Any PIL image (palette, 16-bit, alpha, CMYK, float) as contiguous 8-bit BGR."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        gray = np.asarray(image, dtype=np.float64)
        top = float(gray.max()) if gray.size else 0.0
        scale = 255.0 / (65535.0 if top > 255 else max(top, 1.0))
        eight = np.clip(gray * scale, 0, 255).astype(np.uint8)
        return np.ascontiguousarray(np.repeat(eight[:, :, None], 3, axis=2))
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    rgb = np.asarray(image.convert("RGB"), dtype=np.uint8)
    return np.ascontiguousarray(rgb[:, :, ::-1])
