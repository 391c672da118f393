"""``gridmap bench shared``: one project shared by many desks on a PostgreSQL/PostGIS
server, under load and under faults, beside the same work on a GeoPackage.

On a private server of its own (``benchmarks/pg_cluster.py``; ``--url`` for
another), it measures, each figure beside its baseline from the same run:

- **open**: the synthetic city of 102,000 buildings opened from the server
  (``Project.open(url)``) against from a GeoPackage (target: within 2×);
- **seen by another desk**: a household edit committed at one desk until
  another desk (another process, listening) holds the new record; p95 target
  200 ms; baseline: the same commit to a GeoPackage (which no other desk sees);
- **load**: 20 community chiefs (500 household edits and 50 boundary edits
  each, in their own community) and 3 planners (boundary edits between
  communities), each a process of its own with a login of its own, all at
  once: commits per second and p95 commit time, beside one desk making one
  chief's and one planner's edits on a GeoPackage.

In the middle of the load the server is stopped hard (``pg_ctl stop -m
immediate``) and started again, and a desk committing in a loop is killed
(SIGKILL). Then the checks (``shared_checks``): nothing acknowledged lost,
every refusal reported, every commit whole, no change written over unseen,
``gridmap validate`` clean, every desk's view equal to the server's. Prints
JSON; exits 1 if a check fails (or, at full size, a target is missed).
``--small`` is the size CI runs (tests/test_bench_shared.py).
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import numpy as np

from benchmarks.shared_city import (
    FULL, META, SMALL, HouseholdEdit, Sizes, chief_plan, communities, edges, load_tables, planner_plans,
)
from benchmarks.shared_checks import check_load
from benchmarks.shared_desks import Desk, DeskSpec, Signals, desk_process, killed_process, watcher_process

TARGET_OPEN_RATIO = 2.0
TARGET_SEEN_MS = 200.0
EPSG = 4547
MOMENT = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
FAULT_AT = 0.4  # the server is stopped once this share of the plans' edits is made
KILLED_HOUSEHOLDS = 5  # the killed desk sets these at once in each commit
READY_WITHIN_S = 900.0  # every desk has opened the project within this
LOAD_WITHIN_S = 3600.0


def _say(text: str) -> None:
    print(f"bench shared: {text}", file=sys.stderr, flush=True)


def run(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="gridmap bench shared", description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true",
                        help="the size CI runs: 4 chiefs × (40 household + 5 boundary edits), 1 planner, a small "
                             "city to open; the fault and the kill as at full size")
    parser.add_argument("--url", help="a PostgreSQL server to use instead of a private one: a superuser's URL "
                                      "(the bench makes its own databases and logins there and removes them); "
                                      "that server is not stopped, so there is no server fault")
    parser.add_argument("--repeats", type=int, help="opens of each kind (default 3; 2 with --small)")
    parser.add_argument("--latency-edits", type=int, help="edits timed until another desk has them "
                                                          "(default 100; 20 with --small)")
    parser.add_argument("--outage", type=float, default=1.5, help="seconds the server stays stopped")
    parser.add_argument("--office-logins", action="store_true",
                        help="every desk logs in as an office planner, so that no row-level security is on its "
                             "path (beside a run without, its cost)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    result = measure(small=args.small, url=args.url, repeats=args.repeats, latency_edits=args.latency_edits,
                     outage_s=args.outage, seed=args.seed, office_logins=args.office_logins)
    print(json.dumps(result, ensure_ascii=False, indent=1, default=str))
    return 0 if result["checks"]["ok"] and (args.small or result["met"]) else 1


def measure(*, small: bool = False, url: str | None = None, repeats: int | None = None,
            latency_edits: int | None = None, outage_s: float = 1.5, seed: int = 7,
            office_logins: bool = False) -> dict:
    """Every figure and check of the benchmark, as the JSON it prints."""
    sizes = SMALL if small else FULL
    with tempfile.TemporaryDirectory(prefix="gridmap-bench-shared-") as name, _Server(url) as server:
        folder = Path(name)
        result: dict[str, Any] = {"benchmark": "shared", "size": "small" if small else "full",
                                  "server": "private (benchmarks/pg_cluster.py)" if url is None else "--url",
                                  "logins": "office planners' only" if office_logins else
                                  "each desk its own: chiefs under row-level security"}
        result["open"] = _open_figure(server, folder, small, repeats or (2 if small else 3))
        load = _Load(server, folder, sizes, seed, office_logins)
        result["seen_by_another_desk"] = _seen_figure(load, latency_edits or (20 if small else 100))
        baseline = _geopackage_load(load)
        figures, checks = _load_figure(load, server, outage_s, seed)
        figures["baseline"] = baseline
        result["load"] = figures
        result["checks"] = checks
    result["met"] = bool(result["open"]["met"] and result["seen_by_another_desk"]["met"])
    return result


# -- the server ---------------------------------------------------------------------------------------------


class _Server:
    """Where the bench's databases are: a private cluster (which it may stop), or the server of ``--url``."""

    def __init__(self, url: str | None) -> None:
        self.url = url
        self.cluster = None
        self.prefix = "" if url is None else f"bench{secrets.token_hex(3)}_"  # logins are the whole server's
        self._made: list[str] = []
        self._people: list[tuple[str, str]] = []

    def __enter__(self) -> _Server:
        if self.url is None:
            from benchmarks.pg_cluster import PgCluster

            self.cluster = PgCluster.start()
        return self

    def __exit__(self, *exc_info) -> None:
        if self.cluster is not None:
            self.cluster.stop()
            return
        from gridmap.storage.server import rights
        from gridmap.storage.server.address import parts
        from gridmap.storage.server.connection import connect
        from gridmap.storage.server.database import drop_database

        for url, login in self._people:
            rights.remove(url, login)
        for url in self._made:
            drop_database(url)
        # the databases' group roles (gridmap users makes them; nothing in gridmap drops them)
        with connect(self.url, autocommit=True) as conn:
            for url in self._made:
                for role in rights.group_names(parts(url)["dbname"]).values():
                    conn.execute(f'DROP ROLE IF EXISTS "{role}"')

    @property
    def can_stop(self) -> bool:
        return self.cluster is not None

    def database(self, name: str) -> str:
        """A new database with PostGIS; its owner's URL."""
        if self.cluster is not None:
            return self.cluster.new_database(name)
        from gridmap.storage.server.address import parts
        from gridmap.storage.server.database import make_ready

        found = parts(self.url)
        login = quote(found.get("user", ""), safe="") + (f":{quote(found['password'], safe='')}"
                                                          if "password" in found else "")
        url = (f"postgresql://{login}@{found.get('host', 'localhost')}:{found.get('port', '5432')}/"
               f"{self.prefix}{name}")
        make_ready(url)
        self._made.append(url)
        return url

    def person(self, url: str, login: str, kind: str, community_code: str | None = None) -> tuple[str, str]:
        """A login of the project at ``url`` (``gridmap users add``); (its login, its URL)."""
        from gridmap.storage.server import rights
        from gridmap.storage.server.address import with_user

        login = f"{self.prefix}{login}"
        password = secrets.token_urlsafe(12)
        rights.add(url, login, kind, password, community_code)
        self._people.append((url, login))
        return login, with_user(url, login, password)


