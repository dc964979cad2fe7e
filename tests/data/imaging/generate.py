"""Generator of the ground-truthed page-detection set: documents placed on desks with known corners.

Deterministic for a seed. Documents are rendered with PIL and the Noto CJK font (forms, text
pages, a certificate with a seal, ID-card-like cards with fake data, blank pages), placed with a
known perspective onto procedural desks (wood, fabric, dark, light, low-contrast), then spoiled
on purpose: defocus, motion blur, shadows, glare, a finger over an edge, darkness, a page cut off
by the frame. The corners of the page in the frame are the ground truth.

Run ``python -m tests.data.imaging.generate OUT_DIR [COUNT]`` to write a set by hand; tests and
the benchmark call ``ensure_dataset`` which caches the set on disk.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFont

GENERATOR_VERSION = 5
FONT_FILE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FONT_INDEX_SC = 2  # the .ttc holds JP, KR, SC, TC, HK faces
BACKGROUNDS = ("wood", "fabric", "dark", "light", "low_contrast")
KINDS = ("form", "text", "id_front", "certificate", "id_back", "text_a5", "form", "blank")
# Page sizes in millimetres: the generator draws at 100 px per 10 mm (ID-1 is drawn larger).
A4 = (210.0, 297.0)
A5 = (148.0, 210.0)
ID1 = (85.6, 53.98)

Image8 = npt.NDArray[np.uint8]

SENTENCES = (
    "申请人应当如实提交有关材料和反映真实情况，并对其申请材料实质内容的真实性负责。",
    "本事项可在绵阳市政务服务中心综合窗口或自助终端办理，材料齐全的当场受理。",
    "办理时限为五个工作日，自受理之日起计算，法定节假日不计算在内。",
    "申请人可通过办件编号查询办理进度，办结后可对本次服务进行评价。",
    "根据有关规定，下列情形不予受理：材料不齐全、不符合法定形式或者超出受理范围。",
    "委托他人代为办理的，应当提交授权委托书及受托人有效身份证件。",
    "经审查符合条件的，出具书面决定；不符合条件的，书面告知理由。",
    "本表一式两份，申请人和受理机关各执一份，复印无效。",
)
FORM_FIELDS = ("姓名", "性别", "民族", "出生日期", "公民身份号码", "住址", "联系电话", "申请事项")
FAKE_NAMES = ("张三", "李小梅", "王建国", "赵晓燕", "陈志强", "刘芳")
FAKE_ADDRESSES = ("四川省绵阳市涪城区临园路东段68号", "四川省绵阳市游仙区剑南路西段12号")


@dataclass
class Sample:
    """One generated frame: its file, the page's corners (page TL, TR, BR, BL) and labels."""

    file: str
    corners: list[list[float]]
    page_size_px: tuple[int, int]
    page_size_mm: tuple[float, float]
    kind: str
    background: str
    effects: list[str] = field(default_factory=list)
    expected_flags: list[str] = field(default_factory=list)


# --- documents --------------------------------------------------------------------------------


@lru_cache(maxsize=32)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_FILE), size, index=FONT_INDEX_SC)


def _paper(size: tuple[int, int], rng: np.random.Generator) -> Image.Image:
    tint = tuple(int(v) for v in rng.integers(222, 242, 3))  # cameras expose paper below clipping
    return Image.new("RGB", size, tint)  # type: ignore[arg-type]


def _wrap(
    draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int
) -> list[str]:
    lines, line = [], ""
    for char in text:
        if draw.textlength(line + char, font=font) > width:
            lines.append(line)
            line = char
        else:
            line += char
    return [*lines, line] if line else lines


def _fake_id_number(rng: np.random.Generator) -> str:
    digits = "5107" + "".join(str(int(d)) for d in rng.integers(0, 10, 13))
    return digits + "X"


