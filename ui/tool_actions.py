"""Edit ▸ the map tools: one checked at a time (the site tools join the same
group), each with its hint in the status bar; and what the tools' own signals
ask for: the colour plan of a double-clicked building, the running totals of a
paint, back to browsing when a tool is finished with."""

from __future__ import annotations

import weakref
from collections import Counter
from typing import TYPE_CHECKING
from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from ui.canvas.edit_tools import PaintTool, SplitTool, VertexTool
from ui.canvas.tools import MapTool, PanSelectTool
from ui.context import AppContext
from ui.new_action import new_action

if TYPE_CHECKING:
    from ui.gis.office_actions import OfficeActions


class MapToolActions(QObject):
    """``office`` makes the Draw tool (at its level); ``open_plan(building_id)``
    shows a colour plan; ``zone_counts()`` are the Statistics dock's counts per
    zone (it has counted an edit by the time a paint is reported)."""

    def __init__(self, ctx: AppContext, office: OfficeActions, open_plan: Callable[[int], None],
                 zone_counts: Callable[[], Mapping]) -> None:
        super().__init__(ctx.dialog_parent)
        self.ctx = ctx
        self.office = office
        self.open_plan = open_plan
        self.zone_counts = zone_counts
        self.group = QActionGroup(ctx.dialog_parent)
        self.tool_browse = self._tool(self.tr("&Browse and Select"), "Ctrl+1", "browse", "actionToolBrowse")
        self.tool_vertices = self._tool(self.tr("Edit &Vertices"), "Ctrl+2", "vertices", "actionToolVertices")
        self.tool_split = self._tool(self.tr("S&plit Grid"), "Ctrl+3", "split", "actionToolSplit")
        self.tool_paint = self._tool(self.tr("&Paint Buildings into a Grid"), "Ctrl+4", "paint", "actionToolPaint")
        self.tool_draw = self._tool(self.tr("Dra&w a Zone"), "Ctrl+5", "draw", "actionToolDraw")
        self.tool_browse.setChecked(True)
        self.map_tools = tuple(self.group.actions())  # on the toolbar; the site tools join the group in their menu
        self._heard: weakref.WeakSet[MapTool] = weakref.WeakSet()  # the tools connected to already
        office.draw_requested.connect(self._draw)
        ctx.canvas.tool_changed.connect(self._connect)
        self._connect(ctx.canvas.tool)

    def _tool(self, text: str, shortcut: str, tool: str, name: str) -> QAction:
        action = new_action(self.ctx.dialog_parent, text, QKeySequence(shortcut), lambda: self.use(tool), name)
        action.setCheckable(True)
        self.group.addAction(action)
        return action

    def use(self, name: str) -> None:
        canvas = self.ctx.canvas
        tools = {"browse": PanSelectTool, "vertices": VertexTool, "split": SplitTool, "paint": PaintTool,
                 "draw": self.office.draw_tool}
        canvas.set_tool(tools[name](canvas))
        hints = {"vertices": self.tr("Drag a vertex (a square; orange squares are shared by neighbouring zones "
                                     "and move in all of them). Double-click a boundary to add a vertex, "
                                     "right-click a vertex to delete it."),
                 "split": self.tr("Click where the cut starts, then where it ends."),
                 "paint": self.tr("Click a grid to paint with, then click buildings, drag a box around them "
                                  "or Shift-drag a lasso."),
                 "draw": self.office.draw_hint()}
        if name in hints:
            self.ctx.messages.status(hints[name], 8000)

    def _draw(self) -> None:
        """The Draw tool at the level the street office menus chose."""
        self.tool_draw.setChecked(True)
        self.use("draw")

    def _connect(self, tool: MapTool) -> None:
        """Listen to a tool just set on the map (by these actions, the site features' ones, or the
        partition dialog, which sets the one before its preview back: connected once)."""
        if tool in self._heard:
            return
        self._heard.add(tool)
        tool.hint_changed.connect(self.ctx.messages.show_tool_hint)
        tool.finished.connect(self.tool_browse.trigger)
        if isinstance(tool, PanSelectTool):
            tool.building_opened.connect(self.open_plan)
        if isinstance(tool, PaintTool):
            tool.target_picked.connect(self._paint_target)
            tool.painted.connect(self._paint_totals)

    def _paint_target(self, zone_id: int) -> None:
        zone = self.ctx.project.tables["zones"].get(zone_id)
        if zone is not None:
            self.ctx.messages.status(self.tr("Painting with %1: click buildings to move them into it")
                                     .replace("%1", zone.name), 8000)

    def _paint_totals(self, zone_ids) -> None:
        """The running totals of the grids a paint changed, target first."""
        counts = self.zone_counts()
        tables = self.ctx.project.tables
        buildings = Counter(b.zone_id for b in tables["buildings"].values())
        parts = []
        for zone_id in zone_ids:
            zone = tables["zones"].get(zone_id)
            if zone is None or zone_id not in counts:
                continue
            parts.append(self.tr("%1: %2 buildings, %3 households").replace("%1", zone.name)
                         .replace("%2", str(buildings[zone_id])).replace("%3", f"{counts[zone_id].households:,}"))
        self.ctx.messages.status(" · ".join(parts), 15000)
