"""Households by occupancy and by tag, and people, for every zone at once.

Counted with numpy over the whole households table: each household counts in
the grid its building is linked to, and every zone adds up its children, so a
community's figures are exactly the sum of its grids'. Counts only: no names,
no phones (``gridmap stats`` may print them anywhere).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from gridmap.model.entities import OCCUPANCIES
from gridmap.zone_tree import ZoneTree

if TYPE_CHECKING:
    from gridmap.project import Project


@dataclass(frozen=True)
class HouseholdCounts:
    zone_id: int
    households: int
    people: int
    occupancy: dict[str, int]  # 常住 / 租户 / 空户 / 在外
    tags: dict[str, int]  # tag name → households with it

    def as_dict(self) -> dict[str, Any]:
        return {"households": self.households, "people": self.people, "occupancy": self.occupancy,
                "tags": self.tags}


def household_counts(project: Project) -> dict[int, HouseholdCounts]:
    """Zone id → its counts (its own grids and everything below it)."""
    zones = project.tables["zones"]
    tree = ZoneTree(zones)
    zone_ids = list(zones)
    row_of = {z: i for i, z in enumerate(zone_ids)}
    tag_names = [t.name for t in sorted(project.tag_defs, key=lambda t: t.position)]
    households = list(project.tables["households"].values())
    buildings = project.tables["buildings"]
    # one row per zone: households, people, one column per occupancy, one per tag
    width = 2 + len(OCCUPANCIES) + len(tag_names)
    table = np.zeros((len(zone_ids) + 1, width), dtype=np.int64)  # the last row takes the unplaced
    if households:
        home = np.fromiter((row_of.get(getattr(buildings.get(h.building_id), "zone_id", None), len(zone_ids))
                            for h in households), np.int64, len(households))
        occupancy_col = {name: 2 + i for i, name in enumerate(OCCUPANCIES)}
        tag_col = {name: 2 + len(OCCUPANCIES) + i for i, name in enumerate(tag_names)}
        values = np.zeros((len(households), width), dtype=np.int64)
        values[:, 0] = 1
        values[:, 1] = np.fromiter((h.people for h in households), np.int64, len(households))
        for n, h in enumerate(households):
            col = occupancy_col.get(h.occupancy)
            if col is not None:
                values[n, col] = 1
            for tag in h.tags:
                tcol = tag_col.get(tag)
                if tcol is not None:
                    values[n, tcol] = 1
        np.add.at(table, home, values)
    for zone_id in reversed(tree.walk()):  # children before parents
        for kid in tree.children.get(zone_id, []):
            table[row_of[zone_id]] += table[row_of[kid]]
    return {z: HouseholdCounts(z, int(row[0]), int(row[1]),
                               {name: int(row[2 + i]) for i, name in enumerate(OCCUPANCIES)},
                               {name: int(row[2 + len(OCCUPANCIES) + i]) for i, name in enumerate(tag_names)})
            for z, row in zip(zone_ids, table[:-1])}
