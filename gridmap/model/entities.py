"""Records of the domain. Immutable: an edit replaces a record (``_replace``),
so the old one is the undo state and equality is exact. Named tuples rather
than frozen dataclasses: a project opens 100,000 buildings, and a named tuple
is built five times faster.

Ids are the integer primary keys of the project file and never reused.
Geometry is in the project's metric CRS.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from shapely.geometry.base import BaseGeometry

# Times are stored in UTC; days, months and clock times are read in China Standard Time.
CHINA_TIME = dt.timezone(dt.timedelta(hours=8))

# Occupancy is one state per household (the black/purple/grey/orange squares of
# the nine-colour chart); tags stack on top of it.
OCCUPANCIES: tuple[str, ...] = ("常住", "租户", "空户", "在外")

# name, colour of the nine-colour chart, sensitive under PIPL Art. 28
DEFAULT_TAGS: tuple[tuple[str, str, bool], ...] = (
    ("独居", "#1f5fd6", True),
    ("空巢", "#2e9e44", True),
    ("残疾", "#e8c200", True),
    ("志愿者", "#d62728", False),
    ("微信进群", "#17becf", False),
)

# What a level of the zone tree is, whatever its depth: rules, charts, partitioning and
# staffing ask a level's role, never its number (a project may put 片区 between office and
# community, or micro-grids under its grids). A level of none of these roles has role "".
OFFICE, COMMUNITY, GRID, MICRO_GRID = "office", "community", "grid", "micro_grid"
LEVEL_ROLES: tuple[str, ...] = (OFFICE, COMMUNITY, GRID, MICRO_GRID)

DEFAULT_LEVELS: tuple[tuple[str, str, str], ...] = (
    ("街道", "Sub-district", OFFICE),
    ("社区", "Community", COMMUNITY),
    ("网格", "Grid", GRID),
)
# The level of micro-grids, when a project divides its grids (see ``Project.depth_of``).
MICRO_GRID_LEVEL_NAMES: tuple[str, str] = ("微网格", "Micro-grid")

# The roles a roster offers (a project may add its own): 片警 and 片医 with the
# community secretary are the "three-person team"; 联户党员 look after households.
STAFF_ROLES: tuple[str, ...] = (
    "社区书记", "网格长", "网格员", "楼栋长", "单元长", "联户党员", "志愿者",
    "片警", "片医", "物业", "民情员", "监督员", "治安员", "网格党支部书记",
)
# Role names of schema 3 and earlier, and what they are called now.
RENAMED_ROLES: dict[str, str] = {"党员": "联户党员", "民警": "片警", "医生": "片医"}

SITE_POINT_KINDS: tuple[str, ...] = ("gate", "checkpoint", "sampling", "supply")
# route: supply delivery; closed-loop: the patrol along the wall; isolation: 隔离转运, to a sealed gate
SITE_ROUTE_KINDS: tuple[str, ...] = ("route", "closed-loop", "isolation")
GATE_STATES: tuple[str, ...] = ("open", "closed")  # a gate kept open or sealed in the closed loop
# Staff posts: a zone, a building or a unit; checkpoints (site points) are staffed too.
ASSIGNMENT_TARGETS: tuple[str, ...] = ("zone", "building", "unit", "site_point")


# Limits beyond which a value is a typo or garbage, never data (gridmap.model.validation
# refuses them at the doors; plans and partitioning cap what an old file still holds).
MOST_FLOORS = 200  # the tallest building in the world has 163
MOST_BASEMENTS = 20  # a household's floor goes no deeper than -MOST_BASEMENTS
MOST_UNITS = 100  # units (单元) of one building
MOST_ROOMS = 100  # rooms on one floor of one unit (一梯N户)
MOST_PEOPLE = 99  # people of one household (the plan editor offers 0–99)
WIDEST_STREET = 200.0  # metres; the widest avenues are about 140
DEFAULT_STREET_WIDTH = 12.0  # metres, a 支路: what a street whose width is unusable gets
LARGEST_COORDINATE = 1e8  # beyond it (metres, feet or degrees) a coordinate is garbage in any CRS


class Level(NamedTuple):
    depth: int  # 1 is the top (the street office)
    name: str
    name_en: str
    role: str  # one of LEVEL_ROLES, or "" for a level of another kind


def default_levels() -> list[Level]:
    """The levels of a new project: street office, communities, grids."""
    return [Level(depth, name, name_en, role) for depth, (name, name_en, role) in enumerate(DEFAULT_LEVELS, 1)]


class TagDef(NamedTuple):
    id: int
    name: str
    color: str
    sensitive: bool
    position: int


DEDICATED_GRID = "专属网格"  # a grid for one school, hospital, agency or park: no household band


class Zone(NamedTuple):
    id: int
    code: str
    name: str
    level: int
    parent_id: int | None
    geometry: BaseGeometry
    kind: str = ""  # "" for an ordinary zone, DEDICATED_GRID for a dedicated one
    parts_allowed: bool = False  # a grid in several pieces is a problem unless this is set


class Compound(NamedTuple):
    id: int
    name: str
    kind: str  # 小区 / 楼院 / 单位
    geometry: BaseGeometry


class Building(NamedTuple):
    id: int
    number: str  # "5号楼"
    code: str  # 00001–99999 within a community
    compound_id: int | None
    zone_id: int | None  # the leaf zone holding it; kept in step with geometry
    floors: int
    kind: str  # 板楼 / 塔楼 / 平房
    geometry: BaseGeometry


class Unit(NamedTuple):
    id: int
    building_id: int
    number: int  # 1 → "1单元"
    rooms_per_floor: int


class Household(NamedTuple):
    id: int
    building_id: int
    unit_id: int | None
    floor: int
    room: str  # "301"
    occupancy: str
    tags: frozenset[str] = frozenset()
    people: int = 0
    last_checked: dt.date | None = None
    follow_up: bool = False
    note: str = ""


class Resident(NamedTuple):
    """A person in a household. Every field but the link is sensitive."""

    id: int
    household_id: int
    name: str
    phone: str
    id_number: str
    is_head: bool


class Staff(NamedTuple):
    id: int
    name: str
    phone: str
    roles: frozenset[str]
    community_id: int | None
    phone_public: bool  # a grid hotline meant for the wall, unmasked on public charts
    note: str = ""


class Assignment(NamedTuple):
    id: int
    staff_id: int
    target_kind: str  # zone / building / unit / site_point
    target_id: int
    role: str


class PartyLink(NamedTuple):
    """党员联户: a party member responsible for a household."""

    id: int
    staff_id: int
    household_id: int


class Street(NamedTuple):
    id: int
    name: str
    kind: str  # 主干路 / 次干路 / 支路
    width: float
    geometry: BaseGeometry


class SitePoint(NamedTuple):
    id: int
    kind: str  # gate / checkpoint / sampling / supply
    name: str
    compound_id: int | None
    geometry: BaseGeometry
    state: str = ""  # gates: "open" or "closed"; "" for the other kinds


class SiteRoute(NamedTuple):
    id: int
    kind: str
    name: str
    compound_id: int | None
    geometry: BaseGeometry


# -- cases (有呼必应) and visits (入户走访) ----------------------------------------------

# A case's life: reported → accepted and dispatched → handled → verified → closed. 退回 sends
# it back to 待受理 (the assignee cannot take it, or the place is wrong); 挂起 parks it.
CASE_NEW, CASE_DISPATCHED, CASE_HANDLING, CASE_VERIFYING, CASE_CLOSED, CASE_SUSPENDED = (
    "待受理", "已派发", "处置中", "待核查", "已办结", "挂起")
CASE_STATUSES: tuple[str, ...] = (CASE_NEW, CASE_DISPATCHED, CASE_HANDLING, CASE_VERIFYING, CASE_CLOSED,
                                  CASE_SUSPENDED)
CASE_SOURCES: tuple[str, ...] = ("电话", "微信群", "上门", "12345", "巡查发现")
CASE_URGENCIES: tuple[str, ...] = ("一般", "紧急", "特急")


class Case(NamedTuple):
    """A resident's request or an incident (有呼必应), at a point on the map.

    ``reporter``, ``reporter_phone`` and ``description`` are personal data."""

    id: int
    number: str  # "2026-000123": the year and a serial, as a hotline's 工单号
    category: str
    description: str
    source: str
    reporter: str
    reporter_phone: str
    reported_at: dt.datetime
    urgency: str
    deadline: dt.datetime
    status: str
    zone_id: int | None  # the grid (leaf zone) that holds the place
    building_id: int | None
    household_id: int | None
    address: str  # as reported ("新华街 5-2-301")
    assignee_id: int | None  # staff
    escalation: int  # 0, or how many levels above the grid the case was escalated (督办)
    closed_at: dt.datetime | None
    geometry: BaseGeometry  # a point


class CaseEvent(NamedTuple):
    """One step of a case's timeline: who did what, when, with a note."""

    id: int
    case_id: int
    at: dt.datetime
    who: str
    action: str  # workflow.ACTIONS
    status: str  # the status after the step
    assignee_id: int | None
    note: str


class CasePhoto(NamedTuple):
    id: int
    case_id: int
    name: str
    taken_at: dt.datetime
    data: bytes  # JPEG or PNG, kept in the project


class Visit(NamedTuple):
    """A door-to-door round (入户走访) by one member of staff on one day."""

    id: int
    staff_id: int | None
    visited_on: dt.date
    note: str


class VisitHousehold(NamedTuple):
    """A household seen on a visit, and what was found there."""

    id: int
    visit_id: int
    household_id: int
    found: str


class ChangeLogEntry(NamedTuple):
    """One field of one row changed (``field`` "*": the row added or removed,
    ``new``/``old`` "present"); shapes are kept as WKT, so a boundary's past can be drawn."""

    id: int
    at: dt.datetime
    who: str
    table_name: str
    row_id: int
    field: str
    old: str
    new: str
    action: str  # do / undo / redo
    label: str
