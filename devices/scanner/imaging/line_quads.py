"""Page candidates from straight edges: two near-parallel pairs of long lines, crossing.

The region masks fail when a soft shadow joins the page to a lit part of the desk: no
threshold separates them. The page's sides are still long, sharp, straight edges while a
shadow's rim is soft; Canny keeps the first, and the Hough transform finds them even where
a finger covers part of a side. Every pair of near-parallel lines crossed by another such
pair, near square to it, is a candidate; the caller scores them all on the image.
"""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

from devices.scanner.imaging.geometry import FloatArray

MAX_LINES = 12  # the strongest distinct lines kept; quads grow with its fourth power
CANNY_LOW, CANNY_HIGH = 24, 48  # on Lab lightness: a shadow's rim stays below, paper's edge not
MAX_EDGE_FRACTION = 0.05  # of the pixels: more edges than this is a textured desk
CROWD_WINDOW = 9  # px square in which edge points are counted
CROWD_LEVEL = int(255 * 0.25)  # mean of the 0/255 edge map above which a point is in a crowd
MIN_VOTES_FRACTION = 0.1  # of the frame's short side: the shortest visible side kept
SAME_RHO, SAME_THETA = 6.0, np.deg2rad(4)  # lines closer than this are one line
PARALLEL = np.deg2rad(14)  # opposite sides of a page seen at a slant are this near parallel
SQUARE = np.deg2rad(25)  # and adjacent sides this near a right angle
MIN_GAP = 12.0  # px between two opposite sides


def line_quads(lightness: npt.NDArray[np.uint8], min_area: float) -> npt.NDArray[np.float64]:
    """Convex quads (Q × 4 × 2, corners in turn) bounded by long straight edges of ``lightness``.

    All in numpy: the 12 lines make up to a few hundred quads per frame.
    """
    height, width = lightness.shape
    dx = cv2.Sobel(lightness, cv2.CV_16S, 1, 0, borderType=cv2.BORDER_REPLICATE)
    dy = cv2.Sobel(lightness, cv2.CV_16S, 0, 1, borderType=cv2.BORDER_REPLICATE)
    edges = cv2.Canny(dx, dy, CANNY_LOW, CANNY_HIGH)
    limit = MAX_EDGE_FRACTION * edges.size
    # A grained or woven desk is edges everywhere: Hough's cost grows with them and its peaks
    # drown. Only its strongest edges are kept, and past that the frame is left to the masks.
    if cv2.countNonZero(edges) > limit:
        # Canny with k times the thresholds keeps at least the edge points found here whose
        # gradient (Canny's |dx| + |dy|) beats k times the high threshold: when those alone
        # are too many, that Canny (1.5 ms on a wood desk) need not run. (|dx| and |dy| saturate
        # at 255, above every threshold compared with.)
        magnitude = cv2.add(cv2.convertScaleAbs(dx), cv2.convertScaleAbs(dy), dtype=cv2.CV_16U)
        magnitude[edges == 0] = 0
        for factor in (2, 4, 0):
            if not factor:
                return np.empty((0, 4, 2), dtype=np.float64)
            if np.count_nonzero(magnitude > factor * CANNY_HIGH) > limit:
                continue
            edges = cv2.Canny(dx, dy, factor * CANNY_LOW, factor * CANNY_HIGH)
            if cv2.countNonZero(edges) <= limit:
                break
    # Print is edges packed close together; a page's side is a lone line. Dropping the edge
    # points in a crowd spares Hough most of its work and keeps lines of text from voting.
    crowd = cv2.boxFilter(edges, cv2.CV_8U, (CROWD_WINDOW, CROWD_WINDOW))
    edges[crowd > CROWD_LEVEL] = 0
    votes = max(20, int(MIN_VOTES_FRACTION * min(height, width)))
    found = cv2.HoughLines(edges, 1, np.pi / 180, votes)
    none = np.empty((0, 4, 2), dtype=np.float64)
    if found is None:
        return none
    lines = np.array(_distinct(np.asarray(found, np.float32).reshape(-1, 2)), dtype=np.float64)
    rho, theta = lines[:, 0], lines[:, 1]
    first, second = np.triu_indices(len(lines), 1)
    gap = np.abs(theta[first] - theta[second])
    gap = np.minimum(gap % np.pi, np.pi - gap % np.pi)
    # Normals more than a right angle apart describe the same direction with rho negated.
    flipped = np.abs(theta[first] - theta[second]) > np.pi / 2
    other_rho = np.where(flipped, -rho[second], rho[second])
    parallel = (gap < PARALLEL) & (np.abs(rho[first] - other_rho) >= MIN_GAP)
    pair_a, pair_b = first[parallel], second[parallel]
    k, m = np.triu_indices(len(pair_a), 1)
    a, b, c, d = pair_a[k], pair_b[k], pair_a[m], pair_b[m]
    cross = np.abs(theta[a] - theta[c]) % np.pi
    cross = np.minimum(cross, np.pi - cross)
    keep = (np.abs(cross - np.pi / 2) <= SQUARE) & (a != c) & (a != d) & (b != c) & (b != d)
    a, b, c, d = a[keep], b[keep], c[keep], d[keep]
    if len(a) == 0:
        return none
    quads = np.stack(
        [_cross(lines, a, c), _cross(lines, c, b), _cross(lines, b, d), _cross(lines, d, a)], axis=1
    )
    margin = 0.05 * max(height, width)
    inside = (quads >= -margin).all(axis=(1, 2))
    inside &= (quads[:, :, 0] <= width + margin).all(axis=1)
    inside &= (quads[:, :, 1] <= height + margin).all(axis=1)
    quads = quads[inside]
    edge = np.roll(quads, -1, axis=1) - quads
    turn = edge[:, :, 0] * np.roll(edge, -1, axis=1)[:, :, 1]
    turn -= edge[:, :, 1] * np.roll(edge, -1, axis=1)[:, :, 0]
    convex = (turn > 0).all(axis=1) | (turn < 0).all(axis=1)
    area = np.abs(turn.sum(axis=1)) / 4  # for four corners, the turns sum to 4 × the area
    return np.asarray(quads[convex & (area >= min_area)], dtype=np.float64)


