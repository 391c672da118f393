"""Quick fixes for problems the rules find: each an ordinary command (undoable,
checked by the same guard as any boundary edit).

- a gap goes to the neighbour with the longest shared edge;
- an overlap is taken from the smaller zone;
- a part outside the parent is cut off;
- near-coincident vertices are snapped together (slivers disappear);
- an invalid shape is made valid;
- a building linked to the wrong grid is linked to the one it stands in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from gridmap.commands.messages import refusal
from gridmap.commands.stack import Command
from gridmap.commands.zones import _zone
from gridmap.model.changes import RowChange
from gridmap.rules.problems import Problem
from gridmap.rules.settings import RuleSettings
from gridmap.topology.edit import PRECISION, ZoneEdit, zone_shape
from gridmap.topology.messages import shape_named

if TYPE_CHECKING:
    from gridmap.project import Project


class FillGap(Command):
    def __init__(self, zone_id: int, gap: BaseGeometry) -> None:
        super().__init__()
        self.zone_id, self.gap = zone_id, gap
        self.label = "Fill gap"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        edit = ZoneEdit(project)
        zone = _zone(edit, self.zone_id)
        edit.put(zone._replace(geometry=zone_shape(shapely.union(zone.geometry, self.gap, grid_size=PRECISION))))
        return edit.changes()


class TrimZone(Command):
    """Take ``cut`` out of a zone (an overlap from the smaller side, or the part
    outside its parent)."""

    def __init__(self, zone_id: int, cut: BaseGeometry, label: str = "Trim zone") -> None:
        super().__init__()
        self.zone_id, self.cut, self.label = zone_id, cut, label

    def build(self, project: Project) -> tuple[RowChange, ...]:
        edit = ZoneEdit(project)
        zone = _zone(edit, self.zone_id)
        trimmed = shapely.difference(zone.geometry, self.cut, grid_size=PRECISION)
        edit.put(zone._replace(geometry=zone_shape(trimmed, shape_named("without_overlap", zone=zone.name))))
        return edit.changes()


class SnapVertices(Command):
    """Snap the vertices of some zones onto each other's within ``tolerance``
    metres: the slivers of a boundary digitised twice close up."""

    def __init__(self, zone_ids: tuple[int, ...], tolerance: float) -> None:
        super().__init__()
        self.zone_ids, self.tolerance = tuple(zone_ids), tolerance
        self.label = "Snap vertices"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        edit = ZoneEdit(project)
        zones = [_zone(edit, z) for z in self.zone_ids]
        for i, zone in enumerate(zones):
            if i == 0:
                continue  # the first keeps its vertices; the others come to it
            reference = shapely.union_all(np.array([z.geometry for z in zones[:i]], dtype=object))
            snapped = shapely.snap(zone.geometry, reference, self.tolerance)
            if not snapped.is_valid:
                snapped = shapely.make_valid(snapped)
            edit.put(zone._replace(geometry=zone_shape(snapped, shape_named("snapped", zone=zone.name))))
            zones[i] = edit.zones[zone.id]
        return edit.changes()


class MakeValid(Command):
    def __init__(self, zone_id: int) -> None:
        super().__init__()
        self.zone_id = zone_id
        self.label = "Make shape valid"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        edit = ZoneEdit(project)
        zone = _zone(edit, self.zone_id)
        repaired = zone_shape(shapely.make_valid(zone.geometry), shape_named("repaired", zone=zone.name))
        edit.put(zone._replace(geometry=repaired))
        return edit.changes()


class RelinkBuilding(Command):
    def __init__(self, building_id: int, zone_id: int) -> None:
        super().__init__()
        self.building_id, self.zone_id = building_id, zone_id
        self.label = "Link building to its grid"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        building = project.tables["buildings"].get(self.building_id)
        if building is None or self.zone_id not in project.tables["zones"]:
            raise refusal("gone")
        return (RowChange("buildings", building, building._replace(zone_id=self.zone_id)),) \
            if building.zone_id != self.zone_id else ()


def fixes_for(problem: Problem, project: Project) -> list[tuple[str, Command]]:
    """The quick fixes offered for ``problem``, best first, as (key, command)."""
    tolerance = RuleSettings.from_meta(project.meta, project.levels).tolerance
    rule, zones = problem.rule, problem.zones
    snap = tolerance * 4
    # snapping closes slivers only: offered where the gap or overlap is about that thin
    thin = problem.shape is not None and 2 * problem.shape.area / max(problem.shape.length, 1e-9) <= snap
    if rule == "gap" and len(zones) > 1 and problem.shape is not None:
        return [("fill_gap", FillGap(zones[1], problem.shape))] + \
            ([("snap_vertices", SnapVertices(zones, snap))] if thin else [])
    if rule == "overlap" and problem.shape is not None:
        return [("trim_overlap", TrimZone(zones[0], problem.shape, "Remove overlap"))] + \
            ([("snap_vertices", SnapVertices(zones[::-1], snap))] if thin else [])
    if rule == "outside_parent" and problem.shape is not None:
        return [("trim_to_parent", TrimZone(zones[0], problem.shape, "Trim to parent"))]
    if rule == "invalid_geometry" and zones:
        return [("make_valid", MakeValid(zones[0]))]
    if rule == "building_link" and problem.buildings:
        return [("relink_building", RelinkBuilding(problem.buildings[0], zones[0]))]
    return []
