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

import numpy as np
import shapely
from shapely.geometry import MultiPolygon

TARGET_MS = 100.0
INJECTED = {"overlap": 1, "gap": 1, "outside_parent": 1, "building_cut": 1}
EDGE_VERTICES = 9  # inner vertices of each wavy shared edge


def _wavy_grids(zones: list, seed: int = 11) -> list:
    """Grid rectangles → polygons whose shared edges are identical jittered polylines."""
    rng = np.random.default_rng(seed)
    edges: dict[tuple, np.ndarray] = {}

    def edge(a: tuple, b: tuple) -> np.ndarray:
        key = (a, b) if a <= b else (b, a)
        if key not in edges:
            t = np.linspace(0, 1, EDGE_VERTICES + 2)[1:-1]
            (x0, y0), (x1, y1) = key
            along = np.column_stack([x0 + (x1 - x0) * t, y0 + (y1 - y0) * t])
            normal = np.array([-(y1 - y0), x1 - x0]) / np.hypot(x1 - x0, y1 - y0)
            edges[key] = along + normal * rng.uniform(-4, 4, (len(t), 1))
        inner = edges[key]
        return inner if (a, b) == key else inner[::-1]

    out = []
    for zone in zones:
        if zone.level != 3:
            out.append(zone)
            continue
        x0, y0, x1, y1 = (round(v, 6) for v in zone.geometry.bounds)
        corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        ring = []
        for a, b in zip(corners, corners[1:] + corners[:1]):
            ring.append(a)
            ring.extend(map(tuple, edge(a, b)))
        out.append(zone._replace(geometry=MultiPolygon([shapely.Polygon(ring)])))
    # communities and the office: exactly the union of what they hold
    by_parent: dict[int, list] = {}
    for zone in out:
        if zone.level == 3:
            by_parent.setdefault(zone.parent_id, []).append(zone.geometry)
    for level in (2, 1):
        for i, zone in enumerate(out):
            if zone.level == level:
                union = shapely.coverage_union_all(np.array(by_parent[zone.id], dtype=object))
                out[i] = zone._replace(geometry=_multi(union))
                by_parent.setdefault(zone.parent_id, []).append(out[i].geometry)
    return out


def _multi(geometry) -> MultiPolygon:
    return MultiPolygon(shapely.get_parts(geometry).tolist())


def district(columns: int, rows: int, per_block: int) -> tuple[dict, dict, Counter]:
    from gridmap.demo.synthetic import synthetic_city

    tables = synthetic_city(columns, rows, per_block)
    zones = {z.id: z for z in _wavy_grids(tables["zones"])}
    buildings = {b.id: b for b in tables["buildings"]}
    grids = sorted(z.id for z in zones.values() if z.level == 3)  # column by column, south to north

    def grid(column: int, row: int):
        return zones[grids[column * rows + row]]

    # the four kinds of trouble, one each, in different grids
    a, east = grid(1, 1), grid(2, 1)
    strip = shapely.intersection(east.geometry, shapely.buffer(shapely.intersection(a.geometry, east.geometry), 6))
    zones[a.id] = a._replace(geometry=_multi(shapely.union(a.geometry, strip)))  # overlaps its neighbour
    c = grid(4, 3)
    zones[c.id] = c._replace(geometry=MultiPolygon([shapely.buffer(c.geometry.geoms[0], -3, join_style="mitre")]))
    d = grid(columns - 1, 0)
    minx, miny, maxx, maxy = d.geometry.bounds
    pushed = shapely.union(d.geometry, shapely.box(maxx - 10, miny + 20, maxx + 30, maxy - 20))
    zones[d.id] = d._replace(geometry=_multi(pushed))
    b, north = grid(3, 1), grid(3, 2)
    edge = shapely.intersection(b.geometry, north.geometry)
    x, y = shapely.get_coordinates(shapely.line_interpolate_point(edge, 0.5, normalized=True))[0]
    first = next(x for x in buildings.values() if x.zone_id == b.id)
    buildings[first.id] = first._replace(geometry=MultiPolygon([shapely.box(x - 10, y - 5, x + 10, y + 5)]))
    households = Counter({bid: max(1, round(350 / per_block)) for bid in buildings})  # ~350 per grid
    return zones, buildings, households


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
    zones, buildings, households = district(args.columns, args.rows, args.per_block)
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
        "grids": sum(z.level == 3 for z in zones.values()), "zones": len(zones), "buildings": len(buildings),
        "vertices_per_grid": round(statistics.mean(len(z.geometry.geoms[0].exterior.coords) - 1
                                                   for z in zones.values() if z.level == 3), 1),
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
