"""``gridmap bench validate``: every rule over a district of 500+ grids and
10,000+ buildings, against a baseline that checks overlaps pair by pair.

The district is the synthetic city with wavy grid boundaries (each shared edge
one jittered polyline, used by both grids, so the partition is exact and every
grid has ~40 vertices like a hand-drawn one), communities and the office
rebuilt as unions of their grids, and about 350 households per grid. One overlap,
one gap, one building across a boundary and one grid pushed out of its
community are then put in, so the check has something to find.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter

import shapely
from shapely.geometry import MultiPolygon

from benchmarks.wavy_grids import grid_depth, multi, wavy_grids

TARGET_MS = 100.0
INJECTED = {"overlap": 1, "gap": 1, "outside_parent": 1, "building_cut": 1}


def district(columns: int, rows: int, per_block: int) -> tuple[dict, dict, Counter, int]:
    """Zones, buildings and households per building of the district, and the depth of its grids."""
    from gridmap.demo.synthetic import synthetic_city

    tables = synthetic_city(columns, rows, per_block)
    zones = {z.id: z for z in wavy_grids(tables["zones"], tables["levels"])}
    buildings = {b.id: b for b in tables["buildings"]}
    grid_level = grid_depth(tables["levels"])
    grids = sorted(z.id for z in zones.values() if z.level == grid_level)  # column by column, south to north

    def grid(column: int, row: int):
        return zones[grids[column * rows + row]]

    # the four kinds of trouble, one each, in different grids
    a, east = grid(1, 1), grid(2, 1)
    strip = shapely.intersection(east.geometry, shapely.buffer(shapely.intersection(a.geometry, east.geometry), 6))
    zones[a.id] = a._replace(geometry=multi(shapely.union(a.geometry, strip)))  # overlaps its neighbour
    c = grid(4, 3)
    zones[c.id] = c._replace(geometry=MultiPolygon([shapely.buffer(c.geometry.geoms[0], -3, join_style="mitre")]))
    d = grid(columns - 1, 0)
    _minx, miny, maxx, maxy = d.geometry.bounds
    pushed = shapely.union(d.geometry, shapely.box(maxx - 10, miny + 20, maxx + 30, maxy - 20))
    zones[d.id] = d._replace(geometry=multi(pushed))
    b, north = grid(3, 1), grid(3, 2)
    edge = shapely.intersection(b.geometry, north.geometry)
    x, y = shapely.get_coordinates(shapely.line_interpolate_point(edge, 0.5, normalized=True))[0]
    first = next(x for x in buildings.values() if x.zone_id == b.id)
    buildings[first.id] = first._replace(geometry=MultiPolygon([shapely.box(x - 10, y - 5, x + 10, y + 5)]))
    households = Counter({bid: max(1, round(350 / per_block)) for bid in buildings})  # ~350 per grid
    return zones, buildings, households, grid_level


def _baseline_overlaps(zones: dict) -> int:
    """Every pair of siblings intersected, one pair at a time."""
    by_parent: dict = {}
    for zone in zones.values():
        by_parent.setdefault(zone.parent_id, []).append(zone)
    found = 0
    for siblings in by_parent.values():
        for i, a in enumerate(siblings):
            for b in siblings[i + 1:]:
                if a.geometry.intersection(b.geometry).area > 0.25:
                    found += 1
    return found


def run(argv: list[str] | None = None) -> int:
    import argparse

    from gridmap.rules.check import check
    from gridmap.rules.settings import RuleSettings

    parser = argparse.ArgumentParser(prog="gridmap bench validate", description=__doc__.splitlines()[0])
    parser.add_argument("--columns", type=int, default=25)
    parser.add_argument("--rows", type=int, default=21)
    parser.add_argument("--per-block", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    zones, buildings, households, grid_level = district(args.columns, args.rows, args.per_block)
    settings = RuleSettings()  # the default band, 300–500 households per grid
    times, problems = [], []
    for _ in range(args.repeats):
        start = time.perf_counter()
        problems = check(zones, buildings, households, settings)
        times.append((time.perf_counter() - start) * 1000)
    start = time.perf_counter()
    baseline_found = _baseline_overlaps(zones)
    baseline_ms = (time.perf_counter() - start) * 1000
    result = {
        "grids": sum(z.level == grid_level for z in zones.values()), "zones": len(zones), "buildings": len(buildings),
        "vertices_per_grid": round(statistics.mean(len(z.geometry.geoms[0].exterior.coords) - 1
                                                   for z in zones.values() if z.level == grid_level), 1),
        "all_rules_ms": round(statistics.median(times), 1),
        "problems": dict(Counter(p.rule for p in problems)),
        "found_the_four": sorted(Counter(p.rule for p in problems).items()) == sorted(INJECTED.items()),
        "baseline": {"method": "sibling overlaps checked pair by pair (intersection of each pair)",
                     "overlap_only_ms": round(baseline_ms, 1), "overlaps_found": baseline_found},
        "target_ms": TARGET_MS,
    }
    result["speedup_vs_baseline"] = round(baseline_ms / result["all_rules_ms"], 1)
    result["met"] = result["all_rules_ms"] <= TARGET_MS and result["found_the_four"]
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0 if result["met"] else 1


if __name__ == "__main__":
    sys.exit(run())
