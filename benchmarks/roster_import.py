"""``gridmap bench roster``: import the demo's household roster (every household
with its head, about 11,500 rows) into the demo emptied of households, and set
it beside the same import recording history for households only, as gridmap
did before every table had a history (schema 5). Both in one run, alternately,
each on a fresh copy of the same file."""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import gridmap.project as project_module
from gridmap.project import Project

TARGET_RATIO = 1.5  # issue 19: the import with every table's history within 1.5× of the import before it


_every_table = project_module.history_entries


def _households_only(changes, *args):
    """The history of schema 5: household rows only."""
    return _every_table([c for c in changes if c.table == "households"], *args)


def _prepare(folder: Path) -> tuple[Path, Path, int]:
    """The demo without households (and what hangs on them), and its roster."""
    from gridmap.demo.build import build_demo
    from gridmap.storage.store import ProjectStore
    from gridmap.workbooks.household_roster import roster_rows, write_roster

    tables, meta = build_demo()
    full = folder / "demo.gpkg"
    ProjectStore.create(full, epsg=4547, tables=tables, meta=meta, moment=project_module._utc_now())
    project = Project.open(full, read_only=True)
    try:
        rows = roster_rows(project, personal=True)
    finally:
        project.close()
    roster = write_roster(folder / "roster.xlsx", rows, personal=True)
    for name in ("households", "residents", "party_links"):
        tables[name] = []
    empty = folder / "empty.gpkg"
    ProjectStore.create(empty, epsg=4547, tables=tables, meta=meta, moment=project_module._utc_now())
    return empty, roster, len(rows)


def _import_once(empty: Path, roster: Path, folder: Path, history) -> tuple[float, int]:
    from gridmap.workbooks.household_roster import ImportHouseholdRoster, read_roster

    copy = folder / "copy.gpkg"
    shutil.copyfile(empty, copy)
    table = read_roster(roster)
    project = Project.open(copy)
    project_module.history_entries = history
    try:
        start = time.perf_counter()
        project.undo_stack.push(ImportHouseholdRoster(table))
        elapsed = time.perf_counter() - start
        written = len(project.tables["households"])
    finally:
        project_module.history_entries = _every_table
        project.close()
    copy.unlink()
    return elapsed, written


def run(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="gridmap bench roster", description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="imports of each kind, alternately")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="gridmap-bench-roster-") as name:
        folder = Path(name)
        empty, roster, rows = _prepare(folder)
        every, before = [], []
        for _ in range(args.repeats):
            for times, history in ((before, _households_only), (every, _every_table)):
                elapsed, written = _import_once(empty, roster, folder, history)
                times.append(elapsed)
    ratio = statistics.median(every) / statistics.median(before)
    print(json.dumps({
        "benchmark": "roster import",
        "rows": rows,
        "households_written": written,
        "import_s": round(statistics.median(every), 3),
        "baseline_households_only_history_s": round(statistics.median(before), 3),
        "ratio": round(ratio, 3),
        "target_ratio": TARGET_RATIO,
        "within_target": ratio <= TARGET_RATIO,
        "all_s": [round(t, 3) for t in every],
        "baseline_all_s": [round(t, 3) for t in before],
    }, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(run())
