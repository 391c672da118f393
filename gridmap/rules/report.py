"""The rules over an open project, and the report ``gridmap validate`` prints."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any
from collections.abc import Iterable, Mapping

from gridmap.levels import project_depths
from gridmap.model.entities import Zone
from gridmap.rules.check import check
from gridmap.rules.problems import RULES, Problem, describe
from gridmap.rules.settings import RuleSettings
from gridmap.zone_tree import ZoneTree

if TYPE_CHECKING:
    from gridmap.project import Project


def check_project(project: Project) -> list[Problem]:
    """Every rule over the project; an offline copy's problems only (see :func:`own_problems`)."""
    households = Counter(h.building_id for h in project.tables["households"].values())
    found = check(project.tables["zones"], project.tables["buildings"], households,
                  RuleSettings.from_meta(project.meta, project.levels), project_depths(project))
    held = project.store.read_only_rows
    return own_problems(found, held) if held else found


def own_problems(problems: Iterable[Problem], read_only: Mapping[str, frozenset[int]]) -> list[Problem]:
    """``problems`` without those that involve only rows held read-only (``read_only``:
    table → ids). An offline copy holds its neighbours only in part (the zones and
    buildings near its boundary), so their families look gapped and their grids
    empty: not problems of the project, and not the copy's to fix."""
    kept = []
    for problem in problems:
        places = [("zones", z) for z in problem.zones] + [("buildings", b) for b in problem.buildings] + \
                 [("staff", s) for s in problem.staff]
        if not places or any(key not in read_only.get(table, ()) for table, key in places):
            kept.append(problem)
    return kept


class Names:
    """How a planner names zones ("新华街社区 第3网格": the path below the top) and
    buildings ("幸福里小区 5号楼")."""

    def __init__(self, project: Project, zones: Mapping[int, Zone] | None = None) -> None:
        """``zones`` names zones other than the project's (an edit's, removed ones included)."""
        self.zones = project.tables["zones"] if zones is None else zones
        self.buildings = project.tables["buildings"]
        self.compounds = project.tables["compounds"]
        self.staff_members = project.tables["staff"]
        self.tree = ZoneTree(self.zones)

    def zone(self, zone_id: int) -> str:
        path = [self.zones[z].name for z in reversed(self.tree.ancestors(zone_id))]
        return " ".join(path[1:] if len(path) > 1 else path) or f"zone {zone_id}"

    def building(self, building_id: int) -> str:
        building = self.buildings.get(building_id)
        if building is None:
            return f"building {building_id}"
        compound = self.compounds.get(building.compound_id)
        place = compound.name if compound else (self.zone(building.zone_id) if building.zone_id in self.zones else "")
        return f"{place} {building.number}".strip()

    def staff(self, staff_id: int) -> str:
        person = self.staff_members.get(staff_id)
        return f"{person.name}（{'、'.join(sorted(person.roles))}）" if person else f"staff {staff_id}"

    def places(self, problem: Problem) -> str:
        """The zones, buildings and people of a problem, as one line of Chinese."""
        return "、".join([self.zone(z) for z in problem.zones] + [self.building(b) for b in problem.buildings]
                        + [self.staff(s) for s in problem.staff])


def report(project: Project, problems: list[Problem]) -> dict[str, Any]:
    """The problems as JSON-ready data, each with its English line."""
    names = Names(project)
    return {
        "file": project.address,
        "problems": len(problems),
        "by_rule": dict(Counter(p.rule for p in problems)),
        "items": [{
            "rule": p.rule,
            "title": RULES[p.rule].title,
            "message": describe(p, names.zone, names.building, names.staff),
            "zones": [{"id": z, "code": names.zones[z].code if z in names.zones else None, "name": names.zone(z)}
                      for z in p.zones],
            "buildings": [{"id": b, "name": names.building(b)} for b in p.buildings],
            "staff": [{"id": s, "name": names.staff(s)} for s in p.staff],
            "amount": p.amount,
            "detail": p.detail,
            "bounds": p.bounds,
            "fix": p.fix,
        } for p in problems],
    }
