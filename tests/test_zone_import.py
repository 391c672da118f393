"""A street office and its communities imported over buildings that are already
there (File ▸ GIS Data ▸ Import Layer…, ``gridmap import --layer zones``): each
building is linked to the community that holds it, the tree is right whichever
level comes in first, the rules find nothing, and one Undo takes an import back."""

from __future__ import annotations

import json

import geopandas as gpd

from gridmap.cli import main
from gridmap.project import Project
from tests.factories import MOMENT, box, small_tables
from tests.windows import shown_window

EAST, WEST = "东社区", "西社区"
BUILDING_RULES = {"building_outside", "building_link"}


def _buildings_only(path):
    """The small project as a GIS import leaves it: three buildings (x 20–46,
    60–86, 140–166) in a compound, and no zone yet."""
    tables = small_tables()
    tables["zones"], tables["assignments"] = [], []
    tables["staff"] = [s._replace(community_id=None) for s in tables["staff"]]
    tables["buildings"] = [b._replace(zone_id=None) for b in tables["buildings"]]
    return Project.create(path, epsg=4547, tables=tables, meta={"title": "测试"}, moment=MOMENT)


def _layer(folder, name, zones):
    """A GeoJSON file of named zones, in CGCS2000 lon/lat as a surveyor hands it over."""
    frame = gpd.GeoDataFrame({"名称": [n for n, _ in zones]}, geometry=[s.geoms[0] for _, s in zones],
                             crs="EPSG:4547").to_crs(4490)
    path = folder / f"{name}.geojson"
    frame.to_file(path, driver="GeoJSON")
    return path


def _office_and_communities(folder):
    office = _layer(folder, "office", [("测试街道", box(-10, -10, 210, 110))])
    communities = _layer(folder, "communities", [(EAST, box(-10, -10, 100, 110)), (WEST, box(100, -10, 210, 110))])
    return office, communities


def _links(project) -> dict[str, str | None]:
    """Each building's number → the name of the zone it is linked to."""
    zones = project.tables["zones"]
    return {b.number: zones[b.zone_id].name if b.zone_id is not None else None
            for b in project.tables["buildings"].values()}


def _building_problems(path, capsys) -> dict[str, int]:
    capsys.readouterr()
    main(["validate", str(path), "--json"])
    by_rule = json.loads(capsys.readouterr().out)["by_rule"]
    return {rule: n for rule, n in by_rule.items() if rule in BUILDING_RULES}


def _import(window, path, level: int) -> None:
    """One zones layer through File ▸ GIS Data ▸ Import Layer…, at ``level``."""
    window.gis_actions.import_layer.trigger()
    dialog = window.gis_actions.dialog
    dialog.set_file(str(path))
    dialog.target.setCurrentIndex(dialog.target.findData("zones"))
    dialog.zone_level.setCurrentIndex(dialog.zone_level.findData(level))
    dialog.read(wait=True)
    assert dialog.import_button.isEnabled(), dialog.summary.text()
    dialog.import_button.click()


def test_imported_communities_take_their_buildings_and_one_undo_takes_them_back(qtbot, tmp_path, capsys):
    path = tmp_path / "office.gpkg"
    office, communities = _office_and_communities(tmp_path)
    window = shown_window(qtbot, _buildings_only(path))
    project = window.project
    assert set(_links(project).values()) == {None}

    _import(window, office, 1)
    assert _links(project) == {"1号楼": "测试街道", "2号楼": "测试街道", "3号楼": "测试街道"}
    with_office = {t: dict(project.tables[t]) for t in ("zones", "buildings")}

    _import(window, communities, 2)
    zones = {z.name: z for z in project.tables["zones"].values()}
    assert zones[EAST].parent_id == zones[WEST].parent_id == zones["测试街道"].id
    assert _links(project) == {"1号楼": EAST, "2号楼": EAST, "3号楼": WEST}  # x 20 and 60 east of 100, 140 west
    assert _building_problems(path, capsys) == {}

    project.undo_stack.undo()  # the communities' import, buildings' links with it, as one step
    assert {t: dict(project.tables[t]) for t in ("zones", "buildings")} == with_office
    project.undo_stack.undo()
    assert not project.tables["zones"] and set(_links(project).values()) == {None}


def test_communities_imported_before_their_office_go_under_it(tmp_path, capsys):
    path = tmp_path / "office.gpkg"
    office, communities = _office_and_communities(tmp_path)
    _buildings_only(path).close()
    assert main(["import", str(path), "--layer", "zones", "--zone-level", "2", str(communities)]) == 0
    assert main(["import", str(path), "--layer", "zones", "--zone-level", "1", str(office)]) == 0
    project = Project.open(path, read_only=True)
    try:
        zones = {z.name: z for z in project.tables["zones"].values()}
        assert zones[EAST].parent_id == zones[WEST].parent_id == zones["测试街道"].id
        assert _links(project) == {"1号楼": EAST, "2号楼": EAST, "3号楼": WEST}  # still the communities'
    finally:
        project.close()
    assert _building_problems(path, capsys) == {}
