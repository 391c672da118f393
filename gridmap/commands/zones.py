"""Boundary edits: split, merge, reparent, delete and draw zones, move, add and
delete shared vertices, and paint buildings into another grid.

Each builds new zone shapes and hands them to ``ZoneEdit``, which relinks the
buildings and refuses the edit if it would break a rule (see
gridmap/topology/edit.py). Undo is the inverse change set, so it is exact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

import numpy as np
import shapely
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from gridmap.commands.stack import Command
from gridmap.errors import EditError
from gridmap.model.changes import RowChange
from gridmap.spatial.shapes import polygonal
from gridmap.topology.edit import ZoneEdit, zone_shape
from gridmap.topology.territories import territories

if TYPE_CHECKING:
    from gridmap.project import Project

SAME_POINT = 1e-6  # metres: vertices this close are one shared vertex
PRECISION = 1e-6  # metres: the grid new vertices are rounded to where shapes are cut and joined


def _zone(edit: ZoneEdit, zone_id: int):
    zone = edit.zones.get(zone_id)
    if zone is None:
        raise EditError(f"there is no zone {zone_id}")
    return zone


def _leaf(edit: ZoneEdit, zone_id: int):
    zone = _zone(edit, zone_id)
    if edit.tree.children.get(zone_id):
        raise EditError(f"{zone.name} holds other zones: edit those instead")
    return zone


class SplitZone(Command):
    """Cut a grid in two along a line drawn across it; the larger part keeps the
    grid's name, code and staff, the other becomes a new grid."""

    def __init__(self, zone_id: int, line: LineString) -> None:
        super().__init__()
        self.zone_id, self.line = zone_id, line
        self.label = "Split zone"

    def build(self, project: "Project") -> tuple[RowChange, ...]:
        edit = ZoneEdit(project)
        zone = _leaf(edit, self.zone_id)
        pieces = shapely.get_parts(shapely.make_valid(_split(zone.geometry, self.line)))
        pieces = [p for p in pieces if p.geom_type == "Polygon" and p.area > 0]
        if len(pieces) != 2:
            raise EditError(f"draw the line across {zone.name} from edge to edge, crossing it once "
                            f"(it makes {len(pieces)} parts)")
        if zone.parent_id not in edit.zones:
            raise EditError(f"{zone.name} is a top zone: split the zones under it instead")
        big, small = sorted(pieces, key=lambda p: -p.area)
        edit.put(zone._replace(geometry=zone_shape(big)))
        edit.new_zone(edit.zones[zone.parent_id], zone_shape(small))
        return edit.changes()


def _split(geometry: BaseGeometry, line: LineString) -> BaseGeometry:
    from shapely.ops import split

    parts = []
    for polygon in shapely.get_parts(geometry):
        parts.extend(shapely.get_parts(split(polygon, line)) if polygon.intersects(line) else [polygon])
    return shapely.GeometryCollection(parts)


class MergeZones(Command):
    """Merge sibling zones into the first (by code); what the others held (child
    zones, staff posts) goes with their area."""

    def __init__(self, zone_ids: Sequence[int]) -> None:
        super().__init__()
        self.zone_ids = tuple(zone_ids)
        self.label = "Merge zones"

    def build(self, project: "Project") -> tuple[RowChange, ...]:
        edit = ZoneEdit(project)
        zones = sorted((_zone(edit, z) for z in set(self.zone_ids)), key=lambda z: z.code)
        if len(zones) < 2:
            raise EditError("choose at least two zones to merge")
        if len({z.parent_id for z in zones}) != 1:
            raise EditError("only zones of the same parent can be merged")
        keep, others = zones[0], zones[1:]
        merged = shapely.union_all(np.array([z.geometry for z in zones], dtype=object))
        edit.put(keep._replace(geometry=zone_shape(merged)))
        for other in others:
            _hand_over(edit, project, other.id, keep.id)
        return edit.changes()


def _hand_over(edit: ZoneEdit, project: "Project", gone: int, heir: int) -> None:
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

    def build(self, project: "Project") -> tuple[RowChange, ...]:
        edit = ZoneEdit(project)
        zone, heir = _zone(edit, self.zone_id), _zone(edit, self.heir_id)
        if zone.parent_id != heir.parent_id or zone.id == heir.id:
            raise EditError(f"{heir.name} is not a sibling of {zone.name}: its area can only go to a sibling")
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

    def build(self, project: "Project") -> tuple[RowChange, ...]:
        edit = ZoneEdit(project)
        zone, new = _zone(edit, self.zone_id), _zone(edit, self.parent_id)
        old = _zone(edit, zone.parent_id) if zone.parent_id in edit.zones else None
        if old is None or old.id == new.id:
            return ()
        if new.level != old.level:
            raise EditError(f"{new.name} is not at the level of {old.name}")
        edit.put(old._replace(geometry=zone_shape(old.geometry.difference(zone.geometry),
                                                  f"{old.name} without {zone.name}")))
        edit.put(new._replace(geometry=zone_shape(new.geometry.union(zone.geometry))))
        edit.put(zone._replace(parent_id=new.id))
        return edit.changes()


