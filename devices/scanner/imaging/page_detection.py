"""Finding the page's four corners in a camera frame, also on light, low-contrast desks.

The classic detector (gray, blur, Canny, largest 4-point contour) loses a white page on a
pale desk: the luminance step is a few grey levels. Here every Lab channel contributes, so a
slight tint or brightness difference still separates page and desk. Candidates come from two
masks (colour distance to the desk, sampled on the frame border; and a multi-channel
morphological gradient), each is reduced to a quadrilateral, and the one whose four sides sit
best on real edges wins, unless a larger quad, nearly as well supported, holds it (the page
around a table or text block whose own edges outlined a part of it). After the first masks,
quads bounded by long straight edges (line_quads) join the candidates: they find a page that
a soft shadow joins to the desk. Sides are then pushed out to a farther clean edge parallel
to the opposite side (a shadow, finger or text block that cut the page short). The corners
are refined at full resolution by fitting a line to the strongest colour step across each
side, read only in a thin band around each side: the full frame is only ever halved.

A side is judged by probes either side of it: a sharp, consistent colour change counts; a
change that keeps growing farther out (a shadow's soft rim) counts a quarter, unless the
opposite side is as soft (a page blurred by motion); where glare has clipped the paper to
white nothing is seen, so those points count neither way. A quad whose corners are far from
square cannot be a page seen from above and scores 0.
"""

from __future__ import annotations

import itertools
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
from devices.scanner.imaging.line_quads import line_quads

WORK_SIDE = 512  # about the long side of the working image; 1080p frames are reduced 4×
MIN_AREA_FRACTION = 0.02  # an ID card at arm's length still covers more than this
ID1_AREA_MM2 = 85.6 * 53.98
MIN_SCORE = 0.25
# A region-mask quad this well supported is taken without the straight-edge search (4 ms):
# from 0.9 down to 0.85 the median detection time fell by a sixth, mean Jaccard moved by
# less than 0.0002 on seeds 2015-2017.
GOOD_ENOUGH = 0.85
BORDER_FRACTION = 0.03
REFINE_SAMPLES = 24
BORDER_SIDE_SUPPORT = 0.2  # a side on the frame edge proves little (a shadow's edge, a cut page)
# A shadow's rim is a ramp some 6 px wide here (σ ≈ 25 px in the frame); across a sharp page
# edge the colour stops changing within a few pixels. A point whose colour change across
# 14 px, in the direction of the change across 6 px, is more than 1/0.75 of it, and less than
# RAMP_STEP of whose change across 14 px happens across 3 px, lies on a ramp and counts only a
# quarter, unless the opposite side is as soft: motion blur makes every edge across the motion
# a ramp, on both sides of the page (the capture screen's blurred form was cut to a strip).
# RAMP_STEP keeps a page's sharp edge with a shadow beyond it from counting as a ramp (2016
# frame 13, low-contrast: Jaccard 0.93 -> 0.995).
WIDE_OFFSET = 7.0
WIDE_FRACTION = 0.75
SOFT_PENALTY = 0.75
RAMP_STEP = 0.4
SHARP_FRACTION = 0.35  # of the colour change across 6 px that must happen across 3 px
SUPPORT_OFFSET = 3  # pixels either side of a candidate side where colours are compared
# Half-width of the band searched at full resolution, in working-image pixels: 1.5 (6 px in a
# 1080p frame) missed sides the reduced image had placed 2 px off (+0.0005 to +0.001 mean
# Jaccard on seeds 2015-2017).
REFINE_BAND = 2.0
REFINE_MIN_STEP = 4.0  # colour step (Lab units) below which a refinement sample is ignored
NEXT_CORNER = [1, 2, 3, 0]
REFINE_POSITIONS = np.linspace(0.12, 0.88, REFINE_SAMPLES)  # where each side is refined
SIDE_SAMPLES = np.linspace(0.1, 0.9, 24)[None, :, None]  # where each side is probed
SWEEP_SAMPLES = np.linspace(0.1, 0.9, 8)[None, :, None]  # fewer, for a first look at many lines
# L, a, b and the spare channel of _packed: chroma steps are small in Lab units but telling.
WEIGHTS = np.array([1, 2, 2, 0], dtype=np.int16)
# Probe offsets along the outward normal, inside and outside: 3 px, 1.5 px and 7 px away.
PROBE_OFFSETS = np.array([SUPPORT_OFFSET, -SUPPORT_OFFSET, 1.5, -1.5, WIDE_OFFSET, -WIDE_OFFSET])[
    :, None, None, None
]


@dataclass(frozen=True)
class Detection:
    """A detected page: its corners in frame pixels and how well its sides sit on edges (0-1)."""

    quad: Quad
    score: float


