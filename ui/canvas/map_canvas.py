"""The map canvas: draws the scene through layers/render, pans and zooms, and
hands mouse events to the active map tool.

A frame is rendered into an image only when the view or the data changed;
paint events otherwise reuse it, a drag moves it without drawing, and a pan
by whole pixels draws only the strips that come into view (a whole frame is
drawn again once the map has stood still for a moment).

What is dragged onto the map goes to the drop handler set with
``set_drop_handler`` (staff from the roster: ui/staff/map_drop.py).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QPointF, QSize, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QImage, QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QWidget

from gridmap.errors import EditError
from gridmap.selection import Item, Selection, item_geometry
from layers import styles
from layers.model import LayerSet
from layers.render.decorations import draw_north_arrow, draw_scale_bar
from layers.render.frames import FrameRenderer
from layers.render.qt import color
from layers.render.renderers import render_selection
from layers.scene import MapScene
from layers.view import MapView
from ui.canvas.callouts import RefusalMarker
from ui.canvas.drops import DropHandler
from ui.canvas.tools import MapEvent, MapTool, PanSelectTool


class Overlay(Protocol):
    """What another part of the window draws over the map (a zone's former boundaries)."""

    changed: SignalInstance  # draw again

    def paint(self, painter: QPainter, view: MapView) -> None: ...

WHEEL_STEP = 1.25  # zoom factor per wheel notch
KEY_PAN_FRACTION = 0.125  # arrow keys move an eighth of the view
HIT_TOLERANCE_PIXELS = 6
SETTLE_MS = 300  # after panning stops, one whole frame replaces the stitched one
MIN_FRAME_METRES = 80.0  # zooming to a building shows at least this much around it

# Which tables a click can select, first hit wins, and as what kind.
CLICK_ORDER = (("site_points", "site_point"), ("site_routes", "site_route"), ("buildings", "building"),
               ("zones", "zone"))
# Site features are picked only where they are drawn (their layer shown, at this scale).
SHOWN_FROM = {"site_points": styles.SITE_MIN_PIXELS_PER_METRE, "site_routes": styles.ROUTE_MIN_PIXELS_PER_METRE}
ROUTE_HIT_PIXELS = 4  # a route is a thin line: near it, not a finger's width away


class MapCanvas(QWidget):
    view_changed = Signal(object)  # MapView
    cursor_moved = Signal(float, float)  # map metres
    frame_drawn = Signal()  # after each paint
    tool_changed = Signal(object)  # the MapTool now active: connect to its signals

    def __init__(self, layers: LayerSet, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapCanvas")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(200, 150)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.layers = layers
        self.selection = selection
        self.scene: MapScene | None = None
        self.frames: FrameRenderer | None = None
        self._view: MapView | None = None
        self._frame: QImage | None = None
        self._frame_view: MapView | None = None
        self._drag = (0.0, 0.0)
        self._fitted = False  # showing the full extent: stays so when the widget is resized
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._redraw_whole)
        self.refusal = RefusalMarker(self)  # where the last edit was refused
        self.refusal.changed.connect(self.update)
        self._drops: DropHandler | None = None
        self._overlays: list[Overlay] = []  # drawn over the map by others (see add_overlay)
        layers.changed.connect(self.refresh)
        selection.changed.connect(self._on_selection)
        self.tool: MapTool = PanSelectTool(self)
        self.tool.activate()

    # -- scene and view ----------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(1000, 700)  # the map is what the window is for: docks take what is left

    def set_scene(self, scene: MapScene) -> None:
        if self.scene is not None:
            self.scene.changed.disconnect(self._on_scene_changed)
        self.scene = scene
        self.refusal.clear()  # it was about the other project
        self.frames = FrameRenderer(scene, self.layers, self.devicePixelRatioF())
        scene.changed.connect(self._on_scene_changed)
        self._frame_view = None
        self.zoom_full()

    @property
    def view(self) -> MapView:
        if self._view is None or (self._view.width, self._view.height) != (self.width(), self.height()):
            bounds = self.scene.bounds if self.scene else (0, 0, 1000, 1000)
            self._view = (MapView.fit(bounds, self.width(), self.height()) if self._view is None
                          else self._view.resized(self.width(), self.height()))
        return self._view

    def set_view(self, view: MapView, fitted: bool = False) -> None:
        self._fitted = fitted
        self._view = view
        self.update()
        self.view_changed.emit(view)

    def set_tool(self, tool: MapTool) -> None:
        self.tool.deactivate()
        self.tool.set_hint("")  # its hint goes with it
        self.tool = tool
        tool.activate()
        self.tool_changed.emit(tool)

    def push(self, command, at: tuple[float, float] | None = None) -> bool:
        """Do an edit from a map tool; a refused one is reported (marked at ``at``,
        map metres, else where its problem is), not raised."""
        try:
            done = self.scene.project.undo_stack.push(command)
        except EditError as exc:
            self.refuse(exc, at)
            return False
        if done:
            self._edit_done()
        return done

    def refuse(self, error: EditError, at: tuple[float, float] | None = None) -> None:
        """Say on the map (and through ``refusal.refused``, to the window) that an edit was not done."""
        self.refusal.show(error, at, self.scene.project if self.scene else None)

    def _edit_done(self) -> None:
        self.refusal.edit_done()

    def refresh(self, *_args) -> None:
        """Draw a whole new frame at the next paint (data or style changed)."""
        if self.frames is not None:
            self.frames.invalidate()
        self._frame_view = None
        self.update()

    def _redraw_whole(self) -> None:
        if self.frames is not None and self.frames.reused:
            self.refresh()

    def _on_scene_changed(self, _tables) -> None:
        self._edit_done()  # an edit from anywhere (a dialog, undo) makes an old refusal stale
        self.refresh()

    # -- navigation ----------------------------------------------------------------

    def zoom_full(self) -> None:
        if self.scene is not None:
            self.set_view(MapView.fit(self.scene.bounds, self.width(), self.height()), fitted=True)

    def zoom_to(self, bounds: tuple[float, float, float, float], min_span: float = MIN_FRAME_METRES) -> None:
        minx, miny, maxx, maxy = bounds
        cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
        half = max(maxx - minx, maxy - miny, min_span) / 2
        box = (cx - max(half, (maxx - minx) / 2), cy - max(half, (maxy - miny) / 2),
               cx + max(half, (maxx - minx) / 2), cy + max(half, (maxy - miny) / 2))
        self.set_view(MapView.fit(box, self.width(), self.height(), margin=0.15))

    def zoom_by(self, factor: float, anchor: tuple[float, float] | None = None) -> None:
        self.set_view(self.view.zoomed(factor, anchor))

    def pan_by(self, dx: float, dy: float) -> None:
        self.set_view(self.view.panned(round(dx), round(dy)))
        self._settle.start()

    def set_drag_offset(self, dx: float, dy: float) -> None:
        """Show the last frame moved by (dx, dy) pixels, without drawing a new one."""
        self._drag = (dx, dy)
        self.update()

    # -- selection -------------------------------------------------------------------

    def item_at(self, x: float, y: float) -> Item | None:
        for table, kind in CLICK_ORDER:
            if table in SHOWN_FROM and (1.0 / self.view.resolution < SHOWN_FROM[table]
                                        or not self.layers.get(table).visible):
                continue
            pixels = ROUTE_HIT_PIXELS if table == "site_routes" else HIT_TOLERANCE_PIXELS
            found = self.scene.hit(table, x, y, pixels * self.view.resolution)
            if found is not None:
                return Item(kind, found)
        return None

    def select_at(self, x: float, y: float) -> None:
        self.selection.set(self.item_at(x, y), source=self)

    def _on_selection(self, _item, _source) -> None:
        self.update()  # the selection is drawn over the frame, which stays

    def _selected_geometry(self):
        if self.scene is None:
            return None
        return item_geometry(self.scene.project, self.selection.item)

    # -- drawing ---------------------------------------------------------------------

    def render_frame(self) -> QImage:
        """The frame for the current view (reusing the last one where it can)."""
        if self.frames is None:
            image = QImage(self.width(), self.height(), QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(color(styles.BACKGROUND))
            return image
        return self.frames.render(self.view)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        view = self.view
        if self._frame is None or self._frame_view != view:
            self._frame = self.render_frame()
            self._frame_view = view
        painter = QPainter(self)
        dx, dy = self._drag
        if dx or dy:
            painter.fillRect(self.rect(), color(styles.BACKGROUND))
        painter.drawImage(QPointF(dx, dy), self._frame)
        if not (dx or dy):
            render_selection(painter, self._selected_geometry(), view)
            for overlay in self._overlays:
                overlay.paint(painter, view)
            self.tool.paint(painter)
            self.refusal.paint(painter, view)
        draw_scale_bar(painter, view, 16, self.height() - 14)
        draw_north_arrow(painter, self.width() - 44, 52)
        painter.end()
        self.frame_drawn.emit()

    def add_overlay(self, overlay: Overlay) -> None:
        """Draw ``overlay`` over the map, under the tool's marks, whenever it changes
        (not while the map is dragged: the frame moves without a new view)."""
        if overlay not in self._overlays:
            self._overlays.append(overlay)
            overlay.changed.connect(self.update)
            self.update()

    # -- drag and drop -------------------------------------------------------------------

    def set_drop_handler(self, handler: DropHandler | None) -> None:
        """What is dragged onto the map goes to ``handler`` (None: nothing can be dropped)."""
        self._drops = handler
        self.setAcceptDrops(handler is not None)

    def _drop_point(self, event) -> tuple[float, float] | None:
        """The map point of a drag the handler can drop there, else None."""
        if self.scene is None or self._drops is None:
            return None
        p = event.position()
        x, y = self.view.to_map(p.x(), p.y())
        return (x, y) if self._drops.can_drop(event.mimeData(), x, y) else None

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self._drops is not None and self._drops.accepts(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if self._drop_point(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        point = self._drop_point(event)
        if point is not None:
            event.acceptProposedAction()
            self._drops.drop(event.mimeData(), *point)

    # -- Qt events → map events -------------------------------------------------------

    def _map_event(self, event: QMouseEvent | QWheelEvent) -> MapEvent:
        p = event.position()
        x, y = self.view.to_map(p.x(), p.y())
        button = event.button() if isinstance(event, QMouseEvent) else Qt.MouseButton.NoButton
        return MapEvent(p.x(), p.y(), x, y, button, event.modifiers())

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.tool.press(self._map_event(event))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        map_event = self._map_event(event)
        self.cursor_moved.emit(map_event.x, map_event.y)
        self.tool.move(map_event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.tool.release(self._map_event(event))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.tool.double_click(self._map_event(event))

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        steps = event.angleDelta().y() / 120.0
        if steps:
            p = event.position()
            self.zoom_by(WHEEL_STEP ** steps, (p.x(), p.y()))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if self.tool.key(key):
            return
        step_x, step_y = self.width() * KEY_PAN_FRACTION, self.height() * KEY_PAN_FRACTION
        moves = {Qt.Key.Key_Left: (step_x, 0), Qt.Key.Key_Right: (-step_x, 0),
                 Qt.Key.Key_Up: (0, step_y), Qt.Key.Key_Down: (0, -step_y)}
        if key in moves:
            self.pan_by(*moves[key])
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(WHEEL_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / WHEEL_STEP)
        elif key == Qt.Key.Key_Home:
            self.zoom_full()
        elif key == Qt.Key.Key_Escape:
            self.selection.set(None, source=self)
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._fitted:
            self.zoom_full()
        else:
            self.view_changed.emit(self.view)
