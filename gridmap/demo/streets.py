"""The demo's street network: centrelines from the recipe, and the blocks
(faces) they cut the office into.

Blocks are the faces of the noded centrelines, so zones made of whole blocks
share edges vertex for vertex: the tree has no gaps and no overlaps by
construction.
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely
from pyproj import Transformer
from shapely.geometry import LineString, Polygon
from shapely.ops import polygonize, unary_union
import itertools


@dataclass(frozen=True)
class StreetLine:
    name: str
    kind: str  # 主干路 / 次干路 / 支路 / 巷
    width: float
    line: LineString


def origin(recipe: dict) -> tuple[float, float]:
    """The office's south-west corner in the project CRS, whole metres."""
    lon, lat = recipe["origin_lonlat"]
    x, y = Transformer.from_crs(4490, recipe["epsg"], always_xy=True).transform(lon, lat)
    return round(x), round(y)


def _smoothed(points: list[tuple[float, float]], rounds: int = 4) -> list[tuple[float, float]]:
    """Chaikin's corner cutting: a polyline rounded into a curve through its ends."""
    for _ in range(rounds):
        cut = [points[0]]
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            cut += [(0.75 * x0 + 0.25 * x1, 0.75 * y0 + 0.25 * y1), (0.25 * x0 + 0.75 * x1, 0.25 * y0 + 0.75 * y1)]
        points = cut[:1] + cut[2:-1] + points[-1:]
    return points


def load_streets(recipe: dict) -> list[StreetLine]:
    x0, y0 = origin(recipe)
    streets = []
    for spec in recipe["streets"]:
        points = [(float(x), float(y)) for x, y in spec["line"]]
        if spec.get("smooth"):
            points = _smoothed(points)
        line = LineString([(round(x0 + x, 1), round(y0 + y, 1)) for x, y in points])
        streets.append(StreetLine(spec["name"], spec["kind"], float(spec["width"]), line))
    return streets


def blocks(streets: list[StreetLine]) -> list[Polygon]:
    """The faces the centrelines enclose, north→south then west→east by their
    inner point (the reading order of grid serials)."""
    noded = unary_union([_reaching(s.line) for s in streets])
    faces = [shapely.normalize(f) for f in polygonize(noded.geoms if hasattr(noded, "geoms") else [noded])]
    return sorted(faces, key=lambda f: _reading_key(f.representative_point()))


def _reaching(line: LineString, reach: float = 25.0) -> LineString:
    """The centreline run on a little past both ends, so that a street drawn to
    end at another (a T junction) meets it; the stubs past it are dangles that
    enclose nothing."""
    coords = list(line.coords)
    (ax, ay), (bx, by) = coords[0], coords[1]
    (cx, cy), (dx, dy) = coords[-2], coords[-1]
    first, last = LineString([(bx, by), (ax, ay)]).length, LineString([(cx, cy), (dx, dy)]).length
    start = (ax + (ax - bx) / first * reach, ay + (ay - by) / first * reach)
    end = (dx + (dx - cx) / last * reach, dy + (dy - cy) / last * reach)
    return LineString([start, *coords, end])


def _reading_key(point) -> tuple[float, float]:
    return (-round(point.y / 60.0), point.x)  # rows of about a block's height, then west→east


def street_area(streets: list[StreetLine]):
    """The carriageways and pavements: every centreline widened to its width."""
    return unary_union([s.line.buffer(s.width / 2, cap_style="flat") for s in streets])
