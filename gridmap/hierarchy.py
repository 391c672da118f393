"""The zone tree as the hierarchy dock shows it: zones by code, then the
buildings of each grid by number, with household counts at every node."""

from __future__ import annotations

import re
from functools import lru_cache
from collections import Counter

from gridmap.bulk import collector_paused
from gridmap.zone_tree import ZoneTree
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gridmap.project import Project

_NUMBER = re.compile(r"\d+")


@lru_cache(maxsize=65536)
def natural_key(text: str) -> tuple:
    """Sort "2号楼" before "10号楼". Cached: a city repeats the same few numbers."""
    return tuple(int(t) if t.isdecimal() else t for t in re.split(r"(\d+)", text))


class Hierarchy:
    """Children and counts of the zone tree, rebuilt when zones or buildings change."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.rebuild()

    def rebuild(self) -> None:
        with collector_paused():
            self._rebuild()

    def _rebuild(self) -> None:
        tables = self.project.tables
        self.tree = ZoneTree(tables["zones"])
        self.roots = self.tree.roots
        self.zone_children = self.tree.children
        compounds = tables["compounds"]
        self.zone_buildings: dict[int, list[int]] = {}
        for b in sorted(tables["buildings"].values(), key=lambda b: (
                compounds[b.compound_id].name if b.compound_id in compounds else "", natural_key(b.number))):
            if b.zone_id is not None:
                self.zone_buildings.setdefault(b.zone_id, []).append(b.id)
        self.recount()

    def recount(self) -> None:
        """Household counts again (households changed, the tree did not)."""
        tables = self.project.tables
        self.building_households = Counter(h.building_id for h in tables["households"].values())
        self.zone_households: dict[int, int] = {}
        for root in self.roots:
            self._count(root)
        self._stats = None

    def zone_stats(self, zone_id: int):
        """The counts of one zone (``gridmap.stats.ZoneStats``), computed for all
        zones on first use and kept until the next rebuild."""
        if self._stats is None:
            from gridmap.stats import zone_stats

            self._stats = {s.id: s for s in zone_stats(self.project)}
        return self._stats[zone_id]

    def _count(self, zone_id: int) -> int:
        total = sum(self.building_households[b] for b in self.zone_buildings.get(zone_id, ()))
        total += sum(self._count(kid) for kid in self.zone_children.get(zone_id, ()))
        self.zone_households[zone_id] = total
        return total

    def children(self, kind: str, item_id: int | None) -> list[tuple[str, int]]:
        """The (kind, id) children of a node; ``("root", None)`` for the top."""
        if kind == "root":
            return [("zone", z) for z in self.roots]
        if kind == "zone":
            return [("zone", z) for z in self.zone_children.get(item_id, ())] + \
                   [("building", b) for b in self.zone_buildings.get(item_id, ())]
        return []

    def parent(self, kind: str, item_id: int) -> tuple[str, int | None]:
        tables = self.project.tables
        if kind == "zone":
            if item_id in self.roots:
                return ("root", None)
            return ("zone", tables["zones"][item_id].parent_id)
        if kind == "building":
            return ("zone", tables["buildings"][item_id].zone_id)
        raise KeyError(kind)

    def households(self, kind: str, item_id: int) -> int:
        if kind == "zone":
            return self.zone_households.get(item_id, 0)
        if kind == "building":
            return self.building_households.get(item_id, 0)
        return 0