def detect_page(
    image: npt.NDArray[np.uint8], min_area_fraction: float = MIN_AREA_FRACTION
) -> Detection | None:
    """The page in a BGR frame, or None when no convincing quadrilateral is found.

    Pages smaller than ``min_area_fraction`` of the frame are ignored (see
    ``smallest_page_fraction`` for a camera whose scale is known).
    """
    if image.ndim != 3 or image.shape[2] != 3 or min(image.shape[:2]) < 16:
        raise ValueError("detect_page needs a BGR image of at least 16×16 pixels")
    small, scale = _reduce(image)
    lab = np.asarray(cv2.cvtColor(small, cv2.COLOR_BGR2Lab), dtype=np.uint8)
    lab16 = _packed(lab)
    floor = _texture_floor(lab16)
    best: tuple[float, FloatArray] | None = None
    seen: list[FloatArray] = []
    scored: list[tuple[float, FloatArray]] = []
    masks = _candidate_masks(lab)
    for mask in itertools.islice(masks, MASKS_BEFORE_LINES):
        found = _quads_from_mask(mask, min_area_fraction, lab.shape[1])
        best = _score_new(found, seen, scored, lab16, floor, best)
        if best is not None and best[0] >= GOOD_ENOUGH and not _blurred(best[1], lab16, floor):
            break  # every side on a clean edge: the other candidates cannot do better
    else:
        best = _line_candidates(lab, lab16, floor, min_area_fraction, best, scored)
        if best is None or (best[0] < GOOD_AFTER_LINES and not _cut_off(best[1], lab16, floor)):
            # Past this point the masks almost never stop early (2 frames in 480): all their
            # quads are scored in one pass, which saves numpy's per-call cost on the slowest
            # frames.
            width = lab.shape[1]
            rest = [q for mask in masks for q in _quads_from_mask(mask, min_area_fraction, width)]
            best = _score_new(rest, seen, scored, lab16, floor, best)
    if best is None or best[0] < MIN_SCORE:
        return None
    best = _enclosing(best, scored)
    best = _extend_sides(best, lab16, floor)
    corners = best[1] / scale
    refined = _refine(image, corners, radius=max(3.0, REFINE_BAND / scale))
    return Detection(Quad.from_array(refined), round(best[0], 3))


CUT_OFF_SIDES = 0.9  # strength each side of a cut-off page inside the frame has to have


def _cut_off(quad: FloatArray, lab: npt.NDArray[np.int16], floor: float) -> bool:
    """Whether a quad is a page cut off by the frame: a side on its edge, the others clean.

    A side along the frame's edge scores little by design (BORDER_SIDE_SUPPORT), so such a
    page never reaches GOOD_AFTER_LINES; with its other sides on clean edges, the remaining
    masks have nothing better to offer (a tenth of the frames went through all of them).
    """
    height, width = lab.shape[:2]
    low, high = quad <= 1.5, quad >= np.array([width, height]) - 2.5
    near_edge = np.concatenate([low.T, high.T])  # frame edge (left, top, right, bottom) × corner
    on_frame = (near_edge & near_edge[:, NEXT_CORNER]).any(axis=0)  # per side
    if not on_frame.any() or on_frame.all():
        return False
    starts, ends = quad, quad[NEXT_CORNER]
    direction = (ends - starts) / np.maximum(np.linalg.norm(ends - starts, axis=1), 1e-9)[:, None]
    normal = np.stack([-direction[:, 1], direction[:, 0]], axis=1)
    outward = np.sign((((starts + ends) / 2 - quad.mean(axis=0)) * normal).sum(axis=1))
    normal *= np.where(outward == 0, 1.0, outward)[:, None]
    strengths = _side_strengths(starts, ends, normal, lab, floor, 0.0)
    return bool((strengths[~on_frame] >= CUT_OFF_SIDES).all())


BLURRED_SHARE = 0.5  # of the samples of both sides of a pair on soft ramps: a blurred page


def _blurred(quad: FloatArray, lab: npt.NDArray[np.int16], floor: float) -> bool:
    """Whether two opposite sides of a quad both lie on soft ramps: a page blurred across them.

    Across a blurred edge any line along the ramp scores alike, so the first quad found good
    enough may sit anywhere on it and jump between frames (auto-capture waits for still
    corners): for such a page every candidate is scored and the best kept.
    """
    starts, ends = quad, quad[NEXT_CORNER]
    direction = (ends - starts) / np.maximum(np.linalg.norm(ends - starts, axis=1), 1e-9)[:, None]
    normal = np.stack([-direction[:, 1], direction[:, 0]], axis=1)
    outward = np.sign((((starts + ends) / 2 - quad.mean(axis=0)) * normal).sum(axis=1))
    normal *= np.where(outward == 0, 1.0, outward)[:, None]
    _, soft, usable = _side_samples(starts, ends, normal, lab, floor, True, SIDE_SAMPLES)
    blurred = soft >= BLURRED_SHARE * np.maximum(usable, 6)
    return bool((blurred & blurred[[2, 3, 0, 1]]).any())


