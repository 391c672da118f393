"""``gridmap bench print``: the three charts of one demo compound, and the batch of
every demo compound, written as vector PDFs on A3.

Timed: preparing a run (chart indexes and the map scene, once per batch); the
three charts of one compound (content, layout and the PDF written), the first
(cold) run and the median of ``--repeat`` runs, against a budget of 2 s; then every compound of the demo in
one batch, reported per compound. Baseline in the same run: the same three
sheets printed the way raster tools print, each page rasterised at 300 dpi and
placed in the PDF as an image; its time and file size beside ours. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

BUDGET_MS = 2000.0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gridmap bench print", description=__doc__.split("\n\n")[0])
    parser.add_argument("--compound", default="新华里小区", help="the compound timed alone (default 新华里小区)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of the one-compound timing (median)")
    parser.add_argument("--file", type=Path, help="a project instead of the demo")
    return parser


def _raster_pdf(path: Path, sheets, paper, dpi: int = 300) -> None:
    """The baseline: each sheet as a 300-dpi image inside a PDF."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter, QPdfWriter

    from ui.printing.output import page_layout, render_sheet_image

    writer = QPdfWriter(str(path))
    writer.setResolution(dpi)
    writer.setPageLayout(page_layout(paper))
    painter = QPainter(writer)
    for n, sheet in enumerate(sheets):
        if n:
            writer.newPage()
        image = render_sheet_image(sheet, paper, dpi)
        painter.drawImage(QRectF(0, 0, image.width(), image.height()), image)
    painter.end()


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    from gridmap.charts.content import ChartSource
    from gridmap.charts.paper import Paper
    from gridmap.demo.cache import demo_path
    from gridmap.errors import GridmapError
    from gridmap.project import Project
    from layers.scene import MapScene
    from ui.fonts import offscreen_app
    from ui.printing.batch import CHARTS, PrintOptions, compound_sheets, print_compounds
    from ui.printing.charts import ChartJob
    from ui.printing.output import write_pdf

    offscreen_app()
    project = Project.open(args.file or demo_path(), read_only=True)
    started = time.perf_counter()
    source = ChartSource(project)
    scene = MapScene(project)
    try:
        prepare_ms = (time.perf_counter() - started) * 1000
        found = source.find(args.compound)
        if not found:
            raise GridmapError(f"there is no compound named {args.compound!r}")
        compound = found[0].id
        paper = Paper("A3")
        job = ChartJob(source, scene, paper)
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder)

            def one() -> tuple[float, int, list]:
                start = time.perf_counter()
                _, sheets = compound_sheets(source, job, compound, CHARTS)
                pages = write_pdf(out / "one.pdf", [sheets[c] for c in CHARTS], paper, "bench", "gridmap bench")
                return (time.perf_counter() - start) * 1000, pages, [s for c in CHARTS for s in sheets[c]]

            runs = [one() for _ in range(max(1, args.repeat))]
            one_ms = statistics.median(r[0] for r in runs)
            vector_bytes = (out / "one.pdf").stat().st_size
            raster = []
            for _ in range(max(1, min(args.repeat, 3))):
                start = time.perf_counter()
                _raster_pdf(out / "raster.pdf", runs[0][2], paper)
                raster.append((time.perf_counter() - start) * 1000)
            raster_bytes = (out / "raster.pdf").stat().st_size

            started = time.perf_counter()
            printed = print_compounds(project, [c.id for c in source.compounds()], PrintOptions(), out / "all",
                                      scene=scene)
            batch_s = time.perf_counter() - started
        result = {
            "compound": args.compound, "pages": runs[0][1], "paper": "A3 landscape",
            "prepare_ms": round(prepare_ms, 1),
            "three_charts_ms": round(one_ms, 1), "budget_ms": BUDGET_MS, "within_budget": one_ms <= BUDGET_MS,
            "three_charts_first_ms": round(runs[0][0], 1),  # cold: the scene's drawing paths are built in it
            "vector_pdf_kb": round(vector_bytes / 1024, 1),
            "baseline_raster_300dpi_ms": round(statistics.median(raster), 1),
            "baseline_raster_300dpi_kb": round(raster_bytes / 1024, 1),
            "raster_over_vector_time": round(statistics.median(raster) / one_ms, 1),
            "batch_compounds": len(printed), "batch_s": round(batch_s, 2),
            "batch_per_compound_ms": {p.compound: round(p.seconds * 1000, 1) for p in printed},
            "batch_slowest_ms": round(max(p.seconds for p in printed) * 1000, 1) if printed else 0.0,
        }
    finally:
        scene.detach()
        project.close()
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0
