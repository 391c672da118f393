"""``gridmap bench cases``: cases (有呼必应) at a city's size.

The render benchmark's synthetic city (3,000 grids of 34 buildings), three
staff a grid, and 100,000 cases over a year, written as a project and opened.
Timed, each with a baseline from the same run:

- statistics for every grid (``case_frame`` and ``statistics(by="grid")``)
  against one query per grid (the grid's rows picked from the same frame and
  counted on their own); the figures are compared;
- routing 10,000 imported cases to their grid and person with ``Router``
  against point-in-polygon tested grid by grid (each grid's polygon against
  every point still unplaced), the same person rule after it;
- the cases layer's added cost on a zoomed frame (~2,000 buildings in view, as
  ``gridmap bench render``): the window's layers with the cases against the
  same layers without.

``--small`` is the size the tests run. Prints JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

TARGETS = {"stats_ms": 200.0, "route_s": 2.0, "cases_layer_added_ms": 8.0}
FULL = {"columns": 60, "rows": 50, "per_block": 34, "cases": 100_000, "routed": 10_000}
SMALL = {"columns": 10, "rows": 8, "per_block": 6, "cases": 2_000, "routed": 500}
NOW = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)


def city_with_cases(columns: int, rows: int, per_block: int, count: int, seed: int = 11) -> dict[str, list]:
    """The synthetic city with a chief and two members per grid, a secretary per
    community, and ``count`` cases at its buildings over the year before NOW."""
    import shapely

    from gridmap.cases import workflow
    from gridmap.cases.settings import CaseSettings
    from gridmap.demo.synthetic import synthetic_city
    from gridmap.levels import depths
    from gridmap.model.entities import (CASE_CLOSED, CASE_SOURCES, CASE_STATUSES, CASE_URGENCIES, Assignment, Case,
                                        Staff)

    tables = synthetic_city(columns, rows, per_block)
    roles = depths(tables["levels"])
    staff, posts = [], []
    for zone in tables["zones"]:
        wanted = {roles.community: ("社区书记",), roles.grid: ("网格长", "网格员", "网格员")}.get(zone.level, ())
        for role in wanted:
            staff.append(Staff(len(staff) + 1, f"人员{len(staff) + 1}", f"139{len(staff) + 1:08d}",
                               frozenset({role}), None, True))
            posts.append(Assignment(len(posts) + 1, staff[-1].id, "zone", zone.id, role))
    rng = random.Random(seed)
    settings = CaseSettings()
    buildings = tables["buildings"]
    spots = shapely.point_on_surface(np.array([b.geometry for b in buildings], dtype=object))
    people_of: dict[int, list[int]] = {}
    for post in posts:
        people_of.setdefault(post.target_id, []).append(post.staff_id)
    cases = []
    for n in range(count):
        at = rng.randrange(len(buildings))
        building = buildings[at]
        reported = NOW - dt.timedelta(seconds=rng.randrange(365 * 86400))
        category = rng.choice(settings.category_names)
        urgency = rng.choices(CASE_URGENCIES, (85, 12, 3))[0]
        deadline = settings.deadline(category, urgency, reported)
        closed = rng.random() < 0.9 and reported < NOW - dt.timedelta(days=3)
        hours = (deadline - reported).total_seconds() / 3600 * rng.uniform(0.2, 1.3)
        status = CASE_CLOSED if closed else rng.choice([s for s in CASE_STATUSES if workflow.is_open(s)])
        cases.append(Case(n + 1, f"{reported.year}-{n + 1:06d}", category, "", rng.choice(CASE_SOURCES), "", "",
                          reported, urgency, deadline, status, building.zone_id, building.id, None, "",
                          rng.choice(people_of[building.zone_id]), 0,
                          reported + dt.timedelta(hours=hours) if closed else None, spots[at]))
    tables.update(staff=staff, assignments=posts, cases=cases)
    return tables


def baseline_statistics(frame) -> dict[int, tuple]:
    """One query per grid: the grid's rows picked from the frame and counted alone."""
    out = {}
    for grid in frame["grid_id"].dropna().unique():
        rows = frame[frame["grid_id"] == grid]
        out[int(grid)] = (len(rows), int(rows["is_closed"].sum()), int(rows["is_open"].sum()),
                          int(rows["overdue"].sum()), rows["hours"].median())
    return out


def _same(ours, base: dict[int, tuple]) -> bool:
    if set(ours.index.astype(int)) != set(base):
        return False
    for grid, (reported, closed, open_, overdue, median) in base.items():
        row = ours.loc[grid]
        if (row["reported"], row["closed"], row["open"], row["overdue"]) != (reported, closed, open_, overdue):
            return False
        if not ((np.isnan(median) and np.isnan(row["median_hours"])) or abs(row["median_hours"] - median) < 1e-9):
            return False
    return True


def _imported_points(project, count: int, seed: int = 3):
    """Where ``count`` imported cases are: spots across the city, some outside every grid."""
    import shapely

    minx, miny, maxx, maxy = shapely.total_bounds(
        np.array([z.geometry for z in project.tables["zones"].values()], dtype=object))
    rng = np.random.default_rng(seed)
    xs = rng.uniform(minx - 100, maxx + 100, count)
    ys = rng.uniform(miny - 100, maxy + 100, count)
    return shapely.points(xs, ys), [random.Random(seed + i).choice(("矛盾纠纷", "环境卫生", "设施维修"))
                                    for i in range(count)]


def route(project, points, categories) -> list[tuple[int | None, int | None]]:
    from gridmap.cases.routing import Router

    router = Router(project)
    zones = router.zones_at(points)
    return [(zone, router.person_for(zone, category) if zone is not None else None)
            for zone, category in zip(zones, categories)]


