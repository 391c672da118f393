"""Map tools for site features: place a gate, checkpoint, sampling or supply
point; draw a route or a closed loop; drag a site point somewhere else. Each
edit is one command on the undo stack. A drag still pans the map in the placing
and drawing tools; Escape drops what is under way and goes back to browsing."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainter, QPen, QPolygonF

from gridmap.commands.site import AddSitePoint, AddSiteRoute, MoveSitePoint, route_shape
from gridmap.commands.stack import Command
from gridmap.errors import EditError
from gridmap.selection import Item
from layers.render.qt import color
from layers.snapping import snap_to_lines
from ui.canvas.edit_tools import EDIT_COLOR, snap_reach
from ui.canvas.tools import CLICK_SLOP, MapEvent, PanSelectTool

if TYPE_CHECKING:
    from ui.canvas.map_canvas import MapCanvas

# What the placing tool asks for a point of a kind: (kind, name, state), None if cancelled.
AskPoint = Callable[[str], "tuple[str, str, str] | None"]
AskName = Callable[[str], "str | None"]


def snap_to_wall(canvas: MapCanvas, x: float, y: float) -> tuple[float, float] | None:
    """The nearest point on a compound wall within SNAP_PIXELS (a gate is in a wall)."""
    return snap_to_lines(canvas.scene.features, x, y, snap_reach(canvas), tables=("compounds",))


class _SiteTool(PanSelectTool):
    """Drag pans, click does the tool's work, Escape leaves."""

    cursor = Qt.CursorShape.CrossCursor

    def double_click(self, event: MapEvent) -> None:
        pass  # no zooming while placing or drawing

    def key(self, key: Qt.Key) -> bool:
        if key == Qt.Key.Key_Escape:
            self.cancel()
            self.finished.emit()
            return True
        return False

    def cancel(self) -> None:
        """Drop whatever is under way."""

    def _push(self, make: Callable[[], Command], at: tuple[float, float]) -> Command | None:
        """Make and do the edit; a refusal (bad input included) is reported at ``at``, not raised."""
        try:
            command = make()
        except EditError as error:
            self.canvas.refuse(error, at)
            return None
        return command if self.canvas.push(command, at=at) else None


class PlaceSitePointTool(_SiteTool):
    """Click where the point goes; ``ask`` gets its kind (preset), name and, for
    a gate, whether it is open. Gates snap to the nearest compound wall."""

    def __init__(self, canvas: MapCanvas, kind: str, ask: AskPoint) -> None:
        super().__init__(canvas)
        self.kind, self.ask = kind, ask

    def clicked(self, event: MapEvent) -> None:
        if event.button != Qt.MouseButton.LeftButton:
            return
        x, y = (snap_to_wall(self.canvas, event.x, event.y) if self.kind == "gate" else None) or (event.x, event.y)
        answer = self.ask(self.kind)
        if answer is None:
            return
        kind, name, state = answer
        command = self._push(lambda: AddSitePoint(kind, name, (x, y), state or None), at=(x, y))
        if command is not None:
            self.canvas.selection.set(Item("site_point", command.point_id), source=self.canvas)


