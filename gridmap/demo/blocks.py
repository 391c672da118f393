"""Inside a block: compound walls of varied shapes, shop strips along the main
roads, and building footprints laid in rows along the block's street direction."""

from __future__ import annotations

import math
import random

import shapely
from shapely import affinity
from shapely.geometry import LineString, Polygon
import itertools

WALL_SETBACK = (3.0, 7.0)  # metres between kerb and compound wall
COMPOUND_MARGIN = 8.0  # metres between wall and the nearest building
BUILDING_GAP = (10.0, 16.0)  # metres between gable ends in a row
SHOP_DEPTH = 10.0  # a shop strip (底商/商铺) is one room deep
SHOP_BAND = 18.0  # the kerb-side band a shop strip takes from the compound behind it


def largest(geometry) -> Polygon | None:
    """The largest polygon of a geometry (pieces left by a difference), or None."""
    parts = [g for g in shapely.get_parts(geometry) if g.geom_type == "Polygon" and g.area > 1.0]
    return max(parts, key=lambda g: g.area) if parts else None


def tidy(polygon: Polygon) -> Polygon:
    """Vertices on the decimetre, collinear ones dropped: a wall as surveyed."""
    return largest(shapely.set_precision(polygon.simplify(0.3), 0.1))


def kerb(face: Polygon, streets) -> Polygon | None:
    """The block between the kerbs: the face less the street surfaces around it."""
    return largest(face.difference(streets))


def direction(polygon: Polygon) -> float:
    """The street direction of a block in degrees, folded into (-45, 45]: rows
    of buildings run along it, facing as near south as the streets allow."""
    ring = list(polygon.minimum_rotated_rectangle.exterior.coords)
    (x0, y0), (x1, y1), (x2, y2) = ring[:3]
    edges = [(math.hypot(x1 - x0, y1 - y0), x1 - x0, y1 - y0), (math.hypot(x2 - x1, y2 - y1), x2 - x1, y2 - y1)]
    _, dx, dy = max(edges)
    angle = math.degrees(math.atan2(dy, dx))
    while angle > 45:
        angle -= 90
    while angle <= -45:
        angle += 90
    return angle


def split_compounds(inner: Polygon, angle: float, rng: random.Random, shape: str) -> list[Polygon]:
    """Walls of the compounds of one block. ``shape``: "whole" (one compound),
    "corner" (a small compound in a corner, the big one an L around it) or
    "halves" (two compounds side by side)."""
    if shape == "whole":
        return [inner]
    centre = inner.centroid
    local = affinity.rotate(inner, -angle, origin=centre)
    minx, miny, maxx, maxy = local.bounds
    if shape == "corner":
        w, h = (maxx - minx) * rng.uniform(0.35, 0.45), (maxy - miny) * rng.uniform(0.4, 0.5)
        x = rng.choice((minx, maxx - w))
        y = rng.choice((miny, maxy - h))
        cut = shapely.box(x, y, x + w, y + h)
    else:
        at = minx + (maxx - minx) * rng.uniform(0.42, 0.58)
        cut = shapely.box(minx - 1, miny - 1, at, maxy + 1)
    parts = [largest(local.intersection(cut.buffer(-3, join_style="mitre"))),
             largest(local.difference(cut.buffer(3, join_style="mitre")))]
    return [affinity.rotate(p, angle, origin=centre) for p in parts if p is not None and p.area > 1500]


def shop_strip(kerb_polygon: Polygon, street_line: LineString, rng: random.Random,
               ) -> tuple[list[Polygon], Polygon]:
    """Shops (商铺) along the kerb that faces ``street_line``, and the band they
    take (the compound wall stays behind it)."""
    edge = _facing_edge(kerb_polygon, street_line)
    if edge is None:
        return [], Polygon()
    (x0, y0), (x1, y1) = edge
    length = math.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    nx, ny = -uy, ux  # the left normal; turned to point into the block
    mid = shapely.Point((x0 + x1) / 2 + nx, (y0 + y1) / 2 + ny)
    if not kerb_polygon.contains(mid):
        nx, ny = -nx, -ny
    shops = []
    at = rng.uniform(20.0, 35.0)
    while at + 18.0 < length - 20.0:
        size = min(rng.choice((30.0, 36.0, 42.0, 48.0)), length - 20.0 - at)
        a = (x0 + ux * at + nx * 2, y0 + uy * at + ny * 2)
        b = (x0 + ux * (at + size) + nx * 2, y0 + uy * (at + size) + ny * 2)
        shop = Polygon([a, b, (b[0] + nx * SHOP_DEPTH, b[1] + ny * SHOP_DEPTH),
                        (a[0] + nx * SHOP_DEPTH, a[1] + ny * SHOP_DEPTH)])
        if kerb_polygon.contains(shop):
            shops.append(shapely.set_precision(shop, 0.1))
        at += size + rng.choice((0.0, 0.0, 4.0, 8.0))
    band = LineString(edge).buffer(SHOP_BAND, cap_style="flat")
    return shops, band


