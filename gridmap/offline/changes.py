"""What an offline copy changed, what the server changed meanwhile, and the rows
both changed: pure functions over records, testable without a server.

The copy's edits are the rows its history touches above the check-out's mark;
a row whose fields all came back to their checked-out values (an edit undone)
is no edit. Each edit is compared with the server's row: when the server still
has the version the copy started from, the edit is applied; otherwise the same
row changed on both sides since the check-out, a conflict, unless both sides
now hold the same values. A conflict is listed field by field with both values
and who changed the server's side, and resolved for the copy (``mine``) or the
server (``theirs``); nothing is dropped without being reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import shapely

from gridmap.model.changes import RowChange
from gridmap.model.entities import ChangeLogEntry
from gridmap.model.tables import TABLES
from gridmap.storage.offline_copy import Base

GEOMETRY = "geometry"  # the history's name for a shape's field
ROW = "*"  # the history's name for a row added or removed
APPLIED, KEPT_THEIRS, CONFLICT, UNCHANGED = "applied", "kept-theirs", "conflict", "unchanged"
MINE, THEIRS = "mine", "theirs"


class RowEdit(NamedTuple):
    """One row the copy changed since its check-out.

    ``base`` is the row's record of the check-out (None: a row new in the copy);
    ``mine`` the copy's record now (None: deleted here); ``fields`` the fields
    whose value differs from the checked-out one (``*``: the row was added or
    removed; empty: no change is left); ``labels`` the copy's steps that touched it."""

    table: str
    key: int
    base: Base | None
    mine: Any
    fields: frozenset[str]
    labels: tuple[str, ...]


class ServerChange(NamedTuple):
    """A step on the server that changed a row since the copy took it."""

    who: str
    at: Any
    label: str
    fields: tuple[str, ...]


class Difference(NamedTuple):
    """One field with different values in the copy and on the server: the values
    as shown, whether the copy changed it (``here``), whether the server did
    (``there``, and who last did)."""

    field: str
    mine: str
    theirs: str
    here: bool
    there: bool
    by: str = ""


class Outcome(NamedTuple):
    """What becomes of one edited row at a check-in."""

    edit: RowEdit
    theirs: Any  # the server's record now (None: not on the server)
    version: int | None  # the server's row version now
    status: str  # APPLIED, KEPT_THEIRS, CONFLICT or UNCHANGED
    resolved: str = ""  # MINE or THEIRS for a conflict resolved so
    differences: tuple[Difference, ...] = ()
    server_changes: tuple[ServerChange, ...] = ()

    @property
    def table(self) -> str:
        return self.edit.table

    @property
    def key(self) -> int:
        return self.edit.key

    @property
    def change(self) -> RowChange | None:
        """The change the server is sent (an applied row), else None."""
        if self.status != APPLIED:
            return None
        return RowChange(self.edit.table, self.theirs, self.edit.mine)

    @property
    def action(self) -> str:
        """insert, update or delete: what the copy's row is to the server's."""
        if self.theirs is None:
            return "insert"
        return "delete" if self.edit.mine is None else "update"


def stored_text(table: str, field: str, record: Any) -> str:
    """A field's value as the history writes it ('' for none; shapes as WKT)."""
    if record is None:
        return ""
    if field == GEOMETRY:
        shape = record.geometry
        return "" if shape is None else shapely.to_wkt(shape)
    column = next(c for c in TABLES[table].columns if c.name == field)
    value = column.type.encode(getattr(record, field))
    if isinstance(value, bytes):  # a photo: its size, as the history writes it, never its bytes
        return f"{len(value):,} bytes"
    return "" if value is None else str(value)


def _is_blob(table: str, field: str) -> bool:
    return any(c.name == field and c.type.name == "blob" for c in TABLES[table].columns)


def _differs(table: str, field: str, mine: Any, theirs: Any) -> bool:
    """Whether two records hold different values of ``field`` (bytes compared whole, not by their size)."""
    if _is_blob(table, field):
        return getattr(mine, field) != getattr(theirs, field)
    return stored_text(table, field, mine) != stored_text(table, field, theirs)


def shown_text(table: str, field: str, record: Any) -> str:
    """A field's value as a person reads it in a list (a shape by its kind and size)."""
    if record is None:
        return "(absent)" if field == ROW else ""
    if field == ROW:
        return "(present)"
    if field != GEOMETRY:
        return stored_text(table, field, record)
    shape = record.geometry
    if shape is None or shape.is_empty:
        return "(no shape)"
    if shape.geom_type.endswith("Polygon"):
        return f"{shape.geom_type} {shape.area:,.1f} m²"
    if shape.geom_type.endswith("LineString"):
        return f"{shape.geom_type} {shape.length:,.1f} m"
    return f"{shape.geom_type} ({shape.x:,.1f}, {shape.y:,.1f})"


def fields_of(table: str) -> tuple[str, ...]:
    spec = TABLES[table]
    return tuple(spec.column_names) + ((GEOMETRY,) if spec.is_features else ())


