"""Finding the page's four corners in a camera frame, also on light, low-contrast desks.

The classic detector (gray, blur, Canny, largest 4-point contour) loses a white page on a
pale desk: the luminance step is a few grey levels. Here every Lab channel contributes, so a
slight tint or brightness difference still separates page and desk. Candidates come from two
masks (colour distance to the desk, sampled on the frame border; and a multi-channel
morphological gradient), each is reduced to a quadrilateral, and the one whose four sides sit
best on real edges wins. The corners are then refined at full resolution by fitting a line to
the strongest colour step across each side.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from devices.scanner.imaging.geometry import (
    FloatArray,
    Quad,
    is_convex,
    line_intersection,
    order_corners,
    polygon_area,
)

WORK_SIDE = 512  # about the long side of the working image; 1080p frames are reduced 4×
MIN_AREA_FRACTION = 0.02  # an ID card at arm's length still covers more than this
MIN_SCORE = 0.25
GOOD_ENOUGH = 0.9
BORDER_FRACTION = 0.03
REFINE_SAMPLES = 24
BORDER_SIDE_SUPPORT = 0.2  # a side on the frame edge proves little (a shadow's edge, a cut page)
SHARP_FRACTION = 0.35  # of the colour change across 6 px that must happen across 3 px
SUPPORT_OFFSET = 3  # pixels either side of a candidate side where colours are compared
WEIGHTS = np.array([1, 2, 2], dtype=np.int16)  # L, a, b: chroma steps count double
REFINE_MIN_STEP = 4.0  # colour step (Lab units) below which a refinement sample is ignored


@dataclass(frozen=True)
class Detection:
    """A detected page: its corners in frame pixels and how well its sides sit on edges (0-1)."""

    quad: Quad
    score: float


def detect_page(image: npt.NDArray[np.uint8]) -> Detection | None:
    """The page in a BGR frame, or None when no convincing quadrilateral is found."""
    if image.ndim != 3 or image.shape[2] != 3 or min(image.shape[:2]) < 16:
        raise ValueError("detect_page needs a BGR image of at least 16×16 pixels")
    small, scale = _reduce(image)
    lab = np.asarray(cv2.cvtColor(small, cv2.COLOR_BGR2Lab), dtype=np.uint8)
    lab16 = lab.astype(np.int16)
    floor = _texture_floor(lab16)
    best: tuple[float, FloatArray] | None = None
    seen: list[FloatArray] = []
    for mask in _candidate_masks(lab):
        for quad in _quads_from_mask(mask):
            if any(np.abs(quad - other).max() < 0.5 for other in seen):
                continue  # several masks often give the same quad: score it once
            seen.append(quad)
            score = _edge_support(quad, lab16, floor)
            if best is None or score > best[0]:
                best = (score, quad)
        if best is not None and best[0] >= GOOD_ENOUGH:
            break  # every side on a clean edge: the other candidates cannot do better
    if best is None or best[0] < MIN_SCORE:
        return None
    corners = best[1] / scale
    refined = _refine(image, corners, radius=max(3.0, 1.5 / scale))
    return Detection(Quad.from_array(refined), round(best[0], 3))


def _texture_floor(lab: npt.NDArray[np.int16]) -> float:
    """The colour difference two desk points a few pixels apart show anyway (frame border)."""
    gap = 2 * SUPPORT_OFFSET
    border = max(gap + 1, int(BORDER_FRACTION * min(lab.shape[:2])))
    strips = [lab[:border], lab[-border:]]
    diffs = [np.abs(strip[:, gap:] - strip[:, :-gap]).reshape(-1, 3) @ WEIGHTS for strip in strips]
    return max(8.0, 1.5 * float(np.percentile(np.concatenate(diffs), 90)))


def _reduce(image: npt.NDArray[np.uint8]) -> tuple[npt.NDArray[np.uint8], float]:
    """The frame halved (Gaussian pyramid) until near WORK_SIDE, and the frame-to-result scale.

    A bilinear 2 × 2 average is four times faster but keeps more noise and texture; it cost
    2.5 points of mean Jaccard on the set (more on low-contrast desks).
    """
    small = image
    while max(small.shape[:2]) > 1.5 * WORK_SIDE:
        small = np.asarray(cv2.pyrDown(small), dtype=np.uint8)
    if small is image or max(small.shape[:2]) > WORK_SIDE:
        small = np.asarray(cv2.GaussianBlur(small, (3, 3), 0), dtype=np.uint8)
    return small, small.shape[1] / image.shape[1]


def _weighted_sum(channels: list[npt.NDArray[np.uint8]]) -> npt.NDArray[np.uint8]:
    """L + 2a + 2b per pixel, saturating: chroma steps are small in Lab units but telling."""
    lum, a, b = channels
    return np.asarray(cv2.add(lum, cv2.add(cv2.add(a, a), cv2.add(b, b))), dtype=np.uint8)


def _colour_gradient(lab: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """Per-pixel colour step: morphological gradient of L, a, b, summed with chroma doubled."""
    grad = cv2.morphologyEx(lab, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8))
    return _weighted_sum([np.asarray(c, dtype=np.uint8) for c in cv2.split(grad)])


def _border_ring(image: npt.NDArray[np.uint8], border: int) -> npt.NDArray[np.uint8]:
    """The pixels of a frame-edge strip ``border`` wide (the desk, unless the page is cut off)."""
    channels = image.shape[2] if image.ndim == 3 else 1
    parts = [image[:border], image[-border:], image[:, :border], image[:, -border:]]
    return np.concatenate([part.reshape(-1, channels) for part in parts])


def _candidate_masks(lab: npt.NDArray[np.uint8]) -> Iterator[npt.NDArray[np.uint8]]:
    """Binary masks likely to hold the page as their largest blob, the likeliest first."""
    height, width = lab.shape[:2]
    border = max(2, int(BORDER_FRACTION * min(height, width)))
    ring = _border_ring(lab, border)[::3]
    desk = np.median(ring, axis=0)
    distance_channels = [
        np.asarray(cv2.absdiff(channel, np.full_like(channel, round(float(level)))), np.uint8)
        for channel, level in zip(cv2.split(lab), desk, strict=True)
    ]
    distance = _weighted_sum(distance_channels)
    small_kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))
    plain = []
    for plane, level in _planes(lab, distance, distance_channels, border, desk):
        binary = cv2.threshold(plane, level, 255, cv2.THRESH_BINARY)[1]
        binary = cv2.morphologyEx(binary, cv2.MORPH_OPEN, small_kernel)
        mask = np.asarray(cv2.morphologyEx(binary, cv2.MORPH_CLOSE, small_kernel), np.uint8)
        plain.append(mask)
        yield mask
    # A finger over an edge joins the page's blob; an opening wider than a finger at this
    # scale (narrower than an ID card) cuts it off again.
    # Done at half size: four times cheaper, and the refinement restores full precision.
    finger_kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (9, 9))
    for mask in plain:
        half = cv2.resize(mask, (width // 2, height // 2), interpolation=cv2.INTER_AREA)
        opened = cv2.morphologyEx(half, cv2.MORPH_OPEN, finger_kernel)
        full = cv2.resize(opened, (width, height), interpolation=cv2.INTER_LINEAR)
        yield np.asarray(cv2.threshold(full, 127, 255, cv2.THRESH_BINARY)[1], np.uint8)
    gradient = _colour_gradient(lab)
    edge_level = max(8.0, float(np.percentile(gradient[::2, ::2], 90)))
    edges = cv2.threshold(gradient, edge_level, 255, cv2.THRESH_BINARY)[1]
    yield np.asarray(cv2.morphologyEx(edges, cv2.MORPH_CLOSE, small_kernel), np.uint8)


def _planes(
    lab: npt.NDArray[np.uint8],
    distance: npt.NDArray[np.uint8],
    distance_channels: list[npt.NDArray[np.uint8]],
    border: int,
    desk: npt.NDArray[np.float64],
) -> Iterator[tuple[npt.NDArray[np.uint8], float]]:
    """(image, threshold) pairs whose bright side should be the page."""
    otsu, _ = cv2.threshold(distance, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    if otsu >= 6:  # below, nothing stands out from the desk
        yield distance, float(otsu)
    # Otsu may split ink from everything else; just above the desk's own spread keeps the
    # whole page, however pale.
    desk_spread = float(np.percentile(_border_ring(distance, border)[::3], 95))
    yield distance, desk_spread + 4.0
    # Pixels of the paper's own colour (the bright half of what differs from the desk): a
    # finger or a dark object touching the page differs from paper even where it does not
    # differ from the desk in the same way.
    different = distance > desk_spread + 4.0
    if different.sum() > MIN_AREA_FRACTION * different.size:
        lum = lab[:, :, 0]
        bright = different & (lum >= np.percentile(lum[different], 50))
        paper = np.median(lab[bright][::4], axis=0)
        gap = float((np.abs(paper - desk) * (1, 2, 2)).sum())
        if gap >= 8:
            to_paper = _weighted_sum(
                [
                    np.asarray(cv2.absdiff(c, np.full_like(c, round(float(v)))), np.uint8)
                    for c, v in zip(cv2.split(lab), paper, strict=True)
                ]
            )
            closeness = np.asarray(cv2.subtract(np.full_like(to_paper, 255), to_paper), np.uint8)
            yield closeness, 255.0 - gap / 2
    # A shadow darkens page and desk alike but hardly changes their tint: chroma alone is
    # a shadow-proof distance.
    chroma = np.asarray(cv2.add(distance_channels[1], distance_channels[2]), dtype=np.uint8)
    chroma = np.asarray(cv2.add(chroma, chroma), dtype=np.uint8)
    otsu, _ = cv2.threshold(chroma, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    if otsu >= 6:
        yield chroma, float(otsu)
    # Brighter than the surroundings at a large scale: a pale page on a pale, shadowed desk.
    height, width = lab.shape[:2]
    lum = lab[:, :, 0]
    coarse = cv2.pyrDown(cv2.pyrDown(lum))
    # Two scales: a page filling much of the frame, and a card beside a shadow's edge.
    for fraction in (8, 24):
        blurred = cv2.GaussianBlur(coarse, (0, 0), max(coarse.shape) / fraction)
        surround = cv2.resize(blurred, (width, height))
        relief = np.asarray(cv2.subtract(lum, surround), dtype=np.uint8)
        level, _ = cv2.threshold(relief, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        if level >= 4:
            yield relief, float(level)


def _quads_from_mask(mask: npt.NDArray[np.uint8]) -> list[FloatArray]:
    """Quadrilaterals fitted to the largest outer blobs of a mask."""
    height, width = mask.shape
    min_area = MIN_AREA_FRACTION * height * width
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    contours = sorted(contours, key=cv2.contourArea, reverse=True)[:3]
    quads = []
    for contour in contours:
        if cv2.contourArea(contour) < min_area:
            break
        hull = cv2.convexHull(contour).reshape(-1, 2).astype(np.float64)
        quad = _reduce_to_quad(hull)
        if quad is not None and polygon_area(quad) >= min_area and is_convex(quad):
            quads.append(order_corners(quad))
    return quads


def _reduce_to_quad(hull: FloatArray) -> FloatArray | None:
    """Reduce a convex hull to 4 vertices, each step removing the edge that changes it least.

    An edge is removed by extending its two neighbours until they meet; that keeps the polygon
    around the blob, so a rounded or finger-covered corner is rebuilt where the sides meet,
    which approxPolyDP (it needs the right tolerance) does not do.
    """
    perimeter = cv2.arcLength(hull.astype(np.float32).reshape(-1, 1, 2), True)
    points = cv2.approxPolyDP(
        hull.astype(np.float32).reshape(-1, 1, 2), max(1.0, 0.004 * perimeter), True
    )
    poly = [(float(x), float(y)) for x, y in points.reshape(-1, 2)]
    while len(poly) > 4:
        n = len(poly)
        best: tuple[float, int, tuple[float, float]] | None = None
        for i in range(n):
            # Replace edge (b, c) by the meeting point of edges (a, b) and (c, d), extended.
            (ax, ay), (bx, by) = poly[i - 1], poly[i]
            (cx, cy), (dx, dy) = poly[(i + 1) % n], poly[(i + 2) % n]
            ux, uy, vx, vy = bx - ax, by - ay, cx - dx, cy - dy
            det = ux * vy - uy * vx
            if abs(det) < 1e-9:
                continue
            t = ((cx - bx) * vy - (cy - by) * vx) / det
            if t <= 0:
                continue  # the extended sides meet behind: this edge cannot be removed
            px, py = bx + t * ux, by + t * uy
            added = abs((px - bx) * (cy - by) - (py - by) * (cx - bx)) / 2
            if best is None or added < best[0]:
                best = (added, i, (px, py))
        if best is None:
            return None
        _, index, point = best
        poly[index] = point
        del poly[(index + 1) % n]
    if len(poly) != 4:
        return None  # a triangle-like blob: not a page
    return np.array(poly, dtype=np.float64)


def _edge_support(quad: FloatArray, lab: npt.NDArray[np.int16], floor: float) -> float:
    """How well all four sides separate two different colours: the weakest side decides (0-1).

    Each side is sampled at 24 points; a point counts when the colours a few pixels inside and
    outside differ by more than ``floor`` (the desk's own texture) in the same way as along
    the rest of the side. A page edge is one colour change all along (paper → desk); a wrong
    side across text, or through plain desk (a quad bent by a finger), is not.
    """
    height, width = lab.shape[:2]
    starts, ends = quad, np.roll(quad, -1, axis=0)
    direction = ends - starts
    direction /= np.maximum(np.linalg.norm(direction, axis=1, keepdims=True), 1e-9)
    normal = np.stack([-direction[:, 1], direction[:, 0]], axis=1)
    outward = np.sign((((starts + ends) / 2 - quad.mean(axis=0)) * normal).sum(axis=1))
    normal *= np.where(outward == 0, 1.0, outward)[:, None]
    t = np.linspace(0.1, 0.9, 24)[None, :, None]
    points = starts[:, None, :] + (ends - starts)[:, None, :] * t  # 4 × 24 × 2
    inner = np.rint(points - normal[:, None, :] * SUPPORT_OFFSET).astype(np.intp)
    outer = np.rint(points + normal[:, None, :] * SUPPORT_OFFSET).astype(np.intp)
    limit = np.array([width, height])
    valid = np.asarray(
        ((inner >= 0) & (inner < limit) & (outer >= 0) & (outer < limit)).all(axis=2), dtype=bool
    )
    diff = _sample(lab, points - normal[:, None, :] * SUPPORT_OFFSET, limit) - _sample(
        lab, points + normal[:, None, :] * SUPPORT_OFFSET, limit
    )
    # A shadow's edge is soft: across one pixel it changes little of what it changes across
    # six. A page's edge is sharp.
    near = _sample(lab, points - normal[:, None, :] * 1.5, limit) - _sample(
        lab, points + normal[:, None, :] * 1.5, limit
    )
    size_far = np.abs(diff).sum(axis=2)
    size_near = np.abs(near).sum(axis=2)
    sharp = size_near >= SHARP_FRACTION * size_far
    d = diff.astype(np.float64)
    typical = np.median(d, axis=1)  # per side: the colour change most samples show
    norms = np.sqrt((d * d).sum(axis=2))
    typical_norm = np.sqrt((typical * typical).sum(axis=1))
    agree = np.einsum("sni,si->sn", d, typical) > 0.5 * norms * typical_norm[:, None]
    counted = (size_far > floor) & agree & sharp & valid
    usable = valid.sum(axis=1)
    strengths = np.where(
        usable >= 6, counted.sum(axis=1) / np.maximum(usable, 1), BORDER_SIDE_SUPPORT
    )
    return float(strengths.min() * 0.7 + strengths.mean() * 0.3)


def _sample(
    lab: npt.NDArray[np.int16], points: FloatArray, limit: npt.NDArray[np.int_]
) -> npt.NDArray[np.int16]:
    """Weighted Lab values at the nearest pixels to ``points`` (clamped into the image)."""
    index = np.minimum(np.maximum(np.rint(points).astype(np.intp), 0), limit - 1)
    return np.asarray(lab[index[..., 1], index[..., 0]] * WEIGHTS, dtype=np.int16)


def _refine(image: npt.NDArray[np.uint8], corners: FloatArray, radius: float) -> FloatArray:
    """Move each side onto the strongest colour step across it (full resolution, sub-pixel)."""
    lines = []
    for i in range(4):
        line = _fit_side(image, corners[i], corners[(i + 1) % 4], radius)
        lines.append(line)
    refined = corners.copy()
    for i in range(4):
        before, after = lines[i - 1], lines[i]
        if before is None or after is None:
            continue
        point = line_intersection(before, after)
        if point is not None and np.linalg.norm(point - corners[i]) <= 3 * radius:
            refined[i] = point
    return refined


def _fit_side(
    image: npt.NDArray[np.uint8], a: FloatArray, b: FloatArray, radius: float
) -> FloatArray | None:
    """A line (vx, vy, x0, y0) through the colour edge near side a→b, or None if too weak."""
    length = float(np.linalg.norm(b - a))
    if length < 8:
        return None
    direction = (b - a) / length
    normal = np.array([-direction[1], direction[0]])
    steps = int(np.ceil(radius))
    offsets = np.arange(-steps, steps + 1, dtype=np.float64)
    t = np.linspace(0.12, 0.88, REFINE_SAMPLES)
    centres = a + (b - a) * t[:, None]
    grid = centres[:, None, :] + offsets[None, :, None] * normal[None, None, :]
    map_x = grid[:, :, 0].astype(np.float32)
    map_y = grid[:, :, 1].astype(np.float32)
    profiles = cv2.remap(image, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    lab = cv2.cvtColor(profiles, cv2.COLOR_BGR2Lab).astype(np.float32)
    lab[:, :, 1:] *= 2.0
    lab = np.asarray(cv2.GaussianBlur(lab, (3, 1), 0), dtype=np.float32)
    step = np.linalg.norm(lab[:, 2:] - lab[:, :-2], axis=2)  # central difference per sample
    height, width = image.shape[:2]
    points, weights = [], []
    for row, centre in zip(step, centres, strict=True):
        k = int(np.argmax(row))
        peak = float(row[k])
        if peak < REFINE_MIN_STEP or not (0 <= centre[0] < width and 0 <= centre[1] < height):
            continue
        shift = 0.0
        if 0 < k < len(row) - 1:
            left, right = float(row[k - 1]), float(row[k + 1])
            denom = left - 2 * peak + right
            if denom < 0:
                shift = 0.5 * (left - right) / denom
        offset = offsets[k + 1] + shift
        points.append(centre + offset * normal)
        weights.append(peak)
    if len(points) < REFINE_SAMPLES // 3:
        return None
    pts = np.array(points, dtype=np.float64)
    line = _robust_line(pts)
    return line


def _robust_line(points: FloatArray) -> FloatArray:
    """A line through points, refitted once without those more than 1.5 px away."""
    fitted = cv2.fitLine(points.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).reshape(4)
    line = fitted.astype(np.float64)
    normal = np.array([-line[1], line[0]])
    distances = np.abs((points - line[2:]) @ normal)
    keep = distances <= max(1.5, float(np.median(distances)) * 2)
    if keep.sum() >= 4 and keep.sum() < len(points):
        refit = cv2.fitLine(points[keep].astype(np.float32), cv2.DIST_L2, 0, 0.01, 0.01)
        line = refit.reshape(4).astype(np.float64)
    return line
