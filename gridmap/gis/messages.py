"""Why a GIS import preview repaired a feature or left it out, and why a GIS file
or a coordinate system cannot be used, in English with named blanks; each becomes
a :class:`~gridmap.reasons.Reason`, which the import dialog and the window's
messages show translated (tools/translations.sh feeds this file to lupdate)."""

from __future__ import annotations

from pathlib import Path

from gridmap.errors import GisFileError
from gridmap.reasons import Reason
from gridmap.workbooks.messages import QT_TRANSLATE_NOOP

CONTEXT = "GisImport"
REASONS: dict[str, str] = {
    "no_shape": QT_TRANSLATE_NOOP("GisImport", "the source has no readable shape for it"),
    "not_a_line": QT_TRANSLATE_NOOP("GisImport", "a {kind} is not a line"),
    "not_a_polygon": QT_TRANSLATE_NOOP("GisImport", "a {kind} is not a polygon"),
    "outside_project_crs": QT_TRANSLATE_NOOP("GisImport", "in the project's coordinate system {problem}"),
    "nothing_left": QT_TRANSLATE_NOOP("GisImport", "nothing of its kind is left once repaired"),
    "text_cut": QT_TRANSLATE_NOOP("GisImport", "{column}: cut to {length} characters"),
    "control_characters": QT_TRANSLATE_NOOP("GisImport", "{column}: control characters replaced by spaces"),
    "bad_count": QT_TRANSLATE_NOOP("GisImport", "{column} {value} is not a whole number from {least} to {most}: "
                                                "{default} used"),
    "bad_width": QT_TRANSLATE_NOOP("GisImport", "width {value} is not a street width in metres (up to {most}): "
                                                "{default} m, its class's, used"),
}
# shapely's geometry type ids, as the reasons name them
SHAPE_KINDS: dict[int, str] = {
    0: QT_TRANSLATE_NOOP("GisImport", "point"),
    1: QT_TRANSLATE_NOOP("GisImport", "line"),
    3: QT_TRANSLATE_NOOP("GisImport", "polygon"),
    4: QT_TRANSLATE_NOOP("GisImport", "multipoint"),
    5: QT_TRANSLATE_NOOP("GisImport", "multiline"),
    6: QT_TRANSLATE_NOOP("GisImport", "multipolygon"),
    7: QT_TRANSLATE_NOOP("GisImport", "geometry collection"),
}
SOME_SHAPE = QT_TRANSLATE_NOOP("GisImport", "shape")


def reason(key: str, **params) -> Reason:
    """The reason ``key`` of :data:`REASONS` with its blanks filled."""
    return Reason(CONTEXT, REASONS[key], **params)


def shape_kind(type_id: int) -> Reason:
    return Reason(CONTEXT, SHAPE_KINDS.get(int(type_id), SOME_SHAPE))


# A layer as the import dialog lists it: its name and what its features are.
LAYER_TITLE = QT_TRANSLATE_NOOP("GisImport", "{name} ({kind})")
LAYER_KINDS: dict[str, str] = {
    "Point": QT_TRANSLATE_NOOP("GisImport", "points"),
    "LineString": QT_TRANSLATE_NOOP("GisImport", "lines"),
    "Polygon": QT_TRANSLATE_NOOP("GisImport", "polygons"),
    "Unknown": QT_TRANSLATE_NOOP("GisImport", "mixed shapes"),
    "GeometryCollection": QT_TRANSLATE_NOOP("GisImport", "mixed shapes"),
}
NO_SHAPES = QT_TRANSLATE_NOOP("GisImport", "no shapes")
# the layers GDAL makes of an OpenStreetMap file, by what they hold
OSM_LAYERS: dict[str, str] = {
    "points": QT_TRANSLATE_NOOP("GisImport", "OSM points (shops, entrances…)"),
    "lines": QT_TRANSLATE_NOOP("GisImport", "OSM lines (streets, paths…)"),
    "multilinestrings": QT_TRANSLATE_NOOP("GisImport", "OSM routes"),
    "multipolygons": QT_TRANSLATE_NOOP("GisImport", "OSM areas (buildings, land use…)"),
    "other_relations": QT_TRANSLATE_NOOP("GisImport", "OSM other relations"),
}


