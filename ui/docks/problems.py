"""The Problems dock: every broken rule of the project, the map's and the
staffing ones, one row each (rule, zones, buildings and people involved, area
or count); double-click (or Enter) frames it on the map and selects what is
at fault, so the tree, the attributes and the map show it; every row has a
context menu (locate, select, copy, and the rule's quick fixes).

The list follows the project: it is checked again a moment after each edit
(the whole demo takes ~10 ms), and on demand with the Check button.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication, QHBoxLayout, QHeaderView, QLabel, QMenu, QPushButton, QSplitter, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget,
)

from gridmap.cases.problems import LowCoverage, OverdueCase, coverage_problems, overdue_problems
from gridmap.commands.fixes import fixes_for
from gridmap.errors import EditError
from gridmap.rules.messages import rule_title as titled
from gridmap.rules.problems import Problem
from gridmap.rules.report import Names, check_project
from gridmap.selection import Item, Selection
from gridmap.staffing.check import check_staffing
from ui.following import follow
from ui.reason_text import in_user_language, reason_text

if TYPE_CHECKING:
    from gridmap.project import Project

RECHECK_MS = 250
WATCHED = frozenset({"zones", "buildings", "households", "staff", "assignments", "party_links", "cases",
                     "visits", "visit_households"})

FIX_TITLES = {
    "fill_gap": QT_TRANSLATE_NOOP("Rules", "Give the gap to the neighbour with the longest shared edge"),
    "trim_overlap": QT_TRANSLATE_NOOP("Rules", "Remove the overlap from the smaller zone"),
    "trim_to_parent": QT_TRANSLATE_NOOP("Rules", "Cut off the part outside the parent"),
    "snap_vertices": QT_TRANSLATE_NOOP("Rules", "Snap near-coincident vertices"),
    "make_valid": QT_TRANSLATE_NOOP("Rules", "Make the shape valid"),
    "relink_building": QT_TRANSLATE_NOOP("Rules", "Link the building to the grid it stands in"),
}


def rule_title(rule: str) -> str:
    return in_user_language(titled(rule))


def fix_title(key: str) -> str:
    return QCoreApplication.translate("Rules", FIX_TITLES.get(key, key))


class ProblemsPanel(QWidget):
    frame_requested = Signal(object)  # (minx, miny, maxx, maxy)
    case_requested = Signal(int)  # an overdue case's row opened: show the case

    def __init__(self, parent: QWidget | None = None, *, selection: Selection | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsPanel")
        self.selection = selection
        self.project: Project | None = None
        self.problems: list[Problem] = []
        self.work: list[OverdueCase | LowCoverage] = []  # overdue cases, grids visited too little
        self.list = QTreeWidget()
        self.list.setObjectName("problemsList")
        self.list.setColumnCount(3)
        self.list.setHeaderLabels([self.tr("Rule"), self.tr("Where"), self.tr("Size")])
        self.list.setRootIsDecorated(False)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the names need the room
        self.list.itemActivated.connect(lambda item, _column: self.locate(item, select=True))
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
        # beside the rules: the work overdue (cases past their deadline, grids under the visit target)
        self.work_list = QTreeWidget()
        self.work_list.setObjectName("workProblemsList")
        self.work_list.setHeaderLabels([self.tr("Problem"), self.tr("Where"), self.tr("Size")])
        self.work_list.setRootIsDecorated(False)
        self.work_list.header().setStretchLastSection(False)
        self.work_list.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.work_list.itemActivated.connect(lambda item, _column: self.open_work(item))
        self.work_summary = QLabel()
        self.work_summary.setObjectName("workProblemsSummary")
        rules, work = QWidget(), QWidget()
        rules_layout, work_layout = QVBoxLayout(rules), QVBoxLayout(work)
        for box in (rules_layout, work_layout):
            box.setContentsMargins(0, 0, 0, 0)
        rules_layout.addLayout(top)
        rules_layout.addWidget(self.list)
        work_layout.addWidget(self.work_summary)
        work_layout.addWidget(self.work_list)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(rules)
        split.addWidget(work)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(split)
        self._again = QTimer(self, singleShot=True, interval=RECHECK_MS)
        self._again.timeout.connect(self.check)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(600, 150)  # a strip under the map, not half the window

    def set_project(self, project: Project | None) -> None:
        follow(self.project, project, self._changed)
        self.project = project
        self.check()

    def _changed(self, changes) -> None:
        if any(c.table in WATCHED for c in changes):
            self._again.start()

    def check(self) -> None:
        self.list.clear()
        if self.project is None:
            self.problems, self.work = [], []
            self.summary.setText("")
            self._fill_work()
            return
        self.problems = check_project(self.project) + check_staffing(self.project)
        now = self.project.clock()
        self.work = [*overdue_problems(self.project, now), *coverage_problems(self.project, now)]
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
        self._fill_work()

    def _fill_work(self) -> None:
        """The list beside the rules': overdue cases, then grids visited too little."""
        self.work_list.clear()
        for work in self.work:
            item = QTreeWidgetItem(self._work_row(work))
            item.setData(0, Qt.ItemDataRole.UserRole, work.bounds)
            item.setToolTip(1, item.text(1))
            self.work_list.addTopLevelItem(item)
        self.work_list.resizeColumnToContents(0)
        self.work_list.resizeColumnToContents(2)
        cases = sum(isinstance(w, OverdueCase) for w in self.work)
        self.work_summary.setText(self.tr("%1 overdue case(s), %2 grid(s) under the visit target").replace(
            "%1", str(cases)).replace("%2", str(len(self.work) - cases)) if self.project is not None else "")

    def _work_row(self, work: OverdueCase | LowCoverage) -> list[str]:
        """Rule, where, size of an overdue case or a grid visited too little."""
        zones = self.project.tables["zones"]
        if isinstance(work, OverdueCase):
            grid = zones[work.zone_id].name if work.zone_id in zones else ""
            return [self.tr("Overdue case"), f"{work.number} {work.category} {work.status} {grid}".strip(),
                    self.tr("%1 h late").replace("%1", f"{work.hours_late:,.0f}")]
        zone = zones.get(work.zone_id)
        parent = zones.get(zone.parent_id) if zone is not None else None
        name = " ".join(z.name for z in (parent, zone) if z is not None)
        return [self.tr("Visits under the target"),
                self.tr("%1: %2 of %3 households visited in %4 days").replace("%1", name)
                .replace("%2", f"{work.visited:,}").replace("%3", f"{work.households:,}")
                .replace("%4", str(work.days)),
                f"{work.share:.0%} / {work.target:.0%}"]

    # -- quick fixes -------------------------------------------------------------

    def selected_problem(self) -> Problem | None:
        row = self.list.currentIndex().row()
        return self.problems[row] if 0 <= row < len(self.problems) else None

    def _selection_changed(self) -> None:
        problem = self.selected_problem()
        fixes = fixes_for(problem, self.project) if problem is not None and self.project else []
        self.fix_button.setEnabled(bool(fixes) and not self.project.read_only)  # read-only: shown, not done
        self.fix_button.setToolTip(fix_title(fixes[0][0]) if fixes else "")

    def fix(self, which: int, problem: Problem | None = None) -> bool:
        """Apply the ``which``-th quick fix of ``problem`` (default: the selected one)."""
        problem = problem or self.selected_problem()
        if problem is not None and problem not in self.problems:  # the list was checked again meanwhile
            self._gone()
            return False
        fixes = fixes_for(problem, self.project) if problem is not None else []
        if which >= len(fixes):
            return False
        try:
            done = self.project.undo_stack.push(fixes[which][1])
        except EditError as exc:
            self.summary.setText(self.tr("Not done: %1").replace("%1", reason_text(exc)))
            return False
        self.check()
        return done

    # -- each row: locate, select, copy, fix ------------------------------------------

    def row_menu(self, item: QTreeWidgetItem) -> QMenu:
        """The context menu of ``item``'s row (which becomes the current row). Its
        actions hold the row's values, not the row: the list may be checked again
        (and its rows made anew) while the menu is open."""
        self.list.setCurrentItem(item)
        problem = self.selected_problem()
        bounds, text = item.data(0, Qt.ItemDataRole.UserRole), describe_row(item)
        menu = QMenu(self)
        menu.addAction(self.tr("Zoom To"), lambda: self._frame(bounds))
        select = menu.addAction(self.tr("Select"), lambda: self.select(problem))
        select.setEnabled(self.selection is not None and problem is not None and offender(problem) is not None)
        menu.addAction(self.tr("Copy Description"), lambda: QApplication.clipboard().setText(text))
        fixes = fixes_for(problem, self.project) if problem is not None and self.project is not None else []
        if fixes:
            menu.addSeparator()
        for n, (key, _command) in enumerate(fixes):
            menu.addAction(fix_title(key), lambda n=n: self.fix(n, problem)).setEnabled(not self.project.read_only)
        return menu

    def _menu(self, position) -> None:
        item = self.list.itemAt(position)
        if item is not None:
            self.row_menu(item).exec(self.list.viewport().mapToGlobal(position))

    def locate(self, item: QTreeWidgetItem, *, select: bool) -> None:
        """Frame the row's problem on the map; with ``select``, select what is at fault too."""
        row = self.list.indexOfTopLevelItem(item)
        if select and 0 <= row < len(self.problems):
            self.select(self.problems[row])
        self._frame(item.data(0, Qt.ItemDataRole.UserRole))

    def open_work(self, item: QTreeWidgetItem) -> None:
        """An overdue case opens in the Cases dock (framed there); a grid is selected and framed."""
        row = self.work_list.indexOfTopLevelItem(item)
        work = self.work[row] if 0 <= row < len(self.work) else None
        if isinstance(work, OverdueCase) and work.case_id in self.project.tables["cases"]:
            self.case_requested.emit(work.case_id)
            return
        zones = self.project.tables["zones"] if self.project is not None else {}
        if isinstance(work, LowCoverage) and self.selection is not None and work.zone_id in zones:
            self.selection.set(Item("zone", work.zone_id), source=self)
        self._frame(item.data(0, Qt.ItemDataRole.UserRole))

    def _frame(self, bounds) -> None:
        if bounds:
            self.frame_requested.emit(tuple(bounds))

    def select(self, problem: Problem | None) -> bool:
        """The map, the tree and the attributes show what ``problem`` is about
        (if it is still there: an edit may have removed it since the last check)."""
        target = offender(problem) if problem is not None else None
        if self.selection is None or target is None or self.project is None:
            return False
        if target.id not in self.project.tables[TABLE_OF[target.kind]]:
            self._gone()
            return False
        self.selection.set(target, source=self)
        return True

    def _gone(self) -> None:
        """A row's problem is out of date: the list is checked again, and says so."""
        self.check()
        self.summary.setText(self.tr("That problem has changed since the list was made; the list is checked again: "
                                     "%1").replace("%1", self.summary.text()))


TABLE_OF = {"staff": "staff", "building": "buildings", "zone": "zones"}  # of what offender() selects


def offender(problem: Problem) -> Item | None:
    """What to select for a problem: the person of a staffing problem, else the
    building, else the zone to fix first (the selection holds one item)."""
    if problem.staff:
        return Item("staff", problem.staff[0])
    if problem.buildings:
        return Item("building", problem.buildings[0])
    if problem.zones:
        return Item("zone", problem.zones[0])
    return None


def describe_row(item: QTreeWidgetItem) -> str:
    """The row as one line of text: rule — where — size."""
    return " — ".join(text for text in (item.text(0), item.text(1), item.text(2)) if text)


def _size(problem: Problem) -> str:
    if problem.amount is None:
        return ""
    if problem.rule in ("overlap", "gap", "outside_parent"):
        return f"{problem.amount:,.1f} m²"
    if problem.rule in ("staff_too_few", "staff_too_many"):
        return f"{int(problem.amount)} {problem.detail.split(' ')[0]}"  # "0 网格长": how many of which role
    return f"{int(problem.amount):,}"
