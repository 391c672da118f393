"""The table registry: one entry per record type, naming its table, its fields'
kinds and how each value goes to and from its stored form (numbers, text, ISO
dates). Storage, change sets, history and statistics are written once against
this registry instead of once per table. It says nothing of SQL: each store
(``gridmap.storage``) maps the kinds to its own column types.

Reading is tolerant: a value another program stored in the wrong form (a
datetime in a DATE column, the text 'NaN' or ∞ in a REAL one, a shape with a
1e308 coordinate) is replaced by a usable value or set aside as the table is
read, and each such substitute is listed (:class:`Substitute`), so that one bad
value never makes a project unopenable. (``gridmap repair`` is another thing: it
removes database objects gridmap did not make.) Clean columns take the fast path: one type test per column.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any, NamedTuple
from collections.abc import Callable, Sequence

import numpy as np
import shapely

from gridmap.model import entities as e
from gridmap.model.coordinates import coordinate_faults, fault_text

SET_SEPARATOR = ","
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _set_encode(value: frozenset[str]) -> str:
    return SET_SEPARATOR.join(sorted(value))


def _set_decode(value: str | None) -> frozenset[str]:
    return frozenset(v for v in (value or "").split(SET_SEPARATOR) if v)


def _date_encode(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _date_decode(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _datetime_encode(value: dt.datetime | None) -> str | None:
    # The GeoPackage DATETIME form: ISO 8601 in UTC with milliseconds and Z.
    if value is None:
        return None
    utc = value.astimezone(dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def _datetime_decode(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    return dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)


# -- substitutes: a stored value of another form to the field's value (ValueError: none) --

def _int_repair(value: Any) -> int:
    number = float(value.strip() if isinstance(value, str) else value)
    if not number.is_integer():
        raise ValueError(value)
    return int(number)


def _real_repair(value: Any) -> float:
    number = float(value.strip() if isinstance(value, str) else value)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def _text_repair(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, (int, float)):
        return str(value)
    raise ValueError(value)


def _date_repair(value: Any) -> dt.date:
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])  # a datetime ("2026-11-01T09:00:00"): its date
    except ValueError:
        return dt.datetime.fromisoformat(text).date()


def _datetime_repair(value: Any) -> dt.datetime:
    moment = dt.datetime.fromisoformat(str(value).strip())
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _identity(value: Any) -> Any:
    return value


def _bool_decode(value: int | None) -> bool:
    return bool(value)


def _bool_encode(value: bool) -> int:
    return 1 if value else 0


@dataclass(frozen=True)
class FieldKind:
    """What a field holds and how it is stored: ``name`` (a store picks its column
    type by it), ``encode``/``decode`` between the field value and the stored one.

    ``python``: the types a record's field may hold (the editing API checks
    them); ``stored``: what a store hands back for a clean value (empty: any);
    ``repair``: a stored value of another form to the field's value, raising
    ``ValueError`` when there is none; ``empty``: the value then, in a required
    column without its own fallback.
    """

    name: str
    encode: Callable[[Any], Any] = _identity
    decode: Callable[[Any], Any] = _identity
    python: tuple[type, ...] = ()
    stored: tuple[type, ...] = ()
    repair: Callable[[Any], Any] | None = None
    empty: Any = None


INTEGER = FieldKind("integer", python=(int,), stored=(int,), repair=_int_repair, empty=0)
REAL = FieldKind("real", python=(float, int), stored=(float,), repair=_real_repair, empty=0.0)
TEXT = FieldKind("text", python=(str,), stored=(str,), repair=_text_repair, empty="")
# numpy's bool too (shapely's predicates give it; encode makes it 0 or 1); any stored value has a truth
BOOLEAN = FieldKind("boolean", _bool_encode, _bool_decode, python=(bool, np.bool_))
DATE = FieldKind("date", _date_encode, _date_decode, python=(dt.date,), stored=(str,), repair=_date_repair)
DATETIME = FieldKind("datetime", _datetime_encode, _datetime_decode, python=(dt.datetime,), stored=(str,),
                     repair=_datetime_repair, empty=EPOCH)
# a set of names, sorted, comma-joined
TEXT_SET = FieldKind("text_set", _set_encode, _set_decode, python=(frozenset,), stored=(str,),
                     repair=lambda value: _set_decode(_text_repair(value)), empty=frozenset())


# photos: kept as they are (a history entry names their size, never their bytes)
BLOB = FieldKind("blob", python=(bytes,), stored=(bytes,), repair=lambda value: bytes(value), empty=b"")


@dataclass(frozen=True)
class Column:
    name: str
    type: FieldKind
    required: bool = False  # never empty (None)
    references: str | None = None  # the table whose id this column holds
    unique: bool = False
    default: Any = None  # the stored value a row written without this column gets (older files)
    fallback: Any = None  # what an unreadable stored value becomes (None: the type's empty value)

    @property
    def nullable(self) -> bool:
        return not self.required

    def read(self, values: Sequence[Any]) -> Sequence[Any] | None:
        """The column's stored values as field values, or None if one of them
        needs a repair (then :meth:`read_one` each). The fast path."""
        allowed = set(self.type.stored) | ({type(None)} if self.nullable else set())
        if self.type.stored and not set(map(type, values)) <= allowed:
            return None
        if self.type is REAL and not np.isfinite(np.fromiter((v for v in values if v is not None), float)).all():
            return None
        if self.type.decode is _identity:
            return values
        try:
            return list(map(self.type.decode, values))
        except (ValueError, TypeError):
            return None

    def read_one(self, value: Any) -> tuple[Any, bool]:
        """(field value, whether it had to be repaired) for one stored value."""
        if value is None and self.nullable:
            return None, False
        clean = self.read([value])
        if clean is not None:
            return clean[0], False
        try:
            if value is None or self.type.repair is None:
                raise ValueError(value)
            return self.type.repair(value), True
        except (ValueError, TypeError, OverflowError):
            if self.fallback is not None or not self.nullable:
                return (self.fallback if self.fallback is not None else self.type.empty), True
            return None, True


class Substitute(NamedTuple):
    """A stored value that could not be read as it was, and what was used instead."""

    table: str
    key: int
    field: str
    stored: Any
    used: Any

    def __str__(self) -> str:
        if self.field == "geometry":
            return f"{self.table} {self.key}: the shape is left out ({self.stored}); draw it again"
        stored = self.stored if isinstance(self.stored, (int, float)) else repr(str(self.stored)[:40])
        used = "it is left blank" if self.used is None else f"{self.used} is used"
        return f"{self.table} {self.key}: {self.field} {stored} cannot be read as stored; {used}"


@dataclass(frozen=True)
class TableSpec:
    """How one record type is stored.

    ``geometry_type`` is set for GeoPackage feature tables (their geometry lives
    in column ``geom`` and in the record's ``geometry`` field).
    """

    name: str
    record: type
    columns: tuple[Column, ...]
    geometry_type: str | None = None
    description: str = ""
    key: str = "id"  # the integer primary key field

    @property
    def is_features(self) -> bool:
        return self.geometry_type is not None

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def to_row(self, record: Any) -> tuple:
        """Values of the non-geometry columns in their stored form, key first."""
        return (getattr(record, self.key),) + tuple(c.type.encode(getattr(record, c.name)) for c in self.columns)

    @property
    def select_order(self) -> tuple[str, ...]:
        """Column names in the record's field order (``geom`` for the geometry):
        rows selected this way become records positionally, the fast way."""
        names = {c.name: c.name for c in self.columns} | {self.key: self.key, "geometry": "geom"}
        return tuple(names[f] for f in self.record._fields)

    def from_rows(self, rows: list[tuple], geometries: Any = None,
                  substitutes: list[Substitute] | None = None) -> list[Any]:
        """Records from rows selected in :attr:`select_order`; ``geometries``
        (decoded separately) replace the ``geom`` column.

        Works column by column (converters map over a whole column, records are
        built from zipped columns): no per-row Python loop for 100,000 buildings.
        A value that cannot be read as stored is repaired (a datetime in a DATE
        column: its date) or replaced (the column's fallback), and a shape with
        a coordinate that is not a number or beyond ``LARGEST_COORDINATE`` is
        read as an empty one; each is appended to ``substitutes`` when given.
        """
        if not rows:
            return []
        order = self.select_order
        columns = list(zip(*rows))
        keys = columns[order.index(self.key)]
        found: list[Substitute] = [] if substitutes is None else substitutes
        if geometries is not None:
            columns[order.index("geom")] = self._usable_shapes(np.asarray(geometries, dtype=object), keys, found)
        by_name = {c.name: c for c in self.columns}
        for i, name in enumerate(order):
            if name in by_name:
                column = by_name[name]
                read = column.read(columns[i])
                if read is None:
                    read = []
                    for key, stored in zip(keys, columns[i]):
                        value, repaired = column.read_one(stored)
                        read.append(value)
                        if repaired:
                            found.append(Substitute(self.name, key, name, stored, value))
                columns[i] = read
        new = tuple.__new__
        record = self.record
        return [new(record, values) for values in zip(*columns)]

    def _usable_shapes(self, geometries: np.ndarray, keys, found: list[Substitute]) -> np.ndarray:
        """The shapes, those with unusable coordinates (NaN, ∞, 1e308) emptied:
        GEOS would throw on them or spin for ever, and every view would zoom to them."""
        faults = coordinate_faults(geometries)
        if not faults.any():
            return geometries
        geometries = geometries.copy()
        empty = shapely.from_wkt(f"{self.geometry_type} EMPTY")
        for at in np.flatnonzero(faults):
            found.append(Substitute(self.name, keys[at], "geometry", fault_text(int(faults[at]), None), empty))
            geometries[at] = empty
        return geometries


def _spec(name: str, record: type, *columns: Column, geometry_type: str | None = None,
          description: str = "", key: str = "id") -> TableSpec:
    spec = TableSpec(name, record, tuple(columns), geometry_type, description, key)
    expected = set(record._fields) - {key, "geometry"}
    if expected != set(spec.column_names):  # keep records and tables in step
        raise AssertionError(f"{name}: columns {sorted(spec.column_names)} != fields {sorted(expected)}")
    return spec


C = Column


def req(name: str, kind: FieldKind, fallback: Any = None, **more: Any) -> Column:
    """A required column."""
    return Column(name, kind, required=True, fallback=fallback, **more)


def ref(name: str, table: str, *, required: bool = False) -> Column:
    """A column holding the id of a row of ``table``."""
    return Column(name, INTEGER, required=required, references=table)


TABLES: dict[str, TableSpec] = {s.name: s for s in (
    _spec("levels", e.Level, req("name", TEXT), req("name_en", TEXT), req("role", TEXT, default=""),
          description="zone level names, depth 1 at the top", key="depth"),
    _spec("tag_defs", e.TagDef, req("name", TEXT, unique=True), req("color", TEXT),
          req("sensitive", BOOLEAN), req("position", INTEGER),
          description="household tags and their chart colours"),
    _spec("zones", e.Zone, req("code", TEXT), req("name", TEXT), req("level", INTEGER),
          ref("parent_id", "zones"),
          req("kind", TEXT, default=""), req("parts_allowed", BOOLEAN, default=False),
          geometry_type="MULTIPOLYGON", description="grid zones of every level"),
    _spec("compounds", e.Compound, req("name", TEXT), req("kind", TEXT),
          geometry_type="MULTIPOLYGON", description="compounds (小区/楼院)"),
    _spec("buildings", e.Building, req("number", TEXT), req("code", TEXT),
          ref("compound_id", "compounds"),
          ref("zone_id", "zones"),
          req("floors", INTEGER, 1), req("kind", TEXT),
          geometry_type="MULTIPOLYGON", description="building footprints"),
    _spec("units", e.Unit, ref("building_id", "buildings", required=True),
          req("number", INTEGER), req("rooms_per_floor", INTEGER),
          description="building units (单元)"),
    _spec("households", e.Household,
          ref("building_id", "buildings", required=True),
          ref("unit_id", "units"),
          req("floor", INTEGER), req("room", TEXT), req("occupancy", TEXT),
          req("tags", TEXT_SET), req("people", INTEGER), C("last_checked", DATE),
          req("follow_up", BOOLEAN), req("note", TEXT),
          description="households, one per dwelling"),
    _spec("residents", e.Resident,
          ref("household_id", "households", required=True),
          req("name", TEXT), req("phone", TEXT), req("id_number", TEXT),
          req("is_head", BOOLEAN),
          description="residents: sensitive personal information"),
    _spec("staff", e.Staff, req("name", TEXT), req("phone", TEXT), req("roles", TEXT_SET),
          ref("community_id", "zones"), req("phone_public", BOOLEAN),
          req("note", TEXT), description="staff roster"),
    _spec("assignments", e.Assignment, ref("staff_id", "staff", required=True),
          req("target_kind", TEXT), req("target_id", INTEGER), req("role", TEXT),
          description="staff responsible for a zone, building, unit or checkpoint"),
    _spec("party_links", e.PartyLink, ref("staff_id", "staff", required=True),
          ref("household_id", "households", required=True),
          description="党员联户: party member ↔ household"),
    _spec("streets", e.Street, req("name", TEXT), req("kind", TEXT), req("width", REAL, e.DEFAULT_STREET_WIDTH),
          geometry_type="MULTILINESTRING", description="street centrelines"),
    _spec("site_points", e.SitePoint, req("kind", TEXT), req("name", TEXT),
          ref("compound_id", "compounds"), req("state", TEXT, default=""),
          geometry_type="POINT", description="gates, checkpoints, sampling and supply points"),
    _spec("site_routes", e.SiteRoute, req("kind", TEXT), req("name", TEXT),
          ref("compound_id", "compounds"),
          geometry_type="MULTILINESTRING", description="routes and closed loops"),
    _spec("cases", e.Case, req("number", TEXT), req("category", TEXT), req("description", TEXT),
          req("source", TEXT), req("reporter", TEXT), req("reporter_phone", TEXT),
          req("reported_at", DATETIME), req("urgency", TEXT), req("deadline", DATETIME), req("status", TEXT),
          ref("zone_id", "zones"), ref("building_id", "buildings"), ref("household_id", "households"),
          req("address", TEXT), ref("assignee_id", "staff"), req("escalation", INTEGER), C("closed_at", DATETIME),
          geometry_type="POINT", description="residents' requests and incidents (有呼必应): personal data"),
    _spec("case_events", e.CaseEvent, ref("case_id", "cases", required=True), req("at", DATETIME),
          req("who", TEXT), req("action", TEXT), req("status", TEXT), ref("assignee_id", "staff"),
          req("note", TEXT), description="every step of every case: who, when, what, a note"),
    _spec("case_photos", e.CasePhoto, ref("case_id", "cases", required=True), req("name", TEXT),
          req("taken_at", DATETIME), req("data", BLOB), description="photos of cases: personal data"),
    _spec("visits", e.Visit, ref("staff_id", "staff"), req("visited_on", DATE), req("note", TEXT),
          description="door-to-door visits (入户走访)"),
    _spec("visit_households", e.VisitHousehold, ref("visit_id", "visits", required=True),
          ref("household_id", "households", required=True), req("found", TEXT),
          description="the households of each visit and what was found"),
    _spec("change_log", e.ChangeLogEntry, req("at", DATETIME), req("who", TEXT), req("table_name", TEXT),
          req("row_id", INTEGER), req("field", TEXT), req("old", TEXT), req("new", TEXT), req("action", TEXT),
          req("label", TEXT), description="the history of every table: who, when, which row, what, old → new"),
)}

# Parents before children: the order to create tables and insert rows in.
TABLE_ORDER: tuple[str, ...] = tuple(TABLES)
FEATURE_TABLES: tuple[str, ...] = tuple(n for n, s in TABLES.items() if s.is_features)
RECORD_TABLE: dict[type, str] = {s.record: n for n, s in TABLES.items()}
# The history's own table is not recorded in it.
RECORDED_TABLES: tuple[str, ...] = tuple(n for n in TABLE_ORDER if n != "change_log")
