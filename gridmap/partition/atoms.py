"""The pieces a partition is made of (atoms), and how they touch.

The area to divide is cut along every line a grid boundary may follow: the
streets, the compound walls and, inside blocks and oversize compounds, the
lines between buildings (each building's territory, topology/territories.py).
All of it is one noded line network polygonised once, so neighbouring faces
share their edges exactly and any union of faces is a valid coverage of the
area. Faces that must stay together (the faces under one building, the faces
of a compound kept whole) form one atom; a grid is a set of atoms.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable, Sequence

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from gridmap.cancel import Cancelled
from gridmap.spatial.shapes import polygonal
from gridmap.topology.territories import territories

PRECISION = 1e-6  # metres: the grid lines are snap-rounded to where exact noding fails (as boundary edits do)
ON_LINE = 1e-3  # metres: an edge this close to a street or wall runs along it
# What a metre of grid boundary costs: along a street it is what planners want,
# along a compound wall nearly so, between two buildings of a block least of all.
STREET_COST, WALL_COST, INNER_COST = 0.15, 0.3, 1.0
OVERLAP = 0.01  # square metres: a face under a building by less than this is drawing noise
SPILL = 0.2  # metres the lines between buildings reach past a block's edge, to cross it for sure

Progress = Callable[[float], None]


@dataclass
class Atoms:
    """The cut-up area. Atom arrays are indexed by atom, face arrays by face."""

    faces: np.ndarray  # polygons tiling the area exactly
    face_atom: np.ndarray
    weight: np.ndarray  # households per atom
    area: np.ndarray
    perimeter: np.ndarray  # the length of each atom's outline (with holes), for the shape of a part
    xy: np.ndarray  # (n, 2) area centroids
    compound: np.ndarray  # the compound an atom is (kept whole), else -1
    building_atom: np.ndarray  # per input building: its atom, or -1 where its point is outside the area
    edges: np.ndarray  # (m, 2) atom pairs a < b that share a boundary
    edge_length: np.ndarray
    edge_cost: np.ndarray  # length weighted by what the shared boundary runs along
    split_compounds: list[int]  # compounds too big to keep whole (cut between their buildings)

    @property
    def count(self) -> int:
        return len(self.weight)

    def neighbours(self, values: np.ndarray | None = None) -> list[dict[int, float]]:
        """Per atom: neighbour → ``values`` of the edge between them (by
        default the cost of a boundary there)."""
        out: list[dict[int, float]] = [{} for _ in range(self.count)]
        for (a, b), value in zip(self.edges.tolist(), (self.edge_cost if values is None else values).tolist()):
            out[a][b] = value
            out[b][a] = value
        return out

    def shapes(self, labels: np.ndarray, count: int) -> list[BaseGeometry]:
        """The union of the faces of each label 0 … count-1: exact, since faces share edges."""
        face_label = labels[self.face_atom]
        order = np.argsort(face_label, kind="stable")
        bounds = np.searchsorted(face_label[order], np.arange(count + 1))
        return [shapely.coverage_union_all(self.faces[order[bounds[g]:bounds[g + 1]]]) for g in range(count)]


def cut_area(region: BaseGeometry, footprints: Sequence[BaseGeometry], weights: Sequence[float],
             compounds: Sequence[BaseGeometry], streets: Sequence[BaseGeometry], *,
             whole_upto: float = float("inf"), keep_lines: Sequence[BaseGeometry] = (),
             keep_apart: np.ndarray | None = None, progress: Progress | None = None,
             cancelled: Callable[[], bool] | None = None) -> Atoms:
    """Cut ``region`` into atoms.

    ``weights`` are households per footprint. A compound with at most
    ``whole_upto`` households stays one atom; a bigger one is cut between its
    buildings like an open block. ``keep_lines`` (the old grids' boundaries)
    are cut along too, and ``keep_apart`` (an old grid per footprint, -1 for
    none) stops a whole compound that the old grids divide from being joined.
    """
    def step(fraction: float) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(fraction)

    region = polygonal(region)
    footprints = np.asarray(footprints, dtype=object)
    weights = np.asarray(weights, dtype=float)
    compounds = _clipped(np.asarray(compounds, dtype=object), region, polygonal_only=True)
    streets = _clipped(np.asarray(streets, dtype=object), region, polygonal_only=False)
    points = shapely.point_on_surface(footprints) if len(footprints) else np.empty(0, dtype=object)
    inside = shapely.contains_xy(region, *shapely.get_coordinates(points).T) if len(points) else np.empty(0, bool)

    # Containers: compounds (the smallest holding a point wins where data overlap)
    # and the open parts of the street blocks.
    base_lines = [region.boundary, *shapely.boundary(compounds), *streets]
    blocks = _faces(base_lines[:1] + list(streets), region)
    step(0.1)
    building_compound = _which(points, compounds)
    compound_households = np.bincount(building_compound[building_compound >= 0],
                                      weights[building_compound >= 0], minlength=len(compounds))
    split = compound_households > whole_upto
    building_block = _which(points, blocks)
    lines = list(base_lines) + list(keep_lines)
    # Territories: the lines between buildings, where a boundary may pass. They
    # are drawn per street block over all of it but the compounds kept whole,
    # so a compound that is cut shares out its strip along the street too.
    in_split = split[np.maximum(building_compound, 0)] if len(split) else np.zeros(len(points), dtype=bool)
    cut_here = ((building_compound < 0) | in_split) & (building_block >= 0) & inside
    whole_union = shapely.union_all(compounds[~split]) if (~split).any() else shapely.Polygon()
    keys = np.unique(building_block[cut_here])
    for n, key in enumerate(keys.tolist()):
        members = np.flatnonzero(cut_here & (building_block == key))
        if len(members) >= 2:
            ground = polygonal(shapely.difference(blocks[key], whole_union))
            if not ground.is_empty:
                lines.extend(_separators(ground, footprints[members]))
        if n % 16 == 0:
            step(0.1 + 0.5 * n / len(keys))
    step(0.6)
    faces = _faces(lines, region)
    step(0.75)

    # Faces that must stay together: one building's, one whole compound's.
    joined = _UnionFind(len(faces))
    fi, bi = shapely.STRtree(footprints).query(faces, predicate="intersects") if len(footprints) else ([], [])
    if len(fi):
        under = shapely.area(shapely.intersection(faces[fi], footprints[bi], grid_size=PRECISION)) > OVERLAP
        fi, bi = fi[under], bi[under]
        first_face = {}
        for f, b in zip(fi.tolist(), bi.tolist()):
            if inside[b]:
                joined.union(first_face.setdefault(b, f), f)
    face_points = shapely.point_on_surface(faces)
    face_compound = _which(face_points, compounds)
    whole = (face_compound >= 0) & ~(split[np.maximum(face_compound, 0)] if len(split) else False)
    building_face = _which(points, faces) if len(footprints) else np.empty(0, dtype=np.int64)
    building_face[~inside] = -1
    old_group = None
    if keep_apart is not None and len(footprints):
        old_group = np.full(len(faces), -1)
        ok = building_face >= 0
        old_group[building_face[ok]] = keep_apart[ok]
    first_of: dict[tuple[int, int], int] = {}
    for f in np.flatnonzero(whole).tolist():
        group = (int(face_compound[f]), -1 if old_group is None else int(old_group[f]))
        joined.union(first_of.setdefault(group, f), f)
    pairs, pair_length, pair_cost = _touching(faces, streets, compounds)
    _attach_empty_ground(joined, pairs, pair_cost, building_face[building_face >= 0])
    _, face_atom = np.unique(joined.roots(), return_inverse=True)
    count = int(face_atom.max()) + 1 if len(face_atom) else 0
    step(0.85)

    face_area = shapely.area(faces)
    centroids = shapely.get_coordinates(shapely.centroid(faces))
    area = np.bincount(face_atom, face_area, minlength=count)
    perimeter = _outline_lengths(faces, face_atom, pairs, pair_length, count)
    xy = np.column_stack([np.bincount(face_atom, face_area * centroids[:, i], minlength=count) for i in (0, 1)])
    xy /= np.maximum(area, 1e-12)[:, None]
    building_atom = np.where(building_face >= 0, face_atom[np.maximum(building_face, 0)], -1)
    counted = building_atom >= 0
    weight = np.bincount(building_atom[counted], weights[counted], minlength=count)
    compound_of = np.full(count, -1)
    compound_of[face_atom[whole]] = face_compound[whole]
    edges, length, cost = _atom_edges(face_atom, pairs, pair_length, pair_cost)
    step(1.0)
    return Atoms(faces, face_atom, weight, area, perimeter, xy, compound_of, building_atom, edges, length, cost,
                 [int(c) for c in np.flatnonzero(split)])


def _separators(ground: BaseGeometry, footprints: np.ndarray) -> list:
    """The lines between the buildings' territories in ``ground``, reaching a
    little past its edge: a copy of the edge itself, a hair off the street
    or wall already in the network, would cut slivers along it."""
    cells = territories(shapely.buffer(ground, SPILL, join_style="mitre"), list(footprints))
    lines = shapely.intersection(shapely.boundary(np.array(cells, dtype=object)),
                                 shapely.buffer(ground, SPILL / 2, join_style="mitre"))
    return [g for g in lines if not g.is_empty]


def _clipped(geometries: np.ndarray, region: BaseGeometry, polygonal_only: bool) -> np.ndarray:
    if not len(geometries):
        return geometries
    near = shapely.intersects(geometries, region)
    clipped = shapely.intersection(geometries[near], region)
    if polygonal_only:
        clipped = np.array([polygonal(g) for g in clipped], dtype=object)
        return clipped[~shapely.is_empty(clipped) & (shapely.area(clipped) > 0)] if len(clipped) else clipped
    return clipped[~shapely.is_empty(clipped)]


def _faces(lines: list, region: BaseGeometry) -> np.ndarray:
    """The faces of the noded ``lines`` that lie in ``region``."""
    try:  # exact where GEOS manages: the region's own vertices stay as they are
        noded = shapely.union_all(np.array(lines, dtype=object))
    except shapely.errors.GEOSException:  # nearly coincident lines: snap-round them
        noded = shapely.union_all(np.array(lines, dtype=object), grid_size=PRECISION)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    if not len(faces):
        return np.array([region], dtype=object)
    points = shapely.point_on_surface(faces)
    keep = shapely.contains_xy(region, *shapely.get_coordinates(points).T)
    # A sliver along the region's edge can have its inner point on the edge:
    # decide those by the share of their area inside.
    edge = shapely.dwithin(points, region.boundary, 1e-6)
    if edge.any():
        share = shapely.area(shapely.intersection(faces[edge], region)) / np.maximum(shapely.area(faces[edge]), 1e-300)
        keep[edge] = share > 0.5
    return faces[keep & (shapely.area(faces) > 0)]


def _which(points: np.ndarray, polygons: np.ndarray) -> np.ndarray:
    """Per point, the index of the smallest polygon holding it, or -1."""
    out = np.full(len(points), -1, dtype=np.int64)
    if not len(points) or not len(polygons):
        return out
    pi, gi = shapely.STRtree(polygons).query(points, predicate="intersects")
    order = np.lexsort((-shapely.area(polygons[gi]), pi))  # per point, the largest first…
    out[pi[order]] = gi[order]  # …so the smallest is written last
    return out


def _touching(faces: np.ndarray, streets: np.ndarray,
              compounds: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Face pairs sharing a boundary, its length and its cost. Faces from one
    polygonised network share identical segments, so matching segments finds
    every shared edge exactly."""
    rings, ring_face = shapely.get_rings(faces, return_index=True)
    coords, ring = shapely.get_coordinates(rings, return_index=True)
    same = ring[1:] == ring[:-1]
    p, q = coords[:-1][same], coords[1:][same]
    face = ring_face[ring[:-1][same]]
    swap = (p[:, 0] > q[:, 0]) | ((p[:, 0] == q[:, 0]) & (p[:, 1] > q[:, 1]))
    a, b = np.where(swap[:, None], q, p), np.where(swap[:, None], p, q)
    order = np.lexsort((b[:, 1], b[:, 0], a[:, 1], a[:, 0]))
    a, b, face = a[order], b[order], face[order]
    twin = (a[1:] == a[:-1]).all(axis=1) & (b[1:] == b[:-1]).all(axis=1)
    i = np.flatnonzero(twin)
    atom_1, atom_2 = face[i], face[i + 1]
    seg_a, seg_b = a[i], b[i]
    seg_length = np.hypot(*(seg_b - seg_a).T)
    middle = shapely.points((seg_a + seg_b) / 2)
    factor = np.full(len(i), INNER_COST)
    walls = shapely.boundary(compounds) if len(compounds) else compounds
    for lines, cost in ((walls, WALL_COST), (streets, STREET_COST)):  # a street along a wall counts as street
        if len(lines) and len(middle):
            hit, _ = shapely.STRtree(lines).query(middle, predicate="dwithin", distance=ON_LINE)
            factor[hit] = cost
    pair = np.column_stack([np.minimum(atom_1, atom_2), np.maximum(atom_1, atom_2)])
    if not len(pair):
        return np.empty((0, 2), dtype=np.int64), np.empty(0), np.empty(0)
    edges, inverse = np.unique(pair, axis=0, return_inverse=True)
    length = np.bincount(inverse, seg_length, minlength=len(edges))
    cost = np.bincount(inverse, seg_length * factor, minlength=len(edges))
    return edges, length, cost


def _outline_lengths(faces, face_atom, pairs, pair_length, count: int) -> np.ndarray:
    """Per atom, the length of its outline: its faces' outlines less the
    edges between two of its own faces (counted once from each side)."""
    outline = np.bincount(face_atom, shapely.length(faces), minlength=count)
    if len(pairs):
        own = face_atom[pairs[:, 0]] == face_atom[pairs[:, 1]]
        outline -= 2 * np.bincount(face_atom[pairs[own, 0]], pair_length[own], minlength=count)
    return outline


def _atom_edges(face_atom, pairs, length, cost):
    """Face pairs summed to atom pairs; edges inside an atom dropped."""
    a, b = face_atom[pairs[:, 0]], face_atom[pairs[:, 1]]
    between = a != b
    pair = np.column_stack([np.minimum(a, b), np.maximum(a, b)])[between]
    if not len(pair):
        return np.empty((0, 2), dtype=np.int64), np.empty(0), np.empty(0)
    edges, inverse = np.unique(pair, axis=0, return_inverse=True)
    total = np.bincount(inverse, length[between], minlength=len(edges))
    costs = np.bincount(inverse, cost[between], minlength=len(edges))
    keep = total > PRECISION * 10
    return edges[keep], total[keep], costs[keep]


def _attach_empty_ground(joined: _UnionFind, pairs: np.ndarray, cost: np.ndarray, built_faces: np.ndarray) -> None:
    """Ground with no building on it (the strip between a compound wall and
    the street, an empty lot) joins the neighbour that holds a building across
    its costliest boundary, so that what is left to cut runs along streets."""
    if not len(pairs):
        return
    for _ in range(64):
        roots = joined.roots()
        built = np.zeros(len(roots), dtype=bool)
        built[roots[built_faces]] = True
        a, b = roots[pairs[:, 0]], roots[pairs[:, 1]]
        # both directions: an empty group looking at a built one
        src = np.concatenate([a, b])
        dst = np.concatenate([b, a])
        c = np.concatenate([cost, cost])
        take = ~built[src] & built[dst] & (src != dst)
        if not take.any():
            return
        src, dst, c = src[take], dst[take], c[take]
        key = src * len(roots) + dst
        uniq, inverse = np.unique(key, return_inverse=True)
        total = np.bincount(inverse, c)
        g_src, g_dst = uniq // len(roots), uniq % len(roots)
        order = np.lexsort((-total, g_src))
        first = np.ones(len(order), dtype=bool)
        first[1:] = g_src[order][1:] != g_src[order][:-1]
        for s_, d_ in zip(g_src[order][first].tolist(), g_dst[order][first].tolist()):
            joined.union(s_, d_)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def roots(self) -> np.ndarray:
        return np.array([self.find(x) for x in range(len(self.parent))], dtype=np.int64)
