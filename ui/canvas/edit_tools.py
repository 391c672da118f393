"""Map tools that edit boundaries: move, add and delete shared vertices, split a
grid along a line, paint buildings into a grid. Each turns map events into one
command on the undo stack; a refused edit changes nothing and says why.

Positions snap to the nearest vertex of a zone, compound wall or building
within ``SNAP_PIXELS`` (so new boundaries meet old ones exactly); the geometry
of snapping is Qt-free, in layers/snapping.py.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING
from collections.abc import Callable

import numpy as np
import shapely
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPen, QPolygonF
from shapely.geometry import LineString

from gridmap.commands.office import NoParentHere, drawn_parent
from gridmap.commands.zones import DeleteVertex, DrawZone, InsertVertex, MoveVertex, ReassignBuildings, SplitZone
from gridmap.errors import EditError
from gridmap.levels import project_depths
from layers.render.qt import color
from layers.snapping import rings_through, segment_near, snap_point, snap_to_lines, trace
from ui.canvas.handles import HandlePainter, paint_hover_segment, paint_hover_vertex
from ui.canvas.tools import CLICK_SLOP, MapEvent, MapTool
from ui.zone_levels import level_word

if TYPE_CHECKING:
    from ui.canvas.map_canvas import MapCanvas

SNAP_PIXELS = 8
EDIT_COLOR = "#e67e22"
_drags = itertools.count(1)


def snap_reach(canvas: MapCanvas) -> float:
    """How far (map metres) a position snaps at the canvas's scale."""
    return SNAP_PIXELS * canvas.view.resolution


class VertexTool(MapTool):
    """Drag a boundary vertex (it moves in every zone that shares it); double-click
    a boundary to add a vertex; right-click a vertex to delete it. The vertices in
    view show as handles, the one or the segment under the cursor highlighted."""

    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, canvas: MapCanvas) -> None:
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
        vertex = snap_point(self.canvas.scene.features, event.x, event.y, snap_reach(self.canvas), tables=("zones",))
        self.hover_vertex = self.hover_segment = None
        if event.button == Qt.MouseButton.RightButton:
            if vertex:
                self.canvas.push(DeleteVertex(vertex), at=vertex)
            return
        if event.button == Qt.MouseButton.LeftButton and vertex:
            self.grabbed, self.to, self._press = vertex, vertex, event
            self._rings, self._moving = rings_through(self.canvas.scene.features, vertex)

    def move(self, event: MapEvent) -> None:
        if self.grabbed is None:
            self._hover(event)
            return
        self.to = (snap_point(self.canvas.scene.features, event.x, event.y, snap_reach(self.canvas),
                              exclude=self.grabbed) or (event.x, event.y))
        self.canvas.update()  # the frame stays; only the rubber band is drawn again

    def _hover(self, event: MapEvent) -> None:
        """Highlight the vertex a press would grab, else the segment a double-click would split."""
        if self.canvas.scene is None:
            return
        features, reach = self.canvas.scene.features, snap_reach(self.canvas)
        vertex = snap_point(features, event.x, event.y, reach, tables=("zones",))
        segment = None if vertex else segment_near(features, event.x, event.y, reach)
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
        segment = segment_near(self.canvas.scene.features, event.x, event.y, snap_reach(self.canvas))
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
        self.set_hint(QCoreApplication.translate(
            "VertexTool", "Too many vertices in view to show them: zoom in") if shown.too_many else "")
        if not dragging:
            paint_hover_vertex(painter, view, self.hover_vertex)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(color(EDIT_COLOR), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for ring, moving in zip(self._rings, self._moving, strict=True):
            moved = ring.copy()
            moved[moving] = self.to
            painter.drawPolyline(QPolygonF([QPointF(x, y) for x, y in view.to_pixels(moved)]))
        (bx, by), = view.to_pixels(np.array([self.to]))
        painter.setBrush(color(EDIT_COLOR))
        painter.drawEllipse(QPointF(bx, by), 4, 4)


class SplitTool(MapTool):
    """Click where the cut starts and where it ends: the grid under the line is
    split along it."""

    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self.start: tuple[float, float] | None = None
        self.end: tuple[float, float] | None = None

    def release(self, event: MapEvent) -> None:
        if event.button != Qt.MouseButton.LeftButton:
            return
        point = snap_point(self.canvas.scene.features, event.x, event.y, snap_reach(self.canvas)) or (event.x, event.y)
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

    target_picked = Signal(int)  # the grid to paint with
    painted = Signal(object)  # the grids a paint changed, the target first

    cursor = Qt.CursorShape.PointingHandCursor

    def __init__(self, canvas: MapCanvas) -> None:
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
        if press is None or (abs(event.px - press.px) + abs(event.py - press.py) <= CLICK_SLOP and not self._box):
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
                    self.target_picked.emit(zone)
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
                self.painted.emit((self.target, *sorted(z for z in donors if z is not None)))
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
            pixels = self.canvas.view.to_pixels(np.array(self._lasso))
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in pixels]))
        elif self._box is not None:
            x0, y0, x1, y1 = self._box
            painter.drawRect(QRectF(QPointF(x0, y0), QPointF(x1, y1)).normalized())


class DrawZoneTool(MapTool):
    """Click the corners of a new zone at ``level`` (a depth of the zone tree;
    the grid level when None), double-click (or Enter) to finish. Points
    snap to vertices, then to streets, walls and boundaries; two points in a row
    on one boundary follow it. The zone goes into the zone one level up that it
    lies in, clipped to it and cut out of its siblings; where the project has
    no zone of that level, it is a top zone, named by ``ask_name(level)``
    (None: not drawn)."""

    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, canvas: MapCanvas, level: int | None = None,
                 ask_name: Callable[[int], str | None] | None = None) -> None:
        super().__init__(canvas)
        self.level = level if level is not None else project_depths(canvas.scene.project).grid
        self.ask_name = ask_name
        self.points: list[tuple[float, float]] = []
        self.cursor_at: tuple[float, float] | None = None

    def snapped(self, event: MapEvent) -> tuple[float, float]:
        features, reach = self.canvas.scene.features, snap_reach(self.canvas)
        return (snap_point(features, event.x, event.y, reach) or snap_to_lines(features, event.x, event.y, reach)
                or (event.x, event.y))

    def release(self, event: MapEvent) -> None:
        if event.button != Qt.MouseButton.LeftButton:
            return
        point = self.snapped(event)
        if self.points and point == self.points[-1]:
            return
        if self.points:
            self.points.extend(trace(self.canvas.scene.features, self.points[-1], point))
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
            levels = self.canvas.scene.project.levels
            self.canvas.refuse(EditError(QCoreApplication.translate(
                "DrawZoneTool", "no %1 lies here to hold the new %2: draw it inside one")
                .replace("%1", level_word(missing.level - 1, levels)).replace("%2", level_word(missing.level, levels))),
                at=at)
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
