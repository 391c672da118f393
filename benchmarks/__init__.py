"""Every benchmark of gridmap, run as ``gridmap bench NAME [options]``; each
prints JSON with a baseline measured in the same run.

Benchmarks may import anything (gridmap, layers, ui); nothing imports them
but the ``gridmap`` command, and only when a benchmark is asked for.
"""

from __future__ import annotations

import argparse
import importlib

# name → (module, what it measures), in the order `gridmap bench --help` lists them
BENCHMARKS: dict[str, tuple[str, str]] = {
    "render": ("render", "open and draw a synthetic city of 100,000 buildings"),
    "validate": ("validate", "every rule over a district of 500+ grids and 10,000+ buildings"),
    "edit": ("edit", "drag a shared vertex on that district's map"),
    "plans": ("plans", "colour plans and statistics of 100,000 households"),
    "print": ("print_charts", "the three charts of one demo compound and of all (batch)"),
    "partition": ("partition", "our proposals beside PySAL spopt's (max-p, AZP, SKATER) on the same inputs"),
    "roster": ("roster_import", "import the demo's household roster, with every table's history"),
    "cases": ("cases", "statistics of 100,000 cases over 3,000 grids, routing 10,000, the cases layer's frame cost"),
    "shared": ("shared", "20 desks at once on a shared project (PostgreSQL/PostGIS), a server crash and a killed desk"),
}


def add_parser(commands) -> None:
    bench = commands.add_parser("bench", help="benchmarks (prints JSON with a baseline from the same run)")
    bench.add_argument("which", choices=list(BENCHMARKS),
                       help="; ".join(f"{name}: {what}" for name, (_, what) in BENCHMARKS.items()))
    bench.add_argument("options", nargs=argparse.REMAINDER, help="options of the benchmark (see --help after it)")


def run(args: argparse.Namespace) -> int:
    module = importlib.import_module(f"benchmarks.{BENCHMARKS[args.which][0]}")
    return module.run(args.options)