class DrawZone(Command):
    """A new zone drawn inside a parent: clipped to the parent and cut out of
    the siblings it covers, so the partition stays whole."""

    def __init__(self, parent_id: int, polygon: BaseGeometry, name: str | None = None) -> None:
        super().__init__()
        self.parent_id, self.polygon, self.name = parent_id, polygon, name
        self.label = "Draw zone"

    def build(self, project: "Project") -> tuple[RowChange, ...]:
        edit = ZoneEdit(project)
        parent = _zone(edit, self.parent_id)
        if not self.polygon.is_valid:
            raise EditError("the drawn outline crosses itself")
        shape = zone_shape(self.polygon.intersection(parent.geometry), f"the zone drawn inside {parent.name}")
        for sibling in [z for z in edit.zones.values() if z.parent_id == parent.id and z.geometry is not None]:
            if sibling.geometry.intersects(shape) and sibling.geometry.intersection(shape).area > 0:
                rest = sibling.geometry.difference(shape)
                if rest.is_empty or rest.area < 1e-6:
                    raise EditError(f"the new zone would cover all of {sibling.name}; merge instead")
                edit.put(sibling._replace(geometry=zone_shape(rest, f"{sibling.name} without the new zone")))
        edit.new_zone(parent, shape, self.name)
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

    def build(self, project: "Project") -> tuple[RowChange, ...]:
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

    def build(self, project: "Project") -> tuple[RowChange, ...]:
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

    def build(self, project: "Project") -> tuple[RowChange, ...]:
        edit = ZoneEdit(project)
        at = np.array(self.at)

        def drop(ring: np.ndarray) -> np.ndarray:
            keep = np.hypot(*(ring - at).T) > SAME_POINT
            kept = ring[keep]
            if len(kept) and not np.array_equal(kept[0], kept[-1]):
                kept = np.vstack([kept, kept[:1]])  # the first vertex went: close the ring again
            if len(kept) < 4:
                raise EditError("a boundary needs at least three vertices")
            return kept

        _edit_sharing(edit, Point(self.at), lambda z: _checked_shape(z, _map_rings(z.geometry, drop)))
        return edit.changes()


def _edit_sharing(edit: ZoneEdit, where: Point, reshape) -> None:
    near = where.buffer(SAME_POINT * 10)
    hits = [z for z in edit.zones.values() if z.geometry is not None and z.geometry.boundary.intersects(near)]
    if not hits:
        raise EditError("no boundary passes there")
    for zone in hits:
        shape = reshape(zone)
        if not shape.equals_exact(zone.geometry, 0.0):
            edit.put(zone._replace(geometry=shape))


def _map_rings(geometry: BaseGeometry, change) -> BaseGeometry:
    polygons = []
    for polygon in shapely.get_parts(geometry):
        rings = [change(np.asarray(polygon.exterior.coords))] + [change(np.asarray(r.coords)) for r in polygon.interiors]
        polygons.append(shapely.Polygon(rings[0], rings[1:]))
    return shapely.MultiPolygon(polygons)


def _checked_shape(zone, shape: BaseGeometry):
    return zone_shape(shape, f"the new outline of {zone.name}")


# -- painting buildings --------------------------------------------------------

class ReassignBuildings(Command):
    """Give buildings to another grid: each takes its share of its old grid
    (the ground nearer to it than to any other building there), so the
    boundary moves between buildings and never through one."""

    def __init__(self, building_ids: Sequence[int], zone_id: int) -> None:
        super().__init__()
        self.building_ids, self.zone_id = tuple(dict.fromkeys(building_ids)), zone_id  # each building once
        self.label = "Move buildings to another grid"

    def build(self, project: "Project") -> tuple[RowChange, ...]:
        edit = ZoneEdit(project)
        target = _leaf(edit, self.zone_id)
        buildings = project.tables["buildings"]
        moving: dict[int, list[int]] = {}
        for bid in self.building_ids:
            building = buildings.get(bid)
            if building is None:
                raise EditError(f"there is no building {bid}")
            if building.zone_id != target.id:
                if building.zone_id not in edit.zones:
                    raise EditError(f"{building.number} is in no grid; draw one around it first")
                moving.setdefault(building.zone_id, []).append(bid)
        gained = [target.geometry]
        for donor_id, ids in moving.items():
            donor = edit.zones[donor_id]
            held = [b for b in buildings.values() if b.zone_id == donor_id]
            if len(ids) == len(held):
                raise EditError(f"that would take every building out of {donor.name}; merge the grids instead")
            cells = territories(donor.geometry, [b.geometry for b in held])
            given = polygonal(shapely.union_all(np.array([cells[i] for i, b in enumerate(held) if b.id in ids],
                                                         dtype=object), grid_size=PRECISION))
            edit.put(donor._replace(geometry=zone_shape(shapely.difference(donor.geometry, given, grid_size=PRECISION),
                                                        f"{donor.name}")))
            gained.append(given)
        if not moving:
            return ()
        # Snap-rounded overlays: the share's new vertices along the old boundary
        # meet the target's edge exactly, so the grid stays one piece.
        edit.put(target._replace(geometry=zone_shape(
            shapely.union_all(np.array(gained, dtype=object), grid_size=PRECISION), f"{target.name} with the buildings")))
        return edit.changes()
