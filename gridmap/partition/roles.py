"""What a zone is partitioned into, by the role of its level (never its number):
a community into grids, a grid into micro-grids. Micro-grids are the level
below the grids; a project without that level gets it when its first grid is
divided (``ApplyProposal`` adds the row in the same undo step)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from gridmap.levels import project_depths
from gridmap.model.entities import COMMUNITY, GRID, MICRO_GRID, MICRO_GRID_LEVEL_NAMES, Level, Zone
from gridmap.zone_tree import ZoneTree

if TYPE_CHECKING:
    from gridmap.project import Project


@dataclass(frozen=True)
class Target:
    role: str  # the role of the level the parts are at
    band: tuple[int, int]  # households a part should hold
    count: int  # parts offered for a zone that has none yet


# Grids: "in principle 300–500 households as the basic unit" (the provincial standards, standards.md);
# 新华街社区's 2,449 households make its six grids. Micro-grids: 阳光花苑社区 divides 12 grids into 58
# micro-grids (field-notes.md), about five a grid, so a grid of 300–500 households gives micro-grids of
# 60–100: a building or two, what a building head and the party members linked to its households walk.
TARGETS: dict[str, Target] = {
    COMMUNITY: Target(GRID, (300, 500), 6),
    GRID: Target(MICRO_GRID, (60, 100), 5),
}


def role_of(project: Project, zone: Zone) -> str:
    """The role of the zone's level ("" for a level of no known role)."""
    return project_depths(project).role_at(zone.level)


def target_of(project: Project, zone: Zone) -> Target | None:
    """What the zone is partitioned into, or None if zones of its level are not partitioned."""
    return TARGETS.get(role_of(project, zone))


def parts_level(project: Project, zone: Zone) -> Level | None:
    """The level the zone's parts are at, one below it: the project's level of
    the target role, or the micro-grid level still to be added; None when the
    zone is not partitioned or the level below it plays another role."""
    target = target_of(project, zone)
    if target is None:
        return None
    below = next((level for level in project.levels if level.depth == zone.level + 1), None)
    if below is None and target.role == MICRO_GRID:
        return Level(zone.level + 1, *MICRO_GRID_LEVEL_NAMES, MICRO_GRID)
    return below if below is not None and below.role == target.role else None


def partitionable(project: Project, role: str | None = None) -> list[int]:
    """Zones that can be partitioned (of ``role``, if given), in tree order: of a
    role in TARGETS, with only leaves under them (a community whose grids hold
    micro-grids is not divided anew)."""
    tree = ZoneTree(project.tables["zones"])
    zones = project.tables["zones"]
    return [z for z in tree.walk() if all(tree.is_leaf(c) for c in tree.children.get(z, ()))
            and (role is None or role_of(project, zones[z]) == role) and parts_level(project, zones[z]) is not None]

