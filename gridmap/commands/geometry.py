"""Geometry edits that keep each building's leaf zone in step."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from gridmap.commands.messages import refusal
from gridmap.commands.stack import Command
from gridmap.model.changes import RowChange
from gridmap.model.messages import table_name
from gridmap.model.tables import TABLES
from gridmap.spatial.assign import building_zone_ids
from gridmap.spatial.shapes import conform_one

if TYPE_CHECKING:
    from gridmap.project import Project


def _conformed(table: str, geometry: BaseGeometry) -> BaseGeometry:
    if geometry is None or geometry.is_empty or not geometry.is_valid:
        raise refusal("bad_shape", table=table_name(table))
    try:
        return conform_one(geometry, TABLES[table].geometry_type)
    except ValueError as exc:
        raise refusal("wrong_kind", table=table_name(table), problem=str(exc)) from None


class SetBuildingFootprint(Command):
    """Replace a building's footprint; its zone follows the new shape."""

    def __init__(self, building_id: int, geometry: BaseGeometry) -> None:
        super().__init__()
        self.building_id = building_id
        self.geometry = _conformed("buildings", geometry)
        self.label = "Change building footprint"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        before = project.tables["buildings"][self.building_id]
        moved = before._replace(geometry=self.geometry)
        zone_id = building_zone_ids([moved], project.tables["zones"].values())[moved.id]
        after = moved._replace(zone_id=zone_id)
        return (RowChange("buildings", before, after),) if after != before else ()


class SetZoneGeometry(Command):
    """Replace a zone's shape; buildings it gains or loses change zone with it.

    Topology rules (no gaps, no overlaps between siblings) are enforced by the
    boundary-editing tools built on this command, not here.
    """

    def __init__(self, zone_id: int, geometry: BaseGeometry) -> None:
        super().__init__()
        self.zone_id = zone_id
        self.geometry = _conformed("zones", geometry)
        self.label = "Change zone boundary"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        zones = dict(project.tables["zones"])
        before = zones[self.zone_id]
        after = before._replace(geometry=self.geometry)
        if after == before:
            return ()
        zones[after.id] = after
        # Only buildings touching the old or the new shape can change zone.
        region = before.geometry.union(after.geometry)
        buildings = list(project.tables["buildings"].values())
        touching = shapely.intersects(np.array([b.geometry for b in buildings], dtype=object), region)
        candidates = [b for b, hit in zip(buildings, touching) if hit]
        found = building_zone_ids(candidates, zones.values())
        changes = [RowChange("zones", before, after)]
        changes += [RowChange("buildings", b, b._replace(zone_id=found[b.id]))
                    for b in candidates if found[b.id] != b.zone_id]
        return tuple(changes)
