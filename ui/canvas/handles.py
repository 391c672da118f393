"""Vertex handles for Edit Vertices: the zone vertices in view as small squares.

A vertex that neighbouring zones of one level share (dragging it moves all of
them) is filled; the vertex under the cursor and the boundary segment where a
double-click would add one are highlighted. Handles are found once per view
and per state of the zones (numpy over the scene's prepared vertices) and kept,
so a hover repaints the cached frame, the kept squares and the highlight only.
Far out they would be a carpet: above ``HANDLES_PER_MEGAPIXEL`` of the map's
size, none are drawn.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen

from layers.features import FeatureGeometry
from layers.render.qt import build_path, color
from layers.view import MapView

HANDLES_PER_MEGAPIXEL = 800  # more vertices than this in view: zoom in to see them (1,659 at 1920 × 1080)
HANDLE_PIXELS = 7  # side of a handle's square
HOVER_PIXELS = 11
HANDLE_FILL = "#ffffff"
SHARED_FILL = "#e67e22"  # EDIT_COLOR: a vertex that moves in several zones
HANDLE_OUTLINE = "#5b3a12"
HOVER_COLOR = "#1f6fb2"


class Handles(NamedTuple):
    """The handles of one view: unique vertex positions and whether neighbours share each."""

    xy: np.ndarray  # (n, 2) map metres
    shared: np.ndarray  # bool per handle
    in_view: int  # vertices in view (counted up to the cap, at least)
    cap: int  # the most that are drawn at this size

    @property
    def too_many(self) -> bool:
        return self.in_view > self.cap


def most_handles(view: MapView) -> int:
    return view.width * view.height * HANDLES_PER_MEGAPIXEL // 1_000_000


def handles_in_view(fg: FeatureGeometry, levels: np.ndarray, view: MapView) -> Handles:
    """The distinct vertices of the zones ``fg`` (at ``levels``) inside ``view``.

    A vertex is shared when two zones of the same level have it (a grid and its
    community only nest, they are not neighbours)."""
    cap = most_handles(view)
    minx, miny, maxx, maxy = view.extent
    pad = HOVER_PIXELS * view.resolution  # a square half out of view still shows
    indices = fg.query((minx - pad, miny - pad, maxx + pad, maxy + pad))
    if not len(indices):
        return Handles(np.empty((0, 2)), np.empty(0, bool), 0, cap)
    xy = fg.parts(indices).xy
    feature = np.repeat(indices, np.diff(fg.vertex_offsets(indices)))
    inside = ((xy[:, 0] >= minx - pad) & (xy[:, 0] <= maxx + pad)
              & (xy[:, 1] >= miny - pad) & (xy[:, 1] <= maxy + pad))
    xy, feature = xy[inside], feature[inside]
    if len(xy) > 8 * cap:  # each place counts at most a few times (levels, neighbours): far too many
        return Handles(np.empty((0, 2)), np.empty(0, bool), len(xy), cap)
    # sorted by place, level and zone: equal neighbours are one zone's ring closing
    # on itself, or several zones having the place
    level = levels[feature]
    order = np.lexsort((feature, level, xy[:, 1], xy[:, 0]))
    xy, level, feature = xy[order], level[order], feature[order]
    same_place = np.zeros(len(xy), dtype=bool)
    same_place[1:] = (xy[1:] == xy[:-1]).all(axis=1)
    same_level = same_place.copy()
    same_level[1:] &= level[1:] == level[:-1]
    another_zone = same_level.copy()
    another_zone[1:] &= feature[1:] != feature[:-1]
    place_of = np.cumsum(~same_place) - 1
    places = xy[~same_place]
    if len(places) > cap:
        return Handles(np.empty((0, 2)), np.empty(0, bool), len(places), cap)
    shared = np.zeros(len(places), dtype=bool)
    shared[place_of[another_zone]] = True  # two zones of one level: neighbours
    return Handles(places, shared, len(places), cap)


class HandlePainter:
    """Draws the handles of the current view, keeping them until the view or the zones change."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._handles = Handles(np.empty((0, 2)), np.empty(0, bool), 0, 0)
        self._plain = self._shared = QPainterPath()

    def handles(self, fg: FeatureGeometry, levels: np.ndarray, view: MapView) -> Handles:
        key = (fg, view)  # the object itself, not its id: a new table's could reuse a freed id
        if self._key is None or key[0] is not self._key[0] or view != self._key[1]:
            self._key = key
            self._handles = handles_in_view(fg, levels, view)
            pixels = np.round(view.to_pixels(self._handles.xy))
            self._plain = _squares(pixels[~self._handles.shared])
            self._shared = _squares(pixels[self._handles.shared])
        return self._handles

    def paint(self, painter: QPainter, fg: FeatureGeometry, levels: np.ndarray, view: MapView) -> Handles:
        """Draw the handles in view; returns them (``too_many`` if none were drawn)."""
        handles = self.handles(fg, levels, view)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp squares, fast
        painter.setPen(QPen(color(HANDLE_OUTLINE), 1))
        for squares, fill in ((self._plain, HANDLE_FILL), (self._shared, SHARED_FILL)):
            if not squares.isEmpty():
                painter.setBrush(color(fill))
                painter.drawPath(squares)
        return handles


_CORNERS = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1], [-1, -1]]) * (HANDLE_PIXELS // 2)
_CLOSED = np.array([1, 1, 1, 1, 0], dtype=np.int32)  # each square its own subpath


def _squares(centres: np.ndarray) -> QPainterPath:
    """One path of a square around each pixel centre, built from numpy at once
    (a QRectF per handle would cost more than drawing them)."""
    if not len(centres):
        return QPainterPath()
    corners = (centres[:, None, :] + _CORNERS[None, :, :]).reshape(-1, 2)
    return build_path(corners, np.tile(_CLOSED, len(centres)))


def paint_hover_segment(painter: QPainter, view: MapView, segment: tuple[tuple, tuple, tuple] | None) -> None:
    """The boundary segment under the cursor, with a ring where a double-click
    would put the new vertex (drawn under the handles)."""
    if segment is None:
        return
    a, b, foot = view.to_pixels(np.array(segment, dtype=float))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(color(HOVER_COLOR, 170), 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(*a), QPointF(*b))
    painter.setPen(QPen(color(HOVER_COLOR), 2))
    painter.setBrush(color(HANDLE_FILL))
    painter.drawEllipse(QPointF(*foot), 4, 4)


def paint_hover_vertex(painter: QPainter, view: MapView, vertex: tuple[float, float] | None) -> None:
    """The vertex under the cursor: a larger square over its handle."""
    if vertex is None:
        return
    (px, py), = np.round(view.to_pixels(np.array([vertex], dtype=float)))
    half = HOVER_PIXELS // 2
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(QPen(color(HANDLE_OUTLINE), 1))
    painter.setBrush(color(HOVER_COLOR))
    painter.drawRect(QRectF(px - half, py - half, HOVER_PIXELS - 1, HOVER_PIXELS - 1))
