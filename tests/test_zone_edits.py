"""Boundary edits: each keeps the partition whole, relinks buildings, is refused
with a reason (changing nothing) when it would break a rule, and undoes exactly."""

import shapely
import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st
from shapely.geometry import LineString, Polygon

from gridmap.commands.zones import (
    DeleteVertex, DeleteZone, DrawZone, InsertVertex, MergeZones, MoveVertex, ReassignBuildings, ReparentZone,
    SplitZone,
)
from gridmap.errors import EditError
from gridmap.model.entities import Building, Household, Zone
from gridmap.project import Project
from gridmap.rules.report import check_project
from tests.factories import MOMENT, X0, Y0, box, small_project, small_tables, two_communities_tables


def _blocking(project):
    from gridmap.rules.problems import RULES

    return [p for p in check_project(project) if RULES[p.rule].blocking]


def _state(project):
    return {name: dict(project.tables[name]) for name in ("zones", "buildings", "assignments", "staff")}


def _by_name(project, name):
    return next(z for z in project.tables["zones"].values() if z.name == name)


@pytest.fixture
def small(tmp_path):
    project = small_project(tmp_path / "small.gpkg")
    yield project
    project.close()


def test_split_makes_a_new_grid_and_relinks_the_buildings_on_its_side(small):
    before = _state(small)
    assert small.undo_stack.push(SplitZone(3, LineString([(X0 + 53, Y0 - 5), (X0 + 53, Y0 + 105)])))
    new = _by_name(small, "第3网格")
    assert new.parent_id == 2 and new.code == "410104099001003" and new.level == 3
    assert small.tables["zones"][3].geometry.area == pytest.approx(53 * 100)  # the larger part keeps the grid
    assert small.tables["buildings"][2].zone_id == new.id and small.tables["buildings"][1].zone_id == 3
    assert _blocking(small) == []
    small.undo_stack.undo()
    assert _state(small) == before
    small.undo_stack.redo()
    assert _by_name(small, "第3网格").id == new.id


def test_a_split_through_a_building_is_refused_and_changes_nothing(small):
    before, data = _state(small), small.path.read_bytes()
    with pytest.raises(EditError, match="building cut by a grid boundary: 测试小区 2号楼"):
        small.undo_stack.push(SplitZone(3, LineString([(X0 + 70, Y0 - 5), (X0 + 70, Y0 + 105)])))
    assert _state(small) == before and not small.undo_stack.can_undo
    with pytest.raises(EditError, match="from edge to edge"):
        small.undo_stack.push(SplitZone(3, LineString([(X0 + 53, Y0 + 10), (X0 + 53, Y0 + 30)])))
    assert small.path.read_bytes() == data


def test_merge_takes_the_area_buildings_and_staff_posts(small):
    assert small.undo_stack.push(MergeZones([4, 3]))
    zones = small.tables["zones"]
    assert 4 not in zones and zones[3].geometry.area == pytest.approx(200 * 100)
    assert {b.zone_id for b in small.tables["buildings"].values()} == {3}
    assert _blocking(small) == []
    with pytest.raises(EditError, match="same parent"):
        small.undo_stack.push(MergeZones([3, 2]))
    small.undo_stack.undo()
    assert small.tables["buildings"][3].zone_id == 4 and 4 in small.tables["zones"]


