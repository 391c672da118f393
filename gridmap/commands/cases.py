"""Case edits (有呼必应): report, each step of the loop, escalation of overdue
cases, photos. Each is one undo step that writes the case and a timeline entry
(``case_events``: who, when, what, the note), and the history records every
field it changed."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any
from collections.abc import Iterable

from shapely.geometry.base import BaseGeometry

from gridmap.cases import workflow
from gridmap.cases.routing import Router
from gridmap.cases.settings import CaseSettings
from gridmap.commands.messages import refusal, word
from gridmap.commands.stack import Command
from gridmap.model.changes import RowChange
from gridmap.model.entities import (CASE_CLOSED, CASE_NEW, CASE_SOURCES, CASE_URGENCIES, Case, CaseEvent,
                                    CasePhoto)
from gridmap.workbooks import values

if TYPE_CHECKING:
    from gridmap.project import Project


def case_of(project: Project, case_id: int) -> Case:
    case = project.tables["cases"].get(case_id)
    if case is None:
        raise refusal("no_record", what=word("case"), key=case_id)
    return case


def _choice(what: str, value: str, choices: Iterable[str]) -> str:
    choices = list(choices)
    if value not in choices:
        raise refusal("case_choice", what=word(what), choices="、".join(choices), value=value)
    return value


def next_number(project: Project, year: int, taken: Iterable[str] = ()) -> str:
    """The next free case number of ``year``: "2026-000124"."""
    prefix = f"{year}-"
    serials = [int(n[len(prefix):]) for n in [c.number for c in project.tables["cases"].values()] + list(taken)
               if n.startswith(prefix) and n[len(prefix):].isdigit()]
    return f"{prefix}{max(serials, default=0) + 1:06d}"


def _now(project: Project) -> dt.datetime:
    """The project's clock to the millisecond, as the file keeps times: a case reads back as written."""
    moment = project.clock()
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def _event(project: Project, case: Case, action: str, note: str, at: dt.datetime) -> RowChange:
    return RowChange("case_events", None, CaseEvent(project.new_id("case_events"), case.id, at, project.user,
                                                    action, case.status, case.assignee_id, note))


