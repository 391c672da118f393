"""A building's colour plan as a widget: drawn by layers/render/plan.py at a
zoom factor, one square per room, rooms chosen as cells of a spreadsheet
(gridmap/plans/selection.py: click, Shift range, Ctrl toggle, drag, arrows)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QMouseEvent, QPainter
from PySide6.QtWidgets import QWidget

from gridmap.plans.layout import PlanLayout, plan_layout
from gridmap.plans.selection import Cell, RoomSelection
from layers.render.plan import PlanGeometry, draw_plan
from layers.render.qt import color

if TYPE_CHECKING:
    from gridmap.project import Project

ZOOM_RANGE = (0.25, 4.0)
ARROWS = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1), Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)}


class PlanCanvas(QWidget):
    selection_changed = Signal(object)  # frozenset of household ids
    current_moved = Signal(QRect)  # the current room, in widget pixels: the scroll area keeps it in view
    zoom_requested = Signal(float, QPointF)  # Ctrl+wheel: a factor, about this point

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planCanvas")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.geometry_ = PlanGeometry()
        self.zoom = 1.0
        self.project: Project | None = None
        self.layout_: PlanLayout | None = None
        self.rooms = RoomSelection()
        self.highlighted: frozenset[int] = frozenset()  # household ids drawn with a ring
        self.linked: frozenset[int] = frozenset()  # household ids a party member looks after
        self.show_linked = False  # mark them (a red corner)
        self._dragging = False

    # -- what is shown ---------------------------------------------------------

    def show_building(self, project: Project, building_id: int, keep_selection: bool = False) -> None:
        self.project = project
        building = project.tables["buildings"][building_id]
        units = [u for u in project.tables["units"].values() if u.building_id == building_id]
        homes = [h for h in project.tables["households"].values() if h.building_id == building_id]
        self.layout_ = plan_layout(building, units, homes)
        if keep_selection:
            self.rooms.reshape(self.layout_.shape)
        else:
            self.rooms = RoomSelection(self.layout_.shape)
        self.linked = frozenset(link.household_id for link in project.tables["party_links"].values())
        self._resize()

    def clear(self) -> None:
        """Show nothing (the project was closed, the building removed)."""
        self.project, self.layout_ = None, None
        self.rooms = RoomSelection()
        self.highlighted = self.linked = frozenset()
        self._resize()

    def plan_size(self) -> tuple[float, float]:
        """The plan's size at zoom 1 (nothing shown: 0 × 0)."""
        return self.geometry_.size(self.layout_) if self.layout_ is not None else (0.0, 0.0)

    def set_zoom(self, zoom: float) -> float:
        self.zoom = min(max(zoom, ZOOM_RANGE[0]), ZOOM_RANGE[1])
        self._resize()
        return self.zoom

    def _resize(self) -> None:
        width, height = self.plan_size()
        self.setFixedSize(QSize(max(int(width * self.zoom) + 1, 1), max(int(height * self.zoom) + 1, 1)))
        self.update()

    @property
    def selected(self) -> frozenset[Cell]:
        return self.rooms.cells

    @selected.setter
    def selected(self, cells) -> None:
        """Choose ``cells`` (a program, a test): the editor and the buttons follow, as after a click."""
        self.rooms.set(cells)
        self._chosen()

    def selected_households(self) -> frozenset[int]:
        cells = self.layout_.cells if self.layout_ else {}
        return frozenset(cells[c] for c in self.rooms.cells if c in cells)

    def cell_at(self, point: QPointF) -> Cell | None:
        if self.layout_ is None:
            return None
        return self.geometry_.cell_at(self.layout_, point.x() / self.zoom, point.y() / self.zoom)

    def cell_pixels(self, cell: Cell) -> QRect:
        rect = self.geometry_.cell_rect(*cell)
        return QRect(int(rect.left() * self.zoom), int(rect.top() * self.zoom),
                     int(rect.width() * self.zoom) + 1, int(rect.height() * self.zoom) + 1)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), color("#ffffff"))
        if self.layout_ is not None and self.project is not None:
            painter.scale(self.zoom, self.zoom)
            draw_plan(painter, self.layout_, self.project.tables["households"], self.project.tag_defs,
                      self.geometry_, self.rooms.cells, self.highlighted,
                      self.linked if self.show_linked else frozenset())
        painter.end()

    # -- choosing rooms ------------------------------------------------------------

    def _chosen(self) -> None:
        self.update()
        if self.rooms.current is not None:
            self.current_moved.emit(self.cell_pixels(self.rooms.current))
        self.selection_changed.emit(self.selected_households())

    def keyPressEvent(self, event) -> None:  # noqa: N802
        """Arrows move between rooms (Shift stretches the range); Ctrl+A takes them all."""
        if self.layout_ is not None and event.matches(QKeySequence.StandardKey.SelectAll):
            self.rooms.select_all()
            self._chosen()
            return
        if self.layout_ is None or event.key() not in ARROWS:
            super().keyPressEvent(event)
            return
        rows, columns = ARROWS[event.key()]
        self.rooms.move(rows, columns, extend=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
        self._chosen()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.layout_ is None or event.button() != Qt.MouseButton.LeftButton:
            return
        modifiers = event.modifiers()
        self.rooms.press(self.cell_at(event.position()),
                         shift=bool(modifiers & Qt.KeyboardModifier.ShiftModifier),
                         ctrl=bool(modifiers & Qt.KeyboardModifier.ControlModifier))
        self._dragging = True
        self._chosen()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if not self._dragging or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        before = self.rooms.cells
        self.rooms.drag_to(self.cell_at(event.position()))
        if self.rooms.cells != before:
            self._chosen()

    def mouseReleaseEvent(self, _event: QMouseEvent) -> None:  # noqa: N802
        self._dragging = False

    def wheelEvent(self, event) -> None:  # noqa: N802
        """Ctrl+wheel zooms about the mouse; the plain wheel scrolls (the scroll area's)."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.angleDelta().y():
            self.zoom_requested.emit(1.25 if event.angleDelta().y() > 0 else 0.8, event.position())
            event.accept()
            return
        event.ignore()
