"""Edit ▸ Partition Zone: a proposal is made on a worker (progress, Cancel), shown on
the map and in a report, and applied as one undo step; a refusal is explained
in the dialog and changes nothing."""

from __future__ import annotations

import threading
from collections import Counter

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QPushButton

from gridmap.commands.zones import ReassignBuildings
from gridmap.errors import EditError
from gridmap.model.entities import COMMUNITY, GRID, MICRO_GRID, MICRO_GRID_LEVEL_NAMES
from gridmap.partition.roles import TARGETS, partitionable
from gridmap.selection import Item
from ui.partition import proposal_worker
from ui.partition.preview_tool import OUTLINE, ProposalPreviewTool

TIMEOUT = 15000


def _zone(project, name: str):
    return next(z for z in project.tables["zones"].values() if z.name == name)


def _households(table) -> list[int]:
    return [int(table.item(r, 2).text().replace(",", "")) for r in range(table.rowCount())]


def _state(project) -> tuple:
    t = project.tables
    return dict(t["zones"]), dict(t["buildings"]), dict(t["assignments"]), dict(t["staff"])


def _open(window, name: str):
    """The dialog from the menu action, on ``name`` selected in the tree."""
    return _open_on(window, _zone(window.project, name).id)


def _open_on(window, zone_id: int):
    window.selection.set(Item("zone", zone_id))
    action = window.partition_actions.partition
    assert action.isEnabled() and action in window.menuBar().actions()[1].menu().actions()  # Edit
    assert action.shortcut().toString() == "Ctrl+Shift+P"
    action.trigger()
    dialog = window.partition_actions.dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    return dialog


def _propose(qtbot, dialog):
    worker = dialog.make_proposal()
    qtbot.waitUntil(lambda: worker.isFinished() and dialog.make_button.isEnabled(), timeout=TIMEOUT)
    return worker


def test_a_six_grid_proposal_is_previewed_applied_and_undone(window, qtbot):
    project = window.project
    zone = _zone(project, "新华街社区")
    before = _state(project)
    browse = window.canvas.tool
    dialog = _open(window, "新华街社区")
    assert dialog.zone_id() == zone.id and dialog.count.value() == 6 and dialog.locked.count() == 6
    assert not dialog.accept_button.isEnabled()
    assert dialog.report_current()  # the hand-drawn grids first: the same report, no proposal, no preview
    assert dialog.grids.rowCount() == 6 and sum(_households(dialog.grids)) == 2449
    assert dialog.proposal is None and not dialog.accept_button.isEnabled() and window.canvas.tool is browse
    dialog.make_proposal()
    qtbot.waitUntil(lambda: dialog.proposal is not None, timeout=TIMEOUT)
    proposal = dialog.proposal
    assert dialog.grids.rowCount() == 6 and sum(_households(dialog.grids)) == 2449
    assert proposal.quality.max_deviation <= 0.10 and proposal.quality.coverage_ok()
    assert f"{proposal.quality.max_deviation * 100:.1f}%" in dialog.summary.text()
    assert "允许拆分小区" not in dialog.summary.text()  # every grid in the band: no advice
    assert dialog.posts.rowCount() == len(proposal.carries) > 0  # staff names, roles, old → new grid
    assert isinstance(window.canvas.tool, ProposalPreviewTool) and len(window.canvas.tool.grids) == 6
    image = window.canvas.grab().toImage()  # the overlay paints: thick dark outlines over the frame
    dark = QColor(OUTLINE)
    assert sum(1 for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
               if QColor(image.pixel(x, y)) == dark) > 200
    assert _state(project) == before  # nothing written before Accept
    dialog.accept_button.click()
    assert not dialog.isVisible() and window.canvas.tool is browse
    kids = [z.id for z in project.tables["zones"].values() if z.parent_id == zone.id]
    per_building = Counter(h.building_id for h in project.tables["households"].values())
    assert len(kids) == 6
    assert sum(per_building[b.id] for b in project.tables["buildings"].values() if b.zone_id in kids) == 2449
    assert project.undo_stack.can_undo
    window.undo_actions.undo.trigger()  # one step takes it all back
    assert _state(project) == before