def _facing_edge(polygon: Polygon, street_line: LineString):
    """The longest edge of ``polygon`` that runs beside ``street_line``."""
    coords = list(polygon.exterior.coords)
    best = None
    for a, b in itertools.pairwise(coords):
        edge = LineString([a, b])
        if (edge.length > 60 and street_line.distance(edge.centroid) < 30
                and (best is None or edge.length > best.length)):
            best = edge
    return None if best is None else list(best.coords)


def place_rows(wall: Polygon, sizes: list[tuple[float, float]], angle: float, row_gap: float,
               rng: random.Random) -> list[Polygon]:
    """Footprints of (length along the street, depth) laid in rows along
    ``angle``, north row first, each clear of the wall by the margin and of its
    neighbours by a gap. As many as fit, in order; a building longer than the
    room left in a row is shortened (a shorter block of the same flats)."""
    centre = wall.centroid
    inner = affinity.rotate(wall, -angle, origin=centre).buffer(-COMPOUND_MARGIN, join_style="mitre")
    if inner.is_empty:
        return []
    minx, miny, maxx, maxy = inner.bounds
    rows: list[list[Polygon]] = []
    todo = list(sizes)
    top = maxy - rng.uniform(0.0, 4.0)
    while todo and top - todo[0][1] >= miny:
        depth = todo[0][1]
        for start, end in _free_runs(inner, top - depth, top, minx, maxx):
            row: list[Polygon] = []
            x = start
            while todo and x < end - 18.0:
                length, this_depth = todo[0]
                length = min(length, end - x)
                if length < max(18.0, 0.45 * todo[0][0]):
                    break
                box = shapely.box(x, top - this_depth, x + length, top)
                if inner.contains(box):
                    row.append(box)
                    todo.pop(0)
                    x += length + rng.uniform(*BUILDING_GAP)
                else:
                    x += 4.0
            if row:  # centre the row in its run
                slack = end - row[-1].bounds[2]
                shifted = [affinity.translate(b, slack / 2) for b in row]
                rows.append(shifted if all(inner.contains(b) for b in shifted) else row)
        top -= depth + row_gap
    placed = _spread(rows, inner, miny)
    return [shapely.set_precision(affinity.rotate(b, angle, origin=centre), 0.1) for b in placed]


def _spread(rows: list[list[Polygon]], inner: Polygon, floor: float) -> list[Polygon]:
    """The rows moved apart to share the room left below the last one (wider
    sunlight spacing, as the space allows), unless a row would leave the wall."""
    tops = sorted({round(r[0].bounds[3], 3) for r in rows}, reverse=True)
    kept = [b for r in rows for b in r]
    if len(tops) < 2:
        return kept
    step = (min(b.bounds[1] for b in kept) - floor) / len(tops)
    moved = [affinity.translate(b, 0, -step * (tops.index(round(r[0].bounds[3], 3)) + 0.5)) for r in rows for b in r]
    return moved if all(inner.contains(b) for b in moved) else kept


def _free_runs(inner: Polygon, low: float, high: float, minx: float, maxx: float) -> list[tuple[float, float]]:
    """The x ranges where a band from ``low`` to ``high`` lies inside ``inner``
    (crossed at its edges and middle)."""
    runs = None
    for y in (low, (low + high) / 2, high):
        cut = inner.intersection(LineString([(minx - 1, y), (maxx + 1, y)]))
        spans = [(min(p.coords[0][0], p.coords[-1][0]), max(p.coords[0][0], p.coords[-1][0]))
                 for p in shapely.get_parts(cut) if p.geom_type == "LineString"]
        runs = spans if runs is None else [(max(a, c), min(b, d)) for a, b in runs for c, d in spans
                                           if min(b, d) - max(a, c) > 1]
    return sorted(runs or [])
