"""The Partition Zone dialog: choose a zone and how to divide it, make a plan
on a worker (progress bar, Cancel), look at it on the map and in the report,
then Accept (one undo step) or Discard. Non-modal: the map stays usable while
a plan is shown; nothing changes in the project before Accept."""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QFrame,
    QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem, QProgressDialog, QPushButton, QRadioButton,
    QSpinBox, QTableWidget, QTabWidget, QToolButton, QVBoxLayout, QWidget,
)

from gridmap.commands.partition import ApplyPlan
from gridmap.errors import EditError
from gridmap.model.entities import DEDICATED_GRID
from gridmap.partition.plan import Options, Plan, PartitionError, assess_zone, current_snapshot
from gridmap.topology.office import missing_for_partition
from gridmap.zone_tree import ZoneTree
from ui.busy import start, worker_progress
from ui.partition.report import PartitionReport, outside
from ui.partition.plan_worker import PlanWorker, in_words
from ui.partition.preview_tool import PlanPreviewTool, PreviewGrid

if TYPE_CHECKING:
    from gridmap.project import Project
    from ui.canvas.map_canvas import MapCanvas

DEFAULT_GRIDS = 6
DEFAULT_BAND = (300, 500)
ERROR_STYLE = "color: #b03a2e;"
SIZE = (560, 820)  # beside the map; the height shrinks to the screen's (1366 × 768 included)
MISSING_STYLE = "QFrame#missingStep { background: #fff4e5; border: 1px solid #e6a23c; border-radius: 3px; }"


def partitionable(project: "Project") -> list[int]:
    """Zones whose children are all leaves (or that are leaves): make_plan refuses the others."""
    tree = ZoneTree(project.tables["zones"])
    return [z for z in tree.walk() if all(tree.is_leaf(c) for c in tree.children.get(z, ()))]


