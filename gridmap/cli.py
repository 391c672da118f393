"""The ``gridmap`` command.

``gridmap`` alone opens the window (on the built-in demo); ``gridmap FILE.gpkg``
opens a project; ``gridmap demo OUT`` and ``gridmap info FILE`` work without a
screen. User mistakes end with a message on stderr and a non-zero exit code,
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import Sequence

from gridmap import __version__, cli_gis, cli_partition
from gridmap.errors import GridmapError, ProjectFileError

EXIT_ERROR = 1
EXIT_USAGE = 2
COMMANDS = ("demo", "info", "stats", "households", "staff", "validate", "print", "import", "export", "partition",
            "repair", "bench")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gridmap",
        description="Community grid governance GIS (网格化治理). Without a command, opens the window: "
                    "gridmap [FILE.gpkg] [--screenshot OUT.png] [--size WxH] [--lang zh_CN|en].")
    parser.add_argument("--version", action="version", version=f"gridmap {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser("demo", help="write the built-in demo street office (sample data) to a file")
    demo.add_argument("output", type=Path, help="the .gpkg file to write")
    demo.add_argument("--force", action="store_true",
                      help="replace OUTPUT even if it is a project that is not sample data")
    info = commands.add_parser("info", help="summarise a project: zones, buildings, households per level")
    info.add_argument("file", type=Path, help="a gridmap project (.gpkg)")
    info.add_argument("--json", action="store_true", help="print JSON instead of a table")
    stats = commands.add_parser("stats", help="households by occupancy and by tag, and people, per zone")
    stats.add_argument("file", type=Path, help="a gridmap project (.gpkg)")
    stats.add_argument("--zone", metavar="CODE", help="only this zone and the zones above it")
    stats.add_argument("--json", action="store_true", help="print JSON instead of a table")
    households = commands.add_parser(
        "households", help="the household roster (住户花名册) in Excel: check and import, export, template")
    households.add_argument("file", type=Path, help="a gridmap project (.gpkg)")
    action = households.add_mutually_exclusive_group(required=True)
    action.add_argument("--import", dest="import_path", metavar="ROSTER", type=Path,
                        help="check a roster (.xlsx, .xls, .ods, .csv) row by row against the project, print what "
                             "changes and why rows are refused, and write the good rows in one transaction")
    action.add_argument("--export", metavar="OUT.xlsx", type=Path,
                        help="write the households as a roster (no names, phones, tags or notes unless --personal)")
    action.add_argument("--template", metavar="OUT.xlsx", type=Path, help="write an empty roster to fill in")
    households.add_argument("--dry-run", action="store_true", help="with --import: check and print, write nothing")
    households.add_argument("--zone", metavar="CODE", help="with --export: only this zone's households")
    households.add_argument("--personal", action="store_true",
                            help="with --export: every column, including heads' names and phones, tags and notes; "
                                 "every sheet is marked 内部资料")
    households.add_argument("--json", action="store_true", help="with --import: print JSON instead of lines")
    staff = commands.add_parser("staff", help="the staff roster (定格、定人、定职): check the staffing rules, "
                                              "import and export the roster workbook")
    staff.add_argument("file", type=Path, help="a gridmap project (.gpkg)")
    action = staff.add_mutually_exclusive_group(required=True)
    action.add_argument("--check", action="store_true",
                        help="list staffing gaps and overloads; exit 0 when there are none, 1 otherwise")
    action.add_argument("--import", dest="import_path", metavar="ROSTER", type=Path,
                        help="add the people, posts and household links of a roster workbook (sheets 分工 and "
                             "党员联户); rows with errors are listed and left out")
    action.add_argument("--export", metavar="OUT.xlsx", type=Path,
                        help="write the roster (both sheets; it holds staff phones and is marked internal)")
    action.add_argument("--coverage", metavar="OUT.xlsx", type=Path,
                        help="write the coverage table: per grid its chief, members, buildings with a head, "
                             "households with a party member")
    staff.add_argument("--dry-run", action="store_true", help="with --import: check and print, write nothing")
    staff.add_argument("--json", action="store_true", help="with --check or --import: print JSON")
    validate = commands.add_parser(
        "validate", help="check the rules (no gaps, no overlaps, every building in one grid, grid sizes); "
                         "exit 0 when clean, 1 when there are problems")
    validate.add_argument("file", type=Path, help="a gridmap project (.gpkg)")
    validate.add_argument("--json", action="store_true", help="print JSON instead of lines")
    printing = commands.add_parser(
        "print", help="the three charts (三张图) of a compound or of all, as PDF (and PNG); public by default")
    printing.add_argument("file", type=Path, help="a gridmap project (.gpkg)")
    which = printing.add_mutually_exclusive_group(required=True)
    which.add_argument("--compound", metavar="NAME", help="the compound (小区) to print")
    which.add_argument("--all", action="store_true", help="every compound, one PDF each")
    printing.add_argument("--charts", default="1,2,3", help="which charts: 1 grid division of labour, "
                          "2 closed-loop management, 3 buildings (default 1,2,3)")
    printing.add_argument("--paper", default="A3", help="A4, A3 (default), A2, A1 or A0")
    printing.add_argument("--portrait", action="store_true", help="portrait instead of landscape")
    printing.add_argument("--out", default="charts", help="the folder to write into (default ./charts)")
    printing.add_argument("--mode", choices=["public", "internal"], default="public",
                          help="public (default): for the wall, no resident data, phones masked unless public; "
                               "internal: everything, stamped 内部资料")
    printing.add_argument("--combined", action="store_true", help="one PDF for all the compounds")
    printing.add_argument("--png", type=int, metavar="DPI", help="also one PNG per sheet at this dpi")
    printing.add_argument("--insets", action="store_true", help="chart 3 with the nine-colour plans")
    cli_gis.add_parsers(commands)
    cli_partition.add_parsers(commands)
    repair = commands.add_parser(
        "repair", help="remove triggers, views and other database objects gridmap did not make from a project, "
                       "so that it can be edited again (it is read-only while they are there)")
    repair.add_argument("file", type=Path, help="a gridmap project (.gpkg)")
    repair.add_argument("--dry-run", action="store_true", help="only list what would be removed")
    bench = commands.add_parser("bench", help="benchmarks (prints JSON with a baseline from the same run)")
    bench.add_argument("which", choices=["render", "validate", "edit", "plans", "print", "partition"],
                       help="render: open and draw a synthetic city of 100,000 buildings; "
                            "validate: every rule over a district of 500+ grids and 10,000+ buildings; "
                            "edit: drag a shared vertex on that district's map; "
                            "plans: colour plans and statistics of 100,000 households; "
                            "print: the three charts of one demo compound and of all (batch); "
                            "partition: our plans beside PySAL spopt's (max-p, AZP, SKATER) on the same inputs")
    bench.add_argument("options", nargs=argparse.REMAINDER, help="options of the benchmark (see --help after it)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Anything but a command (or a request for help) is for the window:
    # nothing, a project file, --screenshot, --lang.
    if not argv or argv[0] not in COMMANDS + ("-h", "--help", "--version"):
        return _gui(argv)
    args = _parser().parse_args(argv)
    from gridmap.storage.lock import describe_process

    describe_process("command", args.command)
    try:
        if args.command == "demo":
            return _demo(args.output, args.force)
        if args.command == "info":
            return _info(args.file, args.json)
        if args.command == "stats":
            return _stats(args.file, args.zone, args.json)
        if args.command in ("households", "staff"):
            from gridmap import cli_rosters

            return cli_rosters.households(args) if args.command == "households" else cli_rosters.staff(args)
        if args.command == "validate":
            return _validate(args.file, args.json)
        if args.command == "import":
            return cli_gis.run_import(args)
        if args.command == "export":
            return cli_gis.run_export(args)
        if args.command == "partition":
            return cli_partition.run(args)
        if args.command == "repair":
            return _repair(args.file, args.dry_run)
        if args.command == "print":
            from ui.printing.cli import run as print_charts  # needs Qt: imported only here

            return print_charts(args)
        if args.command == "bench" and args.which == "print":
            from ui.printing.bench import run as bench_print  # needs Qt: imported only here

            return bench_print(args.options)
        if args.command == "bench" and args.which == "partition":
            from gridmap.partition.bench import run as bench_partition

            return bench_partition(args.options)
        if args.command == "bench" and args.which == "validate":
            from gridmap.rules.bench import run as bench_validate

            return bench_validate(args.options)
        if args.command == "bench" and args.which == "plans":
            from ui.bench_plans import run as bench_plans  # needs Qt: imported only here

            return bench_plans(args.options)
        if args.command == "bench" and args.which == "edit":
            from ui.bench_edit import run as bench_edit  # needs Qt: imported only here

            return bench_edit(args.options)
        if args.command == "bench":
            from ui.bench_render import run as bench_render  # needs Qt: imported only here

            return bench_render(args.options)
    except GridmapError as exc:
        print(f"gridmap: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # a file or disk fault the command did not put in words itself
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"gridmap: error: {where}{exc.strerror or exc}. Nothing was written to the project unless "
              "the command said so.", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - a bug: a sentence for the user, the traceback for the log
        from gridmap.error_log import record

        log = record(exc)
        print(f"gridmap: internal error ({type(exc).__name__}: {exc}). This is a fault in gridmap, not in "
              "your data; nothing was written to the project unless the command said so."
              + (f" Details are in {log}." if log else ""), file=sys.stderr)
        return EXIT_ERROR
    _parser().print_help()
    return EXIT_USAGE


def _gui(argv: list[str]) -> int:
    try:
        from ui.app import run  # Qt is imported only here, never by gridmap itself
    except ImportError as exc:
        print(f"gridmap: error: the window cannot start ({exc}).", file=sys.stderr)
        return EXIT_ERROR
    return run(argv)


def _demo(output: Path, force: bool) -> int:
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


def _repair(path: Path, dry_run: bool) -> int:
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


def _is_sample_project(path: Path) -> bool:
    from gridmap.storage.store import ProjectStore

    try:
        return ProjectStore.peek_meta(path).get("sample_data") == "true"
    except ProjectFileError:
        return False


def _info(path: Path, as_json: bool) -> int:
    from gridmap.project import Project
    from gridmap.stats import project_summary

    project = Project.open(path, read_only=True)  # a report never touches the file
    try:
        summary = project_summary(project)
    finally:
        project.close()
    if as_json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(_format_summary(summary))
    return 0


def _stats(path: Path, zone_code: str | None, as_json: bool) -> int:
    from gridmap.household_stats import household_counts
    from gridmap.project import Project
    from gridmap.zone_tree import ZoneTree

    project = Project.open(path, read_only=True)  # a report never touches the file
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
        print(json.dumps({"file": str(path), "zones": rows}, ensure_ascii=False, indent=2))
        return 0
    occupancy = list(rows[0]["occupancy"]) if rows else []
    tags = list(rows[0]["tags"]) if rows else []
    print(_table(["code", "name", "households", "people", *occupancy, *tags],
                 [[r["code"], "  " * (r["level"] - 1) + r["name"], f"{r['households']:,}", f"{r['people']:,}",
                   *(f"{r['occupancy'][k]:,}" for k in occupancy), *(f"{r['tags'][k]:,}" for k in tags)]
                  for r in rows]))
    return 0


def zone_id_of(project, code: str) -> int:
    found = [z.id for z in project.tables["zones"].values() if z.code == code]
    if not found:
        raise GridmapError(f"{project.path} has no zone with code {code!r}.")
    return found[0]


def _validate(path: Path, as_json: bool) -> int:
    from gridmap.project import Project
    from gridmap.rules.report import check_project, report

    project = Project.open(path, read_only=True)  # a report never touches the file
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


def print_report(found: dict, as_json: bool, noun: str, path: Path) -> int:
    """A rules report as JSON or one line per problem and a count; the exit code."""
    if as_json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        for item in found["items"]:
            print(item["message"])
        print(f"{found['problems']} {noun}{'s' if found['problems'] != 1 else ''} in {path}")
    return EXIT_ERROR if found["problems"] else 0


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(header: list[str], rows: list[list]) -> str:
    cells = [header] + [[str(v) for v in row] for row in rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(header))]

    def line(row: list[str]) -> str:
        return "  ".join(cell + " " * (w - _width(cell)) if i < 2 else " " * (w - _width(cell)) + cell
                         for i, (cell, w) in enumerate(zip(row, widths))).rstrip()
    return "\n".join(line(r) for r in cells)


def _format_summary(summary: dict) -> str:
    lines = [f"{summary['title'] or Path(summary['file']).name}", f"{summary['file']}  {summary['crs']}  "
             f"schema {summary['schema_version']}" + ("  sample data" if summary["sample_data"] else ""), ""]
    lines.append(_table(["level", "name", "zones", "buildings", "units", "households"],
                        [[lv["depth"], lv["name"], lv["zones"], lv["buildings"], lv["units"], lv["households"]]
                         for lv in summary["levels"]]))
    parents = [z for z in summary["zones"] if z["children"]]
    if parents:
        lines.append("")
        lines.append(_table(
            ["code", "name", "grids", "buildings", "units", "households", "grid chiefs", "grid members"],
            [[z["code"], z["name"], z["grids"], z["buildings"], z["units"], z["households"],
              z["grid_chiefs"], z["grid_members"]] for z in parents]))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
