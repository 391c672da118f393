"""The cases layer (有呼必应): each case a small symbol, its shape by category and
its colour by status, an overdue open case ringed in red; and the per-grid
density view, leaf grids filled by how many of the shown cases lie in them.

Speed: the cases are prepared once per table version as numpy arrays (the
scene replaces the table's FeatureGeometry on every change, which drops the
cache). A frame picks the points in view with one vectorised test and stamps
every symbol group into one transparent image with numpy (a symbol's pixels
× its points in one fancy-index write), so 100,000 cases cost a few
milliseconds instead of a QPainter call each.

Which cases show is the Cases dock's filter, handed over per scene with
``set_shown``. Cases are personal data: nothing is drawn on paper (printed
sheets and exported views are public outputs)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF

from gridmap.cases import workflow
from gridmap.model.entities import CASE_STATUSES
from layers.render.prepared import Pieces, pieces
from layers.render.qt import color
from layers.render.renderers import renderer

if TYPE_CHECKING:
    from layers.features import FeatureGeometry
    from layers.scene import MapScene
    from layers.view import MapView

# colour by status (待受理 已派发 处置中 待核查 已办结 挂起)
STATUS_COLORS = dict(zip(CASE_STATUSES, ("#e67e22", "#2e86de", "#8e44ad", "#16a085", "#7f8c8d", "#95a5a6"),
                         strict=True))
OVERDUE_RING = "#e00000"
# symbol by the category's place in the project's list (the last one for any other)
SHAPES = ("circle", "square", "triangle", "diamond", "down", "cross")
SYMBOL_PIXELS = 11  # a symbol's side on screen
DOT_PIXELS = 3  # far out, where many thousand cases are in view, a case is a dot of its colour
DOTS_FROM = 6_000  # cases in view from which dots replace the symbols (a symbol stamps ~120 pixels)
DENSITY_COLORS = ("#fff5eb", "#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603")


@dataclass
class CasePoints:
    """The cases of a project as arrays, in the table's order."""

    ids: np.ndarray
    x: np.ndarray
    y: np.ndarray
    shape: np.ndarray  # index into SHAPES
    status: np.ndarray  # index into CASE_STATUSES
    is_open: np.ndarray
    deadline: np.ndarray  # seconds since the epoch (UTC)
    zone: np.ndarray  # the leaf zone's id, -1 outside every zone


@dataclass
class ShownCases:
    """What the Cases dock shows: case ids (None: all) and the clock for "overdue"."""

    ids: np.ndarray | None = None
    now: dt.datetime | None = None
    version: int = 0
    _mask: dict = field(default_factory=dict)


_POINTS: WeakKeyDictionary[FeatureGeometry, CasePoints] = WeakKeyDictionary()
_SHOWN: WeakKeyDictionary[MapScene, ShownCases] = WeakKeyDictionary()


def case_points(scene: MapScene) -> CasePoints:
    """The scene's cases as arrays, prepared on first use after each change."""
    fg = scene.features["cases"]
    found = _POINTS.get(fg)
    if found is None:
        found = _POINTS[fg] = _prepare(scene, fg)
    return found


def _prepare(scene: MapScene, fg: FeatureGeometry) -> CasePoints:
    records = scene.project.tables["cases"]
    cases = [records[int(i)] for i in fg.ids]
    xy = shapely.get_coordinates(fg.geometries) if len(fg) else np.empty((0, 2))
    if len(xy) != len(cases):  # an empty point has no coordinates: place each one alone
        xy = np.array([shapely.get_coordinates(g)[0] if not g.is_empty else (np.nan, np.nan)
                       for g in fg.geometries]).reshape(-1, 2)
    from gridmap.cases.settings import CaseSettings

    names = CaseSettings.from_meta(scene.project.meta).category_names
    shape_of = {name: min(i, len(SHAPES) - 1) for i, name in enumerate(names)}
    status_of = {s: i for i, s in enumerate(CASE_STATUSES)}
    return CasePoints(
        ids=np.asarray(fg.ids, dtype=np.int64), x=xy[:, 0].astype(np.float64), y=xy[:, 1].astype(np.float64),
        shape=np.array([shape_of.get(c.category, len(SHAPES) - 1) for c in cases], dtype=np.int64),
        status=np.array([status_of.get(c.status, 0) for c in cases], dtype=np.int64),
        is_open=np.array([workflow.is_open(c.status) for c in cases], dtype=bool),
        deadline=np.array([c.deadline.timestamp() for c in cases], dtype=np.float64),
        zone=np.array([c.zone_id if c.zone_id is not None else -1 for c in cases], dtype=np.int64))


def set_shown(scene: MapScene, ids: np.ndarray | list[int] | None, now: dt.datetime | None = None) -> None:
    """The cases to draw on ``scene`` (None: every one) and the time that decides what is overdue."""
    state = _SHOWN.setdefault(scene, ShownCases())
    state.ids = None if ids is None else np.asarray(ids, dtype=np.int64)
    state.now, state.version = now, state.version + 1
    state._mask.clear()