# -- open -----------------------------------------------------------------------------------------------------


def _open_figure(server: _Server, folder: Path, small: bool, repeats: int) -> dict:
    from gridmap.demo.synthetic import synthetic_city
    from gridmap.project import Project
    from gridmap.storage.server.store import ServerStore
    from gridmap.storage.store import ProjectStore

    tables = synthetic_city(20, 15, 10) if small else synthetic_city()
    path = folder / "city.gpkg"
    ProjectStore.create(path, epsg=EPSG, tables=tables, meta=META, moment=MOMENT)
    url = server.database("bench_city")
    start = time.perf_counter()
    ServerStore.create(url, epsg=EPSG, tables=tables, meta=META, moment=MOMENT)
    published_s = time.perf_counter() - start
    buildings = len(tables["buildings"])
    del tables
    _say(f"the city of {buildings:,} buildings is published ({published_s:.1f} s); opening it")
    times: dict[str, list[float]] = {"server": [], "geopackage": []}
    for _ in range(repeats):
        for kind, where in (("geopackage", path), ("server", url)):
            start = time.perf_counter()
            project = Project.open(where)
            times[kind].append(time.perf_counter() - start)
            if len(project.tables["buildings"]) != buildings:
                raise RuntimeError(f"{kind}: {len(project.tables['buildings'])} buildings read of {buildings}")
            project.close()
    server_s, file_s = statistics.median(times["server"]), statistics.median(times["geopackage"])
    return {"buildings": buildings, "server_s": round(server_s, 3), "publish_s": round(published_s, 1),
            "ratio": round(server_s / file_s, 2), "target_ratio": TARGET_OPEN_RATIO,
            "met": server_s / file_s <= TARGET_OPEN_RATIO,
            "baseline": {"method": "Project.open of the same city from a GeoPackage", "geopackage_s": round(file_s, 3)}}


