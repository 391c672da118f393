"""Visits (入户走访): one member of staff, one day, the households seen and what
was found at each. Recording one sets each household's last-checked date to the
visit's day when that is later, so the colour plan's "not checked for N days"
follows the visits."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from collections.abc import Iterable

from gridmap.commands.messages import refusal, word
from gridmap.commands.stack import Command
from gridmap.model.changes import RowChange
from gridmap.model.entities import Visit, VisitHousehold

if TYPE_CHECKING:
    from gridmap.project import Project


class RecordVisit(Command):
    label = "Record visit"

    def __init__(self, staff_id: int | None, visited_on: dt.date, households: Iterable[tuple[int, str]],
                 note: str = "") -> None:
        super().__init__()
        self.staff_id, self.visited_on, self.note = staff_id, visited_on, note
        self.households = list(dict(households).items())  # one entry a household, the last finding kept
        if not self.households:
            raise refusal("visit_households")
        self.visit_id: int | None = None

    def build(self, project: Project) -> tuple[RowChange, ...]:
        if self.staff_id is not None and self.staff_id not in project.tables["staff"]:
            raise refusal("no_record", what=word("staff member"), key=self.staff_id)
        homes = project.tables["households"]
        missing = next((h for h, _ in self.households if h not in homes), None)
        if missing is not None:
            raise refusal("no_record", what=word("household"), key=missing)
        self.visit_id = project.new_id("visits")
        changes = [RowChange("visits", None, Visit(self.visit_id, self.staff_id, self.visited_on, self.note))]
        for household_id, found in self.households:
            changes.append(RowChange("visit_households", None, VisitHousehold(
                project.new_id("visit_households"), self.visit_id, household_id, found)))
            before = homes[household_id]
            if before.last_checked is None or before.last_checked < self.visited_on:
                changes.append(RowChange("households", before, before._replace(last_checked=self.visited_on)))
        return tuple(changes)
