"""The project's map layers for other GIS: GeoPackage 1.2 (what every QGIS opens
without a warning), Shapefiles with a .cpg, GeoJSON in WGS84. Only the map:
no resident, household or staff table leaves this way.

Attribute names are short English words (a shapefile allows ten characters)
and the same in every format, so a layer reads the same in QGIS whatever
came out.
"""

from __future__ import annotations

import json
import struct
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import pyogrio

from gridmap.errors import GridmapError
from gridmap.levels import project_depths
from gridmap.outputs import Check, check_folder, check_target, files_written_into, written_in_place_of

if TYPE_CHECKING:
    from gridmap.project import Project

LAYERS = ("zones", "compounds", "buildings", "streets", "site_points", "site_routes")
GEOMETRY = {"zones": "MultiPolygon", "compounds": "MultiPolygon", "buildings": "MultiPolygon",
            "streets": "MultiLineString", "site_points": "Point", "site_routes": "MultiLineString"}
SHAPEFILE_ENCODINGS = {"utf-8": "UTF-8", "gbk": "GBK"}
# An earlier shapefile's spatial indexes (QGIS, ArcGIS) would not match the new
# features: they go when the new set comes in, as GDAL deletes them on overwrite.
SHAPEFILE_INDEXES = (".qix", ".sbn", ".sbx")
FOLDER_FORMATS = ("shp", "geojson")  # a folder of files; gpkg, xlsx and html are one file each


def check_export_target(kind: str, out: str | Path) -> Path:
    """Refuse the target of an export of ``kind`` before the export is made:
    a gridmap project, a missing folder, a file where a folder goes...

    Raises
    ------
    gridmap.outputs.OutputError
        With what to do instead.
    """
    return check_folder(out) if kind in FOLDER_FORMATS else check_target(out)


def layer_frames(project: Project) -> dict[str, gpd.GeoDataFrame]:
    """Each map layer as a table, in the project's CRS."""
    t = project.tables
    zones, compounds = t["zones"], t["compounds"]
    households = Counter(h.building_id for h in t["households"].values())
    code = {z.id: z.code for z in zones.values()}
    roles = project_depths(project)  # what each level is (office, community, grid, micro_grid), whatever its depth
    rows = {
        "zones": [dict(code=z.code, name=z.name, level=z.level, role=roles.role_at(z.level),
                       parent=code.get(z.parent_id, ""), kind=z.kind, geometry=z.geometry) for z in zones.values()],
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
    crs = f"EPSG:{project.srs_id}"
    return {name: gpd.GeoDataFrame(rows[name], geometry="geometry", crs=crs) if rows[name]
            else gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs=crs) for name in LAYERS}


def _counts(frames: dict[str, gpd.GeoDataFrame]) -> dict[str, int]:
    return {name: len(frame) for name, frame in frames.items()}


def _geopackage_complete(counts: dict[str, int]) -> Check:
    def complete(path: Path) -> bool:
        try:
            return all(pyogrio.read_info(path, layer=name)["features"] == n for name, n in counts.items())
        except Exception:  # noqa: BLE001 (whatever GDAL makes of a broken file, it is not complete)
            return False
    return complete


def export_geopackage(project: Project, path: str | Path) -> dict[str, int]:
    """A GeoPackage 1.2 of the map layers; returns the features per layer.

    Written beside ``path`` and moved into place when every layer reads back
    whole; a project as ``path`` is refused (:class:`~gridmap.outputs.OutputError`).
    """
    frames = layer_frames(project)
    counts = _counts(frames)
    with written_in_place_of(path, create=False, complete=_geopackage_complete(counts)) as temp:
        for n, (name, frame) in enumerate(frames.items()):
            pyogrio.write_dataframe(frame, temp, layer=name, driver="GPKG", geometry_type=GEOMETRY[name],
                                    promote_to_multi=GEOMETRY[name].startswith("Multi"),
                                    dataset_options={"VERSION": "1.2"} if n == 0 else None, append=False)
    return counts


