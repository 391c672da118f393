"""From a GIS source layer to project records: streets, buildings, compounds or
zones. ``preview_import`` converts and checks everything and writes nothing;
``ImportFeatures`` writes what a preview accepts, as one undoable step.

What a preview tells: features turned into records, shapes repaired (and how),
features left out (no shape, wrong kind of shape, nothing left after repair, a
coordinate that is not a number or far outside the source's or the project's
coordinate system), features outside the project's area (left out unless asked
for). Attributes come in cleaned: text without control characters and of a
sane length, floors, units, rooms and street widths within sane ranges; a value
that is not is replaced by the default, and the feature is listed as repaired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiLineString, MultiPolygon

from gridmap.commands.stack import Command
from gridmap.errors import CoordinateError
from gridmap.gis.crs import parse_crs, to_project
from gridmap.gis.messages import crs_problem, reason, shape_kind
from gridmap.gis.reading import SourceLayer
from gridmap.levels import project_depths
from gridmap.model.changes import RowChange
from gridmap.model.coordinates import FINE, coordinate_faults, crs_limits, fault_text, first_bad_vertex
from gridmap.model.entities import (
    DEFAULT_STREET_WIDTH, MOST_FLOORS, MOST_ROOMS, MOST_UNITS, WIDEST_STREET, Building, Compound, Street, Unit, Zone,
)
from gridmap.model.validation import LONGEST_NAME, clean_text
from gridmap.spatial.assign import building_zone_ids, locate, relinked
from gridmap.spatial.messages import validity_reason
from gridmap.zone_names.serials import level_name

if TYPE_CHECKING:
    from gridmap.project import Project

TARGETS = ("streets", "buildings", "compounds", "zones")
LINES, POLYGONS = (1, 5), (3, 6)  # shapely type ids a target takes
# Column names a source may use for each field, Chinese and English, OSM tags included.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("name", "名称", "名字", "路名", "小区名称", "网格名称", "NAME", "Name", "MC", "name:zh"),
    "number": ("number", "楼号", "楼栋号", "楼栋", "门牌号", "addr:housenumber", "NUMBER", "LH", "name"),
    "floors": ("floors", "层数", "楼层数", "地上层数", "building:levels", "FLOORS", "CS"),
    "units": ("units", "单元数", "UNITS", "DYS"),
    "rooms": ("rooms", "每层户数", "梯户", "ROOMS", "MCHS"),
    "kind": ("kind", "类型", "道路等级", "highway", "building", "KIND", "TYPE"),
    "code": ("code", "编码", "网格编码", "CODE", "BM"),
}
# OSM highway classes kept as streets, with the class name and a width (m) when the source has none.
HIGHWAYS = {
    "motorway": ("主干路", 30.0), "trunk": ("主干路", 30.0), "primary": ("主干路", 30.0),
    "secondary": ("次干路", 24.0), "tertiary": ("次干路", 18.0), "unclassified": ("支路", 12.0),
    "residential": ("支路", 12.0), "living_street": ("支路", 8.0), "service": ("支路", 6.0),
    "pedestrian": ("支路", 8.0),
}
DEFAULT_STREET = ("支路", DEFAULT_STREET_WIDTH)
DEFAULT_ROOMS = 2  # households per floor of a unit when the source does not say (一梯两户)
OSM_TAG = re.compile(r'"((?:[^"\\]|\\.)*)"=>"((?:[^"\\]|\\.)*)"')
LEADING_NUMBER = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(?:m|米|层|F|f|个|户)?\s*$")  # "6", "7.5 m", "6层"


@dataclass(frozen=True)
class FieldMapping:
    """Which source column holds each field (None: not in the source)."""

    name: str | None = None
    number: str | None = None
    floors: str | None = None
    units: str | None = None  # buildings: how many units (单元)
    rooms: str | None = None  # buildings: households per floor of each unit
    kind: str | None = None
    code: str | None = None

    def describe(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


def with_osm_tags(frame: pd.DataFrame) -> pd.DataFrame:
    """OSM's ``other_tags`` ("building:levels"=>"6", …) spread into columns."""
    if "other_tags" not in frame.columns:
        return frame
    tags = [dict(OSM_TAG.findall(t)) if isinstance(t, str) else {} for t in frame["other_tags"]]
    wanted = {"building:levels", "addr:housenumber", "name:zh", "width"}
    extra = pd.DataFrame([{k: v for k, v in t.items() if k in wanted} for t in tags], index=frame.index)
    return frame.join(extra[[c for c in extra.columns if c not in frame.columns]])


