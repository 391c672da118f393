"""The project of ``gridmap bench shared``'s load and the edits each desk makes.

The synthetic city cut into small communities (so that 20 chiefs have one
each and a few are left over), with households in every building and no grid
size band (the load checks the topology rules, not the grids' sizes). Each
desk gets a plan: a community chief edits households and the edges between two
grids of its own community; a planner edits the edges between two grids of
neighbouring communities, which are also those communities' shared boundary.
Plans are plain tuples, sent to the desks' processes as they are.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import NamedTuple

from shapely.geometry import MultiPolygon

from gridmap.demo.synthetic import synthetic_city
from gridmap.levels import depths
from gridmap.model.entities import OCCUPANCIES, Household

Point = tuple[float, float]
META = {"title": "gridmap bench shared", "rules": json.dumps({"bands": {}})}


class Edge(NamedTuple):
    """The side two grids share: from ``a`` to ``b``, ``normal`` across it."""

    left: int  # the grid west or south of it
    right: int
    a: Point
    b: Point
    normal: Point

    @property
    def middle(self) -> Point:
        return (self.a[0] + self.b[0]) / 2, (self.a[1] + self.b[1]) / 2


class HouseholdEdit(NamedTuple):
    household: int
    occupancy: str
    people: int
    note: str  # unique to the edit: the checks find it on the server


class BoundaryEdit(NamedTuple):
    """Move the vertex in the middle of ``edge`` ``offset`` metres across it
    (adding the vertex first, and for a border the communities' vertices at
    its ends, as the window's vertex tool would)."""

    edge: Edge
    offset: float
    border: bool  # between two communities: their outlines move with the grids


class Sizes(NamedTuple):
    """How big the load is."""

    columns: int
    rows: int
    span: int  # a community is span × span grids
    per_block: int  # buildings per grid
    per_building: int  # households per building
    chiefs: int
    household_edits: int  # per chief
    boundary_edits: int  # per chief
    planners: int
    border_edits: int  # per planner


FULL = Sizes(columns=30, rows=20, span=5, per_block=10, per_building=4, chiefs=20, household_edits=500,
             boundary_edits=50, planners=3, border_edits=50)
SMALL = Sizes(columns=15, rows=10, span=5, per_block=6, per_building=3, chiefs=4, household_edits=40,
              boundary_edits=5, planners=1, border_edits=5)
# Across an edge, within the 15 m between a block's side and its first buildings: no building is cut.
OFFSETS = (3.0, -3.0, 5.0, -5.0, 2.0, -2.0, 4.0, -4.0)


def load_tables(sizes: Sizes) -> tuple[dict[str, list], dict[str, str]]:
    """The load's project: tables and meta."""
    tables = synthetic_city(sizes.columns, sizes.rows, sizes.per_block, community_span=sizes.span)
    households = tables["households"] = []
    for building in tables["buildings"]:
        for k in range(sizes.per_building):
            floor = 1 + k % building.floors
            households.append(Household(len(households) + 1, building.id, None, floor, f"{floor}0{1 + k // 6}",
                                        OCCUPANCIES[k % 2], frozenset(), 1 + k % 4))
    return tables, dict(META)


def communities(tables: dict[str, list]) -> list[int]:
    """The communities' zone ids, in order."""
    level = depths(tables["levels"]).community
    return sorted(z.id for z in tables["zones"] if z.level == level)


def edges(tables: dict[str, list]) -> tuple[dict[int, list[Edge]], list[Edge]]:
    """The edges between two grids of one community (by community) and between
    grids of two communities (the borders), from the grids' boxes."""
    level = depths(tables["levels"]).grid
    grids = [z for z in tables["zones"] if z.level == level]
    parent = {z.id: z.parent_id for z in grids}
    at = {}
    for zone in grids:
        minx, miny, maxx, maxy = _box(zone.geometry)
        at[(minx, miny)] = zone
    inner: dict[int, list[Edge]] = {}
    borders = []
    for zone in grids:
        minx, miny, maxx, maxy = _box(zone.geometry)
        for corner, a, b, normal in (((maxx, miny), (maxx, miny), (maxx, maxy), (1.0, 0.0)),
                                     ((minx, maxy), (minx, maxy), (maxx, maxy), (0.0, 1.0))):
            other = at.get(corner)
            if other is None:
                continue
            edge = Edge(zone.id, other.id, a, b, normal)
            if parent[zone.id] == parent[other.id]:
                inner.setdefault(parent[zone.id], []).append(edge)
            else:
                borders.append(edge)
    return inner, borders


def _box(shape: MultiPolygon) -> tuple[float, float, float, float]:
    return tuple(round(v, 6) for v in shape.bounds)


def chief_plan(tables: dict[str, list], community: int, inner: list[Edge], sizes: Sizes, name: str,
               seed: int) -> list[HouseholdEdit | BoundaryEdit]:
    """``sizes.household_edits`` household edits in ``community`` with a boundary
    edit spread evenly among them."""
    rng = random.Random(seed)
    zone_of = {b.id: b.zone_id for b in tables["buildings"]}
    mine = {z.id for z in tables["zones"] if z.parent_id == community}
    homes = [h.id for h in tables["households"] if zone_of[h.building_id] in mine]
    picked = [rng.choice(homes) for _ in range(sizes.household_edits)]
    households = [HouseholdEdit(h, rng.choice(OCCUPANCIES), rng.randint(1, 6), f"{name} {n}")
                  for n, h in enumerate(picked)]
    boundaries = [BoundaryEdit(edge, offset, False) for edge, offset in _boundary_moves(inner, sizes.boundary_edits,
                                                                                         rng)]
    return _interleave(households, boundaries)


def planner_plans(borders: list[Edge], sizes: Sizes, seed: int) -> list[list[BoundaryEdit]]:
    """Each planner's border edits: the borders dealt out in turn, so two
    planners never move the same vertex (they still wait for each other: every
    community is in the office's family)."""
    rng = random.Random(seed)
    order = list(borders)
    rng.shuffle(order)
    dealt = [order[i::sizes.planners] for i in range(sizes.planners)]
    return [[BoundaryEdit(edge, offset, True) for edge, offset in _boundary_moves(mine, sizes.border_edits, rng)]
            for mine in dealt]


def _boundary_moves(edges_: list[Edge], count: int, rng: random.Random) -> Iterator[tuple[Edge, float]]:
    """``count`` moves over the edges (each edge again once all had one), never
    to where the vertex already is."""
    order = list(edges_)
    rng.shuffle(order)
    last: dict[Edge, float] = {}
    for n in range(count):
        edge = order[n % len(order)]
        offset = next(o for o in OFFSETS[(n // len(order)) % len(OFFSETS):] + OFFSETS if o != last.get(edge))
        last[edge] = offset
        yield edge, offset


def _interleave(households: list, boundaries: list) -> list:
    if not boundaries:
        return list(households)
    every = max(1, len(households) // len(boundaries))
    plan, left = [], list(boundaries)
    for n, edit in enumerate(households):
        plan.append(edit)
        if (n + 1) % every == 0 and left:
            plan.append(left.pop(0))
    return plan + left
