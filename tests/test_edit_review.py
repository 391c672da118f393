"""Edge cases an independent review found in the boundary edits and the rules,
each confirmed first with a script, kept here so they stay fixed."""

import pytest
import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon

from gridmap.commands.fixes import MakeValid
from gridmap.commands.zones import MergeZones, MoveVertex, ReassignBuildings, ReparentZone, SplitZone
from gridmap.errors import EditError
from gridmap.model.entities import Assignment, Zone
from gridmap.project import Project
from gridmap.rules.report import check_project
from tests.factories import MOMENT, X0, Y0, box, small_project, small_tables, two_communities_tables

NO_BANDS = '{"bands": {}}'


def _create(tmp_path, tables, **meta):
    return Project.create(tmp_path / "p.gpkg", epsg=4547, tables=tables,
                          meta={"title": "t", "rules": NO_BANDS, **meta}, moment=MOMENT)


def test_a_top_zone_cannot_be_split_and_a_refused_edit_gives_its_id_back(tmp_path):
    tables = small_tables()
    tables["zones"] = [Zone(1, "410104099", "测试街道", 1, None, box(0, 0, 200, 100))]  # one zone, no parent
    tables["buildings"] = [b._replace(zone_id=1) for b in tables["buildings"]]
    tables["assignments"], tables["staff"] = [], [s._replace(community_id=None) for s in tables["staff"]]
    alone = Project.create(tmp_path / "alone.gpkg", epsg=4547, tables=tables, meta={"title": "t"}, moment=MOMENT)
    try:
        with pytest.raises(EditError, match="top zone"):
            alone.undo_stack.push(SplitZone(1, LineString([(X0 + 53, Y0 - 5), (X0 + 53, Y0 + 105)])))
    finally:
        alone.close()
    project = small_project(tmp_path / "s.gpkg")
    try:
        nxt = project.new_id("zones")
        project.return_id("zones", nxt)
        with pytest.raises(EditError, match="building cut"):
            project.undo_stack.push(SplitZone(3, LineString([(X0 + 70, Y0 - 5), (X0 + 70, Y0 + 105)])))
        assert project.new_id("zones") == nxt  # the refused split took no id for good
    finally:
        project.close()


def test_top_zones_are_one_family_for_the_guard(tmp_path):
    tables = small_tables()
    west = MultiPolygon([Polygon([(X0, Y0), (X0 + 100, Y0), (X0 + 100, Y0 + 50), (X0 + 100, Y0 + 100),
                                  (X0, Y0 + 100)])])
    tables["zones"] = [Zone(1, "410104099", "甲街道", 1, None, west),
                       Zone(2, "410104098", "乙街道", 1, None, box(100, 0, 200, 100))]
    tables["buildings"] = [b._replace(zone_id=1 if b.id < 3 else 2) for b in tables["buildings"]]
    tables["assignments"] = []
    tables["staff"] = [s._replace(community_id=None) for s in tables["staff"]]
    project = _create(tmp_path, tables)
    try:
        with pytest.raises(EditError, match="siblings overlap"):
            project.undo_stack.push(MoveVertex((X0 + 100, Y0 + 50), (X0 + 120, Y0 + 50)))
        assert check_project(project) == []
    finally:
        project.close()


def test_an_invalid_zone_can_be_repaired_and_a_missing_shape_is_reported(tmp_path):
    tables = small_tables()
    bowtie = MultiPolygon([Polygon([(X0 + 100, Y0), (X0 + 200, Y0 + 100), (X0 + 200, Y0), (X0 + 100, Y0 + 100)])])
    tables["zones"] = [z._replace(geometry=bowtie) if z.id == 4 else z for z in tables["zones"]]
    tables["zones"].append(Zone(9, "410104099001009", "无形网格", 3, 2, None))
    project = _create(tmp_path, tables)
    try:
        found = {(p.rule, p.zones): p for p in check_project(project)}
        assert found[("invalid_geometry", (9,))].detail == "no shape"
        assert "Self-intersection" in found[("invalid_geometry", (4,))].detail
        project.undo_stack.push(MakeValid(4))  # no GEOS error on the old, invalid shape
        assert shapely.is_valid(project.tables["zones"][4].geometry)
        project.undo_stack.push(MoveVertex((X0, Y0 + 100), (X0 + 1, Y0 + 100)))  # the shapeless zone is skipped
    finally:
        project.close()


def test_merging_three_grids_keeps_one_post_per_person_and_role(tmp_path):
    tables = small_tables()
    tables["zones"] = [z for z in tables["zones"] if z.id < 3] + [
        Zone(3, "410104099001001", "第1网格", 3, 2, box(0, 0, 50, 100)),
        Zone(4, "410104099001002", "第2网格", 3, 2, box(50, 0, 130, 100)),
        Zone(7, "410104099001003", "第3网格", 3, 2, box(130, 0, 200, 100))]
    tables["buildings"] = [b._replace(zone_id={1: 3, 2: 4, 3: 7}[b.id]) for b in tables["buildings"]]
    tables["assignments"] = [Assignment(1, 1, "zone", 4, "网格长"), Assignment(2, 1, "zone", 7, "网格长")]
    project = _create(tmp_path, tables)
    try:
        assert check_project(project) == []
        assert project.undo_stack.push(MergeZones([3, 4, 7]))
        posts = [(a.staff_id, a.target_id, a.role) for a in project.tables["assignments"].values()]
        assert posts == [(1, 3, "网格长")]
    finally:
        project.close()


def test_a_building_named_twice_is_painted_once(tmp_path):
    project = small_project(tmp_path / "s.gpkg")
    try:
        assert project.undo_stack.push(ReassignBuildings([2, 2], 4))
        assert project.tables["buildings"][2].zone_id == 4
    finally:
        project.close()


def test_new_codes_follow_the_scheme_and_never_repeat_a_moved_zones_code(tmp_path):
    project = _create(tmp_path, two_communities_tables(), code_scheme="cjt349")
    try:
        assert project.undo_stack.push(ReparentZone(6, 2))  # 第3网格 keeps 410104099002002 for now
        assert project.undo_stack.push(SplitZone(4, LineString([(X0 + 120, Y0 - 5), (X0 + 120, Y0 + 105)])))
        codes = [z.code for z in project.tables["zones"].values()]
        assert len(codes) == len(set(codes))
        new = project.tables["zones"][max(project.tables["zones"])]
        assert new.code == "41010409900202"  # two-digit serials under cjt349, not the moved zone's
        names = [z.name for z in project.tables["zones"].values() if z.parent_id == 5]
        assert len(names) == len(set(names)) and new.name == "第3网格"  # nor a sibling's name
    finally:
        project.close()


def test_a_loop_of_parents_makes_no_false_gap(tmp_path):
    from gridmap.model.changes import RowChange

    project = _create(tmp_path, small_tables())
    try:
        office = project.tables["zones"][1]
        project.apply([RowChange("zones", office, office._replace(parent_id=3))], label="loop")  # as QGIS could
        assert project.tables["zones"][1].parent_id == 3
        assert [p.rule for p in check_project(project) if p.rule == "gap"] == []
    finally:
        project.close()


def test_a_click_on_an_outline_shared_by_several_levels_hits_the_deepest_zone(tmp_path, qapp):
    from layers.scene import MapScene

    project = small_project(tmp_path / "s.gpkg")
    try:
        assert project.undo_stack.push(MergeZones([3, 4]))  # the grid now has the office's outline
        scene = MapScene(project)
        assert scene.hit("zones", X0 + 50, Y0 + 50, 0.5) == 3
    finally:
        project.close()
