"""``gridmap bench render``: how fast the map opens and draws a big city.

Builds a synthetic city (100,000+ buildings, 3,000+ zones), writes it as a
project file, opens it the way the app does, and times full-extent, zoomed and
panning frames drawn by the real renderers at 1920×1080. In the same run it
draws the same frames the plain way (one QPainterPath per feature, every
feature, no index) as a baseline. Prints JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import numpy as np

TARGETS_MS = {"zoomed_frame_ms": 8.0, "pan_p95_ms": 16.0, "full_extent_ms": 50.0, "open_s": 1.5}
PAN_FRAMES = 60
ZOOMED_FEATURES = 2000


def _time_frame(render, view, repeats: int) -> list[float]:
    from PySide6.QtGui import QImage, QPainter

    times = []
    image = QImage(view.width, view.height, QImage.Format.Format_RGB32)
    for _ in range(repeats):
        painter = QPainter(image)
        start = time.perf_counter()
        render(painter, view)
        painter.end()  # the raster engine finishes drawing here
        times.append((time.perf_counter() - start) * 1000)
    return times


def _zoomed_view(scene, full, target: int):
    """A view at the city centre showing about ``target`` buildings."""
    fg = scene.features["buildings"]
    low, high = full.resolution / 1000, full.resolution
    for _ in range(40):
        view = type(full)(full.cx, full.cy, (low + high) / 2, full.width, full.height)
        count = len(fg.query(view.extent))
        if count > target:
            high = view.resolution
        else:
            low = view.resolution
    return view, len(fg.query(view.extent))


def _baseline(scene):
    """One QPainterPath per feature in map coordinates (offset to a local origin),
    built before timing, and a draw that loops over all of them."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QColor, QPainterPath, QPen, QPolygonF, QTransform

    minx, miny, _, _ = scene.bounds
    paths = {}
    for table in ("zones", "compounds", "streets", "buildings"):
        fg = scene.features[table]
        table_paths = []
        for f in range(len(fg)):
            path = QPainterPath()
            for p in range(fg.feature_parts[f], fg.feature_parts[f + 1]):
                xy = fg.xy[fg.part_start[p]:fg.part_start[p + 1]]
                polygon = QPolygonF([QPointF(x - minx, y - miny) for x, y in xy])
                path.addPolygon(polygon)
                if table != "streets":
                    path.closeSubpath()
            table_paths.append(path)
        paths[table] = table_paths
    styles = {"zones": (QColor("#c9dcef"), QColor("#5d6d7e")), "compounds": (QColor("#f7f4ee"), QColor("#9c8f7a")),
              "streets": (None, QColor("#b9b4aa")), "buildings": (QColor("#c9b8a6"), QColor("#7f6f61"))}

    def render(painter, view):
        vminx, _vminy, _vmaxx, vmaxy = view.extent
        k = 1.0 / view.resolution
        painter.fillRect(0, 0, view.width, view.height, QColor("#efece6"))
        painter.setTransform(QTransform(k, 0, 0, -k, (minx - vminx) * k, (vmaxy - miny) * k))
        for table, (fill, line) in styles.items():
            pen = QPen(line, 0)
            painter.setPen(pen)
            painter.setBrush(fill if fill is not None else Qt.BrushStyle.NoBrush)
            for path in paths[table]:
                painter.drawPath(path)

    return render


