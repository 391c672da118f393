"""Issue 18, reviewers' bugs (part `splitfix`): a split shares its cut's ends
with the zones whose edge they lie on; an edit of households that are gone is
refused with a reason; the Print dialog says what chart 3's extra sheets hold
in each mode; a refused partition speaks of the whole zone."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QCoreApplication
from shapely.geometry import LineString

from gridmap.commands.households import EditHouseholds
from gridmap.commands.zones import MoveVertex, SplitZone
from gridmap.errors import EditError
from gridmap.partition.atoms import Atoms
from gridmap.partition.proposal import Options, PartitionError, make_proposal
from gridmap.partition.solve import Infeasible, divide
from gridmap.project import Project
from gridmap.reasons import Reason
from gridmap.rules.problems import RULES
from gridmap.rules.report import check_project
from tests.factories import X0, Y0, small_project, two_communities_tables
from ui.printing.dialog import PrintDialog
from ui.reason_text import reason_text

ACROSS_FIRST_GRID = LineString([(X0 - 5, Y0 + 25), (X0 + 105, Y0 + 25)])  # below the buildings (y 40–51)


def _tables(project):
    return {name: dict(project.tables[name]) for name in ("zones", "buildings", "assignments", "staff")}


def _blocking(project) -> list:
    """What `gridmap validate` reports that an edit may not leave (gaps, overlaps, cut buildings…)."""
    return [p for p in check_project(project) if RULES[p.rule].blocking]


def _has_vertex(zone, xy) -> bool:
    return bool((np.hypot(*(shapely.get_coordinates(zone.geometry) - xy).T) < 1e-6).any())


@pytest.fixture(params=["one community", "two communities"])
def split_project(request, tmp_path):
    """第1网格 (x 0–100) beside 第2网格 (x 100–…): in one community, or each in its own."""
    tables = two_communities_tables() if request.param == "two communities" else None
    project = (Project.create(tmp_path / "p.gpkg", epsg=4547, tables=tables, meta={"title": "测试"})
               if tables else small_project(tmp_path / "p.gpkg"))
    yield project
    project.close()


# -- 1. a split's cut ends become vertices of the zones whose edge they lie on --------

def test_after_a_split_the_neighbours_corner_can_be_dragged(split_project):
    project = split_project
    start = _tables(project)
    assert _blocking(project) == []
    assert project.undo_stack.push(SplitZone(3, ACROSS_FIRST_GRID))
    zones = project.tables["zones"]
    east, west = (X0 + 100, Y0 + 25), (X0, Y0 + 25)
    # the end on 第2网格's edge is a vertex of it too, and of every community and office edge it lies on
    assert _has_vertex(zones[4], east) and _has_vertex(zones[1], west)
    for zone in zones.values():
        if zone.geometry.boundary.distance(shapely.Point(east)) < 1e-9:
            assert _has_vertex(zone, east), zone.name
    assert all(z.geometry.area == start["zones"][z.id].geometry.area for z in zones.values() if z.id not in (3,)
               and z.id in start["zones"])  # a vertex on a straight edge changes no outline

    # the corner of 第2网格 nearest the cut: before, dragging it left a 150 m² gap beside the new grid
    assert project.undo_stack.push(MoveVertex((X0 + 100, Y0), (X0 + 106, Y0)))
    assert _blocking(project) == []  # no gap, no overlap
    # the cut's outer end moves the community's and the office's outline with the grids
    assert project.undo_stack.push(MoveVertex(west, (X0 + 4, Y0 + 25)))
    assert _blocking(project) == []
    assert all(not _has_vertex(z, west) for z in project.tables["zones"].values())

    for _ in range(3):
        project.undo_stack.undo()
    assert _tables(project) == start and not project.undo_stack.can_undo  # the split was one step
    project.undo_stack.redo()
    assert _has_vertex(project.tables["zones"][4], east)


def test_a_split_ending_on_existing_vertices_changes_no_other_zone(split_project):
    project = split_project
    before = dict(project.tables["zones"])
    assert project.undo_stack.push(SplitZone(3, LineString([(X0 + 53, Y0 - 5), (X0 + 53, Y0 + 105)])))
    changed = {z for z, zone in project.tables["zones"].items() if before.get(z) != zone}
    outer = {z.id for z in before.values() if z.geometry.boundary.distance(shapely.Point(X0 + 53, Y0)) < 1e-9}
    assert changed - {3} - outer == {max(project.tables["zones"])}  # the grid, the new grid, and the ones it lies on
    for zone_id in outer - {3}:  # the office and the community (the bottom and top edges) get both ends
        assert _has_vertex(project.tables["zones"][zone_id], (X0 + 53, Y0))
        assert _has_vertex(project.tables["zones"][zone_id], (X0 + 53, Y0 + 100))
    assert not _has_vertex(project.tables["zones"][4], (X0 + 53, Y0))


# -- 2. households that are gone ---------------------------------------------------------

@pytest.mark.parametrize("command", [
    lambda ids: EditHouseholds(ids, add_tags=["微信进群"], occupancy="空户"),
    lambda ids: EditHouseholds(ids, add_tags=["微信进群"]),
    lambda ids: EditHouseholds(ids, occupancy="空户"),
], ids=["fields and tags", "tags", "fields"])
def test_an_edit_of_a_household_that_is_gone_is_refused_with_a_reason(project, command):
    gone = max(project.tables["households"]) + 1
    before = dict(project.tables["households"])
    with pytest.raises(EditError) as refused:
        project.undo_stack.push(command([1, gone]))
    reason = refused.value.args[0]
    assert isinstance(reason, Reason) and str(reason) == f"there is no household {gone}"
    assert reason_text(refused.value) == f"没有编号为 {gone} 的住户"  # the window says it in Chinese
    assert dict(project.tables["households"]) == before and not project.undo_stack.can_undo


# -- 3. the Print dialog says what chart 3's extra sheets hold ---------------------------------

def _tr(text: str) -> str:
    return QCoreApplication.translate("PrintDialog", text)


def test_the_chart_3_sheets_box_says_what_each_mode_prints(qtbot, project, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    dialog = PrintDialog(project, str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.resize(720, 520)
    assert dialog.public.isChecked()  # the default: a wall sheet gets the buildings' cards, not their plans
    public = _tr("Chart 3 with building cards (public: nothing flat by flat)")
    assert dialog.insets.text() == public and dialog.insets.isEnabled()
    assert dialog.insets.toolTip() == _tr(
        "Sheets after chart 3 with a card for each building, six to a sheet: floors, units, households counted "
        "and the people responsible. A public wall shows no flat's occupancy; the nine-colour plans are printed "
        "on internal charts only.")

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.internal.setChecked(True)
    assert dialog.insets.text() == _tr("Chart 3 with the nine-colour plans") == "图3 附九色动态图"
    assert "nine-colour plan" in dialog.insets.toolTip() or "九色动态图" in dialog.insets.toolTip()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dialog.public.setChecked(True)
    assert dialog.insets.text() == public

    dialog.insets.setChecked(True)
    dialog.chart_boxes[3].setChecked(False)  # no chart 3: nothing to add sheets to
    assert not dialog.insets.isEnabled() and not dialog.options().insets
    dialog.chart_boxes[3].setChecked(True)
    assert dialog.insets.isEnabled() and dialog.options().insets


# -- 4. a refused partition counts the whole zone's pieces ---------------------------------------

def _two_stars() -> Atoms:
    """Two squares side by side (100 households each), each with three strips
    of one household along its free sides that touch nothing else: 8 pieces."""
    faces = [shapely.box(0, 0, 10, 10), shapely.box(-2, 1, 0, 9), shapely.box(1, 10, 9, 12), shapely.box(1, -2, 9, 0),
             shapely.box(10, 0, 20, 10), shapely.box(20, 1, 22, 9), shapely.box(11, 10, 19, 12),
             shapely.box(11, -2, 19, 0)]
    n = len(faces)
    edges = [(a, b) for a in range(n) for b in range(a + 1, n) if faces[a].intersection(faces[b]).length > 0]
    length = np.array([faces[a].intersection(faces[b]).length for a, b in edges])
    return Atoms(faces=np.array(faces, dtype=object), face_atom=np.arange(n),
                 weight=np.array([100.0, 1, 1, 1, 100, 1, 1, 1]), area=np.array([f.area for f in faces]),
                 perimeter=np.array([f.length for f in faces]),
                 xy=np.array([[f.centroid.x, f.centroid.y] for f in faces]), compound=np.full(n, -1),
                 building_atom=np.arange(n), edges=np.array(edges), edge_length=length, edge_cost=length,
                 split_compounds=[])


def test_a_half_that_cannot_be_cut_is_reported_as_the_whole_area():
    # the first cut gives each square its three strips; a square and its strips cannot make two grids
    with pytest.raises(Infeasible) as refused:
        divide(_two_stars(), 8)
    assert (refused.value.key, refused.value.pieces) == ("pieces_apart", 8)  # was: 4 pieces, the half's


def test_the_refusal_names_the_zones_own_count(demo_copy):
    project = Project.open(demo_copy)
    try:
        zone = next(z for z in project.tables["zones"].values() if z.name == "新华街社区")
        grids = {z.id for z in project.tables["zones"].values() if z.parent_id == zone.id}
        homes = Counter(h.building_id for h in project.tables["households"].values())
        pieces = sum(1 for b in project.tables["buildings"].values() if b.zone_id in grids and homes[b.id])
        with pytest.raises(PartitionError) as refused:  # a grid fewer than buildings: the halves cannot be cut
            make_proposal(project, zone.id, Options(grids=pieces - 1))
        assert str(refused.value) == (
            f"新华街社区 cannot be divided into {pieces - 1} grids: its {pieces} pieces with households (whole "
            "compounds and buildings outside them) do not lie so that every grid, in one piece, gets one; "
            "ask for fewer grids")
    finally:
        project.close()
