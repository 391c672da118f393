"""Staff dragged from the roster onto the map: they get a post at the site point
under the cursor (a checkpoint is staffed), else the building, else the leaf
grid there. The canvas hands the drop over through ``set_drop_handler``."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Callable

from PySide6.QtCore import QMimeData

from gridmap.selection import Item
from ui.staff.mime import staff_ids_from

if TYPE_CHECKING:
    from ui.canvas.map_canvas import MapCanvas

POSTED_AT = ("zone", "building", "site_point")  # what staff can be dropped on


class StaffDropOnMap:
    """A drop handler for the map canvas; ``assign(staff_ids, item)`` asks for the role and posts them."""

    def __init__(self, canvas: MapCanvas, assign: Callable[[list[int], Item], object]) -> None:
        self.canvas = canvas
        self.assign = assign

    def accepts(self, mime: QMimeData) -> bool:
        return bool(staff_ids_from(mime))

    def target(self, x: float, y: float) -> Item | None:
        item = self.canvas.item_at(x, y)
        return item if item is not None and item.kind in POSTED_AT else None

    def can_drop(self, mime: QMimeData, x: float, y: float) -> bool:
        return self.accepts(mime) and self.target(x, y) is not None

    def drop(self, mime: QMimeData, x: float, y: float) -> bool:
        target = self.target(x, y)
        if target is None or not self.accepts(mime):
            return False
        self.assign(staff_ids_from(mime), target)
        return True
