"""``gridmap cases``: import a hotline sheet (12345 工单), export the cases to
Excel, print the statistics.

A bad sheet is refused before the project is opened, so it touches nothing;
``--dry-run`` opens the project read-only (the file stays byte for byte as it
was); the export is checked as a target before the work starts and written
whole or not at all. Errors reach the user as ``gridmap: error: …`` (exit 1),
a wrong combination of options as a usage error (exit 2)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from pathlib import Path

from gridmap.cli.output import EXIT_ERROR, EXIT_USAGE, shown, table

BY = ("grid", "community", "category", "month")


def add_parser(commands) -> None:
    from gridmap.cli.parser import PROJECT_HELP, project_location

    cases = commands.add_parser("cases", help="cases (有呼必应): import a hotline sheet (12345 工单), export to Excel, "
                                              "statistics per grid, community, category or month")
    cases.add_argument("file", type=project_location, help=PROJECT_HELP)
    action = cases.add_mutually_exclusive_group(required=True)
    action.add_argument("--import", dest="import_path", metavar="SHEET", type=Path,
                        help="check a hotline sheet (.xlsx, .xls, .ods, .csv) row by row, print why rows are "
                             "refused, and write the good rows as cases in one transaction (one undo step)")
    action.add_argument("--export", metavar="OUT.xlsx", type=Path,
                        help="write every case, its timeline and the statistics (internal: reporters, phones and "
                             "descriptions; every sheet is marked 内部资料)")
    action.add_argument("--stats", action="store_true", help="print counts, median hours to close and the overdue "
                                                             "share per grid (or --by)")
    cases.add_argument("--dry-run", action="store_true", help="with --import: check and print, write nothing")
    cases.add_argument("--by", choices=BY, help="with --stats: count per grid (default), community, category or "
                                                "month")
    cases.add_argument("--json", action="store_true", help="with --import or --stats: print JSON")


def run(args: argparse.Namespace) -> int:
    misplaced = [name for name, given, allowed in (("--dry-run", args.dry_run, args.import_path is not None),
                                                   ("--by", args.by is not None, args.stats),
                                                   ("--json", args.json, args.export is None))
                 if given and not allowed]
    if misplaced:
        print(f"gridmap cases: error: {misplaced[0]} does not go with "
              f"{'--export' if args.export is not None else '--import' if args.import_path else '--stats'}",
              file=sys.stderr)
        return EXIT_USAGE
    if args.import_path is not None:
        return import_sheet(args.file, args.import_path, args.dry_run, args.json)
    if args.export is not None:
        return export(args.file, args.export)
    return stats(args.file, args.by or "grid", args.json)


def import_sheet(where, sheet: Path, dry_run: bool, as_json: bool) -> int:
    from gridmap.cases.hotline import ImportHotlineCases, preview_hotline, project_now, read_hotline
    from gridmap.project import Project

    table = read_hotline(sheet)  # before the project opens: a bad workbook touches nothing
    project = Project.open(where, read_only=dry_run)
    try:
        now = project_now(project)
        preview = preview_hotline(project, table, now)
        written = 0
        if not dry_run and preview.good:
            command = ImportHotlineCases(table, now)
            project.undo_stack.push(command)
            written = len(command.case_ids)
    finally:
        project.close()
    counts = preview.counts
    if as_json:
        print(json.dumps({
            "file": str(sheet), "sheet": table.sheet, "ignored_columns": list(table.ignored), "counts": counts,
            "written": written, "dry_run": dry_run,
            "rows": [{"row": r.number, "address": r.address, "status": r.status,
                      "problems": [i.key for i in r.issues], "reasons": [i.text() for i in r.issues],
                      "remarks": [i.text() for i in r.remarks],
                      **({"case": r.case.number, "place": r.place.label, "grid_id": r.case.zone_id,
                          "assignee_id": r.case.assignee_id} if r.case is not None else {})}
                     for r in preview.rows]}, ensure_ascii=False, indent=2))
    else:
        for r in preview.rows:
            if r.status == "error":
                print(f"row {r.number}: {r.address or '—'}: " + "; ".join(i.text() for i in r.issues))
            elif r.remarks:
                print(f"row {r.number}: {r.address}: " + "; ".join(i.text() for i in r.remarks))
        if table.ignored:
            print(f"columns not imported: {'、'.join(table.ignored)}")
        print(f"{counts['rows']:,} rows: {counts['ok']:,} cases, {counts['error']:,} with errors"
              + (f"; wrote {written:,} cases to {shown(where)}" if not dry_run else "; nothing written (--dry-run)"))
    return EXIT_ERROR if counts["error"] else 0


def export(where, out: Path) -> int:
    from gridmap.outputs import check_target
    from gridmap.project import Project
    from gridmap.workbooks.case_workbook import write_case_workbook

    check_target(out)
    project = Project.open(where, read_only=True)
    try:
        counts = write_case_workbook(project, out)
    finally:
        project.close()
    print(f"wrote {out}: {counts['案件']:,} cases, {counts['处置记录']:,} timeline entries, "
          f"{counts['统计']:,} statistics rows  (internal, 内部资料: reporters, phones and descriptions)")
    return 0


def stats(where, by: str, as_json: bool) -> int:
    from gridmap.cases.stats import case_frame, statistics
    from gridmap.project import Project
    from gridmap.workbooks.case_workbook import CaseNames

    project = Project.open(where, read_only=True)  # a report never touches the file
    try:
        now = project.clock()
        frame = case_frame(project, now)
        counted = statistics(frame, by)
        names = CaseNames(project)
        label = {"grid": names.grid, "community": names.zone}.get(by, str)
        rows = []
        for key, r in counted.iterrows():
            median = float(r["median_hours"])
            rows.append({"key": key if isinstance(key, str) else int(key), "name": label(key),
                         "reported": int(r["reported"]), "closed": int(r["closed"]), "open": int(r["open"]),
                         "overdue": int(r["overdue"]), "median_hours": None if math.isnan(median) else round(median, 1),
                         "overdue_share": round(float(r["overdue_share"]), 4)})
    finally:
        project.close()
    if as_json:
        print(json.dumps({"file": shown(where), "by": by, "at": now.astimezone(dt.UTC).isoformat(),
                          "cases": len(frame), "rows": rows}, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(f"{shown(where)}: no cases")
        return 0
    print(table([by, "name", "reported", "closed", "open", "overdue", "median hours", "overdue share"],
                [[r["key"], r["name"], r["reported"], r["closed"], r["open"], r["overdue"],
                  "—" if r["median_hours"] is None else f"{r['median_hours']:.1f}", f"{r['overdue_share']:.0%}"]
                 for r in rows]))
    print(f"{len(frame):,} cases in {shown(where)}")
    return 0
