"""The project's map layers for other GIS: GeoPackage 1.2 (what every QGIS opens
without a warning), Shapefiles with a .cpg, GeoJSON in WGS84. Only the map:
no resident, household or staff table leaves this way.

Attribute names are short English words (a shapefile allows ten characters)
and the same in every format, so a layer reads the same in QGIS whatever
came out.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import pyogrio

from gridmap.errors import GridmapError

if TYPE_CHECKING:
    from gridmap.project import Project

LAYERS = ("zones", "compounds", "buildings", "streets", "site_points", "site_routes")
GEOMETRY = {"zones": "MultiPolygon", "compounds": "MultiPolygon", "buildings": "MultiPolygon",
            "streets": "MultiLineString", "site_points": "Point", "site_routes": "MultiLineString"}
SHAPEFILE_ENCODINGS = {"utf-8": "UTF-8", "gbk": "GBK"}


def layer_frames(project: "Project") -> dict[str, gpd.GeoDataFrame]:
    """Each map layer as a table, in the project's CRS."""
    t = project.tables
    zones, compounds = t["zones"], t["compounds"]
    households = Counter(h.building_id for h in t["households"].values())
    code = {z.id: z.code for z in zones.values()}
    rows = {
        "zones": [dict(code=z.code, name=z.name, level=z.level, parent=code.get(z.parent_id, ""), kind=z.kind,
                       geometry=z.geometry) for z in zones.values()],
        "compounds": [dict(name=c.name, kind=c.kind, geometry=c.geometry) for c in compounds.values()],
        "buildings": [dict(number=b.number, code=b.code, compound=compounds[b.compound_id].name
                           if b.compound_id in compounds else "", grid=code.get(b.zone_id, ""), floors=b.floors,
                           kind=b.kind, households=households.get(b.id, 0), geometry=b.geometry)
                      for b in t["buildings"].values()],
        "streets": [dict(name=s.name, kind=s.kind, width=s.width, geometry=s.geometry) for s in t["streets"].values()],
        "site_points": [dict(kind=p.kind, name=p.name, state=p.state, compound=compounds[p.compound_id].name
                             if p.compound_id in compounds else "", geometry=p.geometry)
                        for p in t["site_points"].values()],
        "site_routes": [dict(kind=r.kind, name=r.name, compound=compounds[r.compound_id].name
                             if r.compound_id in compounds else "", geometry=r.geometry)
                        for r in t["site_routes"].values()],
    }
    crs = f"EPSG:{project.store.srs_id}"
    return {name: gpd.GeoDataFrame(rows[name], geometry="geometry", crs=crs) if rows[name]
            else gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs=crs) for name in LAYERS}


def export_geopackage(project: "Project", path: str | Path) -> dict[str, int]:
    """A GeoPackage 1.2 of the map layers (written beside, then moved into place)."""
    path = Path(path)
    frames = layer_frames(project)
    fd, temp = tempfile.mkstemp(suffix=".gpkg", dir=path.parent)
    os.close(fd)
    os.remove(temp)  # GDAL makes the file itself
    try:
        for n, (name, frame) in enumerate(frames.items()):
            pyogrio.write_dataframe(frame, temp, layer=name, driver="GPKG", geometry_type=GEOMETRY[name],
                                    promote_to_multi=GEOMETRY[name].startswith("Multi"),
                                    dataset_options={"VERSION": "1.2"} if n == 0 else None, append=False)
        os.replace(temp, path)
    except OSError as error:
        raise GridmapError(f"{path}: cannot write it ({error})") from None
    finally:
        if os.path.exists(temp):
            os.remove(temp)
    return {name: len(frame) for name, frame in frames.items()}


def export_shapefiles(project: "Project", folder: str | Path, encoding: str = "utf-8") -> dict[str, int]:
    """One shapefile per layer in ``folder``, text in UTF-8 or GBK, each with its .cpg."""
    from gridmap.gis.encoding import write_cpg

    codec = SHAPEFILE_ENCODINGS.get(encoding.lower())
    if codec is None:
        raise GridmapError(f"shapefiles are written in UTF-8 or GBK, not {encoding!r}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, frame in layer_frames(project).items():
        path = folder / f"{name}.shp"
        pyogrio.write_dataframe(frame, path, driver="ESRI Shapefile", encoding=codec,
                                geometry_type=GEOMETRY[name], promote_to_multi=GEOMETRY[name].startswith("Multi"))
        write_cpg(path, codec)
        counts[name] = len(frame)
    return counts


def export_geojson(project: "Project", folder: str | Path) -> dict[str, int]:
    """One GeoJSON per layer in WGS84 longitude/latitude (RFC 7946), for web maps and phones."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, frame in layer_frames(project).items():
        pyogrio.write_dataframe(frame.to_crs(4326), folder / f"{name}.geojson", driver="GeoJSON",
                                layer_options={"RFC7946": "YES", "WRITE_NAME": "NO"})
        counts[name] = len(frame)
    return counts
