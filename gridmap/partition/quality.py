"""How good a division of a zone into grids is, whoever drew it: households
per grid and their spread, compactness (Polsby–Popper), how much of the
boundary between grids runs along streets or compound walls, compounds and
buildings cut, grids in pieces, and whether the grids tile the zone."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from gridmap.model.validation import usable_widths

ALONG = 1.0  # metres beyond a street's half width (or either side of a wall) that still count as along it
CUT_SHARE, CUT_AREA = 0.01, 1.0  # a piece of a building in a second grid counts from this share and area


@dataclass
class GridQuality:
    code: str
    name: str
    households: int
    deviation: float  # from the mean, as a fraction
    polsby_popper: float  # 4πA/P²: 1 for a circle, 0.785 for a square
    parts: int
    buildings: int


@dataclass
class Quality:
    grids: list[GridQuality]
    mean: float
    max_deviation: float
    mean_polsby_popper: float
    street_share: float  # of the boundary between grids, the part along streets or walls
    boundary_length: float  # metres of boundary between grids
    compounds_split: list[str] = field(default_factory=list)
    buildings_split: int = 0
    buildings_outside: int = 0  # in the zone but in none of the grids
    gap_area: float = 0.0
    overlap_area: float = 0.0
    outside_area: float = 0.0
    locked: int = 0  # the first grids, kept as they were: not held to the band

    @property
    def contiguous(self) -> bool:
        return all(g.parts == 1 for g in self.grids)

    def coverage_ok(self, tolerance_area: float = 1e-6) -> bool:
        return max(self.gap_area, self.overlap_area, self.outside_area) <= tolerance_area

    def outside_band(self, low: float, high: float) -> list[GridQuality]:
        """The divided grids (not the locked ones) outside [low, high] households."""
        return [g for g in self.grids[self.locked:] if not low <= g.households <= high]

    def as_dict(self) -> dict:
        out = asdict(self)
        out["contiguous"] = self.contiguous
        out["coverage_valid"] = self.coverage_ok()
        return out


def assess(parent: BaseGeometry, grids: Sequence[tuple[str, str, BaseGeometry]], footprints: np.ndarray,
           households: np.ndarray, compounds: Sequence[tuple[str, BaseGeometry]],
           streets: Sequence[tuple[BaseGeometry, float]], locked: int = 0) -> Quality:
    """The quality of ``grids`` (code, name, shape) as a division of ``parent``.

    ``footprints`` and ``households`` are the buildings of the parent; streets
    come with their widths. The first ``locked`` grids were kept as they were:
    the mean, the deviations and the mean compactness are those of the others."""
    shapes = np.array([g[2] for g in grids], dtype=object)
    footprints = np.asarray(footprints, dtype=object)
    households = np.asarray(households, dtype=float)
    points = shapely.point_on_surface(footprints) if len(footprints) else np.empty(0, dtype=object)
    home = np.full(len(points), -1)
    if len(points) and len(shapes):
        pi, gi = shapely.STRtree(shapes).query(points, predicate="intersects")
        home[pi[::-1]] = gi[::-1]  # the first grid holding the point
    per_grid = np.bincount(home[home >= 0], households[home >= 0], minlength=len(shapes))
    buildings = np.bincount(home[home >= 0], minlength=len(shapes))
    divided = per_grid[locked:] if len(per_grid) > locked else per_grid
    mean = float(divided.mean()) if len(divided) else 0.0
    area, perimeter = shapely.area(shapes), shapely.length(shapes)
    pp = np.where(perimeter > 0, 4 * math.pi * area / np.maximum(perimeter, 1e-12) ** 2, 0.0)
    parts = shapely.get_num_geometries(shapes)
    rows = [GridQuality(code, name, int(per_grid[i]), float(per_grid[i] / mean - 1) if mean else 0.0,
                        float(pp[i]), int(parts[i]), int(buildings[i]))
            for i, (code, name, _) in enumerate(grids)]

    union = shapely.union_all(shapes) if len(shapes) else shapely.Polygon()
    inner, along = _inner_boundary(parent, shapes, compounds, streets)
    split = _compounds_split(compounds, points, home)
    return Quality(
        grids=rows, mean=mean,
        max_deviation=float(max((abs(r.deviation) for r in rows[locked:] or rows), default=0.0)),
        mean_polsby_popper=float((pp[locked:] if len(pp) > locked else pp).mean()) if len(pp) else 0.0,
        street_share=along / inner if inner > 0 else 1.0, boundary_length=inner,
        compounds_split=split, buildings_split=_buildings_split(footprints, shapes),
        buildings_outside=int((home < 0).sum()),
        gap_area=float(shapely.area(shapely.difference(parent, union))),
        overlap_area=float(max(0.0, area.sum() - shapely.area(union))),
        outside_area=float(shapely.area(shapely.difference(union, parent))),
        locked=locked,
    )


def _inner_boundary(parent, shapes, compounds, streets) -> tuple[float, float]:
    """Metres of boundary between grids, and of it the metres along a street or wall."""
    if len(shapes) < 2:
        return 0.0, 0.0
    lines = shapely.union_all(shapely.boundary(shapes))
    inner = shapely.difference(lines, shapely.buffer(parent.boundary, 0.01))
    length = float(shapely.length(inner))
    widths = usable_widths(w for _, w in streets)  # an ∞ width would stop GEOS's buffer
    guides = [shapely.buffer(g, w / 2 + ALONG) for (g, _), w in zip(streets, widths)]
    guides += [shapely.buffer(shapely.boundary(g), ALONG) for _, g in compounds]
    if not guides or length == 0:
        return length, 0.0
    near = shapely.union_all(np.array(guides, dtype=object))
    return length, float(shapely.length(shapely.intersection(inner, near)))


def _compounds_split(compounds, points, home) -> list[str]:
    """Compounds whose buildings lie in more than one grid."""
    if not len(compounds) or not len(points):
        return []
    polygons = np.array([g for _, g in compounds], dtype=object)
    pi, ci = shapely.STRtree(polygons).query(points, predicate="intersects")
    out = []
    for c in np.unique(ci):
        grids = set(home[pi[ci == c]].tolist()) - {-1}
        if len(grids) > 1:
            out.append(compounds[c][0])
    return out


def _buildings_split(footprints, shapes) -> int:
    if not len(footprints) or not len(shapes):
        return 0
    bi, gi = shapely.STRtree(shapes).query(footprints, predicate="intersects")
    share = shapely.area(shapely.intersection(footprints[bi], shapes[gi]))
    real = (share > CUT_AREA) & (share > CUT_SHARE * shapely.area(footprints[bi]))
    return int((np.bincount(bi[real], minlength=len(footprints)) > 1).sum())