def layer_title(name: str, kind: str | None, osm: bool = False) -> Reason:
    """"buildings (polygons)"; ``kind`` as GDAL gives it ("MultiPolygon Z", "Unknown", None);
    an OpenStreetMap file's layers by what they hold."""
    if osm and name in OSM_LAYERS:
        return Reason(CONTEXT, OSM_LAYERS[name])
    base = (kind or "").replace("3D ", "").split(" ")[0].removeprefix("Multi")
    shown = LAYER_KINDS.get(base, NO_SHAPES if not base or base == "None" else "")
    return Reason(CONTEXT, LAYER_TITLE, name=name, kind=Reason(CONTEXT, shown) if shown else kind)


# How a shapefile's text encoding was found (gridmap.gis.encoding), shown under the import preview.
ENCODING = {
    "from_cpg": QT_TRANSLATE_NOOP("GisImport", "from the .cpg file ({label})"),
    "cpg_says": QT_TRANSLATE_NOOP("GisImport", "the .cpg file says {label}"),
    "cpg_no_encoding": QT_TRANSLATE_NOOP("GisImport", "the .cpg file says {label}, which names no encoding"),
    "from_ldid": QT_TRANSLATE_NOOP("GisImport", "DBF language id {ldid}: {meaning}"),
    "ldid_says": QT_TRANSLATE_NOOP("GisImport", "the DBF language id {ldid} says {meaning}"),
    "ldid_unknown": QT_TRANSLATE_NOOP("GisImport", "DBF language id {ldid} is not one gridmap knows"),
    "ascii": QT_TRANSLATE_NOOP("GisImport", "the text is plain ASCII; read as UTF-8"),
    "decodes": QT_TRANSLATE_NOOP("GisImport", "the text decodes as {codec}"),
    "decodes_not": QT_TRANSLATE_NOOP("GisImport", "the text decodes as {codec}, not as {failed}"),
    "overridden_one": QT_TRANSLATE_NOOP(
        "GisImport", "{claim}, but 1 text value does not decode as {declared}; the text decodes as {codec}, "
                     "so that overrides it"),
    "overridden_many": QT_TRANSLATE_NOOP(
        "GisImport", "{claim}, but {count} text values do not decode as {declared}; the text decodes as {codec}, "
                     "so that overrides it"),
    "overridden_single_byte": QT_TRANSLATE_NOOP(
        "GisImport", "{claim}, but a single-byte code page accepts any bytes; the text decodes as {codec}, "
                     "so that overrides it"),
    "fewest_failures": QT_TRANSLATE_NOOP(
        "GisImport", "no encoding decodes every text value; {codec} fails on the fewest "
                     "({failed} of {total} non-ASCII text values)"),
    "with_note": QT_TRANSLATE_NOOP("GisImport", "{detail}; {note}"),
    "either": QT_TRANSLATE_NOOP("GisImport", "{first} or {second}"),
}
# What each DBF language driver id means (gridmap.gis.encoding.LANGUAGE_IDS)
DBF_LANGUAGES = {
    0x01: QT_TRANSLATE_NOOP("GisImport", "US MS-DOS"),
    0x02: QT_TRANSLATE_NOOP("GisImport", "international MS-DOS"),
    0x03: QT_TRANSLATE_NOOP("GisImport", "Windows ANSI"),
    0x13: QT_TRANSLATE_NOOP("GisImport", "Japanese Shift-JIS"),
    0x4D: QT_TRANSLATE_NOOP("GisImport", "GBK"),
    0x4E: QT_TRANSLATE_NOOP("GisImport", "Korean"),
    0x4F: QT_TRANSLATE_NOOP("GisImport", "Big5"),
    0x50: QT_TRANSLATE_NOOP("GisImport", "Thai"),
    0x57: QT_TRANSLATE_NOOP("GisImport", "ANSI (the writer's Windows code page, taken as 1252)"),
    0x58: QT_TRANSLATE_NOOP("GisImport", "Western European ANSI"),
    0x59: QT_TRANSLATE_NOOP("GisImport", "Spanish ANSI"),
    0x78: QT_TRANSLATE_NOOP("GisImport", "Big5 (Windows)"),
    0x79: QT_TRANSLATE_NOOP("GisImport", "Korean (Windows)"),
    0x7A: QT_TRANSLATE_NOOP("GisImport", "PRC GBK (code page 936)"),
    0x7B: QT_TRANSLATE_NOOP("GisImport", "Japanese (Windows)"),
    0x7C: QT_TRANSLATE_NOOP("GisImport", "Thai (Windows)"),
    0xC8: QT_TRANSLATE_NOOP("GisImport", "Eastern European (Windows)"),
    0xC9: QT_TRANSLATE_NOOP("GisImport", "Russian (Windows)"),
}


