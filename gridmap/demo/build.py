"""Assemble the demo street office and write it as a project file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely import affinity
from shapely.geometry import MultiLineString, MultiPolygon, Point, Polygon

from gridmap.charts.hotlines import hotlines_meta
from gridmap.codes import reading_order
from gridmap.demo import blocks as blk
from gridmap.demo.buildings import BuildingPlan, fit_band, plan_buildings
from gridmap.demo.cases import add_cases_and_visits
from gridmap.demo.context import DemoContext
from gridmap.demo.households import add_units_and_households
from gridmap.demo.recipe import CommunitySpec, Recipe, load_recipe
from gridmap.demo.site import add_sampling_point, add_site_features
from gridmap.demo.staff import add_staff
from gridmap.demo.streets import StreetLine, blocks, load_streets, origin, street_area
from gridmap.demo.village import VILLAGE_KIND, house_footprints
from gridmap.levels import Depths, depths
from gridmap.model.entities import (
    DEDICATED_GRID, DEFAULT_LEVELS, DEFAULT_TAGS, Building, Compound, Household, Level, Street, TagDef, Zone,
)
from gridmap.spatial.assign import building_zone_ids

# Bump when the generator makes a different file from the same recipe (the app's
# cached demo is then rebuilt).
GENERATOR_REVISION = 8  # 6: isolation routes; 7: irregular streets, varied compounds, village, shops; 8: cases, visits

SLIVER = 20_000.0  # m²: a block smaller than this joins its neighbour's grid
GRID_BAND = (330, 480)  # households a home grid is drawn to (inside the 300–500 of standards.md)
INSTITUTIONS = {  # the buildings of a dedicated grid: name, length, depth, floors
    "school": [("教学楼", 64.0, 16.0, 4), ("综合楼", 40.0, 14.0, 3)],
    "hospital": [("住院楼", 56.0, 20.0, 12), ("门诊楼", 70.0, 18.0, 4)],
    "park": [("管理用房", 20.0, 12.0, 2)],
}
VILLAGE_GROUPS = "一二三四五六七八"


@dataclass
class GridPlan:
    """One grid to be: the blocks it is made of and what it is for."""

    faces: list[Polygon]
    kind: str = "homes"  # homes / village / school / hospital / park
    name: str = ""
    geometry: Polygon | None = None
    compounds: list[tuple[Compound, Polygon]] = field(default_factory=list)


def build_demo(recipe: Recipe | None = None) -> tuple[dict[str, list[Any]], dict[str, str]]:
    """Every table of the demo project, and its metadata. Deterministic."""
    recipe = recipe or load_recipe()
    raw = recipe.raw
    ctx = DemoContext(recipe)
    for depth, (name, name_en, role) in enumerate(DEFAULT_LEVELS, 1):
        ctx.add("levels", Level, depth=depth, name=name, name_en=name_en, role=role)
    roles = depths(ctx.tables["levels"])
    for position, (name, color, sensitive) in enumerate(DEFAULT_TAGS):
        ctx.add("tag_defs", TagDef, name=name, color=color, sensitive=sensitive, position=position)
    streets = load_streets(raw)
    for street in streets:
        ctx.add("streets", Street, name=street.name, kind=street.kind, width=street.width,
                geometry=MultiLineString([street.line]))
    faces = blocks(streets)
    office = ctx.add("zones", Zone, code=raw["office"]["code"], name=raw["office"]["name"], level=roles.office,
                     parent_id=None, geometry=MultiPolygon([_union(faces)]))
    surface = street_area(streets)
    stems = iter(recipe.names["compound_stems"])
    for index, (spec, grids) in enumerate(_grid_plans(raw, recipe.communities, faces), 1):
        _build_community(ctx, spec, grids, office, index, streets, surface, stems, roles)
    _check_zone_links(ctx)
    add_cases_and_visits(ctx, roles)
    communities = [z for z in ctx.tables["zones"] if z.level == roles.community]
    meta = {
        "hotlines": hotlines_meta({z.code: f"0371-6{5920000 + i:07d}" for i, z in enumerate(communities, 1)}),
        "title": raw["title"],
        "sample_data": "true",
        "demo_date": raw["date"].isoformat(),
        "demo_seed": recipe.seed,
        "crs": f"EPSG:{raw['epsg']}",
    }
    return ctx.tables, meta


def _union(faces: list[Polygon]) -> Polygon:
    union = shapely.coverage_union_all(np.array(faces, dtype=object))
    if union.geom_type != "Polygon":
        raise ValueError("recipe: a zone's blocks do not make one piece")
    return union


def _grid_plans(raw: dict, communities: tuple[CommunitySpec, ...], faces: list[Polygon]):
    """Each community with the grids it is cut into, from the recipe's areas and
    points: dedicated blocks and village groups as named, every other block a
    grid, slivers joined to the neighbour they share most edge with."""
    x0, y0 = origin(raw)

    def at(point) -> Polygon:
        spot = Point(x0 + point[0], y0 + point[1])
        return next(f for f in faces if f.contains(spot))

    owner = {}
    for face in faces:
        spot = affinity.translate(face.representative_point(), -x0, -y0)
        owner[id(face)] = next(i for i, c in enumerate(communities) if c.area.contains(spot))
    special: dict[int, GridPlan] = {}
    for item in raw["dedicated"]:
        face = at(item["at"])
        special[id(face)] = GridPlan([face], item["kind"], item["name"])
    for group in raw["village"]["grids"]:
        plan = GridPlan([at(p) for p in group], "village", raw["village"]["name"])
        for face in plan.faces:
            special[id(face)] = plan
    result = []
    for index, spec in enumerate(communities):
        mine = [f for f in faces if owner[id(f)] == index]
        grids: list[GridPlan] = []
        for face in mine:
            plan = special.get(id(face))
            if plan is None:
                grids.append(GridPlan([face]))
            elif face is plan.faces[0]:
                grids.append(plan)
        for sliver in [g for g in grids if g.kind == "homes" and g.faces[0].area < SLIVER]:
            others = [g for g in grids if g is not sliver]
            host = max(others, key=lambda g: sum(sliver.faces[0].intersection(f).length for f in g.faces))
            host.faces.append(sliver.faces[0])
            grids.remove(sliver)
        for grid in grids:
            grid.geometry = _union(grid.faces)
        result.append((spec, reading_order(grids)))  # the serial order of grid codes
    return result


def _build_community(ctx: DemoContext, spec: CommunitySpec, grids: list[GridPlan], office: Zone, index: int,
                     streets: list[StreetLine], surface, stems, roles: Depths) -> None:
    rng = ctx.rng(f"community:{spec.name}")
    style = ctx.recipe.raw["styles"][spec.style]
    code = f"{office.code}{index:03d}"
    community = ctx.add("zones", Zone, code=code, name=spec.name, level=roles.community, parent_id=office.id,
                        geometry=MultiPolygon([_union([f for g in grids for f in g.faces])]))
    homes = [g for g in grids if g.kind == "homes"]
    exact_groups = None
    if spec.exact:  # the reported figures: so many buildings, drawn once, dealt to the grids evenly
        plans = plan_buildings(style, spec.exact["buildings"], rng, spec.exact)
        exact_groups = iter(_balanced(plans, len(homes), spec.per_grid))
    zones: list[Zone] = []
    buildings_by_grid: dict[int, list[Building]] = {}
    households_by_building: dict[int, list[Household]] = {}
    for serial, grid in enumerate(grids, 1):
        dedicated = grid.kind in INSTITUTIONS
        name = f"{grid.name}{DEDICATED_GRID}" if dedicated else f"第{serial}网格"
        zone = ctx.add("zones", Zone, code=f"{code}{serial:03d}", name=name, level=roles.grid,
                       parent_id=community.id,
                       geometry=MultiPolygon([grid.geometry]), kind=DEDICATED_GRID if dedicated else "")
        zones.append(zone)
        if dedicated:
            placed = _institution(ctx, grid, surface, rng)
        elif grid.kind == "village":
            placed = _village(ctx, grid, surface, rng)
        else:
            wanted = next(exact_groups) if exact_groups else None
            placed = _homes(ctx, grid, style, streets, surface, stems, rng, wanted, shops=not spec.exact)
        buildings_by_grid[zone.id] = []
        for compound, footprint, plan, number in placed:
            building = ctx.add("buildings", Building, number=number,
                               code=f"{sum(len(b) for b in buildings_by_grid.values()) + 1:05d}",
                               compound_id=compound.id if compound else None, zone_id=zone.id,
                               floors=plan.floors, kind=plan.kind, geometry=MultiPolygon([footprint]))
            buildings_by_grid[zone.id].append(building)
            if plan.units:
                occupancy = ctx.recipe.raw["village"]["occupancy"] if plan.kind == VILLAGE_KIND else None
                households_by_building[building.id] = add_units_and_households(ctx, building, plan, rng, occupancy)
        for compound, wall in grid.compounds:
            add_site_features(ctx, compound, wall, streets, rng)
    add_sampling_point(ctx, community)
    add_staff(ctx, community, zones, buildings_by_grid, households_by_building, spec.grid_members_per_grid, rng)


def _wall(kerb: Polygon, rng) -> Polygon:
    return kerb.buffer(-rng.uniform(*blk.WALL_SETBACK), join_style="mitre")


def _institution(ctx: DemoContext, grid: GridPlan, surface, rng):
    """A school, hospital or park: one walled unit (单位) and its buildings, no homes."""
    kerb = blk.kerb(grid.faces[0], surface)
    wall = blk.tidy(_wall(kerb, rng))
    compound = ctx.add("compounds", Compound, name=grid.name, kind="单位", geometry=MultiPolygon([wall]))
    grid.compounds.append((compound, wall))
    specs = INSTITUTIONS[grid.kind]
    footprints = blk.place_rows(wall, [(length, depth) for _, length, depth, _ in specs], blk.direction(kerb),
                                24.0, rng)
    return [(compound, footprint, BuildingPlan(0, floors, 0, "公建"), name)
            for footprint, (name, _, _, floors) in zip(footprints, specs)]


def _village(ctx: DemoContext, grid: GridPlan, surface, rng):
    """Self-built houses of the village, one compound (a village group, 村民组) a block."""
    spec = ctx.recipe.raw["village"]
    placed = []
    for face in grid.faces:
        kerb = blk.kerb(face, surface)
        group = VILLAGE_GROUPS[sum(c.kind == "楼院" for c in ctx.tables["compounds"])]
        yard = blk.tidy(kerb.buffer(-1.5, join_style="mitre"))
        compound = ctx.add("compounds", Compound, name=f"{spec['name']}村{group}组", kind="楼院",
                           geometry=MultiPolygon([yard]))
        grid.compounds.append((compound, yard))
        for number, footprint in enumerate(house_footprints(yard, blk.direction(kerb), rng), 1):
            plan = BuildingPlan(1, rng.choice(spec["floors"]), rng.choice(spec["rooms_per_floor"]), VILLAGE_KIND, [0])
            placed.append((compound, footprint, plan, f"{number}号"))
    fit_band([p for *_, p, _ in placed], GRID_BAND[0], GRID_BAND[1] + 15, rng, max(spec["floors"]),
             min(spec["floors"]))
    return placed


def _homes(ctx: DemoContext, grid: GridPlan, style: dict, streets: list[StreetLine], surface, stems, rng,
           wanted: list[BuildingPlan] | None, shops: bool):
    """The compounds of a block of homes and their buildings. ``wanted``: the
    exact buildings to place; else as many as bring the grid into its band."""
    placed = []
    kerbs = [blk.kerb(face, surface) for face in grid.faces]
    kerb = max(kerbs, key=lambda k: k.area)
    angle = blk.direction(kerb)
    inner = _wall(kerb, rng)
    if shops:  # shops along the widest street the block faces
        main = max((s for s in streets if s.kind == "主干路" and s.line.distance(kerb) < s.width / 2 + 2),
                   key=lambda s: s.width, default=None)
        if main is not None and rng.random() < 0.7:
            strip, band = blk.shop_strip(kerb, main.line, rng)
            inner = blk.largest(inner.difference(band)) or inner
            for number, footprint in enumerate(strip, 1):
                placed.append((None, footprint, BuildingPlan(0, rng.choice((1, 2, 2, 3)), 0, "商铺"),
                               f"{main.name}商铺{number}"))
    area = inner.area
    shape = "whole" if area < 30_000 else rng.choice(("whole", "corner", "corner", "halves"))
    walls = [blk.tidy(w) for w in blk.split_compounds(inner, angle, rng, shape)]
    walls.sort(key=lambda w: w.area)  # the small compound first: it gets the old buildings
    if wanted is not None:
        plans = list(wanted)
    else:
        plans, total, target = [], 0, rng.randint(*GRID_BAND)
        while total < target:
            plans.append(plan_buildings(style, 1, rng)[0])
            total += plans[-1].households
    todo = list(plans)
    kept: list[BuildingPlan] = []
    for order, wall in enumerate(walls):
        share = todo if order == len(walls) - 1 else todo[: rng.choice((2, 3, 4))]
        footprints = blk.place_rows(wall, [p.size() for p in share], angle, style["row_gap"], rng)
        if not footprints:
            continue
        compound = ctx.add("compounds", Compound, name=_compound_name(stems, rng, len(footprints)), kind="小区",
                           geometry=MultiPolygon([wall]))
        grid.compounds.append((compound, wall))
        ordered = sorted(zip(footprints, share), key=lambda fp: _reading(fp[0]))
        for number, (footprint, plan) in enumerate(ordered, 1):
            placed.append((compound, footprint, plan, f"{number}号楼"))
            kept.append(plan)
        todo = todo[len(footprints):]
    if wanted is not None and todo:
        raise ValueError(f"recipe: {len(todo)} of the reported buildings find no room in {grid.faces[0].bounds}")
    if wanted is None:
        fit_band(kept, GRID_BAND[0] - 20, GRID_BAND[1] + 15, rng, 9 if style["kind"] == "板楼" else 33)
    return placed


def _reading(footprint: Polygon) -> tuple[float, float]:
    spot = footprint.centroid
    return (-round(spot.y / 25.0), spot.x)


def _balanced(plans: list[BuildingPlan], blocks_: int, per_block: int) -> list[list[BuildingPlan]]:
    """The plans dealt into ``blocks_`` groups of ``per_block`` (one group, one
    grid) holding about the same number of households: grids of a community
    are drawn to the 300–500 band (standards.md), as planners draw them."""
    groups: list[list[BuildingPlan]] = [[] for _ in range(blocks_)]
    for plan in sorted(plans, key=lambda p: -p.households):  # largest first, to the emptiest open group
        open_ = [g for g in groups if len(g) < per_block]
        min(open_, key=lambda g: sum(p.households for p in g)).append(plan)
    for _ in range(200):  # then swap pairs between the fullest and the emptiest group while it helps
        totals = [sum(p.households for p in g) for g in groups]
        high, low = groups[totals.index(max(totals))], groups[totals.index(min(totals))]
        spread = max(totals) - min(totals)
        best = None
        for i, a in enumerate(high):
            for j, b in enumerate(low):
                moved = a.households - b.households
                if (moved > 0 and abs(spread - 2 * moved) < spread
                        and (best is None or abs(spread - 2 * moved) < best[0])):
                    best = (abs(spread - 2 * moved), i, j)
        if best is None:
            break
        _, i, j = best
        high[i], low[j] = low[j], high[i]
    return groups


def _compound_name(stems, rng, buildings: int) -> str:
    if buildings <= 3:  # a few old blocks behind a wall: a works' family yard
        return next(stems) + rng.choice(("家属院", "家属院", "小区"))
    return next(stems) + rng.choice(("小区", "小区", "花园", "小区", "苑"))


def _check_zone_links(ctx: DemoContext) -> None:
    """The zone written for each building must be the one its geometry says."""
    found = building_zone_ids(ctx.tables["buildings"], ctx.tables["zones"])
    wrong = [b.number for b in ctx.tables["buildings"] if found[b.id] != b.zone_id]
    if wrong:
        raise AssertionError(f"demo buildings outside their grid: {wrong[:5]}")


def write_demo(path: str | Path) -> None:
    """Write the demo project to ``path``, replacing whatever is there in one
    step (the caller decides whether a project there may go).

    Raises
    ------
    gridmap.outputs.OutputError
        The file cannot be written (read-only, disk full, missing folder);
        ``path`` is as it was.
    gridmap.errors.InUseError
        A gridmap window has the project at ``path`` open (the store holds
        its writer lock while it replaces it).
    """
    from gridmap.storage.store import ProjectStore

    recipe = load_recipe()
    tables, meta = build_demo(recipe)
    moment = dt.datetime.combine(recipe.raw["date"], dt.time(9, 0), tzinfo=dt.UTC)
    ProjectStore.create(path, epsg=recipe.raw["epsg"], tables=tables, meta=meta, moment=moment)