def copy_edits(history: Iterable[ChangeLogEntry], since: int, tables: Mapping[str, Mapping[int, Any]],
               bases: Mapping[str, Mapping[int, Base]]) -> list[RowEdit]:
    """The rows the copy's history touches above ``since``, each with the fields
    whose value now differs from the checked-out one (read from the first
    entry of each field: its old value is the checked-out one)."""
    entries: dict[tuple[str, int], list[ChangeLogEntry]] = {}
    for entry in sorted((e for e in history if e.id > since), key=lambda e: e.id):
        if entry.table_name in TABLES:
            entries.setdefault((entry.table_name, entry.row_id), []).append(entry)
    edits = []
    for (table, key), touched in entries.items():
        base = bases.get(table, {}).get(key)
        mine = tables[table].get(key)
        labels = tuple(dict.fromkeys(e.label for e in touched))
        if base is None or mine is None:
            fields = frozenset({ROW}) if (base is None) != (mine is None) else frozenset()
        else:
            first: dict[str, str] = {}
            for entry in touched:
                if entry.field != ROW:
                    first.setdefault(entry.field, entry.old)
            known = set(fields_of(table))
            # a photo's history holds its size only: touched counts as changed (compared whole at the check-in)
            fields = frozenset(f for f, old in first.items()
                               if f in known and (_is_blob(table, f) or stored_text(table, f, mine) != old))
        edits.append(RowEdit(table, key, base, mine, fields, labels))
    return sorted(edits, key=lambda e: (list(TABLES).index(e.table), e.key))


def _server_changes(entries: Sequence[ChangeLogEntry]) -> tuple[ServerChange, ...]:
    steps: dict[tuple, list[str]] = {}
    for entry in sorted(entries, key=lambda e: e.id):
        steps.setdefault((entry.who, entry.at, entry.label), []).append(entry.field)
    return tuple(ServerChange(who, at, label, tuple(dict.fromkeys(fields)))
                 for (who, at, label), fields in steps.items())


def differences(edit: RowEdit, theirs: Any, server: Sequence[ServerChange]) -> tuple[Difference, ...]:
    """The fields whose values differ between the copy's row and the server's."""
    mine = edit.mine
    changed_there: dict[str, str] = {}
    for step in server:
        for field in step.fields:
            changed_there[field] = step.who
    if mine is None or theirs is None:
        gone_there = theirs is None and edit.base is not None  # deleted on the server since the check-out
        return (Difference(ROW, shown_text(edit.table, ROW, mine), shown_text(edit.table, ROW, theirs),
                           True, gone_there or ROW in changed_there, changed_there.get(ROW, "")),)
    found = []
    for field in fields_of(edit.table):
        if _differs(edit.table, field, mine, theirs):
            found.append(Difference(field, shown_text(edit.table, field, mine), shown_text(edit.table, field, theirs),
                                    field in edit.fields, field in changed_there, changed_there.get(field, "")))
    return tuple(found)


def compare(edits: Iterable[RowEdit], server_tables: Mapping[str, Mapping[int, Any]],
            versions: Mapping[str, Mapping[int, int]], server_history: Iterable[ChangeLogEntry]) -> list[Outcome]:
    """Each edit against the server's row now: applied (the server still has the
    version the copy started from, or the row is new), conflict (both changed
    it since the check-out), or unchanged (no change is left, or both sides
    hold the same values)."""
    by_row: dict[tuple[str, int], list[ChangeLogEntry]] = {}
    for entry in server_history:
        by_row.setdefault((entry.table_name, entry.row_id), []).append(entry)
    outcomes = []
    for edit in edits:
        theirs = server_tables[edit.table].get(edit.key)
        version = versions.get(edit.table, {}).get(edit.key)
        since = -1 if edit.base is None else edit.base.history
        server = _server_changes([e for e in by_row.get((edit.table, edit.key), ()) if e.id > since])
        if not edit.fields or edit.mine == theirs:
            status = UNCHANGED
        elif edit.base is None:
            status = CONFLICT if (theirs is not None or version is not None) else APPLIED  # an id of ours taken
        else:
            status = APPLIED if version == edit.base.version and theirs is not None else CONFLICT
        shown = () if status == UNCHANGED else differences(edit, theirs, server)
        outcomes.append(Outcome(edit, theirs, version, status, "", shown, server if status != UNCHANGED else ()))
    return outcomes


def resolve(outcomes: Iterable[Outcome], choice: str | None) -> list[Outcome]:
    """Conflicts resolved for the copy (``mine``: its values are applied) or the
    server (``theirs``: the server's are kept, and the copy takes them); with
    no choice they stay conflicts."""
    if choice not in (None, MINE, THEIRS):
        raise ValueError(f"no choice {choice!r}")
    resolved = []
    for outcome in outcomes:
        if outcome.status == CONFLICT and choice is not None:
            outcome = outcome._replace(status=APPLIED if choice == MINE else KEPT_THEIRS, resolved=choice)
        resolved.append(outcome)
    return resolved


def changes_of(outcomes: Iterable[Outcome]) -> list[RowChange]:
    """The changes the server is sent: every applied row."""
    return [change for outcome in outcomes if (change := outcome.change) is not None]


def merged(server_tables: Mapping[str, Mapping[int, Any]], changes: Iterable[RowChange]) -> dict[str, dict[int, Any]]:
    """The server's tables with ``changes`` made (new dicts; the records are shared)."""
    tables = {name: dict(rows) for name, rows in server_tables.items()}
    for change in changes:
        if change.after is None:
            tables[change.table].pop(change.key, None)
        else:
            tables[change.table][change.key] = change.after
    return tables


def count(outcomes: Iterable[Outcome]) -> dict[str, int]:
    """How many rows have each status."""
    found = dict.fromkeys((APPLIED, KEPT_THEIRS, CONFLICT, UNCHANGED), 0)
    for outcome in outcomes:
        found[outcome.status] += 1
    return found