def test_a_shared_vertex_moves_in_every_zone_that_has_it(small):
    top = (X0 + 100, Y0 + 100)  # on both grids, on the community's and the office's outline
    assert small.undo_stack.push(MoveVertex(top, (X0 + 104, Y0 + 100)))
    for zone_id in (1, 2, 3, 4):
        coords = set(map(tuple, shapely.get_coordinates(small.tables["zones"][zone_id].geometry)))
        assert (X0 + 104, Y0 + 100) in coords or zone_id in (1, 2)  # the outline is straight there…
    assert _blocking(small) == []
    # …and a vertex in the middle of the shared edge moves in both grids only
    assert small.undo_stack.push(InsertVertex((X0 + 100, Y0), (X0 + 104, Y0 + 100), (X0 + 102, Y0 + 50)))
    assert small.undo_stack.push(MoveVertex((X0 + 102, Y0 + 50), (X0 + 97, Y0 + 60)))
    grid1, grid2 = small.tables["zones"][3].geometry, small.tables["zones"][4].geometry
    assert (X0 + 97, Y0 + 60) in set(map(tuple, shapely.get_coordinates(grid1)))
    assert (X0 + 97, Y0 + 60) in set(map(tuple, shapely.get_coordinates(grid2)))
    assert grid1.intersection(grid2).area == pytest.approx(0, abs=1e-6)
    assert _blocking(small) == []
    assert small.undo_stack.push(DeleteVertex((X0 + 97, Y0 + 60)))
    assert _blocking(small) == []


def test_a_vertex_dragged_into_a_building_is_refused(small):
    with pytest.raises(EditError, match="测试小区 3号楼"):
        small.undo_stack.push(MoveVertex((X0 + 100, Y0), (X0 + 180, Y0)))


def test_painting_buildings_moves_their_share_of_ground(small):
    assert small.undo_stack.push(ReassignBuildings([2], 4))
    zones, buildings = small.tables["zones"], small.tables["buildings"]
    assert buildings[2].zone_id == 4 and buildings[2].geometry.within(zones[4].geometry)
    assert buildings[1].geometry.within(zones[3].geometry)
    assert zones[3].geometry.area + zones[4].geometry.area == pytest.approx(200 * 100)
    assert _blocking(small) == []
    with pytest.raises(EditError, match="every building out of 第1网格"):
        small.undo_stack.push(ReassignBuildings([1], 4))


def test_delete_gives_everything_to_the_chosen_sibling(small):
    assert small.undo_stack.push(DeleteZone(3, 4))
    assert 3 not in small.tables["zones"]
    assert {b.zone_id for b in small.tables["buildings"].values()} == {4}
    assert [a.target_id for a in small.tables["assignments"].values()] == [4]  # the grid chief's post went too
    assert _blocking(small) == []


def test_drawing_a_zone_cuts_it_out_of_its_siblings(small):
    patch = Polygon([(X0 + 90, Y0 + 60), (X0 + 130, Y0 + 60), (X0 + 130, Y0 + 120), (X0 + 90, Y0 + 120)])
    assert small.undo_stack.push(DrawZone(2, patch, "新网格"))
    new = _by_name(small, "新网格")
    assert new.geometry.area == pytest.approx(40 * 40)  # clipped to the community
    assert small.tables["zones"][3].geometry.area == pytest.approx(100 * 100 - 10 * 40)
    assert _blocking(small) == []
    with pytest.raises(EditError, match="building cut"):
        small.undo_stack.push(DrawZone(2, shapely.box(X0 + 10, Y0 + 45, X0 + 30, Y0 + 80), "切楼"))


def test_reparent_moves_the_outline_of_both_communities(tmp_path):
    tables = two_communities_tables()
    project = Project.create(tmp_path / "two.gpkg", epsg=4547, tables=tables, meta={"title": "两社区"}, moment=MOMENT)
    try:
        assert _blocking(project) == []
        assert project.undo_stack.push(ReparentZone(4, 2))
        zones = project.tables["zones"]
        assert zones[4].parent_id == 2 and zones[2].geometry.area == pytest.approx(140 * 100)
        assert zones[5].geometry.area == pytest.approx(60 * 100)
        assert _blocking(project) == []
        with pytest.raises(EditError):  # 第3网格 does not touch 东社区 any more… it does: but not at this level
            project.undo_stack.push(ReparentZone(6, 3))
    finally:
        project.close()


# -- property: any sequence keeps the rules and undoes exactly -------------------

