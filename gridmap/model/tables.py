"""The table registry: one entry per record type, naming its table, columns and
how each value goes to and from SQLite. Storage, change sets and statistics are
written once against this registry instead of once per table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from gridmap.model import entities as e

SET_SEPARATOR = ","


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


def _identity(value: Any) -> Any:
    return value


def _bool_from_sql(value: int | None) -> bool:
    return bool(value)


def _bool_to_sql(value: bool) -> int:
    return 1 if value else 0


@dataclass(frozen=True)
class SqlType:
    """A GeoPackage column type and its Python ↔ SQLite conversion."""

    ddl: str
    to_sql: Callable[[Any], Any] = _identity
    from_sql: Callable[[Any], Any] = _identity


INTEGER = SqlType("INTEGER")
REAL = SqlType("REAL")
TEXT = SqlType("TEXT")
BOOLEAN = SqlType("BOOLEAN", _bool_to_sql, _bool_from_sql)
DATE = SqlType("DATE", _date_to_sql, _date_from_sql)
DATETIME = SqlType("DATETIME", _datetime_to_sql, _datetime_from_sql)
TEXT_SET = SqlType("TEXT", _set_to_sql, _set_from_sql)  # a set of names, sorted, comma-joined


@dataclass(frozen=True)
class Column:
    name: str
    type: SqlType
    constraint: str = ""  # e.g. "NOT NULL", "REFERENCES zones(id)"


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

    def from_rows(self, rows: list[tuple], geometries: Any = None) -> list[Any]:
        """Records from rows selected in :attr:`select_order`; ``geometries``
        (decoded separately) replace the ``geom`` column.

        Works column by column (converters map over a whole column, records are
        built from zipped columns): no per-row Python loop for 100,000 buildings.
        """
        if not rows:
            return []
        order = self.select_order
        columns = list(zip(*rows))
        if geometries is not None:
            columns[order.index("geom")] = geometries
        types = {c.name: c.type for c in self.columns}
        for i, name in enumerate(order):
            if name in types and types[name].from_sql is not _identity:
                columns[i] = list(map(types[name].from_sql, columns[i]))
        new = tuple.__new__
        record = self.record
        return [new(record, values) for values in zip(*columns)]


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
          C("floors", INTEGER, NN), C("kind", TEXT, NN),
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
    _spec("streets", e.Street, C("name", TEXT, NN), C("kind", TEXT, NN), C("width", REAL, NN),
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