class PartitionDialog(QDialog):
    def __init__(self, project: "Project", canvas: "MapCanvas", zone_id: int | None = None,
                 parent: QWidget | None = None, steps: Mapping[str, Sequence[QAction]] | None = None) -> None:
        """``steps``: per thing a project may lack (``missing_for_partition``),
        the actions that make it, offered as buttons when it is missing."""
        super().__init__(parent)
        self.project, self.canvas = project, canvas
        self.steps = dict(steps or {})
        self.plan: Plan | None = None
        self.worker: PlanWorker | None = None
        self.progress: QProgressDialog | None = None
        self.preview: PlanPreviewTool | None = None
        self._previous_tool = None
        self._applying = False
        self.report = PartitionReport(self)
        self.setWindowTitle(self.tr("Partition Zone"))

        self.zone = QComboBox()
        self.by_count = QRadioButton(self.tr("Number of grids"))
        self.by_band = QRadioButton(self.tr("Household band"))
        self.by_rebalance = QRadioButton(self.tr("Rebalance existing grids (move as few buildings as possible)"))
        self.mode = QButtonGroup(self)
        for button in (self.by_count, self.by_band, self.by_rebalance):
            self.mode.addButton(button)
        self.by_count.setChecked(True)
        self.count = QSpinBox()
        self.count.setRange(1, 200)
        self.count.setSuffix(self.tr(" grids"))
        self.low, self.high = QSpinBox(), QSpinBox()
        for spin, value in ((self.low, DEFAULT_BAND[0]), (self.high, DEFAULT_BAND[1])):
            spin.setRange(1, 100000)
            spin.setSingleStep(50)
            spin.setValue(value)
            spin.setSuffix(self.tr(" households"))
        self.tolerance = QSpinBox()
        self.tolerance.setRange(1, 50)
        self.tolerance.setValue(10)
        self.tolerance.setPrefix("± ")
        self.tolerance.setSuffix(" %")
        self.locked = QListWidget()
        self.locked.setMaximumHeight(96)
        self.locked.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.split = QCheckBox(self.tr("Allow compounds to be split"))
        self.weights = QComboBox()
        for key, text in (("auto", self.tr("Automatic (households where the zone has any)")),
                          ("households", self.tr("Households")),
                          ("estimate", self.tr("Estimated from footprint area × floors"))):
            self.weights.addItem(text, key)

        self.make_button = QPushButton(self.tr("Make Plan"))
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(lambda: self.make_plan())
        self.current_button = QPushButton(self.tr("Report on Current Grids"))
        self.current_button.clicked.connect(lambda: self.report_current())
        self.message = QLabel(self.tr("Choose a zone and how to divide it, then Make Plan."))
        self.message.setWordWrap(True)
        self.missing = QFrame()  # what the project lacks before it can be partitioned, and the steps
        self.missing.setObjectName("missingStep")
        self.missing.setStyleSheet(MISSING_STYLE)
        self.missing_text = QLabel()
        self.missing_text.setWordWrap(True)
        self.missing_buttons = QHBoxLayout()
        missing_layout = QVBoxLayout(self.missing)
        missing_layout.addWidget(self.missing_text)
        missing_layout.addLayout(self.missing_buttons)
        self.missing.hide()
        self.grids = QTableWidget(0, 6)
        self.grids.setHorizontalHeaderLabels(self.report.grid_headers())
        self.grids.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.grids.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.posts = QTableWidget(0, 4)
        self.posts.setHorizontalHeaderLabels(self.report.post_headers())
        self.posts.horizontalHeader().setStretchLastSection(True)
        self.posts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for table in (self.grids, self.posts):
            table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.accept_button = self.buttons.addButton(self.tr("Accept Plan"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.discard_button = self.buttons.addButton(self.tr("Discard Plan"),
                                                     QDialogButtonBox.ButtonRole.DestructiveRole)
        self.accept_button.clicked.connect(lambda: self.accept_plan())
        self.discard_button.clicked.connect(lambda: self.discard())
        self.buttons.rejected.connect(self.reject)
        self._layout()
        self._fill_zones(zone_id)
        self.zone.currentIndexChanged.connect(lambda _i: self._zone_changed())
        self.mode.buttonToggled.connect(lambda *_args: self._enable())
        self._zone_changed()
        project.changed.connect(self._project_changed)

    def _layout(self) -> None:
        count = QHBoxLayout()
        count.addWidget(self.by_count)
        count.addWidget(self.count)
        count.addStretch(1)
        band = QHBoxLayout()
        band.addWidget(self.by_band)
        band.addWidget(self.low)
        band.addWidget(QLabel("–"))
        band.addWidget(self.high)
        band.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Zone"), self.zone)
        form.addRow(self.tr("Divide into"), count)
        form.addRow("", band)
        form.addRow("", self.by_rebalance)
        form.addRow(self.tr("Tolerance"), self.tolerance)
        form.addRow(self.tr("Keep as they are"), self.locked)
        form.addRow("", self.split)
        form.addRow(self.tr("Weigh buildings by"), self.weights)
        actions = QHBoxLayout()
        actions.addWidget(self.make_button)
        actions.addWidget(self.current_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.missing)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        self.report_tabs = QTabWidget()
        self.report_tabs.addTab(self.grids, self.tr("Grids"))
        self.report_tabs.addTab(self.posts, self.tr("Staff posts"))
        layout.addWidget(self.report_tabs, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.grids.setMinimumHeight(90)
        self.resize(*SIZE)

    # -- choices -----------------------------------------------------------------------

    def _fill_zones(self, chosen: int | None) -> None:
        zones = self.project.tables["zones"]
        self.zone.blockSignals(True)
        self.zone.clear()
        tree = ZoneTree(zones)
        for zone_id in partitionable(self.project):
            path = " › ".join(zones[z].name for z in reversed(tree.ancestors(zone_id)))
            self.zone.addItem(f"{path}  {zones[zone_id].code}", zone_id)
        communities = [i for i in range(self.zone.count()) if zones[self.zone.itemData(i)].level == 2]
        index = self.zone.findData(chosen) if chosen is not None else -1
        self.zone.setCurrentIndex(index if index >= 0 else (communities[0] if communities else 0))
        self.zone.blockSignals(False)

    def zone_id(self) -> int | None:
        return self.zone.currentData()

    def children(self) -> list:
        zones = self.project.tables["zones"]
        return sorted((z for z in zones.values() if z.parent_id == self.zone_id()), key=lambda z: z.code)

    def _zone_changed(self) -> None:
        self.discard()
        kids = self.children()
        self.count.setValue(len(kids) or DEFAULT_GRIDS)
        self.locked.clear()
        for zone in kids:
            item = QListWidgetItem(f"{zone.code}  {zone.name}")
            item.setData(Qt.ItemDataRole.UserRole, zone.id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            dedicated = zone.kind == DEDICATED_GRID  # a school's or a park's grid: no household band to meet
            item.setCheckState(Qt.CheckState.Checked if dedicated else Qt.CheckState.Unchecked)
            if dedicated:
                item.setToolTip(self.tr("A dedicated grid keeps its boundary unless you untick it"))
            self.locked.addItem(item)
        self.by_rebalance.setEnabled(bool(kids))
        if not kids and self.by_rebalance.isChecked():
            self.by_count.setChecked(True)
        self.current_button.setEnabled(bool(kids))
        self._clear_report()
        self.show_missing()
        self._enable()

    def show_missing(self) -> str | None:
        """Say what the project lacks before the chosen zone can be partitioned,
        with the steps that make it; hidden when nothing is missing."""
        key = missing_for_partition(self.project, self.zone_id())
        while self.missing_buttons.count():
            widget = self.missing_buttons.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.missing.setVisible(key is not None)
        if key is None:
            return None
        zones = self.project.tables["zones"]
        name = zones[self.zone_id()].name if self.zone_id() in zones else ""
        texts = {
            "buildings": self.tr("The project has no buildings yet: import them (OpenStreetMap, a shapefile…), "
                                 "then make the street office and its communities."),
            "office": self.tr("There is no street office yet, so nothing to partition: take it from the buildings' "
                              "outline, draw it or import it; then divide it into communities."),
            "communities": self.tr("%1 has no communities yet: divide it along main roads, draw or import them; "
                                   "then partition a community into grids.").replace("%1", name),
            "zone_buildings": self.tr("No building stands in %1: there is nothing to divide. Import buildings, or "
                                      "choose another zone.").replace("%1", name),
        }
        self.missing_text.setText(texts[key])
        for action in self.steps.get(key, ()):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.missing_buttons.addWidget(button)
        self.missing_buttons.addStretch(1)
        return key

    def set_locked(self, zone_ids) -> None:
        for row in range(self.locked.count()):
            item = self.locked.item(row)
            on = item.data(Qt.ItemDataRole.UserRole) in set(zone_ids)
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _enable(self) -> None:
        running = self.worker is not None and self.worker.isRunning()
        self.count.setEnabled(self.by_count.isChecked())
        self.low.setEnabled(self.by_band.isChecked())
        self.high.setEnabled(self.by_band.isChecked())
        self.tolerance.setEnabled(not self.by_band.isChecked())
        self.make_button.setEnabled(not running and self.zone_id() is not None)
        self.accept_button.setEnabled(self.plan is not None and not running)
        self.discard_button.setEnabled(self.plan is not None)

    def options(self) -> Options:
        locked = frozenset(self.locked.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.locked.count())
                           if self.locked.item(r).checkState() == Qt.CheckState.Checked)
        common = dict(locked=locked, split_compounds=self.split.isChecked(), tolerance=self.tolerance.value() / 100,
                      weights=self.weights.currentData())
        if self.by_band.isChecked():
            low, high = sorted((self.low.value(), self.high.value()))
            return Options(band=(low, high), **common)
        if self.by_rebalance.isChecked():
            return Options(rebalance=True, **common)
        return Options(grids=self.count.value(), **common)

    # -- making a plan -----------------------------------------------------------------

    def make_plan(self, *, wait: bool = False) -> PlanWorker | None:
        """Plan on a worker behind a modal progress bar; ``wait`` blocks until done (tests)."""
        if self.zone_id() is None or (self.worker is not None and self.worker.isRunning()):
            return None
        self.discard()
        self.worker = worker = PlanWorker(self.project, self.zone_id(), self.options(), self)
        self.progress = progress = worker_progress(self, self.tr("Partition Zone"), self.tr("Making the plan…"),
                                                   self.tr("Cancel"), 100, minimum_duration=300)
        progress.canceled.connect(lambda: self._stop(worker, progress))
        worker.progressed.connect(lambda fraction: progress.setValue(round(fraction * 100)))
        worker.finished.connect(lambda: self._plan_done(worker, progress))
        self._say(self.tr("Making the plan…"))
        start(worker, wait)
        self._enable()
        return worker

    def _stop(self, worker: PlanWorker, progress: QProgressDialog) -> None:
        worker.cancel_requested = True
        progress.show()  # Qt hides it on Cancel; it stays until the worker has stopped
        progress.setLabelText(self.tr("Stopping…"))
        progress.setCancelButton(None)

    def _plan_done(self, worker: PlanWorker, progress: QProgressDialog) -> None:
        progress.close()
        if worker is not self.worker:
            return
        if worker.cancelled:
            self._say(self.tr("Cancelled: no plan was made and the project is unchanged."))
        elif worker.error is not None:
            self._say(self.tr("Cannot make the plan: %1").replace("%1", worker.error), error=True)
        elif worker.plan is not None:
            self.show_plan(worker.plan)
        self._enable()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")

    # -- showing a plan ----------------------------------------------------------------

    def show_plan(self, plan: Plan) -> None:
        self.plan = plan
        zone = plan.zone
        text = self.tr("Plan for %1: %2 grids. Look at it on the map, then Accept or Discard.") \
            .replace("%1", zone.name).replace("%2", str(len(plan.locked) + len(plan.grids)))
        self._say(text)
        self.report.fill_grids(self.grids, plan.quality, plan.band, len(plan.locked))
        self.summary.setText("\n".join(self.report.plan_summary(plan)))
        self.report.fill_posts(self.posts, self.project, plan)
        self._show_preview(plan)
        self._enable()

    def _show_preview(self, plan: Plan) -> None:
        shapes = [z.geometry for z in plan.locked] + [g.geometry for g in plan.grids]
        held = len(plan.locked)  # locked grids come first and are not held to the band
        rows = [PreviewGrid(shape, number, q.households, number > held and outside(q.households, plan.band),
                            number <= held) for number, (shape, q) in enumerate(zip(shapes, plan.quality.grids), 1)]
        if self.preview is None or self.canvas.tool is not self.preview:
            self._previous_tool = self.canvas.tool
        self.preview = PlanPreviewTool(self.canvas, rows)
        self.canvas.set_tool(self.preview)
        self.canvas.zoom_to(zone_bounds(plan.zone))
        self.canvas.update()

    def _hide_preview(self) -> None:
        if self.preview is not None and self.canvas.tool is self.preview and self._previous_tool is not None:
            self.canvas.set_tool(self._previous_tool)  # the user may have picked another tool meanwhile: keep it
            self.canvas.update()
        self.preview = self._previous_tool = None

    def _clear_report(self) -> None:
        self.grids.setRowCount(0)
        self.posts.setRowCount(0)
        self.summary.clear()

    def discard(self) -> None:
        """Drop the plan and its preview; the project was never touched."""
        had = self.plan is not None
        self.plan = None
        self._hide_preview()
        if had:
            self._clear_report()
            self._say(self.tr("Plan discarded; the project is unchanged."))
        self._enable()

    def report_current(self) -> bool:
        """The same report for the grids the zone has now, drawn by hand or not."""
        self.discard()
        try:
            quality = assess_zone(self.project, self.zone_id(), self.weights.currentData())
        except PartitionError as error:
            self._say(in_words(error), error=True)
            return False
        if self.by_band.isChecked():
            band = tuple(map(float, sorted((self.low.value(), self.high.value()))))
        else:
            spread = self.tolerance.value() / 100
            band = (quality.mean * (1 - spread), quality.mean * (1 + spread))
        self.report.fill_grids(self.grids, quality, band)
        self.summary.setText("\n".join(self.report.summary(quality, band)))
        self.report.fill_posts(self.posts, self.project, None)
        zone = self.project.tables["zones"][self.zone_id()]
        self._say(self.tr("The current grids of %1 (no plan).").replace("%1", zone.name))
        self.canvas.zoom_to(zone_bounds(zone))
        return True

    # -- accepting ---------------------------------------------------------------------

    def accept_plan(self) -> bool:
        """Put the plan into the project as one undo step; a refusal is shown and nothing changes."""
        plan = self.plan
        if plan is None:
            return False
        self._applying = True  # the change it makes is ours: not "the zone changed meanwhile"
        try:
            self.project.undo_stack.push(ApplyPlan(plan))
        except EditError as error:
            self._say(self.tr("Not applied: %1").replace("%1", in_words(error)), error=True)
            return False
        finally:
            self._applying = False
        self.plan = None
        self._hide_preview()
        window = self.parent()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.tr("%1 now has %2 grids (Ctrl+Z takes the partition back)")
                                           .replace("%1", plan.zone.name)
                                           .replace("%2", str(len(plan.locked) + len(plan.grids))), 10000)
        self.accept()
        return True

    def _project_changed(self, changes) -> None:
        """An edit elsewhere while a plan is shown: the plan no longer fits; other zones may have come or gone."""
        if self._applying or not {c.table for c in changes} & {"zones", "buildings", "households"}:
            return
        if self.plan is not None and current_snapshot(self.project, self.plan) != self.plan.snapshot:
            self.plan = None
            self._hide_preview()
            self._clear_report()
            self._say(self.tr("The zone changed since the plan was made: make it again."), error=True)
        chosen = self.zone_id()
        if not self.missing.isHidden():  # a step was taken: choose afresh (the first community, once there is one)
            chosen = None
        if chosen not in self.project.tables["zones"] or self.zone.count() != len(partitionable(self.project)):
            self._fill_zones(chosen)
            self._zone_changed()
        else:
            self.show_missing()
        self._enable()

    # -- closing -----------------------------------------------------------------------

    def done(self, result: int) -> None:
        """Closed by any way: a run in hand is stopped, the preview goes, the project is let go."""
        if self.worker is not None and self.worker.isRunning():
            self.worker.cancel_requested = True
            self.worker.wait()
        if self.progress is not None:
            self.progress.close()
        self.plan = None
        self._hide_preview()
        if self.project.changed.is_connected(self._project_changed):
            self.project.changed.disconnect(self._project_changed)
        super().done(result)


def zone_bounds(zone) -> tuple[float, float, float, float]:
    return tuple(zone.geometry.bounds)
