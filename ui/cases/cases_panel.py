"""The Cases dock (有呼必应): the list of cases with filters (status, category,
period, the selected zone, one person's inbox), overdue ones first and in red;
the selected case's details, its quick actions (the steps its status allows),
timeline and photos; and a Statistics tab (per grid, community, category and
month, as a table and a bar chart).

The panel shows and asks; ``CaseActions`` (ui/cases/case_actions.py) does the
edits, through the project's undo stack. It follows every edit of the project."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFrame, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QListWidget,
    QListWidgetItem, QPushButton, QScrollArea, QSplitter, QTableWidget, QTableWidgetItem, QTabWidget, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from gridmap.cases import workflow
from gridmap.cases.settings import CaseSettings
from gridmap.cases.stats import case_frame, statistics
from gridmap.model.entities import CASE_STATUSES, CHINA_TIME
from gridmap.selection import Selection
from ui.cases.case_filter import OPEN, OVERDUE, CaseFilter, filtered_cases, is_overdue
from ui.following import follow
from ui.value_bars import ValueBars

if TYPE_CHECKING:
    from gridmap.model.entities import Case
    from gridmap.project import Project

WATCHED = frozenset({"cases", "case_events", "case_photos", "staff", "assignments", "zones"})
OVERDUE_COLOR = "#c00000"
ID_ROLE = Qt.ItemDataRole.UserRole
STATS_BY = ("grid", "community", "category", "month")


def china_time(moment: dt.datetime | None) -> str:
    return "" if moment is None else moment.astimezone(CHINA_TIME).strftime("%Y-%m-%d %H:%M")


def zone_label(project: Project, zone_id: int | None) -> str:
    """A grid's name with its community's ("新华街社区 第1网格"): grid names repeat."""
    zones = project.tables["zones"]
    zone = zones.get(zone_id) if zone_id is not None else None
    if zone is None:
        return ""
    parent = zones.get(zone.parent_id)
    return f"{parent.name} {zone.name}" if parent is not None and parent.id != zone.id and zone.level > 1 \
        else zone.name


class CasesPanel(QWidget):
    new_requested = Signal()
    visit_requested = Signal()
    escalate_requested = Signal()
    step_requested = Signal(int, str)  # case id, workflow action
    photo_requested = Signal(int)  # case id: add a photo from a file
    slip_requested = Signal(int)  # case id: print its dispatch slip
    report_requested = Signal()  # the monthly report
    shown_changed = Signal(object)  # the ids of the cases listed (the map draws those)
    case_chosen = Signal(object)  # the case now selected (id or None)
    density_toggled = Signal(bool)

    def __init__(self, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("casesPanel")
        self.selection = selection
        self.project: Project | None = None
        self.case_id: int | None = None
        self.zone_id: int | None = None
        self.cases: list[Case] = []
        self._filling = True  # no refill while the widgets are made

        self.status = self._combo("caseStatusFilter", [(self.tr("All statuses"), None), (self.tr("Open"), OPEN),
                                                       (self.tr("Overdue"), OVERDUE)]
                                  + [(s, s) for s in CASE_STATUSES])
        self.category = self._combo("caseCategoryFilter", [(self.tr("All categories"), None)])
        self.period = self._combo("casePeriodFilter", [
            (self.tr("Any time"), "all"), (self.tr("Last 7 days"), "7"), (self.tr("Last 30 days"), "30"),
            (self.tr("This month"), "month"), (self.tr("Last 90 days"), "90"), (self.tr("This year"), "year"),
            (self.tr("Last 365 days"), "365")])
        self.person = self._combo("casePersonFilter", [(self.tr("Everyone"), None)])
        self.status.setCurrentIndex(1)  # an inbox: the open cases
        self.only_zone = QCheckBox(self.tr("Selected zone only"))
        self.only_zone.setObjectName("caseZoneFilter")
        self.only_zone.toggled.connect(self.refill)
        self.density = QCheckBox(self.tr("Cases per grid on the map"))
        self.density.setObjectName("caseDensity")
        self.density.toggled.connect(self.density_toggled)
        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.status, 0, 0)
        filters.addWidget(self.category, 0, 1)
        filters.addWidget(self.period, 1, 0)
        filters.addWidget(self.person, 1, 1)
        filters.addWidget(self.only_zone, 2, 0)
        filters.addWidget(self.density, 2, 1)

        self.new_button = self._button("newCaseButton", self.tr("New Case…"), self.new_requested.emit)
        self.visit_button = self._button("visitButton", self.tr("Record Visit…"), self.visit_requested.emit)
        self.escalate_button = self._button("escalateButton", self.tr("Escalate Overdue (0)"),
                                            self.escalate_requested.emit)
        self.report_button = self._button("caseReportButton", self.tr("Monthly Report…"), self.report_requested.emit)
        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        for button in (self.new_button, self.visit_button, self.escalate_button):
            tools.addWidget(button)

        self.count = QLabel()
        self.count.setObjectName("caseCount")
        self.list = QTreeWidget()
        self.list.setObjectName("caseList")
        self.list.setHeaderLabels([self.tr("Number"), self.tr("Status"), self.tr("Category"), self.tr("Grid"),
                                   self.tr("Assignee"), self.tr("Deadline")])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.currentItemChanged.connect(self._on_current)
        self.list.setMinimumHeight(48)

        self.details = QLabel()
        self.details.setObjectName("caseDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.steps = QGridLayout()
        self.steps.setContentsMargins(0, 0, 0, 0)
        self.step_buttons: dict[str, QPushButton] = {}
        self.slip_button = self._button("caseSlipButton", self.tr("Print Dispatch Slip…"),
                                        lambda: self.case_id is not None and self.slip_requested.emit(self.case_id))
        self.photo_button = self._button("casePhotoButton", self.tr("Add Photo…"),
                                         lambda: self.case_id is not None and self.photo_requested.emit(self.case_id))
        self.timeline = QTreeWidget()
        self.timeline.setObjectName("caseTimeline")
        self.timeline.setHeaderLabels([self.tr("Time"), self.tr("Who"), self.tr("Action"), self.tr("Status"),
                                       self.tr("Note")])
        self.timeline.setRootIsDecorated(False)
        self.photos = QListWidget()
        self.photos.setObjectName("casePhotos")
        self.photos.setViewMode(QListWidget.ViewMode.IconMode)
        self.photos.setIconSize(QSize(64, 64))
        self.photos.setFixedHeight(86)
        self.photos.setFlow(QListWidget.Flow.LeftToRight)
        self.photos.setWrapping(False)
        extra = QHBoxLayout()
        extra.setContentsMargins(0, 0, 0, 0)
        extra.addWidget(self.photo_button)
        extra.addWidget(self.slip_button)
        detail = QScrollArea()  # the details fit any dock height: they scroll
        detail.setWidgetResizable(True)
        detail.setFrameShape(QFrame.Shape.NoFrame)
        detail_body = QWidget()
        detail.setWidget(detail_body)
        detail_layout = QVBoxLayout(detail_body)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.details)
        detail_layout.addLayout(self.steps)
        self.timeline.setMinimumHeight(120)
        detail_layout.addWidget(self.timeline, 1)
        detail_layout.addWidget(self.photos)
        detail_layout.addLayout(extra)

        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(filters)
        top_layout.addLayout(tools)
        top_layout.addWidget(self.count)
        top_layout.addWidget(self.list, 1)
        split.addWidget(top)
        split.addWidget(detail)
        split.setStretchFactor(0, 3)  # the list first: the inbox is the work
        split.setStretchFactor(1, 2)

        self.stats_by = self._combo("caseStatsBy", [(self.tr("Per grid"), "grid"),
                                                    (self.tr("Per community"), "community"),
                                                    (self.tr("Per category"), "category"),
                                                    (self.tr("Per month"), "month")], refill=False)
        self.stats_by.currentIndexChanged.connect(lambda _i: self.refill_statistics())
        self.stats_table = QTableWidget(0, 7)
        self.stats_table.setObjectName("caseStatsTable")
        self.stats_table.setHorizontalHeaderLabels([
            self.tr("Name"), self.tr("Reported"), self.tr("Closed"), self.tr("Open"), self.tr("Overdue"),
            self.tr("Median hours to close"), self.tr("Overdue share")])
        self.stats_table.verticalHeader().hide()
        self.stats_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.stats_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.chart = pg.PlotWidget(background="w")
        self.chart.setObjectName("caseStatsChart")
        self.chart.setMinimumHeight(160)
        self.chart.hideButtons()
        self.chart.setMouseEnabled(False, False)
        self.chart.setTitle(self.tr("Cases reported"), size="9pt", color="#333333")
        self.value_bars = ValueBars(self.chart, horizontal=True)
        stats = QSplitter(Qt.Orientation.Vertical)
        stats_top = QWidget()
        stats_layout = QVBoxLayout(stats_top)
        stats_layout.setContentsMargins(0, 0, 0, 0)
        stats_top_row = QHBoxLayout()
        stats_top_row.addWidget(self.stats_by, 1)
        stats_top_row.addWidget(self.report_button)
        stats_layout.addLayout(stats_top_row)
        stats_layout.addWidget(self.stats_table, 1)
        chart_scroll = QScrollArea()  # one bar a grid: a city's grids scroll, the dock keeps its size
        chart_scroll.setWidgetResizable(True)
        chart_scroll.setFrameShape(QFrame.Shape.NoFrame)
        chart_scroll.setWidget(self.chart)
        stats.addWidget(stats_top)
        stats.addWidget(chart_scroll)
        self.statistics: dict[str, object] = {}  # what the tab shows: by → DataFrame

        self.tabs = QTabWidget()
        self.tabs.setObjectName("caseTabs")
        # a short dock (a 768-pixel laptop) scrolls the list and the details rather than growing the window
        split.setMinimumHeight(420)
        cases_scroll = QScrollArea()
        cases_scroll.setWidgetResizable(True)
        cases_scroll.setFrameShape(QFrame.Shape.NoFrame)
        cases_scroll.setWidget(split)
        self.tabs.addTab(cases_scroll, self.tr("Cases"))
        self.tabs.addTab(stats, self.tr("Statistics"))
        self.tabs.currentChanged.connect(lambda _i: self.refill_statistics())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.tabs)
        selection.changed.connect(self._on_selection)
        self._filling = False
        self.show_case(None)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(330, 600)

    def _combo(self, name: str, choices: list[tuple[str, object]], refill: bool = True) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        for text, data in choices:
            box.addItem(text, data)
        if refill:
            box.currentIndexChanged.connect(lambda _i: self.refill())
        return box

    def _button(self, name: str, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- the project ----------------------------------------------------------------------

    def now(self) -> dt.datetime:
        return self.project.clock() if self.project is not None else dt.datetime.now(dt.UTC)

    def set_project(self, project: Project | None) -> None:
        follow(self.project, project, self._changed)
        self.project, self.case_id, self.zone_id = project, None, None
        self._fill_choices()
        self.refill()

    def _changed(self, changes) -> None:
        tables = {c.table for c in changes}
        if tables & WATCHED:
            if tables & {"staff", "assignments"}:
                self._fill_choices()
            self.refill()

    def _fill_choices(self) -> None:
        """The categories of the project's settings and the people who hold cases or posts."""
        self._filling = True
        for box, first, items in ((self.category, self.tr("All categories"), self._categories()),
                                  (self.person, self.tr("Everyone"), self._people())):
            kept = box.currentData()
            box.clear()
            box.addItem(first, None)
            for text, data in items:
                box.addItem(text, data)
            box.setCurrentIndex(max(0, box.findData(kept)) if kept is not None else 0)
        self._filling = False

    def _categories(self) -> list[tuple[str, str]]:
        if self.project is None:
            return []
        return [(name, name) for name in CaseSettings.from_meta(self.project.meta).category_names]

    def _people(self) -> list[tuple[str, int]]:
        if self.project is None:
            return []
        staff = self.project.tables["staff"]
        ids = {c.assignee_id for c in self.project.tables["cases"].values() if c.assignee_id in staff}
        ids |= {a.staff_id for a in self.project.tables["assignments"].values()
                if a.target_kind == "zone" and a.staff_id in staff}
        return sorted(((staff[i].name, i) for i in ids), key=lambda p: (p[0], p[1]))

    def _on_selection(self, item, _source) -> None:
        if item is not None and item.kind == "zone":
            self.zone_id = item.id
            if self.only_zone.isChecked():
                self.refill()

    # -- the list ---------------------------------------------------------------------------

    def current_filter(self) -> CaseFilter:
        return CaseFilter(status=self.status.currentData(), category=self.category.currentData(),
                          period=self.period.currentData() or "all",
                          zone_id=self.zone_id if self.only_zone.isChecked() else None,
                          assignee_id=self.person.currentData())

    def clear_filters(self) -> None:
        self._filling = True
        for box in (self.status, self.category, self.period, self.person):
            box.setCurrentIndex(0)
        self.only_zone.setChecked(False)
        self._filling = False
        self.refill()

    def refill(self) -> None:
        if self._filling:
            return
        project = self.project
        now = self.now()
        self.cases = filtered_cases(project, self.current_filter(), now) if project is not None else []
        staff = project.tables["staff"] if project is not None else {}
        self.list.blockSignals(True)
        self.list.clear()
        red = QBrush(QColor(OVERDUE_COLOR))
        current = None
        for case in self.cases:
            person = staff.get(case.assignee_id) if case.assignee_id is not None else None
            item = QTreeWidgetItem([case.number, case.status, case.category, zone_label(project, case.zone_id),
                                    person.name if person is not None else "", china_time(case.deadline)[5:]])
            item.setData(0, ID_ROLE, case.id)
            if is_overdue(case, now):
                for column in range(6):
                    item.setForeground(column, red)
                item.setToolTip(0, self.tr("Overdue"))
            self.list.addTopLevelItem(item)
            if case.id == self.case_id:
                current = item
        for column in (0, 1, 2):
            self.list.resizeColumnToContents(column)
        if current is not None:
            self.list.setCurrentItem(current)
        self.list.blockSignals(False)
        total = len(project.tables["cases"]) if project is not None else 0
        overdue = sum(is_overdue(c, now) for c in project.tables["cases"].values()) if project is not None else 0
        self.count.setText(self.tr("%1 of %2 cases, %3 overdue").replace("%1", f"{len(self.cases):,}")
                           .replace("%2", f"{total:,}").replace("%3", f"{overdue:,}"))
        self.escalate_button.setText(self.tr("Escalate Overdue (%1)").replace("%1", f"{overdue:,}"))
        self.escalate_button.setEnabled(bool(overdue) and project is not None and not project.read_only)
        self.new_button.setEnabled(project is not None and not project.read_only)
        self.visit_button.setEnabled(project is not None and not project.read_only)
        self.report_button.setEnabled(project is not None)
        if self.case_id is not None and (project is None or self.case_id not in project.tables["cases"]):
            self.case_id = None
        self.show_case(self.case_id)
        self.shown_changed.emit([c.id for c in self.cases])
        if self.tabs.currentIndex() == 1:
            self.refill_statistics()

    def _on_current(self, item: QTreeWidgetItem | None, _previous) -> None:
        case_id = item.data(0, ID_ROLE) if item is not None else None
        if case_id != self.case_id:
            self.case_id = case_id
            self.show_case(case_id)
            self.case_chosen.emit(case_id)

    def select_case(self, case_id: int) -> bool:
        """Show ``case_id`` in the list (the filters are cleared if they hide it) and its details."""
        if self.project is None or case_id not in self.project.tables["cases"]:
            return False
        if case_id not in {c.id for c in self.cases}:
            self.clear_filters()
        self.tabs.setCurrentIndex(0)
        for row in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(row)
            if item.data(0, ID_ROLE) == case_id:
                self.list.setCurrentItem(item)
                self.list.scrollToItem(item)
                return True
        return False

    # -- one case -------------------------------------------------------------------------------

    def show_case(self, case_id: int | None) -> None:
        project = self.project
        case = project.tables["cases"].get(case_id) if project is not None and case_id is not None else None
        for button in self.step_buttons.values():
            self.steps.removeWidget(button)
            button.deleteLater()
        self.step_buttons = {}
        self.timeline.clear()
        self.photos.clear()
        for button in (self.slip_button, self.photo_button):
            button.setEnabled(case is not None)
        self.photo_button.setEnabled(case is not None and not project.read_only)
        if case is None:
            self.details.setText(self.tr("Select a case in the list or on the map."))
            return
        staff = project.tables["staff"]
        person = staff.get(case.assignee_id) if case.assignee_id is not None else None
        now = self.now()
        late = is_overdue(case, now)
        place = case.address or self._place(case)
        e = _escape  # user text into the rich-text table
        rows = [
            (self.tr("Case"), f"<b>{e(case.number)}</b> {e(case.category)} · {e(case.urgency)}"),
            (self.tr("Status"), e(case.status) + (f" <span style='color:{OVERDUE_COLOR}'>{self.tr('Overdue')}</span>"
                                                  if late else "")),
            (self.tr("Grid"), e(zone_label(project, case.zone_id))),
            (self.tr("Place"), e(place)),
            (self.tr("Assignee"), e(person.name) if person is not None else "—"),
            (self.tr("Reported at"), f"{china_time(case.reported_at)} · {e(case.source)}"),
            (self.tr("Deadline"), china_time(case.deadline)),
            (self.tr("Reporter"), e(" ".join(p for p in (case.reporter, case.reporter_phone) if p)) or "—"),
            (self.tr("Description"), e(case.description) or "—"),
        ]
        if case.escalation:
            rows.append((self.tr("Escalated"), self.tr("%1 level(s) up").replace("%1", str(case.escalation))))
        if case.closed_at is not None:
            rows.append((self.tr("Closed at"), china_time(case.closed_at)))
        self.details.setText("<table cellspacing='1'>" + "".join(
            f"<tr><td style='color:#555555; padding-right:6px'>{name}</td><td>{value}</td></tr>"
            for name, value in rows) + "</table>")
        editable = not project.read_only
        for n, action in enumerate(workflow.allowed(case.status)):
            button = QPushButton(action)
            button.setObjectName(f"caseStep_{action}")
            button.setEnabled(editable)
            button.clicked.connect(lambda _checked=False, a=action, c=case.id: self.step_requested.emit(c, a))
            self.steps.addWidget(button, n // 3, n % 3)
            self.step_buttons[action] = button
        events = sorted((e for e in project.tables["case_events"].values() if e.case_id == case.id),
                        key=lambda e: (e.at, e.id))
        for event in events:
            item = QTreeWidgetItem([china_time(event.at), event.who, event.action, event.status, event.note])
            item.setToolTip(4, event.note)
            self.timeline.addTopLevelItem(item)
        for column in range(4):
            self.timeline.resizeColumnToContents(column)
        for photo in sorted((p for p in project.tables["case_photos"].values() if p.case_id == case.id),
                            key=lambda p: p.id):
            pixmap = QPixmap()
            pixmap.loadFromData(photo.data)
            item = QListWidgetItem(QIcon(pixmap.scaled(64, 64, Qt.AspectRatioMode.KeepAspectRatio,
                                                       Qt.TransformationMode.SmoothTransformation)), "")
            item.setToolTip(f"{photo.name} {china_time(photo.taken_at)}")
            item.setData(ID_ROLE, photo.id)
            self.photos.addItem(item)
        self.photos.setVisible(self.photos.count() > 0)

    def _place(self, case: Case) -> str:
        tables = self.project.tables
        building = tables["buildings"].get(case.building_id) if case.building_id is not None else None
        if case.household_id is not None and case.household_id in tables["households"]:
            from ui.cases.case_dialogs import household_label

            return household_label(self.project, case.household_id)
        return building.number if building is not None else self.tr("A point on the map")

    # -- statistics -------------------------------------------------------------------------------

    def refill_statistics(self) -> None:
        """The Statistics tab: counts per the chosen grouping, over every case (filled when shown)."""
        if self.tabs.currentIndex() != 1:
            return
        by = self.stats_by.currentData()
        project = self.project
        if project is None or not project.tables["cases"]:
            self.stats_table.setRowCount(0)
            self.value_bars.show([], [], [], [])
            self.statistics = {}
            return
        table = statistics(case_frame(project, self.now()), by)
        self.statistics = {by: table}
        names = [self.stats_name(by, key) for key in table.index]
        self.stats_table.setRowCount(len(table))
        for r, (name, (_key, row)) in enumerate(zip(names, table.iterrows(), strict=True)):
            median = row["median_hours"]
            values = [name, int(row["reported"]), int(row["closed"]), int(row["open"]), int(row["overdue"]),
                      "" if median != median else round(float(median), 1), f"{row['overdue_share']:.0%}"]
            for c, value in enumerate(values):
                cell = QTableWidgetItem()
                cell.setData(Qt.ItemDataRole.DisplayRole, value)
                self.stats_table.setItem(r, c, cell)
        reported = [int(v) for v in table["reported"]]
        brushes = [OVERDUE_COLOR if share > 0.2 else "#3b7dd8" for share in table["overdue_share"]]
        self.chart.setMinimumHeight(max(160, len(names) * (self.value_bars.metrics.height() + 2) + 36))
        widest = max((self.value_bars.metrics.horizontalAdvance(n) for n in names), default=0)
        self.chart.getAxis("left").setWidth(min(widest + 14, 170))  # long grid names: the axis makes room
        self.value_bars.show(names, reported, [f"{v:,}" for v in reported], brushes)

    def stats_name(self, by: str, key) -> str:
        if by in ("grid", "community"):
            return zone_label(self.project, int(key))
        return str(key)


def _escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
