"""From imported buildings and streets to a zone tree: the street office
(from the buildings' outline, the data's extent, drawn, or imported) and its
communities (along main roads, drawn, or imported), and the level the Draw
tool draws at. Each edit is one undo step; what cannot be done is said."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from gridmap.commands.office import SplitIntoZones
from gridmap.commands.zones import DrawZone
from gridmap.errors import EditError
from gridmap.model.entities import COMMUNITY_LEVEL, GRID_LEVEL, OFFICE_LEVEL
from gridmap.topology.office import MAIN_AND_SECONDARY, MAIN_ROADS, built_up_outline, data_extent, split_along
from gridmap.zone_tree import ZoneTree
from ui.busy import busy_or_explain
from ui.canvas.edit_tools import DrawZoneTool
from ui.new_action import new_action
from ui.reason_text import reason_text
from ui.zone_levels import LEVELS, level_word

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class OfficeActions(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.level = GRID_LEVEL  # the Draw tool's level
        self.office_from_outline = self._action(self.tr("Street Office from the Buildings' &Outline…"),
                                                lambda: self.make_office("outline"), "actionOfficeFromOutline")
        self.office_from_outline.setStatusTip(self.tr("The area the buildings stand in, with a margin of 10 m"))
        self.office_from_extent = self._action(self.tr("Street Office from the Data's &Extent…"),
                                               lambda: self.make_office("extent"), "actionOfficeFromExtent")
        self.draw_office = self._action(self.tr("&Draw the Street Office"), lambda: self.draw(OFFICE_LEVEL),
                                        "actionDrawOffice")
        self.import_boundaries = self._action(self.tr("&Import Boundaries…"), self.import_zones,
                                              "actionImportBoundaries")
        self.communities_along_roads = self._action(self.tr("&Communities along Main Roads…"),
                                                    lambda: self.split_along_roads(), "actionCommunitiesAlongRoads")
        self.draw_community = self._action(self.tr("Draw a C&ommunity"), lambda: self.draw(COMMUNITY_LEVEL),
                                           "actionDrawCommunity")
        self.import_buildings = self._action(self.tr("Import &Buildings…"), self.import_buildings_layer,
                                             "actionImportBuildings")
        self.level_group = QActionGroup(window)
        self.level_actions: dict[int, QAction] = {}
        self.level_menu = QMenu(self.tr("Draw at &Level"), window)
        for level in LEVELS:
            action = self._action(level_word(level), lambda lv=level: self.draw(lv), f"actionDrawLevel{level}")
            action.setCheckable(True)
            self.level_group.addAction(action)
            self.level_menu.addAction(action)
            self.level_actions[level] = action
        self.level_actions[self.level].setChecked(True)
        self.menu = QMenu(self.tr("Street &Office and Communities"), window)
        for action in (self.office_from_outline, self.office_from_extent, self.draw_office, None,
                       self.communities_along_roads, self.draw_community, None, self.import_boundaries,
                       self.import_buildings):
            self.menu.addSeparator() if action is None else self.menu.addAction(action)
        gis = window.gis_actions.menu  # also under File ▸ GIS Data, after Import Layer
        gis.insertMenu(gis.actions()[gis.actions().index(window.gis_actions.import_layer) + 1], self.menu)

    def _action(self, text: str, slot: Callable[[], object], name: str) -> QAction:
        return new_action(self.window, text, None, slot, name)

    # -- the Draw tool -------------------------------------------------------------------

    def draw_tool(self, canvas) -> DrawZoneTool:
        """The Draw tool at the level chosen, or the level below the selected zone."""
        item, project = self.window.selection.item, self.window.project
        zones = project.tables["zones"] if project is not None else {}
        if not self._chosen_now:
            if item is not None and item.kind == "zone" and item.id in zones:
                self.level = min(zones[item.id].level + 1, max(LEVELS))
            elif not zones:
                self.level = OFFICE_LEVEL
        self._chosen_now = False
        self.level_actions[self.level].setChecked(True)
        return DrawZoneTool(canvas, self.level, self.ask_name)

    _chosen_now = False  # a level picked in the menu wins over the selection, once

    def draw(self, level: int) -> None:
        """The Draw tool at ``level`` (from the Draw at Level menu and the steps)."""
        self.level, self._chosen_now = level, True
        self.window.actions.tool_draw.setChecked(True)
        self.window.use_tool("draw")

    def draw_hint(self) -> str:
        return (self.tr("Drawing a %1: click its corners, double-click or press Enter to finish; two points on one "
                        "boundary follow it. Edit ▸ Draw at Level changes the level.")
                .replace("%1", level_word(self.level)))

    def ask_name(self, level: int) -> str | None:
        """The name of a new top zone (the project's title for a street office); None if cancelled."""
        project = self.window.project
        default = (project.meta.get("title") or "").strip() if level == OFFICE_LEVEL else ""
        text, ok = QInputDialog.getText(self.window, self.tr("Name"),
                                        self.tr("Name of the new %1:").replace("%1", level_word(level)),
                                        text=default or level_word(level))
        if not ok:
            return None
        return text.strip() or level_word(level)

    # -- the street office ---------------------------------------------------------------

    def make_office(self, how: str) -> bool:
        """The street office from the buildings' outline (``outline``) or the
        extent of the buildings and streets (``extent``), named as asked."""
        window = self.window
        project = window.project
        if project is None:
            return False
        offices = [z for z in project.tables["zones"].values() if z.level == OFFICE_LEVEL]
        if offices:
            return self._say(self.tr("%1 is the street office already: change its boundary with Edit Vertices, "
                                     "or delete it first.").replace("%1", offices[0].name))
        buildings = [b.geometry for b in project.tables["buildings"].values()]
        streets = [s.geometry for s in project.tables["streets"].values()]
        if not buildings and (how == "outline" or not streets):
            return self._say(self.tr("The project has no buildings to take the outline of: import buildings "
                                     "first (File ▸ GIS Data ▸ Import Layer)."))
        shape = busy_or_explain(window, lambda: built_up_outline(buildings) if how == "outline"
                                else data_extent(buildings + streets), (EditError,),
                                self.tr("Cannot make the street office"), reason_text)
        if shape is None:
            return False
        name = self.ask_name(OFFICE_LEVEL)
        if name is None:
            return False
        if not window.canvas.push(DrawZone(None, shape, name, OFFICE_LEVEL)):
            return False
        window.canvas.zoom_full()
        window.statusBar().showMessage(self.tr("Street office %1 made (Ctrl+Z takes it back). Next: its communities, "
                                               "along main roads, drawn or imported.").replace("%1", name), 10000)
        return True

    # -- communities ---------------------------------------------------------------------

    def split_along_roads(self, classes: tuple[str, ...] | None = None) -> bool:
        """The selected zone (else the street office) divided along the roads
        of ``classes`` (asked when None) into communities, 第1社区… in reading order."""
        window = self.window
        project = window.project
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
            text, ok = QInputDialog.getItem(window, self.tr("Communities along Main Roads"),
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
        pieces = busy_or_explain(window, lambda: split_along(zone.geometry, footprints, lines), (EditError,),
                                 self.tr("Cannot divide %1").replace("%1", zone.name), reason_text)
        if pieces is None:
            return False
        if len(pieces) < 2:
            return self._say(self.tr("Those roads do not divide %1: choose more of them, or draw the communities.")
                             .replace("%1", zone.name))
        if not window.canvas.push(SplitIntoZones(zone.id, pieces)):
            return False
        window.statusBar().showMessage(
            self.tr("%1 divided into %2 communities, numbered in reading order (Ctrl+Z takes them back); merge "
                    "pieces with Edit ▸ Merge Zone with…").replace("%1", zone.name).replace("%2", str(len(pieces))),
            12000)
        return True

    def _zone_to_divide(self):
        """The selected zone if it has no zones under it, else the first street office."""
        project, item = self.window.project, self.window.selection.item
        zones = project.tables["zones"]
        if item is not None and item.kind == "zone" and item.id in zones and zones[item.id].level < GRID_LEVEL:
            return zones[item.id]
        return next((z for z in sorted(zones.values(), key=lambda z: z.code) if z.level == OFFICE_LEVEL), None)

    # -- imports -------------------------------------------------------------------------

    def import_zones(self) -> None:
        """The import dialog set for boundaries: the street office if there is none, else communities."""
        project = self.window.project
        if project is None:
            return
        has_office = any(z.level == OFFICE_LEVEL for z in project.tables["zones"].values())
        self.window.gis_actions.open_import(target="zones", zone_level=COMMUNITY_LEVEL if has_office else OFFICE_LEVEL)

    def import_buildings_layer(self) -> None:
        self.window.gis_actions.open_import(target="buildings")

    def _say(self, text: str) -> bool:
        QMessageBox.information(self.window, self.tr("Street Office and Communities"), text)
        return False
