"""Which depth of a project's zone tree plays which role (office, community, grid,
micro-grid), for code that must know what a level means rather than its number.

A project's ``levels`` table names the roles. A table that lacks one (an old
file, a hand-edited one) gets the depth next to its neighbour's: communities
below the office, grids below the communities, micro-grids below the grids, as
in the default tree; a tree of levels no role at all gets the default depths.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from collections.abc import Iterable

from gridmap.model.entities import LEVEL_ROLES, Level, Zone

if TYPE_CHECKING:
    from gridmap.project import Project


@dataclass(frozen=True)
class Depths:
    """The depth of each role's level."""

    office: int = 1
    community: int = 2
    grid: int = 3
    micro_grid: int = 4

    def of(self, role: str) -> int:
        return getattr(self, role)

    def role_at(self, depth: int) -> str:
        """The role of the level at ``depth``, "" for a level of none (a 片区 between community and grid)."""
        return next((role for role in LEVEL_ROLES if self.of(role) == depth), "")

    def is_upper(self, depth: int) -> bool:
        """Whether zones at ``depth`` hold communities or are communities (drawn and named above the grids)."""
        return depth <= self.community

    def counts_as_grid(self, level: int, leaf: bool) -> bool:
        """Whether a zone is one of the grids that charts list and statistics count: a zone of the
        grids' level, or a zone above it not divided (a community with no grids yet)."""
        return level == self.grid or (level < self.grid and leaf)

    def grid_of(self, zones: dict[int, Zone], zone_id: int | None) -> int | None:
        """The grid holding ``zone_id`` (a micro-grid's grid, or the grid itself); a zone above the
        grids that holds no grid (a community not divided yet) stands for its own grid."""
        seen: set[int] = set()
        while zone_id in zones and zone_id not in seen:
            zone = zones[zone_id]
            if zone.level <= self.grid:
                return zone_id
            seen.add(zone_id)
            zone_id = zone.parent_id
        return None

    def grid_name(self, zones: dict[int, Zone], zone_id: int | None) -> str:
        """How a list names the grid of a building linked to ``zone_id``: "第1网格", or with
        its micro-grid "第1网格 第2微网格"; "" for none."""
        grid = self.grid_of(zones, zone_id)
        if grid is None:
            return ""
        return zones[grid].name if grid == zone_id else f"{zones[grid].name} {zones[zone_id].name}"


def depths(levels: Iterable[Level]) -> Depths:
    """The depths of ``levels``' roles, missing ones placed next to a neighbour's."""
    known = {lv.role: lv.depth for lv in sorted(levels, key=lambda lv: -lv.depth) if lv.role in LEVEL_ROLES}
    if not known:
        return Depths()
    found: dict[str, int | None] = {role: known.get(role) for role in LEVEL_ROLES}
    for _ in LEVEL_ROLES:  # each pass fills the roles next to a known one
        for k, role in enumerate(LEVEL_ROLES):
            if found[role] is not None:
                continue
            above = found[LEVEL_ROLES[k - 1]] if k else None
            below = found[LEVEL_ROLES[k + 1]] if k + 1 < len(LEVEL_ROLES) else None
            if above is not None:
                found[role] = above + 1
            elif below is not None:
                found[role] = below - 1
    return Depths(**{role: int(depth) for role, depth in found.items()})


def project_depths(project: Project) -> Depths:
    return depths(project.levels)