def encoding_reason(key: str, **params) -> Reason:
    """How the encoding was found (:data:`ENCODING`); ``meaning`` may be a :data:`DBF_LANGUAGES` id."""
    if isinstance(params.get("meaning"), int):
        params["meaning"] = Reason(CONTEXT, DBF_LANGUAGES[params["meaning"]])
    return Reason(CONTEXT, ENCODING[key], **params)


# Why a GIS file cannot be read or used (gridmap/gis/reading.py, encoding.py, new_project.py): a
# GisFileError's problem and advice.
# GDAL's own words ({error}) are English: a translation may leave them out.
FILE_PROBLEMS: dict[str, str] = {
    "part_missing": QT_TRANSLATE_NOOP("GisImport", "{part} of this shapefile is missing"),
    "copy_part": QT_TRANSLATE_NOOP("GisImport", "copy {part_file} next to {file}; a shapefile is several files"),
    "no_file": QT_TRANSLATE_NOOP("GisImport", "there is no such file"),
    "unreadable": QT_TRANSLATE_NOOP("GisImport", "GDAL cannot read it ({error})"),
    "check_format": QT_TRANSLATE_NOOP("GisImport", "check that the file is complete and of a GIS format (GeoPackage, "
                                                   "Shapefile, GeoJSON, FlatGeobuf, OpenStreetMap .pbf/.osm)"),
    "no_geometry": QT_TRANSLATE_NOOP("GisImport", "it has no layer with geometry"),
    "choose_shapes": QT_TRANSLATE_NOOP("GisImport", "choose a file with points, lines or polygons"),
    "no_layer": QT_TRANSLATE_NOOP("GisImport", "it has no layer named {layer!r}"),
    "its_layers": QT_TRANSLATE_NOOP("GisImport", "its layers are: {layers}"),
    "not_an_encoding": QT_TRANSLATE_NOOP("GisImport", "{encoding!r} is not a text encoding"),
    "give_encoding": QT_TRANSLATE_NOOP("GisImport", "give one such as GBK, GB18030 or UTF-8, or leave it out to have "
                                                    "it found"),
    "unreadable_layer": QT_TRANSLATE_NOOP("GisImport", "GDAL cannot read layer {layer!r} ({error})"),
    "empty_layer": QT_TRANSLATE_NOOP("GisImport", "layer {layer!r} is empty"),
    "choose_other": QT_TRANSLATE_NOOP("GisImport", "choose another layer or file"),
    "stopped": QT_TRANSLATE_NOOP("GisImport", "GDAL stopped reading layer {layer!r} ({error})"),
    "damaged": QT_TRANSLATE_NOOP("GisImport", "the file may be truncated or damaged"),
    # a shapefile's attribute table, read for its text encoding (gridmap/gis/encoding.py)
    "is_folder": QT_TRANSLATE_NOOP("GisImport", "is a folder, not a shapefile."),
    "choose_shp_inside": QT_TRANSLATE_NOOP("GisImport", "Choose the .shp file inside it."),
    "does_not_exist": QT_TRANSLATE_NOOP("GisImport", "does not exist."),
    "no_dbf": QT_TRANSLATE_NOOP("GisImport", "has no attribute table: {stem}.dbf is missing from its folder."),
    "copy_dbf": QT_TRANSLATE_NOOP("GisImport", "Copy the .dbf that came with the .shp next to it."),
    "dbf_unreadable": QT_TRANSLATE_NOOP("GisImport", "cannot be read: {error}."),
    "dbf_too_short": QT_TRANSLATE_NOOP("GisImport", "is too short to be a DBF table ({size} bytes; its header alone "
                                                    "takes 32)."),
    "dbf_header_beyond": QT_TRANSLATE_NOOP("GisImport", "is not a valid DBF table: its header claims {claimed} bytes "
                                                        "but the file has {size}."),
    "dbf_no_end_marker": QT_TRANSLATE_NOOP("GisImport", "is not a valid DBF table: its list of fields has no end "
                                                        "marker."),
    "dbf_record_width": QT_TRANSLATE_NOOP("GisImport", "is not a valid DBF table: its fields take {width} bytes per "
                                                       "record but the header says {claimed}."),
    "dbf_cut_short": QT_TRANSLATE_NOOP("GisImport", "is cut short: the header promises {promised} records but the "
                                                    "file ends after {whole}."),
    "copy_shapefile_again": QT_TRANSLATE_NOOP("GisImport", "Copy the shapefile again from its source; all its files "
                                                           "(.shp, .shx, .dbf, .prj, .cpg) belong together."),
    # a new project for a GIS file (gridmap/gis/new_project.py)
    "no_shapes": QT_TRANSLATE_NOOP("GisImport", "{file}: no feature of layer {layer!r} has a shape"),
    "project_exists": QT_TRANSLATE_NOOP("GisImport", "{path} exists already: a new project needs a new file"),
}
SHAPEFILE_PARTS: dict[str, str] = {
    ".shx": QT_TRANSLATE_NOOP("GisImport", "the index (.shx)"),
    ".dbf": QT_TRANSLATE_NOOP("GisImport", "the attribute table (.dbf)"),
}