# -- the load's project and people ------------------------------------------------------------------------------


class _Load:
    """The load's project, published on the server and written to a GeoPackage,
    its people (each with a login) and their plans."""

    def __init__(self, server: _Server, folder: Path, sizes: Sizes, seed: int, office_logins: bool) -> None:
        from gridmap.model.tables import TABLES
        from gridmap.storage.server.store import ServerStore
        from gridmap.storage.store import ProjectStore

        self.sizes = sizes
        self.folder = folder
        tables, meta = load_tables(sizes)
        self.published = {name: {getattr(r, TABLES[name].key): r for r in rows} for name, rows in tables.items()}
        self.url = server.database("bench_load")
        ServerStore.create(self.url, epsg=EPSG, tables=tables, meta=meta, moment=MOMENT)
        self.gpkg = folder / "load.gpkg"
        ProjectStore.create(self.gpkg, epsg=EPSG, tables=tables, meta=meta, moment=MOMENT)
        found = communities(tables)
        if len(found) < sizes.chiefs + 1:
            raise ValueError(f"{len(found)} communities for {sizes.chiefs} chiefs and the killed desk")
        code = {z.id: z.code for z in tables["zones"]}
        inner, borders = edges(tables)

        def chief(name: str, community: int) -> tuple[str, str]:
            if office_logins:
                return server.person(self.url, name, "office")
            return server.person(self.url, name, "chief", code[community])

        self.specs: list[DeskSpec] = []
        for n, community in enumerate(found[:sizes.chiefs]):
            name = f"chief{n + 1:02d}"
            url = chief(name, community)[1]
            self.specs.append(DeskSpec(name, url, "chief", chief_plan(tables, community, inner[community], sizes,
                                                                      name, seed + n),
                                       str(folder / f"{name}.pickle")))
        for n, plan in enumerate(planner_plans(borders, sizes, seed)):
            name = f"planner{n + 1}"
            url = server.person(self.url, name, "office")[1]
            self.specs.append(DeskSpec(name, url, "planner", plan, str(folder / f"{name}.pickle")))
        spare = found[sizes.chiefs]  # a community no chief edits: the killed desk's and the latency figure's
        self.killed_login, self.killed_url = chief("killed", spare)
        zone_of = {b.id: b.zone_id for b in tables["buildings"]}
        grids = {z.id for z in tables["zones"] if z.parent_id == spare}
        homes = [h.id for h in tables["households"] if zone_of[h.building_id] in grids]
        self.killed_households = homes[:KILLED_HOUSEHOLDS]
        self.latency_households = homes[KILLED_HOUSEHOLDS:]
        self.latency_urls = [chief(f"desk{n}", spare)[1] for n in (1, 2)]
        _say(f"the load's project is published: {len(found)} communities, {len(tables['zones'])} zones, "
             f"{len(tables['buildings']):,} buildings, {len(tables['households']):,} households")


