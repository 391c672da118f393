"""Boundary edits: split, merge, reparent, delete and draw zones, move, add and
delete shared vertices, and paint buildings into another grid.

Each builds new zone shapes and hands them to ``ZoneEdit``, which relinks the
buildings and refuses the edit if it would break a rule (see
gridmap/topology/edit.py). Undo is the inverse change set, so it is exact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from gridmap.commands.office import add_top_zone
from gridmap.commands.stack import Command
from gridmap.levels import project_depths
from gridmap.model.changes import RowChange
from gridmap.spatial.shapes import polygonal
from gridmap.topology.edit import PRECISION, ZoneEdit, zone_shape
from gridmap.topology.messages import refusal, shape_named
from gridmap.topology.territories import territories
from gridmap.zone_names.rules import checked_name, checked_new_name
import itertools

if TYPE_CHECKING:
    from gridmap.project import Project

SAME_POINT = 1e-6  # metres: vertices this close are one shared vertex
LEAST_DRAWN_AREA = 1.0  # m²: a drawn outline smaller than this is a slip of the mouse, not a zone


def _zone(edit: ZoneEdit, zone_id: int):
    zone = edit.zones.get(zone_id)
    if zone is None:
        raise refusal("no_zone", zone=zone_id)
    return zone


def _leaf(edit: ZoneEdit, zone_id: int):
    zone = _zone(edit, zone_id)
    if edit.tree.children.get(zone_id):
        raise refusal("holds_zones", zone=zone.name)
    return zone


class SplitZone(Command):
    """Cut a grid in two along a line drawn across it; the larger part keeps the
    grid's name, code and staff, the other becomes a new grid. Where the cut
    ends on a boundary shared with other zones, they get the end as a vertex too."""

    def __init__(self, zone_id: int, line: LineString) -> None:
        super().__init__()
        self.zone_id, self.line = zone_id, line
        self.label = "Split zone"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        edit = ZoneEdit(project)
        zone = _leaf(edit, self.zone_id)
        pieces = shapely.get_parts(shapely.make_valid(_split(zone.geometry, self.line)))
        pieces = [p for p in pieces if p.geom_type == "Polygon" and p.area > 0]
        if len(pieces) != 2:
            raise refusal("split_line", zone=zone.name, count=len(pieces))
        if zone.parent_id not in edit.zones:
            raise refusal("split_top", zone=zone.name)
        big, small = sorted(pieces, key=lambda p: -p.area)
        _share_cut_ends(edit, zone.id, _cut_ends(zone.geometry, pieces))
        edit.put(zone._replace(geometry=zone_shape(big)))
        edit.new_zone(edit.zones[zone.parent_id], zone_shape(small))
        return edit.changes()


def _split(geometry: BaseGeometry, line: LineString) -> BaseGeometry:
    from shapely.ops import split

    parts = []
    for polygon in shapely.get_parts(geometry):
        parts.extend(shapely.get_parts(split(polygon, line)) if polygon.intersects(line) else [polygon])
    return shapely.GeometryCollection(parts)


def _cut_ends(before: BaseGeometry, pieces: Sequence[BaseGeometry]) -> np.ndarray:
    """The vertices a split made: in a piece, not in the zone before (where the
    cut meets its boundary, and the bends of the line inside it)."""
    seen, ends = list(shapely.get_coordinates(before)), []
    for xy in np.vstack([shapely.get_coordinates(p) for p in pieces]):
        if np.hypot(*(np.array(seen) - xy).T).min() > SAME_POINT:  # each once, though both pieces have it
            seen.append(xy)
            ends.append(xy)
    return np.array(ends).reshape(-1, 2)


def _share_cut_ends(edit: ZoneEdit, split_id: int, ends: np.ndarray) -> None:
    """Put the cut's ends into every other zone whose boundary they lie on (the
    neighbours, the parent, its parents): a shared boundary keeps sharing its
    vertices, so a vertex moved later moves in all of them (MoveVertex)."""
    if not len(ends):
        return
    near = shapely.MultiPoint(ends).buffer(SAME_POINT * 10)
    for zone in list(edit.zones.values()):
        if zone.id != split_id and zone.geometry is not None and zone.geometry.boundary.intersects(near):
            shape = _map_rings(zone.geometry, lambda ring: _with_points_on_edges(ring, ends))
            if not shape.equals_exact(zone.geometry, 0.0):
                edit.put(zone._replace(geometry=_checked_shape(zone, shape)))


def _with_points_on_edges(ring: np.ndarray, points: np.ndarray) -> np.ndarray:
    """``ring`` with each of ``points`` that lies inside one of its edges put
    there as a vertex, in order along the edge."""
    out = [ring[:1]]
    for p, q in itertools.pairwise(ring):
        edge = q - p
        length = float(np.hypot(*edge))
        if length > 0:
            along = (points - p) @ edge / length  # metres from p
            off = np.abs(edge[0] * (points[:, 1] - p[1]) - edge[1] * (points[:, 0] - p[0])) / length  # from its line
            inside = (off <= SAME_POINT * 10) & (along > SAME_POINT) & (along < length - SAME_POINT)
            out.append(points[inside][np.argsort(along[inside])])
        out.append(q[None])
    return np.vstack(out)


class MergeZones(Command):
    """Merge sibling zones into the first (by code); what the others held (child
    zones, staff posts) goes with their area."""

    def __init__(self, zone_ids: Sequence[int]) -> None:
        super().__init__()
        self.zone_ids = tuple(zone_ids)
        self.label = "Merge zones"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        edit = ZoneEdit(project)
        zones = sorted((_zone(edit, z) for z in set(self.zone_ids)), key=lambda z: z.code)
        if len(zones) < 2:
            raise refusal("merge_two")
        if len({z.parent_id for z in zones}) != 1:
            raise refusal("merge_siblings")
        keep, others = zones[0], zones[1:]
        merged = shapely.union_all(np.array([z.geometry for z in zones], dtype=object))
        edit.put(keep._replace(geometry=zone_shape(merged)))
        for other in others:
            _hand_over(edit, project, other.id, keep.id)
        return edit.changes()


def _hand_over(edit: ZoneEdit, project: Project, gone: int, heir: int) -> None:
    """Remove zone ``gone``; its child zones, staff posts and staff homes go to ``heir``."""
    for child in [z for z in edit.zones.values() if z.parent_id == gone]:
        edit.put(child._replace(parent_id=heir))
    edit.remove(gone)
    handed = {c.key: c.after for c in edit.extra if c.table == "assignments"}  # from earlier zones of one merge
    posts = {(a.staff_id, a.role) for a in list(project.tables["assignments"].values()) + list(handed.values())
             if a is not None and a.target_kind == "zone" and a.target_id == heir}
    for post in project.tables["assignments"].values():
        if post.target_kind == "zone" and post.target_id == gone:
            if (post.staff_id, post.role) in posts:
                edit.extra.append(RowChange("assignments", post, None))  # already holds that post there
            else:
                edit.extra.append(RowChange("assignments", post, post._replace(target_id=heir)))
                posts.add((post.staff_id, post.role))
    for person in project.tables["staff"].values():
        if person.community_id == gone:
            edit.extra.append(RowChange("staff", person, person._replace(community_id=heir)))


class DeleteZone(Command):
    """Delete a zone; its area, buildings, child zones and staff posts go to
    the sibling the planner picks."""

    def __init__(self, zone_id: int, heir_id: int) -> None:
        super().__init__()
        self.zone_id, self.heir_id = zone_id, heir_id
        self.label = "Delete zone"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        edit = ZoneEdit(project)
        zone, heir = _zone(edit, self.zone_id), _zone(edit, self.heir_id)
        if zone.parent_id != heir.parent_id or zone.id == heir.id:
            raise refusal("not_sibling", heir=heir.name, zone=zone.name)
        edit.put(heir._replace(geometry=zone_shape(heir.geometry.union(zone.geometry))))
        _hand_over(edit, project, zone.id, heir.id)
        return edit.changes()


class ReparentZone(Command):
    """Move a zone to another parent of the same level; the parents' outlines
    follow (the old one gives the area up, the new one takes it)."""

    def __init__(self, zone_id: int, parent_id: int) -> None:
        super().__init__()
        self.zone_id, self.parent_id = zone_id, parent_id
        self.label = "Move zone to another parent"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        edit = ZoneEdit(project)
        zone, new = _zone(edit, self.zone_id), _zone(edit, self.parent_id)
        old = _zone(edit, zone.parent_id) if zone.parent_id in edit.zones else None
        if old is None or old.id == new.id:
            return ()
        if new.level != old.level:
            raise refusal("not_level", zone=new.name, old=old.name)
        edit.put(old._replace(geometry=zone_shape(old.geometry.difference(zone.geometry),
                                                  shape_named("without_zone", zone=old.name, other=zone.name))))
        edit.put(new._replace(geometry=zone_shape(new.geometry.union(zone.geometry))))
        edit.put(zone._replace(parent_id=new.id))
        return edit.changes()


class DrawZone(Command):
    """A new zone drawn inside a parent: clipped to the parent and cut out of
    the siblings it covers, so the partition stays whole; for the same reason
    the first zone drawn in a parent leaves the rest of it to a second new
    zone. With no parent (``parent_id`` None) it is a top zone at ``level``
    (None: the street office's level), on the ground no other top zone holds
    (``add_top_zone``): drawn, or a street office taken from the data's outline."""

    def __init__(self, parent_id: int | None, polygon: BaseGeometry, name: str | None = None,
                 level: int | None = None) -> None:
        super().__init__()
        self.parent_id, self.polygon, self.name, self.level = parent_id, polygon, name, level
        self.label = "Draw zone"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        office = project_depths(project).office
        level = office if self.level is None else self.level
        self.label = "Make street office" if self.parent_id is None and level == office else "Draw zone"
        edit = ZoneEdit(project)
        if not shapely.convex_hull(self.polygon).area >= LEAST_DRAWN_AREA:  # corners on one line, or on one spot
            raise refusal("no_area")
        if not self.polygon.is_valid:
            raise refusal("crosses")
        if not self.polygon.area >= LEAST_DRAWN_AREA:
            raise refusal("no_area")
        if self.parent_id is None:
            add_top_zone(edit, self.polygon, self.name, level)
            return edit.changes()
        parent = _zone(edit, self.parent_id)
        name = checked_new_name(project, parent.id, self.name) if self.name is not None else None
        shape = zone_shape(self.polygon.intersection(parent.geometry), shape_named("drawn_inside", zone=parent.name))
        siblings = [z for z in edit.zones.values() if z.parent_id == parent.id and z.geometry is not None]
        for sibling in siblings:
            if sibling.geometry.intersects(shape) and sibling.geometry.intersection(shape).area > 0:
                rest = sibling.geometry.difference(shape)
                if rest.is_empty or rest.area < 1e-6:
                    raise refusal("covers_sibling", zone=sibling.name)
                edit.put(sibling._replace(geometry=zone_shape(rest, shape_named("without_new", zone=sibling.name))))
        edit.new_zone(parent, shape, name)
        rest = parent.geometry.difference(shape)
        if not siblings and rest.area > 1e-6:
            edit.new_zone(parent, zone_shape(rest, shape_named("rest_of", zone=parent.name)))
        return edit.changes()


# -- shared vertices ---------------------------------------------------------------

def _moved(geometry: BaseGeometry, mapping) -> BaseGeometry:
    return shapely.transform(geometry, mapping)


class MoveVertex(Command):
    """Move a vertex and every vertex at the same place: a boundary shared by
    two grids (or a grid and its community) moves in all of them."""

    def __init__(self, at: tuple[float, float], to: tuple[float, float], drag: Any = None) -> None:
        super().__init__()
        self.at, self.to, self.drag = tuple(at), tuple(to), drag
        self.label = "Move vertex"

    def merge_key(self) -> Any:
        return ("move vertex", self.drag) if self.drag is not None else None

    def build(self, project: Project) -> tuple[RowChange, ...]:
        edit = ZoneEdit(project)
        at, to = np.array(self.at), np.array(self.to)

        def mapping(xy: np.ndarray) -> np.ndarray:
            out = xy.copy()
            out[np.hypot(*(xy - at).T) <= SAME_POINT] = to
            return out

        _edit_sharing(edit, Point(self.at), lambda z: _checked_shape(z, _moved(z.geometry, mapping)))
        return edit.changes()


class InsertVertex(Command):
    """Put a vertex on a boundary segment, in every zone that has the segment."""

    def __init__(self, a: tuple[float, float], b: tuple[float, float], at: tuple[float, float]) -> None:
        super().__init__()
        self.a, self.b, self.at = tuple(a), tuple(b), tuple(at)
        self.label = "Add vertex"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        edit = ZoneEdit(project)
        a, b, at = np.array(self.a), np.array(self.b), np.array(self.at)

        def insert(ring: np.ndarray) -> np.ndarray:
            for i in range(len(ring) - 1):
                p, q = ring[i], ring[i + 1]
                if (np.hypot(*(p - a)) <= SAME_POINT and np.hypot(*(q - b)) <= SAME_POINT) or \
                        (np.hypot(*(p - b)) <= SAME_POINT and np.hypot(*(q - a)) <= SAME_POINT):
                    return np.insert(ring, i + 1, at, axis=0)
            return ring

        _edit_sharing(edit, LineString([self.a, self.b]).centroid,
                      lambda z: _checked_shape(z, _map_rings(z.geometry, insert)))
        return edit.changes()


class DeleteVertex(Command):
    """Take a vertex out of every zone that has it."""

    def __init__(self, at: tuple[float, float]) -> None:
        super().__init__()
        self.at = tuple(at)
        self.label = "Delete vertex"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        edit = ZoneEdit(project)
        at = np.array(self.at)

        def drop(ring: np.ndarray) -> np.ndarray:
            keep = np.hypot(*(ring - at).T) > SAME_POINT
            kept = ring[keep]
            if len(kept) and not np.array_equal(kept[0], kept[-1]):
                kept = np.vstack([kept, kept[:1]])  # the first vertex went: close the ring again
            if len(kept) < 4:
                raise refusal("three_vertices")
            return kept

        _edit_sharing(edit, Point(self.at), lambda z: _checked_shape(z, _map_rings(z.geometry, drop)))
        return edit.changes()


def _edit_sharing(edit: ZoneEdit, where: Point, reshape) -> None:
    near = where.buffer(SAME_POINT * 10)
    hits = [z for z in edit.zones.values() if z.geometry is not None and z.geometry.boundary.intersects(near)]
    if not hits:
        raise refusal("no_boundary")
    for zone in hits:
        shape = reshape(zone)
        if not shape.equals_exact(zone.geometry, 0.0):
            edit.put(zone._replace(geometry=shape))


def _map_rings(geometry: BaseGeometry, change) -> BaseGeometry:
    polygons = []
    for polygon in shapely.get_parts(geometry):
        rings = [change(np.asarray(polygon.exterior.coords))]
        rings += [change(np.asarray(r.coords)) for r in polygon.interiors]
        polygons.append(shapely.Polygon(rings[0], rings[1:]))
    return shapely.MultiPolygon(polygons)


def _checked_shape(zone, shape: BaseGeometry):
    return zone_shape(shape, shape_named("new_outline", zone=zone.name))


# -- painting buildings --------------------------------------------------------

class ReassignBuildings(Command):
    """Give buildings to another grid: each takes its share of its old grid
    (the ground nearer to it than to any other building there), so the
    boundary moves between buildings and never through one."""

    def __init__(self, building_ids: Sequence[int], zone_id: int) -> None:
        super().__init__()
        self.building_ids, self.zone_id = tuple(dict.fromkeys(building_ids)), zone_id  # each building once
        self.label = "Move buildings to another grid"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        edit = ZoneEdit(project)
        target = _leaf(edit, self.zone_id)
        buildings = project.tables["buildings"]
        moving: dict[int, list[int]] = {}
        for bid in self.building_ids:
            building = buildings.get(bid)
            if building is None:
                raise refusal("no_building", building=bid)
            if building.zone_id != target.id:
                if building.zone_id not in edit.zones:
                    raise refusal("in_no_grid", building=building.number)
                moving.setdefault(building.zone_id, []).append(bid)
        gained = [target.geometry]
        for donor_id, ids in moving.items():
            donor = edit.zones[donor_id]
            held = [b for b in buildings.values() if b.zone_id == donor_id]
            if len(ids) == len(held):
                raise refusal("empties_grid", zone=donor.name)
            cells = territories(donor.geometry, [b.geometry for b in held])
            given = polygonal(shapely.union_all(np.array([cells[i] for i, b in enumerate(held) if b.id in ids],
                                                         dtype=object), grid_size=PRECISION))
            edit.put(donor._replace(geometry=zone_shape(shapely.difference(donor.geometry, given, grid_size=PRECISION),
                                                        shape_named("without_buildings", zone=donor.name))))
            gained.append(given)
        if not moving:
            return ()
        # Snap-rounded overlays: the share's new vertices along the old boundary
        # meet the target's edge exactly, so the grid stays one piece.
        edit.put(target._replace(geometry=zone_shape(
            shapely.union_all(np.array(gained, dtype=object), grid_size=PRECISION),
            shape_named("with_buildings", zone=target.name))))
        return edit.changes()


# -- names ---------------------------------------------------------------------------

class RenameZone(Command):
    """Give a zone a new name (see gridmap/zone_names/rules.py for what is refused)."""

    def __init__(self, zone_id: int, name: str) -> None:
        super().__init__()
        self.zone_id, self.name = zone_id, name
        self.label = "Rename zone"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        name = checked_name(project, self.zone_id, self.name)  # a zone that is gone is refused too
        before = project.tables["zones"][self.zone_id]
        after = before._replace(name=name)
        return (RowChange("zones", before, after),) if after != before else ()


class NameBySerial(Command):
    """Name the children of zones 第1网格, 第2网格… in reading order, codes
    renumbered to match (see gridmap/zone_names/serials.py)."""

    def __init__(self, parent_ids: Sequence[int]) -> None:
        super().__init__()
        self.parent_ids = tuple(dict.fromkeys(parent_ids))
        self.label = "Name grids by serial"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        from gridmap.zone_names.serials import naming_changes

        return naming_changes(project, self.parent_ids)
