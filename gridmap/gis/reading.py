"""Reading a GIS source for import: GeoPackage, Shapefile, GeoJSON, FlatGeobuf,
OpenStreetMap PBF/XML, through GDAL (pyogrio). Every failure becomes a
``GisFileError`` that names the file, what is wrong and what to do; nothing
here writes anywhere.

Geometry a source holds but GDAL cannot turn into a shape (an OSM way clipped at
the extract's edge, a ring of two points) is kept as a missing geometry and
counted, so the preview can list it instead of the read failing. So is a shape
with a coordinate no coordinate system can mean (NaN, ∞, 1e308): it is set
aside with the reason, before anything computes with it.
"""

from __future__ import annotations

import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
from pyogrio.errors import DataLayerError, DataSourceError

from gridmap.cancel import Cancelled
from gridmap.errors import GisFileError
from gridmap.gis import osm_nodes
from gridmap.gis.messages import CONTEXT, SHAPEFILE_PARTS, file_error
from gridmap.model.coordinates import ANY_CRS, FINE, coordinate_faults, fault_text, first_bad_vertex
from gridmap.reasons import Reason

CHUNK = 50_000  # features read at a time, for progress and cancel on big files


@dataclass
class SourceLayer:
    """One layer of a source, read whole."""

    path: Path
    layer: str
    driver: str
    frame: gpd.GeoDataFrame  # geometry None where the source's shape could not be read
    crs: object | None  # pyproj CRS, None when the source declares none
    encoding: str | None = None  # the text encoding used (shapefiles)
    encoding_note: str = ""
    notes: list[str] = field(default_factory=list)
    set_aside: dict[int, str] = field(default_factory=dict)  # row → why its shape is unusable (geometry None)

    @property
    def unreadable(self) -> int:
        """Features whose shape GDAL could not read."""
        return int(self.frame.geometry.isna().sum()) - len(self.set_aside)

    def set_aside_beyond(self, limits: tuple[float, float, float, float], crs_name: str = "") -> SourceLayer:
        """This layer with the shapes that have a coordinate that is not a
        number or lies outside ``limits`` set aside (their geometry None, the
        reason in ``set_aside``); itself when there are none."""
        shapes = self.frame.geometry.values
        faults = coordinate_faults(shapes, limits)
        if not (faults != FINE).any():
            return self
        frame = self.frame.copy()
        set_aside = dict(self.set_aside)
        for at in np.flatnonzero(faults != FINE):
            set_aside[int(frame.index[at])] = fault_text(int(faults[at]), first_bad_vertex(shapes[at], limits),
                                                         crs_name)
        frame.loc[frame.index[faults != FINE], frame.geometry.name] = None
        return SourceLayer(self.path, self.layer, self.driver, frame, self.crs, self.encoding, self.encoding_note,
                           list(self.notes), set_aside)


def _check_shapefile(path: Path) -> None:
    for suffix, part in SHAPEFILE_PARTS.items():
        if not any(path.with_suffix(s).exists() for s in (suffix, suffix.upper())):
            raise file_error(path, "part_missing", "copy_part", part=Reason(CONTEXT, part),
                           part_file=f"{path.stem}{suffix}", file=path.name)


