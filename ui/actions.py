"""The window's own menu actions: File (open, open shared, recent, save as, reload,
people and rights, quit) and View (zoom, find, the colour plan, language). Each class gets the application
context and what else it uses, passed explicitly; the window puts the actions
in its menus and toolbar."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from gridmap.selection import Item, item_geometry
from gridmap.storage.server.address import is_server_address
from ui.context import AppContext
from ui.new_action import new_action
from ui.output_saved import output_folder
from ui.shared.users_dialog import UsersDialog

if TYPE_CHECKING:
    from ui.docks.search_panel import SearchBox
    from ui.plans.plan_window import PlanWindow


class FileActions(QObject):
    """Opening and saving projects; ``open_path``, ``reload`` and ``save_as`` are
    the window's, which shows the project opened."""

    def __init__(self, ctx: AppContext, open_path: Callable[[str], bool], reload: Callable[[], bool],
                 save_as: Callable[[str], bool], quit_app: Callable[[], object],
                 open_shared: Callable[[], object] | None = None) -> None:
        super().__init__(ctx.dialog_parent)
        self.ctx = ctx
        self._open_path, self._save_as = open_path, save_as
        parent = ctx.dialog_parent
        self.open = new_action(parent, self.tr("&Open…"), QKeySequence.StandardKey.Open, self.choose_and_open,
                               "actionOpen")
        self.open_shared = new_action(parent, self.tr("Open S&hared Project…"), QKeySequence("Ctrl+Shift+O"),
                                      open_shared or (lambda: None), "actionOpenShared")
        self.open_shared.setStatusTip(self.tr("Open a project kept on the office's database server, which several "
                                              "desks edit at once"))
        self.save_as = new_action(parent, self.tr("Save &As…"), QKeySequence("Ctrl+Shift+S"),
                                  self.choose_and_save_as, "actionSaveAs")
        self.reload = new_action(parent, self.tr("Re&load from Disk"), QKeySequence.StandardKey.Refresh, reload,
                                 "actionReload")
        self.people = new_action(parent, self.tr("&People and Rights…"), None, self.manage_people, "actionPeople")
        self.people.setEnabled(False)  # a shared project's (its server keeps the rights)
        ctx.current.changed.connect(self._follow)
        self.quit = new_action(parent, self.tr("&Quit"), QKeySequence("Ctrl+Q"), quit_app, "actionQuit")
        self.recent_menu = QMenu(self.tr("Open &Recent"), parent)
        self.recent_menu.setObjectName("menuRecent")
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        self.fill_recent()

    def _follow(self, project) -> None:
        """A shared project is saved as a local copy and reloaded from its server; a file, as ever."""
        shared = project is not None and project.path is None
        self.save_as.setText(self.tr("Save a &Local Copy…") if shared else self.tr("Save &As…"))
        self.reload.setText(self.tr("Re&load from the Server") if shared else self.tr("Re&load from Disk"))
        self.people.setEnabled(shared)

    def manage_people(self) -> None:
        """File ▸ People and Rights…: who may open the shared project, and as what."""
        project = self.ctx.project
        if project is not None and project.path is None:
            UsersDialog(project.store.url, project, project.store.user, self.ctx.dialog_parent).exec()

    def fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.ctx.settings.recent_files
        for number, path in enumerate(files, 1):
            shown = path if is_server_address(path) else f"{Path(path).name}    {Path(path).parent}"
            action = self.recent_menu.addAction(f"&{number} {shown}")
            action.triggered.connect(lambda _checked=False, p=path: self._open_path(p))
        if not files:
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)

    def choose_and_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.ctx.dialog_parent, self.tr("Open project"),
                                              self.ctx.settings.last_folder, self.tr("gridmap projects (*.gpkg)"))
        if path:
            self._open_path(path)

    def choose_and_save_as(self) -> None:
        project = self.ctx.project
        if project is not None and project.path is None:  # a shared project: a copy on this computer
            title = project.meta.get("title") or self.tr("shared project")
            name = re.sub(r'[\\/:*?"<>|]', "_", title) + ".gpkg"  # a name any file system takes
            path, _ = QFileDialog.getSaveFileName(self.ctx.dialog_parent, self.tr("Save a local copy"),
                                                  str(output_folder(self.ctx.settings) / name),
                                                  self.tr("gridmap projects (*.gpkg)"))
        else:
            path, _ = QFileDialog.getSaveFileName(self.ctx.dialog_parent, self.tr("Save project as"),
                                                  self.ctx.settings.last_folder, self.tr("gridmap projects (*.gpkg)"))
        if path:
            if not path.endswith(".gpkg"):
                path += ".gpkg"
            self._save_as(path)


