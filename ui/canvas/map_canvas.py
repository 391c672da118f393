"""The map canvas: draws the scene through layers/render, pans and zooms, and
hands mouse events to the active map tool.

A frame is rendered into an image only when the view or the data changed;
paint events otherwise reuse it, a drag moves it without drawing, and a pan
by whole pixels draws only the strips that come into view (a whole frame is
drawn again once the map has stood still for a moment).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt, QTimer, Signal
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
from ui.canvas.tools import MapEvent, MapTool, PanSelectTool
from ui.staff.mime import staff_ids_from

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
    edit_refused = Signal(object)  # the EditError of an edit from a map tool that changed nothing
    refusal_cleared = Signal(str)  # an edit was done since the last refusal: its caption
    tool_hint = Signal(str)  # what the active tool needs said beside the status bar ("" = nothing)
    paint_target_changed = Signal(int)  # the grid the paint tool paints with
    zones_painted = Signal(object)  # the grids a paint changed, the target first
    building_opened = Signal(int)  # double-clicked: show its colour plan
    staff_dropped = Signal(object, object)  # staff ids dragged from the roster, the Item they were dropped on
    tool_done = Signal()  # the active tool is finished with (Escape): back to browsing

    def __init__(self, layers: LayerSet, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapCanvas")
        self.setMouseTracking(True)
        self.setAcceptDrops(True)  # staff from the roster
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
        self._tool_hint = ""
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
        self.set_tool_hint("")
        self.tool = tool
        tool.activate()

    def set_tool_hint(self, text: str) -> None:
        if text != self._tool_hint:
            self._tool_hint = text
            self.tool_hint.emit(text)

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
        """Say on the map and to the window (``edit_refused``) that an edit was not done."""
        self.refusal.show(error, at, self.scene.project if self.scene else None)
        self.edit_refused.emit(error)

    def _edit_done(self) -> None:
        caption = self.refusal.caption
        if self.refusal.clear():
            self.refusal_cleared.emit(caption)

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
            self.tool.paint(painter)
            self.refusal.paint(painter, view)
        draw_scale_bar(painter, view, 16, self.height() - 14)
        draw_north_arrow(painter, self.width() - 44, 52)
        painter.end()
        self.frame_drawn.emit()

    # -- staff dragged from the roster ---------------------------------------------------

    def _drop_target(self, event) -> Item | None:
        """The site point (a checkpoint is staffed), else the building under the
        cursor, else the leaf grid there."""
        if self.scene is None or not staff_ids_from(event.mimeData()):
            return None
        p = event.position()
        x, y = self.view.to_map(p.x(), p.y())
        item = self.item_at(x, y)
        return item if item is not None and item.kind in ("zone", "building", "site_point") else None

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if staff_ids_from(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if self._drop_target(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        target = self._drop_target(event)
        if target is not None:
            event.acceptProposedAction()
            self.staff_dropped.emit(staff_ids_from(event.mimeData()), target)

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
