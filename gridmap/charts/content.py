"""What the three charts of a compound show, gathered from the live project with
privacy applied: the compound's grids and who holds each post, its buildings
with their heads, its gates, checkpoints and routes.

定格、定人、定职: every grid, building and checkpoint on a chart names its people.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shapely

from gridmap.charts.hotlines import read_hotlines
from gridmap.charts.privacy import Privacy
from gridmap.levels import project_depths
from gridmap.model.entities import CHINA_TIME, STAFF_ROLES, Assignment, Compound
from gridmap.plans.layout import plan_layout
from gridmap.zone_tree import ZoneTree

if TYPE_CHECKING:
    from gridmap.project import Project

# A grid counts as the compound's when it holds a building of it or this share of its ground.
GRID_SHARE = 0.05
# The community's three-person team (三人小组) and its secretary, on every chart.
COMMUNITY_ROLES = ("社区书记", "片警", "片医")
SITE_KIND_NAMES = {"gate": "出入口", "checkpoint": "卡点", "sampling": "采样点", "supply": "物资投放点"}
ROUTE_KIND_NAMES = {"closed-loop": "闭环巡查路线", "route": "配送路线", "isolation": "隔离转运路线"}
GATE_STATE_NAMES = {"open": "开放", "closed": "封闭"}


@dataclass(frozen=True)
class Person:
    """One post as printed: the phone already masked where the mode asks it."""

    role: str
    name: str
    phone: str


@dataclass(frozen=True)
class GridCard:
    zone_id: int
    code: str
    name: str
    posts: tuple[Person, ...]  # 网格长 first, then members and the rest, by role


@dataclass(frozen=True)
class BuildingCard:
    building_id: int
    number: str
    zone_id: int | None  # the grid holding it (role grid: a micro-grid's grid)
    grid: str  # its name, with the micro-grid's where the building lies in one ("第1网格 第2微网格")
    floors: int
    units: int
    households: int
    heads: tuple[Person, ...]  # 楼栋长, then 单元长 of its units
    unit_households: tuple[tuple[int, int], ...] = ()  # (unit number, households), unit by unit


@dataclass(frozen=True)
class SiteCard:
    point_id: int
    kind: str
    name: str
    state: str  # gates: open / closed
    staff: tuple[Person, ...]


@dataclass(frozen=True)
class RouteCard:
    route_id: int
    kind: str
    name: str
    length: float  # metres


@dataclass(frozen=True)
class CompoundCharts:
    compound_id: int
    name: str
    office: str
    community: str
    hotline: str
    data_date: dt.date
    privacy: Privacy
    bounds: tuple[float, float, float, float]
    team: tuple[Person, ...]  # the community's secretary, police officer, doctor
    grids: tuple[GridCard, ...]
    buildings: tuple[BuildingCard, ...]
    sites: tuple[SiteCard, ...]
    routes: tuple[RouteCard, ...]

    @property
    def place(self) -> str:
        """"示例街道 新华街社区 新华里小区", for titles and file names."""
        return " ".join(x for x in (self.office, self.community, self.name) if x)


def _role_order(role: str) -> tuple[int, str]:
    return (STAFF_ROLES.index(role) if role in STAFF_ROLES else len(STAFF_ROLES), role)


def _number_order(text: str) -> tuple[int, str]:
    digits = "".join(c for c in text if c.isdecimal())
    return (int(digits) if digits else 10**9, text)


class ChartSource:
    """Indexes of a project made once and shared by every compound of a batch."""

    def __init__(self, project: Project, privacy: Privacy = Privacy()) -> None:
        self.project, self.privacy = project, privacy
        t = project.tables
        self.tables = t
        self.tree = ZoneTree(t["zones"])
        self.posts: dict[tuple[str, int], list[Assignment]] = defaultdict(list)
        for a in sorted(t["assignments"].values(), key=lambda a: a.id):
            if a.staff_id in t["staff"]:
                self.posts[(a.target_kind, a.target_id)].append(a)
        self.buildings_of: dict[int, list] = defaultdict(list)
        for b in t["buildings"].values():
            self.buildings_of[b.compound_id].append(b)
        self.units_of: dict[int, list] = defaultdict(list)
        for u in t["units"].values():
            self.units_of[u.building_id].append(u)
        self.households_of: dict[int, list] = defaultdict(list)  # counts on chart 3, the plans of its insets
        for h in t["households"].values():
            self.households_of[h.building_id].append(h)
        self.points_of: dict[int, list] = defaultdict(list)
        for p in t["site_points"].values():
            self.points_of[p.compound_id].append(p)
        self.routes_of: dict[int, list] = defaultdict(list)
        for r in t["site_routes"].values():
            self.routes_of[r.compound_id].append(r)
        # the grids a chart lists: role grid, or a zone above the grids not divided into any
        self.depths = project_depths(project)
        grids = [z for z in t["zones"].values() if self.depths.counts_as_grid(z.level, self.tree.is_leaf(z.id))]
        self._grid_zones = grids
        self._grid_index = shapely.STRtree([z.geometry for z in grids])
        self.hotlines = read_hotlines(project.meta)
        self.data_date = project.last_change().astimezone(CHINA_TIME).date()
        office = next((z for z in t["zones"].values() if z.level == self.depths.office), None)
        self.office = office.name if office else ""

    def compounds(self) -> list[Compound]:
        """Every compound with a building, by community code then name."""
        def order(c: Compound) -> tuple[str, str]:
            grids = [b.zone_id for b in self.buildings_of.get(c.id, ())]
            community = self.tree.ancestor_at(grids[0] if grids else None, self.depths.community)
            return (self.tables["zones"][community].code if community else "", c.name)
        return sorted((c for c in self.tables["compounds"].values() if self.buildings_of.get(c.id)), key=order)

    def find(self, name: str) -> list[Compound]:
        name = name.strip()
        return [c for c in self.tables["compounds"].values() if c.name == name]

    def _people(self, target_kind: str, target_id: int) -> list[Person]:
        staff = self.tables["staff"]
        posts = sorted(self.posts.get((target_kind, target_id), ()), key=lambda a: _role_order(a.role))
        return [Person(a.role, staff[a.staff_id].name, self.privacy.staff_phone(staff[a.staff_id])) for a in posts]

    def grid_of(self, zone_id: int | None) -> int | None:
        """The grid a building linked to ``zone_id`` lies in (its micro-grid's grid)."""
        return self.depths.grid_of(self.tables["zones"], zone_id)

    def _grids(self, compound: Compound) -> list[int]:
        zones = self.tables["zones"]
        found = {self.grid_of(b.zone_id) for b in self.buildings_of.get(compound.id, ()) if b.zone_id in zones}
        found.discard(None)
        area = compound.geometry.area
        for i in self._grid_index.query(compound.geometry, predicate="intersects"):
            zone = self._grid_zones[int(i)]
            if area > 0 and zone.geometry.intersection(compound.geometry).area >= GRID_SHARE * area:
                found.add(zone.id)
        return sorted(found, key=lambda z: zones[z].code)

    def charts(self, compound: Compound) -> CompoundCharts:
        zones = self.tables["zones"]
        grid_ids = self._grids(compound)
        community_id = self.tree.ancestor_at(grid_ids[0] if grid_ids else None, self.depths.community)
        community = zones.get(community_id)
        team = [p for p in (self._people("zone", community_id) if community else []) if p.role in COMMUNITY_ROLES]
        grids = tuple(GridCard(z, zones[z].code, zones[z].name, tuple(self._people("zone", z))) for z in grid_ids)
        buildings = []
        for b in sorted(self.buildings_of.get(compound.id, ()), key=lambda b: _number_order(b.number)):
            units = sorted(self.units_of.get(b.id, ()), key=lambda u: u.number)
            heads = self._people("building", b.id) + [
                Person(f"{u.number}单元 {p.role}", p.name, p.phone) for u in units for p in self._people("unit", u.id)]
            homes = self.households_of.get(b.id, ())
            per_unit = Counter(h.unit_id for h in homes)
            buildings.append(BuildingCard(b.id, b.number, self.grid_of(b.zone_id),
                                          self.depths.grid_name(zones, b.zone_id), b.floors, len(units), len(homes),
                                          tuple(heads),
                                          tuple((u.number, per_unit.get(u.id, 0)) for u in units)))
        kinds = list(SITE_KIND_NAMES)
        sites = tuple(SiteCard(p.id, p.kind, p.name, p.state, tuple(self._people("site_point", p.id)))
                      for p in sorted(self.points_of.get(compound.id, ()),
                                      key=lambda p: (kinds.index(p.kind) if p.kind in kinds else 9, p.name, p.id)))
        routes = tuple(RouteCard(r.id, r.kind, r.name, float(r.geometry.length))
                       for r in sorted(self.routes_of.get(compound.id, ()), key=lambda r: (r.kind, r.name, r.id)))
        return CompoundCharts(
            compound.id, compound.name, self.office, community.name if community else "",
            self.hotlines.get(community.code, "") if community else "", self.data_date, self.privacy,
            tuple(compound.geometry.bounds), tuple(team), grids, tuple(buildings), sites, routes)


def plan_for_chart(source: ChartSource, building_id: int):
    """A building's colour plan as an internal chart shows it: (layout,
    households) with the tags the privacy mode allows. A public chart has no
    room-by-room plan (see Privacy.shows_rooms): asking for one is a bug."""
    if not source.privacy.shows_rooms:
        raise ValueError("a public chart shows no room-by-room plan")
    tag_defs = source.tables["tag_defs"].values()
    shown = {h.id: h._replace(tags=source.privacy.shown_tags(h.tags, tag_defs))
             for h in source.households_of.get(building_id, ())}
    building = source.tables["buildings"][building_id]
    return plan_layout(building, source.units_of.get(building_id, ()), shown.values()), shown
