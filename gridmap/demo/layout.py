"""Geometry of the demo: street centrelines, blocks, compound walls, footprints.

Blocks are the cells between street centrelines, so zones built from blocks
share edges exactly: the tree has no gaps and no overlaps by construction.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import shapely
from pyproj import Transformer
from shapely.geometry import LineString, Polygon

STREET_OVERHANG = 30.0  # streets run on past the office edge, as streets do
WALL_SETBACK = (3.0, 8.0)  # metres between kerb and compound wall, drawn per side
COMPOUND_MARGIN = 10.0  # metres between wall and the nearest building


@dataclass(frozen=True)
class StreetLine:
    name: str
    kind: str
    width: float
    line: LineString


@dataclass(frozen=True)
class BuildingSlot:
    """Where one building stands: its footprint and its row/column in the compound."""

    footprint: Polygon
    row: int
    column: int


class Layout:
    """The block grid of the office in the project CRS."""

    def __init__(self, recipe: dict, rng: random.Random) -> None:
        lon, lat = recipe["origin_lonlat"]
        to_metric = Transformer.from_crs(4490, recipe["epsg"], always_xy=True)
        x0, y0 = (round(v) for v in to_metric.transform(lon, lat))
        widths = recipe["blocks"]["column_widths"]
        heights = recipe["blocks"]["row_heights"]
        self.xs = [x0 + sum(widths[:i]) for i in range(len(widths) + 1)]
        top = y0 + sum(heights)
        self.ys = [top - sum(heights[:i]) for i in range(len(heights) + 1)]  # north→south
        self.ns = [StreetLine(n, k, float(w), LineString(
            [(x, self.ys[-1] - STREET_OVERHANG), (x, self.ys[0] + STREET_OVERHANG)]))
            for x, (n, k, w) in zip(self.xs, recipe["streets"]["north_south"])]
        self.ew = [StreetLine(n, k, float(w), LineString(
            [(self.xs[0] - STREET_OVERHANG, y), (self.xs[-1] + STREET_OVERHANG, y)]))
            for y, (n, k, w) in zip(self.ys, recipe["streets"]["east_west"])]
        self.rng = rng

    @property
    def streets(self) -> list[StreetLine]:
        return self.ns + self.ew

    def cell(self, columns: tuple[int, int], rows: tuple[int, int]) -> Polygon:
        """The area between the centrelines around blocks columns × rows (inclusive).

        Every street crossing on its edge is a vertex, so neighbouring zones of
        any level share edges vertex for vertex (a valid polygon coverage).
        """
        xs = self.xs[columns[0]:columns[1] + 2]
        ys = self.ys[rows[0]:rows[1] + 2]  # north→south
        ring = ([(x, ys[-1]) for x in xs]  # south edge, west→east
                + [(xs[-1], y) for y in reversed(ys[:-1])]  # east edge, south→north
                + [(x, ys[0]) for x in reversed(xs[:-1])]  # north edge, east→west
                + [(xs[0], y) for y in ys[1:]])  # west edge, north→south
        return Polygon(ring)

    def office(self) -> Polygon:
        return self.cell((0, len(self.xs) - 2), (0, len(self.ys) - 2))

    def compound_wall(self, column: int, row: int) -> Polygon:
        """The walled compound inside a block: kerbs minus a setback drawn per side."""
        west_set, east_set, north_set, south_set = (self.rng.uniform(*WALL_SETBACK) for _ in range(4))
        west = self.xs[column] + self.ns[column].width / 2 + west_set
        east = self.xs[column + 1] - self.ns[column + 1].width / 2 - east_set
        north = self.ys[row] - self.ew[row].width / 2 - north_set
        south = self.ys[row + 1] + self.ew[row + 1].width / 2 + south_set
        return shapely.box(round(west, 1), round(south, 1), round(east, 1), round(north, 1))

    def facing_streets(self, column: int, row: int) -> dict[str, StreetLine]:
        """The street on each side of a block: 南/北/东/西."""
        return {"南": self.ew[row + 1], "北": self.ew[row], "西": self.ns[column], "东": self.ns[column + 1]}


def place_buildings(wall: Polygon, sizes: list[tuple[float, float]], rng: random.Random) -> list[BuildingSlot]:
    """Lay footprints (width east–west, depth north–south) out in rows, south-facing
    as slab blocks are, numbered north→south then west→east."""
    count = len(sizes)
    if not count:
        return []
    columns = math.ceil(math.sqrt(count))
    rows = math.ceil(count / columns)
    minx, miny, maxx, maxy = wall.bounds
    minx, miny, maxx, maxy = (minx + COMPOUND_MARGIN, miny + COMPOUND_MARGIN,
                              maxx - COMPOUND_MARGIN, maxy - COMPOUND_MARGIN)
    slot_w = (maxx - minx) / columns
    slot_h = (maxy - miny) / rows
    slots = []
    for index, (width, depth) in enumerate(sizes):
        row, column = divmod(index, columns)
        width = min(width, slot_w - 8.0)
        depth = min(depth, slot_h - 8.0)
        cx = minx + slot_w * (column + 0.5) + rng.uniform(-1, 1) * (slot_w - width - 8.0) / 2
        cy = maxy - slot_h * (row + 0.5) + rng.uniform(-1, 1) * (slot_h - depth - 8.0) / 4
        footprint = shapely.box(round(cx - width / 2, 1), round(cy - depth / 2, 1),
                                round(cx + width / 2, 1), round(cy + depth / 2, 1))
        slots.append(BuildingSlot(footprint, row, column))
    return slots