def _score_new(
    quads: list[FloatArray],
    seen: list[FloatArray],
    scored: list[tuple[float, FloatArray]],
    lab: npt.NDArray[np.int16],
    floor: float,
    best: tuple[float, FloatArray] | None,
) -> tuple[float, FloatArray] | None:
    """Score the quads not seen yet in one pass (appended to ``scored``); the new best."""
    fresh: list[FloatArray] = []
    for quad in quads:
        if any(np.abs(quad - other).max() < 0.5 for other in seen):
            continue  # several masks often give the same quad: score it once
        seen.append(quad)
        fresh.append(quad)
    if not fresh:
        return best
    supports = _edge_supports(np.array(fresh), lab, floor)
    scored.extend(zip(supports.tolist(), fresh, strict=True))
    top = int(np.argmax(supports))
    if best is None or supports[top] > best[0]:
        return float(supports[top]), fresh[top]
    return best


# Once the first masks and the straight-edge quads are scored, the remaining masks seldom
# beat a fair candidate: from this score on they are skipped (no loss on seeds 2015-2017
# down to 0.6; they were most of the slowest frames' time).
GOOD_AFTER_LINES = 0.6
MASKS_BEFORE_LINES = 3  # region masks tried before the straight-edge candidates


LINE_SHORTLIST = 24  # straight-edge quads scored in full, the best by a first look


def _line_candidates(
    lab: npt.NDArray[np.uint8],
    lab16: npt.NDArray[np.int16],
    floor: float,
    min_area_fraction: float,
    best: tuple[float, FloatArray] | None,
    scored: list[tuple[float, FloatArray]],
) -> tuple[float, FloatArray] | None:
    """Score the quads bounded by straight edges (appended to ``scored``); the new best.

    A shadow that joins the page to a lit part of the desk defeats every region mask; the
    page's sides are still long sharp lines.
    """
    quads = line_quads(lab[:, :, 0], min_area_fraction * lab.shape[0] * lab.shape[1])
    if not len(quads):
        return best
    if len(quads) > LINE_SHORTLIST:
        # Up to ~140 quads on a frame with many lines: a first look at 8 points a side picks
        # the ones worth the full test (no loss of mean Jaccard on seeds 2015-2017).
        rough = _edge_supports(quads, lab16, floor, SWEEP_SAMPLES, agreeing=False)
        quads = quads[np.argsort(-rough, kind="stable")[:LINE_SHORTLIST]]
    supports = _edge_supports(quads, lab16, floor)
    scored.extend(zip(supports.tolist(), quads, strict=True))
    top = int(np.argmax(supports))
    if best is None or supports[top] > best[0]:
        return float(supports[top]), quads[top]
    return best


ENCLOSE_SCORE = 0.7  # of the best score, that a quad holding the best one needs to win


def _enclosing(
    best: tuple[float, FloatArray], scored: list[tuple[float, FloatArray]]
) -> tuple[float, FloatArray]:
    """The largest well-supported quad holding ``best``.

    A page's own inner edges (a table's border, where a blurred text block ends, a
    certificate's frame) can outline a part of it with sides as clean as the page's; the page's
    edges then hold that part. On an independent draw of the set (seed 2016) this lifted mean
    Jaccard from 0.926 to 0.943 (light desks 0.82 to 0.88) at no cost in time.
    """
    score, quad = best
    area = polygon_area(quad)
    chosen = best  # replaced only by larger quads, each holding the best one
    for other_score, other in scored:
        if other_score < ENCLOSE_SCORE * score or polygon_area(other) <= polygon_area(chosen[1]):
            continue
        inter, _ = cv2.intersectConvexConvex(quad.astype(np.float32), other.astype(np.float32))
        if inter >= 0.95 * area:
            chosen = (other_score, other)
    return chosen


EXTEND_GAP = 5.0  # px beyond a side where the search for an outer edge starts (past its probes)
EXTEND_RANGE = 3.0  # the page is at most this many times the part found, across a side
EXTEND_STEP = 2.0  # px between the lines tried
EXTEND_SIDE = 0.6  # share of samples on a clean edge a farther side needs to be tried
EXTEND_SCORE = 0.85  # of the current score, that the quad with the farther side needs


