"""The Roster dock: staff with their roles, posts and linked households,
filtered by role and by the selected zone. Rows drag onto the map or the tree
to assign the person there (ui/staff/staff_actions.py asks for the role)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout,
    QWidget,
)

from gridmap.model.entities import STAFF_ROLES
from gridmap.selection import Selection
from gridmap.zone_tree import ZoneTree
from ui.staff.mime import STAFF_MIME, staff_mime
from ui.following import follow

if TYPE_CHECKING:
    from gridmap.project import Project

WATCHED = frozenset({"staff", "assignments", "party_links", "zones"})


class RosterModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[tuple] = []  # (id, name, phone, roles, posts, linked)
        self.titles = [self.tr("Name"), self.tr("Phone"), self.tr("Roles"), self.tr("Posts"),
                       self.tr("Linked households")]

    def set_rows(self, rows: list[tuple]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 5

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.titles[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = row[index.column() + 1]
            return value if role == Qt.ItemDataRole.EditRole or index.column() < 3 else f"{value:,}"
        if role == Qt.ItemDataRole.UserRole:
            return row[0]
        return None

    def flags(self, index):
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [STAFF_MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802
        ids = sorted({self.rows[i.row()][0] for i in indexes})
        return staff_mime(ids, "、".join(r[1] for r in self.rows if r[0] in ids))


class RosterPanel(QWidget):
    add_requested = Signal()
    edit_requested = Signal(int)
    remove_requested = Signal(object)  # staff ids
    assign_requested = Signal(object)  # staff ids: to the item selected on the map or in the tree

    def __init__(self, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rosterPanel")
        self.selection = selection
        self.project: Project | None = None
        self.role = QComboBox()
        self.role.setObjectName("rosterRole")
        self.only_zone = QCheckBox(self.tr("Only the selected zone"))
        self.only_zone.setObjectName("rosterOnlyZone")
        self.model = RosterModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.EditRole)
        self.view = QTableView()
        self.view.setObjectName("rosterTable")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # roster order until a header is clicked
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setDragEnabled(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(
            lambda index: self.edit_requested.emit(self.proxy.data(index, Qt.ItemDataRole.UserRole)))
        self.count = QLabel()
        buttons = QHBoxLayout()
        for text, name, slot in ((self.tr("Add…"), "rosterAdd", self.add_requested.emit),
                                 (self.tr("Edit…"), "rosterEdit", self._edit),
                                 (self.tr("Remove"), "rosterRemove", self._remove),
                                 (self.tr("Assign to Selection…"), "rosterAssign", self._assign)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            buttons.addWidget(button)
        filters = QHBoxLayout()
        filters.addWidget(self.role, 1)
        filters.addWidget(self.only_zone)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        layout.addLayout(buttons)
        self.role.currentIndexChanged.connect(lambda _i: self.refill())
        self.only_zone.toggled.connect(lambda _on: self.refill())
        selection.changed.connect(self._on_selection)

    def set_project(self, project: Project | None) -> None:
        follow(self.project, project, self._changed)
        self.project = project
        self._fill_roles()
        self.refill()

    def _changed(self, changes) -> None:
        if any(c.table in WATCHED for c in changes):
            if any(c.table == "staff" for c in changes):
                self._fill_roles()
            self.refill()

    def _on_selection(self, _item, _source) -> None:
        if self.only_zone.isChecked():
            self.refill()

    def _fill_roles(self) -> None:
        current = self.role.currentData()
        self.role.blockSignals(True)
        self.role.clear()
        self.role.addItem(self.tr("All roles"), "")
        held = {r for s in self.project.tables["staff"].values() for r in s.roles} if self.project else set()
        for role in list(STAFF_ROLES) + sorted(held - set(STAFF_ROLES)):
            self.role.addItem(role, role)
        self.role.setCurrentIndex(max(0, self.role.findData(current)) if current else 0)
        self.role.blockSignals(False)

    def selected_zone(self) -> int | None:
        item = self.selection.item
        if item is None or self.project is None:
            return None
        if item.kind == "zone":
            return item.id
        if item.kind == "building" and item.id in self.project.tables["buildings"]:
            return self.project.tables["buildings"][item.id].zone_id
        return None

    def refill(self) -> None:
        if self.project is None:
            self.model.set_rows([])
            self.count.clear()
            return
        tables = self.project.tables
        posts = Counter(a.staff_id for a in tables["assignments"].values())
        linked = Counter(link.staff_id for link in tables["party_links"].values())
        role = self.role.currentData()
        keep = None
        zone = self.selected_zone() if self.only_zone.isChecked() else None
        if zone is not None:
            keep = self._staff_in(zone)
        rows = [(s.id, s.name, s.phone, "、".join(sorted(s.roles)), posts[s.id], linked[s.id])
                for s in tables["staff"].values()
                if (not role or role in s.roles) and (keep is None or s.id in keep)]
        self.model.set_rows(sorted(rows, key=lambda r: r[0]))
        self.count.setText(self.tr("%1 of %2 people").replace("%1", f"{len(rows):,}")
                           .replace("%2", f"{len(tables['staff']):,}"))

    def _staff_in(self, zone_id: int) -> set[int]:
        """People with a post in the zone (or below it), a linked household there,
        or the zone as their community."""
        tables = self.project.tables
        zones = set(ZoneTree(tables["zones"]).walk(zone_id))
        buildings = {b.id for b in tables["buildings"].values() if b.zone_id in zones}
        units = {u.id for u in tables["units"].values() if u.building_id in buildings}
        inside = {"zone": zones, "building": buildings, "unit": units}
        found = {a.staff_id for a in tables["assignments"].values() if a.target_id in inside.get(a.target_kind, ())}
        homes = defaultdict(set)
        for h in tables["households"].values():
            homes[h.building_id].add(h.id)
        households = set().union(*(homes[b] for b in buildings)) if buildings else set()
        found |= {link.staff_id for link in tables["party_links"].values() if link.household_id in households}
        found |= {s.id for s in tables["staff"].values() if s.community_id in zones}
        return found

    def selected_staff(self) -> list[int]:
        rows = {i.row() for i in self.view.selectionModel().selectedRows()}
        return sorted(self.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in rows)

    def _edit(self) -> None:
        chosen = self.selected_staff()
        if chosen:
            self.edit_requested.emit(chosen[0])

    def _remove(self) -> None:
        chosen = self.selected_staff()
        if chosen:
            self.remove_requested.emit(chosen)

    def _assign(self) -> None:
        chosen = self.selected_staff()
        if chosen:
            self.assign_requested.emit(chosen)