def _lattice(tmp_path):
    """One community of 3 × 2 grids (60 × 50 m), four buildings in each."""
    tables = small_tables()
    zones = [Zone(1, "410104099", "测试街道", 1, None, box(0, 0, 180, 100)),
             Zone(2, "410104099001", "测试社区", 2, 1, box(0, 0, 180, 100))]
    buildings = []
    for c in range(3):
        for r in range(2):
            zid = 3 + c * 2 + r
            zones.append(Zone(zid, f"410104099001{zid - 2:03d}", f"第{zid - 2}网格", 3, 2,
                              box(c * 60, r * 50, c * 60 + 60, r * 50 + 50)))
            for k in range(4):
                x, y = c * 60 + 6 + (k % 2) * 28, r * 50 + 8 + (k // 2) * 22
                buildings.append(Building(len(buildings) + 1, f"{k + 1}号楼", f"{len(buildings) + 1:05d}", 1, zid,
                                          3, "板楼", box(x, y, x + 20, y + 12)))
    households = [Household(2 * (b.id - 1) + k + 1, b.id, None, 1, f"10{k + 1}", "常住",
                            frozenset(), 2, None, False, "") for b in buildings for k in range(2)]
    tables.update(zones=zones, buildings=buildings, units=[], households=households, residents=[], party_links=[],
                  assignments=[], site_points=[])
    return Project.create(tmp_path / "lattice.gpkg", epsg=4547, tables=tables, meta={"title": "格"}, moment=MOMENT)


edits = st.lists(st.tuples(st.sampled_from(["split", "merge", "move", "paint"]),
                           st.integers(0, 10_000), st.integers(0, 10_000), st.floats(-9, 9), st.floats(-9, 9)),
                 min_size=1, max_size=6)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=edits)
# found by CI: the paint after these left a line beside the share, and GEOS refused the mixed-dimension overlay
@example(steps=[("split", 254, 43, 0.0, 0.0), ("merge", 157, 3, 0.0, 0.0), ("split", 0, 0, 0.0, 0.0),
                ("merge", 0, 2, 0.0, 0.0), ("paint", 285, 1, 0.0, 0.0)])
def test_any_sequence_of_edits_keeps_the_rules_and_undoes_exactly(tmp_path_factory, steps):
    project = _lattice(tmp_path_factory.mktemp("p"))
    try:
        start = _state(project)
        assert _blocking(project) == []
        for kind, a, b, dx, dy in steps:
            grids = sorted(z for z in project.tables["zones"].values() if z.level == 3)
            zone = grids[a % len(grids)]
            neighbours = [g for g in grids if g.id != zone.id and g.geometry.intersection(zone.geometry).length > 1]
            try:
                if kind == "split":  # along the lane between the two columns of buildings, give or take
                    minx, miny, _maxx, maxy = zone.geometry.bounds
                    x = X0 + 60 * round((minx - X0) / 60) + 28 + (b % 5) * 0.8
                    project.undo_stack.push(SplitZone(zone.id, LineString([(x, miny - 1), (x + dx / 5, maxy + 1)])))
                elif kind == "merge" and neighbours:
                    project.undo_stack.push(MergeZones([zone.id, neighbours[b % len(neighbours)].id]))
                elif kind == "move":
                    coords = shapely.get_coordinates(zone.geometry)
                    x, y = coords[b % len(coords)]
                    project.undo_stack.push(MoveVertex((x, y), (x + dx, y + dy)))
                elif kind == "paint" and neighbours:
                    mine = sorted(bd.id for bd in project.tables["buildings"].values() if bd.zone_id == zone.id)
                    target = neighbours[b % len(neighbours)]
                    nearest = sorted(mine, key=lambda i: project.tables["buildings"][i].geometry.distance(
                        target.geometry))
                    project.undo_stack.push(ReassignBuildings(nearest[:1 + b % 2], target.id))
            except EditError:
                pass  # refused edits change nothing; the checks below hold either way
            assert _blocking(project) == []
            assert len(project.tables["buildings"]) == 24 and len(project.tables["households"]) == 48
            assert all(h.building_id in project.tables["buildings"] for h in project.tables["households"].values())
            assert all(bd.zone_id in project.tables["zones"] for bd in project.tables["buildings"].values())
        while project.undo_stack.can_undo:
            project.undo_stack.undo()
        assert _state(project) == start
    finally:
        project.close()
