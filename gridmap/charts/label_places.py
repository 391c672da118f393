"""Where the names go on a chart's map, the way a cartographer places them: each
label, most important first, takes the first of its candidate places that stays
inside the map and meets no label placed before it and no reserved box (scale
bar, north arrow, symbols). A label with no such place is left out: the chart's
tables hold every fact, and a name over another can be read as neither.

Footprints are a softer obstacle: a label may lie on its own building, and a
candidate says whether it must keep clear of the others. Qt-free; boxes are
(x0, y0, x1, y1) in sheet units, y down.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

Box = tuple[float, float, float, float]

SMALLEST_LABEL = 6.0  # points on paper: the smallest type a chart uses anywhere (legend, fitted titles)
LEADER_GAP = 14.0  # how far a label set off with a leader line stands from its building


def smallest_size(paper_scale: float) -> float:
    """The smallest label size in layout points on paper ``paper_scale`` times A3:
    an A4 sheet prints every layout point at 0.71 points, so it allows less shrinking."""
    return SMALLEST_LABEL / min(paper_scale, 1.0)


def sizes_down_to(size: float, smallest: float) -> list[float]:
    """``size``, then a point smaller, then ``smallest``: the sizes a label may shrink through."""
    return [s for s in (size, size - 1.0) if s > smallest] + [smallest] if size > smallest else [size]


class Places:
    """The boxes taken on one map panel, and the choice of the first free candidate."""

    def __init__(self, bounds: Box) -> None:
        self.bounds = bounds
        self._hard: list[Box] = []  # labels and reserved boxes: never overlapped
        self._soft: list[Box] = []  # footprints: kept clear where a candidate asks
        self._soft_owner: list[int] = []
        self._arrays: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self.labels: list[Box] = []  # the labels placed, in order

    def reserve(self, box: Box) -> None:
        self._hard.append(box)
        if self._arrays is not None:  # the common case, a label taken: grow the array, keep the rest
            self._arrays = (np.vstack([self._arrays[0], np.array([box], dtype=np.float64)]),) + self._arrays[1:]

    def footprint(self, box: Box, owner: int) -> None:
        self._soft.append(box)
        self._soft_owner.append(owner)
        self._arrays = None

    def take(self, box: Box) -> Box:
        self.reserve(box)
        self.labels.append(box)
        return box

    def first(self, candidates: Sequence[Box], clear_of_footprints: bool = False, owner: int = -1,
              within: Callable[[int], bool] | None = None) -> int | None:
        """The index of the first free candidate (not taken: see ``take``), or None.
        With ``clear_of_footprints`` a candidate may only lie on footprint ``owner``;
        ``within`` (given the candidate's index) may rule more out."""
        if not len(candidates):
            return None
        for k in np.flatnonzero(self.free(candidates, clear_of_footprints, owner)).tolist():
            if within is None or within(k):
                return k
        return None

    def free(self, candidates: Sequence[Box], clear_of_footprints: bool = False, owner: int = -1) -> np.ndarray:
        """Which candidates are free now. Boxes are only ever added, so one taken
        now stays taken: a long list is sifted once with this before ``first``."""
        boxes = np.asarray(candidates, dtype=np.float64).reshape(-1, 4)
        x0, y0, x1, y1 = self.bounds
        ok = (boxes[:, 0] >= x0) & (boxes[:, 1] >= y0) & (boxes[:, 2] <= x1) & (boxes[:, 3] <= y1)
        hard, soft, soft_owner = self._obstacles()
        ok &= ~_meets(boxes, hard).any(axis=1)
        if clear_of_footprints and len(soft):
            ok &= ~(_meets(boxes, soft) & (soft_owner != owner)[None, :]).any(axis=1)
        return ok

    def alone_by(self, box: Box, owner: int, margin: float) -> bool:
        """Whether no footprint but ``owner``'s comes within ``margin`` of ``box``: a
        label set right by a building without a leader must not seem to be another's."""
        _, soft, soft_owner = self._obstacles()
        near = np.array([[box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin]])
        return not (_meets(near, soft[soft_owner != owner])).any()

    def line_is_clear(self, line: tuple[float, float, float, float], owner: int = -1) -> bool:
        """Whether a leader line from footprint ``owner`` passes through no label,
        reserved box or other footprint (the slab test, all boxes at once)."""
        hard, soft, soft_owner = self._obstacles()
        boxes = np.concatenate([hard, soft[soft_owner != owner]])
        if not len(boxes):
            return True
        start, delta = np.array(line[:2]), np.array(line[2:]) - np.array(line[:2])
        with np.errstate(divide="ignore", invalid="ignore"):
            t0 = (boxes[:, :2] - start) / delta
            t1 = (boxes[:, 2:] - start) / delta
        low, high = np.minimum(t0, t1), np.maximum(t0, t1)
        # a line parallel to a slab is inside it only strictly between its sides
        flat = delta == 0
        inside_slab = (boxes[:, :2] < start) & (start < boxes[:, 2:])
        low = np.where(flat, np.where(inside_slab, -np.inf, np.inf), low)
        high = np.where(flat, np.where(inside_slab, np.inf, -np.inf), high)
        enter, leave = np.maximum(low.max(axis=1), 0.0), np.minimum(high.min(axis=1), 1.0)
        return not (enter < leave).any()

    def _obstacles(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self._arrays is None:
            self._arrays = (np.asarray(self._hard, dtype=np.float64).reshape(-1, 4),
                            np.asarray(self._soft, dtype=np.float64).reshape(-1, 4),
                            np.asarray(self._soft_owner, dtype=np.int64))
        return self._arrays


def _meets(boxes: np.ndarray, others: np.ndarray) -> np.ndarray:
    """(len(boxes), len(others)): where a box overlaps another (touching is not overlapping)."""
    return ((boxes[:, None, 0] < others[None, :, 2]) & (others[None, :, 0] < boxes[:, None, 2])
            & (boxes[:, None, 1] < others[None, :, 3]) & (others[None, :, 1] < boxes[:, None, 3]))


def centred(x: float, y: float, w: float, h: float) -> Box:
    return (x - w / 2, y - h / 2, x + w / 2, y + h / 2)


def inside(anchor: Box, w: float, h: float, pad: float = 2.0) -> list[Box]:
    """The label centred on ``anchor`` if it fits within it, ``pad`` to spare on each side."""
    ax0, ay0, ax1, ay1 = anchor
    if w + 2 * pad > ax1 - ax0 or h + 2 * pad > ay1 - ay0:
        return []
    return [centred((ax0 + ax1) / 2, (ay0 + ay1) / 2, w, h)]


def around(anchor: Box, w: float, h: float, gap: float) -> list[Box]:
    """A w × h label beside ``anchor`` at ``gap``, in the order a map reader looks
    for a building's label: below, above, right, left, then the four corners."""
    ax0, ay0, ax1, ay1 = anchor
    cx, cy = (ax0 + ax1) / 2, (ay0 + ay1) / 2
    below, above = ay1 + gap, ay0 - gap - h
    right, left = ax1 + gap, ax0 - gap - w
    return [(cx - w / 2, below, cx + w / 2, below + h), (cx - w / 2, above, cx + w / 2, above + h),
            (right, cy - h / 2, right + w, cy + h / 2), (left, cy - h / 2, left + w, cy + h / 2),
            (right, below, right + w, below + h), (left, below, left + w, below + h),
            (right, above, right + w, above + h), (left, above, left + w, above + h)]


def leader(anchor: Box, box: Box) -> tuple[float, float, float, float]:
    """A leader line from the edge of ``anchor`` to the edge of the label ``box``
    that stands apart from it: between their nearest points."""
    ax0, ay0, ax1, ay1 = anchor
    bx0, by0, bx1, by1 = box
    acx, acy = (ax0 + ax1) / 2, (ay0 + ay1) / 2
    bcx, bcy = (bx0 + bx1) / 2, (by0 + by1) / 2
    return (min(max(bcx, ax0), ax1), min(max(bcy, ay0), ay1), min(max(acx, bx0), bx1), min(max(acy, by0), by1))


def building_tag_texts(units: int, floors: int, households: int, head: str) -> list[tuple[str, ...]]:
    """A building's tag from the fullest to the shortest: units·floors·households
    and its head; "1单元·" left out of a single-unit house; the head left to the
    building table. A building with no homes (公建) has its floors only."""
    if not units:
        return [(f"{floors}层",)]
    size = f"{units}单元·{floors}层·{households}户"
    short = f"{floors}层·{households}户" if units == 1 else size
    head_line = (f"楼栋长 {head}",) if head else ()
    texts = [(size, *head_line), (short, *head_line), (short,)]
    return list(dict.fromkeys(texts))


def short_number(number: str) -> str:
    """"12号楼" and "12号" as "12": what fits a small footprint."""
    return number.removesuffix("号楼").removesuffix("号") or number
