"""A four-level project (街道 → 社区 → 网格 → 微网格, as 阳光花苑社区 has): the demo
with a micro-grid level added and each grid of 新华街社区 divided into micro-grids
by the project's own partition engine. Every feature that asks what a level is
must keep meaning the grids where it meant them: validate, stats, staffing, the
printed charts, the GIS export and the web map."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import folium
import geopandas as gpd
import pytest

from gridmap.charts.content import ChartSource
from gridmap.charts.privacy import Privacy
from gridmap.commands.partition import ApplyProposal
from gridmap.gis.export import export_geopackage
from gridmap.levels import project_depths
from gridmap.model.changes import RowChange
from gridmap.model.entities import (
    COMMUNITY, DEDICATED_GRID, GRID, MICRO_GRID, MICRO_GRID_LEVEL_NAMES, OFFICE, Level,
)
from gridmap.partition.proposal import default_options, make_proposal
from gridmap.project import Project
from gridmap.rules.check import check
from gridmap.rules.report import check_project
from gridmap.rules.settings import RuleSettings
from gridmap.staffing.check import check_staffing
from gridmap.staffing.workload import grid_cover
from gridmap.stats import project_summary, zone_stats
from gridmap.webmap import write_web_map
from gridmap.webmap.build import LABELS_LAYER, build_map
from gridmap.webmap.popups import PopupText
from tests.test_webmap import chromium, probe_page, probe_result, run_chromium

pytestmark = pytest.mark.slow

SHOTS = Path("/work/helper-notes/shots")


@pytest.fixture(scope="module")
def four(demo_file, tmp_path_factory):
    """(project, 新华街社区, its grid ids): the micro-grid level added, each grid partitioned."""
    path = tmp_path_factory.mktemp("four-levels") / "four.gpkg"
    shutil.copyfile(demo_file, path)
    project = Project.open(path)
    project.apply([RowChange("levels", None, Level(4, *MICRO_GRID_LEVEL_NAMES, MICRO_GRID))], label="Add level")
    zones = project.tables["zones"]
    community = next(z for z in zones.values() if z.name == "新华街社区")
    grids = sorted((z.id for z in zones.values() if z.parent_id == community.id), key=lambda z: zones[z].code)
    for grid in grids:
        proposal = make_proposal(project, grid, default_options(project, grid))
        assert project.undo_stack.push(ApplyProposal(proposal))
    yield project, community, grids
    project.close()


def _micro_grids(project, grid_id: int) -> list[int]:
    return [z.id for z in project.tables["zones"].values() if z.parent_id == grid_id]


def test_each_grid_of_the_community_is_divided_into_micro_grids_holding_its_buildings(four):
    project, _community, grids = four
    zones, buildings = project.tables["zones"], project.tables["buildings"]
    assert [(lv.depth, lv.role) for lv in project.levels] == [(1, OFFICE), (2, COMMUNITY), (3, GRID), (4, MICRO_GRID)]
    assert [zones[g].name for g in grids] == [f"第{n}网格" for n in range(1, 7)]
    for grid in grids:
        micro = _micro_grids(project, grid)
        assert 3 <= len(micro) <= 6 and all(zones[m].level == 4 for m in micro)
        union = gpd.GeoSeries([zones[m].geometry for m in micro]).union_all()
        assert union.symmetric_difference(zones[grid].geometry).area < 1.0  # they cover the grid, no more
    mine = [b for b in buildings.values() if project_depths(project).grid_of(zones, b.zone_id) in grids]
    assert len(mine) == 54
    assert all(zones[b.zone_id].level == 4 and zones[b.zone_id].geometry.contains(b.geometry) for b in mine)


def test_validate_judges_the_grids_by_the_band_and_not_their_micro_grids(four):
    project, _community, grids = four
    assert check_project(project) == []  # micro-grids of 60–105 households are no grids "out of the band"
    zones, buildings = project.tables["zones"], project.tables["buildings"]
    households = Counter(h.building_id for h in project.tables["households"].values())
    per_grid = {s.id: s.households for s in zone_stats(project) if s.level == 3 and zones[s.id].kind != DEDICATED_GRID}
    assert sum(per_grid[g] for g in grids) == 2449
    ours = [per_grid[g] for g in grids]
    narrow = (min(ours) + 1, max(ours) - 1)  # two of 新华街社区's grids fall out of it, at least
    found = check(zones, buildings, households, RuleSettings(bands={GRID: narrow}), project_depths(project))
    out = {g: n for g, n in per_grid.items() if not narrow[0] <= n <= narrow[1]}
    assert {p.zones[0]: p.amount for p in found if p.rule == "households_band"} == out
    assert len(set(out) & set(grids)) >= 2 and {p.rule for p in found} == {"households_band"}
    # buildings are linked to the micro-grids (the leaves): a link to the grid above is a wrong one
    building = next(b for b in buildings.values() if zones[b.zone_id].parent_id == grids[0])
    relinked = {**buildings, building.id: building._replace(zone_id=grids[0])}
    found = check(zones, relinked, households, RuleSettings(), project_depths(project))
    assert [(p.rule, p.zones, p.buildings) for p in found] == [("building_link", (building.zone_id, grids[0]),
                                                                (building.id,))]


def test_stats_count_grids_and_micro_grids_per_level(four):
    project, community, grids = four
    rows = {s.id: s for s in zone_stats(project)}
    zones = project.tables["zones"]
    micro = [z for z in zones.values() if z.level == 4]
    assert rows[community.id].grids == 6 and rows[community.id].micro_grids == len(micro) >= 18
    assert (rows[community.id].buildings, rows[community.id].units, rows[community.id].households) == (54, 164, 2449)
    for grid in grids:
        assert rows[grid].grids == 1 and rows[grid].micro_grids == rows[grid].children == len(_micro_grids(project,
                                                                                                          grid))
        assert rows[grid].households == sum(rows[m].households for m in _micro_grids(project, grid)) > 0
    assert all(rows[m.id].grids == 0 and rows[m.id].micro_grids == 1 for m in micro)
    summary = project_summary(project)
    assert [(lv["depth"], lv["role"], lv["zones"]) for lv in summary["levels"]] == [
        (d, role, sum(z.level == d for z in zones.values()))
        for d, role in ((1, OFFICE), (2, COMMUNITY), (3, GRID), (4, MICRO_GRID))]
    assert summary["levels"][3]["households"] == 2449  # only 新华街社区 has micro-grids
    office = next(z for z in zones.values() if z.level == 1)
    assert rows[office.id].grids == sum(z.level == 3 for z in zones.values())  # micro-grids are not grids


def test_staffing_keeps_one_workload_row_per_grid(four):
    project, community, grids = four
    cover = grid_cover(project, community.id)
    assert [c.zone_id for c in cover] == grids
    assert sum(c.buildings for c in cover) == 54 and sum(c.households for c in cover) == 2449
    assert all(c.chiefs and len(c.members) >= 2 for c in cover)  # the grids' posts stay on the grids
    micro = _micro_grids(project, grids[2])[0]
    assert [c.zone_id for c in grid_cover(project, micro)] == [grids[2]]  # a micro-grid's row is its grid's
    assert check_staffing(project) == []  # a grid chief and two members a grid; micro-grids ask none


def test_chart_1_lists_the_communitys_grids_not_the_micro_grids(four, tmp_path):
    from ui.printing.batch import PrintOptions, print_compounds

    project, _community, grids = four
    zones = project.tables["zones"]
    source = ChartSource(project, Privacy("public"))
    compounds = [c for c in source.compounds()
                 if {source.grid_of(b.zone_id) for b in source.buildings_of[c.id]} <= set(grids)]
    listed: set[int] = set()
    for compound in compounds:
        content = source.charts(compound)
        listed |= {g.zone_id for g in content.grids}
        assert all(b.zone_id in grids for b in content.buildings)  # a building's grid, not its micro-grid
        for b in content.buildings:
            micro = project.tables["buildings"][b.building_id].zone_id
            assert b.grid == f"{zones[b.zone_id].name} {zones[micro].name}"  # "第1网格 第2微网格"
    assert listed == set(grids)

    printed = print_compounds(project, [c.id for c in compounds], PrintOptions(charts=(1,)), tmp_path)
    table: dict[str, str] = {}
    for done in printed:
        (pdf,) = [f for f in done.files if f.suffix == ".pdf"]
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                              text=True).stdout
        rows = re.findall(r"(第\S+网格)\s+网格编码 (\d+)", text)
        assert rows and all("微网格" not in name for name, _ in rows), text
        table.update(rows)
    assert table == {zones[g].name: zones[g].code for g in grids}
    first = next(f for f in printed[0].files if f.suffix == ".pdf")
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(first),
                    str(SHOTS / "levels-chart1")], check=True)


def test_the_gis_export_says_each_zones_level_and_role(four, tmp_path):
    project, _community, grids = four
    counts = export_geopackage(project, tmp_path / "out.gpkg")
    frame = gpd.read_file(tmp_path / "out.gpkg", layer="zones")
    assert counts["zones"] == len(frame) == len(project.tables["zones"])
    zones = project.tables["zones"].values()
    expected = Counter((z.level, {1: OFFICE, 2: COMMUNITY, 3: GRID, 4: MICRO_GRID}[z.level]) for z in zones)
    assert Counter(zip(frame["level"].tolist(), frame["role"].tolist(), strict=True)) == expected
    micro = frame[frame["role"] == MICRO_GRID]
    assert set(micro["parent"]) == {project.tables["zones"][g].code for g in grids}


def _zone_layers(m: folium.Map) -> dict[str, list[dict]]:
    return {child.layer_name: child.data["features"] for child in m._children.values()
            if isinstance(child, folium.GeoJson) and child.data["features"][:1]
            and child.data["features"][0]["id"].startswith("z")}


def test_the_web_map_draws_micro_grids_inside_their_grids(four, tmp_path):
    project, community, grids = four
    zones = project.tables["zones"]
    m, counts = build_map(project, Privacy("public"))
    names = {lv.depth: lv.name for lv in project.levels}
    assert {names[d]: counts[names[d]] for d in names} == {
        names[d]: sum(z.level == d for z in zones.values()) for d in names}
    assert counts[LABELS_LAYER] == sum(z.level == 3 for z in zones.values())  # the grids are named, as before
    layers = _zone_layers(m)
    micro = {int(f["id"][1:]): f["properties"] for f in layers[MICRO_GRID_LEVEL_NAMES[0]]}
    assert all(layer_feature["properties"]["fill"] is None for layer_feature in layers["网格"]
               if int(layer_feature["id"][1:]) in grids)  # a divided grid: its outline over its micro-grids
    for grid in grids:  # a grid's micro-grids in one colour: the grid still reads as one patch
        assert len({micro[m_id]["fill"] for m_id in _micro_grids(project, grid)}) == 1
    text = PopupText(project, Privacy("public"))
    one = _micro_grids(project, grids[0])[0]
    assert text.zone_tooltip(zones[one]) == f"新华街社区 第1网格 {zones[one].name}"
    card = dict(text.zone_popup(zones[grids[0]], leaf=False).rows)
    assert card["微网格"] == f"{len(_micro_grids(project, grids[0]))} 个" and card["楼栋"] == "9 栋"
    assert "网格长" in card and card["所属"] == "新华街社区"
    assert dict(text.zone_popup(community, leaf=False).rows)["网格"] == "6 个"


def test_the_web_map_page_opens_and_a_micro_grid_answers_a_click(four, tmp_path):
    chromium()  # skips without a browser
    project, _community, grids = four
    summary = write_web_map(project, tmp_path / "four.html")
    micro = _micro_grids(project, grids[0])[0]
    building = min(b.id for b in project.tables["buildings"].values() if b.zone_id == micro)
    result = probe_result(run_chromium(probe_page(summary.path, tmp_path / "probe.html", micro, building),
                                       tmp_path / "dom"))
    assert not result.get("exception") and not result["errors"], result
    assert "微网格" in result["grid_popup"] and "所属\t第1网格" in result["grid_popup"], result["grid_popup"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    run_chromium(summary.path, tmp_path / "shot", screenshot=SHOTS / "levels-webmap.png")
