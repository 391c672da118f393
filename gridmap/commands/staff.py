"""Staff edits: the roster, assignments to zones, buildings and units, and
party-member household links (党员联户). Each is one undo step."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterable

from gridmap.commands.messages import refusal, word
from gridmap.commands.stack import Command
from gridmap.model.changes import RowChange
from gridmap.model.entities import ASSIGNMENT_TARGETS, Assignment, PartyLink, Staff
from gridmap.staffing.party import PARTY_ROLE
from gridmap.workbooks import values

if TYPE_CHECKING:
    from gridmap.project import Project

TARGET_TABLES = {"zone": "zones", "building": "buildings", "unit": "units", "site_point": "site_points"}
TARGET_WORDS = {"zone": "zone", "building": "building", "unit": "unit", "site_point": "site point"}


def checked_person(name: str, phone: str) -> tuple[str, str]:
    """The name and the phone as stored; ``EditError`` for a blank name or a malformed phone."""
    name = name.strip()
    if not name:
        raise refusal("staff_name")
    if phone.strip():
        try:
            phone = values.phone(phone)
        except ValueError:
            raise refusal("phone", phone=phone) from None
    return name, phone.strip()


def _on_roster(name: str, phone: str):
    """The refusal of a second entry for one person (same name, same phone)."""
    return refusal("on_roster", name=name, phone=phone or word("no phone"))


def _same_person(project: Project, name: str, phone: str, other_than: int | None = None) -> Staff | None:
    for s in project.tables["staff"].values():
        if s.id != other_than and s.name == name and s.phone == phone:
            return s
    return None


class AddStaff(Command):
    label = "Add staff member"

    def __init__(self, name: str, phone: str = "", roles: Iterable[str] = (), community_id: int | None = None,
                 phone_public: bool = False, note: str = "") -> None:
        super().__init__()
        self.name, self.phone = checked_person(name, phone)
        self.roles, self.community_id = frozenset(roles), community_id
        self.phone_public, self.note = phone_public, note
        self.staff_id: int | None = None

    def build(self, project: Project) -> tuple[RowChange, ...]:
        if _same_person(project, self.name, self.phone):
            raise _on_roster(self.name, self.phone)
        if self.staff_id is None:
            self.staff_id = project.new_id("staff")
        return (RowChange("staff", None, Staff(self.staff_id, self.name, self.phone, self.roles, self.community_id,
                                               self.phone_public, self.note)),)


class EditStaff(Command):
    label = "Edit staff member"

    def __init__(self, staff_id: int, **fields) -> None:
        super().__init__()
        self.staff_id, self.fields = staff_id, dict(fields)
        if "roles" in self.fields:
            self.fields["roles"] = frozenset(self.fields["roles"])

    def build(self, project: Project) -> tuple[RowChange, ...]:
        before: Staff = project.tables["staff"][self.staff_id]
        after = before._replace(**self.fields)
        name, phone = checked_person(after.name, after.phone)
        after = after._replace(name=name, phone=phone)
        if _same_person(project, name, phone, other_than=self.staff_id):
            raise _on_roster(name, phone)
        return (RowChange("staff", before, after),) if after != before else ()


class RemoveStaff(Command):
    """Take people off the roster with their assignments and household links:
    nothing is left pointing at them."""

    label = "Remove staff member"

    def __init__(self, staff_ids: Iterable[int]) -> None:
        super().__init__()
        self.staff_ids = frozenset(staff_ids)

    def build(self, project: Project) -> tuple[RowChange, ...]:
        tables = project.tables
        changes = [RowChange("assignments", a, None) for a in tables["assignments"].values()
                   if a.staff_id in self.staff_ids]
        changes += [RowChange("party_links", link, None) for link in tables["party_links"].values()
                    if link.staff_id in self.staff_ids]
        changes += [RowChange("staff", tables["staff"][s], None) for s in sorted(self.staff_ids)
                    if s in tables["staff"]]
        return tuple(changes)


class Assign(Command):
    """Make a person responsible for a zone, building or unit in a role (the
    role joins their roles). Holding the same post twice is refused."""

    label = "Assign staff"

    def __init__(self, staff_id: int, target_kind: str, target_id: int, role: str) -> None:
        super().__init__()
        if target_kind not in ASSIGNMENT_TARGETS:
            raise refusal("assign_to", targets=", ".join(ASSIGNMENT_TARGETS), target=target_kind)
        if not role.strip():
            raise refusal("needs_role")
        self.staff_id, self.target_kind, self.target_id, self.role = staff_id, target_kind, target_id, role.strip()
        self.assignment_id: int | None = None

    def build(self, project: Project) -> tuple[RowChange, ...]:
        tables = project.tables
        person = tables["staff"].get(self.staff_id)
        if person is None:
            raise refusal("no_record", what=word("staff member"), key=self.staff_id)
        if self.target_id not in tables[TARGET_TABLES[self.target_kind]]:
            raise refusal("no_record", what=word(TARGET_WORDS[self.target_kind]), key=self.target_id)
        post = (self.staff_id, self.target_kind, self.target_id, self.role)
        if any((a.staff_id, a.target_kind, a.target_id, a.role) == post for a in tables["assignments"].values()):
            raise refusal("holds_post", name=person.name, role=self.role)
        if self.assignment_id is None:
            self.assignment_id = project.new_id("assignments")
        changes = [RowChange("assignments", None, Assignment(self.assignment_id, *post))]
        if self.role not in person.roles:
            changes.append(RowChange("staff", person, person._replace(roles=person.roles | {self.role})))
        return tuple(changes)


class Unassign(Command):
    label = "Remove assignment"

    def __init__(self, assignment_ids: Iterable[int]) -> None:
        super().__init__()
        self.assignment_ids = tuple(assignment_ids)

    def build(self, project: Project) -> tuple[RowChange, ...]:
        table = project.tables["assignments"]
        return tuple(RowChange("assignments", table[a], None) for a in self.assignment_ids if a in table)


class LinkHouseholds(Command):
    """党员联户: a party member looks after these households. A household has one
    party member, so a link it had to someone else moves to this member."""

    label = "Link households to a party member"

    def __init__(self, staff_id: int, household_ids: Iterable[int]) -> None:
        super().__init__()
        self.staff_id, self.household_ids = staff_id, tuple(dict.fromkeys(household_ids))

    def build(self, project: Project) -> tuple[RowChange, ...]:
        tables = project.tables
        person = tables["staff"].get(self.staff_id)
        if person is None:
            raise refusal("no_record", what=word("staff member"), key=self.staff_id)
        missing = [h for h in self.household_ids if h not in tables["households"]]
        if missing:
            raise refusal("no_record", what=word("household"), key=missing[0])
        current: dict[int, list[PartyLink]] = {}
        for link in tables["party_links"].values():
            current.setdefault(link.household_id, []).append(link)
        changes: list[RowChange] = []
        for household in self.household_ids:
            links = current.get(household, [])
            if [link.staff_id for link in links] == [self.staff_id]:
                continue
            changes += [RowChange("party_links", link, None) for link in links]
            changes.append(RowChange("party_links", None, PartyLink(project.new_id("party_links"), self.staff_id,
                                                                    household)))
        if changes and PARTY_ROLE not in person.roles:
            changes.append(RowChange("staff", person, person._replace(roles=person.roles | {PARTY_ROLE})))
        return tuple(changes)


class UnlinkHouseholds(Command):
    label = "Unlink households"

    def __init__(self, household_ids: Iterable[int]) -> None:
        super().__init__()
        self.household_ids = frozenset(household_ids)

    def build(self, project: Project) -> tuple[RowChange, ...]:
        return tuple(RowChange("party_links", link, None) for link in project.tables["party_links"].values()
                     if link.household_id in self.household_ids)
