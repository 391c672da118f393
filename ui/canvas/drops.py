"""What the map does with something dragged onto it: a drop handler decides
(the canvas knows nothing of staff, households or files)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QMimeData


class DropHandler(Protocol):
    def accepts(self, mime: QMimeData) -> bool:
        """The drag carries something this handler takes (the drag may enter the map)."""

    def can_drop(self, mime: QMimeData, x: float, y: float) -> bool:
        """It can be dropped at the map point (x, y), in metres."""

    def drop(self, mime: QMimeData, x: float, y: float) -> bool:
        """Drop it at (x, y); True if something was done."""
