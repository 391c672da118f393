"""The History tab of the attributes panel: the selected item's edits, newest
first (ui/docks/history_text.py words them), and its former boundaries on the
map: all of them with "Show past boundaries on the map", or the one before the
edit picked in the list. Another selection clears the map.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shapely
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from gridmap.history import past_shapes
from gridmap.selection import TABLE_OF_KIND, Item
from ui.docks.history_text import HistoryLine, HistoryStep, history_steps
from ui.history_overlay import PastBoundaries

if TYPE_CHECKING:
    from gridmap.project import Project

MOST_STEPS = 200  # edits listed; older ones are counted, not listed
BOUNDARY_TABLES = ("zones", "compounds", "buildings")  # the rows whose former outlines can be drawn
LINE_ROLE = Qt.ItemDataRole.UserRole


class HistoryView(QWidget):
    def __init__(self, boundaries: PastBoundaries, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boundaries = boundaries
        self.project: Project | None = None
        self.item: Item | None = None
        self.steps: list[HistoryStep] = []
        self.past: list = []  # the item's former outlines
        self.show_past = QCheckBox(self.tr("Show past boundaries on the map"), self)
        self.show_past.setObjectName("showPastBoundaries")
        self.show_past.setToolTip(self.tr("Draw the shapes it had before each edit as dashed outlines; "
                                          "pick an edit in the list to see the shape before it"))
        self.tree = QTreeWidget(self)
        self.tree.setMinimumHeight(36)  # the dock may shrink to a line or two on a 768-pixel screen
        self.tree.setObjectName("historyTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setIndentation(12)
        self.tree.setWordWrap(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.older = QLabel(self)  # how many edits are not listed
        self.older.setObjectName("historyOlder")
        self.older.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.show_past)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.older)
        self.show_past.toggled.connect(self._draw)
        self.tree.currentItemChanged.connect(self._draw)

    def show_item(self, project: Project | None, item: Item | None) -> None:
        """List ``item``'s history; the same item again (after an edit) keeps what is drawn."""
        same = project is self.project and item == self.item
        if not same:
            self.show_past.blockSignals(True)
            self.show_past.setChecked(False)
            self.show_past.blockSignals(False)
        picked = self._picked() if same else None
        self.project, self.item = project, item
        self.steps = history_steps(project, item) if project is not None else []
        self.tree.blockSignals(True)
        try:
            self._fill(picked.entry.id if picked else None)
        finally:
            self.tree.blockSignals(False)
        table = TABLE_OF_KIND.get(item.kind) if item else None
        self.show_past.setVisible(table in BOUNDARY_TABLES)
        self.past = self._past_shapes()
        self.show_past.setEnabled(bool(self.past))
        self._draw()

    def _fill(self, picked_id: int | None) -> None:
        self.tree.clear()
        if not self.steps:
            self.tree.addTopLevelItem(QTreeWidgetItem([self.tr("No edits recorded")]))
        for step in self.steps[:MOST_STEPS]:
            top = QTreeWidgetItem([step.heading])
            top.setForeground(0, Qt.GlobalColor.darkGray)
            top.setToolTip(0, step.heading)  # a narrow dock cuts it short
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            for line in step.lines:
                row = QTreeWidgetItem(top, [line.what, line.change])
                row.setData(0, LINE_ROLE, line)
                row.setToolTip(1, line.full)  # in full: shortened here, or cut short by a narrow dock
                if line.entry.id == picked_id:
                    self.tree.setCurrentItem(row)
        self.tree.expandAll()
        hidden = len(self.steps) - MOST_STEPS
        self.older.setText(self.tr("%1 earlier edits are not listed").replace("%1", f"{hidden:,}")
                           if hidden > 0 else "")
        self.older.setVisible(hidden > 0)

    def _picked(self) -> HistoryLine | None:
        """The line picked in the list; for an edit picked, its shape's line, else its first."""
        current = self.tree.currentItem()
        if current is None:
            return None
        if current.data(0, LINE_ROLE) is not None:
            return current.data(0, LINE_ROLE)
        lines = [current.child(i).data(0, LINE_ROLE) for i in range(current.childCount())]
        return next((line for line in lines if line.entry.field == "geometry"), lines[0] if lines else None)

    def _past_shapes(self) -> list:
        """The item's former outlines, each once, its outline now left out."""
        table = TABLE_OF_KIND.get(self.item.kind) if self.item else None
        if self.project is None or table not in BOUNDARY_TABLES:
            return []
        now = getattr(self.project.tables[table].get(self.item.id), "geometry", None)
        shapes = []
        for past in past_shapes(self.project, table, self.item.id):
            if not any(shapely.equals(past.shape, s) for s in shapes + ([now] if now is not None else [])):
                shapes.append(past.shape)
        return shapes

    def lines(self) -> list[tuple[str, str, str]]:
        """(edit heading, what, change) for each line listed, top to bottom (tests, copying)."""
        rows = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            rows += [(top.text(0), top.child(j).text(0), top.child(j).text(1)) for j in range(top.childCount())]
        return rows

    def _draw(self, *_args) -> None:
        picked = self._picked()
        table = TABLE_OF_KIND.get(self.item.kind) if self.item else None
        chosen = None
        if (picked is not None and picked.entry.field == "geometry" and picked.entry.table_name == table
                and picked.entry.old):
            chosen = shapely.from_wkt(picked.entry.old)
        self.boundaries.show(self.past if self.show_past.isChecked() else (), chosen)