# -- seen by another desk -------------------------------------------------------------------------------------


def _seen_figure(load: _Load, edits: int) -> dict:
    from gridmap.commands.households import EditHouseholds
    from gridmap.project import Project

    context = multiprocessing.get_context("spawn")
    signals = _signals(context)
    seen = context.Queue()
    watcher = context.Process(target=watcher_process, args=(load.latency_urls[1], signals, seen), name="watcher",
                              daemon=True)
    watcher.start()
    _wait(lambda: signals.ready.value >= 1, READY_WITHIN_S, "the watching desk to open the project", [watcher])
    households = load.latency_households
    warm_up = 3

    def timed(project: Project, wait_for_it: bool) -> tuple[list[float], list[float]]:
        commits, seen_ms = [], []
        for n in range(edits + warm_up):
            note = f"lat-{n}-{'seen' if wait_for_it else 'file'}"
            start = time.monotonic()
            project.undo_stack.push(EditHouseholds([households[n % len(households)]], note=note))
            committed = time.monotonic()
            if wait_for_it:
                while True:
                    got, when = seen.get(timeout=30)
                    if got == note:
                        break
                if n >= warm_up:
                    seen_ms.append((when - start) * 1000)
            if n >= warm_up:
                commits.append((committed - start) * 1000)
            time.sleep(0.02)
        return commits, seen_ms

    project = Project.open(load.latency_urls[0])
    try:
        commits, seen_ms = timed(project, True)
    finally:
        project.close()
        signals.stop.set()
        watcher.join(30)
    project = Project.open(load.gpkg)
    try:
        file_ms, _ = timed(project, False)
    finally:
        project.close()
    p95 = _p95(seen_ms)
    _say(f"a commit is seen by another desk within {p95:.0f} ms (p95)")
    return {"edits": edits, "p95_ms": round(p95, 1), "median_ms": round(statistics.median(seen_ms), 1),
            "commit_p95_ms": round(_p95(commits), 1), "target_ms": TARGET_SEEN_MS, "met": p95 <= TARGET_SEEN_MS,
            "baseline": {"method": "the same household edit committed to a GeoPackage by one desk (no other desk "
                                   "can see it there)", "commit_p95_ms": round(_p95(file_ms), 1),
                         "commit_median_ms": round(statistics.median(file_ms), 1)}}


# -- the load -----------------------------------------------------------------------------------------------------


def _geopackage_load(load: _Load) -> dict:
    """One desk making the first chief's and the first planner's edits on the GeoPackage."""
    from gridmap.project import Project

    chief = next(s for s in load.specs if s.role == "chief")
    planner = next((s for s in load.specs if s.role == "planner"), None)
    project = Project.open(load.gpkg)
    desk = Desk("geopackage", project, shared=False)
    start = time.monotonic()
    try:
        for edit in chief.plan + (planner.plan if planner else []):
            desk.do(edit)
    finally:
        project.close()
    seconds = time.monotonic() - start
    done = [a for a in desk.attempts if a.outcome == "ok"]
    _say(f"one desk on a GeoPackage: {len(done)} commits in {seconds:.1f} s")
    return {"method": f"one desk making {chief.name}'s" + (f" and {planner.name}'s" if planner else "")
                      + " edits on a GeoPackage",
            "commits": len(done), "seconds": round(seconds, 2), "commits_per_s": round(len(done) / seconds, 1),
            "commit_p95_ms": round(_p95([a.ms for a in done]), 1),
            "household_p95_ms": round(_p95([a.ms for a in done if a.kind == "household"]), 1),
            "boundary_p95_ms": round(_p95([a.ms for a in done if a.kind != "household"]), 1),
            "refused": len(desk.attempts) - len(done)}


