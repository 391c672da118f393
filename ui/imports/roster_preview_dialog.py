"""The preview of a roster before it is imported: every row with its status
(changes, new, unchanged, error) and what it changes or why it cannot be used.
Names and phones are shown masked; nothing is written until the user presses
Import, and then only the good rows, as one undoable step. One dialog serves
the household roster and the staff roster (``PreviewLine`` is what it shows)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget,
)

from typing import NamedTuple

from gridmap.workbooks.household_roster import RosterPreview, RosterRow
from gridmap.workbooks.messages import FIELD_NAMES, ROW_PROBLEMS, ROW_STATUSES

STATUS_TINTS = {"update": "#fff4cc", "new": "#dcf5dc", "unchanged": "#ffffff", "error": "#fbdada"}
STATUS_ORDER = ("error", "update", "new", "unchanged")


def roster_text(table: dict[str, str], key: str) -> str:
    return QCoreApplication.translate("Roster", table.get(key, key))


class PreviewLine(NamedTuple):
    number: str  # the row in the sheet ("12", or "党员联户 12")
    status: str  # update / new / unchanged / error
    place: str  # the address, or the person and their post
    detail: str  # what changes, or every reason it cannot be imported


def issues_text(issues) -> str:
    return "；".join(i.text(roster_text(ROW_PROBLEMS, i.key)) for i in issues)


def household_lines(preview: RosterPreview) -> list[PreviewLine]:
    return [PreviewLine(str(r.number), r.status, r.address, row_detail(r)) for r in preview.rows]


def row_detail(row: RosterRow) -> str:
    """What the row changes, or every reason it cannot be imported."""
    if row.issues:
        return issues_text(row.issues)
    return "；".join(f"{roster_text(FIELD_NAMES, f)}: {o or '—'} → {n or '—'}" for f, o, n in row.shown_changes())


class RosterRowsModel(QAbstractTableModel):
    def __init__(self, rows: list[PreviewLine], place_title: str, parent=None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.titles = [self.tr("Row"), self.tr("Status"), place_title, self.tr("Changes or reasons")]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 4

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.titles[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 1:
                return roster_text(ROW_STATUSES, row.status)
            return row[column]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(STATUS_TINTS[row.status])
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return row.detail
        if role == Qt.ItemDataRole.UserRole:
            return row.status
        return None


class StatusFilter(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.status = ""

    def show_status(self, status: str) -> None:
        self.beginFilterChange()
        self.status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row, source_parent) -> bool:  # noqa: N802
        if not self.status:
            return True
        return self.sourceModel().rows[source_row].status == self.status


class RosterPreviewDialog(QDialog):
    """Accepting it means: import the writable rows. ``preview`` is kept for the caller."""

    def __init__(self, title: str, file_name: str, lines: list[PreviewLine], ignored: tuple[str, ...],
                 place_title: str, preview=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rosterPreviewDialog")
        self.setWindowTitle(title)
        self.preview = preview
        counts = {s: sum(1 for line in lines if line.status == s) for s in STATUS_ORDER}
        summary = QLabel(self.tr("%1: %3 rows. %4 change what the project has, %5 are new, %6 are unchanged, "
                                 "%7 have errors and will not be imported.")
                         .replace("%1", file_name)
                         .replace("%3", f"{len(lines):,}").replace("%4", f"{counts['update']:,}")
                         .replace("%5", f"{counts['new']:,}").replace("%6", f"{counts['unchanged']:,}")
                         .replace("%7", f"{counts['error']:,}"))
        summary.setObjectName("rosterSummary")
        summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        if ignored:
            ignored = QLabel(self.tr("Columns not imported: %1").replace("%1", "、".join(ignored)))
            ignored.setWordWrap(True)
            layout.addWidget(ignored)
        self.filter = QComboBox()
        self.filter.setObjectName("rosterFilter")
        self.filter.addItem(self.tr("All rows"), "")
        for status in STATUS_ORDER:
            self.filter.addItem(f"{roster_text(ROW_STATUSES, status)} ({counts[status]:,})", status)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Show:")))
        bar.addWidget(self.filter)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.model = RosterRowsModel(lines, place_title, self)
        self.proxy = StatusFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setObjectName("rosterRows")
        self.view.setModel(self.proxy)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.view.horizontalHeader()
        for column, width in ((0, 50), (1, 70), (2, 230)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.view, 1)
        self.filter.currentIndexChanged.connect(lambda _i: self.proxy.show_status(self.filter.currentData()))
        # errors first: they are what the user has to look at
        self.filter.setCurrentIndex(1 + STATUS_ORDER.index("error") if counts["error"] else 0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        writable = counts["update"] + counts["new"]
        self.import_button = buttons.addButton(self.tr("Import %1 Rows").replace("%1", f"{writable:,}"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importRows")
        self.import_button.setEnabled(writable > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(860, 520)
