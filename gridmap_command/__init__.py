"""The installed ``gridmap`` command: the window, the Qt-free commands, and
the two commands that need Qt.

    gridmap [FILE.gpkg] [--screenshot OUT.png] …  →  ui.app (the window)
    gridmap print …                               →  ui.printing.cli (Qt draws the charts)
    gridmap bench …                               →  benchmarks (imported only then)
    gridmap demo | info | validate | …            →  gridmap.cli (no Qt)

Why a package of its own: gridmap never imports Qt, ui or benchmarks, ui does
not import benchmarks, and benchmarks import all three; so the one place that
may compose them sits above them all. ``python -m gridmap_command`` is the same
command without the installed script.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import benchmarks  # the list of benchmarks only: each one is imported when it runs
from gridmap.cli import EXIT_ERROR, Command, main as run_command
from ui.printing import cli as printing  # its arguments; the charts' code (and Qt) is imported when it runs


def main(argv: Sequence[str] | None = None) -> int:
    return run_command(argv, window=_window, more={"print": Command(printing.add_parser, printing.run),
                                                   "bench": Command(benchmarks.add_parser, benchmarks.run)})


def _window(argv: list[str]) -> int:
    try:
        from ui.app import run
    except ImportError as exc:
        print(f"gridmap: error: the window cannot start ({exc}).", file=sys.stderr)
        return EXIT_ERROR
    return run(argv)
