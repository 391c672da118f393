"""What a hotline import (12345 工单) can say about a row and its address, in
English with named blanks. The window shows them translated: lupdate collects
every ``QT_TRANSLATE_NOOP`` of ``gridmap/**/messages.py``; the marker is the
workbooks' plain function, so that gridmap never imports Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from collections.abc import Mapping

from gridmap.workbooks.messages import QT_TRANSLATE_NOOP

CONTEXT = "Hotline"
PROBLEMS: dict[str, str] = {
    # the address (gridmap/cases/addresses.py)
    "blank_address": QT_TRANSLATE_NOOP("Hotline", "the address is blank"),
    "unknown_place": QT_TRANSLATE_NOOP("Hotline", "{place} is not a community or compound of the project"),
    "no_building_named": QT_TRANSLATE_NOOP("Hotline", "the address {address} names no building"),
    "no_building": QT_TRANSLATE_NOOP("Hotline", "there is no building {building} in {place}"),
    "no_building_anywhere": QT_TRANSLATE_NOOP("Hotline", "there is no building {building} in the project"),
    "ambiguous_building": QT_TRANSLATE_NOOP(
        "Hotline", "{count} buildings match {building} ({buildings}): add the compound to the address"),
    "no_room": QT_TRANSLATE_NOOP("Hotline", "{building} has no room {room}: the case is placed at the building"),
    "room_in_units": QT_TRANSLATE_NOOP(
        "Hotline", "{building} has a room {room} in {count} units: the case is placed at the building"),
    # the other cells (gridmap/cases/hotline.py)
    "blank_description": QT_TRANSLATE_NOOP("Hotline", "the description is blank"),
    "long_description": QT_TRANSLATE_NOOP(
        "Hotline", "the description is {length:,} characters long; a description may have {most:,}"),
    "long_number": QT_TRANSLATE_NOOP(
        "Hotline", "the work-order number is {length:,} characters long; it may have {most:,}"),
    "long_reporter": QT_TRANSLATE_NOOP(
        "Hotline", "the caller's name is {length:,} characters long; it may have {most:,}"),
    "long_address": QT_TRANSLATE_NOOP(
        "Hotline", "the address is {length:,} characters long; it may have {most:,}"),
    "unknown_category": QT_TRANSLATE_NOOP("Hotline", "the category {value} is not one of {choices}"),
    "unknown_urgency": QT_TRANSLATE_NOOP("Hotline", "the urgency {value} is not one of {choices}"),
    "unknown_source": QT_TRANSLATE_NOOP("Hotline", "the source {value} is not one of {choices}"),
    "blank_time": QT_TRANSLATE_NOOP("Hotline", "the call time is blank"),
    "bad_time": QT_TRANSLATE_NOOP("Hotline", "the call time {value} is not a time like 2026-11-03 08:15"),
    "future_time": QT_TRANSLATE_NOOP("Hotline", "the call time {value} is in the future"),
    "bad_phone": QT_TRANSLATE_NOOP(
        "Hotline", "the phone {value} is neither an 11-digit mobile nor a landline with its area code "
                   "(0371-61234567)"),
    "duplicate_number": QT_TRANSLATE_NOOP("Hotline", "the work order {number} is also on row {row}"),
    "known_number": QT_TRANSLATE_NOOP("Hotline", "the work order {number} is already a case of the project"),
}
STATUSES: dict[str, str] = {
    "ok": QT_TRANSLATE_NOOP("Hotline", "to import"),
    "error": QT_TRANSLATE_NOOP("Hotline", "error"),
}


@dataclass(frozen=True)
class Issue:
    """One reason a row cannot be imported (or, for ``no_room``, a remark on a row that can)."""

    key: str  # a key of PROBLEMS
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, template: str | None = None) -> str:
        """The reason in words; ``template`` is its translation, if any."""
        return (template or PROBLEMS[self.key]).format(**self.params)
