"""Workloads: how many buildings and households each person answers for, and
how each grid is covered. Counts only, no personal data beyond staff names."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gridmap.levels import project_depths
from gridmap.zone_tree import ZoneTree

if TYPE_CHECKING:
    from gridmap.project import Project


@dataclass(frozen=True)
class PersonLoad:
    staff_id: int
    name: str
    roles: tuple[str, ...]
    zones: int  # zones they are assigned to
    buildings: int  # buildings they answer for (through zones, buildings or units)
    households: int  # households in those buildings and units
    linked: int  # households linked to them as a party member


@dataclass(frozen=True)
class GridCover:
    zone_id: int
    code: str
    name: str
    chiefs: tuple[str, ...]
    members: tuple[str, ...]
    buildings: int
    buildings_with_head: int
    households: int
    occupied: int
    linked: int  # occupied households with a linked party member

    @property
    def households_per_member(self) -> float:
        return self.households / len(self.members) if self.members else float(self.households)


def _holdings(project: Project):
    tables = project.tables
    tree = ZoneTree(tables["zones"])
    by_zone: dict[int, list[int]] = defaultdict(list)
    for b in tables["buildings"].values():
        by_zone[b.zone_id].append(b.id)
    per_building = Counter(h.building_id for h in tables["households"].values())
    per_unit = Counter(h.unit_id for h in tables["households"].values())
    return tables, tree, by_zone, per_building, per_unit


def person_loads(project: Project) -> list[PersonLoad]:
    """One row per staff member, the busiest first."""
    tables, tree, by_zone, per_building, per_unit = _holdings(project)
    units = tables["units"]
    buildings: dict[int, set[int]] = defaultdict(set)
    households: Counter = Counter()
    zones: Counter = Counter()
    for a in tables["assignments"].values():
        if a.target_kind == "zone" and a.target_id in tables["zones"]:
            zones[a.staff_id] += 1
            for z in tree.walk(a.target_id):
                buildings[a.staff_id].update(by_zone.get(z, ()))
        elif a.target_kind == "building" and a.target_id in tables["buildings"]:
            buildings[a.staff_id].add(a.target_id)
        elif a.target_kind == "unit" and a.target_id in units:
            households[a.staff_id] += per_unit[a.target_id]
            buildings[a.staff_id].add(units[a.target_id].building_id)
    linked = Counter(link.staff_id for link in tables["party_links"].values())
    rows = [PersonLoad(s.id, s.name, tuple(sorted(s.roles)), zones[s.id], len(buildings[s.id]),
                       households[s.id] + sum(per_building[b] for b in buildings[s.id]), linked[s.id])
            for s in tables["staff"].values()]
    return sorted(rows, key=lambda r: (-(r.households + r.linked), r.name))


def grid_cover(project: Project, zone_id: int | None = None) -> list[GridCover]:
    """One row per grid under ``zone_id`` (all when None; a micro-grid's: its grid), by code:
    the posts of the grid, the buildings of its micro-grids."""
    tables, tree, by_zone, per_building, _ = _holdings(project)
    depths = project_depths(project)
    staff = tables["staff"]
    zones = tables["zones"]
    held: dict[tuple[str, int], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for a in sorted(tables["assignments"].values(), key=lambda a: a.id):
        if a.staff_id in staff:
            held[(a.target_kind, a.target_id)][a.role].append(staff[a.staff_id].name)
    occupied = Counter(h.building_id for h in tables["households"].values() if h.occupancy != "空户")
    linked_ids = {link.household_id for link in tables["party_links"].values()}
    linked = Counter(h.building_id for h in tables["households"].values()
                     if h.occupancy != "空户" and h.id in linked_ids)
    if zone_id is not None:
        zone_id = depths.grid_of(zones, zone_id) or zone_id
    chosen = tree.walk(zone_id) if zone_id is not None else tree.walk()
    rows = []
    for z in chosen:
        if not depths.counts_as_grid(zones[z].level, tree.is_leaf(z)):
            continue
        ids = [b for inside in tree.walk(z) for b in by_zone.get(inside, ())]
        posts = held[("zone", z)]
        rows.append(GridCover(z, zones[z].code, zones[z].name, tuple(posts.get("网格长", ())),
                              tuple(posts.get("网格员", ())), len(ids),
                              sum(1 for b in ids if held[("building", b)].get("楼栋长")),
                              sum(per_building[b] for b in ids), sum(occupied[b] for b in ids),
                              sum(linked[b] for b in ids)))
    return sorted(rows, key=lambda r: r.code)
