"""What the Problems dock lists about cases and visits, next to the broken rules:
every open case past its deadline, and every grid whose visit coverage is under
the project's target (CaseSettings.visit_days / visit_target)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gridmap.cases.settings import CaseSettings
from gridmap.cases.stats import overdue_cases
from gridmap.visits import under_target
from gridmap.model.entities import CHINA_TIME

if TYPE_CHECKING:
    from gridmap.project import Project



@dataclass(frozen=True)
class OverdueCase:
    case_id: int
    number: str
    category: str
    status: str
    zone_id: int | None
    hours_late: float
    bounds: tuple[float, float, float, float] | None


@dataclass(frozen=True)
class LowCoverage:
    zone_id: int
    households: int
    visited: int
    share: float
    target: float
    days: int
    bounds: tuple[float, float, float, float] | None


def overdue_problems(project: Project, now: dt.datetime) -> list[OverdueCase]:
    """Open cases past their deadline, the longest overdue first."""
    found = []
    for case in overdue_cases(project, now):
        geometry = case.geometry
        bounds = None if geometry is None or geometry.is_empty else tuple(geometry.bounds)
        found.append(OverdueCase(case.id, case.number, case.category, case.status, case.zone_id,
                                 (now - case.deadline).total_seconds() / 3600, bounds))
    return found


def coverage_problems(project: Project, now: dt.datetime) -> list[LowCoverage]:
    """Grids with households whose visit coverage is below the target, the lowest first."""
    settings = CaseSettings.from_meta(project.meta)
    today = now.astimezone(CHINA_TIME).date()
    zones = project.tables["zones"]
    found = []
    for cover in under_target(project, today, settings.visit_days, settings.visit_target):
        zone = zones.get(cover.key)
        bounds = None if zone is None or zone.geometry.is_empty else tuple(zone.geometry.bounds)
        found.append(LowCoverage(cover.key, cover.households, cover.visited, cover.share, settings.visit_target,
                                 settings.visit_days, bounds))
    return found
