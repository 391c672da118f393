"""Map tools: small classes that turn map events into actions.

The canvas converts each Qt event into a ``MapEvent`` once (pixel and map
coordinates) and hands it to the active tool; tests feed events straight in.
Each tool declares the signals it emits (a building opened, a grid picked…);
whoever sets a tool on the canvas connects to it (``MapCanvas.tool_changed``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

if TYPE_CHECKING:
    from ui.canvas.map_canvas import MapCanvas

CLICK_SLOP = 4  # pixels a press may move and still count as a click


@dataclass(frozen=True)
class MapEvent:
    px: float
    py: float
    x: float  # map metres
    y: float
    button: Qt.MouseButton = Qt.MouseButton.NoButton
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier


class MapTool(QObject):
    """Base: every handler does nothing."""

    hint_changed = Signal(str)  # what the tool needs said beside the status bar while it lasts ("" = nothing)
    finished = Signal()  # the tool is finished with (Escape): back to browsing

    cursor = Qt.CursorShape.ArrowCursor

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__()
        self.canvas = canvas
        self._hint = ""

    def set_hint(self, text: str) -> None:
        if text != self._hint:
            self._hint = text
            self.hint_changed.emit(text)

    def activate(self) -> None:
        self.canvas.setCursor(self.cursor)

    def deactivate(self) -> None:
        pass

    def press(self, event: MapEvent) -> None:
        pass

    def move(self, event: MapEvent) -> None:
        pass

    def release(self, event: MapEvent) -> None:
        pass

    def double_click(self, event: MapEvent) -> None:
        pass

    def paint(self, painter) -> None:
        """Draw the tool's rubber band over the frame (in pixels)."""

    def key(self, key: Qt.Key) -> bool:
        """Handle a key press; True if the tool used it."""
        return False


class PanSelectTool(MapTool):
    """Drag to pan (the last frame is moved, not redrawn, until release);
    click to select what is under the cursor."""

    building_opened = Signal(int)  # a building double-clicked: show its colour plan

    cursor = Qt.CursorShape.OpenHandCursor

    def __init__(self, canvas: MapCanvas) -> None:
        super().__init__(canvas)
        self._start: MapEvent | None = None
        self._dragging = False

    def deactivate(self) -> None:
        """Left mid-drag (Escape, a shortcut): the frame goes back where it was."""
        if self._dragging:
            self.canvas.set_drag_offset(0, 0)
        self._start, self._dragging = None, False

    def press(self, event: MapEvent) -> None:
        if event.button == Qt.MouseButton.LeftButton:
            self._start = event
            self._dragging = False

    def move(self, event: MapEvent) -> None:
        if self._start is None:
            return
        dx, dy = event.px - self._start.px, event.py - self._start.py
        if not self._dragging and abs(dx) + abs(dy) > CLICK_SLOP:
            self._dragging = True
            self.canvas.setCursor(Qt.CursorShape.ClosedHandCursor)
        if self._dragging:
            self.canvas.set_drag_offset(dx, dy)

    def release(self, event: MapEvent) -> None:
        if self._start is None:
            return
        start, self._start = self._start, None
        if self._dragging:
            self._dragging = False
            self.canvas.setCursor(self.cursor)
            self.canvas.set_drag_offset(0, 0)
            self.canvas.pan_by(event.px - start.px, event.py - start.py)
        else:
            self.clicked(event)

    def clicked(self, event: MapEvent) -> None:
        """A press and release without a drag: select (tools that also pan override this)."""
        self.canvas.select_at(event.x, event.y)

    def double_click(self, event: MapEvent) -> None:
        """A building opens its colour plan; anywhere else zooms in."""
        item = self.canvas.item_at(event.x, event.y)
        if item is not None and item.kind == "building":
            self.building_opened.emit(item.id)
        else:
            self.canvas.zoom_by(2.0, (event.px, event.py))
