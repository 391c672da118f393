"""What is wrong with a coordinate, and why a record may not be written, as a
:class:`~gridmap.reasons.Reason` (English, and the template the window
translates; lupdate collects them)."""

from __future__ import annotations

from gridmap.reasons import Reason
from gridmap.workbooks.messages import QT_TRANSLATE_NOOP

CONTEXT = "Coordinates"
# (what is wrong, whether the place is said): gridmap.model.coordinates says which
FAULTS: dict[tuple[str, bool], str] = {
    ("not_a_number", False): QT_TRANSLATE_NOOP("Coordinates", "a coordinate is not a number"),
    ("not_a_number", True): QT_TRANSLATE_NOOP("Coordinates", "a coordinate is not a number ({x}, {y})"),
    ("outside_crs", False): QT_TRANSLATE_NOOP("Coordinates", "a coordinate lies far outside the area {crs} covers"),
    ("outside_crs", True): QT_TRANSLATE_NOOP("Coordinates",
                                             "a coordinate ({x}, {y}) lies far outside the area {crs} covers"),
    ("outside_any", False): QT_TRANSLATE_NOOP("Coordinates",
                                              "a coordinate lies far outside any coordinate system's range"),
    ("outside_any", True): QT_TRANSLATE_NOOP("Coordinates",
                                             "a coordinate ({x}, {y}) lies far outside any coordinate system's range"),
}


def fault_reason(not_a_number: bool, vertex: tuple[float, float] | None, crs_name: str = "") -> Reason:
    """"a coordinate is not a number (nan, 34.7)", or lies far outside ``crs_name``'s
    area (any coordinate system's, without one); ``vertex`` the first bad one, if known."""
    place = {"x": f"{vertex[0]:.6g}", "y": f"{vertex[1]:.6g}"} if vertex else {}
    what = "not_a_number" if not_a_number else "outside_crs" if crs_name else "outside_any"
    named = {"crs": crs_name} if what == "outside_crs" else {}
    return Reason(CONTEXT, FAULTS[what, vertex is not None], **named, **place)


