"""The street office's outline and its communities, made from the data a
project was started with (imported buildings and streets).

``built_up_outline`` takes the area the buildings stand in: a morphological
closing (grow every footprint by a distance in metres, join, fill the holes,
shrink back a little less). A concave hull's ``ratio`` is relative to the
spread of the data's point distances, so one ratio is tight for a village and
loose for a city; a closing means the same everywhere: gaps narrower than
twice ``CLOSING`` between buildings are taken in, wider empty land at the edge
(a lake shore, a rail yard) stays out, and the outline keeps ``MARGIN`` from
every building, so none is cut. Streets do not shape it: a road leaving the
area would drag a finger of office along it.

``split_along`` cuts an area into pieces along chosen streets, each piece
holding at least one building and every building whole in one piece (the
partition's atoms, gridmap/partition/atoms.py, with each street block kept
whole), pieces in reading order.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from gridmap.codes import reading_order
from gridmap.levels import project_depths
from gridmap.model.entities import Zone
from gridmap.partition.atoms import cut_area
from gridmap.spatial.shapes import polygonal
from gridmap.topology.messages import refusal

CLOSING = 80.0  # metres: gaps narrower than twice this between buildings belong to the office
MARGIN = 10.0  # metres the outline keeps from the outermost buildings
SIMPLIFY = 1.0  # metres: the buffers' arcs thinned to this (well inside the margin)
EXTENT_MARGIN = 20.0  # metres around the data's bounding box
# Street classes (gridmap/gis/importing.py HIGHWAYS) that split an office into communities.
MAIN_ROADS = ("主干路",)
MAIN_AND_SECONDARY = ("主干路", "次干路")
SMALL_SHARE = 0.05  # of the office's area: a smaller piece is no community and joins a neighbour
REACH_OUT = CLOSING + MARGIN  # metres a street's loose end is carried on to reach the office's edge


def built_up_outline(footprints: Sequence[BaseGeometry], closing: float = CLOSING,
                     margin: float = MARGIN) -> Polygon:
    """One polygon holding every footprint with ``margin`` to spare (see the
    module's note); the closing distance doubles until the area is one piece."""
    shapes = np.asarray([g for g in footprints if g is not None and not g.is_empty], dtype=object)
    if not len(shapes):
        raise refusal("no_buildings")
    x0, y0, x1, y1 = shapely.total_bounds(shapes)
    reach = max(closing, margin * 2)
    while True:
        grown = shapely.union_all(shapely.buffer(shapes, reach, quad_segs=4))
        if shapely.get_num_geometries(grown) == 1 or reach > 2 * max(x1 - x0, y1 - y0):
            break
        reach *= 2
    if shapely.get_num_geometries(grown) != 1:  # cannot happen past the diagonal; the hull is a safe answer
        return shapely.convex_hull(grown)
    filled = Polygon(shapely.get_parts(grown)[0].exterior)
    outline = filled
    shrink = reach - margin
    while shrink >= margin:  # a narrow neck would pinch off, or a lone building vanish, at full shrink: shrink less
        shrunk = polygonal(filled.buffer(-shrink, quad_segs=4))
        if shapely.get_num_geometries(shrunk) == 1 and not shrunk.is_empty and shapely.contains(shrunk, shapes).all():
            outline = Polygon(shapely.get_parts(shrunk)[0].exterior)
            break
        shrink *= 0.75
    thin = outline.simplify(SIMPLIFY, preserve_topology=True)
    return thin if thin.is_valid and shapely.contains(thin, shapes).all() else outline


def data_extent(shapes: Sequence[BaseGeometry], margin: float = EXTENT_MARGIN) -> Polygon:
    """The bounding box of ``shapes`` (buildings and streets) grown by ``margin``."""
    shapes = np.asarray([g for g in shapes if g is not None and not g.is_empty], dtype=object)
    if not len(shapes):
        raise refusal("no_data")
    x0, y0, x1, y1 = shapely.total_bounds(shapes)
    return shapely.box(x0 - margin, y0 - margin, x1 + margin, y1 + margin)


def split_along(area: BaseGeometry, footprints: Sequence[BaseGeometry],
                lines: Sequence[BaseGeometry]) -> list[MultiPolygon]:
    """``area`` cut along ``lines`` into pieces that each hold a building;
    ground without one joins the neighbour it shares most street with, and a
    building across a line takes the blocks on both sides into one piece."""
    footprints = np.asarray(footprints, dtype=object)
    if not len(footprints):
        raise refusal("no_building_inside")
    region = polygonal(area)
    lines = np.asarray([g for g in lines if g is not None and g.intersects(region)], dtype=object)
    if not len(lines):
        return [MultiPolygon(list(shapely.get_parts(region)))]
    lines = _reaching_out(lines, region)
    # Each street block kept whole (as a compound is), so no line is drawn between its buildings.
    blocks = shapely.get_parts(shapely.polygonize(shapely.get_parts(
        shapely.union_all(np.concatenate([[region.boundary], shapely.intersection(lines, region)])))))
    atoms = cut_area(region, footprints, np.ones(len(footprints)), blocks, lines)
    built = np.unique(atoms.building_atom[atoms.building_atom >= 0])
    if not len(built):
        raise refusal("no_building_inside")
    shapes = _small_ones_joined(list(atoms.shapes(np.arange(atoms.count), atoms.count)), SMALL_SHARE * region.area)
    return reading_order_shapes([MultiPolygon(list(shapely.get_parts(polygonal(s)))) for s in shapes])


def _reaching_out(lines: np.ndarray, region: BaseGeometry) -> np.ndarray:
    """The lines with each loose end carried on, straight, up to ``REACH_OUT``
    metres: a street that stops short of the office's edge (the data ends
    there) still cuts through to it. An end that meets nothing stays loose,
    and polygonising ignores it."""
    parts = [g for g in shapely.get_parts(shapely.line_merge(shapely.union_all(lines))) if g.length > 0]
    out = list(parts)
    for line in parts:
        coords = np.asarray(line.coords)
        for tip, before in ((coords[-1], coords[-2]), (coords[0], coords[1])):
            direction = tip - before
            norm = float(np.hypot(*direction))
            if norm > 0 and shapely.contains_xy(region, *tip):
                out.append(shapely.LineString([tip, tip + direction / norm * REACH_OUT]))
    return np.array(out, dtype=object)


def _small_ones_joined(shapes: list[BaseGeometry], least: float) -> list[BaseGeometry]:
    """Pieces smaller than ``least`` m² joined, smallest first, to the
    neighbour they share the longest boundary with (the pieces tile the area
    exactly, so shared edges are identical and the unions are clean)."""
    shapes = list(shapes)
    while len(shapes) > 1:
        areas = [s.area for s in shapes]
        small = min(range(len(shapes)), key=areas.__getitem__)
        if areas[small] >= least:
            break
        edge = shapely.boundary(shapes[small])
        shared = [shapely.length(shapely.intersection(edge, shapely.boundary(s))) if i != small else 0.0
                  for i, s in enumerate(shapes)]
        best = int(np.argmax(shared))
        if shared[best] <= 0:
            break  # an island: it stays a piece of its own
        shapes[best] = shapely.coverage_union_all(np.array([shapes[best], shapes[small]], dtype=object))
        del shapes[small]
    return shapes


def reading_order_shapes(shapes: list[BaseGeometry]) -> list[BaseGeometry]:
    """North→south by rows, west→east within a row (as gridmap/codes.py orders zones)."""
    stand_ins = [Zone(i, "", "", 0, None, shape) for i, shape in enumerate(shapes)]
    return [shapes[z.id] for z in reading_order(stand_ins)]


def missing_for_partition(project, zone_id: int | None) -> str | None:
    """What a project lacks before ``zone_id`` can be partitioned into grids:
    ``buildings`` (none imported), ``office`` (no zone at all), ``communities``
    (the street office is not divided yet), ``zone_buildings`` (no building
    stands in the zone); None when nothing is missing."""
    tables = project.tables
    if not tables["buildings"]:
        return "buildings"
    zones = tables["zones"]
    if not zones:
        return "office"
    zone = zones.get(zone_id)
    if zone is None:
        return None
    held = {zone.id} | {z.id for z in zones.values() if z.parent_id == zone.id}
    if zone.level == project_depths(project).office and held == {zone.id}:
        return "communities"
    loose = [b.geometry for b in tables["buildings"].values() if b.zone_id is None]
    if any(b.zone_id in held for b in tables["buildings"].values()) or (
            loose and shapely.intersects(np.array(loose, dtype=object), zone.geometry).any()):
        return None
    return "zone_buildings"