class ViewActions(QObject):
    """Zooming, framing what is picked, finding, the colour plan window and the
    language; ``plan_window`` and ``search_box`` are the widgets they show."""

    def __init__(self, ctx: AppContext, plan_window: PlanWindow, search_box: SearchBox) -> None:
        super().__init__(ctx.dialog_parent)
        self.ctx = ctx
        self.plan_window = plan_window
        self.search_box = search_box
        canvas, parent = ctx.canvas, ctx.dialog_parent
        self.zoom_full = new_action(parent, self.tr("Zoom to &Full Extent"), QKeySequence("Ctrl+Shift+F"),
                                    canvas.zoom_full, "actionZoomFull")
        self.zoom_selection = new_action(parent, self.tr("Zoom to &Selection"), QKeySequence("Ctrl+J"),
                                         self.frame_selection, "actionZoomSelection")
        self.zoom_in = new_action(parent, self.tr("Zoom &In"), QKeySequence.StandardKey.ZoomIn,
                                  lambda: canvas.zoom_by(1.5), "actionZoomIn")
        self.zoom_out = new_action(parent, self.tr("Zoom &Out"), QKeySequence.StandardKey.ZoomOut,
                                   lambda: canvas.zoom_by(1 / 1.5), "actionZoomOut")
        self.find = new_action(parent, self.tr("&Find…"), QKeySequence.StandardKey.Find, self.focus_search,
                               "actionFind")
        self.colour_plan = new_action(parent, self.tr("&Colour Plan of the Building"), QKeySequence("Ctrl+Shift+B"),
                                      self.show_plan, "actionColourPlan")
        self.chinese = new_action(parent, "中文", None, lambda: self.set_language("zh_CN"), "actionChinese")
        self.english = new_action(parent, "English", None, lambda: self.set_language("en"), "actionEnglish")
        for action in (self.chinese, self.english):
            action.setCheckable(True)
        self.chinese.setChecked(ctx.settings.language == "zh_CN")
        self.english.setChecked(ctx.settings.language == "en")

    @property
    def zooms(self) -> tuple[QAction, ...]:
        return self.zoom_full, self.zoom_selection, self.zoom_in, self.zoom_out

    def frame_item(self, item: Item) -> None:
        geometry = item_geometry(self.ctx.project, item)
        if geometry is not None:
            self.ctx.canvas.zoom_to(geometry.bounds)

    def frame_selection(self) -> None:
        if self.ctx.selection.item is not None:
            self.frame_item(self.ctx.selection.item)

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def open_plan(self, building_id: int) -> None:
        """Show the colour plan of a building in the plan window."""
        project = self.ctx.project
        if project is not None and building_id in project.tables["buildings"]:
            self.plan_window.show_plan()  # laid out first: the plan fits the window it opens in
            self.plan_window.panel.show_building(project, building_id)

    def show_plan(self) -> None:
        """The colour plan of the selected building, else the one shown last."""
        item = self.ctx.selection.item
        if item is not None and item.kind == "building":
            self.open_plan(item.id)
        elif self.plan_window.panel.building_id is not None:
            self.plan_window.show_plan()
        else:
            self.ctx.messages.status(self.tr("Select a building, or double-click one on the map or in the "
                                             "tree, to open its colour plan"))

    def set_language(self, language: str) -> None:
        self.ctx.settings.language = language
        self.chinese.setChecked(language == "zh_CN")
        self.english.setChecked(language == "en")
        QMessageBox.information(self.ctx.dialog_parent, self.tr("Language"),
                                self.tr("The new language is used the next time gridmap starts."))
