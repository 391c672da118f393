"""Print runs: the charts of one compound, several, or all of them, into one PDF
per compound (or one combined PDF) and optionally PNGs. Used by
``gridmap print``, the Print dialog's worker thread and ``gridmap bench print``.
A cancelled or failed run keeps the files of the compounds already finished
and leaves no file of the compound it stopped in, and no half-written file."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Callable

from gridmap import __version__
from gridmap.charts.content import ChartSource
from gridmap.charts.paper import Paper
from gridmap.charts.privacy import INTERNAL_STAMP, Privacy
from gridmap.outputs import output_folder
from layers.scene import MapScene
from ui.printing.charts import CHART_TITLES, ChartJob, Sheet, chart_sheets
from ui.printing.output import write_pdf, write_pngs

if TYPE_CHECKING:
    from gridmap.project import Project

CHARTS = (1, 2, 3)
MAX_PNG_PIXELS = 150_000_000  # ~600 MB in memory: A0 at 300 dpi fits, A0 at 600 dpi does not
Progress = Callable[[int, int, str], None]  # (done, total, compound now)


@dataclass(frozen=True)
class PrintOptions:
    charts: tuple[int, ...] = CHARTS
    paper: Paper = Paper()
    mode: str = "public"
    combined: bool = False  # one PDF for every compound
    png_dpi: int | None = None  # also PNGs, one per sheet
    insets: bool = False  # chart 3 with the nine-colour plans

    def __post_init__(self) -> None:
        if not self.charts or any(c not in CHARTS for c in self.charts):
            raise ValueError(f"charts are some of {', '.join(map(str, CHARTS))}, not {self.charts}")
        Privacy(self.mode)  # refuses an unknown mode
        if self.png_dpi is not None:
            width, height = self.paper.pixels(self.png_dpi)
            if self.png_dpi < 30 or width * height > MAX_PNG_PIXELS:
                most = int(self.png_dpi * (MAX_PNG_PIXELS / (width * height)) ** 0.5)
                raise ValueError(f"a PNG of {self.paper.size} at {self.png_dpi} dpi would be {width}×{height} "
                                 f"pixels; choose 30 to {most} dpi (or a smaller paper)")


@dataclass
class Printed:
    compound: str
    files: list[Path] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0


NAME_BYTES = 150  # of a place in a file name: with "-三张图-内部资料-图3-12.png" it stays under 255 bytes


def safe_name(text: str) -> str:
    """A file name's part from a place name: no path separators or characters Windows
    refuses, and short enough for any file system (255 bytes a name)."""
    name = re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_.")
    return name.encode()[:NAME_BYTES].decode(errors="ignore").rstrip("_.") or "compound"


def creator(options: PrintOptions) -> str:
    """Recorded in every PDF: the program and the privacy mode chosen for it."""
    mode = f"{INTERNAL_STAMP} (internal, chosen explicitly)" if options.mode == "internal" else "public wall"
    return f"gridmap {__version__}; mode: {mode}"


def compound_sheets(source: ChartSource, job: ChartJob, compound_id: int,
                    charts: tuple[int, ...]) -> tuple[str, dict[int, list[Sheet]]]:
    content = source.charts(source.tables["compounds"][compound_id])
    return content.place, {n: chart_sheets(n, content, job) for n in charts}


def print_compounds(project: Project, compound_ids: list[int], options: PrintOptions, out: Path,
                    progress: Progress | None = None, cancelled: Callable[[], bool] = lambda: False,
                    scene: MapScene | None = None, source: ChartSource | None = None) -> list[Printed]:
    """Write the charts of ``compound_ids`` into ``out`` (a folder, made if missing).

    A file that cannot be written stops the run with an
    :class:`~gridmap.outputs.OutputError` (what happened, what to do); the
    compounds finished before it keep their files, and no file is left of
    the one it stopped in.

    On a worker thread pass ``source``, made on the thread that opened the
    project (it reads the file's date of last change)."""
    source = source or ChartSource(project, Privacy(options.mode))
    own_scene = scene is None
    scene = scene or MapScene(project)
    job = ChartJob(source, scene, options.paper, options.insets)
    internal = f"（{INTERNAL_STAMP}）" if options.mode == "internal" else ""
    suffix = f"-{INTERNAL_STAMP}" if internal else ""
    done: list[Printed] = []
    combined: list[list[Sheet]] = []
    stems: set[str] = set()
    try:
        with output_folder(out) as out:  # removed again if nothing could be written into it
            for n, compound_id in enumerate(compound_ids):
                started = time.perf_counter()
                name = source.tables["compounds"][compound_id].name
                if progress:
                    progress(n, len(compound_ids), name)
                place, sheets = compound_sheets(source, job, compound_id, options.charts)
                printed = Printed(place)
                stem = f"{safe_name(place)}-三张图{suffix}"
                if stem in stems:  # namesakes in one community: neither overwrites the other
                    stem = f"{safe_name(place)}-{compound_id}-三张图{suffix}"
                stems.add(stem)
                try:
                    if options.combined:
                        combined += [sheets[c] for c in options.charts]
                    else:
                        title = f"{place} {'、'.join(CHART_TITLES[c] for c in options.charts)}{internal}"
                        path = out / (stem + ".pdf")
                        printed.pages = write_pdf(path, [sheets[c] for c in options.charts], options.paper, title,
                                                  creator(options), cancelled)
                        printed.files.append(path)
                    if options.png_dpi:
                        write_pngs(out / stem, sheets, options.paper, options.png_dpi, cancelled, printed.files)
                except BaseException:
                    for path in printed.files:  # a compound is printed whole or not at all
                        path.unlink(missing_ok=True)
                    raise
                printed.seconds = time.perf_counter() - started
                done.append(printed)
            if options.combined and combined:
                path = out / f"{safe_name(source.office)}-三张图-全部{suffix}.pdf"
                pages = write_pdf(path, combined, options.paper, f"{source.office} 三张图{internal}",
                                  creator(options), cancelled)
                done[-1].files.append(path)
                done[-1].pages = pages
            if progress:
                progress(len(compound_ids), len(compound_ids), "")
            return done
    finally:
        if own_scene:
            scene.detach()
