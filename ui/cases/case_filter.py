"""Which cases the Cases dock lists (and the map draws): by status, category,
period, grid and person, overdue ones first, then by deadline. Plain values and
functions, so the dock, the map layer and the tests agree on one filter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gridmap.cases import workflow
from gridmap.zone_tree import ZoneTree
from gridmap.model.entities import CHINA_TIME

if TYPE_CHECKING:
    from gridmap.model.entities import Case
    from gridmap.project import Project

OPEN = "open"  # the status filter's "every open case"
OVERDUE = "overdue"  # and "open and past the deadline"
# period key → days back from today (None: since ever)
PERIODS = {"all": None, "7": 7, "30": 30, "90": 90, "365": 365, "month": "month", "year": "year"}


@dataclass(frozen=True)
class CaseFilter:
    status: str | None = None  # a CASE_STATUSES value, OPEN, OVERDUE or None for all
    category: str | None = None
    period: str = "all"  # a key of PERIODS
    zone_id: int | None = None  # the case lies in this zone or below it
    assignee_id: int | None = None  # "mine": the person's inbox


def period_start(period: str, now: dt.datetime) -> dt.datetime | None:
    """The first moment of ``period`` before ``now`` (China time for months and years)."""
    days = PERIODS.get(period)
    if days is None:
        return None
    local = now.astimezone(CHINA_TIME)
    if days == "month":
        return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if days == "year":
        return local.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    return now - dt.timedelta(days=int(days))


def is_overdue(case: Case, now: dt.datetime) -> bool:
    return workflow.is_open(case.status) and case.deadline < now


def zones_within(project: Project, zone_id: int) -> set[int]:
    """``zone_id`` and every zone below it."""
    return set(ZoneTree(project.tables["zones"]).walk(zone_id))


def filtered_cases(project: Project, chosen: CaseFilter, now: dt.datetime) -> list[Case]:
    """The cases ``chosen`` lets through: overdue first, then by deadline, then by number."""
    start = period_start(chosen.period, now)
    within = zones_within(project, chosen.zone_id) if chosen.zone_id in project.tables["zones"] else None
    out = []
    for case in project.tables["cases"].values():
        if chosen.status == OPEN and not workflow.is_open(case.status):
            continue
        if chosen.status == OVERDUE and not is_overdue(case, now):
            continue
        if chosen.status not in (None, OPEN, OVERDUE) and case.status != chosen.status:
            continue
        if chosen.category is not None and case.category != chosen.category:
            continue
        if start is not None and case.reported_at < start:
            continue
        if within is not None and case.zone_id not in within:
            continue
        if chosen.assignee_id is not None and case.assignee_id != chosen.assignee_id:
            continue
        out.append(case)
    return sorted(out, key=lambda c: (not is_overdue(c, now), c.deadline, c.number))
