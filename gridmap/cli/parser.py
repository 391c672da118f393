"""The ``gridmap`` command's arguments. The commands that need Qt (``print``,
``bench``) bring their own definitions (``more``), since gridmap never imports
``ui`` or ``benchmarks``; they still take their place in the list below."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from pathlib import Path

from gridmap import __version__
from gridmap.cli.cases import add_parser as add_cases_parser
from gridmap.cli.gis import add_export_parser, add_import_parser
from gridmap.cli.offline_commands import add_checkin_parser, add_checkout_parser
from gridmap.cli.partition import add_parser as add_partition_parser
from gridmap.cli.users import add_parser as add_users_parser

# Every command of the `gridmap` command, in the order --help lists them.
COMMANDS = ("demo", "info", "stats", "households", "staff", "cases", "validate", "print", "import", "export",
            "partition", "repair", "server", "publish", "checkout", "checkin", "users", "bench")
AddParser = Callable[..., None]  # given the subparsers of the `gridmap` parser
PROJECT_HELP = "a gridmap project: a .gpkg file, or postgresql://user@host/database for a shared one"


def project_location(text: str) -> str | Path:
    """A command's project argument: a server address stays text (a Path would fold its //)."""
    from gridmap.storage.server.address import is_server_address

    return text if is_server_address(text) else Path(text)


def build_parser(more: Mapping[str, AddParser] | None = None, window: bool = True) -> argparse.ArgumentParser:
    """The parser of the commands here and of ``more``; ``window``: whether a
    command line without a command opens the window."""
    parser = argparse.ArgumentParser(
        prog="gridmap",
        description="Community grid governance GIS (网格化治理). " + (
            "Without a command, opens the window: gridmap [FILE.gpkg] [--screenshot OUT.png] [--size WxH] "
            "[--lang zh_CN|en]." if window else
            "These are the commands that need no Qt; the window, print and bench are in the installed `gridmap` "
            "command."))
    parser.add_argument("--version", action="version", version=f"gridmap {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    adders = {**_ADDERS, **(more or {})}
    for name in COMMANDS:
        if name in adders:
            adders[name](commands)
    return parser


def _demo(commands) -> None:
    demo = commands.add_parser("demo", help="write the built-in demo street office (sample data) to a file")
    demo.add_argument("output", type=Path, help="the .gpkg file to write")
    demo.add_argument("--force", action="store_true",
                      help="replace OUTPUT even if it is a project that is not sample data")


def _info(commands) -> None:
    info = commands.add_parser("info", help="summarise a project: zones, buildings, households per level")
    info.add_argument("file", type=project_location, help=PROJECT_HELP)
    info.add_argument("--json", action="store_true", help="print JSON instead of a table")


def _stats(commands) -> None:
    stats = commands.add_parser("stats", help="households by occupancy and by tag, and people, per zone")
    stats.add_argument("file", type=project_location, help=PROJECT_HELP)
    stats.add_argument("--zone", metavar="CODE", help="only this zone and the zones above it")
    stats.add_argument("--json", action="store_true", help="print JSON instead of a table")


def _households(commands) -> None:
    households = commands.add_parser(
        "households", help="the household roster (住户花名册) in Excel: check and import, export, template")
    households.add_argument("file", type=project_location, help=PROJECT_HELP)
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


def _staff(commands) -> None:
    staff = commands.add_parser("staff", help="the staff roster (定格、定人、定职): check the staffing rules, "
                                              "import and export the roster workbook")
    staff.add_argument("file", type=project_location, help=PROJECT_HELP)
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


def _validate(commands) -> None:
    validate = commands.add_parser(
        "validate", help="check the rules (no gaps, no overlaps, every building in one grid, grid sizes); "
                         "exit 0 when clean, 1 when there are problems")
    validate.add_argument("file", type=project_location, help=PROJECT_HELP)
    validate.add_argument("--json", action="store_true", help="print JSON instead of lines")


def _repair(commands) -> None:
    repair = commands.add_parser(
        "repair", help="remove triggers, views and other database objects gridmap did not make from a project, "
                       "so that it can be edited again (it is read-only while they are there)")
    repair.add_argument("file", type=Path, help="a gridmap project (.gpkg)")
    repair.add_argument("--dry-run", action="store_true", help="only list what would be removed")


def _server(commands) -> None:
    server = commands.add_parser("server", help="set up a database server for shared projects")
    actions = server.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    init = actions.add_parser("init", help="make the database URL names ready for a project: create it if the "
                                           "server has none of that name, add PostGIS to it (harmless to repeat)")
    init.add_argument("url", help="postgresql://user@host:port/database (a user allowed to create databases and "
                                  "to add PostGIS, such as postgres)")


def _publish(commands) -> None:
    publish = commands.add_parser(
        "publish", help="copy a project file into a database as a shared project, in one transaction; every "
                        "table's rows and checksum are read back and compared before the commit")
    publish.add_argument("file", type=project_location, help="the gridmap project (.gpkg) to publish; it is not "
                                                             "changed")
    publish.add_argument("url", help="postgresql://user@host:port/database: a database holding no project (made "
                                     "first if the server has none of that name)")
    publish.add_argument("--json", action="store_true", help="print JSON instead of a table")


_ADDERS: dict[str, AddParser] = {"demo": _demo, "info": _info, "stats": _stats, "households": _households,
                                 "staff": _staff, "cases": add_cases_parser, "validate": _validate,
                                 "import": add_import_parser,
                                 "export": add_export_parser, "partition": add_partition_parser, "repair": _repair,
                                 "server": _server, "publish": _publish, "users": add_users_parser,
                                 "checkout": add_checkout_parser, "checkin": add_checkin_parser}
