"""What a roster check can say about a row, in English with named blanks.

The window shows them translated: tools/translations.sh feeds this file to
lupdate, which collects every ``QT_TRANSLATE_NOOP`` call; the function below is
a plain marker so that gridmap itself never imports Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from collections.abc import Mapping


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text


ROW_PROBLEMS: dict[str, str] = {
    "missing_building": QT_TRANSLATE_NOOP("Roster", "the building is blank"),
    "missing_room": QT_TRANSLATE_NOOP("Roster", "the room is blank"),
    "no_community": QT_TRANSLATE_NOOP("Roster", "there is no community named {community}"),
    "no_compound": QT_TRANSLATE_NOOP("Roster", "there is no compound named {compound}"),
    "no_building": QT_TRANSLATE_NOOP("Roster", "there is no building {building} in {place}"),
    "no_building_anywhere": QT_TRANSLATE_NOOP("Roster", "there is no building {building}"),
    "ambiguous_building": QT_TRANSLATE_NOOP(
        "Roster", "building {building} is in {count} compounds ({compounds}): fill in the compound column"),
    "no_unit": QT_TRANSLATE_NOOP("Roster", "{building} has no unit {unit}"),
    "no_room": QT_TRANSLATE_NOOP(
        "Roster", "{place} has no room {room} ({floors} floors, {rooms} rooms a floor)"),
    "bad_floor": QT_TRANSLATE_NOOP("Roster", "the floor {value} is not a floor number"),
    "bad_occupancy": QT_TRANSLATE_NOOP("Roster", "the occupancy {value} is not one of {choices}"),
    "new_needs_occupancy": QT_TRANSLATE_NOOP("Roster", "a new household needs its occupancy"),
    "unknown_tag": QT_TRANSLATE_NOOP("Roster", "unknown tag {tag} (known tags: {choices})"),
    "bad_people": QT_TRANSLATE_NOOP("Roster", "the people count {value} is not a whole number from 0 to {most}"),
    "empty_with_people": QT_TRANSLATE_NOOP("Roster", "an empty household (空户) cannot have {people} people"),
    "bad_phone": QT_TRANSLATE_NOOP(
        "Roster", "the phone {value} is neither an 11-digit mobile nor a landline with its area code "
                  "(0371-61234567)"),
    "bad_date": QT_TRANSLATE_NOOP(
        "Roster", "the last-checked date {value} is not a date like 2026-11-03, or is in the future"),
    "bad_yes_no": QT_TRANSLATE_NOOP("Roster", "the follow-up value {value} is not 是 or 否"),
    "duplicate": QT_TRANSLATE_NOOP("Roster", "the same household as row {row}"),
    "long_note": QT_TRANSLATE_NOOP("Roster", "the note is {length:,} characters long; a note may have {most:,}"),
    "long_name": QT_TRANSLATE_NOOP("Roster", "the name is {length:,} characters long; a name may have {most:,}"),
    "long_role": QT_TRANSLATE_NOOP("Roster", "the role is {length:,} characters long; a role may have {most:,}"),
    # staff roster
    "missing_name": QT_TRANSLATE_NOOP("Roster", "the name is blank"),
    "duplicate_person": QT_TRANSLATE_NOOP(
        "Roster", "{name} with this phone is on the roster twice: remove one of them first"),
    "no_zone_code": QT_TRANSLATE_NOOP("Roster", "there is no zone with code {code} (deleted or renumbered?)"),
    "no_zone": QT_TRANSLATE_NOOP("Roster", "there is no zone named {zone}"),
    "ambiguous_zone": QT_TRANSLATE_NOOP("Roster", "{count} zones are named {zone}: give the zone code"),
    "no_site": QT_TRANSLATE_NOOP("Roster", "there is no checkpoint or site point {site}"),
    "ambiguous_site": QT_TRANSLATE_NOOP("Roster", "{count} site points are called {site}: give the compound"),
    "no_household": QT_TRANSLATE_NOOP("Roster", "there is no household at {address}"),
    "unknown_member": QT_TRANSLATE_NOOP("Roster", "{name} is neither on the roster nor in the 分工 sheet"),
}

ROW_STATUSES: dict[str, str] = {
    "update": QT_TRANSLATE_NOOP("Roster", "changes"),
    "new": QT_TRANSLATE_NOOP("Roster", "new"),
    "unchanged": QT_TRANSLATE_NOOP("Roster", "unchanged"),
    "error": QT_TRANSLATE_NOOP("Roster", "error"),
}

# Why a workbook cannot be read at all: (problem, advice), each with named blanks.
# The problem follows the file's name ("roster.xlsx: does not exist.").
WORKBOOK_PROBLEMS: dict[str, tuple[str, str]] = {
    "missing": (QT_TRANSLATE_NOOP("Workbooks", "does not exist."),
                QT_TRANSLATE_NOOP("Workbooks", "Check the name and the folder.")),
    "folder": (QT_TRANSLATE_NOOP("Workbooks", "is a folder, not a workbook."),
               QT_TRANSLATE_NOOP("Workbooks", "Choose the workbook inside it.")),
    "no_header": (QT_TRANSLATE_NOOP("Workbooks", "no sheet has a header row with the columns {columns}."),
                  QT_TRANSLATE_NOOP("Workbooks", "Put the column names in one row above the data (see the template).")),
    "password": (QT_TRANSLATE_NOOP("Workbooks", "is protected by a password."),
                 QT_TRANSLATE_NOOP("Workbooks", "Save a copy without the password.")),
    "unreadable": (QT_TRANSLATE_NOOP("Workbooks", "is not a workbook that can be read ({reason})."),
                   QT_TRANSLATE_NOOP("Workbooks", "Save it from Excel or WPS as .xlsx, or as .csv.")),
    "xlsb": (QT_TRANSLATE_NOOP("Workbooks", "is an Excel binary workbook (.xlsb), which gridmap does not read."),
             QT_TRANSLATE_NOOP("Workbooks", "Save it from Excel or WPS as .xlsx.")),
    "encoding": (QT_TRANSLATE_NOOP("Workbooks", "is neither UTF-8 nor GBK text."),
                 QT_TRANSLATE_NOOP("Workbooks", "Save it from Excel or WPS as .xlsx, or as .csv.")),
    "csv_cell": (QT_TRANSLATE_NOOP("Workbooks", "cannot be read as CSV near line {line} ({reason})."),
                 QT_TRANSLATE_NOOP("Workbooks",
                                   "A quotation mark may be missing: check that line, or save the roster as .xlsx.")),
    "too_far": (QT_TRANSLATE_NOOP("Workbooks",
                                  "the sheet {sheet} reaches cell {cell}: {rows:,} rows × {columns:,} columns, more "
                                  "than the {most:,} cells a roster may have."),
                QT_TRANSLATE_NOOP("Workbooks",
                                  "Open it in Excel or WPS, press Ctrl+End on that sheet to go to the last used cell, "
                                  "delete the rows and columns beyond the data, save and import again.")),
    "too_much": (QT_TRANSLATE_NOOP("Workbooks",
                                   "its sheets together reach {cells:,} cells, more than the {most:,} a roster may "
                                   "have."),
                 QT_TRANSLATE_NOOP("Workbooks", "Open it in Excel or WPS and save the roster alone as a new .xlsx.")),
    "too_big": (QT_TRANSLATE_NOOP("Workbooks",
                                  "unpacks to {size:,} MB, more than the {most:,} MB a roster may have: it is damaged "
                                  "or not a roster."),
                QT_TRANSLATE_NOOP("Workbooks", "Open it in Excel or WPS and save the roster alone as a new .xlsx.")),
    "too_many_texts": (QT_TRANSLATE_NOOP("Workbooks",
                                         "says it holds {count:,} different texts, more than the {most:,} a roster "
                                         "may have: it is damaged or not a roster."),
                       QT_TRANSLATE_NOOP("Workbooks",
                                         "Open it in Excel or WPS and save the roster alone as a new .xlsx.")),
}

FIELD_NAMES: dict[str, str] = {
    "occupancy": QT_TRANSLATE_NOOP("Roster", "occupancy"),
    "tags": QT_TRANSLATE_NOOP("Roster", "tags"),
    "people": QT_TRANSLATE_NOOP("Roster", "people"),
    "last_checked": QT_TRANSLATE_NOOP("Roster", "last checked"),
    "follow_up": QT_TRANSLATE_NOOP("Roster", "follow-up"),
    "note": QT_TRANSLATE_NOOP("Roster", "note"),
    "head": QT_TRANSLATE_NOOP("Roster", "head of household"),
    "phone": QT_TRANSLATE_NOOP("Roster", "phone"),
}


@dataclass(frozen=True)
class RowIssue:
    key: str  # a key of messages.ROW_PROBLEMS
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, template: str | None = None) -> str:
        """The reason in words; ``template`` is its translation, if any."""
        return (template or ROW_PROBLEMS[self.key]).format(**self.params)
