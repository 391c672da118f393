"""Making the top of a zone tree from a project's own data: a street office
(or any top zone) from an outline (``add_top_zone``, which ``DrawZone`` does
for a zone with no parent), and the zones under a zone from pieces cut along
streets (gridmap/topology/office.py). Each is one undo step, and ``ZoneEdit``
relinks the buildings and refuses what would break a rule."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Mapping, Sequence

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from gridmap.codes import reading_order, recoded_below, serial_width
from gridmap.commands.stack import Command
from gridmap.errors import EditError
from gridmap.model.changes import RowChange
from gridmap.model.entities import Zone
from gridmap.reasons import Reason
from gridmap.spatial.shapes import polygonal
from gridmap.topology.edit import PRECISION, ZoneEdit, zone_shape
from gridmap.topology.messages import CONTEXT, REFUSALS, refusal, shape_named
from gridmap.zone_names.rules import checked_new_name

if TYPE_CHECKING:
    from gridmap.project import Project

TAKEN_IN_SHARE = 0.01  # of a lower top zone's area inside a new top zone: it goes under it
SMALL_REST = 0.05  # of a new top zone's area: less ground beyond the zones it takes in is left out of it


class NoParentHere(EditError):
    """A zone drawn at a level whose parents exist, but not where it was drawn."""

    def __init__(self, level: int) -> None:
        self.level = level
        super().__init__(Reason(CONTEXT, REFUSALS["no_parent_here"], upper=level - 1, level=level))


def drawn_parent(zones: Mapping[int, Zone], outline: BaseGeometry, level: int) -> int | None:
    """The zone a zone drawn at ``level`` goes into: the zone one level up
    holding the outline's inner point, else the one it overlaps most. None
    (a top zone) when the project has no zone one level up (``level`` is the
    top, or the level above is not drawn yet); NoParentHere when such zones
    exist elsewhere only."""
    uppers = [z for z in zones.values() if z.level == level - 1 and z.geometry is not None]
    if not uppers:
        return None
    inside = outline.representative_point()
    holding = [z for z in uppers if z.geometry.covers(inside)]
    if holding:
        return holding[0].id
    overlaps = [(z.geometry.intersection(outline).area, z.id) for z in uppers if z.geometry.intersects(outline)]
    best = max(overlaps, default=(0.0, None))
    if best[0] <= 0:
        raise NoParentHere(level)
    return best[1]


def above_the_top(level: int) -> Zone:
    """The stand-in parent of top zones at ``level`` (``ZoneEdit.new_zone``
    takes their siblings, serial and name from it): no id, no code."""
    return Zone(None, "", "", level - 1, None, None)


def add_top_zone(edit: ZoneEdit, shape: BaseGeometry, name: str | None, level: int) -> Zone:
    """A new top zone in ``edit``, named ``name`` (as a rename checks it) or
    by its serial. Top zones one level down that lie mostly inside ``shape``
    (communities drawn or imported before their street office) go under it,
    which then holds them whole; the ground other top zones hold is left to
    them."""
    if name is not None and name.strip():
        name = checked_new_name(edit.project, None, name)
    tops = [z for z in edit.zones.values() if z.parent_id is None and z.geometry is not None]
    taken_in = [z for z in tops if z.level == level + 1
                and shapely.intersection(z.geometry, shape).area >= TAKEN_IN_SHARE * z.geometry.area]
    others = [z for z in tops if z not in taken_in]
    if others:
        shape = shapely.difference(shape, shapely.union_all(np.array([z.geometry for z in others], dtype=object)))
    if not taken_in and (shape.is_empty or shape.area <= 0):
        raise refusal("taken_ground", zones="、".join(z.name for z in others))
    if not taken_in:
        return edit.new_zone(above_the_top(level), zone_shape(shape, shape_named("outside_existing")),
                             name or None)
    # its zones must cover it: ground beyond those taken in is one more of them, if more than a sliver
    held = shapely.union_all(np.array([z.geometry for z in taken_in], dtype=object), grid_size=PRECISION)
    rest = polygonal(shapely.difference(shape, held, grid_size=PRECISION))
    whole = shapely.union_all(np.array([held, rest], dtype=object), grid_size=PRECISION)
    if rest.area < SMALL_REST * whole.area:
        rest, whole = None, held
    zone = edit.new_zone(above_the_top(level), zone_shape(whole, shape_named("with_zones_held")),
                         name or None)
    _take_in(edit, zone, taken_in)
    if rest is not None:
        edit.new_zone(zone, zone_shape(rest, shape_named("rest_of_new")))
    return zone


def _take_in(edit: ZoneEdit, parent: Zone, zones: list[Zone]) -> None:
    """``zones`` (top zones) put under ``parent``, their codes (and their
    descendants') its code and their serial in reading order."""
    width = serial_width(edit.project, parent.level + 1)
    tree = edit.tree  # built once: the puts below change no subtree it is asked about
    for serial, zone in enumerate(reading_order(zones), 1):
        code = f"{parent.code}{serial:0{width}d}"
        edit.put(zone._replace(parent_id=parent.id, code=code))
        for below in recoded_below(tree, edit.zones, zone, code).values():
            edit.put(below)


class SplitIntoZones(Command):
    """A zone with no zones under it divided into new ones, one per piece, in
    the order given (names 第1社区… and codes follow it)."""

    def __init__(self, parent_id: int, pieces: Sequence[BaseGeometry]) -> None:
        super().__init__()
        self.parent_id, self.pieces = parent_id, tuple(pieces)
        self.label = "Divide along streets"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        edit = ZoneEdit(project)
        parent = edit.zones.get(self.parent_id)
        if parent is None:
            raise refusal("no_zone", zone=self.parent_id)
        if edit.tree.children.get(parent.id):
            raise refusal("divided", zone=parent.name)
        if len(self.pieces) < 2:
            raise refusal("one_piece", zone=parent.name)
        for piece in self.pieces:
            # the pieces tile it: not clipped again
            edit.new_zone(parent, zone_shape(piece, shape_named("piece_of", zone=parent.name)))
        return edit.changes()