def guess_mapping(frame: pd.DataFrame, target: str) -> FieldMapping:
    """The columns whose names say what they hold (楼号, 层数, name, building:levels…)."""
    columns = list(frame.columns)
    found: dict[str, str | None] = {}
    for key, names in SYNONYMS.items():
        found[key] = next((c for n in names for c in columns if c == n), None)
    if target == "buildings" and found["number"] == found["name"]:
        found["name"] = None  # a building's name is its number here
    return FieldMapping(**found)


@dataclass
class ImportPreview:
    target: str
    records: list[Any]  # new records, ids not yet given (0)
    rows: list[int]  # the source row of each record
    repaired: list[tuple[int, str]] = field(default_factory=list)
    left_out: list[tuple[int, str]] = field(default_factory=list)
    outside: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    units: list[tuple[int, int]] = field(default_factory=list)  # buildings: (units, rooms per floor) per record

    def summary(self) -> dict[str, int]:
        return {"records": len(self.records), "repaired": len(self.repaired), "left_out": len(self.left_out),
                "outside": len(self.outside)}


def preview_import(project: Project, source: SourceLayer, target: str, mapping: FieldMapping | None = None,
                   crs: str | None = None, offset: str | None = None, include_outside: bool = False,
                   zone_level: int | None = None) -> ImportPreview:
    """``zone_level``: the depth zones come in at (None: the grids'); each gets
    the zone one level up that holds it as its parent."""
    if zone_level is None:
        zone_level = project_depths(project).grid
    if target not in TARGETS:
        raise ValueError(f"import into {', '.join(TARGETS)}, not {target!r}")
    source_crs = parse_crs(crs) if crs else source.crs
    if source_crs is None:
        raise CoordinateError(crs_problem("no_crs", file=source.path.name))
    source = screened(source, source_crs)
    frame = with_osm_tags(source.frame)
    mapping = mapping or guess_mapping(frame, target)
    frame = _keep_rows(frame, target)
    geoms = frame.geometry.values
    preview = ImportPreview(target, [], [])
    wanted = LINES if target == "streets" else POLYGONS
    kinds = shapely.get_type_id(geoms)
    usable = np.zeros(len(frame), dtype=bool)
    for i, (row, kind) in enumerate(zip(frame.index, kinds)):
        if kind < 0:
            preview.left_out.append((int(row), source.set_aside.get(int(row)) or reason("no_shape")))
        elif kind not in wanted:
            preview.left_out.append((int(row), reason("not_a_line" if target == "streets" else "not_a_polygon",
                                                      kind=shape_kind(kind))))
        else:
            usable[i] = True
    frame, geoms = frame[usable], geoms[usable]
    geoms = shapely.force_2d(to_project(geoms, source_crs, project.srs_id, offset, lost="keep"))
    frame, geoms = _placed(frame, geoms, project.srs_id, preview)
    geoms = _repair(geoms, frame.index, target, preview)
    keep = np.array([g is not None for g in geoms], dtype=bool)
    frame, geoms = frame[keep], np.array([g for g in geoms if g is not None], dtype=object)
    area = _project_area(project)
    if area is not None and len(geoms):
        inside = shapely.intersects(geoms, area)
        preview.outside = [int(r) for r in frame.index[~inside]]
        if not include_outside:
            frame, geoms = frame[inside], geoms[inside]
    make = {"streets": _streets, "buildings": _buildings, "compounds": _compounds,
            "zones": lambda *a: _zones(*a, level=zone_level)}[target]
    preview.records = make(project, frame, geoms, mapping, preview)
    preview.rows = [int(r) for r in frame.index]
    preview.notes.append(f"fields: {mapping.describe() or 'none recognised'}")
    return preview


def screened(source: SourceLayer, crs=None) -> SourceLayer:
    """``source`` with the shapes far outside what its coordinate system (``crs``,
    else the declared one) can mean set aside, so that nothing computes with
    them (the choice of a new project's CRS, the transformation)."""
    crs = parse_crs(crs) if crs is not None else source.crs
    if crs is None:
        return source
    return source.set_aside_beyond(crs_limits(crs), f"{crs.name!r}")


def _placed(frame: pd.DataFrame, geoms: np.ndarray, srs_id: int, preview: ImportPreview):
    """The features whose shapes the transformation placed within the project's
    CRS; the others (a coordinate the projection cannot express, or far out) left out."""
    limits = crs_limits(int(srs_id))
    faults = coordinate_faults(geoms, limits)
    bad = faults != FINE
    if len(geoms) and bad.all():  # every one: the source's CRS is what is wrong
        raise CoordinateError(crs_problem("none_placed", count=len(geoms), srs_id=srs_id))
    for at in np.flatnonzero(bad):
        problem = fault_text(int(faults[at]), first_bad_vertex(geoms[at], limits), f"EPSG:{srs_id}")
        preview.left_out.append((int(frame.index[at]), reason("outside_project_crs", problem=problem)))
    return frame[~bad], geoms[~bad]


