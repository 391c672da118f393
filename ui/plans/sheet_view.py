"""A compound's sheet: every building's colour plan side by side, as the chart
on the compound's wall, in a window of its own (a child of the plan window, so
it closes with the program)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

from gridmap.hierarchy import natural_key
from gridmap.plans.layout import PlanLayout, plan_layout
from layers.render.plan import draw_sheet, sheet_positions
from layers.render.qt import color

if TYPE_CHECKING:
    from gridmap.project import Project


class SheetCanvas(QWidget):
    """A compound's sheet: every building's plan side by side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sheetCanvas")
        self.project: Project | None = None
        self.titles: list[str] = []
        self.layouts: list[PlanLayout] = []

    def show_compound(self, project: Project, compound_id: int) -> None:
        self.project = project
        buildings = sorted((b for b in project.tables["buildings"].values() if b.compound_id == compound_id),
                           key=lambda b: natural_key(b.number))
        units, homes = {}, {}
        for u in project.tables["units"].values():
            units.setdefault(u.building_id, []).append(u)
        for h in project.tables["households"].values():
            homes.setdefault(h.building_id, []).append(h)
        self.titles = [b.number for b in buildings]
        self.layouts = [plan_layout(b, units.get(b.id, []), homes.get(b.id, [])) for b in buildings]
        _, (width, height) = sheet_positions(self.layouts)
        self.setFixedSize(QSize(int(width) + 8, int(height) + 8))
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), color("#ffffff"))
        if self.project is not None:
            painter.translate(4, 4)
            draw_sheet(painter, self.titles, self.layouts, self.project.tables["households"], self.project.tag_defs)
        painter.end()