def _extend_sides(
    best: tuple[float, FloatArray], lab: npt.NDArray[np.int16], floor: float
) -> tuple[float, FloatArray]:
    """Push sides out to farther clean edges parallel to the opposite sides, if they hold.

    A shadow across the page, a finger, or a text block's edge can outline only a part of the
    page with three true sides and one false one. The page's own side then lies farther out,
    parallel to the opposite side (a page is a near-rectangle); it is searched for every other
    pixel between the two neighbouring sides' lines, and taken, the farthest first, when the
    whole quad stays nearly as well supported. All four sides are searched in one pass (numpy's
    per-call cost dominates at this size), then the moved sides are tried together.
    """
    score, quad = best
    sweeps = [_sweep(quad, i, lab.shape[:2]) for i in range(4)]
    searched = [sweep for sweep in sweeps if sweep is not None]
    if not searched:
        return best
    starts = np.concatenate([sweep[1] for sweep in searched])
    ends = np.concatenate([sweep[2] for sweep in searched])
    normals = np.concatenate([np.broadcast_to(sweep[3], sweep[1].shape) for sweep in searched])
    strengths = _side_strengths(starts, ends, normals, lab, floor, 0.0, False, SWEEP_SAMPLES)
    candidates, owners = [], []
    first = 0
    for side, side_starts, side_ends, _ in searched:
        part = strengths[first : first + len(side_starts)]
        peaks = (part >= EXTEND_SIDE) & (part >= np.roll(part, 1)) & (part >= np.roll(part, -1))
        for k in np.flatnonzero(peaks)[::-1]:  # the farthest first
            candidate = quad.copy()
            candidate[side], candidate[(side + 1) % 4] = side_starts[k], side_ends[k]
            candidates.append(candidate)
            owners.append((side, first + k))
        first += len(side_starts)
    if not candidates:
        return best
    supports = _edge_supports(np.array(candidates), lab, floor).tolist()
    moved: dict[int, int] = {}  # side → the line (index into starts) it moves to
    singles: list[tuple[float, FloatArray]] = []
    for (side, index), candidate, new_score in zip(owners, candidates, supports, strict=True):
        if side in moved or new_score < EXTEND_SCORE * score or not is_convex(candidate):
            continue
        if _clipped_inside(starts[index], ends[index], normals[index], lab):
            continue
        moved[side] = index
        singles.append((new_score, candidate))
    if not moved:
        return best
    if len(moved) > 1:
        # Each corner where its two sides' lines, moved or not, meet.
        lines = [
            (starts[moved[i]], ends[moved[i]]) if i in moved else (quad[i], quad[(i + 1) % 4])
            for i in range(4)
        ]
        corners = [_meet(lines[i - 1], lines[i]) for i in range(4)]
        if all(corner is not None for corner in corners):
            together = np.array(corners, dtype=np.float64)
            together_score = float(_edge_supports(together[None], lab, floor)[0])
            if together_score >= EXTEND_SCORE * score and is_convex(together):
                return together_score, together
    return max(singles, key=lambda single: single[0])


def _sweep(
    quad: FloatArray, side: int, shape: tuple[int, ...]
) -> tuple[int, FloatArray, FloatArray, FloatArray] | None:
    """Lines parallel to the side opposite ``side``, beyond it, clipped by its neighbours.

    Returns the side, the lines' starts and ends (N × 2) and their outward normal; None when
    there is no room or a neighbour runs parallel.
    """
    height, width = shape[:2]
    a, b = quad[side], quad[(side + 1) % 4]
    before, after = quad[side - 1], quad[(side + 2) % 4]
    origin, far_end = quad[(side + 2) % 4], quad[(side + 3) % 4]
    along = far_end - origin
    along /= max(float(np.linalg.norm(along)), 1e-9)
    normal = np.array([-along[1], along[0]])
    if float(((a + b) / 2 - origin) @ normal) < 0:
        normal = -normal
    start = max(float((a - origin) @ normal), float((b - origin) @ normal)) + EXTEND_GAP
    frame = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float64)
    # The page is taken to be at most EXTEND_RANGE times the part found, across this side.
    stop = min(float(((frame - origin) @ normal).max()), EXTEND_RANGE * start)
    if stop <= start:
        return None
    # Every other pixel: the probes, 3 px either side, still straddle an edge in between.
    offsets = np.arange(start, stop, EXTEND_STEP)
    ends = []
    for point, other in ((a, before), (b, after)):
        direction = point - other
        rate = float(direction @ normal)
        if abs(rate) < 1e-6:
            return None
        t = (offsets - float((other - origin) @ normal)) / rate
        ends.append(other[None, :] + t[:, None] * direction[None, :])
    return side, ends[0], ends[1], normal


def _meet(
    first: tuple[FloatArray, FloatArray], second: tuple[FloatArray, FloatArray]
) -> FloatArray | None:
    """Where the line through ``first``'s two points meets the line through ``second``'s."""
    (a, b), (c, d) = first, second
    return line_intersection(np.concatenate([b - a, a]), np.concatenate([d - c, c]))


CLIPPED_L = 250  # Lab lightness (0-255) of a sensor-saturated pixel


