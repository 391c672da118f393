"""A project from a real OpenStreetMap extract for partitioning: its streets
and buildings imported as a planner would (``gridmap import``), and one
street office and one community drawn around the buildings, imported as
boundaries. Households then come from footprint area × floors."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import numpy as np
import pyproj
import shapely

OFFICE, COMMUNITY = "OSM示例街道", "OSM示例社区"


def osm_project(pbf: str | Path, folder: Path, margin: float = 40.0) -> Path:
    """``folder``/osm.gpkg made from ``pbf``; the community is the buildings'
    hull grown by ``margin`` metres."""
    from gridmap.cli import main
    from gridmap.project import Project

    path = folder / "osm.gpkg"
    for args in (["--new", "--layer", "streets"], ["--layer", "buildings"]):
        _quietly(main, ["import", str(path), *args, str(pbf)])
    project = Project.open(path, read_only=True)
    try:
        footprints = np.array([b.geometry for b in project.tables["buildings"].values()], dtype=object)
        hull = shapely.buffer(shapely.convex_hull(shapely.union_all(footprints)), margin)
        to_wgs84 = pyproj.Transformer.from_crs(project.store.srs_id, 4326, always_xy=True)
    finally:
        project.close()
    lonlat = shapely.transform(hull, lambda xy: np.column_stack(to_wgs84.transform(xy[:, 0], xy[:, 1])))
    for level, name in ((1, OFFICE), (2, COMMUNITY)):
        boundary = folder / f"level{level}.geojson"
        boundary.write_text(json.dumps({"type": "FeatureCollection", "features": [{
            "type": "Feature", "properties": {"name": name}, "geometry": shapely.geometry.mapping(lonlat)}]},
            ensure_ascii=False), encoding="utf-8")
        _quietly(main, ["import", str(path), "--layer", "zones", "--zone-level", str(level), str(boundary)])
    return path


def _quietly(main, argv: list[str]) -> None:
    """Run a ``gridmap`` command with its report kept off stdout (the caller may be printing JSON)."""
    report = io.StringIO()
    with contextlib.redirect_stdout(report):
        code = main(argv)
    if code != 0:
        raise RuntimeError(f"gridmap {' '.join(argv)} failed:\n{report.getvalue()}")
