"""A building's colour plan as a widget: drawn by layers/render/plan.py, one
square per room; a click selects a room (Shift/Ctrl add to the selection)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from gridmap.plans.layout import PlanLayout, plan_layout
from layers.render.plan import PlanGeometry, draw_plan
from layers.render.qt import color

if TYPE_CHECKING:
    from gridmap.project import Project


class PlanCanvas(QWidget):
    selection_changed = Signal(object)  # frozenset of household ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planCanvas")
        self.geometry_ = PlanGeometry()
        self.project: Project | None = None
        self.layout_: PlanLayout | None = None
        self.selected: frozenset[tuple[int, int]] = frozenset()

    def show_building(self, project: "Project", building_id: int) -> None:
        self.project = project
        building = project.tables["buildings"][building_id]
        units = [u for u in project.tables["units"].values() if u.building_id == building_id]
        homes = [h for h in project.tables["households"].values() if h.building_id == building_id]
        self.layout_ = plan_layout(building, units, homes)
        self.selected = frozenset()
        width, height = self.geometry_.size(self.layout_)
        self.setFixedSize(QSize(int(max(width, 320)), int(height)))
        self.update()

    def selected_households(self) -> frozenset[int]:
        cells = self.layout_.cells if self.layout_ else {}
        return frozenset(cells[c] for c in self.selected if c in cells)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), color("#ffffff"))
        if self.layout_ is not None and self.project is not None:
            draw_plan(painter, self.layout_, self.project.tables["households"], self.project.tag_defs,
                      self.geometry_, self.selected)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.layout_ is None:
            return
        cell = self.geometry_.cell_at(self.layout_, event.position().x(), event.position().y())
        adding = event.modifiers() & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
        if cell is None:
            self.selected = frozenset() if not adding else self.selected
        elif adding:
            self.selected = self.selected ^ {cell}
        else:
            self.selected = frozenset({cell})
        self.update()
        self.selection_changed.emit(self.selected_households())


class PlanPanel(QWidget):
    """The plan in a scroll area, under the building's name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planPanel")
        self.title = QLabel()
        self.canvas = PlanCanvas()
        scroll = QScrollArea()
        scroll.setWidget(self.canvas)
        scroll.setWidgetResizable(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.title)
        layout.addWidget(scroll)

    def show_building(self, project: "Project", building_id: int) -> None:
        building = project.tables["buildings"][building_id]
        compound = project.tables["compounds"].get(building.compound_id)
        self.title.setText(f"{compound.name if compound else ''} {building.number}".strip())
        self.canvas.show_building(project, building_id)
