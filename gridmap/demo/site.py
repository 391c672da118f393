"""Site features of a demo compound: gates, checkpoints, the supply point and
the routes of the closed-loop drill (闭环管理)."""

from __future__ import annotations

import math
import random

import shapely
from shapely.geometry import LineString, MultiLineString, Point, Polygon
from shapely.ops import nearest_points

from gridmap.demo.blocks import largest
from gridmap.demo.context import DemoContext
from gridmap.demo.streets import StreetLine
from gridmap.model.entities import Compound, SitePoint, SiteRoute, Zone
import itertools


def add_site_features(ctx: DemoContext, compound: Compound, wall: Polygon, streets: list[StreetLine],
                      rng: random.Random) -> None:
    """Gates on the walls facing the widest streets, a checkpoint at each gate,
    a supply point inside the main gate, the closed-loop patrol route along
    the wall; with a second gate, an isolation route (隔离转运) from the
    building nearest it out through that sealed gate."""
    homes = [b.geometry for b in ctx.tables["buildings"] if b.compound_id == compound.id]
    taken = shapely.union_all(homes).buffer(3.0) if homes else Polygon()
    gates = _gate_edges(wall, streets)[: 1 + (rng.random() < 0.6) + (rng.random() < 0.2)]
    points = []
    for index, ((ax, ay), (bx, by), inward, side) in enumerate(gates):
        t = rng.uniform(0.35, 0.65)
        x, y = round(ax + t * (bx - ax), 1), round(ay + t * (by - ay), 1)
        gate = nearest_points(wall.exterior, Point(x, y))[0]  # on the wall to the last digit
        ctx.add("site_points", SitePoint, kind="gate", name=f"{side}门", compound_id=compound.id, geometry=gate,
                state="open" if index == 0 else "closed")  # the main gate stays open, side gates are sealed
        dx, dy = inward
        ctx.add("site_points", SitePoint, kind="checkpoint", name=f"{side}门卡点", compound_id=compound.id,
                geometry=Point(round(gate.x + 6 * dx, 1), round(gate.y + 6 * dy, 1)))
        points.append((gate.x, gate.y, dx, dy))
    x, y, dx, dy = points[0]
    inside = (round(x + 16 * dx, 1), round(y + 16 * dy, 1))
    open_ground = largest(wall.buffer(-4.0).difference(taken))
    supply = Point(inside)
    if open_ground is not None and not open_ground.contains(supply):
        supply = nearest_points(open_ground, supply)[0]
    supply = Point(round(supply.x, 1), round(supply.y, 1))
    ctx.add("site_points", SitePoint, kind="supply", name="物资投放点", compound_id=compound.id, geometry=supply)
    loop = largest(wall.buffer(-3.0, join_style="mitre"))
    if loop is not None:
        ctx.add("site_routes", SiteRoute, kind="closed-loop", name=f"{compound.name}闭环巡查路线",
                compound_id=compound.id, geometry=MultiLineString([LineString(loop.exterior.coords)]))
    ctx.add("site_routes", SiteRoute, kind="route", name="物资配送路线", compound_id=compound.id,
            geometry=MultiLineString([LineString([(round(x, 1), round(y, 1)), inside, supply.coords[0]])]))
    if len(points) > 1 and homes:
        gx, gy, dx, dy = points[1]
        inside = Point(round(gx + 10 * dx, 1), round(gy + 10 * dy, 1))
        door = nearest_points(min(homes, key=inside.distance).boundary, inside)[0]
        ctx.add("site_routes", SiteRoute, kind="isolation", name="隔离转运路线", compound_id=compound.id,
                geometry=MultiLineString([LineString([(round(door.x, 1), round(door.y, 1)), inside.coords[0],
                                                      (round(gx, 1), round(gy, 1))])]))


def _gate_edges(wall: Polygon, streets: list[StreetLine]):
    """Wall edges long enough for a gate, the one on the widest street first,
    one per side: (start, end, inward unit normal, 东/南/西/北)."""
    coords = list(wall.exterior.coords)
    found = {}
    for a, b in itertools.pairwise(coords):
        length = math.dist(a, b)
        if length < 24:
            continue
        mid = Point((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        street = min(streets, key=lambda s: s.line.distance(mid))
        nx, ny = (b[1] - a[1]) / length, -(b[0] - a[0]) / length  # the right normal
        if wall.contains(Point(mid.x + nx, mid.y + ny)) is False:
            nx, ny = -nx, -ny
        side = _side(-nx, -ny)  # the gate faces outward
        score = (street.width, length)
        if side not in found or score > found[side][0]:
            found[side] = (score, (a, b, (nx, ny), side))
    return [edge for _, edge in sorted(found.values(), key=lambda f: (-f[0][0], -f[0][1]))]


def _side(dx: float, dy: float) -> str:
    angle = math.degrees(math.atan2(dy, dx)) % 360
    return "东北西南"[int(((angle + 45) % 360) // 90)]


def add_sampling_point(ctx: DemoContext, community: Zone) -> None:
    """One sampling point per community, on open ground of its first compound."""
    compound = next(c for c in ctx.tables["compounds"]
                    if c.kind != "单位" and c.geometry.representative_point().within(community.geometry))
    homes = [b.geometry for b in ctx.tables["buildings"] if b.compound_id == compound.id]
    ground = largest(compound.geometry.buffer(-6.0).difference(shapely.union_all(homes).buffer(5.0)))
    spot = (ground or compound.geometry).representative_point()
    ctx.add("site_points", SitePoint, kind="sampling", name="核酸采样点", compound_id=compound.id,
            geometry=Point(round(spot.x, 1), round(spot.y, 1)))
