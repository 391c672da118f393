"""The topology rules of 全覆盖、无缝隙、不重叠 and the size rules, checked with
vectorised shapely over a whole project.

Every zone's children cover it with no gap and no overlap wider than the
tolerance and stay inside it; every building lies in exactly one leaf grid and
is linked to it; grids are not empty, are one piece unless allowed, and hold a
number of households within their level's band (dedicated grids excepted).
"""

from __future__ import annotations

from collections import Counter
from typing import Mapping

import numpy as np
import shapely

from gridmap.model.entities import DEDICATED_GRID, Building, Zone
from gridmap.rules.problems import RULES, Problem
from gridmap.rules.settings import RuleSettings
from gridmap.zone_tree import ZoneTree

# A piece of a building in a second grid counts from this share of its area and
# this many square metres (smaller pieces are drawing noise along a boundary).
CUT_SHARE = 0.01
CUT_AREA = 1.0


def check(zones: Mapping[int, Zone], buildings: Mapping[int, Building], households: Mapping[int, int],
          settings: RuleSettings | None = None) -> list[Problem]:
    """Every problem in the project, in the order of ``RULES``.

    ``households`` maps building id → number of households in it.
    """
    settings = settings or RuleSettings()
    found: list[Problem] = []
    if not zones:
        return found
    tree = ZoneTree(zones)
    z_ids = np.array(list(zones), dtype=np.int64)
    z_geoms = np.array([zones[z].geometry for z in z_ids], dtype=object)
    b_ids = np.array(list(buildings), dtype=np.int64)
    b_geoms = np.array([buildings[b].geometry for b in b_ids], dtype=object)

    z_geoms = _checked_valid(found, z_geoms, z_ids, "zones")
    b_geoms = _checked_valid(found, b_geoms, b_ids, "buildings")
    parent_of = {z: p for p, kids in tree.children.items() for z in kids}
    parents = np.array([parent_of.get(int(z), -1) for z in z_ids], dtype=np.int64)
    found += _overlaps(z_ids, z_geoms, parents, settings.tolerance)
    found += _gaps_and_outside(tree, z_ids, z_geoms, parents, settings.tolerance)
    leaf_mask = np.array([tree.is_leaf(int(z)) for z in z_ids], dtype=bool)
    located = _buildings_in_leaves(found, z_ids[leaf_mask], z_geoms[leaf_mask], b_ids, b_geoms, buildings)
    found += _grids(zones, z_ids[leaf_mask], z_geoms[leaf_mask], located, buildings, households, settings)
    order = {key: n for n, key in enumerate(RULES)}
    codes = {z: zones[z].code for z in zones}
    return sorted(found, key=lambda p: (order[p.rule], [codes.get(z, "") for z in p.zones], p.buildings))


def _checked_valid(found: list[Problem], geoms: np.ndarray, ids: np.ndarray, table: str) -> np.ndarray:
    """Report invalid shapes and go on with repaired copies, so one bad shape
    does not hide every other problem."""
    if not len(geoms):
        return geoms
    valid = shapely.is_valid(geoms) | shapely.is_missing(geoms)
    for i in np.flatnonzero(~valid):
        reason = shapely.is_valid_reason(geoms[i])
        zones, buildings = ((int(ids[i]),), ()) if table == "zones" else ((), (int(ids[i]),))
        found.append(Problem("invalid_geometry", zones, buildings, _bounds(geoms[i]), None, reason))
    if valid.all():
        return geoms
    repaired = geoms.copy()
    repaired[~valid] = shapely.make_valid(geoms[~valid])
    return repaired


def _bounds(geometry) -> tuple[float, float, float, float] | None:
    if geometry is None or shapely.is_empty(geometry):
        return None
    return tuple(float(v) for v in shapely.bounds(geometry))


def _wide(pieces: np.ndarray, tolerance: float) -> np.ndarray:
    """Which pieces are wider than ``tolerance`` somewhere (not slivers)."""
    if not len(pieces):
        return np.zeros(0, dtype=bool)
    return ~shapely.is_empty(shapely.buffer(pieces, -tolerance / 2, quad_segs=2))


def _overlaps(ids: np.ndarray, geoms: np.ndarray, parents: np.ndarray, tolerance: float) -> list[Problem]:
    index = shapely.STRtree(geoms)
    a, b = index.query(geoms, predicate="intersects")
    keep = (a < b) & (parents[a] == parents[b])
    a, b = a[keep], b[keep]
    inner = shapely.relate_pattern(geoms[a], geoms[b], "2********")  # the insides meet, not just edges
    a, b = a[inner], b[inner]
    if not len(a):
        return []
    shared = shapely.intersection(geoms[a], geoms[b])
    wide = _wide(shared, tolerance)
    area_a, area_b = shapely.area(geoms[a]), shapely.area(geoms[b])
    out = []
    for i in np.flatnonzero(wide):
        smaller, larger = (a[i], b[i]) if area_a[i] <= area_b[i] else (b[i], a[i])  # the fix trims the smaller
        out.append(Problem("overlap", (int(ids[smaller]), int(ids[larger])), (), _bounds(shared[i]),
                           float(shapely.area(shared[i]))))
    return out


