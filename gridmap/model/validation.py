"""What the editing API refuses: every record a change set writes is checked
against its table before anything reaches the file.

A field must hold its column's type (a date, not a datetime; a whole number,
not text or True; a finite number, not NaN), a number within its sane range
(floors, people, street widths), text without control characters and of a sane
length, and a shape of its table's kind whose coordinates are numbers within
the area the project's CRS covers (see ``gridmap.model.coordinates``).
Messages are English and name the table, the record and the field; each is a
``Reason`` (gridmap/model/messages.py), which the window says translated.

Text rules, decided here for every door (``clean_text`` is what importers use):

- names (every text field but notes) hold no control character at all: no C0
  (tab and line feed included), DEL or C1 character, no line or paragraph
  separator, no bidirectional override or isolate (they reorder what a chart
  shows), no lone surrogate (it cannot be written as UTF-8); at most
  ``LONGEST_NAME`` characters;
- notes (households' and staff's ``note``, a case's description and steps, what a
  visit found) may also hold line feeds and tabs;
  at most ``LONGEST_NOTE`` characters.

Checks run column by column over the whole change set (one type test per
column, one regular-expression search per text column, one pass over every
vertex), so a 10,000-household roster costs milliseconds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any
from collections.abc import Iterable, Sequence

import numpy as np
from shapely.geometry.base import BaseGeometry

from gridmap.errors import EditError
from gridmap.model import entities as e
from gridmap.model.coordinates import FINE, coordinate_faults, crs_limits, fault_text, first_bad_vertex
from gridmap.model.messages import record_refusal, value_kind, where
from gridmap.model.tables import DATE, DATETIME, REAL, TABLES, TEXT, TEXT_SET, Column, TableSpec
from gridmap.spatial.shapes import SHAPELY_NAMES

LONGEST_NAME = 500
LONGEST_NOTE = 10_000
# Plausible dates, whatever the computer's clock says: year 9999 or 0001 is a typo.
EARLIEST_DATE, LATEST_DATE = dt.date(1900, 1, 1), dt.date(2099, 12, 31)
FREE_TEXT = frozenset({("households", "note"), ("staff", "note"), ("cases", "description"), ("case_events", "note"),
                       ("visits", "note"), ("visit_households", "found")})

# (table, field) → the inclusive range of a number there
RANGES: dict[tuple[str, str], tuple[float, float]] = {
    ("buildings", "floors"): (0, e.MOST_FLOORS),
    ("households", "floor"): (-e.MOST_BASEMENTS, e.MOST_FLOORS),
    ("households", "people"): (0, e.MOST_PEOPLE),
    ("units", "number"): (0, e.MOST_UNITS),
    ("units", "rooms_per_floor"): (0, e.MOST_ROOMS),
    ("streets", "width"): (0.0, e.WIDEST_STREET),
}

# C0/C1 controls, line/paragraph separators, bidi overrides, lone surrogates, and the two
# non-characters XML (so an .xlsx) cannot hold: a value that could not come back from an export
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
NOTE_UNWANTED = re.compile(f"[{_CONTROLS}]")
NAME_UNWANTED = re.compile(f"[\t\n{_CONTROLS}]")


def check_changes(changes: Iterable[Any], srs_id: int, tag_names: set[str] | frozenset[str]) -> None:
    """Raise ``EditError`` for the first record of ``changes`` that may not be written.

    Parameters
    ----------
    changes : iterable of RowChange
        The change set about to be committed (deletions are not checked).
    srs_id : int
        The project's EPSG code: shapes must lie within the area it covers.
    tag_names : set of str
        The household tags the project defines.
    """
    by_table: dict[str, list[Any]] = defaultdict(list)
    for change in changes:
        if change.after is not None:
            by_table[change.table].append(change)
    shaped: dict[str, list[Any]] = {}
    for name, table_changes in by_table.items():
        spec = TABLES[name]
        _check_records(spec, [c.after for c in table_changes])
        for column in spec.columns:
            records = _changing(table_changes, column.name)
            if records:
                check_field(name, column.name, [getattr(r, column.name) for r in records],
                            [getattr(r, spec.key) for r in records])
        if name == "households":
            _check_households([c.after for c in table_changes if _changes_any(c, ("occupancy", "tags"))], tag_names)
        if spec.is_features:
            shaped[name] = _changing(table_changes, "geometry")
    _check_shapes(shaped, srs_id)


def _changing(changes: list[Any], field: str) -> list[Any]:
    """The records whose ``field`` the changes set: new records, and those where it
    differs (a value stored long ago, out of today's ranges, never keeps another
    field of the record from being edited)."""
    return [c.after for c in changes if _changes_any(c, (field,))]


def _changes_any(change: Any, fields: Sequence[str]) -> bool:
    if change.before is None:
        return True
    for field in fields:
        old, new = getattr(change.before, field), getattr(change.after, field)
        if old is not new and (type(old) is not type(new) or old != new):
            return True
    return False


def check_field(table: str, field: str, values: Sequence[Any], keys: Sequence[Any] | None = None) -> None:
    """Raise ``EditError`` unless every value may go into ``table``.``field``
    (``keys``: the records' ids, for the message)."""
    column = next(c for c in TABLES[table].columns if c.name == field)
    keys = keys if keys is not None else [None] * len(values)
    _check_types(table, column, values, keys)
    if column.type is REAL or (table, field) in RANGES:
        _check_numbers(table, field, values, keys)
    if column.type is TEXT or column.type is TEXT_SET:
        _check_text(table, field, values, keys, column.type is TEXT_SET)
    if column.type is DATE:
        _check_dates(table, field, values, keys)
    if column.type is DATETIME:
        naive = next((k for k, v in zip(keys, values) if v is not None and v.tzinfo is None), False)
        if naive is not False:
            raise _refused("naive_time", where=where(table, naive), field=field)


def clean_text(value: Any, note: bool = False) -> str:
    """Text as a door lets it in: stripped, each unwanted character (see the
    module's rules) a space, line breaks of a note as line feeds; cut to the
    longest allowed. A missing value is empty text."""
    if value is None:
        return ""
    text = str(value)
    if note:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = (NOTE_UNWANTED if note else NAME_UNWANTED).sub(" ", text).strip()
    return text[:LONGEST_NOTE if note else LONGEST_NAME]


def usable_widths(widths: Iterable[Any]) -> np.ndarray:
    """Street widths as numbers to compute with: any that is not a finite width
    from 0 to ``WIDEST_STREET`` (an old file's ∞, NaN or -3) is the default."""
    numbers = np.array([w if isinstance(w, (int, float)) else np.nan for w in widths], dtype=float)
    with np.errstate(invalid="ignore"):
        fine = np.isfinite(numbers) & (numbers >= 0) & (numbers <= e.WIDEST_STREET)
    return np.where(fine, numbers, e.DEFAULT_STREET_WIDTH)


def _refused(which: str, /, **params) -> EditError:
    """The refusal ``which`` of gridmap.model.messages.REFUSALS, its blanks filled, to raise."""
    return EditError(record_refusal(which, **params))


def _check_records(spec: TableSpec, records: list[Any]) -> None:
    wrong = next((r for r in records if type(r) is not spec.record), None)
    if wrong is not None:
        raise _refused("not_record", table=spec.name, kind=type(wrong).__name__, record=spec.record.__name__)
    key = next((k for k in (getattr(r, spec.key) for r in records) if type(k) is not int), None)
    if key is not None:
        raise _refused("id_not_whole", table=spec.name, key=key)


def _allowed(column: Column, value: Any) -> bool:
    """The slow test, for subclasses (numpy's float64 is a float; a datetime is a date but not allowed)."""
    if value is None:
        return column.nullable
    if isinstance(value, (bool, np.bool_)) and bool not in column.type.python:
        return False
    if isinstance(value, dt.datetime) and dt.datetime not in column.type.python:
        return False
    return isinstance(value, column.type.python)


def _check_types(table: str, column: Column, values: Sequence[Any], keys: Sequence[Any]) -> None:
    allowed = set(column.type.python) | ({type(None)} if column.nullable else set())
    if set(map(type, values)) <= allowed:
        return
    for key, value in zip(keys, values):
        if not _allowed(column, value):
            wanted = value_kind(column.type.python[0])
            kind = f"numpy.{type(value).__name__}" if type(value).__module__.startswith("numpy") else \
                type(value).__name__  # numpy's bool and int64 would pass for Python's
            shown = "nothing" if value is None else f"{kind} {str(value)[:40]!r}"
            raise _refused("wrong_type", where=where(table, key), field=column.name, wanted=wanted, shown=shown)


def _check_numbers(table: str, field: str, values: Sequence[Any], keys: Sequence[Any]) -> None:
    numbers = np.array([np.nan if v is None else v for v in values], dtype=float)
    present = np.array([v is not None for v in values])
    bad = present & ~np.isfinite(numbers)
    if (table, field) in RANGES:
        low, high = RANGES[table, field]
        with np.errstate(invalid="ignore"):
            bad |= present & ((numbers < low) | (numbers > high))
    if bad.any():
        at = int(np.flatnonzero(bad)[0])
        value = values[at]
        if not np.isfinite(numbers[at]):
            raise _refused("not_finite", where=where(table, keys[at]), field=field, value=value)
        low, high = RANGES[table, field]
        if value < 0 <= low:
            raise _refused("negative", where=where(table, keys[at]), field=field, value=value)
        raise _refused("out_of_range", where=where(table, keys[at]), field=field, value=value, low=f"{low:g}",
                       high=f"{high:g}")


def _check_text(table: str, field: str, values: Sequence[Any], keys: Sequence[Any], is_set: bool) -> None:
    note = (table, field) in FREE_TEXT
    unwanted, longest = (NOTE_UNWANTED, LONGEST_NOTE) if note else (NAME_UNWANTED, LONGEST_NAME)
    groups = [tuple(v) for v in values] if is_set else [() if v is None else (v,) for v in values]
    texts = [t for group in groups for t in group]
    odd = next((t for t in texts if not isinstance(t, str)), None)
    if odd is not None:
        raise _refused("not_text", table=table, field=field, kind=type(odd).__name__, value=odd)
    if not unwanted.search("".join(texts)) and max(map(len, texts), default=0) <= longest:
        return
    for key, group in zip(keys, groups):
        for text in group:
            found = unwanted.search(text)
            if found:
                raise _refused("control_character", where=where(table, key), field=field,
                               code=f"U+{ord(found.group()):04X}",
                               allowed=record_refusal("note_allows" if note else "name_allows"))
            if len(text) > longest:
                raise _refused("too_long", where=where(table, key), field=field, length=f"{len(text):,}",
                               most=f"{longest:,}")


def _check_dates(table: str, field: str, values: Sequence[Any], keys: Sequence[Any]) -> None:
    for key, value in zip(keys, values):
        if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
            raise _refused("implausible_date", where=where(table, key), field=field, date=value.isoformat(),
                           first=EARLIEST_DATE.isoformat(), last=LATEST_DATE.isoformat())


def _check_households(records: list[Any], tag_names: set[str] | frozenset[str]) -> None:
    for record in records:
        if record.occupancy not in e.OCCUPANCIES:
            raise _refused("occupancy", where=where("households", record.id), field="occupancy",
                           allowed="/".join(e.OCCUPANCIES), value=record.occupancy)
        unknown = record.tags - tag_names
        if unknown:
            raise _refused("unknown_tags", where=where("households", record.id), tags=", ".join(sorted(unknown)))


def _check_shapes(by_table: dict[str, list[Any]], srs_id: int) -> None:
    """Every shape of the right kind, and all their vertices at once within the project's CRS."""
    shapes, owners = [], []
    for name, records in by_table.items():
        spec = TABLES[name]
        if not spec.is_features:
            continue
        wanted = SHAPELY_NAMES[spec.geometry_type]
        for record in records:
            geometry = record.geometry
            if geometry is None:
                continue
            if not isinstance(geometry, BaseGeometry) or geometry.geom_type != wanted:
                kind = geometry.geom_type if isinstance(geometry, BaseGeometry) else type(geometry).__name__
                raise _refused("shape_kind", where=where(name, getattr(record, spec.key)), wanted=wanted, kind=kind)
            shapes.append(geometry)
            owners.append((name, getattr(record, spec.key)))
    if not shapes:
        return
    limits = crs_limits(int(srs_id))
    faults = coordinate_faults(shapes, limits)
    if (faults != FINE).any():
        at = int(np.flatnonzero(faults != FINE)[0])
        name, key = owners[at]
        problem = fault_text(int(faults[at]), first_bad_vertex(shapes[at], limits), f"EPSG:{srs_id}")
        raise _refused("shape_refused", where=where(name, key), problem=problem)