def _keep_rows(frame: pd.DataFrame, target: str) -> pd.DataFrame:
    """From an OSM layer, only the features the target is about (highways, buildings)."""
    if target == "streets" and "highway" in frame.columns:
        return frame[frame["highway"].isin(list(HIGHWAYS))]
    if target == "buildings" and "building" in frame.columns and "other_tags" in frame.columns:
        return frame[frame["building"].notna()]
    return frame


def _repair(geoms: np.ndarray, rows, target: str, preview: ImportPreview) -> list:
    """Invalid shapes made valid (listed); what is left must still be a line or a polygon."""
    out = []
    valid = shapely.is_valid(geoms)
    for geom, ok, row in zip(geoms, valid, rows):
        if not ok:
            why = validity_reason(geom)
            geom = shapely.make_valid(geom)
            preview.repaired.append((int(row), why))
        part = _lines(geom) if target == "streets" else _polygons(geom)
        if part is None:
            preview.left_out.append((int(row), reason("nothing_left")))
        out.append(part)
    return out


def _polygons(geom) -> MultiPolygon | None:
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon") and g.area > 0]
    polys = [p for g in parts for p in shapely.get_parts(g)]
    return MultiPolygon(polys) if polys else None


def _lines(geom) -> MultiLineString | None:
    lines = [g for g in shapely.get_parts(shapely.line_merge(geom) if geom.geom_type == "MultiLineString" else geom)
             if g.geom_type == "LineString" and g.length > 0]
    return MultiLineString(lines) if lines else None


def _project_area(project: Project):
    tops = [z.geometry for z in project.tables["zones"].values() if z.parent_id is None]
    return shapely.union_all(tops) if tops else None


def _text(frame: pd.DataFrame, column: str | None, preview: ImportPreview | None = None) -> list[str]:
    """The column as clean text (``clean_text``); with ``preview``, each row
    whose text had to be cleaned is listed as repaired."""
    if not column:
        return [""] * len(frame)
    raw = ["" if _missing(v) else str(v).strip() for v in frame[column]]
    clean = [clean_text(v) for v in raw]
    if preview is not None:
        preview.repaired += [(int(row), reason("text_cut", column=column, length=len(after))
                              if len(before) > LONGEST_NAME else reason("control_characters", column=column))
                             for row, before, after in zip(frame.index, raw, clean) if before != after]
    return clean


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array in a cell
        return False


def _number(text: str) -> float | None:
    """A number written as "6", "7.5", "7.5 m" or "6层"; None for anything else."""
    try:
        return float(text)
    except ValueError:
        found = LEADING_NUMBER.match(text)
        return float(found.group(1)) if found else None


def _counts(frame: pd.DataFrame, column: str | None, default: int, least: int, most: int,
            preview: ImportPreview) -> list[int]:
    """Whole numbers from ``least`` to ``most`` (6.5 floors: 6); a blank cell is
    ``default``, and so is anything else (1e9, -3, "many"), listed as repaired."""
    out = []
    for row, text in zip(frame.index, _text(frame, column)):
        number = _number(text) if text else None
        if text and (number is None or not least <= number <= most):  # NaN fails the test too
            preview.repaired.append((int(row), reason("bad_count", column=column, value=repr(text[:20]), least=least,
                                                      most=most, default=default)))
            number = None
        out.append(default if number is None else int(number))
    return out


def _streets(project, frame, geoms, mapping: FieldMapping, preview) -> list[Street]:
    highway = _text(frame, "highway" if "highway" in frame.columns else mapping.kind, preview)
    widths = _text(frame, "width" if "width" in frame.columns else None)
    names = _text(frame, mapping.name, preview)
    records = []
    for row, geom, name, cls, width in zip(frame.index, geoms, names, highway, widths):
        kind, default = HIGHWAYS.get(cls, (cls, DEFAULT_STREET[1])) if cls else DEFAULT_STREET
        w = _number(width) if width else default
        if w is None or not 0 < w <= WIDEST_STREET:  # "inf", "nan", -3, 1e9: a typo, not a street
            preview.repaired.append((int(row), reason("bad_width", value=repr(width[:20]), most=f"{WIDEST_STREET:g}",
                                                      default=f"{default:g}")))
            w = default
        records.append(Street(0, name, kind or DEFAULT_STREET[0], float(w), geom))
    return records