def shown_mask(scene: MapScene) -> np.ndarray:
    """Which of ``case_points(scene)`` the dock shows."""
    points = case_points(scene)
    state = _SHOWN.get(scene)
    if state is None or state.ids is None:
        return np.ones(len(points.ids), dtype=bool)
    key = id(points)
    if state._mask.get("points") is not points:
        state._mask.clear()
        state._mask["points"] = points
        state._mask[key] = np.isin(points.ids, state.ids)
    return state._mask[key]


def _now(scene: MapScene) -> float:
    state = _SHOWN.get(scene)
    moment = state.now if state is not None and state.now is not None else scene.project.clock()
    return moment.timestamp()


def in_view(scene: MapScene, view: MapView, pad_pixels: float = SYMBOL_PIXELS) -> np.ndarray:
    """Indices of the shown cases whose point is in ``view`` (grown by ``pad_pixels``)."""
    points = case_points(scene)
    if not len(points.ids):
        return np.empty(0, dtype=np.int64)
    pad = pad_pixels * view.resolution
    minx, miny, maxx, maxy = view.extent
    x, y = points.x, points.y
    inside = (x >= minx - pad) & (x <= maxx + pad) & (y >= miny - pad) & (y <= maxy + pad)
    return np.flatnonzero(inside & shown_mask(scene))


def hit_case(scene: MapScene, x: float, y: float, tolerance: float) -> int | None:
    """The id of the shown case nearest map point (x, y) within ``tolerance`` metres."""
    points = case_points(scene)
    if not len(points.ids):
        return None
    near = np.flatnonzero((np.abs(points.x - x) <= tolerance) & (np.abs(points.y - y) <= tolerance)
                          & shown_mask(scene))
    if not len(near):
        return None
    distance = np.hypot(points.x[near] - x, points.y[near] - y)
    best = int(np.argmin(distance))
    return int(points.ids[near[best]]) if distance[best] <= tolerance else None


# -- symbols ------------------------------------------------------------------------------------

_STAMPS: dict[tuple, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}


def draw_case_symbol(painter: QPainter, shape: str, fill: str, x: float, y: float, s: float = SYMBOL_PIXELS) -> None:
    """One case's symbol centred at (x, y), ``s`` pixels across (the map and the legend)."""
    painter.setPen(QPen(QColor("#ffffff"), 1.0))
    painter.setBrush(color(fill))
    r = s * 0.42
    if shape == "circle":
        painter.drawEllipse(QPointF(x, y), r, r)
    elif shape == "square":
        painter.drawRect(QRectF(x - r, y - r, 2 * r, 2 * r))
    elif shape == "triangle":
        painter.drawPolygon(QPolygonF([QPointF(x, y - r * 1.15), QPointF(x + r * 1.1, y + r * 0.8),
                                       QPointF(x - r * 1.1, y + r * 0.8)]))
    elif shape == "down":
        painter.drawPolygon(QPolygonF([QPointF(x, y + r * 1.15), QPointF(x + r * 1.1, y - r * 0.8),
                                       QPointF(x - r * 1.1, y - r * 0.8)]))
    elif shape == "diamond":
        painter.drawPolygon(QPolygonF([QPointF(x, y - r * 1.2), QPointF(x + r * 1.2, y), QPointF(x, y + r * 1.2),
                                       QPointF(x - r * 1.2, y)]))
    else:  # a plus sign
        t = r * 0.45
        painter.drawPolygon(QPolygonF([QPointF(x - t, y - r), QPointF(x + t, y - r), QPointF(x + t, y - t),
                                       QPointF(x + r, y - t), QPointF(x + r, y + t), QPointF(x + t, y + t),
                                       QPointF(x + t, y + r), QPointF(x - t, y + r), QPointF(x - t, y + t),
                                       QPointF(x - r, y + t), QPointF(x - r, y - t), QPointF(x - t, y - t)]))


