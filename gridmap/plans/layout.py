"""The nine-colour chart of one building as a grid: rows are floors (top floor
first), columns are the rooms of each unit, west to east; each cell is a room
and the household living there, if any.

Irregular buildings come out right: a unit with more rooms on some floor gets
the extra column, a room with no household (a shop took the ground floor) is an
empty cell, and households with no unit (shops, a caretaker's lodge) get a
column group of their own at the end.

Absurd values an old file may hold (a million floors, room "30100000000") are
capped, never looped over: at most ``MOST_FLOORS`` floors up and
``MOST_BASEMENTS`` down, ``MOST_ROOMS`` rooms a unit. Households beyond the
caps (or in a room numbered 0, "300") are not drawn; the layout lists them
(``hidden``) and says it was capped.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Iterable

from gridmap.model.entities import MOST_BASEMENTS, MOST_FLOORS, MOST_ROOMS, Building, Household, Unit


@dataclass(frozen=True)
class Column:
    unit: int | None  # unit number; None for households without a unit
    room: int  # room index on the floor, 1 = westmost


@dataclass(frozen=True)
class PlanLayout:
    building_id: int
    floors: tuple[int, ...]  # top first
    columns: tuple[Column, ...]
    cells: dict[tuple[int, int], int]  # (row, column) → household id; rooms without one are absent
    labels: dict[tuple[int, int], str]  # (row, column) → room number as shown ("301")
    hidden: tuple[int, ...] = ()  # households beyond the caps, not drawn
    capped: bool = False  # the building's floors or rooms went beyond the caps

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.floors), len(self.columns)

    def unit_spans(self) -> list[tuple[int | None, int, int]]:
        """(unit, first column, last column) for the header over the rooms."""
        spans: list[tuple[int | None, int, int]] = []
        for c, column in enumerate(self.columns):
            if spans and spans[-1][0] == column.unit:
                spans[-1] = (column.unit, spans[-1][1], c)
            else:
                spans.append((column.unit, c, c))
        return spans


def room_index(floor: int, room: str) -> int:
    """The room's place on its floor: the digits after the floor ("301" → 1)."""
    prefix = str(floor)
    tail = room[len(prefix):] if room.startswith(prefix) else room
    digits = "".join(ch for ch in tail if ch.isdecimal())[:7]  # "²" is a digit int() refuses; 7 is beyond any cap
    return int(digits) if digits else 1


def _drawable(household: Household) -> bool:
    """Within the caps, and in a room the plan has a column for ("300" on floor 3 is room 0: none)."""
    return (-MOST_BASEMENTS <= household.floor <= MOST_FLOORS
            and 1 <= room_index(household.floor, household.room) <= MOST_ROOMS)


def plan_layout(building: Building, units: Iterable[Unit], households: Iterable[Household]) -> PlanLayout:
    units = sorted(units, key=lambda u: u.number)
    everyone = list(households)
    households = [h for h in everyone if _drawable(h)]
    hidden = tuple(sorted(h.id for h in everyone if not _drawable(h)))
    unit_number = {u.id: u.number for u in units}
    rooms = {u.number: min(max(u.rooms_per_floor, 0), MOST_ROOMS) for u in units}
    for h in households:  # a unit with more rooms somewhere gets the columns for them
        number = unit_number.get(h.unit_id)
        rooms[number] = max(rooms.get(number, 0), room_index(h.floor, h.room))
    columns = [Column(u.number, r) for u in units for r in range(1, rooms[u.number] + 1)]
    columns += [Column(None, r) for r in range(1, rooms.get(None, 0) + 1)]
    floors_seen = [h.floor for h in households]
    top = max([min(building.floors, MOST_FLOORS)] + floors_seen)
    bottom = min([1] + floors_seen)
    floors = tuple(f for f in range(top, bottom - 1, -1) if f != 0)  # no floor 0: 1 is the ground, -1 below
    capped = bool(hidden) or building.floors > MOST_FLOORS or any(u.rooms_per_floor > MOST_ROOMS for u in units)
    row_of = {f: r for r, f in enumerate(floors)}
    col_of = {(c.unit, c.room): i for i, c in enumerate(columns)}
    cells: dict[tuple[int, int], int] = {}
    labels = {(row_of[f], i): f"{f}{c.room:02d}" for f in floors for i, c in enumerate(columns)}
    for h in sorted(households, key=lambda h: h.id):
        at = (row_of[h.floor], col_of[(unit_number.get(h.unit_id), room_index(h.floor, h.room))])
        if at not in cells:  # two households in one room: the first is shown, the chart has one square
            cells[at] = h.id
            labels[at] = h.room
    return PlanLayout(building.id, floors, tuple(columns), cells, labels, hidden, capped)