class DrawRouteTool(_SiteTool):
    """Click the vertices; double-click or Enter finishes (then ``ask`` names the
    route), Backspace takes back the last vertex. A closed loop is closed for you."""

    def __init__(self, canvas: MapCanvas, kind: str, ask: AskName) -> None:
        super().__init__(canvas)
        self.kind, self.ask = kind, ask
        self.points: list[tuple[float, float]] = []
        self.cursor_at: tuple[float, float] | None = None

    def clicked(self, event: MapEvent) -> None:
        if event.button == Qt.MouseButton.LeftButton:
            self._add((event.x, event.y))

    def double_click(self, event: MapEvent) -> None:
        # Qt sends press, release, double-click, release: the click has added the
        # vertex, and the last release (no press before it) is ignored.
        self._add((event.x, event.y))
        self.finish()

    def _add(self, point: tuple[float, float]) -> None:
        if not self.points or point != self.points[-1]:
            self.points.append(point)
        self.canvas.update()

    def move(self, event: MapEvent) -> None:
        super().move(event)
        if self.points:
            self.cursor_at = (event.x, event.y)
            self.canvas.update()

    def key(self, key: Qt.Key) -> bool:
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish()
        elif key == Qt.Key.Key_Backspace and self.points:
            self.points.pop()
            self.canvas.update()
        else:
            return super().key(key)
        return True

    def cancel(self) -> None:
        self.points, self.cursor_at = [], None
        self.canvas.update()

    def finish(self) -> bool:
        """Ask the name and add the route; the drawn points stay for another try
        if the name is not given or the route is refused."""
        points = list(self.points)
        if not points:
            return False
        try:
            route_shape(self.kind, points)  # too few points: say so before asking for a name
        except EditError as error:
            self.canvas.refuse(error, points[-1])
            return False
        name = self.ask(self.kind)
        if name is None:
            return False
        command = self._push(lambda: AddSiteRoute(self.kind, name, points), at=points[-1])
        if command is not None:
            self.cancel()
            self.canvas.selection.set(Item("site_route", command.route_id), source=self.canvas)
        return command is not None

    def paint(self, painter: QPainter) -> None:
        if not self.points:
            return
        shown = self.points + ([self.cursor_at] if self.cursor_at else [])
        pixels = [QPointF(x, y) for x, y in self.canvas.view.to_pixels(np.array(shown))]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(color(EDIT_COLOR), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolyline(QPolygonF(pixels))
        if self.kind == "closed-loop" and len(pixels) >= 3:  # where the loop will close
            painter.setPen(QPen(color(EDIT_COLOR), 1, Qt.PenStyle.DashLine))
            painter.drawLine(pixels[-1], pixels[0])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color(EDIT_COLOR))
        for p in pixels[:len(self.points)]:
            painter.drawEllipse(p, 3, 3)


class MoveSitePointTool(PanSelectTool):
    """Drag a site point to its new place (gates slide along compound walls);
    a press elsewhere pans and selects as usual."""

    cursor = Qt.CursorShape.SizeAllCursor

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self.grabbed: int | None = None
        self.to: tuple[float, float] | None = None
        self._press: MapEvent | None = None

    def press(self, event: MapEvent) -> None:
        item = self.canvas.item_at(event.x, event.y) if event.button == Qt.MouseButton.LeftButton else None
        if item is None or item.kind != "site_point":
            super().press(event)
            return
        self.canvas.selection.set(item, source=self.canvas)
        self.grabbed, self._press, self.to = item.id, event, None

    def move(self, event: MapEvent) -> None:
        if self.grabbed is None:
            super().move(event)
            return
        if abs(event.px - self._press.px) + abs(event.py - self._press.py) > CLICK_SLOP:
            self.to = self._target(event)
            self.canvas.update()

    def release(self, event: MapEvent) -> None:
        if self.grabbed is None:
            super().release(event)
            return
        point_id, press = self.grabbed, self._press
        self.grabbed = self._press = self.to = None
        if abs(event.px - press.px) + abs(event.py - press.py) > CLICK_SLOP:
            to = self._target(event, point_id)
            self.canvas.push(MoveSitePoint(point_id, to), at=to)
        self.canvas.update()

    def _target(self, event: MapEvent, point_id: int | None = None) -> tuple[float, float]:
        point = self.canvas.scene.project.tables["site_points"].get(point_id or self.grabbed)
        snapped = snap_to_wall(self.canvas, event.x, event.y) if point is not None and point.kind == "gate" else None
        return snapped or (event.x, event.y)

    def key(self, key: Qt.Key) -> bool:
        if key == Qt.Key.Key_Escape:
            self.grabbed = self._press = self.to = None
            self.finished.emit()
            return True
        return False

    def paint(self, painter: QPainter) -> None:
        if self.grabbed is None or self.to is None:
            return
        point = self.canvas.scene.project.tables["site_points"].get(self.grabbed)
        if point is None:
            return
        (ax, ay), (bx, by) = self.canvas.view.to_pixels(np.array([[point.geometry.x, point.geometry.y], self.to]))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(color(EDIT_COLOR), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(ax, ay), QPointF(bx, by))
        painter.setPen(QPen(color(EDIT_COLOR), 2))
        painter.setBrush(color(EDIT_COLOR, 90))
        painter.drawEllipse(QPointF(bx, by), 6, 6)