def _load_figure(load: _Load, server: _Server, outage_s: float, seed: int) -> tuple[dict, dict]:
    import pickle

    context = multiprocessing.get_context("spawn")
    signals = _signals(context)
    # daemons: a desk left waiting (another failed to open the project) ends with the bench
    desks = [context.Process(target=desk_process, args=(spec, signals, len(load.specs)), name=spec.name, daemon=True)
             for spec in load.specs]
    committed = context.Value("i", 0)
    killed = context.Process(target=killed_process, name="killed", daemon=True,
                             args=(load.killed_url, load.killed_households, signals.go, committed))
    for process in desks + [killed]:
        process.start()
    _say(f"{len(desks)} desks are opening the project")
    _wait(lambda: signals.ready.value >= len(desks), READY_WITHIN_S, "every desk to open the project", desks)
    since = _last_history(load.url)
    edits = sum(len(spec.plan) for spec in load.specs)
    rng = random.Random(seed)
    fault: dict[str, Any] = {"injected": False} if server.can_stop else {"injected": False, "why": "--url"}
    kill: dict[str, Any] = {}
    kill_at = None
    _say(f"go: {edits:,} edits")
    start = time.monotonic()
    signals.go.set()
    while signals.finished.value < len(desks):
        now = time.monotonic()
        if now - start > LOAD_WITHIN_S or not any(p.is_alive() for p in desks):
            break
        if kill_at is None and (committed.value or signals.progress.value >= FAULT_AT * edits):
            kill_at = now + rng.uniform(0.3, 1.5)  # a random moment of its commit loop
        if "at_s" not in kill and kill_at is not None and now >= kill_at:
            kill.update(at_s=round(now - start, 2), commits_before=committed.value)
            os.kill(killed.pid, signal.SIGKILL)
            killed.join(30)
        if server.can_stop and not fault["injected"] and kill and signals.progress.value >= FAULT_AT * edits:
            fault.update(injected=True, stopped_at_s=round(now - start, 2), edits_before=signals.progress.value)
            _say(f"stopping the server hard after {signals.progress.value} edits")
            server.cluster.stop_immediate()
            time.sleep(outage_s)
            server.cluster.start_again()
            fault["back_at_s"] = round(time.monotonic() - start, 2)
            _say("the server is back")
        time.sleep(0.05)
    for process in desks:
        process.join(120)
    if killed.is_alive():
        os.kill(killed.pid, signal.SIGKILL)
        killed.join(30)
    kill["exit_code"] = killed.exitcode
    records = []
    for spec, process in zip(load.specs, desks):
        if process.is_alive():
            process.kill()
        try:
            records.append(pickle.loads(Path(spec.results).read_bytes()))
        except OSError:
            records.append({"name": spec.name, "crashed": f"no record (exit code {process.exitcode})"})
    figures = _load_numbers(records, start, fault)
    checks = _checks(load, records, since, fault, kill, start)
    figures["fault"], figures["kill"] = fault, kill
    return figures, checks


def _load_numbers(records: list[dict], start: float, fault: dict) -> dict:
    attempts = [a for r in records for a in r.get("attempts", ())]
    done = [a for a in attempts if a.outcome == "ok"]
    ended = max((r["ended"] for r in records if "ended" in r), default=start)
    seconds = ended - start
    outcomes: dict[str, int] = {}
    for attempt in attempts:
        outcomes[attempt.outcome] = outcomes.get(attempt.outcome, 0) + 1
    numbers = {
        "desks": sum(r.get("role") == "chief" for r in records), "planners": sum(r.get("role") == "planner"
                                                                               for r in records),
        "commits": len(done), "seconds": round(seconds, 2), "commits_per_s": round(len(done) / seconds, 1),
        "commit_p95_ms": round(_p95([a.ms for a in done]), 1),
        "household_p95_ms": round(_p95([a.ms for a in done if a.kind == "household"]), 1),
        "boundary_p95_ms": round(_p95([a.ms for a in done if a.kind != "household"]), 1),
        "attempts": outcomes,
        "dropped_edits": {role: sum(r.get("dropped", 0) for r in records if r.get("role") == role)
                          for role in ("chief", "planner")},
        "offline_errors": sum(r.get("offline_errors", 0) for r in records),
        "desks_that_saw_the_server_go": sum(1 for r in records if r.get("outages")),
    }
    if fault.get("injected"):
        stopped, back = start + fault["stopped_at_s"], start + fault["back_at_s"]
        fault["commits_before"] = sum(1 for a in done if a.started < stopped)
        fault["commits_after"] = sum(1 for a in done if a.started > back)
        numbers["commits_per_s_without_the_outage"] = round(len(done) / (seconds - (back - stopped)), 1)
    return numbers


