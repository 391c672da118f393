"""The topology rules of 全覆盖、无缝隙、不重叠 and the size rules, checked with
vectorised shapely over a whole project.

Every zone's children cover it with no gap and no overlap wider than the
tolerance and stay inside it; every building lies in exactly one leaf zone (a
grid, or a micro-grid where grids are divided) and is linked to it; leaves are
not empty, leaves and grids are one piece unless allowed, and the zones of a
level whose role has a band (the grids: 300–500) hold a number of households
within it, counted over their micro-grids (dedicated grids excepted).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import numpy as np
import shapely

from gridmap.levels import Depths
from gridmap.model.entities import DEDICATED_GRID, LEVEL_ROLES, Building, Zone
from gridmap.rules.problems import RULES, Problem
from gridmap.rules.settings import RuleSettings
from gridmap.spatial.messages import validity_reason
from gridmap.zone_tree import ZoneTree

# A piece of a building in a second grid counts from this share of its area and
# this many square metres (smaller pieces are drawing noise along a boundary).
CUT_SHARE = 0.01
CUT_AREA = 1.0


def check(zones: Mapping[int, Zone], buildings: Mapping[int, Building], households: Mapping[int, int],
          settings: RuleSettings | None = None, depths: Depths | None = None) -> list[Problem]:
    """Every problem in the project, in the order of ``RULES``.

    ``households`` maps building id → number of households in it; ``depths`` says
    which level is the grids' (``gridmap.levels``; the default tree's if None).
    """
    settings = settings or RuleSettings()
    depths = depths or Depths()
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
    found += _families(tree, z_ids, z_geoms, settings.tolerance)
    leaf_mask = np.array([tree.is_leaf(int(z)) for z in z_ids], dtype=bool)
    links = np.fromiter((-1 if b.zone_id is None else b.zone_id for b in buildings.values()), np.int64, len(b_ids))
    located = _buildings_in_leaves(found, z_ids[leaf_mask], z_geoms[leaf_mask], b_ids, b_geoms, links)
    found += _leaves(zones, z_ids[leaf_mask], z_geoms[leaf_mask], located, settings)
    grid_mask = ~leaf_mask & np.array([zones[int(z)].level == depths.grid for z in z_ids], dtype=bool)
    found += _multipart(zones, z_ids[grid_mask], z_geoms[grid_mask], settings)  # grids divided into micro-grids
    found += _bands(zones, tree, b_ids, links, households, settings, depths)
    order = {key: n for n, key in enumerate(RULES)}
    codes = {z: zones[z].code for z in zones}
    return sorted(found, key=lambda p: (order[p.rule], [codes.get(z, "") for z in p.zones], p.buildings))


def _checked_valid(found: list[Problem], geoms: np.ndarray, ids: np.ndarray, table: str) -> np.ndarray:
    """Report invalid shapes and go on with repaired copies, so one bad shape
    does not hide every other problem."""
    if not len(geoms):
        return geoms
    valid = shapely.is_valid(geoms)  # a missing shape is not valid either
    for i in np.flatnonzero(~valid):
        reason = validity_reason(geoms[i]) if geoms[i] is not None else "no shape"
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


def _families(tree: ZoneTree, ids: np.ndarray, geoms: np.ndarray, tolerance: float) -> list[Problem]:
    """Overlaps among siblings, gaps they leave in their parent, and children
    reaching outside it, one family at a time.

    A clean family is proved clean cheaply: the children's coverage union
    (which GEOS refuses for overlapping or badly noded children) has the area of
    the children together and the shape of the parent. Only a family that fails
    that is taken apart pair by pair.
    """
    position = {int(z): n for n, z in enumerate(ids)}
    out: list[Problem] = []
    families = [(None, tree.roots)] + [(p, kids) for p, kids in tree.children.items()]
    for parent, kids in families:
        if not kids:  # a loop of parents cut open leaves an empty family
            continue
        kid_ids = np.array(kids, dtype=np.int64)
        kid_geoms = geoms[[position[k] for k in kids]]
        union = _coverage_union(kid_geoms)
        if union is None:
            overlaps = _overlaps(kid_ids, kid_geoms, tolerance)
            out += overlaps
            union = _union_around(kid_ids, kid_geoms, {z for p in overlaps for z in p.zones})
        if parent is None:
            continue
        parent_geom = geoms[position[parent]]
        if _same_shape(parent_geom, union):
            continue
        out += _outside(kid_ids, kid_geoms, parent, parent_geom, tolerance)
        out += _gaps(kid_ids, kid_geoms, parent, shapely.difference(parent_geom, union), tolerance)
    return out


def _same_shape(a, b) -> bool:
    """Whether two polygons cover exactly the same ground: the same vertices
    (cheap), else no area between them."""
    if shapely.equals_exact(_single(a), _single(b), tolerance=0.0):
        return True
    try:
        return shapely.area(shapely.symmetric_difference(a, b)) == 0
    except shapely.errors.GEOSException:
        return False


def _union_around(ids: np.ndarray, geoms: np.ndarray, overlapping: set[int]):
    """The union of a family whose coverage union failed: the coverage union of
    the children in no overlap, then the few others added the slow way (a full
    union of 100 grids costs 12 ms, this about 3)."""
    clean = ~np.isin(ids, list(overlapping))
    if overlapping and clean.any():
        base = _coverage_union(geoms[clean])
        if base is not None:
            return shapely.union_all(np.concatenate([[base], geoms[~clean]]))
    return shapely.union_all(geoms)


def _single(geometry):
    """Normalised, a one-part MultiPolygon as its Polygon (unions return either)."""
    geometry = shapely.normalize(geometry)
    return geometry.geoms[0] if shapely.get_num_geometries(geometry) == 1 and geometry.geom_type.startswith("Multi") \
        else geometry


def _coverage_union(geoms: np.ndarray):
    """The union of ``geoms`` if they form a clean coverage (no overlaps, shared
    edges noded alike), else None."""
    try:
        union = shapely.coverage_union_all(geoms)
    except shapely.errors.GEOSException:
        return None
    total = float(shapely.area(geoms).sum())
    clean = shapely.is_valid(union) and abs(total - shapely.area(union)) <= 1e-9 * max(total, 1.0)
    return union if clean else None  # GEOS does not always refuse overlapping children: check what it made


def _overlaps(ids: np.ndarray, geoms: np.ndarray, tolerance: float) -> list[Problem]:
    index = shapely.STRtree(geoms)
    a, b = index.query(geoms, predicate="intersects")
    keep = a < b
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
                           float(shapely.area(shared[i])), shape=shared[i]))
    return out


def _outside(ids: np.ndarray, geoms: np.ndarray, parent: int, parent_geom, tolerance: float) -> list[Problem]:
    shapely.prepare(parent_geom)
    try:
        loose = np.flatnonzero(~shapely.covers(parent_geom, geoms))  # only these can reach outside
    finally:
        shapely.destroy_prepared(parent_geom)
    beyond = shapely.difference(geoms[loose], parent_geom)
    reach = np.flatnonzero(shapely.area(beyond) > 0)
    return [Problem("outside_parent", (int(ids[loose[i]]), parent), (), _bounds(beyond[i]),
                    float(shapely.area(beyond[i])), shape=beyond[i]) for i in reach[_wide(beyond[reach], tolerance)]]


def _gaps(ids: np.ndarray, geoms: np.ndarray, parent: int, uncovered, tolerance: float) -> list[Problem]:
    if shapely.is_empty(uncovered):
        return []
    pieces = shapely.get_parts(uncovered)
    pieces = pieces[shapely.area(pieces) > 0]
    index = shapely.STRtree(geoms)
    out = []
    for piece in pieces[_wide(pieces, tolerance)]:
        near = index.query(piece, predicate="intersects")  # children along the gap's edge
        edge = shapely.length(shapely.intersection(geoms[near], shapely.boundary(piece)))
        neighbours = tuple(int(ids[n]) for n in near[np.argsort(-edge, kind="stable")])
        out.append(Problem("gap", (parent,) + neighbours, (), _bounds(piece), float(shapely.area(piece)), shape=piece))
    return out


def _buildings_in_leaves(found: list[Problem], leaf_ids: np.ndarray, leaf_geoms: np.ndarray,
                         b_ids: np.ndarray, b_geoms: np.ndarray, links: np.ndarray) -> np.ndarray:
    """The leaf each building lies in (-1 for none or several); reports buildings
    cut by a boundary, outside every leaf, or linked to another grid than theirs."""
    located = np.full(len(b_ids), -1, dtype=np.int64)
    if not len(b_ids) or not len(leaf_ids):
        for i in range(len(b_ids)):
            found.append(Problem("building_outside", (), (int(b_ids[i]),), _bounds(b_geoms[i])))
        return located
    # Most buildings lie in the grid they are linked to: one prepared test each.
    order = np.argsort(leaf_ids)
    at = np.minimum(np.searchsorted(leaf_ids[order], links), len(leaf_ids) - 1)
    linked = np.where(leaf_ids[order][at] == links, order[at], -1)  # position of the linked leaf, or -1
    has = np.flatnonzero(linked >= 0)
    shapely.prepare(leaf_geoms)
    try:
        holds = shapely.contains(leaf_geoms[linked[has]], b_geoms[has])
    finally:
        shapely.destroy_prepared(leaf_geoms)
    located[has[holds]] = leaf_ids[linked[has[holds]]]
    # the rest: the grids that hold them whole, else the piece in each grid they meet
    rest = np.flatnonzero(located < 0)
    index = shapely.STRtree(leaf_geoms)
    if len(rest):
        within_b, within_l = index.query(b_geoms[rest], predicate="within")
        one = np.bincount(within_b, minlength=len(rest)) == 1
        located[rest[within_b[one[within_b]]]] = leaf_ids[within_l[one[within_b]]]
        rest = rest[~one]
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
    for i in np.flatnonzero((located >= 0) & (located != links)):
        found.append(Problem("building_link", (int(located[i]),) + ((int(links[i]),) if links[i] >= 0 else ()),
                             (int(b_ids[i]),), _bounds(b_geoms[i])))
    return located


def _leaves(zones: Mapping[int, Zone], leaf_ids: np.ndarray, leaf_geoms: np.ndarray, located: np.ndarray,
            settings: RuleSettings) -> list[Problem]:
    """Leaves that hold no building (dedicated grids excepted) or lie in several pieces."""
    out = []
    holds = Counter(located[located >= 0].tolist())
    for zone_id, geometry in zip(leaf_ids.tolist(), leaf_geoms, strict=True):
        if not holds[zone_id] and zones[zone_id].kind != DEDICATED_GRID:
            out.append(Problem("empty_grid", (zone_id,), (), _bounds(geometry)))
    return out + _multipart(zones, leaf_ids, leaf_geoms, settings)


def _multipart(zones: Mapping[int, Zone], ids: np.ndarray, geoms: np.ndarray, settings: RuleSettings) -> list[Problem]:
    out = []
    for zone_id, geometry, count in zip(ids.tolist(), geoms, shapely.get_num_geometries(geoms).tolist(), strict=True):
        if count > 1 and not zones[zone_id].parts_allowed:
            real = int(_wide(shapely.get_parts(geometry), settings.tolerance).sum())
            if real > 1:
                out.append(Problem("multipart", (zone_id,), (), _bounds(geometry), float(real)))
    return out


def _bands(zones: Mapping[int, Zone], tree: ZoneTree, b_ids: np.ndarray, links: np.ndarray,
           households: Mapping[int, int], settings: RuleSettings, depths: Depths) -> list[Problem]:
    """Zones of a level whose role has a band (the grids) holding too few or too many
    households: those of the buildings linked to them or to the micro-grids under them
    (what the tree and the charts count)."""
    banded = {depths.of(role): band for role, band in settings.bands.items() if role in LEVEL_ROLES}
    counts = np.fromiter((households.get(int(b), 0) for b in b_ids), np.int64, len(b_ids))
    # a project with no household recorded yet (buildings from GIS data) cannot be
    # out of the band: its grids were sized on estimates
    if not banded or not counts.any():
        return []
    targets, at = np.unique(links, return_inverse=True)
    sums = np.bincount(at, weights=counts).astype(np.int64)
    linked = Counter(dict(zip(targets.tolist(), sums.tolist(), strict=True)))
    out = []
    for zone in zones.values():
        band = banded.get(zone.level)
        if band is None or zone.kind == DEDICATED_GRID:
            continue
        total = sum(linked[z] for z in tree.walk(zone.id))
        if not band[0] <= total <= band[1]:
            out.append(Problem("households_band", (zone.id,), (), _bounds(zone.geometry), float(total),
                               f"band {band[0]}–{band[1]}"))
    return out