# -- what the editing API refuses to write (gridmap/model/validation.py) ----------------
# {where} is the record ("households 12: ") or the table ("households: "); tables and
# fields are named by their English identifiers on the command line.
RECORDS = "Records"
REFUSALS: dict[str, str] = {
    "where_record": QT_TRANSLATE_NOOP("Records", "{table} {key}: "),
    "where_table": QT_TRANSLATE_NOOP("Records", "{table}: "),
    "naive_time": QT_TRANSLATE_NOOP("Records", "{where}{field} must say its time zone"),
    "not_record": QT_TRANSLATE_NOOP("Records", "{table}: a {kind} is not a {record} record"),
    "id_not_whole": QT_TRANSLATE_NOOP("Records", "{table}: the id {key!r} is not a whole number"),
    "wrong_type": QT_TRANSLATE_NOOP("Records", "{where}{field} must be {wanted}, not {shown}"),
    "not_finite": QT_TRANSLATE_NOOP("Records", "{where}{field} must be a finite number, not {value}"),
    "negative": QT_TRANSLATE_NOOP("Records", "{where}{field} cannot be negative ({value})"),
    "out_of_range": QT_TRANSLATE_NOOP("Records", "{where}{field} {value} is beyond the sane range {low} to {high}"),
    "not_text": QT_TRANSLATE_NOOP("Records", "{table}: {field} must hold names (text), not {kind} {value!r}"),
    "control_character": QT_TRANSLATE_NOOP("Records", "{where}{field} holds the control character {code}; "
                                                      "{allowed}"),
    "note_allows": QT_TRANSLATE_NOOP("Records", "only line feeds and tabs are allowed in a note"),
    "name_allows": QT_TRANSLATE_NOOP("Records", "names hold none (line breaks and tabs included)"),
    "too_long": QT_TRANSLATE_NOOP("Records", "{where}{field} is {length} characters long; at most {most} are "
                                             "allowed"),
    "implausible_date": QT_TRANSLATE_NOOP("Records", "{where}{field} {date} is not a plausible date (from {first} "
                                                     "to {last})"),
    "occupancy": QT_TRANSLATE_NOOP("Records", "{where}{field} must be one of {allowed}, not {value!r}"),
    "unknown_tags": QT_TRANSLATE_NOOP("Records", "{where}unknown tag(s) {tags}; define them first"),
    "shape_kind": QT_TRANSLATE_NOOP("Records", "{where}the shape must be a {wanted}, not a {kind}"),
    "shape_refused": QT_TRANSLATE_NOOP("Records", "{where}the shape is refused: {problem}"),
}
# the kinds of value a field holds ({wanted})
VALUE_KINDS: dict[str, str] = {
    "int": QT_TRANSLATE_NOOP("Records", "a whole number"),
    "float": QT_TRANSLATE_NOOP("Records", "a finite number"),
    "str": QT_TRANSLATE_NOOP("Records", "text"),
    "bool": QT_TRANSLATE_NOOP("Records", "true or false"),
    "date": QT_TRANSLATE_NOOP("Records", "a date"),
    "datetime": QT_TRANSLATE_NOOP("Records", "a date and time"),
    "frozenset": QT_TRANSLATE_NOOP("Records", "a set of names"),
}
TABLE_NAMES: dict[str, str] = {
    "levels": QT_TRANSLATE_NOOP("Records", "levels"),
    "tag_defs": QT_TRANSLATE_NOOP("Records", "tag_defs"),
    "zones": QT_TRANSLATE_NOOP("Records", "zones"),
    "compounds": QT_TRANSLATE_NOOP("Records", "compounds"),
    "buildings": QT_TRANSLATE_NOOP("Records", "buildings"),
    "units": QT_TRANSLATE_NOOP("Records", "units"),
    "households": QT_TRANSLATE_NOOP("Records", "households"),
    "residents": QT_TRANSLATE_NOOP("Records", "residents"),
    "staff": QT_TRANSLATE_NOOP("Records", "staff"),
    "assignments": QT_TRANSLATE_NOOP("Records", "assignments"),
    "party_links": QT_TRANSLATE_NOOP("Records", "party_links"),
    "streets": QT_TRANSLATE_NOOP("Records", "streets"),
    "site_points": QT_TRANSLATE_NOOP("Records", "site_points"),
    "site_routes": QT_TRANSLATE_NOOP("Records", "site_routes"),
    "cases": QT_TRANSLATE_NOOP("Records", "cases"),
    "case_events": QT_TRANSLATE_NOOP("Records", "case_events"),
    "case_photos": QT_TRANSLATE_NOOP("Records", "case_photos"),
    "visits": QT_TRANSLATE_NOOP("Records", "visits"),
    "visit_households": QT_TRANSLATE_NOOP("Records", "visit_households"),
    "change_log": QT_TRANSLATE_NOOP("Records", "change_log"),
}
FIELD_NAMES: dict[str, str] = {
    "name": QT_TRANSLATE_NOOP("Records", "name"),
    "name_en": QT_TRANSLATE_NOOP("Records", "name_en"),
    "color": QT_TRANSLATE_NOOP("Records", "color"),
    "sensitive": QT_TRANSLATE_NOOP("Records", "sensitive"),
    "position": QT_TRANSLATE_NOOP("Records", "position"),
    "code": QT_TRANSLATE_NOOP("Records", "code"),
    "level": QT_TRANSLATE_NOOP("Records", "level"),
    "parent_id": QT_TRANSLATE_NOOP("Records", "parent_id"),
    "kind": QT_TRANSLATE_NOOP("Records", "kind"),
    "parts_allowed": QT_TRANSLATE_NOOP("Records", "parts_allowed"),
    "number": QT_TRANSLATE_NOOP("Records", "number"),
    "compound_id": QT_TRANSLATE_NOOP("Records", "compound_id"),
    "zone_id": QT_TRANSLATE_NOOP("Records", "zone_id"),
    "floors": QT_TRANSLATE_NOOP("Records", "floors"),
    "building_id": QT_TRANSLATE_NOOP("Records", "building_id"),
    "rooms_per_floor": QT_TRANSLATE_NOOP("Records", "rooms_per_floor"),
    "unit_id": QT_TRANSLATE_NOOP("Records", "unit_id"),
    "floor": QT_TRANSLATE_NOOP("Records", "floor"),
    "room": QT_TRANSLATE_NOOP("Records", "room"),
    "occupancy": QT_TRANSLATE_NOOP("Records", "occupancy"),
    "tags": QT_TRANSLATE_NOOP("Records", "tags"),
    "people": QT_TRANSLATE_NOOP("Records", "people"),
    "last_checked": QT_TRANSLATE_NOOP("Records", "last_checked"),
    "follow_up": QT_TRANSLATE_NOOP("Records", "follow_up"),
    "note": QT_TRANSLATE_NOOP("Records", "note"),
    "household_id": QT_TRANSLATE_NOOP("Records", "household_id"),
    "phone": QT_TRANSLATE_NOOP("Records", "phone"),
    "id_number": QT_TRANSLATE_NOOP("Records", "id_number"),
    "is_head": QT_TRANSLATE_NOOP("Records", "is_head"),
    "roles": QT_TRANSLATE_NOOP("Records", "roles"),
    "community_id": QT_TRANSLATE_NOOP("Records", "community_id"),
    "phone_public": QT_TRANSLATE_NOOP("Records", "phone_public"),
    "staff_id": QT_TRANSLATE_NOOP("Records", "staff_id"),
    "target_kind": QT_TRANSLATE_NOOP("Records", "target_kind"),
    "target_id": QT_TRANSLATE_NOOP("Records", "target_id"),
    "role": QT_TRANSLATE_NOOP("Records", "role"),
    "width": QT_TRANSLATE_NOOP("Records", "width"),
    "state": QT_TRANSLATE_NOOP("Records", "state"),
    "at": QT_TRANSLATE_NOOP("Records", "at"),
    "who": QT_TRANSLATE_NOOP("Records", "who"),
    "field": QT_TRANSLATE_NOOP("Records", "field"),
    "old": QT_TRANSLATE_NOOP("Records", "old"),
    "new": QT_TRANSLATE_NOOP("Records", "new"),
    "action": QT_TRANSLATE_NOOP("Records", "action"),
    "label": QT_TRANSLATE_NOOP("Records", "label"),
    "category": QT_TRANSLATE_NOOP("Records", "category"),
    "description": QT_TRANSLATE_NOOP("Records", "description"),
    "source": QT_TRANSLATE_NOOP("Records", "source"),
    "reporter": QT_TRANSLATE_NOOP("Records", "reporter"),
    "reporter_phone": QT_TRANSLATE_NOOP("Records", "reporter_phone"),
    "reported_at": QT_TRANSLATE_NOOP("Records", "reported_at"),
    "urgency": QT_TRANSLATE_NOOP("Records", "urgency"),
    "deadline": QT_TRANSLATE_NOOP("Records", "deadline"),
    "status": QT_TRANSLATE_NOOP("Records", "status"),
    "address": QT_TRANSLATE_NOOP("Records", "address"),
    "assignee_id": QT_TRANSLATE_NOOP("Records", "assignee_id"),
    "escalation": QT_TRANSLATE_NOOP("Records", "escalation"),
    "closed_at": QT_TRANSLATE_NOOP("Records", "closed_at"),
    "case_id": QT_TRANSLATE_NOOP("Records", "case_id"),
    "taken_at": QT_TRANSLATE_NOOP("Records", "taken_at"),
    "data": QT_TRANSLATE_NOOP("Records", "data"),
    "visited_on": QT_TRANSLATE_NOOP("Records", "visited_on"),
    "visit_id": QT_TRANSLATE_NOOP("Records", "visit_id"),
    "found": QT_TRANSLATE_NOOP("Records", "found"),
}


def record_refusal(which: str, /, **params) -> Reason:
    """The refusal ``which`` of :data:`REFUSALS`; a ``table`` or ``field`` blank is named in the user's language."""
    if "table" in params:
        params["table"] = table_name(params["table"])
    if params.get("field") in FIELD_NAMES:
        params["field"] = Reason(RECORDS, FIELD_NAMES[params["field"]])
    return Reason(RECORDS, REFUSALS[which], **params)


def table_name(table: str) -> Reason | str:
    """``table`` ("buildings") as a refusal names it."""
    return Reason(RECORDS, TABLE_NAMES[table]) if table in TABLE_NAMES else table


def where(table: str, key) -> Reason:
    """The record a refusal is about: "households 12: ", or "households: " without a key."""
    return record_refusal("where_table", table=table) if key is None else \
        record_refusal("where_record", table=table, key=key)


def value_kind(python_type: type) -> Reason | str:
    """What a column of ``python_type`` holds ("a whole number"), or the type's name."""
    name = python_type.__name__
    return Reason(RECORDS, VALUE_KINDS[name]) if name in VALUE_KINDS else name