def run(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="gridmap bench render", description=__doc__.splitlines()[0])
    parser.add_argument("--columns", type=int, default=60, help="blocks west→east (default 60)")
    parser.add_argument("--rows", type=int, default=50, help="blocks north→south (default 50)")
    parser.add_argument("--per-block", type=int, default=34, help="buildings per block (default 34)")
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--no-baseline", action="store_true", help="skip the slow plain-QPainter baseline")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))

    from gridmap.bulk import settle_heap
    from gridmap.demo.synthetic import synthetic_city
    from gridmap.hierarchy import Hierarchy
    from gridmap.project import Project
    from gridmap.storage.store import ProjectStore
    from layers.model import LayerSet
    from layers.render.frames import FrameRenderer
    from layers.render.map_renderer import render_map
    from layers.render.renderers import prepare_pieces
    from layers.scene import MapScene
    from layers.view import MapView
    from ui.fonts import offscreen_app

    offscreen_app()
    tables = synthetic_city(args.columns, args.rows, args.per_block)
    result: dict = {"buildings": len(tables["buildings"]), "zones": len(tables["zones"]),
                    "size": [width, height]}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "city.gpkg"
        ProjectStore.create(path, epsg=4547, tables=tables, meta={"title": "synthetic city"},
                            moment=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
        del tables
        # What the window prepares before its first frame: the tables, the map
        # scene and the hierarchy the tree dock shows.
        start = time.perf_counter()
        project = Project.open(path)
        opened = time.perf_counter()
        scene = MapScene(project)
        prepared = time.perf_counter()
        Hierarchy(project)
        result["open_s"] = round(time.perf_counter() - start, 3)
        result["open_parts_s"] = {"project": round(opened - start, 3), "scene": round(prepared - opened, 3),
                                  "hierarchy": round(time.perf_counter() - prepared, 3)}
        layers = LayerSet()

        def ours(painter, view):
            render_map(painter, scene, layers, view)

        full = MapView.fit(scene.bounds, width, height)
        zoomed, in_view = _zoomed_view(scene, full, ZOOMED_FEATURES)
        result["zoomed_buildings_in_view"] = in_view
        result["full_extent_scale"] = round(full.scale)
        result["zoomed_scale"] = round(zoomed.scale)
        result["full_extent_first_frame_ms"] = round(_time_frame(ours, full, 1)[0], 2)  # what opening shows
        # as the window does once its first frame is up
        settle_heap()  # as the window does once a project is open
        worker = scene.prepare_in_background(then=partial(prepare_pieces, scene))
        worker.join()
        result["vertices_ready_s"] = round(time.perf_counter() - start, 3)
        result["first_zoomed_frame_ms"] = round(_time_frame(ours, zoomed, 1)[0], 2)
        result["full_extent_ms"] = round(statistics.median(_time_frame(ours, full, 21)), 2)
        result["zoomed_frame_ms"] = round(statistics.median(_time_frame(ours, zoomed, 21)), 2)
        # Panning as the canvas does it: arrow-key steps (an eighth of the view),
        # each frame made by FrameRenderer from the one before.
        frames = FrameRenderer(scene, layers)
        view = zoomed
        frames.render(view)
        pans = []
        step_x, step_y = round(width / 8), round(height / 8)
        for i in range(PAN_FRAMES):
            dx, dy = ((-step_x, 0), (0, -step_y), (step_x, 0), (0, step_y))[(i // 15) % 4]
            view = view.panned(dx, dy)
            start = time.perf_counter()
            frames.render(view)
            pans.append((time.perf_counter() - start) * 1000)
        result["pan_p95_ms"] = round(float(np.percentile(pans, 95)), 2)
        result["pan_median_ms"] = round(statistics.median(pans), 2)
        result["pan_frames_reused"] = frames.reused
        # The same pan drawn whole every time, for comparison.
        whole, view = [], zoomed
        for i in range(PAN_FRAMES):
            dx, dy = ((-step_x, 0), (0, -step_y), (step_x, 0), (0, step_y))[(i // 15) % 4]
            view = view.panned(dx, dy)
            whole += _time_frame(ours, view, 1)
        result["pan_whole_frames_p95_ms"] = round(float(np.percentile(whole, 95)), 2)
        if not args.no_baseline:
            plain = _baseline(scene)
            result["baseline"] = {
                "method": "one QPainterPath per feature, every feature, no index",
                "full_extent_ms": round(statistics.median(_time_frame(plain, full, 3)), 1),
                "zoomed_frame_ms": round(statistics.median(_time_frame(plain, zoomed, 3)), 1),
            }
            result["speedup"] = {k: round(result["baseline"][k] / result[k], 1)
                                 for k in ("full_extent_ms", "zoomed_frame_ms")}
        project.close()
    result["targets"] = TARGETS_MS
    result["met"] = {k: result[k] <= v for k, v in TARGETS_MS.items()}
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0 if all(result["met"].values()) else 1


if __name__ == "__main__":
    sys.exit(run())
