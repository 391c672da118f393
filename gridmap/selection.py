"""What is selected, shared by the tree, the map and the attributes panel."""

from __future__ import annotations

from typing import NamedTuple

from gridmap.signals import Signal

KINDS = ("zone", "compound", "building", "household", "staff", "street", "site_point", "site_route")


class Item(NamedTuple):
    kind: str  # one of KINDS
    id: int


class Selection:
    """The current item (or None). ``changed`` is emitted with the new item and
    the source that set it, so a view can ignore its own echo."""

    def __init__(self) -> None:
        self.item: Item | None = None
        self.changed = Signal()

    def set(self, item: Item | None, source: object = None) -> None:
        if item == self.item:
            return
        self.item = item
        self.changed.emit(item, source)


TABLE_OF_KIND = {"zone": "zones", "compound": "compounds", "building": "buildings", "street": "streets",
                 "site_point": "site_points", "site_route": "site_routes"}


def item_geometry(project, item: Item | None):
    """The shape that stands for ``item`` on the map: a household by its building,
    a staff member by the zones and buildings assigned to them; None if nothing."""
    if item is None:
        return None
    tables = project.tables
    if item.kind == "household":
        household = tables["households"].get(item.id)
        return None if household is None else item_geometry(project, Item("building", household.building_id))
    if item.kind == "staff":
        shapes = [item_geometry(project, Item(a.target_kind, a.target_id) if a.target_kind != "unit" else
                                Item("building", tables["units"][a.target_id].building_id))
                  for a in tables["assignments"].values() if a.staff_id == item.id]
        shapes = [s for s in shapes if s is not None]
        if not shapes:
            return None
        from shapely import union_all

        return union_all(shapes)
    table = TABLE_OF_KIND.get(item.kind)
    record = tables[table].get(item.id) if table else None
    return None if record is None else record.geometry
