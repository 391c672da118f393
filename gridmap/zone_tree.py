"""The zone tree as every view walks it: roots, children in code order, ancestors.

One definition for the hierarchy dock, the statistics, the search and the
building → grid assignment. A zone whose parent is missing (a file edited in
QGIS without foreign keys) counts as a root, and a loop of parents is broken at
its smallest id, so no view can crash or spin on such a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from gridmap.model.entities import Zone


class ZoneTree:
    def __init__(self, zones: Mapping[int, Zone]) -> None:
        self.zones = zones
        self.children: dict[int, list[int]] = {}
        ordered = sorted(zones.values(), key=lambda z: (z.code, z.id))
        for zone in ordered:
            if zone.parent_id in zones and zone.parent_id != zone.id:
                self.children.setdefault(zone.parent_id, []).append(zone.id)
        self.roots = [z.id for z in ordered if z.parent_id not in zones or z.parent_id == z.id]
        reached = set(self.walk())
        for zone in ordered:  # zones in a loop of parents: cut each loop at its first zone
            if zone.id not in reached:
                self.children[zone.parent_id].remove(zone.id)
                self.roots.append(zone.id)
                reached.update(self.walk(zone.id))

    def walk(self, start: int | None = None) -> list[int]:
        """Zone ids depth-first from ``start`` (all roots if None), parents first."""
        out, stack, seen = [], list(reversed(self.roots if start is None else [start])), set()
        while stack:
            zone_id = stack.pop()
            if zone_id in seen:
                continue
            seen.add(zone_id)
            out.append(zone_id)
            stack.extend(reversed(self.children.get(zone_id, [])))
        return out

    def is_leaf(self, zone_id: int) -> bool:
        return not self.children.get(zone_id)

    def leaves(self) -> list[int]:
        return [z for z in self.zones if self.is_leaf(z)]

    def ancestors(self, zone_id: int | None) -> list[int]:
        """``zone_id`` and its parents up to the root (stops at a loop)."""
        out, seen = [], set()
        while zone_id in self.zones and zone_id not in seen:
            seen.add(zone_id)
            out.append(zone_id)
            if zone_id in self.roots:
                break
            zone_id = self.zones[zone_id].parent_id
        return out

    def ancestor_at(self, zone_id: int | None, level: int) -> int | None:
        """The zone at ``level`` holding ``zone_id`` (itself if it is at that level)."""
        return next((z for z in self.ancestors(zone_id) if self.zones[z].level == level), None)


def leaf_ids(zones: Iterable[Zone]) -> set[int]:
    zones = {z.id: z for z in zones}
    return set(ZoneTree(zones).leaves())
