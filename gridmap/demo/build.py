"""Assemble the demo street office and write it as a project file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon
from shapely.ops import nearest_points

from gridmap.charts.hotlines import hotlines_meta
from gridmap.demo.buildings import BuildingPlan, plan_buildings
from gridmap.demo.context import DemoContext
from gridmap.demo.households import add_units_and_households
from gridmap.demo.layout import Layout, place_buildings
from gridmap.demo.recipe import CommunitySpec, Recipe, load_recipe
from gridmap.demo.staff import add_staff
from gridmap.model.entities import (
    DEFAULT_LEVELS, DEFAULT_TAGS, Building, Compound, Household, Level, SitePoint, SiteRoute, Street,
    TagDef, Zone,
)
from gridmap.spatial.assign import building_zone_ids

# Bump when the generator makes a different file from the same recipe (the app's
# cached demo is then rebuilt).
GENERATOR_REVISION = 6  # 5: gate states, checkpoint staff, community hotlines; 6: isolation routes

GATE_SIDES = ("南", "北", "东", "西")


def build_demo(recipe: Recipe | None = None) -> tuple[dict[str, list[Any]], dict[str, str]]:
    """Every table of the demo project, and its metadata. Deterministic."""
    recipe = recipe or load_recipe()
    raw = recipe.raw
    ctx = DemoContext(recipe)
    layout = Layout(raw, ctx.rng("layout"))
    for depth, (name, name_en) in enumerate(DEFAULT_LEVELS, 1):
        ctx.add("levels", Level, depth=depth, name=name, name_en=name_en)
    for position, (name, color, sensitive) in enumerate(DEFAULT_TAGS):
        ctx.add("tag_defs", TagDef, name=name, color=color, sensitive=sensitive, position=position)
    for street in layout.streets:
        ctx.add("streets", Street, name=street.name, kind=street.kind, width=street.width,
                geometry=MultiLineString([street.line]))
    office = ctx.add("zones", Zone, code=raw["office"]["code"], name=raw["office"]["name"], level=1,
                     parent_id=None, geometry=MultiPolygon([layout.office()]))
    stems = iter(recipe.names["compound_stems"])
    for index, spec in enumerate(recipe.communities, 1):
        _build_community(ctx, layout, spec, office, index, stems)
    _check_zone_links(ctx)
    communities = [z for z in ctx.tables["zones"] if z.level == 2]
    meta = {
        "hotlines": hotlines_meta({z.code: f"0371-6{5920000 + i:07d}" for i, z in enumerate(communities, 1)}),
        "title": raw["title"],
        "sample_data": "true",
        "demo_date": raw["date"].isoformat(),
        "demo_seed": recipe.seed,
        "crs": f"EPSG:{raw['epsg']}",
    }
    return ctx.tables, meta


def _build_community(ctx: DemoContext, layout: Layout, spec: CommunitySpec, office: Zone, index: int,
                     stems) -> None:
    rng = ctx.rng(f"community:{spec.name}")
    style = ctx.recipe.raw["styles"][spec.style]
    code = f"{office.code}{index:03d}"
    community = ctx.add("zones", Zone, code=code, name=spec.name, level=2, parent_id=office.id,
                        geometry=MultiPolygon([layout.cell(spec.columns, spec.rows)]))
    dedicated = {(c, r): (name, kind) for c, r, name, kind in spec.dedicated}
    blocks = spec.blocks()  # reading order = the serial order of grid codes
    homes = [b for b in blocks if b not in dedicated]
    plans = iter(_balanced(plan_buildings(style, style["per_block"] * len(homes), rng, spec.exact),
                           len(homes), style["per_block"]))
    grids: list[Zone] = []
    buildings_by_grid: dict[int, list[Building]] = {}
    households_by_building: dict[int, list[Household]] = {}
    building_serial = 0
    for serial, (column, row) in enumerate(blocks, 1):
        cell = layout.cell((column, column), (row, row))
        wall = layout.compound_wall(column, row)
        zone_kind = ""
        if (column, row) in dedicated:
            name, kind = dedicated[(column, row)]
            zone_kind = kind  # the recipe says 专属网格 (DEDICATED_GRID)
            grid_name, compound = f"{name}{kind}", ctx.add("compounds", Compound, name=name, kind="单位",
                                                          geometry=MultiPolygon([wall]))
            block_plans = [BuildingPlan(0, 4, 0, "公建"), BuildingPlan(0, 3, 0, "公建")]
        else:
            compound = ctx.add("compounds", Compound, name=_compound_name(stems, rng), kind="小区",
                               geometry=MultiPolygon([wall]))
            grid_name = f"第{serial}网格"
            block_plans = [next(plans) for _ in range(style["per_block"])]
        grid = ctx.add("zones", Zone, code=f"{code}{serial:03d}", name=grid_name, level=3,
                       parent_id=community.id, geometry=MultiPolygon([cell]),
                       kind=zone_kind)
        grids.append(grid)
        slots = place_buildings(wall, [p.size() for p in block_plans], rng)
        for number, (plan, slot) in enumerate(zip(block_plans, slots), 1):
            building_serial += 1
            building = ctx.add("buildings", Building, number=f"{number}号楼", code=f"{building_serial:05d}",
                               compound_id=compound.id, zone_id=grid.id, floors=plan.floors, kind=plan.kind,
                               geometry=MultiPolygon([slot.footprint]))
            buildings_by_grid.setdefault(grid.id, []).append(building)
            households_by_building[building.id] = add_units_and_households(ctx, building, plan, rng)
        _add_site_features(ctx, layout, compound, wall, column, row, rng)
    _add_sampling_point(ctx, community, rng)
    add_staff(ctx, community, grids, buildings_by_grid, households_by_building, spec.grid_members_per_grid, rng)


def _balanced(plans: list[BuildingPlan], blocks: int, per_block: int) -> list[BuildingPlan]:
    """The plans reordered so that each run of ``per_block`` (one block, one
    grid) holds about the same number of households: grids of a community are
    drawn to the 300–500 band (standards.md), as planners draw them."""
    if blocks < 2:
        return plans
    groups: list[list[BuildingPlan]] = [[] for _ in range(blocks)]
    for plan in sorted(plans, key=lambda p: -p.households):  # largest first, to the emptiest open block
        open_ = [g for g in groups if len(g) < per_block]
        min(open_, key=lambda g: sum(p.households for p in g)).append(plan)
    for _ in range(200):  # then swap pairs between the fullest and the emptiest block while it helps
        totals = [sum(p.households for p in g) for g in groups]
        high, low = groups[totals.index(max(totals))], groups[totals.index(min(totals))]
        spread = max(totals) - min(totals)
        best = None
        for i, a in enumerate(high):
            for j, b in enumerate(low):
                moved = a.households - b.households
                if 0 < moved and abs(spread - 2 * moved) < spread and (best is None or abs(spread - 2 * moved) < best[0]):
                    best = (abs(spread - 2 * moved), i, j)
        if best is None:
            break
        _, i, j = best
        high[i], low[j] = low[j], high[i]
    return [plan for group in groups for plan in group]


def _compound_name(stems, rng) -> str:
    suffixes = ["小区", "家属院", "小区", "花园", "小区"]
    return next(stems) + rng.choice(suffixes)


def _add_site_features(ctx: DemoContext, layout: Layout, compound: Compound, wall: Polygon,
                       column: int, row: int, rng) -> None:
    """Gates on the sides facing the widest streets, a checkpoint at each gate, a
    supply point inside the main gate, the closed-loop patrol route along the wall;
    with a second gate, an isolation route (隔离转运) from the building nearest it
    out through that sealed gate."""
    streets = layout.facing_streets(column, row)
    sides = sorted(GATE_SIDES, key=lambda s: (-streets[s].width, GATE_SIDES.index(s)))
    gates = sides[: 1 + (rng.random() < 0.6) + (rng.random() < 0.2)]
    minx, miny, maxx, maxy = wall.bounds
    inward = {"南": (0, 1), "北": (0, -1), "东": (-1, 0), "西": (1, 0)}
    main_gate_inside = None
    gate_points = []
    for side in gates:
        t = rng.uniform(0.3, 0.7)
        x, y = {"南": (minx + t * (maxx - minx), miny), "北": (minx + t * (maxx - minx), maxy),
                "东": (maxx, miny + t * (maxy - miny)), "西": (minx, miny + t * (maxy - miny))}[side]
        x, y = round(x, 1), round(y, 1)
        # The main gate stays open in the closed loop; side gates are sealed.
        ctx.add("site_points", SitePoint, kind="gate", name=f"{side}门", compound_id=compound.id, geometry=Point(x, y),
                state="open" if side == gates[0] else "closed")
        dx, dy = inward[side]
        ctx.add("site_points", SitePoint, kind="checkpoint", name=f"{side}门卡点", compound_id=compound.id,
                geometry=Point(x + 6 * dx, y + 6 * dy))
        if main_gate_inside is None:
            main_gate_inside = (x, y, dx, dy)
        gate_points.append((x, y, dx, dy))
    x, y, dx, dy = main_gate_inside
    supply = Point(x + 20 * dx + 8 * dy, y + 20 * dy + 8 * dx)
    ctx.add("site_points", SitePoint, kind="supply", name="物资投放点", compound_id=compound.id, geometry=supply)
    loop = wall.buffer(-3.0, join_style="mitre").exterior
    ctx.add("site_routes", SiteRoute, kind="closed-loop", name=f"{compound.name}闭环巡查路线",
            compound_id=compound.id, geometry=MultiLineString([LineString(loop.coords)]))
    ctx.add("site_routes", SiteRoute, kind="route", name="物资配送路线", compound_id=compound.id,
            geometry=MultiLineString([LineString([(x, y), (x + 20 * dx, y + 20 * dy), supply.coords[0]])]))
    homes = [b.geometry for b in ctx.tables["buildings"] if b.compound_id == compound.id]
    if len(gate_points) > 1 and homes:
        gx, gy, dx, dy = gate_points[1]
        inside = Point(gx + 12 * dx, gy + 12 * dy)
        door = nearest_points(min(homes, key=inside.distance).boundary, inside)[0]
        ctx.add("site_routes", SiteRoute, kind="isolation", name="隔离转运路线", compound_id=compound.id,
                geometry=MultiLineString([LineString([(round(door.x, 1), round(door.y, 1)), inside.coords[0],
                                                      (gx, gy)])]))


def _add_sampling_point(ctx: DemoContext, community: Zone, rng) -> None:
    """One sampling point per community, in the open centre of its first compound."""
    compound = next(c for c in reversed(ctx.tables["compounds"]) if c.geometry.within(community.geometry))
    centre = compound.geometry.centroid
    ctx.add("site_points", SitePoint, kind="sampling", name="核酸采样点", compound_id=compound.id,
            geometry=Point(round(centre.x, 1), round(centre.y - 4, 1)))


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
    moment = dt.datetime.combine(recipe.raw["date"], dt.time(9, 0), tzinfo=dt.timezone.utc)
    ProjectStore.create(path, epsg=recipe.raw["epsg"], tables=tables, meta=meta, moment=moment)
