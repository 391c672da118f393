"""A row's history in the user's words, as the attributes panel lists it: the
edits (one commit each, newest first) with when (China time), who, the command
and whether it was an undo or a redo, and each field's old → new.

Privacy as in the panel: a resident's values (name, phone, ID number…) are
never shown here, only that they changed. Shapes are not shown as text: a
boundary says how its area changed (its former outline can be drawn on the map).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import shapely
from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from shapely.geometry.base import BaseGeometry

from gridmap.history import row_history
from gridmap.model.entities import CHINA_TIME, ChangeLogEntry
from gridmap.model.messages import FIELD_NAMES, RECORDS, TABLE_NAMES
from gridmap.model.tables import BOOLEAN, SET_SEPARATOR, TABLES, TEXT_SET
from gridmap.selection import TABLE_OF_KIND, Item
from ui.site.names import site_name

if TYPE_CHECKING:
    from gridmap.project import Project

CONTEXT = "History"
SHORT = 24  # characters of a value shown in the list; the tooltip has it all
PRIVATE_TABLES = frozenset({"residents"})  # every field of a resident is personal (the panel shows none)
# a case's reporter, what they said and its photos are personal too (the case dock shows them to whom it may)
PRIVATE_FIELDS = frozenset({("cases", "reporter"), ("cases", "reporter_phone"), ("cases", "description"),
                            ("case_events", "note"), ("case_photos", "data")})
# what names the row a reference points at
REFERENCE_NAMES = {"zones": "name", "compounds": "name", "staff": "name", "buildings": "number"}
SITE_VALUES = {("site_points", "kind"), ("site_points", "state"), ("site_routes", "kind")}

SHAPE_NAMES = {  # what the geometry of a row is called
    "zones": QT_TRANSLATE_NOOP("History", "Boundary"),
    "compounds": QT_TRANSLATE_NOOP("History", "Boundary"),
    "buildings": QT_TRANSLATE_NOOP("History", "Footprint"),
    "streets": QT_TRANSLATE_NOOP("History", "Centre line"),
    "site_points": QT_TRANSLATE_NOOP("History", "Position"),
    "site_routes": QT_TRANSLATE_NOOP("History", "Route line"),
}
ACTION_MARKS = {"undo": QT_TRANSLATE_NOOP("History", "Undone"), "redo": QT_TRANSLATE_NOOP("History", "Redone")}
WORDS = {
    "added": QT_TRANSLATE_NOOP("History", "Added"),
    "removed": QT_TRANSLATE_NOOP("History", "Removed"),
    "private": QT_TRANSLATE_NOOP("History", "Changed (personal information, not shown here)"),
    "yes": QT_TRANSLATE_NOOP("History", "Yes"),
    "no": QT_TRANSLATE_NOOP("History", "No"),
    "changed": QT_TRANSLATE_NOOP("History", "Changed"),
    "moved": QT_TRANSLATE_NOOP("History", "Moved %1 m"),
    "length": QT_TRANSLATE_NOOP("History", "Changed: length %1 → %2 m"),
    "area": QT_TRANSLATE_NOOP("History", "Changed: area %1 → %2 %3 (%4)"),
}


def tr(text: str) -> str:
    """``text`` (one of this module's sources) in the user's language."""
    return QCoreApplication.translate(CONTEXT, text)


class HistoryLine(NamedTuple):
    """One field of one edit: what changed and how, shortened (``full``: unshortened, "" if private)."""

    entry: ChangeLogEntry
    what: str
    change: str
    full: str


class HistoryStep(NamedTuple):
    """One edit (a commit) of the rows listed, with its lines."""

    when: str  # local China time, to the minute
    who: str
    label: str  # the command, translated
    mark: str  # "" for a do, else undone / redone
    lines: tuple[HistoryLine, ...]

    @property
    def heading(self) -> str:
        return " · ".join(part for part in (self.when, self.who, self.label, self.mark) if part)


def history_rows(project: Project, item: Item | None) -> list[tuple[str, int]]:
    """The rows whose history stands for ``item``: its own, and a household's residents."""
    if item is None:
        return []
    table = TABLE_OF_KIND.get(item.kind) or {"household": "households", "staff": "staff"}.get(item.kind)
    if table is None:
        return []
    rows = [(table, item.id)]
    if table == "households":
        rows += [("residents", r.id) for r in project.tables["residents"].values() if r.household_id == item.id]
    return rows


def history_steps(project: Project, item: Item | None) -> list[HistoryStep]:
    """The edits of ``item``'s rows, newest first, each with its field changes."""
    entries = sorted((e for table, key in history_rows(project, item) for e in row_history(project, table, key)),
                     key=lambda e: (e.at, e.id), reverse=True)
    steps: list[HistoryStep] = []
    grouped: list[list[ChangeLogEntry]] = []
    for entry in entries:  # one commit's entries share its moment, author, command and action
        if grouped and _same_commit(grouped[-1][0], entry):
            grouped[-1].append(entry)
        else:
            grouped.append([entry])
    for group in grouped:
        first = group[0]
        steps.append(HistoryStep(first.at.astimezone(CHINA_TIME).strftime("%Y-%m-%d %H:%M"), first.who,
                                 command_label(first.label), tr(ACTION_MARKS[first.action])
                                 if first.action in ACTION_MARKS else "",
                                 tuple(history_line(project, e) for e in sorted(group, key=_field_order))))
    return steps


def _same_commit(a: ChangeLogEntry, b: ChangeLogEntry) -> bool:
    return (a.at, a.who, a.label, a.action) == (b.at, b.who, b.label, b.action)


def _field_order(entry: ChangeLogEntry) -> tuple[int, int, int]:
    """A row added or removed first, its shape last, the rest in the table's order."""
    spec = TABLES.get(entry.table_name)
    names = spec.column_names if spec else ()
    rank = -1 if entry.field == "*" else len(names) if entry.field == "geometry" else (
        names.index(entry.field) if entry.field in names else len(names))
    return (entry.table_name in PRIVATE_TABLES, rank, entry.id)


def command_label(label: str) -> str:
    """A command's English label as the Undo menu shows it (ui/command_names.py)."""
    return QCoreApplication.translate("Commands", label) if label else ""


def history_line(project: Project, entry: ChangeLogEntry) -> HistoryLine:
    table, field = entry.table_name, entry.field
    if field == "*":
        what = QCoreApplication.translate(RECORDS, TABLE_NAMES.get(table, table))
        text = tr(WORDS["added"]) if entry.new else tr(WORDS["removed"])
        return HistoryLine(entry, what, text, text)
    if field == "geometry":
        text = shape_change(table, entry.old, entry.new)
        return HistoryLine(entry, tr(SHAPE_NAMES.get(table, "Boundary")), text, text)
    what = QCoreApplication.translate(RECORDS, FIELD_NAMES[field]) if field in FIELD_NAMES else field
    if table in PRIVATE_TABLES or (table, field) in PRIVATE_FIELDS:
        text = tr(WORDS["private"])
        return HistoryLine(entry, what, text, "")
    old, new = (shown_value(project, table, field, v) for v in (entry.old, entry.new))
    return HistoryLine(entry, what, f"{_short(old)} → {_short(new)}", f"{old} → {new}")


def shown_value(project: Project, table: str, field: str, stored: str) -> str:
    """A stored value (sets comma-joined, booleans 0/1, references by id) as the panel says it."""
    if stored == "":
        return "—"
    column = next((c for c in TABLES[table].columns if c.name == field), None) if table in TABLES else None
    if column is None:
        return stored
    if column.type is BOOLEAN:
        return tr(WORDS["yes"]) if stored not in ("0", "False", "false") else tr(WORDS["no"])
    if column.type is TEXT_SET:
        return "、".join(sorted(v for v in stored.split(SET_SEPARATOR) if v)) or "—"
    if (table, field) in SITE_VALUES:
        return site_name(stored)
    if table == "zones" and field == "level":
        level = project.tables["levels"].get(int(stored)) if stored.lstrip("-").isdigit() else None
        return level.name if level else stored
    if column.references in REFERENCE_NAMES and stored.isdigit():
        row = project.tables[column.references].get(int(stored))
        return getattr(row, REFERENCE_NAMES[column.references]) if row else f"#{stored}"
    return stored


def _short(text: str) -> str:
    text = " ".join(text.split())  # a note's line breaks
    return text if len(text) <= SHORT else text[:SHORT - 1] + "…"


def _shape(wkt: str) -> BaseGeometry | None:
    try:
        return shapely.from_wkt(wkt) if wkt else None
    except shapely.errors.GEOSException:
        return None


def shape_change(table: str, old_wkt: str, new_wkt: str) -> str:
    """"Changed: area 1.00 → 1.20 ha (+0.20)", "Moved 12 m"…: how a shape changed, never its coordinates."""
    old, new = _shape(old_wkt), _shape(new_wkt)
    if old is None or new is None:
        return tr(WORDS["changed"])
    if old.geom_type.endswith("Point"):
        return tr(WORDS["moved"]).replace("%1", f"{old.distance(new):,.0f}")
    if old.geom_type.endswith("LineString"):
        return (tr(WORDS["length"]).replace("%1", f"{old.length:,.0f}")
                .replace("%2", f"{new.length:,.0f}"))
    if table == "buildings":
        before, after, unit, digits = old.area, new.area, "m²", 0
    else:
        before, after, unit, digits = old.area / 10_000, new.area / 10_000, "ha", 2
    return (tr(WORDS["area"]).replace("%1", f"{before:,.{digits}f}")
            .replace("%2", f"{after:,.{digits}f}").replace("%3", unit).replace("%4", f"{after - before:+,.{digits}f}"))