def render_document(kind: str, rng: np.random.Generator) -> tuple[Image8, tuple[float, float]]:
    """A document image (BGR) of the given kind and its physical size in millimetres."""
    if kind in ("id_front", "id_back"):
        return _render_id_card(kind == "id_front", rng), ID1
    size_mm = A5 if kind == "text_a5" else A4
    width, height = int(size_mm[0] * 4), int(size_mm[1] * 4)  # 4 px/mm ≈ 100 dpi
    page = _paper((width, height), rng)
    draw = ImageDraw.Draw(page)
    ink = (25, 25, 30)
    if kind == "blank":
        pass
    elif kind == "form":
        draw.text(
            (width // 2, 70), "绵阳市政务服务事项申请表", font=_font(34), fill=ink, anchor="mm"
        )
        top, row_h, left, right = 130, 62, 60, width - 60
        name = FAKE_NAMES[int(rng.integers(len(FAKE_NAMES)))]
        values = (
            name,
            "男",
            "汉",
            "1990年1月1日",
            _fake_id_number(rng),
            FAKE_ADDRESSES[0],
            "138" + "".join(str(int(d)) for d in rng.integers(0, 10, 8)),
            "居民户口簿补领",
        )
        for i, (label, value) in enumerate(zip(FORM_FIELDS, values, strict=True)):
            y = top + i * row_h
            draw.rectangle((left, y, right, y + row_h), outline=ink, width=2)
            draw.line((left + 190, y, left + 190, y + row_h), fill=ink, width=2)
            draw.text((left + 15, y + 18), label, font=_font(24), fill=ink)
            draw.text((left + 210, y + 16), value, font=_font(26), fill=(150, 40, 30))
        y = top + len(FORM_FIELDS) * row_h + 40
        for line in _wrap(draw, "".join(SENTENCES[:4]), _font(22), right - left):
            draw.text((left, y), line, font=_font(22), fill=ink)
            y += 36
        draw.text((right - 300, height - 140), "申请人（签字）：", font=_font(24), fill=ink)
        draw.text((right - 300, height - 90), "2026年11月26日", font=_font(24), fill=ink)
    elif kind == "certificate":
        draw.rectangle((30, 30, width - 30, height - 30), outline=(40, 40, 160), width=6)
        draw.text((width // 2, 140), "证  明", font=_font(56), fill=ink, anchor="mm")
        y, left = 240, 90
        for line in _wrap(draw, "兹证明" + "".join(SENTENCES[2:7]), _font(28), width - 2 * left):
            draw.text((left, y), line, font=_font(28), fill=ink)
            y += 48
        cx, cy, r = width - 230, y + 160, 110
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(40, 40, 210), width=8)
        draw.text((cx, cy), "★", font=_font(60), fill=(40, 40, 210), anchor="mm")
        draw.text((cx, cy + 70), "专用章", font=_font(26), fill=(40, 40, 210), anchor="mm")
    else:  # text pages (A4 and A5)
        font_size = 26 if kind == "text" else 30
        left = 70 if kind == "text" else 50
        draw.text(
            (width // 2, 80),
            "关于办理政务服务事项的告知书",
            font=_font(font_size + 8),
            fill=ink,
            anchor="mm",
        )
        y = 150
        order = rng.permutation(len(SENTENCES))
        paragraphs = [
            "　　" + "".join(SENTENCES[(int(i) + k) % len(SENTENCES)] for k in range(3))
            for i in order
        ]
        for paragraph in paragraphs:
            for line in _wrap(draw, paragraph, _font(font_size), width - 2 * left):
                if y > height - 120:
                    break
                draw.text((left, y), line, font=_font(font_size), fill=ink)
                y += int(font_size * 1.7)
            y += 10
    bgr = np.asarray(page, dtype=np.uint8)[:, :, ::-1]
    return np.ascontiguousarray(bgr), size_mm


def _render_id_card(front: bool, rng: np.random.Generator) -> Image8:
    width, height = 856, 540
    x = np.linspace(0, 1, width)[None, :]
    y = np.linspace(0, 1, height)[:, None]
    base = np.stack([230 - 20 * x * y + 0 * y, 232 - 10 * y + 0 * x, 222 + 10 * x + 0 * y], axis=2)
    card = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8)[:, :, ::-1].copy())
    draw = ImageDraw.Draw(card)
    ink = (30, 30, 35)
    if front:
        name = FAKE_NAMES[int(rng.integers(len(FAKE_NAMES)))]
        rows = (
            ("姓名", name),
            ("性别", "男　　民族　汉"),
            ("出生", "1990年 1月 1日"),
            ("住址", FAKE_ADDRESSES[1][:11]),
            ("", FAKE_ADDRESSES[1][11:]),
        )
        for i, (label, value) in enumerate(rows):
            draw.text((60, 60 + i * 62), label, font=_font(26), fill=(60, 90, 150))
            draw.text((160, 58 + i * 62), value, font=_font(30), fill=ink)
        draw.text((60, 440), "公民身份号码", font=_font(26), fill=(60, 90, 150))
        draw.text((250, 436), _fake_id_number(rng), font=_font(34), fill=ink)
        draw.rounded_rectangle((590, 70, 800, 340), radius=12, fill=(205, 210, 215))
        draw.ellipse((645, 110, 735, 210), fill=(120, 110, 105))
        draw.ellipse((610, 215, 770, 380), fill=(90, 90, 100))
    else:
        draw.ellipse((60, 50, 200, 190), outline=(30, 30, 200), width=10)
        draw.text((130, 120), "★", font=_font(70), fill=(30, 30, 200), anchor="mm")
        draw.text((520, 110), "中华人民共和国", font=_font(46), fill=ink, anchor="mm")
        draw.text((480, 215), "居民身份证", font=_font(64), fill=ink, anchor="mm")
        draw.text((150, 360), "签发机关　绵阳市公安局涪城分局", font=_font(28), fill=ink)
        draw.text((150, 430), "有效期限　2020.01.01-2040.01.01", font=_font(28), fill=ink)
    bgr = np.asarray(card, dtype=np.uint8)[:, :, ::-1]
    return np.ascontiguousarray(bgr)


# --- desks ------------------------------------------------------------------------------------


def _smooth_noise(
    rng: np.random.Generator, shape: tuple[int, int], cells: int
) -> npt.NDArray[np.float32]:
    small = rng.standard_normal((cells, max(2, cells * shape[1] // shape[0]))).astype(np.float32)
    return cv2.resize(small, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC)


def render_background(
    kind: str, size: tuple[int, int], rng: np.random.Generator
) -> npt.NDArray[np.float32]:
    """A procedural desk (BGR float32, 0-255) of the given kind and (width, height)."""
    width, height = size
    shape = (height, width)
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    if kind == "wood":
        angle = float(rng.uniform(0, np.pi))
        u = xx * np.cos(angle) + yy * np.sin(angle)
        warp = _smooth_noise(rng, shape, 6) * 25
        grain = np.sin((u + warp) * float(rng.uniform(0.05, 0.12))) * 0.5 + 0.5
        fine = _smooth_noise(rng, shape, 120) * 0.15
        base = np.array(rng.uniform([40, 80, 120], [70, 120, 170]), np.float32)
        shade = 0.75 + 0.25 * grain + fine
        image = base[None, None, :] * shade[:, :, None]
    elif kind == "fabric":
        period = float(rng.uniform(3.0, 6.0))
        weave = (np.sin(xx * 2 * np.pi / period) * np.sin(yy * 2 * np.pi / period)) * 0.12 + 0.9
        base = np.array(rng.uniform([60, 40, 30], [200, 160, 140]), np.float32)
        image = base[None, None, :] * (weave + _smooth_noise(rng, shape, 10) * 0.05)[:, :, None]
    elif kind == "dark":
        level = float(rng.uniform(25, 70))
        image = np.full((height, width, 3), level, np.float32)
        image += (_smooth_noise(rng, shape, 8) * 8)[:, :, None]
    elif kind == "light":
        base = np.array(rng.uniform([165, 170, 175], [195, 200, 210]), np.float32)
        image = base[None, None, :] + (_smooth_noise(rng, shape, 30) * 5)[:, :, None]
    else:  # low_contrast: a pale desk only a little darker or tinted than paper
        base = np.array(rng.uniform([195, 198, 200], [212, 216, 220]), np.float32)
        image = base[None, None, :] + (_smooth_noise(rng, shape, 40) * 3)[:, :, None]
    return image.astype(np.float32)


# --- composing a frame -------------------------------------------------------------------------


def _card_mask(size: tuple[int, int], rounded: bool) -> Image8:
    width, height = size
    mask = Image.new("L", size, 0)
    radius = int(0.037 * width) if rounded else 0
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, width - 1, height - 1), radius=radius, fill=255)
    return np.asarray(mask, dtype=np.uint8)


def _placement(
    page_px: tuple[int, int],
    size_mm: tuple[float, float],
    frame: tuple[int, int],
    rng: np.random.Generator,
    cut_off: bool,
    camera_mm: float | None = None,
) -> npt.NDArray[np.float64]:
    width, height = frame
    long_mm = max(size_mm)
    # The camera sees about 400 mm of desk across the frame height at its lowest zoom.
    mm_per_frame_height = (
        float(rng.uniform(330, 420)) if long_mm > 100 else float(rng.uniform(120, 220))
    )
    if camera_mm is not None:  # a fixed document camera: one scale for every page
        mm_per_frame_height = camera_mm
    scale = height / mm_per_frame_height * long_mm / max(page_px)
    w, h = page_px[0] * scale, page_px[1] * scale
    angle = float(rng.uniform(-15, 15)) if rng.random() < 0.7 else float(rng.uniform(0, 360))
    for _ in range(50):
        rect = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
        jitter = rng.uniform(-0.03, 0.03, (4, 2)) * max(w, h)
        # A fixed document camera looks straight down at its platen: little perspective.
        rect += jitter if camera_mm is None else jitter / 3
        theta = np.deg2rad(angle)
        rotation = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
        corners = rect @ rotation.T
        span = corners.max(axis=0) - corners.min(axis=0)
        if span[0] > width - 24 or span[1] > height - 24:
            w, h = w * 0.93, h * 0.93
            continue
        low = -corners.min(axis=0) + 12
        high = np.array([width, height]) - corners.max(axis=0) - 12
        centre = rng.uniform(low, high)
        if cut_off:
            side = int(rng.integers(4))
            shift = float(rng.uniform(0.12, 0.25)) * span[side % 2]
            centre[side % 2] = (low[side % 2] - shift) if side < 2 else (high[side % 2] + shift)
        return np.asarray(corners + centre, dtype=np.float64)
    raise RuntimeError("the page does not fit the frame")


def _effects(rng: np.random.Generator, kind: str) -> list[str]:
    roll = rng.random()
    if roll < 0.36:
        return []
    choices = (
        "shadow",
        "finger",
        "blur",
        "motion_blur",
        "glare",
        "dark",
        "cut_off",
        "shadow+finger",
    )
    weights = np.array([0.2, 0.18, 0.12, 0.12, 0.12, 0.08, 0.08, 0.1])
    pick = choices[int(rng.choice(len(choices), p=weights / weights.sum()))]
    return pick.split("+")


def _motion_kernel(length: int, angle: float) -> npt.NDArray[np.float32]:
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0
    rotation = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), angle, 1.0)
    kernel = cv2.warpAffine(kernel, rotation, (length, length))
    return kernel / max(float(kernel.sum()), 1e-6)


