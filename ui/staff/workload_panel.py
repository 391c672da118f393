"""The Workload dock: households and buildings per person and how each grid is
covered, with the share of households visited in the last N days (入户走访,
CaseSettings.visit_days) per person and per grid, as sortable tables, with a bar chart of households per grid member
for the grids of the selected zone, each bar labelled with its value. Follows
every staff or household edit."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QSplitter, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from gridmap.cases.settings import CaseSettings
from gridmap.selection import Selection
from gridmap.staffing.workload import grid_cover, person_loads
from gridmap.visits import grid_coverage, person_coverage
from gridmap.model.entities import CHINA_TIME
from ui.following import follow
from ui.value_bars import ValueBars

if TYPE_CHECKING:
    from gridmap.project import Project

WATCHED = frozenset({"staff", "assignments", "party_links", "households", "buildings", "zones", "visits",
                     "visit_households"})


def _cell(value) -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setData(Qt.ItemDataRole.DisplayRole, value)  # numbers stay numbers: the column sorts by value
    return item


class WorkloadPanel(QWidget):
    def __init__(self, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workloadPanel")
        self.selection = selection
        self.project: Project | None = None
        self.zone_id: int | None = None
        self._stale = False  # edits came while the dock was hidden
        self._seen = True
        self.people = self._table("workloadPeople", [self.tr("Name"), self.tr("Roles"), self.tr("Zones"),
                                                     self.tr("Buildings"), self.tr("Households"),
                                                     self.tr("Linked households"), self.tr("Visited"),
                                                     self.tr("Visit coverage")])
        self.grids = self._table("workloadGrids", [self.tr("Code"), self.tr("Grid"), self.tr("Grid chief"),
                                                   self.tr("Grid members"), self.tr("Buildings"),
                                                   self.tr("With a head"), self.tr("Households"),
                                                   self.tr("Occupied"), self.tr("Linked"),
                                                   self.tr("Per member"), self.tr("Visited"),
                                                   self.tr("Visit coverage")])
        self.people.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # the busiest first
        self.grids.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by code
        self.chart = pg.PlotWidget(background="w")
        self.chart.setObjectName("workloadChart")
        self.chart.setMinimumHeight(150)
        self.chart.hideButtons()
        self.chart.setMouseEnabled(False, False)
        self.chart.setTitle(self.tr("Households per grid member"), size="9pt", color="#333333")
        self.value_bars = ValueBars(self.chart, horizontal=False)  # a wide strip: bars stand on the grid names
        tabs = QTabWidget()
        tabs.addTab(self.people, self.tr("People"))
        tabs.addTab(self.grids, self.tr("Grids"))
        split = QSplitter(Qt.Orientation.Horizontal)  # a wide strip under the map: tables left, chart right
        split.addWidget(tabs)
        split.addWidget(self.chart)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(split)
        selection.changed.connect(self._on_selection)

    def _table(self, name: str, titles: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(titles))
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(titles)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSortingEnabled(True)
        return table

    def set_project(self, project: Project | None) -> None:
        follow(self.project, project, self._changed)
        self.project, self.zone_id = project, None
        self.refill()

    def _changed(self, changes) -> None:
        if any(c.table in WATCHED for c in changes):
            self.refill_when_seen()

    def refill_when_seen(self) -> None:
        """Refill now if the dock is on screen, else when it comes back: a
        workload view behind another tab costs nothing on each household edit."""
        self._stale = not self._seen
        if self._seen:
            self.refill()

    def set_seen(self, seen: bool) -> None:
        """Told by the dock (``visibilityChanged``): a tab behind another is not seen."""
        self._seen = seen
        if seen and self._stale:
            self._stale = False
            self.refill()

    def _on_selection(self, item, _source) -> None:
        if item is not None and item.kind == "zone" and self.project is not None:
            self.zone_id = item.id
            self.refill_when_seen()

    def refill(self) -> None:
        people_cover, grids_cover = self._coverage()
        self._fill(self.people, [] if self.project is None else [
            (r.name, "、".join(r.roles), r.zones, r.buildings, r.households, r.linked,
             *_cover_cells(people_cover.get(r.staff_id)))
            for r in person_loads(self.project)])
        zone = self.zone_id if self.project is not None and self.zone_id in self.project.tables["zones"] else None
        cover = grid_cover(self.project, zone) if self.project is not None else []
        self._fill(self.grids, [(c.code, c.name, "、".join(c.chiefs), "、".join(c.members), c.buildings,
                                 c.buildings_with_head, c.households, c.occupied, c.linked,
                                 round(c.households_per_member, 1), *_cover_cells(grids_cover.get(c.zone_id)))
                                for c in cover])
        self.per_member = {c.name: c.households_per_member for c in cover}
        per_member = [round(c.households_per_member, 1) for c in cover]
        self.value_bars.show([c.name for c in cover], per_member, [f"{v:,.1f}" for v in per_member],
                             ["#3b7dd8"] * len(cover))

    def _coverage(self) -> tuple[dict, dict]:
        """Visit coverage per person and per grid over the project's window (CaseSettings.visit_days)."""
        if self.project is None:
            return {}, {}
        days = CaseSettings.from_meta(self.project.meta).visit_days
        today = self.project.clock().astimezone(CHINA_TIME).date()
        self.visit_days = days
        for table in (self.people, self.grids):  # the window's length in the header
            column = table.columnCount() - 1
            title = self.tr("Visit coverage in %1 days (%)").replace("%1", str(days))
            table.horizontalHeaderItem(column).setText(title)
        return person_coverage(self.project, today, days), grid_coverage(self.project, today, days)

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple]) -> None:
        table.setSortingEnabled(False)  # or each set item would move the row it is in
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.setItem(r, c, _cell(value))
        table.setSortingEnabled(True)
        table.resizeColumnsToContents()


def _cover_cells(cover) -> tuple:
    """(visited households, share in %) of a Coverage, blank where there is none."""
    if cover is None:
        return "", ""
    return cover.visited, round(cover.share * 100, 1)