def baseline_route(project, points, categories) -> list[tuple[int | None, int | None]]:
    """Point-in-polygon grid by grid: each leaf grid's polygon tested against every
    point not yet placed (lowest grid id first, as Router settles a shared edge)."""
    import shapely

    from gridmap.cases.routing import Router
    from gridmap.zone_tree import ZoneTree

    zones = project.tables["zones"]
    leaves = sorted(z for z in ZoneTree(zones).leaves() if not zones[z].geometry.is_empty)
    found = np.full(len(points), -1, dtype=np.int64)
    for zone in leaves:
        todo = np.flatnonzero(found < 0)
        inside = shapely.intersects(zones[zone].geometry, points[todo])
        found[todo[inside]] = zone
    router = Router(project)  # the same person rule: only the placing is the baseline's
    return [(None, None) if z < 0 else (int(z), router.person_for(int(z), c)) for z, c in zip(found, categories)]


def _median_ms(work, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def _layer_cost(project, repeats: int) -> dict:
    """A zoomed frame with the window's layers, with and without the cases."""
    from functools import partial

    from benchmarks.render import ZOOMED_FEATURES, _time_frame, _zoomed_view
    from layers.model import DEFAULT_ORDER, WINDOW_ORDER, LayerSet
    from layers.render.map_renderer import render_map
    from layers.render.renderers import prepare_pieces
    from layers.scene import MapScene
    from layers.view import MapView

    scene = MapScene(project)
    scene.prepare_in_background(then=partial(prepare_pieces, scene)).join()
    with_cases = LayerSet(WINDOW_ORDER)
    with_cases.set_visible("case_density", False)
    without = LayerSet(DEFAULT_ORDER)
    full = MapView.fit(scene.bounds, 1920, 1080)
    zoomed, buildings = _zoomed_view(scene, full, ZOOMED_FEATURES)
    cases_in_view = len(scene.features["cases"].query(zoomed.extent))

    def frame(layers):
        return lambda painter, view: render_map(painter, scene, layers, view)

    _time_frame(frame(with_cases), zoomed, 2)  # the case arrays are prepared once per table version
    plain = statistics.median(_time_frame(frame(without), zoomed, repeats))
    cases = statistics.median(_time_frame(frame(with_cases), zoomed, repeats))
    return {"zoomed_buildings_in_view": buildings, "zoomed_cases_in_view": cases_in_view,
            "zoomed_frame_without_cases_ms": round(plain, 2), "zoomed_frame_with_cases_ms": round(cases, 2),
            "cases_layer_added_ms": round(max(cases - plain, 0.0), 2)}


def measure(small: bool = False) -> dict:
    from gridmap.cases.stats import case_frame, statistics as case_statistics
    from gridmap.project import Project
    from gridmap.storage.store import ProjectStore
    from ui.fonts import offscreen_app

    offscreen_app()
    size = SMALL if small else FULL
    tables = city_with_cases(size["columns"], size["rows"], size["per_block"], size["cases"])
    result: dict = {"small": small, "grids": sum(z.level == 3 for z in tables["zones"]),
                    "buildings": len(tables["buildings"]), "cases": len(tables["cases"])}
    repeats = 3 if small else 7
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cases.gpkg"
        ProjectStore.create(path, epsg=4547, tables=tables, meta={"title": "synthetic cases"}, moment=NOW)
        del tables
        project = Project.open(path)
        try:
            table = None

            def ours() -> None:
                nonlocal table
                table = case_statistics(case_frame(project, NOW), "grid")

            result["stats_ms"] = _median_ms(ours, repeats)
            result["stats_grids"] = len(table)
            frame = case_frame(project, NOW)
            result["stats_parts_ms"] = {"case_frame": _median_ms(lambda: case_frame(project, NOW), repeats),
                                        "by_grid": _median_ms(lambda: case_statistics(frame, "grid"), repeats)}
            start = time.perf_counter()
            base = baseline_statistics(frame)
            baseline = {"stats": "one query per grid: its rows picked from the case frame and counted alone",
                        "stats_ms": round((time.perf_counter() - start) * 1000, 1)}
            result["stats_same_as_baseline"] = _same(table, base)

            points, categories = _imported_points(project, size["routed"])
            start = time.perf_counter()
            routed = route(project, points, categories)
            result["route_s"] = round(time.perf_counter() - start, 3)
            result["routed"] = len(routed)
            result["routed_to_a_grid"] = sum(z is not None for z, _ in routed)
            result["routed_to_a_person"] = sum(p is not None for _, p in routed)
            start = time.perf_counter()
            plain = baseline_route(project, points, categories)
            baseline["route"] = "point-in-polygon grid by grid over the unplaced points, then the same person rule"
            baseline["route_s"] = round(time.perf_counter() - start, 3)
            result["route_same_grids_as_baseline"] = [z for z, _ in routed] == [z for z, _ in plain]
            result |= _layer_cost(project, repeats)
        finally:
            project.close()
    result["baseline"] = baseline
    result["speedup"] = {"stats": round(baseline["stats_ms"] / max(result["stats_ms"], 1e-3), 1),
                         "route": round(baseline["route_s"] / max(result["route_s"], 1e-6), 1)}
    result["targets"] = TARGETS
    result["met"] = {k: result[k] <= v for k, v in TARGETS.items()}
    return result


def run(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="gridmap bench cases", description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true",
                        help=f"the size the tests run: {SMALL['columns'] * SMALL['rows']} grids, "
                             f"{SMALL['cases']:,} cases, {SMALL['routed']} routed")
    args = parser.parse_args(argv)
    result = measure(small=args.small)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    same = result["stats_same_as_baseline"] and result["route_same_grids_as_baseline"]
    return 0 if same and (args.small or all(result["met"].values())) else 1


if __name__ == "__main__":
    sys.exit(run())