def list_source_layers(path: str | Path) -> list[tuple[str, str]]:
    """(name, geometry type) of each layer of ``path``."""
    path = Path(path)
    if not path.exists():
        raise file_error(path, "no_file")
    if path.suffix.lower() == ".shp":
        _check_shapefile(path)
    try:
        return [(str(name), str(kind)) for name, kind in pyogrio.list_layers(path)]
    except (DataSourceError, DataLayerError, OSError) as error:
        raise file_error(path, "unreadable", "check_format", error=_first_line(error)) from None


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def read_source(path: str | Path, layer: str | None = None, encoding: str | None = None,
                progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] = lambda: False) -> SourceLayer:
    """Read one layer of ``path`` (the first with geometry when ``layer`` is None).

    Shapefile text is decoded with ``encoding`` or, when None, with what
    ``gridmap.gis.encoding`` finds (.cpg, the DBF language id, the text itself).
    Big layers are read in chunks so that ``progress(done, total)`` and
    ``cancelled()`` are honoured between chunks.
    """
    path = Path(path)
    layers = list_source_layers(path)
    with_geometry = [name for name, kind in layers if kind not in ("", "None", None)]
    if layer is None:
        if not with_geometry:
            raise file_error(path, "no_geometry", "choose_shapes")
        layer = with_geometry[0]
    elif layer not in [name for name, _ in layers]:
        raise file_error(path, "no_layer", "its_layers", layer=layer, layers=", ".join(name for name, _ in layers))
    note = ""
    if path.suffix.lower() == ".shp" and encoding is None:
        from gridmap.gis.encoding import detect_shapefile_encoding, open_options_for

        guess = detect_shapefile_encoding(path)
        encoding, note = open_options_for(guess)["encoding"], guess.detail  # GDAL's name for it (iconv's)
    elif encoding is not None:
        from gridmap.gis.encoding import gdal_encoding_name

        try:
            encoding = gdal_encoding_name(encoding)
        except LookupError:
            raise file_error(path, "not_an_encoding", "give_encoding", encoding=encoding) from None
    try:
        info = pyogrio.read_info(path, layer=layer, encoding=encoding)
    except (DataSourceError, DataLayerError, OSError) as error:
        raise file_error(path, "unreadable_layer", layer=layer, error=_first_line(error)) from None
    total = int(info.get("features") or 0)
    driver = str(info.get("driver") or "")
    if total == 0 and driver != "OSM":  # the OSM driver does not count ahead
        raise file_error(path, "empty_layer", "choose_other", layer=layer)
    set_aside: dict[int, str] = {}
    try:
        frame = _read_chunks(path, layer, encoding, total, driver, progress, cancelled)
    except _NoPlaceNodes as stopped:
        frame, set_aside = _read_marked_osm(path, layer, encoding, driver, progress, cancelled, stopped.problem)
    if frame.empty:
        raise file_error(path, "empty_layer", "choose_other", layer=layer)
    crs = frame.crs
    notes = []
    if crs is None:
        notes.append("the file declares no coordinate system: give one (for example EPSG:4490 or EPSG:4547)")
    return SourceLayer(path, layer, driver, frame, crs, encoding, note, notes, set_aside).set_aside_beyond(ANY_CRS)


class _NoPlaceNodes(Exception):
    """GDAL stopped at an OpenStreetMap node with no place on Earth."""

    def __init__(self, problem: GisFileError) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _read_marked_osm(path: Path, layer: str, encoding, driver: str, progress, cancelled,
                     problem: GisFileError) -> tuple[gpd.GeoDataFrame, dict[int, str]]:
    """The layer read from a copy with the bad nodes on markers (``osm_nodes``),
    and the shapes through them set aside; GDAL's complaint if none is found."""
    with tempfile.TemporaryDirectory(prefix="gridmap-osm-") as folder:
        marked = osm_nodes.with_markers(path, Path(folder))
        if marked is None:
            raise problem
        copy, bad = marked
        try:
            frame = _read_chunks(copy, layer, encoding, 0, driver, progress, cancelled)
        except _NoPlaceNodes:
            raise problem from None
    frame.index = pd.RangeIndex(len(frame))
    reasons = osm_nodes.marked_shapes(frame.geometry.values, bad)
    if reasons:
        frame.loc[list(reasons), frame.geometry.name] = None
    return frame, reasons


def _read_chunks(path: Path, layer: str, encoding: str | None, total: int, driver: str,
                 progress, cancelled) -> gpd.GeoDataFrame:
    def read(**kwargs) -> gpd.GeoDataFrame:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # GDAL's notes on rings it repairs or drops
            try:
                return pyogrio.read_dataframe(path, layer=layer, encoding=encoding, on_invalid="ignore", **kwargs)
            except (DataSourceError, DataLayerError, OSError, ValueError) as error:
                problem = file_error(path, "stopped", "damaged", layer=layer, error=_first_line(error))
                if driver == "OSM" and osm_nodes.GDAL_COMPLAINT in str(error):
                    raise _NoPlaceNodes(problem) from None
                raise problem from None

    if driver == "OSM" or total <= CHUNK:  # OSM is read in one pass (it cannot skip ahead)
        if cancelled():
            raise Cancelled()
        frame = read()
        if progress:
            progress(len(frame), len(frame))
        return frame
    parts = []
    for start in range(0, total, CHUNK):
        if cancelled():
            raise Cancelled()
        parts.append(read(skip_features=start, max_features=CHUNK))
        if progress:
            progress(min(start + CHUNK, total), total)
    return gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs=parts[0].crs)
