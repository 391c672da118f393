"""The ``gridmap`` command's Qt-free part: every command that reads or writes
a project without a window (``python -m gridmap`` runs these alone).

The installed ``gridmap`` command (``gridmap_command``) adds what needs Qt: the
window, ``print`` and ``bench``; it hands them in as ``window`` and ``more``,
since gridmap never imports ``ui`` or ``benchmarks``. User mistakes end with
a message on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from gridmap.cli.output import EXIT_ERROR, EXIT_USAGE
from gridmap.cli.parser import COMMANDS, AddParser, build_parser
from gridmap.errors import GridmapError

__all__ = ["COMMANDS", "EXIT_ERROR", "EXIT_USAGE", "Command", "main"]


class Command(NamedTuple):
    """A command whose code lives outside gridmap: its arguments and what runs it."""

    add_parser: AddParser
    run: Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None, *, window: Callable[[list[str]], int] | None = None,
         more: Mapping[str, Command] | None = None) -> int:
    """Run ``gridmap argv``; ``window`` opens the window (anything but a command is
    for it: nothing, a project file, --screenshot, --lang), ``more`` are the
    commands that need Qt."""
    argv = list(sys.argv[1:] if argv is None else argv)
    more = dict(more or {})
    if not argv or argv[0] not in COMMANDS + ("-h", "--help", "--version"):
        if window is None:
            return _elsewhere("the window")
        return window(argv)
    if argv[0] in COMMANDS and argv[0] not in _QT_FREE and argv[0] not in more:
        return _elsewhere(f"`gridmap {argv[0]}`")
    parser = build_parser({name: command.add_parser for name, command in more.items()}, window is not None)
    args = parser.parse_args(argv)
    from gridmap.storage.lock import describe_process

    describe_process("command", args.command)
    try:
        if args.command in more:
            return more[args.command].run(args)
        return _run(args)
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


_QT_FREE = ("demo", "info", "stats", "households", "staff", "cases", "validate", "import", "export", "partition",
            "repair", "server", "publish", "users", "checkout", "checkin")


def _run(args: argparse.Namespace) -> int:
    # Each command's modules are imported when it runs: `gridmap info` need not load the partitioner.
    from gridmap.cli import project_commands as project

    if args.command == "demo":
        return project.demo(args.output, args.force)
    if args.command == "info":
        return project.info(args.file, args.json)
    if args.command == "stats":
        return project.stats(args.file, args.zone, args.json)
    if args.command == "validate":
        return project.validate(args.file, args.json)
    if args.command == "repair":
        return project.repair(args.file, args.dry_run)
    if args.command in ("households", "staff"):
        from gridmap.cli import rosters

        return rosters.households(args) if args.command == "households" else rosters.staff(args)
    if args.command == "cases":
        from gridmap.cli import cases

        return cases.run(args)
    if args.command in ("checkout", "checkin"):
        from gridmap.cli import offline_commands

        return offline_commands.run(args)
    if args.command == "users":
        from gridmap.cli import users

        return users.run(args)
    if args.command in ("server", "publish"):
        from gridmap.cli import server_commands as server

        return server.run(args) if args.command == "server" else server.publish(args.file, args.url, args.json)
    if args.command in ("import", "export"):
        from gridmap.cli import gis

        return gis.run_import(args) if args.command == "import" else gis.run_export(args)
    from gridmap.cli import partition

    return partition.run(args)


def _elsewhere(what: str) -> int:
    """``python -m gridmap`` runs the Qt-free commands only: say where the rest is."""
    print(f"gridmap: error: {what} is not in `python -m gridmap`, which runs only the commands that need no Qt; "
          "run the installed `gridmap` command (or `python -m gridmap_command`) instead.", file=sys.stderr)
    return EXIT_USAGE
