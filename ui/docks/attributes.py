"""The attributes panel: what the selected thing is, as label/value rows.

One row builder per kind of item; resident names, phones and ID numbers are
not shown here at all (they are sensitive and belong to the household dialog).
A zone's name is edited in place (double-click or F2 on it); the edit is asked
for with ``rename_requested``, never written here. The History tab lists the
item's edits (ui/docks/history_view.py); its former boundaries are drawn on the
map given to ``draw_history_on``.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QSizePolicy, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from gridmap.hierarchy import Hierarchy
from gridmap.selection import Item, Selection
from ui.docks.history_view import HistoryView
from ui.history_overlay import PastBoundaries
from ui.site.names import site_name


Rows = list[tuple[str, str]]


def _zone_name(tables, zone_id) -> str:
    zone = tables["zones"].get(zone_id)
    return zone.name if zone else "—"


class AttributeRows(QObject):
    """Label/value rows per kind of item. ``BUILDERS`` is the registry."""

    BUILDERS: ClassVar[dict[str, str]] = {"zone": "zone", "building": "building", "household": "household",
                                          "staff": "staff",
                "site_point": "site_point", "site_route": "site_route"}

    def __init__(self, hierarchy: Hierarchy, parent=None) -> None:
        super().__init__(parent)
        self.hierarchy = hierarchy
        self.tables = hierarchy.project.tables

    def rows(self, item: Item | None) -> Rows:
        name = self.BUILDERS.get(item.kind) if item else None
        return getattr(self, name)(item.id) if name else []

    def zone(self, zone_id: int) -> Rows:
        zone = self.tables["zones"][zone_id]
        stats = self.hierarchy.zone_stats(zone_id)
        return [(self.tr("Name"), zone.name), (self.tr("Code"), zone.code), (self.tr("Level"), stats.level_name),
                (self.tr("Parent"), _zone_name(self.tables, zone.parent_id)),
                (self.tr("Grids"), f"{stats.grids:,}"), (self.tr("Buildings"), f"{stats.buildings:,}"),
                (self.tr("Units"), f"{stats.units:,}"), (self.tr("Households"), f"{stats.households:,}"),
                (self.tr("Grid chiefs"), str(stats.grid_chiefs)), (self.tr("Grid members"), str(stats.grid_members)),
                (self.tr("Area"), f"{zone.geometry.area / 10_000:,.2f} ha")]

    def building(self, building_id: int) -> Rows:
        b = self.tables["buildings"][building_id]
        compound = self.tables["compounds"].get(b.compound_id)
        units = sum(1 for u in self.tables["units"].values() if u.building_id == building_id)
        return [(self.tr("Number"), b.number), (self.tr("Code"), b.code),
                (self.tr("Compound"), compound.name if compound else "—"),
                (self.tr("Grid"), _zone_name(self.tables, b.zone_id)), (self.tr("Kind"), b.kind),
                (self.tr("Floors"), str(b.floors)), (self.tr("Units"), str(units)),
                (self.tr("Households"), f"{self.hierarchy.households('building', building_id):,}"),
                (self.tr("Footprint"), f"{b.geometry.area:,.0f} m²")]

    def household(self, household_id: int) -> Rows:
        h = self.tables["households"][household_id]
        b = self.tables["buildings"][h.building_id]
        unit = self.tables["units"].get(h.unit_id)
        address = f"{b.number}{unit.number}单元{h.room}" if unit else f"{b.number}{h.room}"
        compound = self.tables["compounds"].get(b.compound_id)
        return [(self.tr("Address"), address), (self.tr("Compound"), compound.name if compound else "—"),
                (self.tr("Grid"), _zone_name(self.tables, b.zone_id)), (self.tr("Occupancy"), h.occupancy),
                (self.tr("Tags"), "、".join(sorted(h.tags)) or "—"), (self.tr("People"), str(h.people)),
                (self.tr("Last checked"), h.last_checked.isoformat() if h.last_checked else "—"),
                (self.tr("Follow-up"), self.tr("Yes") if h.follow_up else self.tr("No")),
                (self.tr("Note"), h.note or "—")]

    def staff(self, staff_id: int) -> Rows:
        s = self.tables["staff"][staff_id]
        duties = []
        for a in self.tables["assignments"].values():
            if a.staff_id == staff_id:
                duties.append(f"{a.role} · {self._place(a.target_kind, a.target_id)}")
        homes = sorted(self._address(link.household_id) for link in self.tables["party_links"].values()
                       if link.staff_id == staff_id and link.household_id in self.tables["households"])
        shown = "、".join(homes[:12]) + (" …" if len(homes) > 12 else "")
        return [(self.tr("Name"), s.name), (self.tr("Roles"), "、".join(sorted(s.roles))), (self.tr("Phone"), s.phone),
                (self.tr("Community"), _zone_name(self.tables, s.community_id)),
                (self.tr("Duties"), "；".join(duties) or "—"),
                (self.tr("Linked households"), f"{len(homes)}：{shown}" if homes else "—")]

    def _place(self, kind: str, target_id: int) -> str:
        if kind == "zone":
            return _zone_name(self.tables, target_id)
        unit = self.tables["units"].get(target_id) if kind == "unit" else None
        building = self.tables["buildings"].get(unit.building_id if unit else target_id)
        if building is None:
            return f"{kind} {target_id}"
        return building.number + (f"{unit.number}单元" if unit else "")

    def _address(self, household_id: int) -> str:
        h = self.tables["households"][household_id]
        unit = self.tables["units"].get(h.unit_id)
        return f"{self.tables['buildings'][h.building_id].number}{unit.number}单元{h.room}" if unit else h.room

    def site_point(self, point_id: int) -> Rows:
        p = self.tables["site_points"][point_id]
        compound = self.tables["compounds"].get(p.compound_id)
        rows = [(self.tr("Name"), p.name), (self.tr("Kind"), site_name(p.kind)),
                (self.tr("Compound"), compound.name if compound else "—")]
        if p.kind == "gate":
            rows.append((self.tr("State"), site_name("closed" if p.state == "closed" else "open")))
        staff = self.tables["staff"]
        posts = sorted(f"{staff[a.staff_id].name}（{a.role}）" for a in self.tables["assignments"].values()
                       if a.target_kind == "site_point" and a.target_id == point_id and a.staff_id in staff)
        if posts or p.kind == "checkpoint":
            rows.append((self.tr("Staffed by"), "、".join(posts) or "—"))
        return rows

    def site_route(self, route_id: int) -> Rows:
        r = self.tables["site_routes"][route_id]
        compound = self.tables["compounds"].get(r.compound_id)
        return [(self.tr("Name"), r.name), (self.tr("Kind"), site_name(r.kind)),
                (self.tr("Compound"), compound.name if compound else "—"),
                (self.tr("Length"), f"{r.geometry.length:,.0f} m")]


class AttributesPanel(QWidget):
    rename_requested = Signal(int, str)  # zone id, the name typed in its Name row

    def __init__(self, selection: Selection, parent=None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("attributesTable")
        self.table.horizontalHeader().setVisible(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)  # only a zone's name is editable
        self.table.setWordWrap(True)
        self.table.setMinimumHeight(36)  # with the tab bar over it, the dock shrinks as far as it did without
        self.past_boundaries = PastBoundaries(self)  # drawn on the map by draw_history_on
        self.history = HistoryView(self.past_boundaries, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("attributesTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.table, self.tr("Attributes"))
        # the dock keeps the size the attributes ask for: a long history scrolls, on a 768-pixel screen too
        self.history.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.tabs.addTab(self.history, self.tr("History"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.builder: AttributeRows | None = None
        self.item: Item | None = None
        self.table.itemChanged.connect(self._edited)
        selection.changed.connect(lambda item, _source: self.show_item(item))

    def set_hierarchy(self, hierarchy: Hierarchy) -> None:
        if self.builder is not None:
            self.builder.deleteLater()
        self.builder = AttributeRows(hierarchy, self)
        self.show_item(None)

    def draw_history_on(self, canvas) -> None:
        """Draw the former boundaries the History tab shows over ``canvas`` (a MapCanvas)."""
        canvas.add_overlay(self.past_boundaries)

    def show_item(self, item: Item | None) -> None:
        rows = self.builder.rows(item) if self.builder else []
        self.item = item
        self.history.show_item(self.builder.hierarchy.project if self.builder else None, item)
        self.table.blockSignals(True)  # filling is not editing
        try:
            self.table.setRowCount(len(rows))
            for r, (label, value) in enumerate(rows):
                key = QTableWidgetItem(label)
                key.setForeground(Qt.GlobalColor.darkGray)
                key.setFlags(key.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, 0, key)
                shown = QTableWidgetItem(value)
                if item is not None and item.kind == "zone" and r == 0:  # the zone's Name row
                    shown.setToolTip(self.tr("Double-click or press F2 to rename"))
                else:
                    shown.setFlags(shown.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, 1, shown)
        finally:
            self.table.blockSignals(False)
        self.table.resizeRowsToContents()

    def edit_name(self) -> bool:
        """Open the editor on the zone's name (Enter renames, Esc leaves it)."""
        cell = self.table.item(0, 1)
        if cell is None or not cell.flags() & Qt.ItemFlag.ItemIsEditable:
            return False
        self.tabs.setCurrentWidget(self.table)  # F2 from the History tab
        self.table.setCurrentItem(cell)
        self.table.setFocus()
        self.table.editItem(cell)
        return True

    def _edited(self, cell: QTableWidgetItem) -> None:
        item = self.item
        if item is not None and item.kind == "zone" and (cell.row(), cell.column()) == (0, 1):
            # later: the rename refills this table, which must not happen while its editor commits
            text = cell.text()
            QTimer.singleShot(0, self, lambda: self._rename(item, text))

    def _rename(self, item: Item, text: str) -> None:
        zone = self.builder.tables["zones"].get(item.id) if self.builder else None
        if zone is not None and text != zone.name:
            self.rename_requested.emit(item.id, text)
        if self.item == item:
            self.show_item(item)  # what the project holds now: the new name, or the old one if refused

    def rows(self) -> list[tuple[str, str]]:
        return [(self.table.item(r, 0).text(), self.table.item(r, 1).text()) for r in range(self.table.rowCount())]
