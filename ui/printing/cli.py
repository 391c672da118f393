"""``gridmap print``: the three charts of one compound or of all, without a window.

Its arguments are here, beside the code that runs it, since the Qt-free
``gridmap.cli`` cannot import it; ``gridmap_command`` puts both into the
``gridmap`` command."""

from __future__ import annotations

import sys
from pathlib import Path

from gridmap.errors import GridmapError


def add_parser(commands) -> None:
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


def parse_charts(text: str) -> tuple[int, ...]:
    try:
        charts = tuple(sorted({int(c) for c in text.replace("，", ",").split(",") if c.strip()}))
    except ValueError:
        raise GridmapError(f"--charts takes chart numbers such as 1,2,3, not {text!r}") from None
    if not charts or any(c not in (1, 2, 3) for c in charts):
        raise GridmapError(f"--charts takes chart numbers 1, 2 and 3, not {text!r}")
    return charts


def run(args) -> int:
    # imported here, not above: every other `gridmap` command reads this module's parser
    from gridmap.charts.content import ChartSource
    from gridmap.charts.paper import Paper
    from gridmap.charts.privacy import Privacy
    from gridmap.outputs import check_folder
    from gridmap.project import Project
    from ui.fonts import has_cjk_font, offscreen_app
    from ui.printing.batch import PrintOptions, print_compounds

    offscreen_app()
    if not has_cjk_font():
        raise GridmapError("the Chinese font Noto Sans CJK SC is not installed (Debian: apt-get install "
                           "fonts-noto-cjk); charts printed without it would show boxes")
    try:
        paper = Paper.parse(args.paper, "portrait" if args.portrait else "landscape")
        options = PrintOptions(parse_charts(args.charts), paper, args.mode, args.combined, args.png, args.insets)
    except ValueError as exc:
        raise GridmapError(str(exc)) from None
    check_folder(args.out)  # before the work: not onto a project, not into nowhere
    project = Project.open(args.file, read_only=True)  # printing never touches the file
    try:
        source = ChartSource(project, Privacy(options.mode))
        if args.all:
            compounds = [c.id for c in source.compounds()]
        else:
            found = source.find(args.compound)
            if not found:
                names = "、".join(c.name for c in source.compounds()[:12])
                raise GridmapError(f"there is no compound named {args.compound!r} (for example: {names}); "
                                   "or print every one with --all")
            compounds = [c.id for c in found]
        if args.mode == "internal":
            print("gridmap: internal charts hold personal data; they are stamped 内部资料 and must not be posted",
                  file=sys.stderr)

        def progress(done: int, total: int, name: str) -> None:
            if name:
                print(f"[{done + 1}/{total}] {name}", file=sys.stderr, flush=True)

        out = Path(args.out)
        printed = print_compounds(project, compounds, options, out, progress=progress, source=source)
    finally:
        project.close()
    for p in printed:
        for f in p.files:
            print(f"{f}  ({p.compound}, {p.seconds:.2f} s)")
    return 0
