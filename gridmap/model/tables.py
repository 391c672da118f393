"""The table registry: one entry per record type, naming its table, columns and
how each value goes to and from SQLite. Storage, change sets and statistics are
written once against this registry instead of once per table.

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
from typing import Any, Callable, NamedTuple, Sequence

import numpy as np
import shapely

from gridmap.model import entities as e
from gridmap.model.coordinates import coordinate_faults, fault_text

SET_SEPARATOR = ","
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _set_to_sql(value: frozenset[str]) -> str:
    return SET_SEPARATOR.join(sorted(value))


def _set_from_sql(value: str | None) -> frozenset[str]:
    return frozenset(v for v in (value or "").split(SET_SEPARATOR) if v)


def _date_to_sql(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _date_from_sql(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _datetime_to_sql(value: dt.datetime) -> str:
    # The GeoPackage DATETIME form: ISO 8601 in UTC with milliseconds and Z.
    utc = value.astimezone(dt.timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def _datetime_from_sql(value: str) -> dt.datetime:
    return dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.timezone.utc)


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
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def _identity(value: Any) -> Any:
    return value


def _bool_from_sql(value: int | None) -> bool:
    return bool(value)


def _bool_to_sql(value: bool) -> int:
    return 1 if value else 0


@dataclass(frozen=True)
class SqlType:
    """A GeoPackage column type and its Python ↔ SQLite conversion.

    ``python``: the types a record's field may hold (the editing API checks
    them); ``stored``: what SQLite hands back for a clean value (empty: any);
    ``repair``: a stored value of another form to the field's value, raising
    ``ValueError`` when there is none; ``empty``: the value then, in a NOT NULL
    column without its own fallback.
    """

    ddl: str
    to_sql: Callable[[Any], Any] = _identity
    from_sql: Callable[[Any], Any] = _identity
    python: tuple[type, ...] = ()
    stored: tuple[type, ...] = ()
    repair: Callable[[Any], Any] | None = None
    empty: Any = None


INTEGER = SqlType("INTEGER", python=(int,), stored=(int,), repair=_int_repair, empty=0)
REAL = SqlType("REAL", python=(float, int), stored=(float,), repair=_real_repair, empty=0.0)
TEXT = SqlType("TEXT", python=(str,), stored=(str,), repair=_text_repair, empty="")
# numpy's bool too (shapely's predicates give it; to_sql makes it 0 or 1); any stored value has a truth
BOOLEAN = SqlType("BOOLEAN", _bool_to_sql, _bool_from_sql, python=(bool, np.bool_))
DATE = SqlType("DATE", _date_to_sql, _date_from_sql, python=(dt.date,), stored=(str,), repair=_date_repair)
DATETIME = SqlType("DATETIME", _datetime_to_sql, _datetime_from_sql, python=(dt.datetime,), stored=(str,),
                   repair=_datetime_repair, empty=EPOCH)
# a set of names, sorted, comma-joined
TEXT_SET = SqlType("TEXT", _set_to_sql, _set_from_sql, python=(frozenset,), stored=(str,),
                   repair=lambda value: _set_from_sql(_text_repair(value)), empty=frozenset())


@dataclass(frozen=True)
class Column:
    name: str
    type: SqlType
    constraint: str = ""  # e.g. "NOT NULL", "REFERENCES zones(id)"
    fallback: Any = None  # what an unreadable stored value becomes (None: the type's empty value)

    @property
    def nullable(self) -> bool:
        return "NOT NULL" not in self.constraint

    def read(self, values: Sequence[Any]) -> Sequence[Any] | None:
        """The column's stored values as field values, or None if one of them
        needs a repair (then :meth:`read_one` each). The fast path."""
        allowed = set(self.type.stored) | ({type(None)} if self.nullable else set())
        if self.type.stored and not set(map(type, values)) <= allowed:
            return None
        if self.type is REAL and not np.isfinite(np.fromiter((v for v in values if v is not None), float)).all():
            return None
        if self.type.from_sql is _identity:
            return values
        try:
            return list(map(self.type.from_sql, values))
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
        """Values of the non-geometry columns, converted for SQLite, key first."""
        return (getattr(record, self.key),) + tuple(c.type.to_sql(getattr(record, c.name)) for c in self.columns)

    @property
    def select_order(self) -> tuple[str, ...]:
        """Column names in the record's field order (``geom`` for the geometry):
        rows selected this way become records positionally, the fast way."""
        names = {c.name: c.name for c in self.columns} | {self.key: self.key, "geometry": "geom"}
        return tuple(names[f] for f in self.record._fields)

    def from_rows(self, rows: list[tuple], geometries: Any = None, substitutes: list[Substitute] | None = None) -> list[Any]:
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
NN = "NOT NULL"

TABLES: dict[str, TableSpec] = {s.name: s for s in (
    _spec("levels", e.Level, C("name", TEXT, NN), C("name_en", TEXT, NN),
          description="zone level names, depth 1 at the top", key="depth"),
    _spec("tag_defs", e.TagDef, C("name", TEXT, "NOT NULL UNIQUE"), C("color", TEXT, NN),
          C("sensitive", BOOLEAN, NN), C("position", INTEGER, NN),
          description="household tags and their chart colours"),
    _spec("zones", e.Zone, C("code", TEXT, NN), C("name", TEXT, NN), C("level", INTEGER, NN),
          C("parent_id", INTEGER, "REFERENCES zones(id)"),
          C("kind", TEXT, "NOT NULL DEFAULT ''"), C("parts_allowed", BOOLEAN, "NOT NULL DEFAULT 0"),
          geometry_type="MULTIPOLYGON", description="grid zones of every level"),
    _spec("compounds", e.Compound, C("name", TEXT, NN), C("kind", TEXT, NN),
          geometry_type="MULTIPOLYGON", description="compounds (小区/楼院)"),
    _spec("buildings", e.Building, C("number", TEXT, NN), C("code", TEXT, NN),
          C("compound_id", INTEGER, "REFERENCES compounds(id)"),
          C("zone_id", INTEGER, "REFERENCES zones(id)"),
          C("floors", INTEGER, NN, 1), C("kind", TEXT, NN),
          geometry_type="MULTIPOLYGON", description="building footprints"),
    _spec("units", e.Unit, C("building_id", INTEGER, "NOT NULL REFERENCES buildings(id)"),
          C("number", INTEGER, NN), C("rooms_per_floor", INTEGER, NN),
          description="building units (单元)"),
    _spec("households", e.Household,
          C("building_id", INTEGER, "NOT NULL REFERENCES buildings(id)"),
          C("unit_id", INTEGER, "REFERENCES units(id)"),
          C("floor", INTEGER, NN), C("room", TEXT, NN), C("occupancy", TEXT, NN),
          C("tags", TEXT_SET, NN), C("people", INTEGER, NN), C("last_checked", DATE),
          C("follow_up", BOOLEAN, NN), C("note", TEXT, NN),
          description="households, one per dwelling"),
    _spec("residents", e.Resident,
          C("household_id", INTEGER, "NOT NULL REFERENCES households(id)"),
          C("name", TEXT, NN), C("phone", TEXT, NN), C("id_number", TEXT, NN),
          C("is_head", BOOLEAN, NN),
          description="residents: sensitive personal information"),
    _spec("staff", e.Staff, C("name", TEXT, NN), C("phone", TEXT, NN), C("roles", TEXT_SET, NN),
          C("community_id", INTEGER, "REFERENCES zones(id)"), C("phone_public", BOOLEAN, NN),
          C("note", TEXT, NN), description="staff roster"),
    _spec("assignments", e.Assignment, C("staff_id", INTEGER, "NOT NULL REFERENCES staff(id)"),
          C("target_kind", TEXT, NN), C("target_id", INTEGER, NN), C("role", TEXT, NN),
          description="staff responsible for a zone, building, unit or checkpoint"),
    _spec("party_links", e.PartyLink, C("staff_id", INTEGER, "NOT NULL REFERENCES staff(id)"),
          C("household_id", INTEGER, "NOT NULL REFERENCES households(id)"),
          description="党员联户: party member ↔ household"),
    _spec("streets", e.Street, C("name", TEXT, NN), C("kind", TEXT, NN), C("width", REAL, NN, e.DEFAULT_STREET_WIDTH),
          geometry_type="MULTILINESTRING", description="street centrelines"),
    _spec("site_points", e.SitePoint, C("kind", TEXT, NN), C("name", TEXT, NN),
          C("compound_id", INTEGER, "REFERENCES compounds(id)"), C("state", TEXT, "NOT NULL DEFAULT ''"),
          geometry_type="POINT", description="gates, checkpoints, sampling and supply points"),
    _spec("site_routes", e.SiteRoute, C("kind", TEXT, NN), C("name", TEXT, NN),
          C("compound_id", INTEGER, "REFERENCES compounds(id)"),
          geometry_type="MULTILINESTRING", description="routes and closed loops"),
    _spec("change_log", e.ChangeLogEntry, C("at", DATETIME, NN), C("who", TEXT, NN),
          C("household_id", INTEGER, NN), C("field", TEXT, NN), C("old", TEXT, NN),
          C("new", TEXT, NN), C("action", TEXT, NN), C("label", TEXT, NN),
          description="every household change: who, when, what, old → new"),
)}

# Parents before children: the order to create tables and insert rows in.
TABLE_ORDER: tuple[str, ...] = tuple(TABLES)
FEATURE_TABLES: tuple[str, ...] = tuple(n for n, s in TABLES.items() if s.is_features)
RECORD_TABLE: dict[type, str] = {s.record: n for n, s in TABLES.items()}
