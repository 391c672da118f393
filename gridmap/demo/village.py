"""The urban village (城中村): self-built houses (自建房) packed on small plots
between narrow lanes, none quite square, none quite in line."""

from __future__ import annotations

import random

import shapely
from shapely import affinity
from shapely.geometry import Polygon

from gridmap.demo.blocks import largest

PLOT = (12.0, 14.0)  # metres along and across the lane a family's plot takes
VILLAGE_KIND = "自建房"


def house_footprints(block: Polygon, angle: float, rng: random.Random) -> list[Polygon]:
    """Every house the block holds, north row first, west→east: plots on a
    jittered lattice along the block's direction, each house its plot less a
    drip gap (滴水), with skewed corners and now and then a yard cut out."""
    centre = block.centroid
    inner = affinity.rotate(block, -angle, origin=centre).buffer(-2.0, join_style="mitre")
    if inner.is_empty:
        return []
    minx, miny, maxx, maxy = inner.bounds
    houses = []
    y = maxy
    while y - PLOT[1] >= miny:
        depth = PLOT[1] * rng.uniform(0.85, 1.1)
        x = minx + rng.uniform(0.0, 3.0)
        while x + PLOT[0] * 0.8 <= maxx:
            width = PLOT[0] * rng.uniform(0.7, 1.2)
            house = _house(x, y - depth, width, depth, rng)
            if inner.contains(house):
                houses.append(house)
            x += width + rng.uniform(0.8, 2.5)
        y -= depth + (rng.uniform(3.0, 4.5) if rng.random() < 0.35 else rng.uniform(0.8, 2.0))  # now and then an alley
    turned = [affinity.rotate(affinity.rotate(h, rng.uniform(-3.0, 3.0), origin="centroid"), angle, origin=centre)
              for h in houses]
    kept: list[Polygon] = []
    for house in turned:  # a small turn may touch a neighbour: keep the first
        if inner_ok(house, block) and not any(house.distance(k) < 0.5 for k in kept):
            house = largest(shapely.set_precision(house, 0.1))
            if house is not None:
                kept.append(house)
    return kept


def inner_ok(house: Polygon, block: Polygon) -> bool:
    return block.buffer(-1.0).contains(house)


def _house(x: float, y: float, width: float, depth: float, rng: random.Random) -> Polygon:
    j = lambda: rng.uniform(-0.8, 0.8)  # noqa: E731 - corners of a hand-built house
    house = Polygon([(x + j(), y + j()), (x + width + j(), y + j()), (x + width + j(), y + depth + j()),
                     (x + j(), y + depth + j())])
    if rng.random() < 0.3:  # a yard in one corner: an L-shaped house
        cx = x if rng.random() < 0.5 else x + width * 0.55
        house = house.difference(shapely.box(cx, y, cx + width * 0.45, y + depth * 0.4))
    return house
