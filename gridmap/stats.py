"""Counts per zone and per level: what ``gridmap info`` prints and the tree shows."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

from gridmap.levels import project_depths
from gridmap.zone_tree import ZoneTree
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gridmap.project import Project

STAFF_ROLE_KEYS = {"网格长": "grid_chiefs", "网格员": "grid_members", "楼栋长": "building_heads"}


@dataclass(frozen=True)
class ZoneStats:
    id: int
    code: str
    name: str
    level: int
    level_name: str
    parent_id: int | None
    children: int
    grids: int  # grids (role grid) at or under this zone; a zone above the grids not divided yet counts as one
    buildings: int
    units: int
    households: int
    grid_chiefs: int
    grid_members: int
    building_heads: int
    micro_grids: int = 0  # micro-grids at or under this zone


def zone_stats(project: Project) -> list[ZoneStats]:
    """One row per zone, in code order, counting everything beneath it."""
    zones = project.tables["zones"]
    level_names = {lv.depth: lv.name for lv in project.levels}
    depths = project_depths(project)
    tree = ZoneTree(zones)
    children = tree.children

    # Buildings sit in leaf zones; roll counts up the tree from there.
    units_per_building = Counter(u.building_id for u in project.tables["units"].values())
    households_per_building = Counter(h.building_id for h in project.tables["households"].values())
    direct: dict[int, Counter] = {z: Counter() for z in zones}
    for building in project.tables["buildings"].values():
        if building.zone_id in direct:
            direct[building.zone_id].update(buildings=1, units=units_per_building[building.id],
                                            households=households_per_building[building.id])
    roles: dict[int, dict[str, set[int]]] = {z: {} for z in zones}
    buildings = project.tables["buildings"]
    for assignment in project.tables["assignments"].values():
        key = STAFF_ROLE_KEYS.get(assignment.role)
        if key is None:
            continue
        if assignment.target_kind == "zone":
            zone_id = assignment.target_id
        elif assignment.target_kind == "building" and assignment.target_id in buildings:
            zone_id = buildings[assignment.target_id].zone_id
        else:
            continue
        if zone_id in roles:
            roles[zone_id].setdefault(key, set()).add(assignment.staff_id)

    # Children before parents: each zone adds its own to what its children hold.
    totals: dict[int, tuple[Counter, dict[str, set[int]]]] = {}
    for zone_id in reversed(tree.walk()):
        counts = Counter(direct[zone_id])
        people = {k: set(v) for k, v in roles[zone_id].items()}
        kids = children.get(zone_id, [])
        level = zones[zone_id].level
        counts["grids"] = int(depths.counts_as_grid(level, not kids))
        counts["micro_grids"] = int(level == depths.micro_grid)
        for kid in kids:
            kid_counts, kid_people = totals[kid]
            counts.update(kid_counts)
            for key, ids in kid_people.items():
                people.setdefault(key, set()).update(ids)
        totals[zone_id] = (counts, people)

    rows = []
    for zone in sorted(zones.values(), key=lambda z: (z.level, z.code)):
        counts, people = totals[zone.id]
        rows.append(ZoneStats(
            zone.id, zone.code, zone.name, zone.level, level_names.get(zone.level, str(zone.level)),
            zone.parent_id, len(children.get(zone.id, [])), counts["grids"], counts["buildings"],
            counts["units"], counts["households"], *(len(people.get(k, ())) for k in STAFF_ROLE_KEYS.values()),
            micro_grids=counts["micro_grids"]))
    return rows


def project_summary(project: Project) -> dict[str, Any]:
    """Everything ``gridmap info --json`` prints. Counts only: no personal data."""
    rows = zone_stats(project)
    levels = []
    for level in project.levels:
        at_level = [r for r in rows if r.level == level.depth]
        levels.append({"depth": level.depth, "name": level.name, "name_en": level.name_en, "role": level.role,
                       "zones": len(at_level),
                       **{k: sum(getattr(r, k) for r in at_level) for k in ("buildings", "units", "households")}})
    meta = project.meta
    return {
        "file": project.address,
        "title": meta.get("title", ""),
        "sample_data": meta.get("sample_data") == "true",
        "schema_version": int(meta["schema_version"]),
        "crs": f"EPSG:{meta['srs_id']}",
        "levels": levels,
        "zones": [asdict(r) for r in rows],
        "totals": {name: len(records) for name, records in project.tables.items()},
    }
