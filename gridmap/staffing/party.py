"""党员联户 choices: the party members who could look after some households,
nearest first (the households' grid, then their community, then the rest),
each with what tells namesakes apart (grid, community, masked phone) and how
many households they look after now; and what a link or an unlink would change."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING
from collections.abc import Iterable

from gridmap.levels import project_depths
from gridmap.staffing.initials import initials
from gridmap.workbooks.values import masked_phone
from gridmap.zone_tree import ZoneTree

if TYPE_CHECKING:
    from gridmap.project import Project

PARTY_ROLE = "联户党员"
SAME_GRID, SAME_COMMUNITY, ELSEWHERE = 0, 1, 2  # how near a member is to the households


@dataclass(frozen=True)
class PartyMember:
    staff_id: int
    name: str
    phone: str  # as stored: searched by its digits, never shown
    masked: str  # 138****5678, "" without a phone
    grid: str  # where they mostly look after households (or hold a post); "" if nowhere
    community: str
    load: int  # households linked to them now
    nearness: int  # SAME_GRID, SAME_COMMUNITY or ELSEWHERE
    initials: str  # of the name, for typing "zs" to find 张三

    def matches(self, text: str) -> bool:
        """Whether a search for ``text`` finds this member: part of the name,
        of its pinyin initials, of the phone's digits, or of the grid or community."""
        text = "".join(text.split()).lower()
        if not text:
            return True
        digits = "".join(c for c in self.phone if c.isdigit())
        return (text in self.name or text in self.initials or (text.isdigit() and text in digits)
                or text in self.grid or text in self.community)


@dataclass(frozen=True)
class Place:
    """Where some households are: the grid and community holding most of them."""

    grid_id: int | None
    community_id: int | None
    buildings: tuple[str, ...]  # "新华小区 3号楼", one per building, in id order


def households_place(project: Project, household_ids: Iterable[int]) -> Place:
    tables = project.tables
    tree, depths = ZoneTree(tables["zones"]), project_depths(project)
    buildings = Counter(tables["households"][h].building_id for h in household_ids)
    grids = Counter()
    for b, count in buildings.items():
        grids[depths.grid_of(tables["zones"], tables["buildings"][b].zone_id)] += count
    grid = grids.most_common(1)[0][0] if grids else None
    return Place(grid, tree.ancestor_at(grid, depths.community), tuple(building_name(project, b)
                                                                       for b in sorted(buildings)))


def building_name(project: Project, building_id: int) -> str:
    building = project.tables["buildings"][building_id]
    compound = project.tables["compounds"].get(building.compound_id)
    return f"{compound.name} {building.number}" if compound else building.number


def _member_grids(project: Project) -> dict[int, int]:
    """Each person's grid (role grid: a micro-grid counts for its grid): the one holding
    most of their linked households, or, with none linked, most of their posts."""
    tables = project.tables
    depths = project_depths(project)
    buildings, units, households = tables["buildings"], tables["units"], tables["households"]
    linked: dict[int, Counter] = {}
    for link in tables["party_links"].values():
        if link.household_id in households:
            zone = buildings[households[link.household_id].building_id].zone_id
            linked.setdefault(link.staff_id, Counter())[zone] += 1
    posted: dict[int, Counter] = {}
    for a in tables["assignments"].values():
        if a.target_kind == "unit" and a.target_id in units:
            zone = buildings[units[a.target_id].building_id].zone_id
        elif a.target_kind == "building" and a.target_id in buildings:
            zone = buildings[a.target_id].zone_id
        elif a.target_kind == "zone":
            zone = a.target_id
        else:
            continue
        posted.setdefault(a.staff_id, Counter())[zone] += 1
    codes = {z.id: z.code for z in tables["zones"].values()}
    grids = {}
    for person, votes in {**posted, **linked}.items():
        by_grid = Counter()
        for z, n in votes.items():
            by_grid[depths.grid_of(tables["zones"], z)] += n
        votes = Counter({z: n for z, n in by_grid.items() if z in codes})
        if votes:  # the most votes, then the first code, so that a tie always falls the same way
            grids[person] = min(votes, key=lambda z: (-votes[z], codes[z]))
    return grids


def party_members(project: Project, household_ids: Iterable[int]) -> list[PartyMember]:
    """Everyone with the party-member role, nearest to the households first,
    then by name in pinyin order (roughly: by initials), then by community and
    grid (namesakes stay in a steady order)."""
    tables = project.tables
    zones = tables["zones"]
    tree, community_depth = ZoneTree(zones), project_depths(project).community
    place = households_place(project, household_ids)
    grids = _member_grids(project)
    load = Counter(link.staff_id for link in tables["party_links"].values())
    found = []
    for s in tables["staff"].values():
        if PARTY_ROLE not in s.roles:
            continue
        grid = grids.get(s.id)
        community = s.community_id if s.community_id in zones else tree.ancestor_at(grid, community_depth)
        if grid is not None and grid == place.grid_id:
            nearness = SAME_GRID
        elif community is not None and community == place.community_id:
            nearness = SAME_COMMUNITY
        else:
            nearness = ELSEWHERE
        found.append(PartyMember(s.id, s.name, s.phone, masked_phone(s.phone) if s.phone else "",
                                 zones[grid].name if grid in zones else "",
                                 zones[community].name if community in zones else "",
                                 load[s.id], nearness, initials(s.name)))
    return sorted(found, key=lambda m: (m.nearness, m.initials, m.name, m.community, m.grid, m.staff_id))


def holders(project: Project, household_ids: Iterable[int]) -> dict[int, list[int]]:
    """Household → the people linked to it now (one, unless a roster said otherwise)."""
    chosen = set(household_ids)
    found: dict[int, list[int]] = {}
    for link in sorted(project.tables["party_links"].values(), key=lambda link: link.id):
        if link.household_id in chosen:
            found.setdefault(link.household_id, []).append(link.staff_id)
    return found


def load_after_link(member: PartyMember, linked: Counter, households: int) -> int:
    """The member's load once ``households`` households (of which ``linked``
    tells who holds them now) are linked to them."""
    return member.load + households - linked.get(member.staff_id, 0)


def room_label(project: Project, household_id: int) -> str:
    """1单元301 (the room alone in a building without units)."""
    household = project.tables["households"][household_id]
    unit = project.tables["units"].get(household.unit_id)
    return f"{unit.number}单元{household.room}" if unit else household.room