def _clipped_inside(
    start: FloatArray, end: FloatArray, normal: FloatArray, lab: npt.NDArray[np.int16]
) -> bool:
    """Whether most of the inner side of a line is sensor-saturated (the rim of a glare spot).

    A glare spot clipped to white has a sharp rim that can run parallel to a page's side;
    paper itself is seldom clipped all along a side.
    """
    height, width = lab.shape[:2]
    points = start + (end - start) * SIDE_SAMPLES[0] - SUPPORT_OFFSET * normal
    index = np.rint(points).astype(np.intp)
    np.clip(index, 0, [width - 1, height - 1], out=index)
    return bool(np.median(lab[index[:, 1], index[:, 0], 0]) >= CLIPPED_L)


def smallest_page_fraction(frame_width: int, frame_height: int, pixels_per_mm: float) -> float:
    """The least share of the frame a page covers on a camera of known scale (an ID card).

    On a fixed document camera whose view holds an A4 page, an ID card covers less than the
    default MIN_AREA_FRACTION; knowing the scale, the limit follows the card's real size
    (with a fifth off for perspective and rounded corners), never above the default.
    """
    card_px = ID1_AREA_MM2 * pixels_per_mm**2
    return min(MIN_AREA_FRACTION, 0.8 * card_px / (frame_width * frame_height))


def _packed(lab: npt.NDArray[np.uint8]) -> npt.NDArray[np.int16]:
    """L, a, b and a spare channel per pixel (H × W × 4, int16): one 8-byte word to gather.

    The spare channel (255) is weighted 0 by WEIGHTS wherever colours are compared.
    """
    return cv2.cvtColor(lab, cv2.COLOR_BGR2BGRA).astype(np.int16)


def _texture_floor(lab: npt.NDArray[np.int16]) -> float:
    """The colour difference two desk points a few pixels apart show anyway (frame border)."""
    gap = 2 * SUPPORT_OFFSET
    border = max(gap + 1, int(BORDER_FRACTION * min(lab.shape[:2])))
    strips = [lab[:border], lab[-border:]]
    diffs = [np.abs(strip[:, gap:] - strip[:, :-gap]).reshape(-1, 4) @ WEIGHTS for strip in strips]
    return max(8.0, 1.5 * _percentile(np.concatenate(diffs), 90))


def _percentile(values: npt.NDArray[np.integer], q: float) -> float:
    """``np.percentile(values, q)`` (linear interpolation) of non-negative integers, by counting.

    Counting is several times faster than numpy's partition on the 10⁴-10⁵ values per frame.
    """
    return _percentile_of_counts(np.bincount(values.ravel()), q)


def _percentile_of_counts(counts: npt.NDArray[np.number], q: float) -> float:
    """``np.percentile`` (linear interpolation) of the values whose histogram is ``counts``."""
    cumulative = np.cumsum(counts.astype(np.int64))
    total = int(cumulative[-1])
    position = q / 100 * (total - 1)
    low = int(position)
    # The k-th smallest value is the first whose cumulative count exceeds k.
    below, above = np.searchsorted(cumulative, (low, min(low + 1, total - 1)), "right")
    return float(below + (above - below) * (position - low))


def _channel_medians(values: npt.NDArray[np.uint8]) -> npt.NDArray[np.float64]:
    """The median of each column of an N × C array (``np.median(values, axis=0)``)."""
    return np.array([_percentile(values[:, c], 50) for c in range(values.shape[1])])


