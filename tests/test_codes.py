"""Zone codes from the hierarchy: reading order, stable for unchanged zones."""

import json

from shapely.geometry import LineString

from gridmap.codes import RecodeZones, new_codes, reading_order
from gridmap.commands.zones import ReparentZone, SplitZone
from gridmap.model.entities import Zone
from gridmap.project import Project
from tests.factories import MOMENT, X0, Y0, box, small_project, two_communities_tables


def test_the_demo_codes_are_already_in_reading_order(demo_file):
    project = Project.open(demo_file, read_only=True)
    try:
        zones = project.tables["zones"]
        assert new_codes(zones) == {z: zones[z].code for z in zones}
        assert new_codes(zones, renumber=True) == {z: zones[z].code for z in zones}
    finally:
        project.close()


def test_a_new_grid_gets_the_next_serial_and_the_others_keep_theirs(tmp_path):
    project = small_project(tmp_path / "s.gpkg")
    try:
        assert project.undo_stack.push(SplitZone(3, LineString([(X0 + 53, Y0 - 5), (X0 + 53, Y0 + 105)])))
        zones = project.tables["zones"]
        new = max(zones)
        assert zones[new].code == "410104099001003"  # east part of 第1网格, between 001 and 002
        assert not project.undo_stack.push(RecodeZones())  # stable: nothing to change
        assert project.undo_stack.push(RecodeZones(renumber=True))  # reading order: west to east
        zones = project.tables["zones"]
        assert [zones[z].code[-3:] for z in (3, new, 4)] == ["001", "002", "003"]
        assert project.undo_stack.undo_label.endswith("Renumber zone codes")
    finally:
        project.close()


def test_a_bad_or_clashing_code_gets_a_free_serial_and_a_moved_zone_its_new_prefix(tmp_path):
    tables = two_communities_tables(("410104099001001", "bad", "410104099001001"))  # a bad code, a clash
    project = Project.create(tmp_path / "c.gpkg", epsg=4547, tables=tables,
                             meta={"title": "码", "code_scheme": "cjt349"}, moment=MOMENT)
    try:
        assert project.undo_stack.push(RecodeZones())
        zones = project.tables["zones"]
        assert (zones[4].code, zones[6].code, zones[3].code) == ("41010409900201", "41010409900202",
                                                                  "41010409900101")  # 2-digit serials
        assert project.undo_stack.push(ReparentZone(4, 2))
        assert project.undo_stack.push(RecodeZones())
        zones = project.tables["zones"]
        assert zones[4].code == "41010409900102" and zones[6].code == "41010409900202"  # 第3网格 kept its own
    finally:
        project.close()


def test_reading_order_is_rows_north_to_south_then_west_to_east():
    zones = [Zone(i, "", f"z{i}", 3, 1, box(x, y, x + 50, y + 40))
             for i, (x, y) in enumerate([(50, 0), (0, 2), (0, 50), (50, 48)], 1)]
    assert [z.id for z in reading_order(zones)] == [3, 4, 2, 1]
    assert json.dumps([z.name for z in reading_order(zones[:1])]) == '["z1"]'
