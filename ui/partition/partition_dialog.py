"""The Partition Zone dialog: choose what to divide (communities into grids,
or grids into micro-grids: gridmap/partition/roles.py), the zone and how, make
a proposal on a worker (progress bar, Cancel), look at it on the map and in the
report, then Accept (one undo step) or Discard. Non-modal: the map stays usable
while a proposal is shown; nothing changes in the project before Accept."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QFrame,
    QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem, QProgressDialog, QPushButton, QRadioButton,
    QSpinBox, QTableWidget, QTabWidget, QToolButton, QVBoxLayout, QWidget,
)

from gridmap.commands.partition import ApplyProposal
from gridmap.errors import EditError
from gridmap.model.entities import COMMUNITY, GRID, MICRO_GRID
from gridmap.partition.proposal import Options, PartitionError, Proposal, assess_zone, current_snapshot, default_options
from gridmap.partition.roles import TARGETS, partitionable, role_of
from gridmap.topology.office import missing_for_partition
from gridmap.zone_tree import ZoneTree
from ui.busy import start, worker_progress
from ui.partition.report import PartitionReport, outside
from ui.partition.proposal_worker import ProposalWorker, in_words
from ui.partition.preview_tool import ProposalPreviewTool, PreviewGrid

if TYPE_CHECKING:
    from gridmap.project import Project
    from ui.canvas.map_canvas import MapCanvas

ERROR_STYLE = "color: #b03a2e;"
SIZE = (560, 820)  # beside the map; the height shrinks to the screen's (1366 × 768 included)
MISSING_STYLE = "QFrame#missingStep { background: #fff4e5; border: 1px solid #e6a23c; border-radius: 3px; }"


class PartitionDialog(QDialog):
    def __init__(self, project: Project, canvas: MapCanvas, zone_id: int | None = None,
                 parent: QWidget | None = None, steps: Mapping[str, Sequence[QAction]] | None = None) -> None:
        """``steps``: per thing a project may lack (``missing_for_partition``),
        the actions that make it, offered as buttons when it is missing."""
        super().__init__(parent)
        self.project, self.canvas = project, canvas
        self.steps = dict(steps or {})
        self.proposal: Proposal | None = None
        self.worker: ProposalWorker | None = None
        self.progress: QProgressDialog | None = None
        self.preview: ProposalPreviewTool | None = None
        self._previous_tool = None
        self._applying = False
        self.report = PartitionReport(self)
        self.setWindowTitle(self.tr("Partition Zone"))

        self.what = QComboBox()  # the role of the zones to divide (roles.TARGETS)
        self.what.addItem(self.tr("Communities into grids"), COMMUNITY)
        self.what.addItem(self.tr("Grids into micro-grids"), GRID)
        self.zone = QComboBox()
        self.by_count = QRadioButton()
        self.by_band = QRadioButton(self.tr("Household band"))
        self.by_rebalance = QRadioButton(self.tr("Rebalance existing grids (move as few buildings as possible)"))
        self.mode = QButtonGroup(self)
        for button in (self.by_count, self.by_band, self.by_rebalance):
            self.mode.addButton(button)
        self.by_count.setChecked(True)
        self.count = QSpinBox()
        self.count.setRange(1, 200)
        self.low, self.high = QSpinBox(), QSpinBox()
        for spin in (self.low, self.high):
            spin.setRange(1, 100000)
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

        self.make_button = QPushButton(self.tr("Make Proposal"))
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(lambda: self.make_proposal())
        self.current_button = QPushButton(self.tr("Report on Current Grids"))
        self.current_button.clicked.connect(lambda: self.report_current())
        self.message = QLabel(self.tr("Choose a zone and how to divide it, then Make Proposal."))
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
        self.accept_button = self.buttons.addButton(self.tr("Accept Proposal"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.discard_button = self.buttons.addButton(self.tr("Discard Proposal"),
                                                     QDialogButtonBox.ButtonRole.DestructiveRole)
        self.accept_button.clicked.connect(lambda: self.accept_proposal())
        self.discard_button.clicked.connect(lambda: self.discard())
        self.buttons.rejected.connect(self.reject)
        self._layout()
        self._fill_zones(zone_id)
        self.what.currentIndexChanged.connect(lambda _i: self._what_changed())
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
        form.addRow(self.tr("Partition"), self.what)
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
        """The zones of the chosen role (of ``chosen``'s role, if it can be divided), ``chosen`` or the first."""
        zones = self.project.tables["zones"]
        if chosen in zones and chosen in partitionable(self.project):
            self.what.blockSignals(True)
            self.what.setCurrentIndex(self.what.findData(role_of(self.project, zones[chosen])))
            self.what.blockSignals(False)
        self._set_target()
        self.zone.blockSignals(True)
        self.zone.clear()
        tree = ZoneTree(zones)
        for zone_id in partitionable(self.project, self.role()):
            path = " › ".join(zones[z].name for z in reversed(tree.ancestors(zone_id)))
            self.zone.addItem(f"{path}  {zones[zone_id].code}", zone_id)
        index = self.zone.findData(chosen) if chosen is not None else -1
        self.zone.setCurrentIndex(max(index, 0))
        self.zone.blockSignals(False)

    def _set_target(self) -> None:
        """Words and household band for the parts of the chosen role."""
        target, micro = TARGETS[self.role()], self._micro()
        self.by_count.setText(self.tr("Number of micro-grids") if micro else self.tr("Number of grids"))
        self.count.setSuffix(self.tr(" micro-grids") if micro else self.tr(" grids"))
        for spin, value in zip((self.low, self.high), target.band):
            spin.setValue(value)
            spin.setSingleStep(10 if micro else 50)

    def _what_changed(self) -> None:
        self._fill_zones(None)
        self._zone_changed()

    def parts(self, count: int) -> str:
        """``count`` grids or micro-grids, as the chosen role's parts are."""
        return (self.tr("%1 micro-grids") if self._micro() else self.tr("%1 grids")).replace("%1", str(count))

    def _micro(self) -> bool:
        return TARGETS[self.role()].role == MICRO_GRID

    def role(self) -> str:
        """The role of the zones offered (communities or grids)."""
        return self.what.currentData()

    def zone_id(self) -> int | None:
        return self.zone.currentData()

    def children(self) -> list:
        """The chosen zone's children (none with no zone chosen: the top zones have no parent either)."""
        zones, chosen = self.project.tables["zones"], self.zone_id()
        return sorted((z for z in zones.values() if chosen is not None and z.parent_id == chosen), key=lambda z: z.code)

    def _zone_changed(self) -> None:
        self.discard()
        kids = self.children()
        self.count.setValue(len(kids) or TARGETS[self.role()].count)
        self.locked.clear()
        kept = default_options(self.project, self.zone_id()).locked if kids else frozenset()  # dedicated ones
        for zone in kids:
            item = QListWidgetItem(f"{zone.code}  {zone.name}")
            item.setData(Qt.ItemDataRole.UserRole, zone.id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if zone.id in kept else Qt.CheckState.Unchecked)
            if zone.id in kept:  # a school's or a park's grid: no household band to meet
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
        with the steps that make it; hidden when nothing is missing. With no
        zone of the chosen kind to divide, what the top zone lacks, or why none."""
        zones = self.project.tables["zones"]
        zone_id = self.zone_id()
        if zone_id is None and zones:
            zone_id = ZoneTree(zones).roots[0]
        key = missing_for_partition(self.project, zone_id)
        if key is None and self.zone_id() is None:
            key = "none_of_role"
        while self.missing_buttons.count():
            widget = self.missing_buttons.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.missing.setVisible(key is not None)
        if key is None:
            return None
        name = zones[zone_id].name if zone_id in zones else ""
        texts = {
            "buildings": self.tr("The project has no buildings yet: import them (OpenStreetMap, a shapefile…), "
                                 "then make the street office and its communities."),
            "office": self.tr("There is no street office yet, so nothing to partition: take it from the buildings' "
                              "outline, draw it or import it; then divide it into communities."),
            "communities": self.tr("%1 has no communities yet: divide it along main roads, draw or import them; "
                                   "then partition a community into grids.").replace("%1", name),
            "zone_buildings": self.tr("No building stands in %1: there is nothing to divide. Import buildings, or "
                                      "choose another zone.").replace("%1", name),
            "none_of_role": self.tr("No grid to partition yet: first partition a community into grids.")
            if self.role() == GRID else self.tr("No community to partition: where a community's grids hold "
                                                "micro-grids, partition its grids into micro-grids instead."),
        }
        self.missing_text.setText(texts[key])
        for action in self.steps.get(key, ()):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.missing_buttons.addWidget(button)
        self.missing_buttons.addStretch(1)
        return key

    def _enable(self) -> None:
        running = self.worker is not None and self.worker.isRunning()
        self.count.setEnabled(self.by_count.isChecked())
        self.low.setEnabled(self.by_band.isChecked())
        self.high.setEnabled(self.by_band.isChecked())
        self.tolerance.setEnabled(not self.by_band.isChecked())
        self.make_button.setEnabled(not running and self.zone_id() is not None)
        self.accept_button.setEnabled(self.proposal is not None and not running)
        self.discard_button.setEnabled(self.proposal is not None)

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

    # -- making a proposal -------------------------------------------------------------

    def make_proposal(self, *, wait: bool = False) -> ProposalWorker | None:
        """Make a proposal on a worker behind a modal progress bar; ``wait`` blocks until done (tests)."""
        if self.zone_id() is None or (self.worker is not None and self.worker.isRunning()):
            return None
        self.discard()
        self.worker = worker = ProposalWorker(self.project, self.zone_id(), self.options(), self)
        self.progress = progress = worker_progress(self, self.tr("Partition Zone"), self.tr("Making the proposal…"),
                                                   self.tr("Cancel"), 100, minimum_duration=300)
        progress.canceled.connect(lambda: self._stop(worker, progress))
        worker.progressed.connect(lambda fraction: progress.setValue(round(fraction * 100)))
        worker.finished.connect(lambda: self._proposal_done(worker, progress))
        self._say(self.tr("Making the proposal…"))
        start(worker, wait)
        self._enable()
        return worker

    def _stop(self, worker: ProposalWorker, progress: QProgressDialog) -> None:
        worker.cancel_requested = True
        progress.show()  # Qt hides it on Cancel; it stays until the worker has stopped
        progress.setLabelText(self.tr("Stopping…"))
        progress.setCancelButton(None)

    def _proposal_done(self, worker: ProposalWorker, progress: QProgressDialog) -> None:
        progress.close()
        if worker is not self.worker:
            return
        if worker.cancelled:
            self._say(self.tr("Cancelled: no proposal was made and the project is unchanged."))
        elif worker.error is not None:
            self._say(self.tr("Cannot make the proposal: %1").replace("%1", worker.error), error=True)
        elif worker.proposal is not None:
            self.show_proposal(worker.proposal)
        self._enable()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")

    # -- showing a proposal ------------------------------------------------------------

    def show_proposal(self, proposal: Proposal) -> None:
        self.proposal = proposal
        zone = proposal.zone
        text = self.tr("Proposal for %1: %2. Look at it on the map, then Accept or Discard.") \
            .replace("%1", zone.name).replace("%2", self.parts(len(proposal.locked) + len(proposal.grids)))
        self._say(text)
        self.report.fill_grids(self.grids, proposal.quality, proposal.band, len(proposal.locked))
        self.summary.setText("\n".join(self.report.proposal_summary(proposal)))
        self.report.fill_posts(self.posts, self.project, proposal)
        self._show_preview(proposal)
        self._enable()

    def _show_preview(self, proposal: Proposal) -> None:
        shapes = [z.geometry for z in proposal.locked] + [g.geometry for g in proposal.grids]
        held = len(proposal.locked)  # locked grids come first and are not held to the band
        rows = [PreviewGrid(shape, number, q.households, number > held and outside(q.households, proposal.band),
                            number <= held) for number, (shape, q) in enumerate(zip(shapes, proposal.quality.grids), 1)]
        if self.preview is None or self.canvas.tool is not self.preview:
            self._previous_tool = self.canvas.tool
        self.preview = ProposalPreviewTool(self.canvas, rows)
        self.canvas.set_tool(self.preview)
        self.canvas.zoom_to(zone_bounds(proposal.zone))
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
        """Drop the proposal and its preview; the project was never touched."""
        had = self.proposal is not None
        self.proposal = None
        self._hide_preview()
        if had:
            self._clear_report()
            self._say(self.tr("Proposal discarded; the project is unchanged."))
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
        self._say(self.tr("The current grids of %1 (no proposal).").replace("%1", zone.name))
        self.canvas.zoom_to(zone_bounds(zone))
        return True

    # -- accepting ---------------------------------------------------------------------

    def accept_proposal(self) -> bool:
        """Put the proposal into the project as one undo step; a refusal is shown and nothing changes."""
        proposal = self.proposal
        if proposal is None:
            return False
        self._applying = True  # the change it makes is ours: not "the zone changed meanwhile"
        try:
            self.project.undo_stack.push(ApplyProposal(proposal))
        except EditError as error:
            self._say(self.tr("Not applied: %1").replace("%1", in_words(error)), error=True)
            return False
        finally:
            self._applying = False
        self.proposal = None
        self._hide_preview()
        window = self.parent()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.tr("%1 now has %2 (Ctrl+Z takes the partition back)")
                                           .replace("%1", proposal.zone.name)
                                           .replace("%2", self.parts(len(proposal.locked) + len(proposal.grids))),
                                           10000)
        self.accept()
        return True

    def _project_changed(self, changes) -> None:
        """An edit elsewhere while a proposal is shown: it no longer fits; other zones may have come or gone."""
        if self._applying or not {c.table for c in changes} & {"zones", "buildings", "households"}:
            return
        if self.proposal is not None and current_snapshot(self.project, self.proposal) != self.proposal.snapshot:
            self.proposal = None
            self._hide_preview()
            self._clear_report()
            self._say(self.tr("The zone changed since the proposal was made: make it again."), error=True)
        chosen = self.zone_id()
        if not self.missing.isHidden():  # a step was taken: choose afresh (the first community, once there is one)
            chosen = None
        if chosen not in self.project.tables["zones"] or \
                self.zone.count() != len(partitionable(self.project, self.role())):
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
        self.proposal = None
        self._hide_preview()
        if self.project.changed.is_connected(self._project_changed):
            self.project.changed.disconnect(self._project_changed)
        super().done(result)


def zone_bounds(zone) -> tuple[float, float, float, float]:
    return tuple(zone.geometry.bounds)
