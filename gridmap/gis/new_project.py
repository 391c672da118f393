"""A new, empty project made for a GIS source: in the metric CRS that suits
where the data lies (see ``crs.metric_crs_for``), with the default levels and
household tags, ready for its layers to be imported."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import shapely

from gridmap.errors import CoordinateError, GridmapError
from gridmap.gis.crs import metric_crs_for, parse_crs, to_project
from gridmap.gis.messages import crs_problem, file_problem
from gridmap.gis.reading import SourceLayer
from gridmap.model.entities import default_levels, DEFAULT_TAGS, TagDef


def crs_for_source(source: SourceLayer, crs: str | None = None, offset: str | None = None) -> int:
    """The EPSG code of the metric CRS for the middle of ``source``'s shapes."""
    declared = parse_crs(crs) if crs else source.crs
    if declared is None:
        raise CoordinateError(crs_problem("no_crs_for_new", file=source.path.name))
    shapes = source.frame.geometry.values
    shapes = shapes[~shapely.is_missing(shapes)]
    if not len(shapes):
        raise GridmapError(file_problem("no_shapes", file=source.path.name, layer=source.layer))
    centre = shapely.centroid(shapely.envelope(shapely.union_all(shapely.envelope(shapes))))
    lonlat = to_project(np.array([centre], dtype=object), declared, 4326, offset)[0]
    return metric_crs_for(lonlat.x, lonlat.y)


def create_empty_project(path: str | Path, epsg: int, title: str):
    """The project file at ``path`` (which must not exist), opened."""
    from gridmap.project import Project

    path = Path(path)
    if path.exists():
        raise GridmapError(file_problem("project_exists", path=path))
    tables = {"levels": default_levels(),
              "tag_defs": [TagDef(i + 1, n, c, s, i) for i, (n, c, s) in enumerate(DEFAULT_TAGS)]}
    return Project.create(path, epsg=epsg, tables=tables, meta={"title": title, "crs": f"EPSG:{epsg}"})