class ReportCase(Command):
    """A new case at a point, a building or a household; it goes to the grid that
    holds the place and to the person there whose role handles the category."""

    label = "Report case"

    def __init__(self, *, category: str, description: str = "", source: str = CASE_SOURCES[0],
                 reporter: str = "", reporter_phone: str = "", urgency: str = CASE_URGENCIES[0],
                 point: BaseGeometry | None = None, building_id: int | None = None,
                 household_id: int | None = None, address: str = "", reported_at: dt.datetime | None = None,
                 photos: Iterable[tuple[str, bytes]] = ()) -> None:
        super().__init__()
        if point is None and building_id is None and household_id is None:
            raise refusal("case_place")
        self.category, self.description = category, description
        self.source = _choice("source", source, CASE_SOURCES)
        self.urgency = _choice("urgency", urgency, CASE_URGENCIES)
        self.reporter = reporter.strip()
        self.reporter_phone = reporter_phone.strip()
        if self.reporter_phone:
            try:
                self.reporter_phone = values.phone(self.reporter_phone)
            except ValueError:
                raise refusal("phone", phone=reporter_phone) from None
        self.point, self.building_id, self.household_id = point, building_id, household_id
        self.address, self.reported_at, self.photos = address.strip(), reported_at, list(photos)
        self.case_id: int | None = None

    def build(self, project: Project) -> tuple[RowChange, ...]:
        settings = CaseSettings.from_meta(project.meta)
        _choice("category", self.category, settings.category_names)
        router = Router(project, settings)
        for table, key in (("households", self.household_id), ("buildings", self.building_id)):
            if key is not None and key not in project.tables[table]:
                raise refusal("no_record", what=word(table[:-1]), key=key)
        point, zone, building, household = router.place(point=self.point, building_id=self.building_id,
                                                        household_id=self.household_id)
        now = _now(project)
        reported = self.reported_at.replace(microsecond=self.reported_at.microsecond // 1000 * 1000) \
            if self.reported_at else now
        self.case_id = project.new_id("cases")
        case = Case(self.case_id, next_number(project, reported.astimezone(dt.UTC).year), self.category,
                    self.description, self.source, self.reporter, self.reporter_phone, reported, self.urgency,
                    settings.deadline(self.category, self.urgency, reported), CASE_NEW, zone, building, household,
                    self.address, router.person_for(zone, self.category), 0, None, point)
        changes = [RowChange("cases", None, case), _event(project, case, workflow.REPORT, self.description, now)]
        changes += [RowChange("case_photos", None, CasePhoto(project.new_id("case_photos"), case.id, name, now, data))
                    for name, data in self.photos]
        return tuple(changes)


STEP_LABELS = {workflow.DISPATCH: "Dispatch case", workflow.ACCEPT: "Accept case",
               workflow.SUBMIT: "Submit case for checking", workflow.CLOSE: "Close case",
               workflow.REJECT: "Send case back to handling", workflow.RETURN: "Return case",
               workflow.SUSPEND: "Suspend case", workflow.RESUME: "Resume case", workflow.REASSIGN: "Reassign case"}


class CaseStep(Command):
    """One step of the loop (workflow.STEPS) on one case, with a note; 派发 and 改派
    name the person the case goes to."""

    def __init__(self, case_id: int, action: str, note: str = "", assignee_id: int | None = None) -> None:
        super().__init__()
        self.case_id, self.action, self.note, self.assignee_id = case_id, action, note, assignee_id
        self.label = STEP_LABELS.get(action, "")  # an action of no step is refused when built

    def build(self, project: Project) -> tuple[RowChange, ...]:
        before = case_of(project, self.case_id)
        status = workflow.next_status(before.status, self.action)
        if status is None or self.action not in workflow.STEPS:
            raise refusal("case_step", number=before.number, status=before.status, action=self.action)
        assignee = before.assignee_id
        if self.action in workflow.NEEDS_ASSIGNEE:
            assignee = self.assignee_id if self.assignee_id is not None else before.assignee_id
            if assignee is None or assignee not in project.tables["staff"]:
                raise refusal("case_person", action=self.action)
        elif self.action == workflow.RETURN:
            assignee = None  # back to the community, which sends it on
        now = _now(project)
        after = before._replace(status=status, assignee_id=assignee,
                                closed_at=now if status == CASE_CLOSED else None)
        return (RowChange("cases", before, after), _event(project, after, self.action, self.note, now))


class EscalateOverdue(Command):
    """督办: every open case past its deadline goes one level up (the community, then
    the office) to the holder of the escalation roles there, in one step."""

    label = "Escalate overdue cases"

    def __init__(self, case_ids: Iterable[int] | None = None, note: str = "") -> None:
        super().__init__()
        self.case_ids = None if case_ids is None else set(case_ids)
        self.note = note

    def build(self, project: Project) -> tuple[RowChange, ...]:
        now = _now(project)
        router = Router(project)
        top = max(router.depths.grid - 1, 1)
        changes: list[RowChange] = []
        for before in sorted(project.tables["cases"].values(), key=lambda c: c.id):
            if (self.case_ids is not None and before.id not in self.case_ids) or not workflow.is_open(before.status):
                continue
            if before.deadline >= now or before.escalation >= top:
                continue
            level = before.escalation + 1
            person = router.escalation_person(before.zone_id, level)
            after = before._replace(escalation=level, assignee_id=person if person is not None else before.assignee_id)
            changes += [RowChange("cases", before, after), _event(project, after, workflow.ESCALATE, self.note, now)]
        if not changes:
            raise refusal("not_overdue")
        return tuple(changes)


class EditCase(Command):
    """Change what a case says (category, description, urgency, reporter, address);
    a new category or urgency moves its deadline."""

    label = "Edit case"
    FIELDS = frozenset({"category", "description", "urgency", "source", "reporter", "reporter_phone", "address"})

    def __init__(self, case_id: int, **fields: Any) -> None:
        super().__init__()
        unknown = set(fields) - self.FIELDS
        if unknown:  # a caller's mistake, not the user's
            raise TypeError(f"cases have no editable field {sorted(unknown)[0]!r}")
        self.case_id, self.fields = case_id, fields

    def build(self, project: Project) -> tuple[RowChange, ...]:
        settings = CaseSettings.from_meta(project.meta)
        before = case_of(project, self.case_id)
        after = before._replace(**self.fields)
        _choice("category", after.category, settings.category_names + [before.category])
        _choice("urgency", after.urgency, CASE_URGENCIES)
        _choice("source", after.source, CASE_SOURCES)
        if after.reporter_phone != before.reporter_phone and after.reporter_phone.strip():
            try:
                after = after._replace(reporter_phone=values.phone(after.reporter_phone))
            except ValueError:
                raise refusal("phone", phone=after.reporter_phone) from None
        if (after.category, after.urgency) != (before.category, before.urgency):
            after = after._replace(deadline=settings.deadline(after.category, after.urgency, after.reported_at))
        return () if after == before else (RowChange("cases", before, after),)


class AddCasePhotos(Command):
    label = "Add case photos"

    def __init__(self, case_id: int, photos: Iterable[tuple[str, bytes]]) -> None:
        super().__init__()
        self.case_id, self.photos = case_id, list(photos)

    def build(self, project: Project) -> tuple[RowChange, ...]:
        case_of(project, self.case_id)
        now = _now(project)
        return tuple(RowChange("case_photos", None, CasePhoto(project.new_id("case_photos"), self.case_id, name, now,
                                                              data)) for name, data in self.photos)


class RemoveCasePhoto(Command):
    label = "Remove case photo"

    def __init__(self, photo_id: int) -> None:
        super().__init__()
        self.photo_id = photo_id

    def build(self, project: Project) -> tuple[RowChange, ...]:
        photo = project.tables["case_photos"].get(self.photo_id)
        if photo is None:
            raise refusal("no_record", what=word("photo"), key=self.photo_id)
        return (RowChange("case_photos", photo, None),)
