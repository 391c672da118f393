"""The hierarchy dock: sub-district → communities → grids → buildings, with
household counts; selection follows the shared ``Selection`` both ways. A
zone's name is edited in place (F2, a double-click on a grid, the row's
context menu); the edit is asked for with ``rename_requested``, never written here."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTreeView, QVBoxLayout, QWidget

from gridmap.hierarchy import Hierarchy
from gridmap.selection import Item, Selection
from ui.staff.mime import STAFF_MIME, staff_ids_from

_KIND_CODE = {"root": 0, "zone": 1, "building": 2}
_CODE_KIND = {v: k for k, v in _KIND_CODE.items()}
_SHIFT = 40  # internal id = kind code << 40 | record id


def _pack(kind: str, item_id: int | None) -> int:
    return (_KIND_CODE[kind] << _SHIFT) | (item_id or 0)


def _unpack(value: int) -> tuple[str, int]:
    return _CODE_KIND[value >> _SHIFT], value & ((1 << _SHIFT) - 1)


class HierarchyModel(QAbstractItemModel):
    """A lazy tree model over ``Hierarchy``: rows are computed when the view asks.
    Zones and buildings take staff dropped from the roster."""

    staff_dropped = Signal(object, object)  # staff ids, the Item they were dropped on
    name_edited = Signal(int, str)  # zone id, the name typed in its row

    def __init__(self, hierarchy: Hierarchy, parent=None) -> None:
        super().__init__(parent)
        self.hierarchy = hierarchy
        self._rows: dict[tuple[str, int | None], dict[tuple[str, int], int]] = {}

    def reset(self) -> None:
        """The tree's shape changed (zones or buildings): rebuild it."""
        self.beginResetModel()
        self.hierarchy.rebuild()
        self._rows.clear()
        self.endResetModel()

    def recount(self) -> None:
        """Only household counts changed: refresh the count column, keep the tree."""
        before = dict(self.hierarchy.zone_households), dict(self.hierarchy.building_households)
        self.hierarchy.recount()
        after = self.hierarchy.zone_households, self.hierarchy.building_households
        for kind, old, new in (("zone", before[0], after[0]), ("building", before[1], after[1])):
            for item_id in set(old) | set(new):
                if old.get(item_id, 0) != new.get(item_id, 0):
                    index = self.index_of(kind, item_id).siblingAtColumn(1)
                    self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    def _children(self, node: tuple[str, int | None]) -> list[tuple[str, int]]:
        return self.hierarchy.children(*node)

    def _node(self, index: QModelIndex) -> tuple[str, int | None]:
        return _unpack(index.internalId()) if index.isValid() else ("root", None)

    def _row_of(self, node: tuple[str, int]) -> int:
        parent = self.hierarchy.parent(*node)
        rows = self._rows.get(parent)
        if rows is None:
            rows = self._rows[parent] = {child: i for i, child in enumerate(self._children(parent))}
        return rows[node]

    # -- the model interface -------------------------------------------------------

    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:
        children = self._children(self._node(parent))
        if not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, column, _pack(*children[row]))

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self.hierarchy.parent(*_unpack(index.internalId()))
        if parent[0] == "root":
            return QModelIndex()
        return self.createIndex(self._row_of(parent), 0, _pack(*parent))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        if parent.isValid() and parent.column() > 0:
            return 0
        return len(self._children(self._node(parent)))

    def hasChildren(self, parent=QModelIndex()) -> bool:  # noqa: N802
        kind, item_id = self._node(parent)
        return kind == "root" or (kind == "zone" and bool(self._children((kind, item_id))))

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 2

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        kind, item_id = _unpack(index.internalId())
        tables = self.hierarchy.project.tables
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 1:
                return f"{self.hierarchy.households(kind, item_id):,}"
            if kind == "zone":
                return tables["zones"][item_id].name
            building = tables["buildings"][item_id]
            compound = tables["compounds"].get(building.compound_id)
            return f"{compound.name} {building.number}" if compound else building.number
        if role == Qt.ItemDataRole.EditRole and kind == "zone" and index.column() == 0:
            return tables["zones"][item_id].name
        if role == Qt.ItemDataRole.ToolTipRole and kind == "zone":
            return tables["zones"][item_id].code
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Name"), self.tr("Households"))[section]
        return None

    # -- staff dropped from the roster -------------------------------------------------

    def flags(self, index: QModelIndex):
        flags = super().flags(index) | (Qt.ItemFlag.ItemIsDropEnabled if index.isValid() else Qt.ItemFlag.NoItemFlags)
        if index.isValid() and index.column() == 0 and _unpack(index.internalId())[0] == "zone":
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """A name typed in a zone's row: asked for, not written (the rename is an undoable command)."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != 0:
            return False
        kind, item_id = _unpack(index.internalId())
        if kind != "zone" or value == self.hierarchy.project.tables["zones"][item_id].name:
            return False
        self.name_edited.emit(item_id, str(value))
        return False

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [STAFF_MIME]

    def supportedDropActions(self):  # noqa: N802
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        return parent.isValid() and row == -1 and bool(staff_ids_from(data))

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        self.staff_dropped.emit(staff_ids_from(data), self.item_at(parent))
        return False  # nothing moves: the roster keeps its rows

    def holds_zones(self, index: QModelIndex) -> bool:
        kind, item_id = self._node(index)
        return kind == "zone" and bool(self.hierarchy.zone_children.get(item_id))

    # -- selection helpers -----------------------------------------------------------

    def index_of(self, kind: str, item_id: int) -> QModelIndex:
        """The index of a zone or building (invalid for other kinds)."""
        if kind not in ("zone", "building"):
            return QModelIndex()
        try:
            return self.createIndex(self._row_of((kind, item_id)), 0, _pack(kind, item_id))
        except KeyError:
            return QModelIndex()

    @staticmethod
    def item_at(index: QModelIndex) -> Item | None:
        if not index.isValid():
            return None
        kind, item_id = _unpack(index.internalId())
        return Item(kind, item_id)


class _TreeView(QTreeView):
    """A double-click renames a zone that holds no zones (a grid); on a
    community or a street office it opens or closes the row, as in any tree."""

    def edit(self, index, trigger=None, event=None):
        if trigger is None:
            return super().edit(index)
        if trigger == QAbstractItemView.EditTrigger.DoubleClicked and self.model().holds_zones(index):
            return False
        return super().edit(index, trigger, event)


class HierarchyPanel(QWidget):
    building_opened = Signal(int)  # a building double-clicked: show its colour plan
    staff_dropped = Signal(object, object)  # staff ids dropped on a zone or building
    rename_requested = Signal(int, str)  # zone id, the new name typed in its row

    def __init__(self, selection: Selection, parent=None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.view = _TreeView(self)
        self.view.setObjectName("hierarchyTree")
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.DoubleClicked)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self._context_actions: list[QAction | None] = []
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setUniformRowHeights(True)  # lets Qt skip measuring 100,000 rows
        self.view.setAlternatingRowColors(True)
        self.view.doubleClicked.connect(self._on_double_click)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)  # staff from the roster
        self.view.setDropIndicatorShown(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.model: HierarchyModel | None = None
        self._following = False  # True while the tree follows a selection made elsewhere
        selection.changed.connect(self._on_selection)

    def set_hierarchy(self, hierarchy: Hierarchy) -> None:
        old_model, old_selection = self.model, self.view.selectionModel()
        self.model = HierarchyModel(hierarchy, self)
        self.model.staff_dropped.connect(self.staff_dropped)
        # queued: the rename changes the project, which resets this model: not while its editor commits
        self.model.name_edited.connect(self.rename_requested, Qt.ConnectionType.QueuedConnection)
        self.view.setModel(self.model)
        for old in (old_model, old_selection):  # they would keep the closed project alive
            if old is not None:
                old.deleteLater()
        header = self.view.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.view.selectionModel().currentChanged.connect(self._on_current)
        self.view.expandToDepth(1)  # street office and communities open, grids closed

    def refresh(self, tables: set[str]) -> None:
        """Follow an edit: rebuild the shape if zones or buildings changed (keeping
        what was open), otherwise just the counts."""
        if self.model is None:
            return
        if tables & {"zones", "buildings"}:
            expanded = [HierarchyModel.item_at(i) for i in self._expanded_indexes()]
            self.model.reset()
            for item in expanded:
                index = self.model.index_of(*item)
                if index.isValid():
                    self.view.setExpanded(index, True)
            self._on_selection(self.selection.item, None)
        elif tables & {"households", "units"}:
            self.model.recount()

    def _expanded_indexes(self) -> list[QModelIndex]:
        found, stack = [], [QModelIndex()]
        while stack:
            parent = stack.pop()
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                if self.view.isExpanded(index):
                    found.append(index)
                    stack.append(index)
        return found

    def set_context_actions(self, actions: list[QAction | None]) -> None:
        """The window's zone actions (None: a separator), offered on a zone's row;
        they act on the selection, which the right-clicked row becomes."""
        self._context_actions = list(actions)

    def edit_zone_name(self, zone_id: int) -> bool:
        """Open the editor on a zone's name (Enter renames, Esc leaves it)."""
        index = self.model.index_of("zone", zone_id) if self.model is not None else QModelIndex()
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus()
        self.view.edit(index)
        return self.view.state() == QAbstractItemView.State.EditingState

    def row_menu(self, index: QModelIndex) -> QMenu | None:
        """The context menu of a row, which becomes the selection (the actions act on it)."""
        item = HierarchyModel.item_at(index)
        if item is None:
            return None
        self.view.setCurrentIndex(index.siblingAtColumn(0))
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if item.kind == "zone":
            for action in self._context_actions:
                menu.addSeparator() if action is None else menu.addAction(action)
        else:
            menu.addAction(self.tr("Open Colour Plan"), lambda: self.building_opened.emit(item.id))
        return menu

    def _context_menu(self, position) -> None:
        menu = self.row_menu(self.view.indexAt(position))
        if menu is not None:
            menu.popup(self.view.viewport().mapToGlobal(position))

    def _on_double_click(self, index: QModelIndex) -> None:
        item = HierarchyModel.item_at(index)
        if item is not None and item.kind == "building":
            self.building_opened.emit(item.id)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._following:
            self.selection.set(HierarchyModel.item_at(current), source=self)

    def _on_selection(self, item: Item | None, source: object) -> None:
        if source is self or self.model is None:
            return
        if item is not None and item.kind == "household":
            household = self.model.hierarchy.project.tables["households"].get(item.id)
            item = Item("building", household.building_id) if household else None
        index = self.model.index_of(*item) if item else QModelIndex()
        self._following = True
        try:
            if index.isValid():
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
            else:
                self.view.selectionModel().clearCurrentIndex()
                self.view.clearSelection()
        finally:
            self._following = False

