"""The rules: each found where it is broken, named the way a planner names
things, silent on drawing noise; ``gridmap validate`` reports and exits 1."""

import json
from collections import Counter

import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon

from gridmap.cli import main
from gridmap.model.entities import DEDICATED_GRID, Level, Zone
from gridmap.project import Project
from gridmap.rules.check import check
from gridmap.staffing.settings import StaffingSettings
from gridmap.rules.settings import RuleSettings
from tests.factories import MOMENT, X0, Y0, box, small_tables

NO_BANDS = RuleSettings(bands={})
# the four-problem file has no staff: only the map's rules are under test there
NO_STAFFING = StaffingSettings(roles={}, building_heads=0, party_links=False, party_cap=10**6).to_meta()


def _check(tables, settings=NO_BANDS):
    zones = {z.id: z for z in tables["zones"]}
    buildings = {b.id: b for b in tables["buildings"]}
    households = Counter(h.building_id for h in tables["households"])
    return check(zones, buildings, households, settings)


def _rules(problems):
    return sorted(p.rule for p in problems)


def _set_zone(tables, zone_id, **values):
    tables["zones"] = [z._replace(**values) if z.id == zone_id else z for z in tables["zones"]]


def _set_building(tables, building_id, **values):
    tables["buildings"] = [b._replace(**values) if b.id == building_id else b for b in tables["buildings"]]


def _four_problems():
    """An overlap, a gap, a building across a boundary and a grid outside its community."""
    t = small_tables()
    _set_zone(t, 3, geometry=box(0, 0, 110, 100))  # 10 m over its neighbour
    _set_zone(t, 4, geometry=box(100, 0, 230, 80))  # 30 m out of the community; leaves y 80–100 uncovered
    _set_building(t, 2, geometry=box(95, 40, 121, 51))  # across x = 100…110
    return t


def test_a_clean_partition_has_no_problems():
    assert _check(small_tables()) == []


def test_the_four_problems_are_each_found_once():
    found = _check(_four_problems())
    assert _rules(found) == ["building_cut", "gap", "outside_parent", "overlap"]
    by_rule = {p.rule: p for p in found}
    # the smaller zone first: the quick fix trims it
    assert by_rule["overlap"].zones == (4, 3) and by_rule["overlap"].amount == pytest.approx(800.0)
    assert by_rule["gap"].zones[0] == 2 and by_rule["gap"].amount == pytest.approx(90 * 20)
    assert by_rule["outside_parent"].zones == (4, 2) and by_rule["outside_parent"].amount == pytest.approx(30 * 80)
    assert by_rule["building_cut"].buildings == (2,) and set(by_rule["building_cut"].zones) == {3, 4}
    assert by_rule["overlap"].fix == "trim_overlap" and by_rule["gap"].fix == "fill_gap"


