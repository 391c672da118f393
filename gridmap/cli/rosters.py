"""``gridmap households`` and ``gridmap staff``: the roster workbooks and the
staffing check from the command line.

Every workbook is written whole or not at all, never onto a project
(:mod:`gridmap.outputs`); the target is checked before the work starts, and
an ``OutputError`` reaches the user as ``gridmap: error: …``."""

from __future__ import annotations

import argparse
import json

from gridmap.cli.output import EXIT_ERROR, print_report, shown
from gridmap.cli.project_commands import zone_id_of
from gridmap.outputs import check_target
from gridmap.project import Project
from gridmap.workbooks import household_roster, staff_roster
from gridmap.rules.report import report
from gridmap.staffing.check import check_staffing


def households(args: argparse.Namespace) -> int:
    if args.template is not None:
        print(f"wrote {household_roster.write_template(args.template)}")
        return 0
    if args.export is not None:
        check_target(args.export)
        project = Project.open(args.file, read_only=True)
        try:
            zone_id = zone_id_of(project, args.zone) if args.zone else None
            rows = household_roster.roster_rows(project, zone_id, personal=args.personal)
        finally:
            project.close()
        household_roster.write_roster(args.export, rows, personal=args.personal)
        print(f"wrote {args.export}: {len(rows):,} households" + (
            "  (internal, 内部资料: names, phones, tags and notes)" if args.personal
            else "  (public: no names, phones, tags or notes)"))
        return 0
    table = household_roster.read_roster(args.import_path)  # before the project opens: a bad workbook touches nothing
    project = Project.open(args.file, read_only=args.dry_run)
    try:
        preview = household_roster.preview_roster(project, table)
        written = 0
        if not args.dry_run and preview.writable:
            project.undo_stack.push(household_roster.ImportHouseholdRoster(table))
            written = len(preview.writable)
    finally:
        project.close()
    counts = {s: preview.count(s) for s in ("update", "new", "unchanged", "error")}
    if args.json:
        print(json.dumps({"file": str(args.import_path), "sheet": table.sheet, "ignored_columns": list(table.ignored),
                          "counts": counts, "written": written,
                          "rows": [{"row": r.number, "address": r.address, "status": r.status,
                                    "problems": [i.text() for i in r.issues],
                                    "changes": [{"field": f, "old": o, "new": n} for f, o, n in r.shown_changes()]}
                                   for r in preview.rows if r.status != "unchanged"]},
                         ensure_ascii=False, indent=2))
    else:
        for r in preview.rows:
            if r.status == "error":
                print(f"row {r.number}: {r.address}: " + "; ".join(i.text() for i in r.issues))
            elif r.status != "unchanged":
                print(f"row {r.number}: {r.address}: {r.status}: "
                      + ", ".join(f"{f} {o or '—'} → {n or '—'}" for f, o, n in r.shown_changes()))
        if table.ignored:
            print(f"columns not imported: {'、'.join(table.ignored)}")
        print(f"{len(preview.rows):,} rows: {counts['update']:,} to change, {counts['new']:,} new, "
              f"{counts['unchanged']:,} unchanged, {counts['error']:,} with errors"
              + (f"; wrote {written:,} rows to {shown(args.file)}" if not args.dry_run
                 else "; nothing written (--dry-run)"))
    return EXIT_ERROR if counts["error"] else 0


def staff(args: argparse.Namespace) -> int:
    if args.check:
        project = Project.open(args.file, read_only=True)  # a report never touches the file
        try:
            found = report(project, check_staffing(project))
        finally:
            project.close()
        return print_report(found, args.json, "staffing problem", args.file)
    if args.export is not None or args.coverage is not None:
        check_target(args.export if args.export is not None else args.coverage)
        project = Project.open(args.file, read_only=True)
        try:
            if args.export is not None:
                posts, links = staff_roster.roster_sheets(project)
                staff_roster.write_staff_roster(args.export, posts, links)
                print(f"wrote {args.export}: {len(posts):,} posts, {len(links):,} household links (internal)")
            else:
                rows = staff_roster.coverage_rows(project)
                staff_roster.write_coverage(args.coverage, rows)
                print(f"wrote {args.coverage}: {len(rows):,} grids")
        finally:
            project.close()
        return 0
    posts, links = staff_roster.read_staff_roster(args.import_path)  # a bad workbook touches nothing
    project = Project.open(args.file, read_only=args.dry_run)
    try:
        preview = staff_roster.preview_staff_roster(project, posts, links)
        written = 0
        if not args.dry_run and (preview.people or preview.assignments or preview.party_links):
            project.undo_stack.push(staff_roster.ImportStaffRoster(posts, links))
            written = sum(1 for r in preview.rows if r.status in ("new", "update"))
    finally:
        project.close()
    counts = {s: preview.count(s) for s in ("new", "update", "unchanged", "error")}
    if args.json:
        print(json.dumps({"file": str(args.import_path), "counts": counts, "written": written,
                          "rows": [{"sheet": r.sheet, "row": r.number, "person": r.person, "what": r.what,
                                    "status": r.status, "problems": [i.text() for i in r.issues]}
                                   for r in preview.rows if r.status != "unchanged"]},
                         ensure_ascii=False, indent=2))
    else:
        for r in preview.rows:
            if r.status == "error":
                print(f"{r.sheet} row {r.number}: {r.person}: " + "; ".join(i.text() for i in r.issues))
        print(f"{len(preview.rows):,} rows: {counts['new']:,} new, {counts['update']:,} add to someone, "
              f"{counts['unchanged']:,} unchanged, {counts['error']:,} with errors"
              + (f"; wrote {written:,} rows to {shown(args.file)}" if not args.dry_run
                 else "; nothing written (--dry-run)"))
    return EXIT_ERROR if counts["error"] else 0
