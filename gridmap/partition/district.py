"""A synthetic district to partition in benchmarks and property tests: an
uneven street lattice whose blocks are walled compounds of slab blocks (a few
hundred to a couple of thousand households), open blocks of small buildings,
and the odd school with none; some lanes end inside a block. Households per
building come with it, so no household records are needed."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry
import itertools

X0, Y0 = 450000.0, 3830000.0  # EPSG:4547, near Zhengzhou


@dataclass
class District:
    region: BaseGeometry
    footprints: np.ndarray
    households: np.ndarray
    floors: np.ndarray
    compounds: np.ndarray
    streets: np.ndarray

    @property
    def total(self) -> int:
        return int(self.households.sum())


def synthetic_district(households: int = 100_000, seed: int = 11, aspect: float = 1.3) -> District:
    """Blocks are added column by column over a lattice about ``aspect`` times
    as wide as high until the district holds at least ``households``."""
    rng = np.random.default_rng(seed)
    per_block = 190.0  # households of an average block, for sizing the lattice
    blocks = max(1, int(np.ceil(households / per_block)))
    rows = max(1, round(np.sqrt(blocks / aspect)))
    heights = rng.uniform(110, 210, rows)
    ys = Y0 + np.concatenate([[0.0], np.cumsum(heights)])
    footprints: list = []
    counts: list[int] = []
    floors: list[int] = []
    compounds: list = []
    xs = [X0]
    total = 0
    while total < households:
        x0 = xs[-1]
        x1 = x0 + rng.uniform(130, 250)
        xs.append(x1)
        for r in range(rows):
            box = (x0, ys[r], x1, ys[r + 1])
            kind = rng.random()
            if kind < 0.4:
                total += _compound(rng, box, footprints, counts, floors, compounds)
            elif kind < 0.6:  # two or three old courtyards (家属院) side by side
                cuts = np.linspace(box[0], box[2], int(rng.integers(2, 4)) + 1)
                for a, b in itertools.pairwise(cuts):
                    total += _compound(rng, (a, box[1], b, box[3]), footprints, counts, floors, compounds,
                                       storeys=int(rng.choice([5, 6])), slab=(30, 45))
            elif kind < 0.92:
                total += _open_block(rng, box, footprints, counts, floors)
            else:
                total += _school(rng, box, footprints, counts, floors, compounds)
    width, height = xs[-1] - X0, ys[-1] - Y0
    streets = [LineString([(x, Y0), (x, Y0 + height)]) for x in xs[1:-1]]
    streets += [LineString([(X0, y), (X0 + width, y)]) for y in ys[1:-1]]
    for _ in range(len(xs) // 3):  # lanes into a block that end inside it
        x = rng.uniform(X0, X0 + width)
        r = int(rng.integers(0, rows))
        streets.append(LineString([(x, ys[r]), (x, ys[r] + (ys[r + 1] - ys[r]) * 0.45)]))
    return District(shapely.box(X0, Y0, X0 + width, Y0 + height), np.array(footprints, dtype=object),
                    np.array(counts), np.array(floors), np.array(compounds, dtype=object),
                    np.array(streets, dtype=object))


def _compound(rng, box, footprints, counts, floors, compounds, storeys: int | None = None,
              slab: tuple[float, float] = (45, 70)) -> int:
    """Rows of slab blocks inside a wall 8 m in from the streets."""
    x0, y0, x1, y1 = box
    wall = shapely.box(x0 + 8, y0 + 8, x1 - 8, y1 - 8)
    compounds.append(wall)
    storeys = storeys or int(rng.choice([6, 6, 7, 11, 18]))
    slab_w, slab_h, gap_x, gap_y = rng.uniform(*slab), 12.0, 10.0, rng.uniform(16, 26)
    added = 0
    y = y0 + 18
    while y + slab_h <= y1 - 18:
        x = x0 + 18
        while x + slab_w <= x1 - 18:
            if rng.random() < 0.9:
                units = int(slab_w // 16)
                homes = units * 2 * storeys
                footprints.append(shapely.box(x, y, x + slab_w, y + slab_h))
                counts.append(homes)
                floors.append(storeys)
                added += homes
            x += slab_w + gap_x
        y += slab_h + gap_y
    return added


def _open_block(rng, box, footprints, counts, floors) -> int:
    """Small buildings of two to six floors in a loose lattice."""
    x0, y0, x1, y1 = box
    added = 0
    step = rng.uniform(24, 34)
    for y in np.arange(y0 + 12, y1 - 12 - 10, step):
        for x in np.arange(x0 + 12, x1 - 12 - 10, step):
            if rng.random() < 0.2:
                continue
            w, h = rng.uniform(10, step - 6), rng.uniform(8, step - 6)
            storeys = int(rng.integers(2, 7))
            homes = max(1, int(w * h * storeys * 0.75 / 90))
            footprints.append(shapely.box(x, y, x + w, y + h))
            counts.append(homes)
            floors.append(storeys)
            added += homes
    return added


def _school(rng, box, footprints, counts, floors, compounds) -> int:
    x0, y0, x1, y1 = box
    compounds.append(shapely.box(x0 + 8, y0 + 8, x1 - 8, y1 - 8))
    footprints.append(shapely.box(x0 + 30, y0 + 30, x0 + 30 + min(80, x1 - x0 - 60), y0 + 48))
    counts.append(0)
    floors.append(4)
    return 0