def _distinct(found: npt.NDArray[np.float32]) -> list[tuple[float, float]]:
    """The strongest lines (Hough lists them by votes), one of each near-duplicate group.

    Lines are compared in blocks (the first 64, then up to 300): the distinct strong ones
    come early; comparing them one by one in Python cost 0.4 ms a frame, half of Hough's.
    """
    lines = found[:300].astype(np.float64)
    rho, theta = lines[:, 0], lines[:, 1]
    kept: list[int] = []
    done = 0
    for block in (64, 300):
        end = min(block, len(lines))
        # same[i, j]: line j, taken first, makes line i a near-duplicate (rho signed as i's).
        turn = np.abs(theta[:end, None] - theta[None, :end])
        angle = np.minimum(turn % np.pi, np.pi - turn % np.pi)
        aligned = np.where(turn < np.pi / 2, rho[None, :end], -rho[None, :end])
        same = (angle < SAME_THETA) & (np.abs(aligned - rho[:end, None]) < SAME_RHO)
        for i in range(done, end):
            if kept and same[i, kept].any():
                continue
            kept.append(i)
            if len(kept) == MAX_LINES:
                return [(float(rho[k]), float(theta[k])) for k in kept]
        done = end
    return [(float(rho[k]), float(theta[k])) for k in kept]


def _cross(
    lines: FloatArray, first: npt.NDArray[np.intp], second: npt.NDArray[np.intp]
) -> FloatArray:
    """Where each pair of (rho, theta) lines meets (N × 2); NaN where they are parallel."""
    r1, t1 = lines[first, 0], lines[first, 1]
    r2, t2 = lines[second, 0], lines[second, 1]
    det = np.cos(t1) * np.sin(t2) - np.sin(t1) * np.cos(t2)
    safe = np.where(np.abs(det) < 1e-6, np.nan, det)
    x = (r1 * np.sin(t2) - r2 * np.sin(t1)) / safe
    y = (np.cos(t1) * r2 - np.cos(t2) * r1) / safe
    return np.stack([x, y], axis=1)