def file_problem(key: str, **params) -> Reason:
    """The problem or advice ``key`` of :data:`FILE_PROBLEMS`, its blanks filled."""
    return Reason(CONTEXT, FILE_PROBLEMS[key], **params)


def file_error(path: str | Path, problem: str, advice: str = "", **params) -> GisFileError:
    """The error for ``path``: the problem ``problem`` and the advice ``advice`` (keys of
    :data:`FILE_PROBLEMS`), both filled from ``params``."""
    return GisFileError(path, file_problem(problem, **params), file_problem(advice, **params) if advice else "")


# Why coordinates or a coordinate system cannot be used (CoordinateError). "--crs" is the
# command line's; the window's translation names its own field instead.
CRS_PROBLEMS: dict[str, str] = {
    "unknown_crs": QT_TRANSLATE_NOOP("GisImport", "Unknown coordinate reference system {text!r}: give an EPSG code "
                                                  "such as 'EPSG:4547', WKT or a PROJ string."),
    "not_lonlat": QT_TRANSLATE_NOOP("GisImport", "({lon}, {lat}) is not a longitude, latitude in degrees."),
    "offset_on_projected": QT_TRANSLATE_NOOP(
        "GisImport", "The {offset} offset applies to longitude and latitude, but the source CRS {crs!r} is "
                     "projected: leave the offset out or give a geographic source CRS."),
    "no_transformation": QT_TRANSLATE_NOOP("GisImport", "Cannot transform from {source!r} to {target!r}: {error}"),
    "not_expressible": QT_TRANSLATE_NOOP("GisImport", "{count} coordinates, the first ({x}, {y}), cannot be expressed "
                                                      "in {crs!r}: check the source CRS."),
    "no_crs": QT_TRANSLATE_NOOP("GisImport", "{file} declares no coordinate system: give one with --crs (for example "
                                             "EPSG:4490 for CGCS2000 longitude/latitude)"),
    "none_placed": QT_TRANSLATE_NOOP("GisImport", "None of the {count} shapes can be placed in the project's "
                                                  "coordinate system EPSG:{srs_id}: check the source's coordinate "
                                                  "system (give it with --crs)."),
    # a new project for a GIS file (gridmap/gis/new_project.py) and map offsets (gridmap/gis/offsets.py)
    "no_crs_for_new": QT_TRANSLATE_NOOP("GisImport", "{file} declares no coordinate system: give one (for example "
                                                     "EPSG:4490)"),
    "unknown_offset": QT_TRANSLATE_NOOP("GisImport", "Unknown coordinate offset {offset!r}: use 'gcj02' or 'bd09'."),
    "offset_diverged": QT_TRANSLATE_NOOP("GisImport", "Removing the {name} offset did not converge after {steps} steps "
                                                      "(worst miss {worst} degrees); check that the coordinates are "
                                                      "longitude, latitude in degrees."),
}


def crs_problem(key: str, **params) -> Reason:
    """The problem ``key`` of :data:`CRS_PROBLEMS`, its blanks filled."""
    return Reason(CONTEXT, CRS_PROBLEMS[key], **params)
