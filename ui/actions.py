"""The main window's menus and toolbar: File, Edit, View, Help.

Behaviour lives in small methods here; the window only assembles.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from ui.imports.household_roster_actions import HouseholdRosterActions
from ui.new_action import new_action
from ui.site.site_actions import SiteActions
from ui.undo_actions import UndoActions

if TYPE_CHECKING:
    from ui.main_window import MainWindow



class MainActions(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.open = self._action(self.tr("&Open…"), QKeySequence.StandardKey.Open, self.choose_and_open, "actionOpen")
        self.save_as = self._action(self.tr("Save &As…"), QKeySequence("Ctrl+Shift+S"), self.choose_and_save_as,
                                    "actionSaveAs")
        self.reload = self._action(self.tr("Re&load from Disk"), QKeySequence.StandardKey.Refresh,
                                   lambda: window.reload_project(), "actionReload")
        self.household_roster = HouseholdRosterActions(window)
        self.import_roster = self._action(self.tr("&Import Household Roster…"), QKeySequence("Ctrl+I"),
                                          self.household_roster.import_roster, "actionImportRoster")
        self.export_roster = self._action(self.tr("&Export Household Roster…"), None,
                                          self.household_roster.export_roster, "actionExportRoster")
        self.roster_template = self._action(self.tr("Save Roster &Template…"), None,
                                            self.household_roster.save_template, "actionRosterTemplate")
        staff = window.staff_actions
        self.import_staff = self._action(self.tr("Import Staff &Roster…"), None, staff.import_roster,
                                         "actionImportStaff")
        self.export_staff = self._action(self.tr("Export Staff R&oster…"), None, staff.export_roster,
                                         "actionExportStaff")
        self.export_coverage = self._action(self.tr("Export &Coverage Table…"), None, staff.export_coverage,
                                            "actionExportCoverage")
        self.quit = self._action(self.tr("&Quit"), QKeySequence("Ctrl+Q"), window.close, "actionQuit")
        self.undo = UndoActions(window)
        self.zoom_full = self._action(self.tr("Zoom to &Full Extent"), QKeySequence("Ctrl+Shift+F"),
                                      lambda: window.canvas.zoom_full(), "actionZoomFull")
        self.zoom_selection = self._action(self.tr("Zoom to &Selection"), QKeySequence("Ctrl+J"),
                                           window.frame_selection, "actionZoomSelection")
        self.zoom_in = self._action(self.tr("Zoom &In"), QKeySequence.StandardKey.ZoomIn,
                                    lambda: window.canvas.zoom_by(1.5), "actionZoomIn")
        self.zoom_out = self._action(self.tr("Zoom &Out"), QKeySequence.StandardKey.ZoomOut,
                                     lambda: window.canvas.zoom_by(1 / 1.5), "actionZoomOut")
        self.find = self._action(self.tr("&Find…"), QKeySequence.StandardKey.Find, window.focus_search, "actionFind")
        self.colour_plan = self._action(self.tr("&Colour Plan of the Building"), QKeySequence("Ctrl+Shift+B"),
                                        self.show_plan, "actionColourPlan")
        self.chinese = self._action("中文", None, lambda: self.set_language("zh_CN"), "actionChinese")
        self.english = self._action("English", None, lambda: self.set_language("en"), "actionEnglish")
        for action in (self.chinese, self.english):
            action.setCheckable(True)
        current = window.settings.language
        self.chinese.setChecked(current == "zh_CN")
        self.english.setChecked(current == "en")
        self.about = self._action(self.tr("&About gridmap"), None, self.show_about, "actionAbout")
        # Map tools: one checked at a time.
        self.tools = QActionGroup(window)
        self.tool_browse = self._tool(self.tr("&Browse and Select"), "Ctrl+1", "browse", "actionToolBrowse")
        self.tool_vertices = self._tool(self.tr("Edit &Vertices"), "Ctrl+2", "vertices", "actionToolVertices")
        self.tool_split = self._tool(self.tr("S&plit Grid"), "Ctrl+3", "split", "actionToolSplit")
        self.tool_paint = self._tool(self.tr("&Paint Buildings into a Grid"), "Ctrl+4", "paint", "actionToolPaint")
        self.tool_draw = self._tool(self.tr("Dra&w a Zone"), "Ctrl+5", "draw", "actionToolDraw")
        self.tool_browse.setChecked(True)
        self.map_tools = tuple(self.tools.actions())  # on the toolbar; the site tools join the group in their menu
        self.site = SiteActions(window, self.tools, self.tool_browse)
        self.merge_zone = self._action(self.tr("&Merge Zone with…"), None, lambda: window.zone_action("merge"),
                                       "actionMergeZone")
        self.delete_zone = self._action(self.tr("&Delete Zone…"), None, lambda: window.zone_action("delete"),
                                        "actionDeleteZone")
        self.reparent_zone = self._action(self.tr("Move Zone to Another &Parent…"), None,
                                          lambda: window.zone_action("reparent"), "actionReparentZone")
        self.regenerate_codes = self._action(self.tr("Regenerate Zone &Codes"), None,
                                             lambda: window.recode(False), "actionRegenerateCodes")
        self.renumber_codes = self._action(self.tr("Renumber Zone Codes by &Position"), None,
                                           lambda: window.recode(True), "actionRenumberCodes")
        self._build_menus()

    def _action(self, text: str, shortcut, slot: Callable[[], object], name: str) -> QAction:
        return new_action(self.window, text, shortcut, slot, name)

    def _tool(self, text: str, shortcut: str, tool: str, name: str) -> QAction:
        action = self._action(text, QKeySequence(shortcut), lambda: self.window.use_tool(tool), name)
        action.setCheckable(True)
        self.tools.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.window.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.open)
        self.recent_menu = QMenu(self.tr("Open &Recent"), self.window)
        self.recent_menu.setObjectName("menuRecent")
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.save_as)
        file_menu.addAction(self.reload)
        file_menu.addSeparator()
        roster_menu = file_menu.addMenu(self.tr("Household &Roster"))
        for action in (self.import_roster, self.export_roster, self.roster_template):
            roster_menu.addAction(action)
        staff_menu = file_menu.addMenu(self.tr("&Staff"))
        for action in (self.import_staff, self.export_staff, self.export_coverage):
            staff_menu.addAction(action)
        file_menu.addMenu(self.window.gis_actions.menu)
        file_menu.addSeparator()
        file_menu.addAction(self.window.print_actions.print_charts)
        file_menu.addAction(self.window.print_actions.export_view)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        self.window.file_menu = file_menu
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo.undo)
        edit_menu.addAction(self.undo.redo)
        edit_menu.addSeparator()
        for action in self.map_tools:
            edit_menu.addAction(action)
        edit_menu.addMenu(self.window.office_actions.level_menu)
        edit_menu.addMenu(self.window.office_actions.menu)
        edit_menu.addSeparator()
        naming = self.window.zone_naming
        for action in (naming.rename_action, self.merge_zone, self.delete_zone, self.reparent_zone):
            edit_menu.addAction(action)
        edit_menu.addAction(self.window.partition_actions.partition)
        self.window.tree.set_context_actions([  # on a zone's row in the hierarchy (None: a separator)
            naming.rename_action, naming.serial_action, None, self.merge_zone, self.delete_zone,
            self.reparent_zone, self.window.partition_actions.partition, None, self.zoom_selection])
        edit_menu.addSeparator()
        edit_menu.addMenu(self.site.menu)
        edit_menu.addSeparator()
        edit_menu.addAction(self.regenerate_codes)
        edit_menu.addAction(self.renumber_codes)
        edit_menu.addAction(naming.serial_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find)
        view_menu = bar.addMenu(self.tr("&View"))
        for action in (self.zoom_full, self.zoom_selection, self.zoom_in, self.zoom_out):
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.colour_plan)
        self.panels_menu = view_menu.addMenu(self.tr("&Panels"))
        language_menu = view_menu.addMenu(self.tr("&Language"))
        language_menu.addAction(self.chinese)
        language_menu.addAction(self.english)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about)
        self.fill_recent()

    def fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.window.settings.recent_files
        for number, path in enumerate(files, 1):
            action = self.recent_menu.addAction(f"&{number} {Path(path).name}    {Path(path).parent}")
            action.triggered.connect(lambda _checked=False, p=path: self.window.open_path(p))
        if not files:
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)

    def choose_and_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open project"),
                                              self.window.settings.last_folder, self.tr("gridmap projects (*.gpkg)"))
        if path:
            self.window.open_path(path)

    def choose_and_save_as(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save project as"),
                                              self.window.settings.last_folder, self.tr("gridmap projects (*.gpkg)"))
        if path:
            if not path.endswith(".gpkg"):
                path += ".gpkg"
            self.window.save_as(path)

    def show_plan(self) -> None:
        """The colour plan of the selected building, else the one shown last."""
        item, window = self.window.selection.item, self.window
        if item is not None and item.kind == "building":
            window.open_plan(item.id)
        elif window.plan.building_id is not None:
            window.plan_window.show_plan()
        else:
            window.statusBar().showMessage(self.tr("Select a building, or double-click one on the map or in the "
                                                   "tree, to open its colour plan"), 8000)

    def set_language(self, language: str) -> None:
        self.window.settings.language = language
        self.chinese.setChecked(language == "zh_CN")
        self.english.setChecked(language == "en")
        QMessageBox.information(self.window, self.tr("Language"),
                                self.tr("The new language is used the next time gridmap starts."))

    def show_about(self) -> None:
        from gridmap import __version__

        QMessageBox.about(self.window, self.tr("About gridmap"), self.tr(
            "<b>gridmap %1</b><p>Community grid governance GIS: grids, buildings, households and staff "
            "on one map.</p>").replace("%1", __version__))
