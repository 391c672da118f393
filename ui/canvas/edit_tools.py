"""Map tools that edit boundaries: move, add and delete shared vertices, split a
grid along a line, paint buildings into a grid. Each turns map events into one
command on the undo stack; a refused edit changes nothing and says why.

Positions snap to the nearest vertex of a zone, compound wall or building
within ``SNAP_PIXELS`` (so new boundaries meet old ones exactly).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Callable

import numpy as np
import shapely
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen, QPolygonF
from shapely.geometry import LineString

from gridmap.commands.office import NoParentHere, drawn_parent
from gridmap.commands.zones import DeleteVertex, DrawZone, InsertVertex, MoveVertex, ReassignBuildings, SplitZone
from gridmap.errors import EditError
from gridmap.model.entities import GRID_LEVEL
from layers.render.qt import color
from ui.canvas.handles import HandlePainter, paint_hover_segment, paint_hover_vertex
from ui.canvas.tools import CLICK_SLOP, MapEvent, MapTool
from ui.zone_levels import level_word

if TYPE_CHECKING:
    from ui.canvas.map_canvas import MapCanvas

SNAP_PIXELS = 8
EDIT_COLOR = "#e67e22"
_drags = itertools.count(1)


def snap_point(canvas: "MapCanvas", x: float, y: float, tables=("zones", "compounds", "buildings"),
               exclude: tuple[float, float] | None = None) -> tuple[float, float] | None:
    """The nearest vertex of ``tables`` within SNAP_PIXELS of (x, y), or None."""
    reach = SNAP_PIXELS * canvas.view.resolution
    best, best_d = None, reach
    for table in tables:
        fg = canvas.scene.features[table]
        if not len(fg):
            continue
        hits = fg.query((x - reach, y - reach, x + reach, y + reach))
        if not len(hits):
            continue
        coords = shapely.get_coordinates(fg.geometries[hits])
        if exclude is not None:
            coords = coords[np.hypot(*(coords - exclude).T) > 1e-9]
        if not len(coords):
            continue
        d = np.hypot(coords[:, 0] - x, coords[:, 1] - y)
        i = int(np.argmin(d))
        if d[i] <= best_d:
            best, best_d = (float(coords[i, 0]), float(coords[i, 1])), d[i]
    return best


def snap_to_lines(canvas: "MapCanvas", x: float, y: float) -> tuple[float, float] | None:
    """The nearest point on a street centreline, zone boundary or compound wall
    within SNAP_PIXELS of (x, y), or None."""
    reach = SNAP_PIXELS * canvas.view.resolution
    point = shapely.Point(x, y)
    best, best_d = None, reach
    for table in ("zones", "compounds", "streets"):
        fg = canvas.scene.features[table]
        if not len(fg):
            continue
        hits = fg.query((x - reach, y - reach, x + reach, y + reach))
        for geometry in fg.geometries[hits]:
            line = geometry if table == "streets" else geometry.boundary
            d = line.distance(point)
            if d <= best_d:
                foot = line.interpolate(line.project(point))
                best, best_d = (foot.x, foot.y), d
    return best


def trace(canvas: "MapCanvas", a: tuple[float, float], b: tuple[float, float]) -> list[tuple[float, float]]:
    """The vertices between ``a`` and ``b`` along a zone boundary both lie on (the
    shorter way round), so a new zone can follow an existing edge; [] if none."""
    from shapely.ops import substring

    fg = canvas.scene.features["zones"]
    x0, y0 = min(a[0], b[0]), min(a[1], b[1])
    hits = fg.query((x0, y0, max(a[0], b[0]), max(a[1], b[1])))
    pa, pb = shapely.Point(a), shapely.Point(b)
    for geometry in fg.geometries[hits]:
        for ring in shapely.get_rings(shapely.get_parts(geometry)):
            if ring.distance(pa) > 1e-6 or ring.distance(pb) > 1e-6:
                continue
            da, db = ring.project(pa), ring.project(pb)
            forward = substring(ring, min(da, db), max(da, db))
            if forward.length > ring.length / 2:  # the other way round is shorter
                back = [substring(ring, max(da, db), ring.length), substring(ring, 0, min(da, db))]
                coords = list(back[0].coords) + list(back[1].coords)[1:]
                coords = coords if da > db else coords[::-1]
            else:
                coords = list(forward.coords) if da <= db else list(forward.coords)[::-1]
            return [tuple(c) for c in coords[1:-1]]
    return []


def _segment_near(canvas: "MapCanvas", x: float, y: float) -> tuple[tuple, tuple, tuple] | None:
    """The zone boundary segment nearest (x, y) within SNAP_PIXELS: (a, b, foot)."""
    reach = SNAP_PIXELS * canvas.view.resolution
    fg = canvas.scene.features["zones"]
    hits = fg.query((x - reach, y - reach, x + reach, y + reach))
    best = None
    for geometry in fg.geometries[hits]:
        for ring in shapely.get_rings(shapely.get_parts(geometry)):
            c = shapely.get_coordinates(ring)
            a, b = c[:-1], c[1:]
            ab = b - a
            t = np.clip(((x - a[:, 0]) * ab[:, 0] + (y - a[:, 1]) * ab[:, 1]) / np.maximum((ab ** 2).sum(1), 1e-12), 0, 1)
            foot = a + ab * t[:, None]
            d = np.hypot(foot[:, 0] - x, foot[:, 1] - y)
            i = int(np.argmin(d))
            if d[i] <= reach and (best is None or d[i] < best[0]):
                best = (d[i], tuple(a[i]), tuple(b[i]), tuple(foot[i]))
    return best[1:] if best else None


class VertexTool(MapTool):
    """Drag a boundary vertex (it moves in every zone that shares it); double-click
    a boundary to add a vertex; right-click a vertex to delete it. The vertices in
    view show as handles, the one or the segment under the cursor highlighted."""

    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, canvas: "MapCanvas") -> None:
        super().__init__(canvas)
        self.grabbed: tuple[float, float] | None = None
        self.to: tuple[float, float] | None = None
        self._press: MapEvent | None = None
        self._rings: list[np.ndarray] = []  # the outlines through the grabbed vertex
        self._moving: list[np.ndarray] = []  # where in each ring it is
        self.hover_vertex: tuple[float, float] | None = None
        self.hover_segment: tuple[tuple, tuple, tuple] | None = None  # (a, b, foot)
        self.handles = HandlePainter()

    def activate(self) -> None:
        super().activate()
        self.canvas.update()  # the handles appear

    def deactivate(self) -> None:
        self.canvas.update()  # and go

    def press(self, event: MapEvent) -> None:
        vertex = snap_point(self.canvas, event.x, event.y, tables=("zones",))
        self.hover_vertex = self.hover_segment = None
        if event.button == Qt.MouseButton.RightButton:
            if vertex:
                self.canvas.push(DeleteVertex(vertex), at=vertex)
            return
        if event.button == Qt.MouseButton.LeftButton and vertex:
            self.grabbed, self.to, self._press = vertex, vertex, event
            self._rings, self._moving = _rings_through(self.canvas, vertex)

    def move(self, event: MapEvent) -> None:
        if self.grabbed is None:
            self._hover(event)
            return
        self.to = snap_point(self.canvas, event.x, event.y, exclude=self.grabbed) or (event.x, event.y)
        self.canvas.update()  # the frame stays; only the rubber band is drawn again

    def _hover(self, event: MapEvent) -> None:
        """Highlight the vertex a press would grab, else the segment a double-click would split."""
        if self.canvas.scene is None:
            return
        vertex = snap_point(self.canvas, event.x, event.y, tables=("zones",))
        segment = None if vertex else _segment_near(self.canvas, event.x, event.y)
        if (vertex, segment) != (self.hover_vertex, self.hover_segment):
            self.hover_vertex, self.hover_segment = vertex, segment
            self.canvas.update()

    def release(self, event: MapEvent) -> None:
        if self.grabbed is None:
            return
        grabbed, to, press = self.grabbed, self.to, self._press
        self.grabbed = self.to = self._press = None
        moved = abs(event.px - press.px) + abs(event.py - press.py) > CLICK_SLOP
        if moved and to != grabbed:
            self.canvas.push(MoveVertex(grabbed, to, drag=next(_drags)), at=to)
        self.canvas.update()

    def double_click(self, event: MapEvent) -> None:
        segment = _segment_near(self.canvas, event.x, event.y)
        if segment:
            a, b, foot = segment
            self.canvas.push(InsertVertex(a, b, foot), at=foot)

    def paint(self, painter: QPainter) -> None:
        """The handles and the highlight; while dragging, every boundary through
        the vertex, drawn as it will be after the drop."""
        view = self.canvas.view
        scene = self.canvas.scene
        if scene is None:
            return
        dragging = self.grabbed is not None and self.to is not None
        if not dragging:
            paint_hover_segment(painter, view, self.hover_segment)
        shown = self.handles.paint(painter, scene.features["zones"], scene.zone_level, view)
        self.canvas.set_tool_hint(QCoreApplication.translate(
            "VertexTool", "Too many vertices in view to show them: zoom in") if shown.too_many else "")
        if not dragging:
            paint_hover_vertex(painter, view, self.hover_vertex)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(color(EDIT_COLOR), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for ring, moving in zip(self._rings, self._moving):
            moved = ring.copy()
            moved[moving] = self.to
            painter.drawPolyline(QPolygonF([QPointF(x, y) for x, y in view.to_pixels(moved)]))
        (bx, by), = view.to_pixels(np.array([self.to]))
        painter.setBrush(color(EDIT_COLOR))
        painter.drawEllipse(QPointF(bx, by), 4, 4)


def _rings_through(canvas: "MapCanvas", vertex: tuple[float, float]) -> tuple[list, list]:
    """The zone outlines that have ``vertex`` and, for each, the mask of its places."""
    x, y = vertex
    fg = canvas.scene.features["zones"]
    rings, moving = [], []
    for geometry in fg.geometries[fg.query((x, y, x, y))]:
        for ring in shapely.get_rings(shapely.get_parts(geometry)):
            coords = shapely.get_coordinates(ring)
            here = np.hypot(coords[:, 0] - x, coords[:, 1] - y) <= 1e-6
            if here.any():
                rings.append(coords)
                moving.append(here)
    return rings, moving


class SplitTool(MapTool):
    """Click where the cut starts and where it ends: the grid under the line is
    split along it."""

    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, canvas: "MapCanvas") -> None:
        super().__init__(canvas)
        self.start: tuple[float, float] | None = None
        self.end: tuple[float, float] | None = None

    def release(self, event: MapEvent) -> None:
        if event.button != Qt.MouseButton.LeftButton:
            return
        point = snap_point(self.canvas, event.x, event.y) or (event.x, event.y)
        if self.start is None:
            self.start, self.end = point, point
            return
        start, self.start, self.end = self.start, None, None
        line = LineString([start, point])
        reach = line.length * 0.05
        extended = shapely.affinity.scale(line, 1 + 2 * reach / max(line.length, 1e-9),
                                          1 + 2 * reach / max(line.length, 1e-9))  # reach just past both edges
        middle = line.interpolate(0.5, normalized=True)
        zone = self.canvas.scene.hit("zones", middle.x, middle.y, self.canvas.view.resolution)
        if zone is not None:
            self.canvas.push(SplitZone(zone, extended), at=(middle.x, middle.y))
        else:
            self.canvas.refuse(EditError(QCoreApplication.translate(
                "SplitTool", "the cut lies outside every grid: draw it across the grid to split")),
                at=(middle.x, middle.y))
        self.canvas.update()

    def move(self, event: MapEvent) -> None:
        if self.start is not None:
            self.end = (event.x, event.y)
            self.canvas.update()

    def paint(self, painter: QPainter) -> None:
        if self.start is None or self.end is None:
            return
        (ax, ay), (bx, by) = self.canvas.view.to_pixels(np.array([self.start, self.end]))
        painter.setPen(color(EDIT_COLOR))
        painter.drawLine(QPointF(ax, ay), QPointF(bx, by))


class PaintTool(MapTool):
    """Click a grid to paint with, then click buildings, drag a box around them,
    or Shift-drag a lasso: they move into that grid. The running totals of the
    grids show as you go."""

    cursor = Qt.CursorShape.PointingHandCursor

    def __init__(self, canvas: "MapCanvas") -> None:
        super().__init__(canvas)
        self.target: int | None = None
        self._press: MapEvent | None = None
        self._box: tuple[float, float, float, float] | None = None
        self._lasso: list[tuple[float, float]] = []  # map points of a Shift-drag

    def press(self, event: MapEvent) -> None:
        if event.button == Qt.MouseButton.LeftButton:
            self._press = event
            self._lasso = [(event.x, event.y)] if event.modifiers & Qt.KeyboardModifier.ShiftModifier else []

    def move(self, event: MapEvent) -> None:
        press = self._press
        if press is None or abs(event.px - press.px) + abs(event.py - press.py) <= CLICK_SLOP and not self._box:
            return
        if self._lasso:
            self._lasso.append((event.x, event.y))
        else:
            self._box = (press.px, press.py, event.px, event.py)
        self.canvas.update()

    def release(self, event: MapEvent) -> None:
        press, box, lasso = self._press, self._box, self._lasso
        self._press, self._box, self._lasso = None, None, []
        if press is None:
            return
        scene = self.canvas.scene
        if len(lasso) >= 3:
            chosen = self._inside(shapely.Polygon(lasso).buffer(0))
        elif box is not None:
            x0, y0 = self.canvas.view.to_map(min(box[0], box[2]), max(box[1], box[3]))
            x1, y1 = self.canvas.view.to_map(max(box[0], box[2]), min(box[1], box[3]))
            chosen = self._inside(shapely.box(x0, y0, x1, y1))
        else:
            tolerance = 2 * self.canvas.view.resolution
            building = scene.hit("buildings", event.x, event.y, tolerance)
            if building is None or self.target is None:
                zone = scene.hit("zones", event.x, event.y, self.canvas.view.resolution)
                if zone is not None:
                    self.target = zone
                    self.canvas.paint_target_changed.emit(zone)
                return
            chosen = [building]
        at = (event.x, event.y)
        buildings = scene.project.tables["buildings"]
        donors = {buildings[b].zone_id for b in chosen if b in buildings} - {self.target}
        if self.target is None:  # a box or lasso before a grid was chosen
            reason = QCoreApplication.translate("PaintTool", "click a grid to paint with first")
        elif not chosen:
            reason = QCoreApplication.translate("PaintTool", "no building lies wholly inside what was drawn")
        elif not donors:
            reason = QCoreApplication.translate("PaintTool", "those buildings are in that grid already")
        else:
            reason = None  # the command says itself if it is refused
            if self.canvas.push(ReassignBuildings(chosen, self.target), at=at):
                self.canvas.zones_painted.emit((self.target, *sorted(z for z in donors if z is not None)))
        if reason is not None:
            self.canvas.refuse(EditError(reason), at=at)
        self.canvas.update()

    def _inside(self, area) -> list[int]:
        fg = self.canvas.scene.features["buildings"]
        hits = fg.query(area.bounds)
        return [int(fg.ids[i]) for i in hits[shapely.within(fg.geometries[hits], area)]]

    def paint(self, painter: QPainter) -> None:
        painter.setPen(color(EDIT_COLOR))
        painter.setBrush(color(EDIT_COLOR, 40))
        if self._lasso:
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in self.canvas.view.to_pixels(np.array(self._lasso))]))
        elif self._box is not None:
            x0, y0, x1, y1 = self._box
            painter.drawRect(QRectF(QPointF(x0, y0), QPointF(x1, y1)).normalized())


class DrawZoneTool(MapTool):
    """Click the corners of a new zone at ``level`` (1 street office, 2
    community, 3 grid, 4 micro-grid), double-click (or Enter) to finish. Points
    snap to vertices, then to streets, walls and boundaries; two points in a row
    on one boundary follow it. The zone goes into the zone one level up that it
    lies in, clipped to it and cut out of its siblings; where the project has
    no zone of that level, it is a top zone, named by ``ask_name(level)``
    (None: not drawn)."""

    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, canvas: "MapCanvas", level: int = GRID_LEVEL,
                 ask_name: Callable[[int], str | None] | None = None) -> None:
        super().__init__(canvas)
        self.level, self.ask_name = level, ask_name
        self.points: list[tuple[float, float]] = []
        self.cursor_at: tuple[float, float] | None = None

    def snapped(self, event: MapEvent) -> tuple[float, float]:
        return (snap_point(self.canvas, event.x, event.y) or snap_to_lines(self.canvas, event.x, event.y)
                or (event.x, event.y))

    def release(self, event: MapEvent) -> None:
        if event.button != Qt.MouseButton.LeftButton:
            return
        point = self.snapped(event)
        if self.points and point == self.points[-1]:
            return
        if self.points:
            self.points.extend(trace(self.canvas, self.points[-1], point))
        self.points.append(point)
        self.canvas.update()

    def move(self, event: MapEvent) -> None:
        if self.points:
            self.cursor_at = (event.x, event.y)
            self.canvas.update()

    def double_click(self, event: MapEvent) -> None:
        self.finish()

    def key(self, key: Qt.Key) -> bool:
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish()
        elif key == Qt.Key.Key_Escape and self.points:
            self.points, self.cursor_at = [], None
        elif key == Qt.Key.Key_Backspace and self.points:
            self.points.pop()
        else:
            return False
        self.canvas.update()
        return True

    def finish(self, name: str | None = None) -> bool:
        points, self.points, self.cursor_at = self.points, [], None
        self.canvas.update()
        if len(points) < 3:
            if points:
                self.canvas.refuse(EditError(QCoreApplication.translate(
                    "DrawZoneTool", "a zone needs at least three corners: click them, then double-click")),
                    at=points[-1])
            return False
        outline = shapely.Polygon(points)
        inside = outline.representative_point()
        at = (inside.x, inside.y)
        try:
            parent = drawn_parent(self.canvas.scene.project.tables["zones"], outline, self.level)
        except NoParentHere as missing:
            self.canvas.refuse(EditError(QCoreApplication.translate(
                "DrawZoneTool", "no %1 lies here to hold the new %2: draw it inside one")
                .replace("%1", level_word(missing.level - 1)).replace("%2", level_word(missing.level))), at=at)
            return False
        if parent is None and name is None and self.ask_name is not None:
            name = self.ask_name(self.level)
            if name is None:
                return False
        return self.canvas.push(DrawZone(parent, outline, name, self.level), at=at)

    def paint(self, painter: QPainter) -> None:
        if not self.points:
            return
        shown = self.points + ([self.cursor_at] if self.cursor_at else [])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(color(EDIT_COLOR), 2))
        painter.drawPolyline(QPolygonF([QPointF(x, y) for x, y in self.canvas.view.to_pixels(np.array(shown))]))