def test_validate_names_all_four_and_exits_1(tmp_path, capsys):
    path = tmp_path / "broken.gpkg"
    Project.create(path, epsg=4547, tables=_four_problems(), meta={"title": "坏", "rules": NO_BANDS.to_meta()},
                   moment=MOMENT).close()
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"4 problems in {path}"
    assert "siblings overlap: 测试社区 第2网格, 测试社区 第1网格 overlap by 800.0 m²" in out
    assert "zone reaches outside its parent: 测试社区 第2网格: 2,400.0 m² outside 测试社区" in out
    assert ("children leave a gap in their parent: 测试社区: a gap of 1,800.0 m² that no child covers "
            "(next to 测试社区 第2网格, 测试社区 第1网格)") in out
    assert "building cut by a grid boundary: 测试小区 2号楼 lies across 测试社区 第2网格, 测试社区 第1网格" in out
    assert main(["validate", str(path), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["problems"] == 4 and report["by_rule"] == {"overlap": 1, "gap": 1, "outside_parent": 1,
                                                             "building_cut": 1}
    assert report["items"][0]["zones"][1] == {"id": 3, "code": "410104099001001", "name": "测试社区 第1网格"}


def test_the_demo_is_clean(demo_file, capsys):
    assert main(["validate", str(demo_file)]) == 0
    assert capsys.readouterr().out.strip().startswith("0 problems")


def test_slivers_narrower_than_the_tolerance_are_noise():
    t = small_tables()
    _set_zone(t, 3, geometry=box(0, 0, 100.2, 100))  # 0.2 m over the neighbour
    _set_zone(t, 4, geometry=box(100, 0, 200, 99.9))  # and a 0.1 m gap along the top
    assert _check(t) == []
    assert _rules(_check(t, RuleSettings(tolerance=0.05, bands={}))) == ["gap", "overlap"]


def test_buildings_outside_every_grid_or_linked_to_the_wrong_one():
    t = small_tables()
    _set_building(t, 1, geometry=box(20, 120, 46, 131))  # north of everything
    _set_building(t, 3, zone_id=3)  # stands in 第2网格
    found = _check(t)
    assert _rules(found) == ["building_link", "building_outside"]
    link = next(p for p in found if p.rule == "building_link")
    assert link.zones == (4, 3) and link.buildings == (3,) and link.fix == "relink_building"


def test_empty_multipart_and_household_band():
    t = small_tables()
    for b in t["buildings"]:
        _set_building(t, b.id, zone_id=3, geometry=shapely.affinity.translate(b.geometry, xoff=-(b.id == 3) * 100))
    found = _check(t, RuleSettings(bands={"grid": (20, 30)}))  # 第1网格 now 36 households, 第2网格 none
    assert _rules(found) == ["empty_grid", "households_band", "households_band"]
    band = {p.zones[0]: p.amount for p in found if p.rule == "households_band"}
    assert band == {3: 36, 4: 0}
    # a dedicated grid (a school) needs no homes and no buildings
    _set_zone(t, 4, kind=DEDICATED_GRID)
    assert _rules(_check(t, RuleSettings(bands={"grid": (20, 40)}))) == []
    # two pieces: a problem unless allowed
    _set_zone(t, 4, kind="", geometry=MultiPolygon([shapely.box(X0 + 100, Y0, X0 + 150, Y0 + 100),
                                                    shapely.box(X0 + 160, Y0, X0 + 200, Y0 + 100)]))
    t["buildings"][2] = t["buildings"][2]._replace(zone_id=4, geometry=box(110, 40, 136, 51))
    found = _check(t)
    assert "multipart" in _rules(found) and next(p for p in found if p.rule == "multipart").amount == 2
    _set_zone(t, 4, parts_allowed=True)
    assert "multipart" not in _rules(_check(t))


def test_a_grid_divided_into_micro_grids_is_judged_as_a_grid_and_its_micro_grids_by_their_own_band():
    t = small_tables()  # 第1网格 (x 0–100) holds 1号楼 and 2号楼, 24 households; 第2网格 holds 12
    t["zones"] += [Zone(5, "410104099001001001", "第1微网格", 4, 3, box(0, 0, 50, 100)),
                   Zone(6, "410104099001001002", "第2微网格", 4, 3, box(50, 0, 100, 100))]
    _set_building(t, 1, zone_id=5)
    _set_building(t, 2, zone_id=6)
    grid_band = RuleSettings(bands={"grid": (20, 30)})
    found = _check(t, grid_band)  # the grid counts its micro-grids' 24 households; 第2网格's 12 are too few
    assert [(p.rule, p.zones, p.amount) for p in found] == [("households_band", (4,), 12.0)]
    # a micro-grid holding 12 households is no grid out of the band; with a band of their own they are judged by it
    found = _check(t, RuleSettings(bands={"grid": (10, 30), "micro_grid": (13, 20)}))
    assert sorted((p.rule, p.zones, p.amount) for p in found) == [("households_band", (5,), 12.0),
                                                                  ("households_band", (6,), 12.0)]
    # buildings link to the micro-grids, the leaves: linked to the grid above them is a wrong link
    _set_building(t, 2, zone_id=3)
    assert [(p.rule, p.zones) for p in _check(t)] == [("building_link", (6, 3))]


def test_an_invalid_shape_is_reported_and_the_rest_still_checked():
    t = small_tables()
    bowtie = MultiPolygon([Polygon([(X0, Y0), (X0 + 100, Y0 + 100), (X0 + 100, Y0), (X0, Y0 + 100)])])
    _set_zone(t, 3, geometry=bowtie)
    found = _check(t)
    invalid = [p for p in found if p.rule == "invalid_geometry"]
    assert len(invalid) == 1 and invalid[0].zones == (3,) and "Self-intersection" in invalid[0].detail
    assert "gap" in _rules(found)  # the bowtie leaves two triangles of 第1网格 uncovered


def test_settings_come_from_the_project_and_survive_bad_values():
    assert RuleSettings.from_meta({}).bands == {"grid": (300, 500)}
    assert RuleSettings.from_meta({"rules": "not json"}) == RuleSettings()
    mixed = RuleSettings.from_meta({"rules": json.dumps({"tolerance": 1.5, "bands": {
        "grid": [100, 200], "micro_grid": "x", "片区": [1, 2]}})})
    assert mixed.tolerance == 1.5 and mixed.bands == {"grid": (100, 200)}
    # schema 5 keyed the bands by depth: "3" is whatever level the project has there
    old = json.dumps({"bands": {"3": [100, 200]}})
    assert RuleSettings.from_meta({"rules": old}).bands == {"grid": (100, 200)}
    levels = [Level(1, "街道", "", "office"), Level(2, "社区", "", "community"), Level(3, "网格", "", "grid"),
              Level(4, "微网格", "", "micro_grid")]
    assert RuleSettings.from_meta({"rules": json.dumps({"bands": {"4": [60, 100]}})}, levels).bands == {
        "micro_grid": (60, 100)}
    assert RuleSettings.from_meta({"rules": mixed.to_meta()}) == mixed
    assert RuleSettings.from_meta({"rules": json.dumps({"tolerance": -1})}).tolerance == 0.5
    assert RuleSettings.from_meta({"rules": json.dumps({"tolerance": True})}).tolerance == 0.5


def test_a_zone_with_a_missing_parent_is_checked_as_a_root():
    t = small_tables()
    t["zones"].append(Zone(9, "x", "孤儿网格", 3, 77, box(300, 0, 350, 50)))
    assert _rules(_check(t)) == ["empty_grid"]


def test_the_validate_benchmark_finds_exactly_what_it_put_in(capsys):
    from gridmap_command import main

    assert main(["bench", "validate", "--columns", "6", "--rows", "5", "--per-block", "4", "--repeats", "1"]) in (0, 1)
    result = json.loads(capsys.readouterr().out)
    assert result["grids"] == 30 and result["buildings"] == 120
    assert result["problems"] == {"overlap": 1, "gap": 1, "outside_parent": 1, "building_cut": 1}
    assert result["baseline"]["overlaps_found"] == 1 and result["found_the_four"]


def test_quick_fixes_clear_each_problem_and_undo(tmp_path):
    from gridmap.commands.fixes import fixes_for
    from gridmap.rules.report import check_project

    tables = _four_problems()
    _set_building(tables, 2, geometry=box(60, 40, 86, 51))  # no building across a boundary this time
    _set_building(tables, 3, zone_id=3)  # and one linked to the wrong grid
    project = Project.create(tmp_path / "fix.gpkg", epsg=4547, tables=tables,
                             meta={"title": "修", "rules": NO_BANDS.to_meta()}, moment=MOMENT)
    try:
        assert _rules(check_project(project)) == ["building_link", "gap", "outside_parent", "overlap"]
        while True:
            problems = check_project(project)
            if not problems:
                break
            key, command = fixes_for(problems[0], project)[0]
            assert project.undo_stack.push(command), key
        assert project.tables["buildings"][3].zone_id == 4
        zones = project.tables["zones"]
        assert zones[3].geometry.area + zones[4].geometry.area == pytest.approx(200 * 100)
        while project.undo_stack.can_undo:
            project.undo_stack.undo()
        assert len(check_project(project)) == 4
    finally:
        project.close()


def test_snapping_closes_a_sliver_the_tolerance_reports(tmp_path):
    from gridmap.commands.fixes import SnapVertices
    from gridmap.rules.report import check_project

    tables = small_tables()
    _set_zone(tables, 4, geometry=box(100.6, 0, 200, 100))  # a 0.6 m strip no grid covers
    project = Project.create(tmp_path / "snap.gpkg", epsg=4547, tables=tables,
                             meta={"title": "缝", "rules": NO_BANDS.to_meta()}, moment=MOMENT)
    try:
        assert _rules(check_project(project)) == ["gap"]
        assert project.undo_stack.push(SnapVertices((3, 4), 1.0))
        assert check_project(project) == []
    finally:
        project.close()


def test_snapping_is_offered_for_slivers_only(tmp_path):
    from gridmap.commands.fixes import fixes_for
    from gridmap.rules.report import check_project

    project = Project.create(tmp_path / "f.gpkg", epsg=4547, tables=_four_problems(),
                             meta={"title": "修", "rules": NO_BANDS.to_meta()}, moment=MOMENT)
    try:
        overlap = next(p for p in check_project(project) if p.rule == "overlap")  # 10 m wide
        assert [key for key, _ in fixes_for(overlap, project)] == ["trim_overlap"]
    finally:
        project.close()
    tables = small_tables()
    _set_zone(tables, 4, geometry=box(99.2, 0, 200, 100))  # 0.8 m over
    project = Project.create(tmp_path / "g.gpkg", epsg=4547, tables=tables,
                             meta={"title": "修", "rules": NO_BANDS.to_meta()}, moment=MOMENT)
    try:
        overlap = next(p for p in check_project(project) if p.rule == "overlap")
        assert [key for key, _ in fixes_for(overlap, project)] == ["trim_overlap", "snap_vertices"]
    finally:
        project.close()