def _buildings(project, frame, geoms, mapping: FieldMapping, preview) -> list[Building]:
    numbers = _text(frame, mapping.number, preview)
    floors = _counts(frame, mapping.floors, 1, 1, MOST_FLOORS, preview)
    kinds = _text(frame, mapping.kind, preview)
    existing = [int(b.code) for b in project.tables["buildings"].values() if b.code.isdecimal()]
    serial = max(existing, default=0)
    compounds = list(project.tables["compounds"].values())
    tree = shapely.STRtree([c.geometry for c in compounds]) if compounds else None
    points = shapely.point_on_surface(geoms)
    records = []
    for i, (geom, number, floor, kind) in enumerate(zip(geoms, numbers, floors, kinds)):
        serial += 1
        compound = None
        if tree is not None:
            hits = tree.query(points[i], predicate="within")
            compound = compounds[int(hits[0])].id if len(hits) else None
        records.append(Building(0, number or f"{serial}号楼", f"{serial:05d}", compound, None, floor,
                                kind if kind and kind != "yes" else "", geom))
    if mapping.units:  # units with their rooms per floor, so a household roster can fill them
        rooms = _counts(frame, mapping.rooms, DEFAULT_ROOMS, 1, MOST_ROOMS, preview)
        preview.units = list(zip(_counts(frame, mapping.units, 0, 0, MOST_UNITS, preview), rooms))
        if not mapping.rooms:
            preview.notes.append(f"rooms per floor not in the source: {DEFAULT_ROOMS} for every unit")
    # the grid each stands in (building_zone_ids keys by id: new records get stand-in ids)
    temp = [b._replace(id=-(i + 1)) for i, b in enumerate(records)]
    zones = building_zone_ids(temp, project.tables["zones"].values())
    return [b._replace(zone_id=zones.get(t.id)) for b, t in zip(records, temp)]


def _compounds(project, frame, geoms, mapping: FieldMapping, preview) -> list[Compound]:
    names = _text(frame, mapping.name, preview)
    kinds = _text(frame, mapping.kind, preview)
    return [Compound(0, name or f"小区{i + 1}", kind if kind in ("小区", "楼院", "单位") else "小区", geom)
            for i, (geom, name, kind) in enumerate(zip(geoms, names, kinds))]


def _zones(project, frame, geoms, mapping: FieldMapping, preview, level: int) -> list[Zone]:
    """Zones at ``level``, each under the zone one level up holding most of it
    (none found: no parent, and the preview says so)."""
    names = _text(frame, mapping.name, preview)
    codes = _text(frame, mapping.code, preview)
    uppers = [z for z in project.tables["zones"].values() if z.level == level - 1]
    tree = shapely.STRtree([z.geometry for z in uppers]) if uppers else None
    points = shapely.point_on_surface(geoms)
    word = level_name(project, level)
    records, orphans = [], 0
    top = project_depths(project).office  # a street office needs no parent
    for i, (geom, name, code) in enumerate(zip(geoms, names, codes)):
        parent = None
        if tree is not None:
            hits = tree.query(points[i], predicate="within")
            parent = uppers[int(hits[0])].id if len(hits) else None
        orphans += parent is None and level > top
        records.append(Zone(0, code, name or f"{word}{i + 1}", level, parent, geom))
    if orphans:
        preview.notes.append(f"{orphans} zones lie in no zone of level {level - 1}: they have no parent")
    return records


class ImportFeatures(Command):
    """The preview's records added to their table, one undo step; zones come
    in with the tree and the buildings' links made right (``_zone_links``)."""

    label = "Import features"

    def __init__(self, preview: ImportPreview) -> None:
        super().__init__()
        self.preview = preview

    def build(self, project: Project) -> tuple[RowChange, ...]:
        table = self.preview.target
        changes = []
        units = self.preview.units or [(0, 0)] * len(self.preview.records)
        for record, (count, rooms) in zip(self.preview.records, units):
            new = record._replace(id=project.new_id(table))
            changes.append(RowChange(table, None, new))
            changes += [RowChange("units", None, Unit(project.new_id("units"), new.id, n, rooms))
                        for n in range(1, count + 1)]
        if table == "zones":
            changes += _zone_links(project, [c.after for c in changes])
        return tuple(changes)


def _zone_links(project: Project, added: list[Zone]) -> list[RowChange]:
    """What new zones change in the tree: the zones one level down that have no
    parent go under the new zone holding them (communities imported before their
    office), and every building is linked to the leaf zone holding it now (a
    zone that gets children is no longer the one its buildings belong to)."""
    zones = dict(project.tables["zones"])
    zones.update((z.id, z) for z in added)
    changes = []
    for level in sorted({z.level for z in added}):
        orphans = [z for z in zones.values() if z.level == level + 1 and z.parent_id is None]
        holders = locate(np.array([z.geometry for z in orphans], dtype=object), [z for z in added if z.level == level])
        for zone, holder in zip(orphans, holders):
            if holder >= 0:
                zones[zone.id] = zone._replace(parent_id=int(holder))
                changes.append(RowChange("zones", zone, zones[zone.id]))
    return changes + relinked(project.tables["buildings"].values(), zones.values())
