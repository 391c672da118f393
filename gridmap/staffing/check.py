"""The staffing rules over a project: one ``Problem`` per gap or overload, in
the same list as the map's rules (rules/problems.py holds their wording)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from gridmap.levels import project_depths
from gridmap.rules.problems import Problem
from gridmap.staffing.settings import StaffingSettings, wanted
from gridmap.workbooks import values

if TYPE_CHECKING:
    from gridmap.project import Project

EMPTY = "空户"  # an empty household needs no party member


def _bounds(geometry) -> tuple[float, float, float, float] | None:
    return None if geometry is None or geometry.is_empty else tuple(geometry.bounds)


def check_staffing(project: Project, settings: StaffingSettings | None = None) -> list[Problem]:
    settings = settings or StaffingSettings.from_meta(project.meta, project.levels)
    roles_at = project_depths(project)
    tables = project.tables
    zones, buildings, units = tables["zones"], tables["buildings"], tables["units"]
    staff, households = tables["staff"], tables["households"]
    found: list[Problem] = []

    holders: dict[tuple[str, int], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    targets = {"zone": zones, "building": buildings, "unit": units, "site_point": tables["site_points"]}
    for a in sorted(tables["assignments"].values(), key=lambda a: a.id):
        if a.target_id not in targets.get(a.target_kind, {}):
            found.append(Problem("assignment_dangling", (), staff=(a.staff_id,),
                                 detail=f"{a.target_kind} {a.target_id}, which no longer exists ({a.role})"))
            continue
        holders[(a.target_kind, a.target_id)][a.role].add(a.staff_id)

    for zone in sorted(zones.values(), key=lambda z: (z.level, z.code)):
        for role, (low, high) in settings.roles.get(roles_at.role_at(zone.level), {}).items():
            count = len(holders[("zone", zone.id)].get(role, ()))
            want = wanted(count, low, high)
            if want is not None:
                found.append(Problem("staff_too_few" if count < low else "staff_too_many", (zone.id,),
                                     bounds=_bounds(zone.geometry), amount=count, detail=f"{role} (wants {want})"))

    occupied: dict[int, list[int]] = defaultdict(list)
    lived_in: set[int] = set()  # buildings with households, empty ones included
    for h in households.values():
        lived_in.add(h.building_id)
        if h.occupancy != EMPTY:
            occupied[h.building_id].append(h.id)
    if settings.building_heads:
        for b in sorted(lived_in):
            count = len(holders[("building", b)].get("楼栋长", ()))
            if count < settings.building_heads and b in buildings:
                found.append(Problem("building_head", (), (b,), bounds=_bounds(buildings[b].geometry), amount=count))

    links = Counter(link.household_id for link in tables["party_links"].values())
    if settings.party_links:
        for b in sorted(occupied):
            missing = sum(1 for h in occupied[b] if links[h] == 0)
            if missing and b in buildings:
                found.append(Problem("party_link", (), (b,), bounds=_bounds(buildings[b].geometry), amount=missing))
    several = Counter(households[h].building_id for h, n in links.items() if n > 1 and h in households)
    for b, count in sorted(several.items()):
        found.append(Problem("party_link_multiple", (), (b,), amount=count))
    load = Counter(link.staff_id for link in tables["party_links"].values())
    for person, count in sorted(load.items()):
        if count > settings.party_cap:
            found.append(Problem("party_overload", (), staff=(person,), amount=count,
                                 detail=f"cap {settings.party_cap}"))

    same: dict[tuple[str, str], list[int]] = defaultdict(list)
    for s in sorted(staff.values(), key=lambda s: s.id):
        if s.phone:
            try:
                values.phone(s.phone)
            except ValueError:
                found.append(Problem("staff_phone", (), staff=(s.id,),
                                     detail=f"{s.phone} is neither an 11-digit mobile nor a landline with area code"))
        same[(s.name.strip(), s.phone.replace("-", "").replace(" ", ""))].append(s.id)
    for ids in same.values():
        if len(ids) > 1:
            found.append(Problem("staff_duplicate", (), staff=tuple(ids)))
    return found
