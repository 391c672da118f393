"""The Statistics dock: households by occupancy and by tag, and people, for the
selected zone (a building shows its grid's); bar charts drawn with pyqtgraph,
each bar labelled with its count. It follows the selection and every household
edit (and undo)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from gridmap.household_lists import care_list, write_care_list
from gridmap.household_stats import HouseholdCounts, household_counts
from gridmap.selection import Item, Selection
from layers.render.plan import OCCUPANCY_COLORS
from ui.following import follow
from ui.imports.workbook_files import ask_save_path, write_or_explain
from ui.output_saved import output_folder, show_saved
from ui.value_bars import ValueBars

if TYPE_CHECKING:
    from gridmap.project import Project
    from ui.settings import Settings


class StatsPanel(QWidget):
    def __init__(self, selection: Selection, parent: QWidget | None = None, *,
                 settings: Settings | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statsPanel")
        self.selection = selection
        self.settings = settings  # the output folder; a panel on its own starts at home and remembers nothing
        self.project: Project | None = None
        self.counts: dict[int, HouseholdCounts] = {}
        self.zone_id: int | None = None
        self.heading = QLabel()
        self.chart = pg.PlotWidget(background="w")
        self.chart.setObjectName("statsChart")
        self.chart.setMinimumHeight(160)
        self.chart.hideButtons()
        self.chart.setMouseEnabled(False, False)
        self.value_bars = ValueBars(self.chart, horizontal=True)  # a tall, narrow dock: bars lie, names read
        self.export_button = QPushButton(self.tr("Export Care List…"))
        self.export_button.setObjectName("exportCareList")
        self.export_button.setToolTip(self.tr("Households living alone, empty nesters and the disabled in this zone, "
                                              "as an Excel workbook for internal use"))
        self.export_button.clicked.connect(lambda: self.export_care_list())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.heading)
        layout.addWidget(self.chart)
        layout.addWidget(self.export_button)
        selection.changed.connect(self._on_selection)

    def export_care_list(self, path: str | None = None) -> Path | None:
        """The care list of the zone shown, to an .xlsx the user picks (marked
        内部资料); written whole or not at all, the reason in a message if not."""
        if self.project is None or self.zone_id is None:
            return None
        zone = self.project.tables["zones"][self.zone_id]
        if path is None:
            path = ask_save_path(self, self.tr("Export Care List"), str(output_folder(self.settings)),
                                 f"{zone.name}关爱对象.xlsx")
            if not path:
                return None
        rows = care_list(self.project, self.zone_id)
        title = f"{zone.name} 关爱对象名单（{len(rows)} 户）"
        written = write_or_explain(self, path, lambda: write_care_list(path, title, rows))
        if written is None:
            return None
        self.heading.setText(self.tr("Wrote %1 households to %2").replace("%1", str(len(rows)))
                             .replace("%2", written.name))
        if self.settings is not None:
            show_saved(self.window(), self.settings, [written])
        return written

    def set_project(self, project: Project | None) -> None:
        follow(self.project, project, self._changed)
        self.project, self.zone_id = project, None
        self.recount()

    def _changed(self, changes) -> None:
        if any(c.table in ("households", "buildings", "zones") for c in changes):
            self.recount()

    def recount(self) -> None:
        self.counts = household_counts(self.project) if self.project is not None else {}
        self.show_zone(self.zone_id)

    def _on_selection(self, item: Item | None, _source) -> None:
        if self.project is None or item is None:
            return
        if item.kind == "zone":
            self.show_zone(item.id)
        elif item.kind == "building" and item.id in self.project.tables["buildings"]:
            self.show_zone(self.project.tables["buildings"][item.id].zone_id)

    def show_zone(self, zone_id: int | None) -> None:
        """The figures of ``zone_id`` (the top zone if None)."""
        if self.project is None:
            self.heading.clear()
            self.value_bars.show([], [], [], [])
            return
        zones = self.project.tables["zones"]
        if zone_id not in zones:
            tops = [z for z in zones.values() if z.parent_id not in zones]
            zone_id = tops[0].id if tops else None
        self.zone_id = zone_id
        counts = self.counts.get(zone_id)
        if counts is None:
            self.value_bars.show([], [], [], [])
            self.heading.setText(self.tr("No households"))
            return
        self.heading.setText(self.tr("%1: %2 households, %3 people").replace("%1", zones[zone_id].name)
                             .replace("%2", f"{counts.households:,}").replace("%3", f"{counts.people:,}"))
        names = list(counts.occupancy) + list(counts.tags)
        values = list(counts.occupancy.values()) + list(counts.tags.values())
        tag_colors = {t.name: t.color for t in self.project.tag_defs}
        brushes = [OCCUPANCY_COLORS.get(n) or tag_colors.get(n, "#888888") for n in names]
        # a row per bar, tall enough for its name and value (and the value axis below)
        self.chart.setMinimumHeight(max(160, len(names) * (self.value_bars.metrics.height() + 2) + 36))
        self.value_bars.show(names, values, [f"{v:,}" for v in values], brushes)
        self.bars = dict(zip(names, values))
