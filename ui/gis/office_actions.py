"""From imported buildings and streets to a zone tree: the street office
(from the buildings' outline, the data's extent, drawn, or imported) and its
communities (along main roads, drawn, or imported), and the level the Draw
tool draws at. Each edit is one undo step; what cannot be done is said."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QInputDialog, QMenu

from gridmap.commands.office import SplitIntoZones
from gridmap.commands.zones import DrawZone
from gridmap.errors import EditError
from gridmap.levels import Depths, project_depths
from gridmap.model.entities import GRID, LEVEL_ROLES
from gridmap.topology.office import MAIN_AND_SECONDARY, MAIN_ROADS, built_up_outline, data_extent, split_along
from gridmap.zone_tree import ZoneTree
from ui.busy import busy_or_explain
from ui.canvas.edit_tools import DrawZoneTool
from ui.context import AppContext
from ui.new_action import new_action
from ui.reason_text import reason_text
from ui.zone_levels import level_word, role_word

if TYPE_CHECKING:
    from ui.gis.gis_actions import GisActions


class OfficeActions(QObject):
    draw_requested = Signal()  # a level was chosen to draw at: the Draw tool, please

    def __init__(self, ctx: AppContext, gis: GisActions) -> None:
        super().__init__(ctx.dialog_parent)
        self.ctx, self.gis = ctx, gis
        self.level: int | None = None  # the Draw tool's level (a depth); None: the grids'
        self.office_from_outline = self._action(self.tr("Street Office from the Buildings' &Outline…"),
                                                lambda: self.make_office("outline"), "actionOfficeFromOutline")
        self.office_from_outline.setStatusTip(self.tr("The area the buildings stand in, with a margin of 10 m"))
        self.office_from_extent = self._action(self.tr("Street Office from the Data's &Extent…"),
                                               lambda: self.make_office("extent"), "actionOfficeFromExtent")
        self.draw_office = self._action(self.tr("&Draw the Street Office"), lambda: self.draw(self._depths().office),
                                        "actionDrawOffice")
        self.import_boundaries = self._action(self.tr("&Import Boundaries…"), self.import_zones,
                                              "actionImportBoundaries")
        self.communities_along_roads = self._action(self.tr("&Communities along Main Roads…"),
                                                    lambda: self.split_along_roads(), "actionCommunitiesAlongRoads")
        self.draw_community = self._action(self.tr("Draw a C&ommunity"), lambda: self.draw(self._depths().community),
                                           "actionDrawCommunity")
        self.import_buildings = self._action(self.tr("Import &Buildings…"), self.import_buildings_layer,
                                             "actionImportBuildings")
        self.level_group = QActionGroup(ctx.dialog_parent)
        self.level_group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)  # a 片区: none checked
        self.level_actions: dict[str, QAction] = {}  # by the role of the level drawn at
        self.level_menu = QMenu(self.tr("Draw at &Level"), ctx.dialog_parent)
        for depth, role in enumerate(LEVEL_ROLES, 1):
            action = self._action(role_word(role), lambda role=role: self.draw(self._depths().of(role)),
                                  f"actionDrawLevel{depth}")
            action.setCheckable(True)
            self.level_group.addAction(action)
            self.level_menu.addAction(action)
            self.level_actions[role] = action
        self.level_actions[GRID].setChecked(True)
        self.menu = QMenu(self.tr("Street &Office and Communities"), ctx.dialog_parent)
        for action in (self.office_from_outline, self.office_from_extent, self.draw_office, None,
                       self.communities_along_roads, self.draw_community, None, self.import_boundaries,
                       self.import_buildings):
            self.menu.addSeparator() if action is None else self.menu.addAction(action)
        gis_menu = gis.menu  # also under File ▸ GIS Data, after Import Layer
        gis_menu.insertMenu(gis_menu.actions()[gis_menu.actions().index(gis.import_layer) + 1], self.menu)

    def _action(self, text: str, slot: Callable[[], object], name: str) -> QAction:
        return new_action(self.ctx.dialog_parent, text, None, slot, name)

    def _depths(self) -> Depths:
        """Which depth of the open project is the office's, the communities', the grids'…"""
        project = self.ctx.project
        return project_depths(project) if project is not None else Depths()

    def _level_word(self, level: int) -> str:
        project = self.ctx.project
        return level_word(level, project.levels if project is not None else ())

    # -- the Draw tool -------------------------------------------------------------------

    def draw_tool(self, canvas) -> DrawZoneTool:
        """The Draw tool at the level chosen, or the level below the selected zone."""
        item, project = self.ctx.selection.item, self.ctx.project
        zones = project.tables["zones"] if project is not None else {}
        at = self._depths()
        if self.level is None:
            self.level = at.grid
        if not self._chosen_now:
            if item is not None and item.kind == "zone" and item.id in zones:
                self.level = min(zones[item.id].level + 1, at.micro_grid)  # nothing is drawn below micro-grids
            elif not zones:
                self.level = at.office
        self._chosen_now = False
        checked = self.level_actions.get(at.role_at(self.level))
        if checked is not None:
            checked.setChecked(True)
        elif self.level_group.checkedAction() is not None:
            self.level_group.checkedAction().setChecked(False)
        return DrawZoneTool(canvas, self.level, self.ask_name)

    _chosen_now = False  # a level picked in the menu wins over the selection, once

    def draw(self, level: int) -> None:
        """The Draw tool at ``level`` (from the Draw at Level menu and the steps)."""
        self.level, self._chosen_now = level, True
        self.draw_requested.emit()

    def draw_hint(self) -> str:
        return (self.tr("Drawing a %1: click its corners, double-click or press Enter to finish; two points on one "
                        "boundary follow it. Edit ▸ Draw at Level changes the level.")
                .replace("%1", self._level_word(self.level if self.level is not None else self._depths().grid)))

    def ask_name(self, level: int) -> str | None:
        """The name of a new top zone (the project's title for a street office); None if cancelled."""
        project = self.ctx.project
        default = (project.meta.get("title") or "").strip() if level == self._depths().office else ""
        word = self._level_word(level)
        text, ok = QInputDialog.getText(self.ctx.dialog_parent, self.tr("Name"),
                                        self.tr("Name of the new %1:").replace("%1", word), text=default or word)
        if not ok:
            return None
        return text.strip() or word

    # -- the street office ---------------------------------------------------------------

    def make_office(self, how: str) -> bool:
        """The street office from the buildings' outline (``outline``) or the
        extent of the buildings and streets (``extent``), named as asked."""
        parent, project = self.ctx.dialog_parent, self.ctx.project
        if project is None:
            return False
        office = self._depths().office
        offices = project.zones_at(office)
        if offices:
            return self._say(self.tr("%1 is the street office already: change its boundary with Edit Vertices, "
                                     "or delete it first.").replace("%1", offices[0].name))
        buildings = [b.geometry for b in project.tables["buildings"].values()]
        streets = [s.geometry for s in project.tables["streets"].values()]
        if not buildings and (how == "outline" or not streets):
            return self._say(self.tr("The project has no buildings to take the outline of: import buildings "
                                     "first (File ▸ GIS Data ▸ Import Layer)."))
        shape = busy_or_explain(parent, lambda: built_up_outline(buildings) if how == "outline"
                                else data_extent(buildings + streets), (EditError,),
                                self.tr("Cannot make the street office"), reason_text)
        if shape is None:
            return False
        name = self.ask_name(office)
        if name is None:
            return False
        if not self.ctx.canvas.push(DrawZone(None, shape, name, office)):
            return False
        self.ctx.canvas.zoom_full()
        self.ctx.messages.status(self.tr("Street office %1 made (Ctrl+Z takes it back). Next: its communities, "
                                         "along main roads, drawn or imported.").replace("%1", name), 10000)
        return True

    # -- communities ---------------------------------------------------------------------

    def split_along_roads(self, classes: tuple[str, ...] | None = None) -> bool:
        """The selected zone (else the street office) divided along the roads
        of ``classes`` (asked when None) into communities, 第1社区… in reading order."""
        parent, project = self.ctx.dialog_parent, self.ctx.project
        if project is None:
            return False
        zone = self._zone_to_divide()
        if zone is None:
            return self._say(self.tr("There is no street office to divide yet: make it first (from the buildings' "
                                     "outline, drawn, or imported)."))
        if ZoneTree(project.tables["zones"]).children.get(zone.id):
            return self._say(self.tr("%1 has communities already: merge or delete them, or draw more.")
                             .replace("%1", zone.name))
        if classes is None:
            choices = [(MAIN_AND_SECONDARY, self.tr("Main and secondary roads (主干路, 次干路)")),
                       (MAIN_ROADS, self.tr("Main roads only (主干路)"))]
            text, ok = QInputDialog.getItem(parent, self.tr("Communities along Main Roads"),
                                            self.tr("Divide %1 along:").replace("%1", zone.name),
                                            [t for _, t in choices], 0, False)
            if not ok:
                return False
            classes = next(c for c, t in choices if t == text)
        streets = project.tables["streets"].values()
        lines = [s.geometry for s in streets if s.kind in classes and s.geometry.intersects(zone.geometry)]
        if not lines:
            return self._say((self.tr("No road of those classes crosses %1: choose more of them, import streets, or "
                                      "draw the communities.") if streets else
                              self.tr("The project has no streets to divide %1 along: import them (File ▸ GIS Data "
                                      "▸ Import Layer), or draw the communities.")).replace("%1", zone.name))
        footprints = [b.geometry for b in project.tables["buildings"].values()
                      if b.geometry.intersects(zone.geometry)]
        if not footprints:
            return self._say(self.tr("No building stands in %1: import buildings before dividing it.")
                             .replace("%1", zone.name))
        pieces = busy_or_explain(parent, lambda: split_along(zone.geometry, footprints, lines), (EditError,),
                                 self.tr("Cannot divide %1").replace("%1", zone.name), reason_text)
        if pieces is None:
            return False
        if len(pieces) < 2:
            return self._say(self.tr("Those roads do not divide %1: choose more of them, or draw the communities.")
                             .replace("%1", zone.name))
        if not self.ctx.canvas.push(SplitIntoZones(zone.id, pieces)):
            return False
        self.ctx.messages.status(
            self.tr("%1 divided into %2 communities, numbered in reading order (Ctrl+Z takes them back); merge "
                    "pieces with Edit ▸ Merge Zone with…").replace("%1", zone.name).replace("%2", str(len(pieces))),
            12000)
        return True

    def _zone_to_divide(self):
        """The selected zone if it has no zones under it, else the first street office."""
        project, item = self.ctx.project, self.ctx.selection.item
        zones, at = project.tables["zones"], self._depths()
        if item is not None and item.kind == "zone" and item.id in zones and zones[item.id].level < at.grid:
            return zones[item.id]
        return next((z for z in sorted(zones.values(), key=lambda z: z.code) if z.level == at.office), None)

    # -- imports -------------------------------------------------------------------------

    def import_zones(self) -> None:
        """The import dialog set for boundaries: the street office if there is none, else communities."""
        project = self.ctx.project
        if project is None:
            return
        at = self._depths()
        has_office = bool(project.zones_at(at.office))
        self.gis.open_import(target="zones", zone_level=at.community if has_office else at.office)

    def import_buildings_layer(self) -> None:
        self.gis.open_import(target="buildings")

    def _say(self, text: str) -> bool:
        self.ctx.messages.inform(self.tr("Street Office and Communities"), text)
        return False