def _reduce(image: npt.NDArray[np.uint8]) -> tuple[npt.NDArray[np.uint8], float]:
    """The frame halved (Gaussian pyramid) until near WORK_SIDE, and the frame-to-result scale.

    The first halving of a large frame is a 2 × 2 average (a third of pyrDown's 1.6 ms on a
    1080p frame); the levels after it are Gaussian, which removes the noise and texture the
    average lets through. Averaging at every level cost 2.5 points of mean Jaccard on the set
    (more on low-contrast desks).
    """
    small = image
    if max(small.shape[:2]) > 3 * WORK_SIDE:
        height, width = small.shape[:2]
        small = np.asarray(
            cv2.resize(small, (width // 2, height // 2), interpolation=cv2.INTER_AREA), np.uint8
        )
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
    desk = _channel_medians(ring)
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
    # Done, and yielded, at half size: four times cheaper, and the refinement restores full
    # precision.
    finger_kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (9, 9))
    for mask in plain:
        half = cv2.resize(mask, (width // 2, height // 2), interpolation=cv2.INTER_AREA)
        opened = cv2.morphologyEx(half, cv2.MORPH_OPEN, finger_kernel)
        yield np.asarray(cv2.threshold(opened, 127, 255, cv2.THRESH_BINARY)[1], np.uint8)
    gradient = _colour_gradient(lab)
    edge_level = max(8.0, _percentile(gradient[::2, ::2], 90))
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
    desk_spread = _percentile(_border_ring(distance, border)[::3], 95)
    yield distance, desk_spread + 4.0
    # Pixels of the paper's own colour (the bright half of what differs from the desk): a
    # finger or a dark object touching the page differs from paper even where it does not
    # differ from the desk in the same way.
    different = distance > desk_spread + 4.0
    if different.sum() > MIN_AREA_FRACTION * different.size:
        lum = lab[:, :, 0]
        # Counting under a mask, and gathering every 4th bright pixel by index: the same
        # values as lum[different] and lab[bright][::4], without copying the whole frame.
        counts = cv2.calcHist([lum], [0], different.view(np.uint8), [256], [0, 256])
        bright = different & (lum >= _percentile_of_counts(counts.ravel(), 50))
        paper = _channel_medians(lab.reshape(-1, 3)[np.flatnonzero(bright)[::4]])
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
    coarse = np.asarray(cv2.pyrDown(cv2.pyrDown(lum)), dtype=np.float32)
    # Two scales: a page filling much of the frame, and a card beside a shadow's edge.
    # In float: OpenCV's bit-exact 8-bit path is ten times slower with kernels this wide.
    for fraction in (8, 24):
        blurred = cv2.GaussianBlur(coarse, (0, 0), max(coarse.shape) / fraction)
        blurred = np.asarray(np.rint(blurred), dtype=np.uint8)
        surround = cv2.resize(blurred, (width, height))
        relief = np.asarray(cv2.subtract(lum, surround), dtype=np.uint8)
        level, _ = cv2.threshold(relief, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        if level >= 4:
            yield relief, float(level)


def _quads_from_mask(
    mask: npt.NDArray[np.uint8], min_fraction: float, width: int | None = None
) -> list[FloatArray]:
    """Quadrilaterals fitted to the largest outer blobs of a mask, in an image ``width`` wide.

    A mask smaller than that image (the finger masks, made at half size) gives quads scaled up
    to it.
    """
    factor = 1.0 if width is None else width / mask.shape[1]
    height, width = mask.shape
    min_area = min_fraction * height * width
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    contours = sorted(contours, key=cv2.contourArea, reverse=True)[:3]
    quads = []
    for contour in contours:
        if cv2.contourArea(contour) < min_area:
            break
        hull = cv2.convexHull(contour).reshape(-1, 2).astype(np.float64)
        quad = _reduce_to_quad(hull)
        if quad is not None and polygon_area(quad) >= min_area and is_convex(quad):
            # Pixel centres: pixel i of a mask k times smaller covers k·i to k·i + k - 1.
            quads.append(order_corners(quad * factor + (factor - 1) / 2))
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
    poly = [(x, y) for x, y in points.reshape(-1, 2).astype(np.float64).tolist()]
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


def _edge_supports(
    quads: FloatArray,
    lab: npt.NDArray[np.int16],
    floor: float,
    samples: FloatArray = SIDE_SAMPLES,
    agreeing: bool = True,
) -> FloatArray:
    """How well the four sides of each quad (Q × 4 × 2) separate two colours (0-1), in one pass.

    Each side is sampled at 24 points; a point counts when the colours a few pixels inside and
    outside differ by more than ``floor`` (the desk's own texture) in the same way as along
    the rest of the side. A page edge is one colour change all along (paper → desk); a wrong
    side across text, or through plain desk (a quad bent by a finger), is not. The weakest
    side decides most of the score. A quad no page seen from above could make (a corner far
    from square, a side much shorter than the others) scores 0.
    """
    starts, ends = quads, quads[:, NEXT_CORNER]
    direction = ends - starts
    direction /= np.maximum(np.linalg.norm(direction, axis=2, keepdims=True), 1e-9)
    normal = np.stack([-direction[..., 1], direction[..., 0]], axis=2)
    centre = quads.mean(axis=1, keepdims=True)
    outward = np.sign((((starts + ends) / 2 - centre) * normal).sum(axis=2))
    normal *= np.where(outward == 0, 1.0, outward)[..., None]
    counted, soft, usable = _side_samples(
        starts.reshape(-1, 2),
        ends.reshape(-1, 2),
        normal.reshape(-1, 2),
        lab,
        floor,
        agreeing,
        samples,
    )
    counted, soft, usable = counted.reshape(-1, 4), soft.reshape(-1, 4), usable.reshape(-1, 4)
    # A soft ramp is discounted only where the opposite side is sharper: motion blur softens a
    # page's opposite sides alike (every edge across the motion), a shadow's rim lies along
    # one side of the page only. The opposite side's share of soft samples is excused.
    opposite = [2, 3, 0, 1]
    soft_share = np.where(usable >= 6, soft / np.maximum(usable, 1), 0.0)
    excess = np.maximum(soft - soft_share[:, opposite] * usable, 0.0)
    credit = counted - SOFT_PENALTY * excess
    strengths = np.where(usable >= 6, credit / np.maximum(usable, 1), BORDER_SIDE_SUPPORT)
    score = strengths.min(axis=1) * 0.7 + strengths.mean(axis=1) * 0.3
    return np.asarray(np.where(_page_like(quads), score, 0.0), np.float64)


SQUARE_TOLERANCE = np.cos(np.deg2rad(90 - 30))  # |cos| of the corner angle: 60° to 120°
SHORTEST_SIDE = 0.25  # of the longest: an ID card seen at a slant keeps more than half


def _page_like(quads: FloatArray) -> npt.NDArray[np.bool_]:
    """Whether each quad (Q × 4 × 2) could be a page seen from above: corners near square.

    The generated set's pages have corners between 82° and 98°. A wedge of page between a
    shadow's rim and two of its sides, closed by a sliver of a fourth, or a side bent along a
    glare spot's rim, can be as well supported as the page; its shape gives it away.
    """
    sides = quads[:, NEXT_CORNER] - quads
    lengths = np.linalg.norm(sides, axis=2)
    previous, previous_lengths = -np.roll(sides, 1, axis=1), np.roll(lengths, 1, axis=1)
    cosines = (sides * previous).sum(axis=2) / np.maximum(lengths * previous_lengths, 1e-9)
    square = (np.abs(cosines) <= SQUARE_TOLERANCE).all(axis=1)
    return np.asarray(square & (lengths.min(axis=1) >= SHORTEST_SIDE * lengths.max(axis=1)), bool)


def _side_strengths(
    starts: FloatArray,
    ends: FloatArray,
    normal: FloatArray,
    lab: npt.NDArray[np.int16],
    floor: float,
    off_frame: float,
    agreeing: bool = True,
    samples: FloatArray = SIDE_SAMPLES,
) -> FloatArray:
    """Per side (start → end, unit outward ``normal``): the share of its samples on a clean edge.

    A sample on a soft ramp counts only 1 - SOFT_PENALTY, whatever the opposite side (these
    are quick looks). A side with fewer than 6 samples inside the frame and not clipped by
    glare scores ``off_frame``. Without ``agreeing``, samples are not checked to change
    colour the same way (a quick first look).
    """
    counted, soft, usable = _side_samples(starts, ends, normal, lab, floor, agreeing, samples)
    credit = counted - SOFT_PENALTY * soft
    return np.where(usable >= 6, credit / np.maximum(usable, 1), off_frame)


def _side_samples(
    starts: FloatArray,
    ends: FloatArray,
    normal: FloatArray,
    lab: npt.NDArray[np.int16],
    floor: float,
    agreeing: bool,
    samples: FloatArray,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Per side: samples on a clean edge, those of them on a soft ramp, samples usable at all."""
    height, width = lab.shape[:2]
    points = starts[:, None, :] + (ends - starts)[:, None, :] * samples  # S × 24 × 2
    # All six probes at once (inside and outside: far, near and wide), rounded to pixels.
    probes = points[None] - PROBE_OFFSETS * normal[None, :, None, :]  # 6 × S × 24 × 2
    index = np.rint(probes).astype(np.intp)
    limit = np.array([width, height])
    inside = index[:2].view(np.uintp) < limit  # negatives wrap round to huge
    valid = inside[0, ..., 0] & inside[0, ..., 1] & inside[1, ..., 0] & inside[1, ..., 1]
    np.maximum(index, 0, out=index)
    np.minimum(index, limit - 1, out=index)
    # One gather of 8-byte pixels by flat pixel number: far cheaper than gathering 3 channels.
    flat = index[..., 1] * width + index[..., 0]
    words = lab.view(np.int64).reshape(-1)[flat]
    colours = words.view(np.int16).reshape(*flat.shape, 4) * WEIGHTS
    # Where glare has clipped either side to white the edge cannot be seen: such points count
    # neither way, as off the frame, so a page's side under a glare spot is judged on the
    # rest, and a glare spot's own rim does not pass for a side.
    valid &= (colours[0, ..., 0] < CLIPPED_L) & (colours[1, ..., 0] < CLIPPED_L)
    diff = colours[0] - colours[1]
    # A page's edge is sharp: most of the change across 6 px happens across 3 px, and across
    # 14 px it grows no further (a shadow's rim keeps changing: ``soft``).
    size_far = np.abs(diff).sum(axis=2)
    size_near = np.abs(colours[2] - colours[3]).sum(axis=2)
    counted = (size_near >= SHARP_FRACTION * size_far) & (size_far > floor) & valid
    d = diff.astype(np.float32)  # float32 holds these integers (below 2²⁴) exactly
    squares = np.einsum("snc,snc->sn", d, d)
    along = np.einsum("snc,snc->sn", (colours[4] - colours[5]).astype(np.float32), d)
    size_wide = np.abs(colours[4] - colours[5]).sum(axis=2)
    # A page's edge with a shadow beyond it keeps changing too, but most of its change is a
    # step across 3 px; across a rim the change is spread evenly over the ramp.
    soft = (WIDE_FRACTION * along > squares) & (size_near < RAMP_STEP * size_wide)
    usable = valid.sum(axis=1)
    if agreeing:
        # Per side: the colour change most samples show (the median of 24: the mean of the
        # 12th and 13th); a sample agrees when it points within 60° of it. Doubled to stay
        # in integers: dot(d, 2t) > |d| |2t| / 2, squared where positive.
        middle = np.sort(diff, axis=1)
        twice = (middle[:, 11] + middle[:, 12].astype(np.float32)).astype(np.float32)
        dot = np.einsum("snc,sc->sn", d, twice).astype(np.float64)
        lengths = squares.astype(np.float64) * np.einsum("sc,sc->s", twice, twice)[:, None]
        counted &= (dot > 0) & (4 * dot * dot > lengths)
    return (
        counted.sum(axis=1).astype(np.float64),
        (counted & soft).sum(axis=1).astype(np.float64),
        usable.astype(np.float64),
    )


def _refine(image: npt.NDArray[np.uint8], corners: FloatArray, radius: float) -> FloatArray:
    """Move each side onto the strongest colour step across it (full resolution, sub-pixel).

    All four sides at once: per-call costs, not pixels, are most of the time at this size.
    """
    offsets = _profile_offsets(radius)
    starts, ends = corners, corners[NEXT_CORNER]
    lengths = np.linalg.norm(ends - starts, axis=1)
    direction = (ends - starts) / np.maximum(lengths, 1e-9)[:, None]
    normal = np.stack([-direction[:, 1], direction[:, 0]], axis=1)
    centres = starts[:, None, :] + (ends - starts)[:, None, :] * REFINE_POSITIONS[:, None]
    step = _edge_profiles(image, centres, normal, offsets)  # 4 sides × samples × offsets
    rows = np.arange(REFINE_SAMPLES)[None, :]
    sides = np.arange(4)[:, None]
    k = np.argmax(step, axis=2)
    peak = step[sides, rows, k]
    height, width = image.shape[:2]
    inside = (centres[..., 0] >= 0) & (centres[..., 0] < width)
    inside &= (centres[..., 1] >= 0) & (centres[..., 1] < height)
    keep = (peak >= REFINE_MIN_STEP) & inside & (lengths >= 8)[:, None]
    # Sub-pixel peak: the vertex of the parabola through the peak and its two neighbours.
    left = step[sides, rows, np.maximum(k - 1, 0)]
    right = step[sides, rows, np.minimum(k + 1, step.shape[2] - 1)]
    denom = left - 2 * peak + right
    curved = (k > 0) & (k < step.shape[2] - 1) & (denom < 0)
    shift = np.where(curved, 0.5 * (left - right) / np.where(curved, denom, -1.0), 0.0)
    points = centres + (offsets[k + 1] + shift)[..., None] * normal[:, None, :]
    lines = [
        _robust_line(points[i][keep[i]]) if keep[i].sum() >= REFINE_SAMPLES // 3 else None
        for i in range(4)
    ]
    refined = corners.copy()
    for i in range(4):
        before, after = lines[i - 1], lines[i]
        if before is None or after is None:
            continue
        point = line_intersection(before, after)
        if point is not None and np.linalg.norm(point - corners[i]) <= 3 * radius:
            refined[i] = point
    return refined


def _profile_offsets(radius: float) -> FloatArray:
    """Offsets across a side, in pixels, at which the colour profiles are sampled."""
    steps = int(np.ceil(radius))
    return np.arange(-steps, steps + 1, dtype=np.float64)


def _edge_profiles(
    image: npt.NDArray[np.uint8], centres: FloatArray, normal: FloatArray, offsets: FloatArray
) -> npt.NDArray[np.float32]:
    """The colour step across each side (4 × samples × offsets - 2) at full resolution.

    Only a thin band around each side is read (one remap for all four): the full frame is
    never converted.
    """
    grid = centres[:, :, None, :] + offsets[None, None, :, None] * normal[:, None, None, :]
    grid = grid.reshape(-1, len(offsets), 2).astype(np.float32)
    profiles = cv2.remap(
        image, grid[:, :, 0], grid[:, :, 1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    lab = cv2.cvtColor(profiles, cv2.COLOR_BGR2Lab).astype(np.float32)
    lab[:, :, 1:] *= 2.0
    lab = np.asarray(cv2.GaussianBlur(lab, (3, 1), 0), dtype=np.float32)  # along each profile
    step = np.linalg.norm(lab[:, 2:] - lab[:, :-2], axis=2)  # central difference per sample
    return np.asarray(step, dtype=np.float32).reshape(4, REFINE_SAMPLES, -1)


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
