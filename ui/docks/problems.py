"""The Problems dock: every broken rule of the project, the map's and the
staffing ones, one row each (rule, zones, buildings and people involved, area
or count); double-click frames it on the map.

The list follows the project: it is checked again a moment after each edit
(the whole demo takes ~10 ms), and on demand with the Check button.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QHeaderView, QLabel, QMenu, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from gridmap.commands.fixes import fixes_for
from gridmap.errors import EditError
from gridmap.rules.problems import Problem
from gridmap.rules.report import Names, check_project
from gridmap.staffing.check import check_staffing
from ui.following import follow

if TYPE_CHECKING:
    from gridmap.project import Project

RECHECK_MS = 250
WATCHED = frozenset({"zones", "buildings", "households", "staff", "assignments", "party_links"})

FIX_TITLES = {
    "fill_gap": QT_TRANSLATE_NOOP("Rules", "Give the gap to the neighbour with the longest shared edge"),
    "trim_overlap": QT_TRANSLATE_NOOP("Rules", "Remove the overlap from the smaller zone"),
    "trim_to_parent": QT_TRANSLATE_NOOP("Rules", "Cut off the part outside the parent"),
    "snap_vertices": QT_TRANSLATE_NOOP("Rules", "Snap near-coincident vertices"),
    "make_valid": QT_TRANSLATE_NOOP("Rules", "Make the shape valid"),
    "relink_building": QT_TRANSLATE_NOOP("Rules", "Link the building to the grid it stands in"),
}

RULE_TITLES = {
    "invalid_geometry": QT_TRANSLATE_NOOP("Rules", "Invalid shape"),
    "overlap": QT_TRANSLATE_NOOP("Rules", "Siblings overlap"),
    "gap": QT_TRANSLATE_NOOP("Rules", "Gap in the parent"),
    "outside_parent": QT_TRANSLATE_NOOP("Rules", "Outside its parent"),
    "building_cut": QT_TRANSLATE_NOOP("Rules", "Building cut by a boundary"),
    "building_outside": QT_TRANSLATE_NOOP("Rules", "Building in no grid"),
    "building_link": QT_TRANSLATE_NOOP("Rules", "Building linked to another grid"),
    "multipart": QT_TRANSLATE_NOOP("Rules", "Grid in several pieces"),
    "empty_grid": QT_TRANSLATE_NOOP("Rules", "Grid without buildings"),
    "households_band": QT_TRANSLATE_NOOP("Rules", "Households outside the band"),
    "staff_too_few": QT_TRANSLATE_NOOP("Rules", "Too few staff in a role"),
    "staff_too_many": QT_TRANSLATE_NOOP("Rules", "Too many staff in a role"),
    "building_head": QT_TRANSLATE_NOOP("Rules", "Building without a building head"),
    "party_link": QT_TRANSLATE_NOOP("Rules", "Households without a party member"),
    "party_link_multiple": QT_TRANSLATE_NOOP("Rules", "Households with several party members"),
    "party_overload": QT_TRANSLATE_NOOP("Rules", "Party member over the workload cap"),
    "staff_phone": QT_TRANSLATE_NOOP("Rules", "Malformed staff phone"),
    "staff_duplicate": QT_TRANSLATE_NOOP("Rules", "Same person entered twice"),
    "assignment_dangling": QT_TRANSLATE_NOOP("Rules", "Post at a place that no longer exists"),
}


def rule_title(rule: str) -> str:
    return QCoreApplication.translate("Rules", RULE_TITLES.get(rule, rule))


def fix_title(key: str) -> str:
    return QCoreApplication.translate("Rules", FIX_TITLES.get(key, key))


class ProblemsPanel(QWidget):
    frame_requested = Signal(object)  # (minx, miny, maxx, maxy)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsPanel")
        self.project: Project | None = None
        self.problems: list[Problem] = []
        self.list = QTreeWidget()
        self.list.setObjectName("problemsList")
        self.list.setColumnCount(3)
        self.list.setHeaderLabels([self.tr("Rule"), self.tr("Where"), self.tr("Size")])
        self.list.setRootIsDecorated(False)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the names need the room
        self.list.itemActivated.connect(self._frame)
        self.summary = QLabel()
        self.check_button = QPushButton(self.tr("Check all"))
        self.check_button.clicked.connect(self.check)
        self.fix_button = QPushButton(self.tr("Fix"))
        self.fix_button.setObjectName("fixButton")
        self.fix_button.setEnabled(False)
        self.fix_button.clicked.connect(lambda: self.fix(0))
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.fix_button)
        top.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.list)
        self._again = QTimer(self, singleShot=True, interval=RECHECK_MS)
        self._again.timeout.connect(self.check)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(600, 150)  # a strip under the map, not half the window

    def set_project(self, project: "Project | None") -> None:
        follow(self.project, project, self._changed)
        self.project = project
        self.check()

    def _changed(self, changes) -> None:
        if any(c.table in WATCHED for c in changes):
            self._again.start()

    def check(self) -> None:
        self.list.clear()
        if self.project is None:
            self.problems = []
            self.summary.setText("")
            return
        self.problems = check_project(self.project) + check_staffing(self.project)
        names = Names(self.project)
        for problem in self.problems:
            where = names.places(problem)
            size = _size(problem)
            item = QTreeWidgetItem([rule_title(problem.rule), where, size])
            item.setData(0, Qt.ItemDataRole.UserRole, problem.bounds)
            item.setToolTip(1, where)
            self.list.addTopLevelItem(item)
        self.list.resizeColumnToContents(0)
        self.list.resizeColumnToContents(2)
        self.summary.setText(self.tr("%n problem(s)", "", len(self.problems)) if self.problems
                             else self.tr("No problems: every rule holds"))

    # -- quick fixes -------------------------------------------------------------

    def selected_problem(self) -> Problem | None:
        row = self.list.currentIndex().row()
        return self.problems[row] if 0 <= row < len(self.problems) else None

    def _selection_changed(self) -> None:
        problem = self.selected_problem()
        fixes = fixes_for(problem, self.project) if problem is not None and self.project else []
        self.fix_button.setEnabled(bool(fixes))
        self.fix_button.setToolTip(fix_title(fixes[0][0]) if fixes else "")

    def fix(self, which: int) -> bool:
        """Apply the ``which``-th quick fix of the selected problem."""
        problem = self.selected_problem()
        fixes = fixes_for(problem, self.project) if problem is not None else []
        if which >= len(fixes):
            return False
        try:
            done = self.project.undo_stack.push(fixes[which][1])
        except EditError as exc:
            self.summary.setText(self.tr("Not done: %1").replace("%1", str(exc)))
            return False
        self.check()
        return done

    def _menu(self, position) -> None:
        problem = self.selected_problem()
        fixes = fixes_for(problem, self.project) if problem is not None else []
        if not fixes:
            return
        menu = QMenu(self)
        for n, (key, _command) in enumerate(fixes):
            menu.addAction(fix_title(key), lambda n=n: self.fix(n))
        menu.exec(self.list.viewport().mapToGlobal(position))

    def _frame(self, item: QTreeWidgetItem) -> None:
        bounds = item.data(0, Qt.ItemDataRole.UserRole)
        if bounds:
            self.frame_requested.emit(tuple(bounds))


def _size(problem: Problem) -> str:
    if problem.amount is None:
        return ""
    if problem.rule in ("overlap", "gap", "outside_parent"):
        return f"{problem.amount:,.1f} m²"
    if problem.rule in ("staff_too_few", "staff_too_many"):
        return f"{int(problem.amount)} {problem.detail.split(' ')[0]}"  # "0 网格长": how many of which role
    return f"{int(problem.amount):,}"