def compose_frame(
    index: int,
    seed: int,
    frame: tuple[int, int] = (1920, 1080),
    *,
    camera_mm: float | None = None,
    effects: list[str] | None = None,
    kind: str | None = None,
) -> tuple[Image8, Sample]:
    """Frame number ``index`` of the set for ``seed``, and its ground truth (file left empty).

    ``camera_mm`` fixes the desk height the frame spans (a fixed document camera: every page at
    one scale, ``camera_mm / frame height`` mm per pixel); ``effects`` and ``kind`` replace
    the drawn ones. Left out, the frame is the set's own.
    """
    rng = np.random.default_rng([seed, index])
    kind = kind or KINDS[index % len(KINDS)]
    background = BACKGROUNDS[(index // len(KINDS) + index) % len(BACKGROUNDS)]
    drawn = _effects(rng, kind)
    effects = drawn if effects is None else effects
    document, size_mm = render_document(kind, rng)
    page_h, page_w = document.shape[:2]
    if rng.random() < 0.3 and kind not in ("id_front", "id_back"):
        document = cv2.rotate(document, cv2.ROTATE_90_CLOCKWISE)  # a landscape-placed page
        page_h, page_w = page_w, page_h
        size_mm = (size_mm[1], size_mm[0])
    corners = _placement((page_w, page_h), size_mm, frame, rng, "cut_off" in effects, camera_mm)
    width, height = frame
    desk = render_background(background, frame, rng)
    source = np.array([[0, 0], [page_w, 0], [page_w, page_h], [0, page_h]], np.float32)
    homography = cv2.getPerspectiveTransform(source, corners.astype(np.float32))
    warped = cv2.warpPerspective(document, homography, frame, flags=cv2.INTER_AREA).astype(
        np.float32
    )
    mask = _card_mask((page_w, page_h), rounded=kind.startswith("id_"))
    alpha = (
        cv2.warpPerspective(mask, homography, frame, flags=cv2.INTER_LINEAR).astype(np.float32)
        / 255
    )
    # Paper has thickness: a faint shadow on the desk just outside its edge.
    drop = cv2.GaussianBlur(alpha, (0, 0), 3.0)
    desk *= (1 - 0.18 * drop)[:, :, None]
    image = desk * (1 - alpha[:, :, None]) + warped * alpha[:, :, None]
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    light = (
        1.0
        + 0.06 * (xx / width - 0.5) * float(rng.uniform(-1, 1))
        + _smooth_noise(rng, (height, width), 3) * 0.02
    )
    image *= light[:, :, None]
    flags = []
    if "shadow" in effects:
        a, b = rng.uniform([0, 0], [width, height], (2, 2))
        normal = np.array([-(b - a)[1], (b - a)[0]])
        side = ((xx - a[0]) * normal[0] + (yy - a[1]) * normal[1]) > 0
        soft = cv2.GaussianBlur(side.astype(np.float32), (0, 0), 25)
        image *= (1 - float(rng.uniform(0.25, 0.45)) * soft)[:, :, None]
    if "finger" in effects:
        i = int(rng.integers(4))
        p = corners[i] + (corners[(i + 1) % 4] - corners[i]) * float(rng.uniform(0.3, 0.7))
        outward = p - corners.mean(axis=0)
        outward /= np.linalg.norm(outward)
        tip = p - outward * float(rng.uniform(20, 45))
        base = p + outward * 400
        finger = np.zeros((height, width), np.uint8)
        cv2.line(
            finger,
            tuple(int(v) for v in tip),
            tuple(int(v) for v in base),
            255,
            int(rng.uniform(45, 65)),
        )
        soft_finger = cv2.GaussianBlur(finger.astype(np.float32) / 255, (0, 0), 2.5)
        skin = np.array(rng.uniform([110, 140, 190], [150, 175, 230]), np.float32)
        image = (
            image * (1 - soft_finger[:, :, None]) + skin[None, None, :] * soft_finger[:, :, None]
        )
    if "glare" in effects:
        centre = corners.mean(axis=0) + rng.uniform(-0.2, 0.2, 2) * (
            corners.max(axis=0) - corners.min(axis=0)
        )
        radius = float(rng.uniform(0.06, 0.1)) * height
        spot = np.exp(-(((xx - centre[0]) ** 2 + (yy - centre[1]) ** 2) / (2 * radius**2)))
        image += (spot * 300)[:, :, None]
        flags.append("glare")
    if "dark" in effects:
        image *= float(rng.uniform(0.18, 0.26))
        flags.append("too_dark")
    # Sharpness cannot be judged on a blank page: it is flagged blank only.
    if "blur" in effects:
        image = cv2.GaussianBlur(image, (0, 0), float(rng.uniform(2.5, 3.5)))
        flags.extend([] if kind == "blank" else ["blurred"])
    if "motion_blur" in effects:
        image = cv2.filter2D(
            image, -1, _motion_kernel(int(rng.integers(17, 27)), float(rng.uniform(0, 180)))
        )
        flags.extend([] if kind == "blank" else ["motion_blurred"])
    if "cut_off" in effects:
        flags.append("cut_off")
    if kind == "blank":
        flags.append("blank")
    image += rng.normal(0, float(rng.uniform(1.5, 3.0)), image.shape).astype(np.float32)
    frame_image = np.clip(image, 0, 255).astype(np.uint8)
    sample = Sample(
        file="",
        corners=corners.round(2).tolist(),
        page_size_px=(page_w, page_h),
        page_size_mm=size_mm,
        kind=kind,
        background=background,
        effects=effects,
        expected_flags=flags,
    )
    return frame_image, sample


def generate(
    out_dir: Path, count: int, seed: int = 2015, frame: tuple[int, int] = (1920, 1080)
) -> list[Sample]:
    """Write ``count`` frames (JPEG quality 92) and manifest.json into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    samples = []
    for index in range(count):
        image, sample = compose_frame(index, seed, frame)
        sample.file = f"frame_{index:04d}.jpg"
        cv2.imwrite(str(out_dir / sample.file), image, [cv2.IMWRITE_JPEG_QUALITY, 92])
        samples.append(sample)
    (out_dir / "manifest.json").write_text(json.dumps([asdict(s) for s in samples], indent=1))
    return samples


def ensure_dataset(
    cache_root: Path, count: int, seed: int = 2015, frame: tuple[int, int] = (1920, 1080)
) -> tuple[Path, list[Sample]]:
    """The set for these parameters, generated once into ``cache_root`` and reused after."""
    directory = cache_root / f"v{GENERATOR_VERSION}-s{seed}-n{count}-{frame[0]}x{frame[1]}"
    manifest = directory / "manifest.json"
    if manifest.exists():
        raw = json.loads(manifest.read_text())
        samples = [
            Sample(
                **{
                    **item,
                    "page_size_px": tuple(item["page_size_px"]),
                    "page_size_mm": tuple(item["page_size_mm"]),
                }
            )
            for item in raw
        ]
        if len(samples) == count and all((directory / s.file).exists() for s in samples):
            return directory, samples
    return directory, generate(directory, count, seed, frame)


def main(argv: list[str]) -> int:
    """Command line: OUT_DIR [COUNT] [SEED]."""
    if not argv:
        sys.stderr.write(__doc__ or "")
        return 2
    count = int(argv[1]) if len(argv) > 1 else 120
    seed = int(argv[2]) if len(argv) > 2 else 2015
    samples = generate(Path(argv[0]), count, seed)
    sys.stdout.write(f"{len(samples)} frames written to {argv[0]}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