def test_cancel_during_the_run_leaves_the_project_as_it_was(window, qtbot, monkeypatch):
    project = window.project
    before = _state(project)
    go = threading.Event()
    real = proposal_worker.make_proposal

    def held(*args, **kwargs):  # the run waits until the user has pressed Cancel
        go.wait(TIMEOUT / 1000)
        return real(*args, **kwargs)

    monkeypatch.setattr(proposal_worker, "make_proposal", held)
    dialog = _open(window, "新华街社区")
    dialog.count.setValue(8)
    worker = dialog.make_proposal()
    assert worker.isRunning() and not dialog.make_button.isEnabled()
    qtbot.mouseClick(dialog.progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert dialog.progress.isVisible()  # up until the worker has stopped
    go.set()
    qtbot.waitUntil(worker.isFinished, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: dialog.make_button.isEnabled(), timeout=TIMEOUT)
    assert worker.cancelled and dialog.proposal is None and not dialog.progress.isVisible()
    assert not isinstance(window.canvas.tool, ProposalPreviewTool)
    assert _state(project) == before


def test_a_household_band_proposal_discarded_and_a_dialog_closing_with_its_project(window, qtbot, demo_copy):
    project = window.project
    before = _state(project)
    browse = window.canvas.tool
    dialog = _open(window, "东风社区")  # its dedicated grid (a school's) is kept by default
    assert dialog.options().locked == {_zone(project, "东风小学专属网格").id}
    dialog.zone.setCurrentIndex(dialog.zone.findData(_zone(project, "建设路社区").id))
    assert not dialog.options().locked and dialog.locked.count() == 5
    dialog.by_band.setChecked(True)
    assert dialog.low.isEnabled() and not dialog.count.isEnabled() and not dialog.tolerance.isEnabled()
    dialog.low.setValue(300)
    dialog.high.setValue(500)
    dialog.make_proposal()
    qtbot.waitUntil(lambda: dialog.proposal is not None, timeout=TIMEOUT)
    households = _households(dialog.grids)
    assert dialog.proposal.options.band == (300, 500) and len(households) == len(dialog.proposal.grids)
    assert all(300 <= h <= 500 for h in households) and sum(households) == sum(
        g.households for g in dialog.proposal.grids)
    assert isinstance(window.canvas.tool, ProposalPreviewTool)
    dialog.discard_button.click()
    assert dialog.proposal is None and dialog.grids.rowCount() == 0 and window.canvas.tool is browse
    assert _state(project) == before
    dialog.make_proposal()
    qtbot.waitUntil(lambda: dialog.proposal is not None, timeout=TIMEOUT)
    assert window.open_path(demo_copy)  # another project: the dialog and its preview go
    assert not dialog.isVisible() and window.partition_actions.dialog is None and window.canvas.tool is browse


def test_an_impossible_proposal_is_explained_in_the_dialog(window, qtbot):
    project = window.project
    before = _state(project)
    zone = _zone(project, "新华街社区")
    grids = {z.id for z in project.tables["zones"].values() if z.parent_id == zone.id}
    homes = Counter(h.building_id for h in project.tables["households"].values())
    pieces = sum(1 for b in project.tables["buildings"].values() if b.zone_id in grids and homes[b.id])
    dialog = _open(window, "新华街社区")
    dialog.count.setValue(pieces + 1)  # a grid more than there are buildings with households
    worker = _propose(qtbot, dialog)
    assert worker.error and dialog.proposal is None
    # the refusal in the user's language, with what to do: cutting compounds gives no more pieces, so not that
    refusal = (f"新华街社区 无法划分为 {pieces + 1} 个网格：其中只有 {pieces} 个有住户的单元"
               "（不拆分的小区及小区外的楼栋）；请减少网格数")
    assert refusal in dialog.message.text() and "允许拆分小区" not in dialog.message.text()
    assert not dialog.accept_button.isEnabled() and not isinstance(window.canvas.tool, ProposalPreviewTool)
    assert _state(project) == before
    dialog.split.setChecked(True)  # allowed, it is as impossible
    _propose(qtbot, dialog)
    assert dialog.proposal is None and refusal in dialog.message.text()
    dialog.count.setValue(pieces)  # a grid a building: the most there can be
    dialog.make_proposal()
    qtbot.waitUntil(lambda: dialog.proposal is not None, timeout=TIMEOUT)
    assert len(dialog.proposal.grids) == pieces and "无法划分" not in dialog.message.text()
    assert dialog.accept_button.isEnabled() and isinstance(window.canvas.tool, ProposalPreviewTool)
    assert _state(project) == before
    dialog.close()
    assert not isinstance(window.canvas.tool, ProposalPreviewTool)


def test_whole_compounds_out_of_the_band_bring_the_advice_to_split_them(window, qtbot):
    dialog = _open(window, "和平里社区")  # eight grids of homes and the hospital's, kept
    dialog.count.setValue(8)
    _propose(qtbot, dialog)
    assert dialog.proposal.quality.outside_band(*dialog.proposal.band)  # two compounds share a grid
    assert "勾选“允许拆分小区”" in dialog.summary.text()
    # the two compounds' grid chiefs land in one grid: the summary says so
    gap = next(gap for gap in dialog.proposal.staff_gaps if gap.role == "网格长")
    assert gap.count == 2 and "采用后需补配或调减的岗位" in dialog.summary.text()
    assert "网格长 2 人（应为 1 人）" in dialog.summary.text()
    dialog.close()


def test_a_refused_apply_is_shown_and_changes_nothing(window, qtbot, monkeypatch):
    project = window.project
    before = _state(project)
    dialog = _open(window, "新华街社区")
    dialog.count.setValue(7)
    dialog.locked.item(0).setCheckState(Qt.CheckState.Checked)  # the first grid kept as it is
    dialog.make_proposal()
    qtbot.waitUntil(lambda: dialog.proposal is not None, timeout=TIMEOUT)
    assert any(mark in dialog.grids.item(0, 1).text() for mark in "(（")  # the locked grid, marked
    assert dialog.grids.item(0, 3).text() == "—" and dialog.grids.item(1, 3).text().endswith("%")
    from gridmap.commands import partition

    def refuse(self, _project):
        raise EditError("refused for the test")

    monkeypatch.setattr(partition.ApplyProposal, "build", refuse)
    dialog.accept_button.click()
    assert "refused for the test" in dialog.message.text() and dialog.isVisible() and dialog.proposal is not None
    assert _state(project) == before
    monkeypatch.undo()
    grid = dialog.children()[1]  # an edit meanwhile: the proposal no longer fits
    other = next(z for z in dialog.children() if z.id != grid.id and z.geometry.intersection(grid.geometry).length)
    building = next(b for b in project.tables["buildings"].values() if b.zone_id == grid.id)
    assert window.canvas.push(ReassignBuildings([building.id], other.id))
    assert dialog.proposal is None and not dialog.accept_button.isEnabled() and dialog.grids.rowCount() == 0
    assert not isinstance(window.canvas.tool, ProposalPreviewTool)


def test_a_grid_divided_into_micro_grids_adds_their_level_in_the_same_undo_step(window, qtbot):
    project = window.project
    before, levels = _state(project), project.levels
    community = _zone(project, "新华街社区")
    grid = min((z for z in project.tables["zones"].values() if z.parent_id == community.id), key=lambda z: z.code)
    dialog = _open_on(window, grid.id)  # a grid selected: the dialog offers grids into micro-grids
    assert dialog.role() == GRID and dialog.zone_id() == grid.id and dialog.locked.count() == 0
    assert [dialog.zone.itemData(i) for i in range(dialog.zone.count())] == partitionable(project, GRID)
    assert dialog.by_count.text() == QCoreApplication.translate("PartitionDialog", "Number of micro-grids")
    assert dialog.count.value() == TARGETS[GRID].count and (dialog.low.value(), dialog.high.value()) == (60, 100)
    assert not dialog.by_rebalance.isEnabled()  # a grid with no micro-grids yet has none to rebalance
    dialog.by_band.setChecked(True)
    _propose(qtbot, dialog)
    proposal = dialog.proposal
    assert len(proposal.grids) >= 2 and proposal.options.band == (60, 100)
    assert sum(g.households for g in proposal.grids) == sum(_households(dialog.grids))
    assert project.depth_of(MICRO_GRID) is None and _state(project) == before  # nothing written before Accept
    dialog.accept_button.click()
    micro = project.depth_of(MICRO_GRID)
    assert micro == grid.level + 1 and project.levels[-1].name == MICRO_GRID_LEVEL_NAMES[0]
    kids = sorted((z for z in project.tables["zones"].values() if z.parent_id == grid.id), key=lambda z: z.code)
    assert [(z.level, z.name) for z in kids] == [(micro, f"第{n}微网格") for n in range(1, len(proposal.grids) + 1)]
    window.findChild(QAction, "actionUndo").trigger()  # the micro-grids and their level go in one step
    assert _state(project) == before and project.levels == levels


def test_the_dialog_offers_communities_or_grids_with_their_own_defaults(window):
    project = window.project
    dialog = window.partition_actions.open_dialog(None, show=False)  # nothing selected: the first community
    assert dialog.role() == COMMUNITY and dialog.zone_id() == partitionable(project, COMMUNITY)[0]
    assert dialog.by_count.text() == QCoreApplication.translate("PartitionDialog", "Number of grids")
    assert (dialog.low.value(), dialog.high.value()) == TARGETS[COMMUNITY].band == (300, 500)
    dialog.what.setCurrentIndex(dialog.what.findData(GRID))
    grids = partitionable(project, GRID)
    assert len(grids) > len(partitionable(project, COMMUNITY)) and dialog.zone_id() == grids[0]
    assert {project.tables["zones"][z].level for z in grids} == {project.depth_of(GRID)}
    assert (dialog.low.value(), dialog.high.value()) == TARGETS[GRID].band and dialog.count.value() == 5
    assert dialog.count.suffix() == QCoreApplication.translate("PartitionDialog", " micro-grids")
    dialog.close()
