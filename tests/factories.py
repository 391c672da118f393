"""Small hand-made projects for fast tests (the demo is for end-to-end ones)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import shapely
from shapely.geometry import MultiLineString, MultiPolygon, Point, LineString

from gridmap.model.entities import (
    default_levels, DEFAULT_TAGS, Assignment, Building, Compound, Household, PartyLink,
    Resident, SitePoint, Staff, Street, TagDef, Unit, Zone,
)
from gridmap.project import Project

MOMENT = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
X0, Y0 = 470000.0, 3849000.0


def box(x0: float, y0: float, x1: float, y1: float) -> MultiPolygon:
    return MultiPolygon([shapely.box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)])


def small_tables() -> dict[str, list]:
    """One street office, one community, two grids side by side, three buildings,
    two units each, 3 floors × 2 rooms: 36 households."""
    t: dict[str, list] = {
        "levels": default_levels(),
        "tag_defs": [TagDef(i + 1, n, c, s, i) for i, (n, c, s) in enumerate(DEFAULT_TAGS)],
        "zones": [
            Zone(1, "410104099", "测试街道", 1, None, box(0, 0, 200, 100)),
            Zone(2, "410104099001", "测试社区", 2, 1, box(0, 0, 200, 100)),
            Zone(3, "410104099001001", "第1网格", 3, 2, box(0, 0, 100, 100)),
            Zone(4, "410104099001002", "第2网格", 3, 2, box(100, 0, 200, 100)),
        ],
        "compounds": [Compound(1, "测试小区", "小区", box(5, 5, 195, 95))],
        "streets": [Street(1, "测试路", "支路", 16.0,
                           MultiLineString([LineString([(X0, Y0 - 8), (X0 + 200, Y0 - 8)])]))],
        "site_points": [SitePoint(1, "gate", "南门", 1, Point(X0 + 100, Y0 + 5))],
        "buildings": [], "units": [], "households": [], "residents": [],
        "staff": [Staff(1, "王伟", "13800000001", frozenset({"网格长"}), 2, True),
                  Staff(2, "李娜", "13800000002", frozenset({"联户党员"}), 2, False)],
        "assignments": [Assignment(1, 1, "zone", 3, "网格长")],
        "party_links": [],
    }
    for b, (x, zone) in enumerate(((20, 3), (60, 3), (140, 4)), 1):
        t["buildings"].append(Building(b, f"{b}号楼", f"{b:05d}", 1, zone, 3, "板楼", box(x, 40, x + 26, 51)))
        for u in (1, 2):
            unit_id = len(t["units"]) + 1
            t["units"].append(Unit(unit_id, b, u, 2))
            for floor in (1, 2, 3):
                for room in (1, 2):
                    hid = len(t["households"]) + 1
                    t["households"].append(Household(
                        hid, b, unit_id, floor, f"{floor}{room:02d}", "常住",
                        frozenset({"微信进群"}) if hid % 3 else frozenset(), 2,
                        dt.date(2026, 10, 1), False, ""))
                    t["party_links"].append(PartyLink(hid, 2, hid))
    t["residents"].append(Resident(1, 1, "张三", "13900000000", "410199195001010012", True))
    return t


def small_project(path: Path, **kwargs) -> Project:
    return Project.create(path, epsg=4547, tables=small_tables(), meta={"title": "测试"}, moment=MOMENT, **kwargs)


def two_communities_tables(grid_codes: tuple[str, str, str] = ("410104099001001", "410104099002001",
                                                                 "410104099002002")) -> dict[str, list]:
    """The small project with a second community: 东社区 holds 第1网格 (x 0–100),
    西社区 holds 第2网格 (100–140) and 第3网格 (140–200, with 3号楼 moved into it)."""
    t = small_tables()
    t["zones"] = [
        Zone(1, "410104099", "测试街道", 1, None, box(0, 0, 200, 100)),
        Zone(2, "410104099001", "东社区", 2, 1, box(0, 0, 100, 100)),
        Zone(5, "410104099002", "西社区", 2, 1, box(100, 0, 200, 100)),
        Zone(3, grid_codes[0], "第1网格", 3, 2, box(0, 0, 100, 100)),
        Zone(4, grid_codes[1], "第2网格", 3, 5, box(100, 0, 140, 100)),
        Zone(6, grid_codes[2], "第3网格", 3, 5, box(140, 0, 200, 100)),
    ]
    t["buildings"][2] = t["buildings"][2]._replace(zone_id=6, geometry=box(150, 40, 176, 51))
    return t
