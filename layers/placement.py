"""Where names go along lines, worked out with numpy for the part of a line
that is in view. Qt-free, shared by the screen and print renderers."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from layers.features import FeatureGeometry, _ranges


class LineAnchors(NamedTuple):
    """Label spots: the feature each belongs to, its map position, the direction
    of the line there (radians, map axes) and the length of its part (metres)."""

    feature: np.ndarray
    xy: np.ndarray
    angle: np.ndarray
    part_length: np.ndarray


def line_label_anchors(fg: FeatureGeometry, indices: np.ndarray, spacing: float,
                       extent: tuple[float, float, float, float]) -> LineAnchors:
    """Spots about ``spacing`` apart along each part of the lines at ``indices``
    that lie inside ``extent``.

    A part of length L carries n = max(1, ⌊L / spacing⌋) names, at (k + ½)·L/n:
    evenly spread and fixed by the part and the spacing alone, so a view drawn in
    strips puts each name where a whole frame would. Only the segments that reach
    into ``extent`` are looked at, so a long street costs what its visible part does.
    """
    empty = LineAnchors(np.empty(0, np.int64), np.empty((0, 2)), np.empty(0), np.empty(0))
    if not len(indices):
        return empty
    first, last = fg.feature_parts[indices], fg.feature_parts[indices + 1]
    parts = _ranges(first, last - first)
    part_feature = np.repeat(indices, last - first)
    starts, stops = fg.part_start[parts], fg.part_start[parts + 1]
    lengths = fg.along[np.maximum(stops - 1, starts)]
    # segments: vertex v to v + 1 of the same part
    seg_counts = np.maximum(stops - starts - 1, 0)
    seg_part = np.repeat(np.arange(len(parts)), seg_counts)
    v = _ranges(starts, seg_counts)
    a, b = fg.xy[v], fg.xy[v + 1]
    minx, miny, maxx, maxy = extent
    meets = ((np.minimum(a[:, 0], b[:, 0]) <= maxx) & (np.maximum(a[:, 0], b[:, 0]) >= minx)
             & (np.minimum(a[:, 1], b[:, 1]) <= maxy) & (np.maximum(a[:, 1], b[:, 1]) >= miny))
    v, seg_part, a, b = v[meets], seg_part[meets], a[meets], b[meets]
    if not len(v):
        return empty
    count = np.maximum(1, np.floor(lengths / spacing)).astype(np.int64)
    gap = lengths / count  # between names of each part
    g = gap[seg_part]
    d0, d1 = fg.along[v], fg.along[v + 1]
    # names k whose spot (k + ½)·gap falls in [d0, d1) (the part's last segment also takes its end)
    k0 = np.ceil(d0 / g - 0.5).astype(np.int64)
    k1 = np.minimum(np.ceil(d1 / g - 0.5).astype(np.int64), count[seg_part])
    ends = v + 1 == stops[seg_part] - 1
    k1 = np.where(ends, count[seg_part], k1)
    k0 = np.maximum(k0, 0)
    n = np.maximum(k1 - k0, 0)
    seg = np.repeat(np.arange(len(v)), n)
    if not len(seg):
        return empty
    k = _ranges(k0, n) if len(k0) else np.empty(0, np.int64)
    at = (k + 0.5) * g[seg]
    seg_len = np.maximum(d1 - d0, 1e-12)[seg]
    t = np.clip((at - d0[seg]) / seg_len, 0.0, 1.0)[:, None]
    xy = a[seg] + (b[seg] - a[seg]) * t
    inside = (xy[:, 0] >= minx) & (xy[:, 0] <= maxx) & (xy[:, 1] >= miny) & (xy[:, 1] <= maxy)
    direction = (b - a)[seg]
    angle = np.arctan2(direction[:, 1], direction[:, 0])
    part = seg_part[seg]
    return LineAnchors(part_feature[part][inside], xy[inside], angle[inside], lengths[part][inside])
