"""Turning new zone shapes into one safe change set.

A boundary edit names the zones it reshapes, adds or removes; ``ZoneEdit``
relinks the buildings whose grid changed with them and checks the rules on the
families it touched, before and after. An edit that would newly break a
blocking rule (an overlap, a gap, a building cut by a boundary…) is refused
with the planner's words for what it would break, and nothing changes.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.geometry import MultiPolygon
from shapely.geometry.base import BaseGeometry

from gridmap.errors import EditError
from gridmap.levels import project_depths
from gridmap.model.changes import RowChange
from gridmap.model.entities import Zone
from gridmap.reasons import Reason
from gridmap.rules.check import check
from gridmap.rules.problems import RULES, Problem
from gridmap.rules.settings import RuleSettings
from gridmap.spatial.assign import building_zone_ids
from gridmap.spatial.messages import validity_reason
from gridmap.topology.messages import refusal, rule_broken, shape_named
from gridmap.zone_tree import ZoneTree

if TYPE_CHECKING:
    from gridmap.project import Project

PRECISION = 1e-6  # metres: the grid new vertices are rounded to where zone shapes are cut and joined


def zone_shape(geometry: BaseGeometry, what: Reason | None = None) -> MultiPolygon:
    """``geometry`` as a zone's MultiPolygon (areas only), or EditError naming
    it ``what`` (messages.SHAPES: "the new shape" unless told)."""
    what = what if what is not None else shape_named("new")
    if geometry is None or geometry.is_empty:
        raise refusal("empty_shape", what=what)
    if not geometry.is_valid:
        raise refusal("invalid_shape", what=what, reason=validity_reason(geometry))
    parts = [p for p in shapely.get_parts(shapely.get_parts(geometry)) if p.geom_type == "Polygon" and p.area > 0]
    if not parts:
        raise refusal("no_area_shape", what=what)
    return MultiPolygon(parts)


class ZoneEdit:
    """New states for some zones; ``changes()`` gives the checked change set."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.before: dict[int, Zone] = project.tables["zones"]
        self.zones: dict[int, Zone] = dict(self.before)
        self.touched: set[int] = set()
        self.extra: list[RowChange] = []
        self._reserved: list[int] = []  # zone ids taken for new zones: given back if the edit is refused

    @property
    def tree(self) -> ZoneTree:
        return ZoneTree(self.zones)

    def put(self, zone: Zone) -> None:
        """Add ``zone`` or replace the zone with its id."""
        self.zones[zone.id] = zone
        self.touched.add(zone.id)

    def remove(self, zone_id: int) -> None:
        del self.zones[zone_id]
        self.touched.add(zone_id)

    def new_zone(self, parent: Zone, geometry: MultiPolygon, name: str | None = None) -> Zone:
        """A zone for ``parent`` with the next serial of the project's code scheme
        that no zone uses under that parent's code (a zone moved in from another
        parent may still carry one), and the matching name."""
        from gridmap.codes import serial_of, serial_width

        width = serial_width(self.project, parent.level + 1)
        used = [serial_of(z.code, parent.code, width) for z in list(self.before.values()) + list(self.zones.values())]
        siblings = [z for z in self.zones.values() if z.parent_id == parent.id]
        serial = 1 + max([s for s in used if s] + [len(siblings)])
        level_name = next((lv.name for lv in self.project.levels if lv.depth == parent.level + 1), "网格")
        numbers = [int(m.group(1)) for z in siblings if (m := re.fullmatch(rf"第(\d+){level_name}", z.name))]
        number = 1 + max(numbers + [len(siblings)])  # a name no sibling has
        zone_id = self.project.new_id("zones")
        self._reserved.append(zone_id)
        zone = Zone(zone_id, f"{parent.code}{serial:0{width}d}", name or f"第{number}{level_name}",
                    parent.level + 1, parent.id, geometry)
        self.put(zone)
        return zone

    def changes(self) -> tuple[RowChange, ...]:
        zone_changes = [RowChange("zones", self.before.get(z), self.zones.get(z)) for z in sorted(self.touched)
                        if self.before.get(z) != self.zones.get(z)]
        if not zone_changes and not self.extra:
            return ()
        try:
            buildings = self._relinked()
            self._guard(buildings)
        except shapely.errors.GEOSException as exc:
            self._give_back()
            raise refusal("not_combined", error=exc) from None
        except EditError:
            self._give_back()
            raise
        return tuple(zone_changes + buildings + self.extra)

    def _give_back(self) -> None:
        for zone_id in reversed(self._reserved):
            self.project.return_id("zones", zone_id)
        self._reserved.clear()

    # -- buildings and rules --------------------------------------------------

    def _region(self) -> BaseGeometry:
        shapes = [z.geometry for zid in self.touched for z in (self.before.get(zid), self.zones.get(zid))
                  if z and z.geometry is not None]
        if not shapes:
            return shapely.Polygon()
        return shapely.union_all(shapely.make_valid(np.array(shapes, dtype=object)))  # an invalid old shape too

    def _nearby_buildings(self) -> list:
        buildings = list(self.project.tables["buildings"].values())
        if not buildings:
            return []
        hit = shapely.intersects(np.array([b.geometry for b in buildings], dtype=object), self._region())
        return [b for b, h in zip(buildings, hit) if h]

    def _relinked(self) -> list[RowChange]:
        self._near = self._nearby_buildings()
        found = building_zone_ids(self._near, self.zones.values())
        return [RowChange("buildings", b, b._replace(zone_id=found[b.id])) for b in self._near
                if found[b.id] != b.zone_id]

    def _families(self, zones: dict[int, Zone]) -> dict[int, Zone]:
        """The touched zones with their parents, siblings and children."""
        tree = ZoneTree(zones)
        keep: set[int] = set()
        for zid in self.touched:
            zone = self.before.get(zid) or self.zones.get(zid)
            for member in (zid, zone.parent_id):
                if member in zones:
                    keep.add(member)
                    keep.update(tree.children.get(member, []))
            if zone.parent_id in zones:  # the parent's own family: its outline may have moved
                grand = zones[zone.parent_id].parent_id
                keep.update(tree.children.get(grand, []) if grand in zones else tree.roots)
            else:  # a top zone: the other top zones are its family
                keep.update(tree.roots)
        return {z: zones[z] for z in keep}

    def _blocking(self, zones: dict[int, Zone], buildings: dict, households: Counter,
                  settings: RuleSettings) -> dict[tuple, Problem]:
        return {_signature(p): p for p in check(self._families(zones), buildings, households, settings,
                                                project_depths(self.project))
                if RULES[p.rule].blocking}

    def _guard(self, relinked: list[RowChange]) -> None:
        before_buildings = {b.id: b for b in self._near}
        after_buildings = dict(before_buildings)
        after_buildings.update((c.after.id, c.after) for c in relinked)
        # the same buildings before and after: their households are counted once
        households = Counter(h.building_id for h in self.project.tables["households"].values()
                             if h.building_id in before_buildings)
        settings = RuleSettings.from_meta(self.project.meta, self.project.levels)
        was = self._blocking(self.before, before_buildings, households, settings)
        now = self._blocking(self.zones, after_buildings, households, settings)
        new = [p for key, p in now.items() if key not in was]
        if new:
            from gridmap.rules.report import Names

            names = Names(self.project, {**self.before, **self.zones})
            raise rule_broken(new, names)


def _signature(problem: Problem) -> tuple:
    return problem.rule, frozenset(problem.zones), frozenset(problem.buildings)
