"""Visit coverage (入户走访): the share of households checked within the last N
days, per grid and per person.

A grid counts a household as covered when its last-checked date (set by every
recorded visit, by "checked today" in a colour plan and by a roster) is within
the window; a person counts the households they visited themselves within it,
against the households of the grids where they hold a post."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gridmap.levels import project_depths

if TYPE_CHECKING:
    from gridmap.project import Project


@dataclass(frozen=True)
class Coverage:
    key: int  # a grid's zone id or a person's staff id
    households: int
    visited: int

    @property
    def share(self) -> float:
        return self.visited / self.households if self.households else 1.0


def _households_by_grid(project: Project) -> dict[int, list[int]]:
    zones, depths = project.tables["zones"], project_depths(project)
    grid_of_building = {b.id: depths.grid_of(zones, b.zone_id) for b in project.tables["buildings"].values()}
    out: dict[int, list[int]] = defaultdict(list)
    for home in project.tables["households"].values():
        grid = grid_of_building.get(home.building_id)
        if grid is not None:
            out[grid].append(home.id)
    return out


def grid_coverage(project: Project, today: dt.date, days: int) -> dict[int, Coverage]:
    """Every grid with households: how many, and how many were checked within ``days``."""
    since = today - dt.timedelta(days=days)
    homes = project.tables["households"]
    return {grid: Coverage(grid, len(ids), sum(1 for h in ids if (homes[h].last_checked or dt.date.min) > since))
            for grid, ids in _households_by_grid(project).items()}


def person_coverage(project: Project, today: dt.date, days: int) -> dict[int, Coverage]:
    """Every person holding a post at a grid (or a zone in it): the households of
    those grids, and how many of them they visited within ``days``."""
    since = today - dt.timedelta(days=days)
    zones, depths = project.tables["zones"], project_depths(project)
    by_grid = _households_by_grid(project)
    grids_of: dict[int, set[int]] = defaultdict(set)
    for post in project.tables["assignments"].values():
        if post.target_kind == "zone":
            grid = depths.grid_of(zones, post.target_id)
            if grid is not None and zones[grid].level == depths.grid:
                grids_of[post.staff_id].add(grid)
    visits = project.tables["visits"]
    seen: dict[int, set[int]] = defaultdict(set)
    for row in project.tables["visit_households"].values():
        visit = visits.get(row.visit_id)
        if visit is not None and visit.staff_id is not None and visit.visited_on > since:
            seen[visit.staff_id].add(row.household_id)
    out = {}
    for person, grids in grids_of.items():
        homes = {h for g in grids for h in by_grid.get(g, ())}
        out[person] = Coverage(person, len(homes), len(homes & seen[person]))
    return out


def under_target(project: Project, today: dt.date, days: int, target: float) -> list[Coverage]:
    """Grids whose coverage is below ``target``, the lowest first."""
    low = [c for c in grid_coverage(project, today, days).values() if c.share < target]
    return sorted(low, key=lambda c: (c.share, c.key))
