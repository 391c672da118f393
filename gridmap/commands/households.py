"""Household edits: the daily work behind the nine-colour chart."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from collections.abc import Iterable

from gridmap.commands.messages import refusal, word
from gridmap.commands.stack import Command
from gridmap.model.changes import RowChange
from gridmap.model.entities import Household
from gridmap.model.validation import check_field

if TYPE_CHECKING:
    from gridmap.project import Project

# the ids and the address are not edited here
EDITABLE_FIELDS: frozenset[str] = frozenset({"occupancy", "tags", "people", "last_checked", "follow_up", "note"})


def _checked_values(values: dict[str, Any]) -> dict[str, Any]:
    """The values, refused before anything happens unless each may go into its
    field (the checks every commit makes: type, range, control characters)."""
    for name, value in values.items():
        if name not in EDITABLE_FIELDS:
            raise refusal("no_field", field=name)
        if isinstance(value, (set, list, tuple)) and name == "tags":
            values[name] = value = frozenset(value)
        check_field("households", name, [value])
    return values


def _household(table, household_id: int) -> Household:
    """The household with the id, or a refusal: an id held by an open editor
    may be gone (deleted, or undone away) by the time the edit is made."""
    household = table.get(household_id)
    if household is None:
        raise refusal("no_record", what=word("household"), key=household_id)
    return household


class EditHouseholds(Command):
    """Set fields on one or more households and add or remove tags, leaving
    their other tags alone, in one undo step; what is left out stays as each
    household has it (the colour plan's editor sets a batch this way)."""

    def __init__(self, household_ids: Iterable[int], *, add_tags: Iterable[str] = (),
                 remove_tags: Iterable[str] = (), **values: Any) -> None:
        super().__init__()
        self.household_ids = tuple(household_ids)
        self.values = _checked_values(dict(values))
        self.add, self.remove = frozenset(add_tags), frozenset(remove_tags)
        if self.add & self.remove:
            raise refusal("add_and_remove", tags=", ".join(sorted(self.add & self.remove)))
        self.label = "Edit households" if len(self.household_ids) > 1 else "Edit household"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        table = project.tables["households"]
        changes = []
        for household_id in self.household_ids:
            before = _household(table, household_id)
            after = before._replace(**self.values)
            after = after._replace(tags=(after.tags | self.add) - self.remove)
            if after != before:
                changes.append(RowChange("households", before, after))
        return tuple(changes)
