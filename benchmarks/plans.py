"""``gridmap bench plans``: colour plans and household statistics at size.

A synthetic district (the render benchmark's city, 500 grids of 20 buildings,
ten households each: 100,000 households) is written as a project and opened.
Timed: the plan of a 200-household building (layout and a full paint at 1:1),
a 54-building compound sheet (layout and paint), and the statistics of every
zone by occupancy and tag (``household_counts``). Baseline in the same run: the
statistics of each zone counted on its own over its buildings. Prints JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

TARGETS_MS = {"plan_ms": 50.0, "sheet_ms": 300.0, "stats_ms": 200.0}


def _tables(columns: int, rows: int, per_block: int, per_building: int) -> dict:
    import random

    from gridmap.demo.synthetic import synthetic_city
    from gridmap.model.entities import OCCUPANCIES, Building, Compound, Household, Unit

    tables = synthetic_city(columns, rows, per_block)
    rng = random.Random(5)
    tags = ("独居", "空巢", "残疾", "志愿者", "微信进群")
    households, units = [], []
    for b in tables["buildings"]:
        units.append(Unit(len(units) + 1, b.id, 1, per_building))
        for k in range(per_building):
            households.append(Household(len(households) + 1, b.id, len(units), 1 + k // 2,
                                        f"{1 + k // 2}{k % 2 + 1:02d}", rng.choice(OCCUPANCIES),
                                        frozenset(t for t in tags if rng.random() < 0.15), rng.randint(0, 5)))
    # one tower of 200 households (4 units × 25 floors × 2 rooms) and a compound of 54 buildings
    compound = Compound(len(tables["compounds"]) + 1, "大院", "小区", tables["compounds"][0].geometry)
    tables["compounds"].append(compound)
    big = Building(len(tables["buildings"]) + 1, "塔1号楼", "999999", compound.id, tables["buildings"][0].zone_id, 25,
                   "塔楼", tables["buildings"][0].geometry)
    tables["buildings"].append(big)
    for u in range(1, 5):
        units.append(Unit(len(units) + 1, big.id, u, 2))
        for floor in range(1, 26):
            for room in (1, 2):
                households.append(Household(len(households) + 1, big.id, len(units), floor, f"{floor}{room:02d}",
                                            rng.choice(OCCUPANCIES), frozenset(), 2))
    sheet_buildings = [b._replace(compound_id=compound.id) for b in tables["buildings"][1:54]]
    tables["buildings"][1:54] = sheet_buildings
    tables.update(units=units, households=households)
    return tables, big.id, compound.id


def _baseline(project) -> dict:
    """Each zone counted on its own, the plain way: the buildings of the grids
    below it, then their households (found by building, as an index would)."""
    from gridmap.zone_tree import ZoneTree

    zones = project.tables["zones"]
    tree = ZoneTree(zones)
    buildings = list(project.tables["buildings"].values())
    homes: dict[int, list] = {}
    for h in project.tables["households"].values():
        homes.setdefault(h.building_id, []).append(h)
    out = {}
    for zone_id in zones:
        leaves = {z for z in tree.walk(zone_id) if tree.is_leaf(z)}
        rows = [h for b in buildings if b.zone_id in leaves for h in homes.get(b.id, ())]
        occupancy, tags = Counter(h.occupancy for h in rows), Counter(t for h in rows for t in h.tags)
        out[zone_id] = (len(rows), sum(h.people for h in rows), occupancy, tags)
    return out


def run(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="gridmap bench plans", description=__doc__.splitlines()[0])
    parser.add_argument("--columns", type=int, default=25)
    parser.add_argument("--rows", type=int, default=20)
    parser.add_argument("--per-block", type=int, default=20)
    parser.add_argument("--per-building", type=int, default=10)
    args = parser.parse_args(argv)
    from PySide6.QtGui import QImage, QPainter

    from gridmap.household_stats import household_counts
    from gridmap.plans.layout import plan_layout
    from gridmap.project import Project
    from layers.render.plan import PlanGeometry, draw_plan, draw_sheet, sheet_positions
    from ui.fonts import offscreen_app

    offscreen_app()
    tables, tower, compound = _tables(args.columns, args.rows, args.per_block, args.per_building)
    with tempfile.TemporaryDirectory() as folder:
        project = Project.create(Path(folder) / "plans.gpkg", epsg=4547, tables=tables, meta={"title": "plans"},
                                 moment=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
        households = project.tables["households"]
        units_of: dict[int, list] = {}
        for u in project.tables["units"].values():
            units_of.setdefault(u.building_id, []).append(u)
        homes_of: dict[int, list] = {}
        for h in households.values():
            homes_of.setdefault(h.building_id, []).append(h)

        def plan() -> None:
            building = project.tables["buildings"][tower]
            layout = plan_layout(building, units_of[tower], homes_of[tower])
            width, height = PlanGeometry().size(layout)
            image = QImage(int(width), int(height), QImage.Format.Format_RGB32)
            painter = QPainter(image)
            draw_plan(painter, layout, households, project.tag_defs)
            painter.end()

        def sheet() -> None:
            buildings = [b for b in project.tables["buildings"].values() if b.compound_id == compound]
            layouts = [plan_layout(b, units_of.get(b.id, []), homes_of.get(b.id, [])) for b in buildings]
            _, (width, height) = sheet_positions(layouts)
            image = QImage(int(width), int(height), QImage.Format.Format_RGB32)
            painter = QPainter(image)
            draw_sheet(painter, [b.number for b in buildings], layouts, households, project.tag_defs)
            painter.end()

        def timed(work, repeats: int = 5) -> float:
            times = []
            for _ in range(repeats):
                start = time.perf_counter()
                work()
                times.append((time.perf_counter() - start) * 1000)
            return round(statistics.median(times), 1)

        result = {
            "households": len(households), "zones": len(project.tables["zones"]),
            "tower_households": len(homes_of[tower]),
            "sheet_buildings": sum(b.compound_id == compound for b in project.tables["buildings"].values()),
            "plan_ms": timed(plan), "sheet_ms": timed(sheet), "stats_ms": timed(lambda: household_counts(project)),
        }
        start = time.perf_counter()
        base = _baseline(project)
        result["baseline"] = {"method": "each zone counted on its own over its buildings",
                              "stats_ms": round((time.perf_counter() - start) * 1000, 1)}
        ours = household_counts(project)
        result["same_figures_as_baseline"] = all(
            (ours[z].households, ours[z].people, dict(ours[z].occupancy), ours[z].tags) ==
            (n, people, {k: occ.get(k, 0) for k in ours[z].occupancy}, {k: tg.get(k, 0) for k in ours[z].tags})
            for z, (n, people, occ, tg) in base.items())
        project.close()
    result["targets"] = TARGETS_MS
    result["met"] = {k: result[k] <= v for k, v in TARGETS_MS.items()}
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0 if all(result["met"].values()) and result["same_figures_as_baseline"] else 1


if __name__ == "__main__":
    sys.exit(run())