def _stamp(key: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A symbol as (dy, dx, premultiplied ARGB) of its painted pixels, offsets from its centre."""
    found = _STAMPS.get(key)
    if found is not None:
        return found
    kind = key[0]
    side = SYMBOL_PIXELS + 8 if kind != "dot" else DOT_PIXELS
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    c = side / 2
    if kind == "dot":
        image.fill(color(key[1]))
    else:
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if kind == "ring":
            painter.setPen(QPen(color(OVERDUE_RING), 2.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(c, c), SYMBOL_PIXELS * 0.5 + 2.5, SYMBOL_PIXELS * 0.5 + 2.5)
        else:
            draw_case_symbol(painter, key[1], key[2], c, c)
        painter.end()
    pixels = np.frombuffer(image.constBits(), dtype=np.uint32).reshape(side, image.bytesPerLine() // 4)[:, :side]
    dy, dx = np.nonzero(pixels)
    found = (dy - side // 2, dx - side // 2, pixels[dy, dx].copy())
    _STAMPS[key] = found
    return found


def _stamp_groups(pixels: np.ndarray, width: int, px: np.ndarray, py: np.ndarray, groups: np.ndarray,
                  stamps: dict[int, tuple], pad: int) -> None:
    """Write each group's stamp at its points into ``pixels`` (rows ``width`` long), later groups on top."""
    for group in np.unique(groups).tolist():
        at = groups == group
        dy, dx, argb = stamps[group]
        base = (py[at] + pad) * width + (px[at] + pad)
        pixels[(base[:, None] + (dy * width + dx)[None, :]).ravel()] = np.tile(argb, int(at.sum()))


@renderer("cases")
def render_cases(painter: QPainter, scene: MapScene, view: MapView, labels) -> None:
    """The shown cases in view: symbols (dots when very many are in view); overdue ones ringed.
    Drawn among the names (``labels``), over those of the layers below."""
    if view.paper or "cases" not in scene.features:
        return  # personal data: never on a printed or exported sheet
    which = in_view(scene, view)
    if not len(which):
        return
    points = case_points(scene)
    pad = SYMBOL_PIXELS + 8
    w, h = view.width + 2 * pad, view.height + 2 * pad
    minx, _, _, maxy = view.extent
    px = np.round((points.x[which] - minx) / view.resolution).astype(np.int64)
    py = np.round((maxy - points.y[which]) / view.resolution).astype(np.int64)
    keep = (px >= -pad // 2) & (py >= -pad // 2) & (px < view.width + pad // 2) & (py < view.height + pad // 2)
    which, px, py = which[keep], px[keep], py[keep]
    status = points.status[which]
    pixels = np.zeros(h * w, dtype=np.uint32)
    statuses = list(CASE_STATUSES)
    if len(which) >= DOTS_FROM:
        stamps = {s: _stamp(("dot", STATUS_COLORS[statuses[s]])) for s in np.unique(status).tolist()}
        _stamp_groups(pixels, w, px, py, status, stamps, pad)
    else:
        overdue = points.is_open[which] & (points.deadline[which] < _now(scene))
        if overdue.any():
            _stamp_groups(pixels, w, px[overdue], py[overdue], np.zeros(int(overdue.sum()), dtype=np.int64),
                          {0: _stamp(("ring",))}, pad)
        # groups drawn in ascending order: closed cases under open ones (the open ones are the work)
        n = len(statuses)
        groups = points.is_open[which] * (len(SHAPES) * n) + points.shape[which] * n + status
        stamps = {g: _stamp(("symbol", SHAPES[(g // n) % len(SHAPES)], STATUS_COLORS[statuses[g % n]]))
                  for g in np.unique(groups).tolist()}
        _stamp_groups(pixels, w, px, py, groups, stamps, pad)
    visible = pixels[pad * w + pad:]
    image = QImage(visible.data, view.width, view.height, 4 * w, QImage.Format.Format_ARGB32_Premultiplied)
    # drawn with the names, after those of the layers below: a case at a building's middle is not
    # hidden under its number (the image holds the pixels it was made on: they go along)
    labels.append(lambda image=image, pixels=pixels: painter.drawImage(0, 0, image))


# -- density ------------------------------------------------------------------------------------

def _leaf_pieces(scene: MapScene) -> Pieces:
    """Leaf zones, each its own group (its index), so a frame fills each by its count."""
    leaf = np.flatnonzero(scene.zone_is_leaf)
    return pieces(scene.features["zones"], "case density", lambda: (leaf, leaf))


def zone_counts(scene: MapScene) -> dict[int, int]:
    """Shown cases per leaf zone id."""
    points = case_points(scene)
    zones = points.zone[shown_mask(scene)]
    zones = zones[zones >= 0]
    ids, counts = np.unique(zones, return_counts=True)
    return dict(zip(ids.tolist(), counts.tolist(), strict=True))


def density_classes(counts: np.ndarray) -> np.ndarray:
    """A class 0–5 per count: 0 none, then five steps up to the highest count."""
    top = counts.max(initial=0)
    if top <= 0:
        return np.zeros(len(counts), dtype=np.int64)
    return np.where(counts > 0, np.minimum(np.ceil(counts / top * 5), 5), 0).astype(np.int64)


@renderer("case_density")
def render_case_density(painter: QPainter, scene: MapScene, view: MapView, labels) -> None:
    """Leaf grids filled by the number of shown cases in them (darker: more)."""
    if view.paper or "cases" not in scene.features or not len(scene.features["zones"]):
        return
    fills = _leaf_pieces(scene)
    shown = fills.in_view(view)
    if not len(shown):
        return
    counts_by_id = zone_counts(scene)
    zone_ids = scene.features["zones"].ids
    counts = np.array([counts_by_id.get(int(i), 0) for i in zone_ids], dtype=np.int64)
    classes = density_classes(counts)
    painter.setPen(Qt.PenStyle.NoPen)
    piece_class = classes[fills.group[shown].astype(np.int64)]
    for c in np.unique(piece_class).tolist():
        painter.setBrush(color(DENSITY_COLORS[c], 210))
        fills.draw(painter, view, shown[piece_class == c])
