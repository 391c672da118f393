"""A project from a real OpenStreetMap extract for partitioning: its streets
and buildings imported as a planner would (what ``gridmap import --new`` and
``gridmap import`` do, through the same library calls), and one street office
and one community drawn around the buildings, imported as boundaries.
Households then come from footprint area × floors."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pyproj
import shapely

from gridmap.gis.importing import ImportFeatures, preview_import, screened
from gridmap.gis.new_project import create_empty_project, crs_for_source
from gridmap.gis.reading import SourceLayer, read_source
from gridmap.model.entities import COMMUNITY as COMMUNITY_ROLE, OFFICE as OFFICE_ROLE

OFFICE, COMMUNITY = "OSM示例街道", "OSM示例社区"


def osm_project(pbf: str | Path, folder: Path, margin: float = 40.0) -> Path:
    """``folder``/osm.gpkg made from ``pbf``; the community is the buildings'
    hull grown by ``margin`` metres."""
    path = folder / "osm.gpkg"
    streets = screened(read_source(pbf, "lines"))  # a far-out shape must not pick the project's CRS
    epsg = crs_for_source(streets)
    project = create_empty_project(path, epsg, path.stem)
    try:
        _add(project, streets, "streets")
        _add(project, read_source(pbf, "multipolygons"), "buildings")
        footprints = np.array([b.geometry for b in project.tables["buildings"].values()], dtype=object)
        hull = shapely.buffer(shapely.convex_hull(shapely.union_all(footprints)), margin)
        # drawn in longitude/latitude, as a planner's boundary file comes (and as the benchmark always had it)
        to_wgs84 = pyproj.Transformer.from_crs(epsg, 4326, always_xy=True)
        lonlat = shapely.transform(hull, lambda xy: np.column_stack(to_wgs84.transform(xy[:, 0], xy[:, 1])))
        for role, name in ((OFFICE_ROLE, OFFICE), (COMMUNITY_ROLE, COMMUNITY)):
            frame = gpd.GeoDataFrame({"name": [name]}, geometry=[lonlat], crs=4326)
            boundary = SourceLayer(folder / f"{role}.boundary", role, "memory", frame, pyproj.CRS.from_epsg(4326))
            _add(project, boundary, "zones", zone_level=project.depth_of(role))
    finally:
        project.close()
    return path


def _add(project, source: SourceLayer, target: str, **options) -> None:
    preview = preview_import(project, source, target, **options)
    if not preview.records:
        raise RuntimeError(f"{source.path.name} ({source.layer}): nothing to import into {target}")
    project.undo_stack.push(ImportFeatures(preview))
