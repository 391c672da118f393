"""The built-in demo: the reported Xinhua Street figures, a whole office of
10,000+ households, realistic people, exact zone tiling, and determinism."""

import json
import re
import sqlite3
from contextlib import closing
import subprocess
import sys
from collections import Counter

import numpy as np
import pytest
import shapely

from gridmap.demo.build import write_demo
from gridmap.demo.people import id_check_digit
from gridmap.project import Project
from gridmap.spatial.assign import building_zone_ids


@pytest.fixture(scope="module")
def demo(demo_module_copy):
    project = Project.open(demo_module_copy)
    yield project
    project.close()


@pytest.fixture(scope="module")
def info(demo_file):
    out = subprocess.run([sys.executable, "-m", "gridmap", "info", str(demo_file), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_xinhua_street_community_reproduces_the_reported_figures(info):
    xinhua = next(z for z in info["zones"] if z["name"] == "新华街社区")
    assert xinhua["level_name"] == "社区"
    assert (xinhua["buildings"], xinhua["units"], xinhua["households"]) == (54, 164, 2449)
    assert (xinhua["grids"], xinhua["grid_chiefs"], xinhua["grid_members"]) == (6, 6, 12)


def test_the_whole_office(info):
    levels = {lv["name"]: lv for lv in info["levels"]}
    assert list(levels) == ["街道", "社区", "网格"]
    assert levels["街道"]["zones"] == 1 and levels["社区"]["zones"] == 5 and 30 <= levels["网格"]["zones"] <= 40
    assert 10_000 <= levels["街道"]["households"] <= 12_000 and 200 <= levels["街道"]["buildings"] <= 320
    # every building, unit and household is counted at every level: nothing outside a grid
    for key in ("buildings", "units", "households"):
        assert {lv[key] for lv in info["levels"]} == {info["totals"][key]}
    assert info["sample_data"] is True and "示例数据" in info["title"]
    assert info["crs"] == "EPSG:4547"


def test_cli_table_output(demo_file):
    out = subprocess.run([sys.executable, "-m", "gridmap", "info", str(demo_file)],
                         capture_output=True, text=True, check=True).stdout
    assert re.search(r"新华街社区\s+6\s+54\s+164\s+2449\s+6\s+12", out)


def test_zones_tile_their_parents_without_gaps_or_overlaps(demo):
    zones = demo.tables["zones"]
    for parent in zones.values():
        kids = [z.geometry for z in zones.values() if z.parent_id == parent.id]
        if not kids:
            continue
        assert shapely.coverage_is_valid(np.array(kids, dtype=object))  # no overlaps, edges match
        union = shapely.coverage_union_all(np.array(kids, dtype=object))
        assert union.symmetric_difference(parent.geometry).area < 1e-6  # no gaps


def test_each_building_lies_in_the_grid_it_is_linked_to(demo):
    buildings = list(demo.tables["buildings"].values())
    computed = building_zone_ids(buildings, demo.tables["zones"].values())
    assert all(computed[b.id] == b.zone_id for b in buildings)
    grids = {z.id for z in demo.tables["zones"].values() if z.level == 3}
    assert {b.zone_id for b in buildings} <= grids
    compounds = demo.tables["compounds"]
    assert all(b.geometry.within(compounds[b.compound_id].geometry) for b in buildings if b.compound_id)
    assert {b.kind for b in buildings if not b.compound_id} == {"商铺"}  # shops front the street, outside the walls


def test_buildings_stand_clear_of_each_other_and_of_the_streets(demo):
    footprints = np.array([b.geometry for b in demo.tables["buildings"].values()], dtype=object)
    first, second = shapely.STRtree(footprints).query(footprints, predicate="intersects")
    assert all(footprints[i].intersection(footprints[j]).area < 1e-6 for i, j in zip(first, second) if i != j)
    streets = shapely.union_all([s.geometry.buffer(s.width / 2, cap_style="flat")
                                 for s in demo.tables["streets"].values()])
    assert not any(shapely.intersects(footprints, streets))


def test_the_office_looks_like_a_real_one(demo):
    """Streets of every class, a diagonal and a curved one; compounds of many
    shapes; slabs turned with their streets; shops, a village and dedicated grids."""
    streets = list(demo.tables["streets"].values())
    assert {s.kind for s in streets} == {"主干路", "次干路", "支路", "巷"}
    widths = {kind: {s.width for s in streets if s.kind == kind} for kind in ("主干路", "次干路", "支路", "巷")}
    assert (min(widths["主干路"]) > max(widths["次干路"]) >= min(widths["次干路"]) > max(widths["支路"])
            > max(widths["巷"]))

    def bearing(a, b):
        return np.degrees(np.arctan2(b[1] - a[1], b[0] - a[0])) % 180

    straight = [s for s in streets if len(s.geometry.geoms[0].coords) == 2]
    assert any(20 < bearing(*s.geometry.geoms[0].coords) < 70 for s in straight)  # a diagonal
    assert any(len(s.geometry.geoms[0].coords) > 20 for s in streets)  # a curve
    compounds = list(demo.tables["compounds"].values())
    corners = Counter(len(c.geometry.geoms[0].exterior.coords) - 1 for c in compounds)
    assert corners[4] and sum(n for k, n in corners.items() if k > 4) >= 8  # L-shapes, cut blocks
    buildings = list(demo.tables["buildings"].values())
    per_compound = Counter(b.compound_id for b in buildings if b.compound_id)
    assert min(per_compound.values()) <= 2 and max(per_compound.values()) >= 15
    slabs = [b for b in buildings if b.kind == "板楼"]
    turns = {round(bearing(*b.geometry.geoms[0].minimum_rotated_rectangle.exterior.coords[:2]) % 90) for b in slabs}
    assert len(turns) >= 5  # rows follow their streets, not one lattice
    kinds = Counter(b.kind for b in buildings)
    assert kinds["商铺"] >= 10 and kinds["塔楼"] >= 10 and kinds["自建房"] >= 50
    households = Counter(h.building_id for h in demo.tables["households"].values())
    assert not any(households[b.id] for b in buildings if b.kind in ("商铺", "公建"))
    zones = demo.tables["zones"]
    dedicated = {z.name for z in zones.values() if z.kind == "专属网格"}
    assert {name[:-4][-2:] for name in dedicated} == {"小学", "医院", "公园"}
    assert all(zones[b.zone_id].kind != "专属网格" for b in buildings if households[b.id])
    village = {b.zone_id for b in buildings if b.kind == "自建房"}
    assert len(village) == 2 and all(b.kind == "自建房" for b in buildings if b.zone_id in village)


def test_compounds_have_gates_on_their_walls(demo):
    gates = [p for p in demo.tables["site_points"].values() if p.kind == "gate"]
    compounds = demo.tables["compounds"]
    assert {g.compound_id for g in gates} == set(compounds)
    for gate in gates:
        assert compounds[gate.compound_id].geometry.boundary.distance(gate.geometry) < 1e-6
    kinds = Counter(p.kind for p in demo.tables["site_points"].values())
    assert kinds["checkpoint"] == kinds["gate"] and kinds["sampling"] == 5 and kinds["supply"] == len(compounds)


def test_households_have_a_realistic_mix(demo):
    households = list(demo.tables["households"].values())
    occupancy = Counter(h.occupancy for h in households)
    share = {k: v / len(households) for k, v in occupancy.items()}
    assert set(share) == {"常住", "租户", "空户", "在外"}
    assert 0.6 < share["常住"] < 0.8 and 0.03 < share["空户"] < 0.15
    tags = Counter(t for h in households for t in h.tags)
    assert 0.03 < tags["独居"] / len(households) < 0.1
    assert all(h.people == 1 for h in households if "独居" in h.tags)
    assert all(h.people == 0 and not h.tags for h in households if h.occupancy == "空户")
    # rooms are numbered floor + two digits and unique within a unit
    assert all(h.room == f"{h.floor}{h.room[-2:]}" for h in households)
    assert len({(h.unit_id, h.room) for h in households}) == len(households)
    # every household has one party member responsible
    linked = Counter(link.household_id for link in demo.tables["party_links"].values())
    assert set(linked) == set(demo.tables["households"]) and set(linked.values()) == {1}


def test_people_look_real_and_are_unique(demo):
    staff = list(demo.tables["staff"].values())
    residents = list(demo.tables["residents"].values())
    phones = [s.phone for s in staff] + [r.phone for r in residents if r.phone]
    assert all(re.fullmatch(r"1[3-9]\d{9}", p) for p in phones)
    assert len(set(phones)) == len(phones)
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", p.name) for p in staff + residents)
    ids = [r.id_number for r in residents]
    assert len(set(ids)) == len(ids)
    assert all(n.startswith("410199") and n[17] == id_check_digit(n[:17]) for n in ids)
    heads = Counter(r.household_id for r in residents if r.is_head)
    assert set(heads.values()) == {1}


def test_same_command_twice_gives_identical_tables(demo_file, tmp_path):
    again = tmp_path / "again.gpkg"
    write_demo(again)

    def dump(path):
        with closing(sqlite3.connect(path)) as conn:
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
            return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}

    first, second = dump(demo_file), dump(again)
    assert first.keys() == second.keys() and "households" in first
    for table in first:
        assert first[table] == second[table], table


def test_demo_command_writes_and_overwrites_sample_data(tmp_path):
    path = tmp_path / "x.gpkg"
    for _ in range(2):  # a sample-data file may be replaced without --force
        result = subprocess.run([sys.executable, "-m", "gridmap", "demo", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    assert not list(tmp_path.glob("*.part"))