def _gaps_and_outside(tree: ZoneTree, ids: np.ndarray, geoms: np.ndarray, parents: np.ndarray,
                      tolerance: float) -> list[Problem]:
    position = {int(z): n for n, z in enumerate(ids)}
    out = []
    # outside the parent: one vectorised difference for every child
    children = np.flatnonzero(parents >= 0)
    if len(children):
        parent_geoms = geoms[[position[int(p)] for p in parents[children]]]
        beyond = shapely.difference(geoms[children], parent_geoms)
        candidates = np.flatnonzero(shapely.area(beyond) > 0)
        for i in candidates[_wide(beyond[candidates], tolerance)]:
            child = children[i]
            out.append(Problem("outside_parent", (int(ids[child]), int(parents[child])), (), _bounds(beyond[i]),
                               float(shapely.area(beyond[i]))))
    # gaps: what of each parent its children leave uncovered
    for parent, kids in tree.children.items():
        kid_geoms = geoms[[position[k] for k in kids]]
        uncovered = shapely.difference(geoms[position[parent]], shapely.union_all(kid_geoms))
        if shapely.is_empty(uncovered) or shapely.area(uncovered) == 0:
            continue
        pieces = shapely.get_parts(uncovered)
        pieces = pieces[shapely.area(pieces) > 0]
        kid_tree = shapely.STRtree(kid_geoms)
        for piece in pieces[_wide(pieces, tolerance)]:
            near = kid_tree.query(piece, predicate="intersects")  # children along the gap's edge
            edge = shapely.length(shapely.intersection(kid_geoms[near], shapely.boundary(piece)))
            neighbours = tuple(int(kids[n]) for n in near[np.argsort(-edge, kind="stable")])
            out.append(Problem("gap", (parent,) + neighbours, (), _bounds(piece), float(shapely.area(piece))))
    return out


def _buildings_in_leaves(found: list[Problem], leaf_ids: np.ndarray, leaf_geoms: np.ndarray,
                         b_ids: np.ndarray, b_geoms: np.ndarray, buildings: Mapping[int, Building]) -> np.ndarray:
    """The leaf each building lies in (-1 for none or several); reports buildings
    cut by a boundary, outside every leaf, or linked to another grid than theirs."""
    located = np.full(len(b_ids), -1, dtype=np.int64)
    if not len(b_ids) or not len(leaf_ids):
        for i in range(len(b_ids)):
            found.append(Problem("building_outside", (), (int(b_ids[i]),), _bounds(b_geoms[i])))
        return located
    index = shapely.STRtree(leaf_geoms)
    within_b, within_l = index.query(b_geoms, predicate="within")
    inside = np.bincount(within_b, minlength=len(b_ids))
    one = inside == 1
    located[within_b[one[within_b]]] = leaf_ids[within_l[one[within_b]]]
    # the rest: measure the piece of the building in each grid it meets
    rest = np.flatnonzero(~one)
    if len(rest):
        hit_b, hit_l = index.query(b_geoms[rest], predicate="intersects")
        pieces = shapely.area(shapely.intersection(b_geoms[rest][hit_b], leaf_geoms[hit_l]))
        areas = shapely.area(b_geoms[rest])
        for k, i in enumerate(rest):
            mine = hit_b == k
            share = pieces[mine]
            leaves = leaf_ids[hit_l[mine]]
            big = (share > CUT_AREA) & (share > CUT_SHARE * areas[k])
            order = np.argsort(-share, kind="stable")
            if big.sum() >= 2:
                found.append(Problem("building_cut", tuple(int(z) for z in leaves[order][big[order]]),
                                     (int(b_ids[i]),), _bounds(b_geoms[i])))
            elif big.sum() == 1 and share[big].sum() >= areas[k] - max(CUT_AREA, CUT_SHARE * areas[k]):
                located[i] = leaves[big][0]  # inside, give or take noise along the boundary
            else:
                nearest = (int(leaves[order][0]),) if len(leaves) else ()
                found.append(Problem("building_outside", nearest, (int(b_ids[i]),), _bounds(b_geoms[i])))
    for i in np.flatnonzero(located >= 0):
        linked = buildings[int(b_ids[i])].zone_id
        if linked != located[i]:
            found.append(Problem("building_link", (int(located[i]),) + ((int(linked),) if linked else ()),
                                 (int(b_ids[i]),), _bounds(b_geoms[i])))
    return located


def _grids(zones: Mapping[int, Zone], leaf_ids: np.ndarray, leaf_geoms: np.ndarray, located: np.ndarray,
           buildings: Mapping[int, Building], households: Mapping[int, int], settings: RuleSettings) -> list[Problem]:
    out = []
    holds = Counter(located[located >= 0].tolist())
    per_grid = Counter()
    for building in buildings.values():
        per_grid[building.zone_id] += households.get(building.id, 0)
    parts = shapely.get_num_geometries(leaf_geoms)
    for zone_id, geometry, count in zip(leaf_ids.tolist(), leaf_geoms, parts.tolist()):
        zone = zones[zone_id]
        dedicated = zone.kind == DEDICATED_GRID
        if not holds[zone_id] and not dedicated:
            out.append(Problem("empty_grid", (zone_id,), (), _bounds(geometry)))
        if count > 1 and not zone.parts_allowed:
            pieces = shapely.get_parts(geometry)
            real = int(_wide(pieces, settings.tolerance).sum())
            if real > 1:
                out.append(Problem("multipart", (zone_id,), (), _bounds(geometry), float(real)))
        band = settings.bands.get(zone.level)
        if band and not dedicated and not (band[0] <= per_grid[zone_id] <= band[1]):
            out.append(Problem("households_band", (zone_id,), (), _bounds(geometry), float(per_grid[zone_id]),
                               f"band {band[0]}–{band[1]}"))
    return out
