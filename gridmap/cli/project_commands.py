"""``gridmap demo``, ``info``, ``stats``, ``validate`` and ``repair``: a
project written, read or mended whole. Reports open the file read-only: they
never touch it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from gridmap.cli.output import EXIT_ERROR, format_summary, print_report, shown, table
from gridmap.errors import GridmapError, ProjectFileError


def demo(output: Path, force: bool) -> int:
    from gridmap.demo.build import write_demo

    if output.exists() and not force and not _is_sample_project(output):
        print(f"gridmap: error: {output} exists and is not a gridmap sample project; "
              "use --force to replace it.", file=sys.stderr)
        return EXIT_ERROR
    if output.parent and not output.parent.exists():
        raise ProjectFileError(output.parent, "does not exist.", "Create the folder first.")
    write_demo(output)
    print(f"wrote {output} (示例数据 / sample data)")
    return 0


def _is_sample_project(path: Path) -> bool:
    from gridmap.storage.store import ProjectStore

    try:
        return ProjectStore.peek_meta(path).get("sample_data") == "true"
    except ProjectFileError:
        return False


def repair(path: Path, dry_run: bool) -> int:
    from gridmap.storage.store import ProjectStore

    found, restored = ProjectStore.repair(path, dry_run=dry_run)
    for item in found:
        print(("would remove " if dry_run else "removed ") + item.describe())
    for name in restored:
        print(f"put back gridmap's trigger {name} (and refilled its spatial index)")
    if not found and not restored:
        print(f"{path}: nothing to repair: every database object in it is gridmap's own")
    elif not dry_run:
        print(f"{path}: repaired; it can be edited again")
    return 0


def info(path: Path, as_json: bool) -> int:
    from gridmap.project import Project
    from gridmap.stats import project_summary

    project = Project.open(path, read_only=True)
    try:
        summary = project_summary(project)
    finally:
        project.close()
    print(json.dumps(summary, ensure_ascii=False, indent=2) if as_json else format_summary(summary))
    return 0


def stats(path: Path, zone_code: str | None, as_json: bool) -> int:
    from gridmap.household_stats import household_counts
    from gridmap.project import Project
    from gridmap.zone_tree import ZoneTree

    project = Project.open(path, read_only=True)
    try:
        zones = project.tables["zones"]
        counts = household_counts(project)
        tree = ZoneTree(zones)
        if zone_code is not None:
            chosen = list(reversed(tree.ancestors(zone_id_of(project, zone_code))))
        else:
            chosen = tree.walk()
    finally:
        project.close()
    rows = [{"code": zones[z].code, "name": zones[z].name, "level": zones[z].level, **counts[z].as_dict()}
            for z in chosen]
    if as_json:
        print(json.dumps({"file": shown(path), "zones": rows}, ensure_ascii=False, indent=2))
        return 0
    occupancy = list(rows[0]["occupancy"]) if rows else []
    tags = list(rows[0]["tags"]) if rows else []
    print(table(["code", "name", "households", "people", *occupancy, *tags],
                [[r["code"], "  " * (r["level"] - 1) + r["name"], f"{r['households']:,}", f"{r['people']:,}",
                  *(f"{r['occupancy'][k]:,}" for k in occupancy), *(f"{r['tags'][k]:,}" for k in tags)]
                 for r in rows]))
    return 0


def zone_id_of(project, code: str) -> int:
    found = [z.id for z in project.tables["zones"].values() if z.code == code]
    if not found:
        raise GridmapError(f"{project.address} has no zone with code {code!r}.")
    return found[0]


def validate(path: Path, as_json: bool) -> int:
    from gridmap.project import Project
    from gridmap.rules.report import check_project, report

    project = Project.open(path, read_only=True)
    try:
        found = report(project, check_project(project))
        stored = [{"rule": "stored-value", "title": "A stored value cannot be read as stored", "message": str(r)}
                  for r in project.substitutes]
    finally:
        project.close()
    found["items"] = stored + found["items"]
    found["problems"] += len(stored)
    if stored:
        found["by_rule"]["stored-value"] = len(stored)
    return print_report(found, as_json, "problem", path)
