"""A table's features as ready-made QPainterPaths, built once and drawn under
the view's transform, so that a frame only picks the pieces in view.

Each piece holds about ``CHUNK_VERTICES`` vertices of features that lie close
together (Z-order), in metres from a local origin (7-digit projected
coordinates never reach Qt). Small pieces also fill faster: Qt's scanline fill
slows with the edges of a path times its height (2,000 footprints in view:
4.1 ms as one path, 0.9 ms as pieces of 80 vertices). Pieces live as long as
the table's FeatureGeometry, which the scene replaces when the table changes.
"""

from __future__ import annotations

import threading
from typing import NamedTuple
from collections.abc import Callable
from weakref import WeakKeyDictionary

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen, QTransform

from layers.features import FeatureGeometry
from layers.render.qt import build_path
from layers.view import MapView

CHUNK_VERTICES = 80


class Pieces(NamedTuple):
    """Paths of some features of a table, each of one group (a colour class, a
    level, a width...), with the map bounds and vertex count of each."""

    paths: list[QPainterPath]
    bounds: np.ndarray  # (n, 4)
    group: np.ndarray  # (n,)
    vertices: np.ndarray  # (n,)
    origin: tuple[float, float]

    def in_view(self, view: MapView, pad_pixels: float = 0.0) -> np.ndarray:
        """Indices of the pieces that reach into ``view`` (grown by ``pad_pixels``)."""
        pad = pad_pixels * view.resolution
        minx, miny, maxx, maxy = view.extent
        b = self.bounds
        return np.flatnonzero((b[:, 0] <= maxx + pad) & (b[:, 2] >= minx - pad)
                              & (b[:, 1] <= maxy + pad) & (b[:, 3] >= miny - pad))

    def transform(self, view: MapView) -> QTransform:
        """Local metres → the view's pixels (y down)."""
        k = 1.0 / view.resolution
        minx, _, _, maxy = view.extent
        ox, oy = self.origin
        return QTransform(k, 0.0, 0.0, -k, (ox - minx) * k, (maxy - oy) * k)

    def draw(self, painter: QPainter, view: MapView, which: np.ndarray) -> None:
        """Draw the pieces at ``which`` with the painter's pen and brush."""
        if not len(which):
            return
        painter.save()
        pen = painter.pen()
        if view.paper and not pen.isCosmetic() and pen.style() != Qt.PenStyle.NoPen:
            pen = QPen(pen)  # widths are view pixels, not the local metres drawn in below
            pen.setWidthF(pen.widthF() * view.resolution)
            painter.setPen(pen)
        painter.setTransform(self.transform(view), True)
        paths = self.paths
        for i in which.tolist():
            painter.drawPath(paths[i])
        painter.restore()


_CACHE: WeakKeyDictionary[FeatureGeometry, dict[str, Pieces]] = WeakKeyDictionary()
_LOCKS: WeakKeyDictionary[FeatureGeometry, dict[str, threading.Lock]] = WeakKeyDictionary()
_LOCKS_LOCK = threading.Lock()


def pieces(fg: FeatureGeometry, key: str, select: Callable[[], tuple[np.ndarray, np.ndarray]],
           segments: np.ndarray | None = None, chunk_vertices: int = CHUNK_VERTICES) -> Pieces:
    """The pieces of ``fg`` called ``key``, built on first use.

    ``select`` gives the features to draw and a group for each; pieces never
    mix groups. ``segments`` leaves out segments (see ``FeatureGeometry.parts``).
    A frame asking for pieces a worker is building waits for that build only.
    """
    found = _CACHE.get(fg, {}).get(key)
    if found is None:
        with _LOCKS_LOCK:
            lock = _LOCKS.setdefault(fg, {}).setdefault(key, threading.Lock())
        with lock:
            found = _CACHE.get(fg, {}).get(key)
            if found is None:
                found = _build(fg, *select(), segments, chunk_vertices)
                with _LOCKS_LOCK:
                    _CACHE.setdefault(fg, {})[key] = found
    return found


def _build(fg: FeatureGeometry, indices: np.ndarray, groups: np.ndarray, segments: np.ndarray | None,
           chunk_vertices: int) -> Pieces:
    origin = (float(fg.bounds_all[0]), float(fg.bounds_all[3])) if fg.bounds_all is not None else (0.0, 0.0)
    if not len(indices):
        return Pieces([], np.empty((0, 4)), np.empty(0), np.empty(0, dtype=np.int64), origin)
    order = np.lexsort((fg.spatial_rank[indices], groups))
    indices, groups = indices[order], groups[order]
    parts = fg.parts(indices, segments)
    offsets = fg.vertex_offsets(indices)
    # a piece ends where the group changes or after about chunk_vertices vertices
    run = np.concatenate([[0], np.cumsum(groups[1:] != groups[:-1])])
    run_start = np.flatnonzero(np.concatenate([[True], run[1:] != run[:-1]]))
    within = offsets[:-1] - offsets[:-1][run_start][run]
    key = run * (int(offsets[-1]) // chunk_vertices + 2) + within // chunk_vertices
    starts = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
    xy = parts.xy - origin
    fb = fg.bounds[indices]
    bounds = np.column_stack([np.minimum.reduceat(fb[:, 0], starts), np.minimum.reduceat(fb[:, 1], starts),
                              np.maximum.reduceat(fb[:, 2], starts), np.maximum.reduceat(fb[:, 3], starts)])
    first, last = offsets[starts], offsets[np.append(starts[1:], len(indices))]
    paths = [build_path(xy[a:b], parts.connect[a:b]) for a, b in zip(first.tolist(), last.tolist())]
    return Pieces(paths, bounds, groups[starts], last - first, origin)