def _checks(load: _Load, records: list[dict], since: int, fault: dict, kill: dict, start: float) -> dict:
    from gridmap.storage.server.store import COMMITS_TABLE, ServerStore

    store = ServerStore.open(load.url, read_only=True)
    try:
        final = store.read_all()
        commits = [(who, last) for who, last in store.conn.execute(
            f'SELECT who, last_history FROM "{COMMITS_TABLE}"').fetchall()]
    finally:
        store.close()
    notes = {edit.note: (spec.name, number) for spec in load.specs for number, edit in enumerate(spec.plan)
             if isinstance(edit, HouseholdEdit)}
    found = check_load(final, load.published, commits, records, since, load.killed_households, load.killed_login,
                       notes)
    failures = found["failures"]
    validate = subprocess.run([sys.executable, "-m", "gridmap", "validate", load.url, "--json"], capture_output=True,
                              text=True, check=False)
    try:
        problems = json.loads(validate.stdout)
        failures["validate_clean"] = [f"{p['rule']}: {p['message']}" for p in problems["items"]]
    except (ValueError, KeyError):
        failures["validate_clean"] = [f"gridmap validate failed: {validate.stderr.strip()[-500:]}"]
    failures["server_fault_survived"] = []
    if fault.get("injected"):
        if not any(r.get("outages") for r in records):
            failures["server_fault_survived"].append("no desk saw the server go")
        if not fault.get("commits_after"):
            failures["server_fault_survived"].append("no desk committed after the server came back")
    failures["desk_killed"] = [] if kill.get("exit_code") == -signal.SIGKILL else [
        f"the killed desk ended with {kill.get('exit_code')}, not SIGKILL"]
    if not kill.get("commits_before"):
        failures["desk_killed"].append("the killed desk was killed before its first commit")
    ok = not any(failures.values())
    _say("every check holds" if ok else "CHECKS FAILED: " + "; ".join(
        f"{name}: {items[0]}" for name, items in failures.items() if items))
    return {"ok": ok, **{name: not items for name, items in failures.items()}, "counts": found["counts"],
            "failures": {name: items[:10] for name, items in failures.items() if items}}


# -- helpers ----------------------------------------------------------------------------------------------------


def _signals(context) -> Signals:
    return Signals(context.Value("i", 0), context.Event(), context.Value("i", 0), context.Value("i", 0),
                   context.Event())


def _wait(condition, within: float, what: str, processes: list) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline or not all(p.is_alive() for p in processes):
            for process in processes:
                process.kill()
            raise RuntimeError(f"gave up waiting for {what}")
        time.sleep(0.05)


def _last_history(url: str) -> int:
    from gridmap.storage.ids import HISTORY_TABLE
    from gridmap.storage.server.store import ServerStore

    store = ServerStore.open(url, read_only=True)
    try:
        return store.conn.execute(f'SELECT coalesce(max(id), 0) FROM "{HISTORY_TABLE}"').fetchone()[0]
    finally:
        store.close()


def _p95(values: list[float]) -> float:
    return float(np.percentile(values, 95)) if values else float("nan")


if __name__ == "__main__":
    sys.exit(run())
