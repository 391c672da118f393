"""Households by occupancy and tag per zone: they add up, follow edits, and
``gridmap stats`` prints them."""

import json

from gridmap.cli import main
from gridmap.commands.households import EditHouseholds
from gridmap.household_stats import household_counts
from gridmap.model.entities import OCCUPANCIES
from gridmap.project import Project
from gridmap.zone_tree import ZoneTree


def test_xinhua_adds_up_to_its_2449_households_and_every_parent_to_its_children(demo_file):
    project = Project.open(demo_file, read_only=True)
    try:
        counts = household_counts(project)
        zones = project.tables["zones"]
        xinhua = next(z for z in zones.values() if z.name == "新华街社区")
        assert counts[xinhua.id].households == 2449
        assert sum(counts[xinhua.id].occupancy.values()) == 2449
        tree = ZoneTree(zones)
        for parent, kids in tree.children.items():
            assert counts[parent].households == sum(counts[k].households for k in kids)
            assert counts[parent].people == sum(counts[k].people for k in kids)
            for tag in counts[parent].tags:
                assert counts[parent].tags[tag] == sum(counts[k].tags[tag] for k in kids)
        root = tree.roots[0]
        households = project.tables["households"].values()
        assert counts[root].households == len(project.tables["households"])
        assert counts[root].tags["独居"] == sum("独居" in h.tags for h in households)
        assert counts[root].occupancy == {o: sum(h.occupancy == o for h in households) for o in OCCUPANCIES}
    finally:
        project.close()


def test_an_edit_shows_in_the_counts_and_undo_takes_it_back(demo_copy, capsys):
    project = Project.open(demo_copy)
    try:
        zones = project.tables["zones"]
        xinhua = next(z for z in zones.values() if z.name == "新华街社区")
        before = household_counts(project)[xinhua.id]
        lived_in = [h.id for h in project.tables["households"].values() if h.occupancy == "常住"
                    and project.tables["buildings"][h.building_id].zone_id in ZoneTree(zones).children[xinhua.id]][:3]
        project.undo_stack.push(EditHouseholds(lived_in, occupancy="空户"))
        after = household_counts(project)[xinhua.id]
        assert after.occupancy["常住"] == before.occupancy["常住"] - 3
        assert after.occupancy["空户"] == before.occupancy["空户"] + 3
        project.undo_stack.undo()
        assert household_counts(project)[xinhua.id] == before
    finally:
        project.close()


def test_gridmap_stats_prints_a_zone_and_the_zones_above_it(demo_file, capsys):
    assert main(["stats", str(demo_file), "--zone", "410104099001", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["zones"]
    assert [r["name"] for r in rows] == ["示例街道", "新华街社区"]
    assert rows[1]["households"] == 2449 and rows[0]["households"] == 11506
    assert main(["stats", str(demo_file)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:4] == ["code", "name", "households", "people"] and len(table) == 1 + 37
    assert main(["stats", str(demo_file), "--zone", "nope"]) == 1
    assert "no zone with code 'nope'" in capsys.readouterr().err


def test_the_statistics_dock_follows_the_selection_and_the_edits(window):
    from gridmap.selection import Item

    project, panel = window.project, window.stats
    zones = project.tables["zones"]
    xinhua = next(z for z in zones.values() if z.name == "新华街社区")
    window.selection.set(Item("zone", xinhua.id))
    assert panel.heading.text().startswith("新华街社区：2,449 户")
    assert sum(panel.bars[o] for o in OCCUPANCIES) == 2449
    window.selection.set(Item("building", 1))  # a building shows its grid
    grid = project.tables["buildings"][1].zone_id
    assert panel.zone_id == grid
    before = panel.bars["空户"]
    lived = [h.id for h in project.tables["households"].values() if h.building_id == 1 and h.occupancy == "常住"][:2]
    project.undo_stack.push(EditHouseholds(lived, occupancy="空户"))
    assert panel.bars["空户"] == before + 2
    project.undo_stack.undo()
    assert panel.bars["空户"] == before


def test_the_care_list_of_xinhua_goes_to_a_real_workbook(window, tmp_path):
    from openpyxl import load_workbook

    from gridmap.household_lists import CARE_TAGS, HEADER, INTERNAL
    from gridmap.selection import Item

    project = window.project
    zones = project.tables["zones"]
    xinhua = next(z for z in zones.values() if z.name == "新华街社区")
    window.selection.set(Item("zone", xinhua.id))
    written = window.stats.export_care_list(str(tmp_path / "care.xlsx"))
    sheet = load_workbook(written).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == INTERNAL and rows[2] == HEADER
    grids = set(ZoneTree(zones).children[xinhua.id])
    expected = [h for h in project.tables["households"].values()
                if project.tables["buildings"][h.building_id].zone_id in grids and h.tags & set(CARE_TAGS)]
    assert len(rows) - 3 == len(expected) > 0 and rows[1][0] == f"新华街社区 关爱对象名单（{len(expected)} 户）"
    assert {r[0] for r in rows[3:]} <= {zones[g].name for g in grids}
    names = {r.name for r in project.tables["residents"].values()}
    assert not any(cell in names for row in rows for cell in row)  # places, not people
    assert window.stats.heading.text() == f"已将 {len(expected)} 户写入 care.xlsx"