def _shapefile_complete(counts: dict[str, int]) -> Check:
    """GDAL's shapefile driver does not report a failed write: the sizes in the
    headers of .shp, .shx and .dbf must match the files and the layer."""
    def complete(path: Path) -> bool:
        expected = counts.get(path.stem)
        suffix = path.suffix.lower()
        try:
            size = path.stat().st_size
            with open(path, "rb") as handle:
                data = handle.read(100 if suffix in (".shp", ".shx", ".dbf") else -1)  # headers; .prj, .cpg whole
        except OSError:
            return False
        if suffix in (".shp", ".shx"):
            words = struct.unpack(">i", data[24:28])[0] if len(data) == 100 else -1
            shx_ok = suffix == ".shp" or size == 100 + 8 * (expected or 0)
            return words * 2 == size and shx_ok
        if suffix == ".dbf":
            if len(data) < 32:
                return False
            records, header, record = struct.unpack("<IHH", data[4:12])
            return records == (expected or 0) and size >= header + records * record
        if suffix == ".prj":
            return data.rstrip().endswith(b"]")  # a WKT ends with its last bracket
        return bool(data)  # .cpg: a word
    return complete


def export_shapefiles(project: Project, folder: str | Path, encoding: str = "utf-8",
                      lost: list[str] | None = None) -> dict[str, int]:
    """One shapefile per layer in ``folder`` (made if missing), text in UTF-8 or
    GBK, each with its .cpg; returns the features per layer.

    A shapefile holds 254 bytes of text a field, and GBK not every character (an
    emoji, a rare name): a longer text is cut, such a character written as "?",
    and each text it happened to is appended to ``lost``.
    The set replaces the earlier one only when every file is whole: a failure
    leaves the earlier files and no temporary one."""
    from gridmap.gis.encoding import write_cpg

    codec = SHAPEFILE_ENCODINGS.get(encoding.lower())
    if codec is None:
        raise GridmapError(f"shapefiles are written in UTF-8 or GBK, not {encoding!r}")
    lost = [] if lost is None else lost
    frames = {name: _fitting(frame, codec, lost) for name, frame in layer_frames(project).items()}
    counts = _counts(frames)
    stale = [name + suffix for name in frames for suffix in SHAPEFILE_INDEXES]
    with files_written_into(folder, complete=_shapefile_complete(counts), stale=stale) as staging:
        for name, frame in frames.items():
            path = staging / f"{name}.shp"
            pyogrio.write_dataframe(frame, path, driver="ESRI Shapefile", encoding=codec,
                                    geometry_type=GEOMETRY[name], promote_to_multi=GEOMETRY[name].startswith("Multi"))
            write_cpg(path, codec)
    return counts


SHAPEFILE_TEXT_BYTES = 254  # a DBF character field


def shapefile_text(text: str, codec: str) -> str:
    """``text`` as a shapefile in ``codec`` holds it: what the codec cannot write
    made "?" (GDAL would drop it with no more than a warning), cut to whole
    characters within the field's bytes."""
    data = text.encode(codec, "replace")[:SHAPEFILE_TEXT_BYTES]
    return data.decode(codec, "ignore")


def _fitting(frame: gpd.GeoDataFrame, codec: str, lost: list[str]) -> gpd.GeoDataFrame:
    """``frame`` with its texts as a shapefile holds them; those that changed go to ``lost``."""
    frame = frame.copy()
    for column in frame.columns.drop("geometry"):
        texts = frame[column].tolist()
        written = [shapefile_text(t, codec) if isinstance(t, str) else t for t in texts]
        changed = [t for t, w in zip(texts, written) if t != w]
        if changed:
            lost += changed
            frame[column] = written
    return frame


def _geojson_complete(counts: dict[str, int]) -> Check:
    """GDAL's GeoJSON driver does not report a failed write: each file must
    parse, with every feature."""
    def complete(path: Path) -> bool:
        try:
            with open(path, encoding="utf-8") as handle:
                return len(json.load(handle)["features"]) == counts.get(path.stem)
        except (OSError, ValueError, KeyError, TypeError):
            return False
    return complete


def export_geojson(project: Project, folder: str | Path) -> dict[str, int]:
    """One GeoJSON per layer in WGS84 longitude/latitude (RFC 7946), for web maps
    and phones, in ``folder`` (made if missing); returns the features per layer.
    Replaces the earlier set all at once, as :func:`export_shapefiles`."""
    frames = layer_frames(project)
    counts = _counts(frames)
    with files_written_into(folder, complete=_geojson_complete(counts)) as staging:
        for name, frame in frames.items():
            pyogrio.write_dataframe(frame.to_crs(4326), staging / f"{name}.geojson", driver="GeoJSON",
                                    layer_options={"RFC7946": "YES", "WRITE_NAME": "NO"})
    return counts
