"""The main window: assembles the canvas, docks, menus and status bar around
one open project. Behaviour lives in the panels, the canvas and the
``*_actions`` classes; each of those gets the application context
(ui/context.py) and the widgets it uses, and the window puts their actions in
its menus and toolbar."""

from __future__ import annotations

import threading
import weakref
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QMessageBox, QTabBar, QToolBar, QWidget

from gridmap.bulk import settle_heap, unsettle_heap
from gridmap.errors import GridmapError
from gridmap.hierarchy import Hierarchy
from gridmap.project import Project
from gridmap.selection import TABLE_OF_KIND, Item, Selection
from gridmap.storage.server.address import is_server_address
from layers.model import WINDOW_ORDER, LayerSet
from layers.render.renderers import prepare_pieces
from layers.scene import MapScene
from ui.actions import FileActions, ViewActions
from ui.cases.case_actions import CaseActions
from ui.cases.cases_panel import CasesPanel
from ui.canvas.map_canvas import MapCanvas
from ui.chart_menu import ChartMenu
from ui.context import AppContext, CurrentProject, Messages
from ui.docks.attributes import AttributesPanel
from ui.docks.hierarchy_tree import HierarchyPanel
from ui.docks.layer_panel import LayerPanel
from ui.docks.problems import ProblemsPanel
from ui.docks.stats_panel import StatsPanel
from ui.plans.plan_window import PlanWindow
from ui.docks.search_panel import SearchBox, SearchPanel
from ui.screen_fit import resize_within_screen
from ui.settings import Settings
from ui.shared.checkin_action import CheckinCopy
from ui.shared.live import LiveUpdates
from ui.shared.opening import SharedProjects
from ui.staff.roster_panel import RosterPanel
from ui.gis.gis_actions import GisActions
from ui.gis.office_actions import OfficeActions
from ui.partition.partition_actions import PartitionActions
from ui.printing.print_actions import PrintActions
from ui.file_messages import saving_problem_text
from ui.imports.household_roster_actions import HouseholdRosterActions
from ui.new_action import new_action
from ui.project_file import FileWatch, ProjectFiles
from ui.site.site_actions import SiteActions
from ui.staff.map_drop import StaffDropOnMap
from ui.staff.staff_actions import StaffActions
from ui.staff.workload_panel import WorkloadPanel
from ui.status import StatusReadouts
from ui.tool_actions import MapToolActions
from ui.undo_actions import UndoActions
from ui.zone_actions import ZoneActions
from ui.zone_names import ZoneNaming


# Bump when docks are added or moved: a layout saved by an older release is then
# not restored (its new docks would land anywhere) and the defaults apply.
DOCK_LAYOUT = 6


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings
        self.current = CurrentProject(self)
        self.scene: MapScene | None = None
        self._ahead_of: weakref.ref | None = None  # the scene a worker prepares close-ups for
        self.ahead_worker: threading.Thread | None = None
        self.hierarchy: Hierarchy | None = None
        self.selection = Selection()
        self.layers = LayerSet(WINDOW_ORDER)
        self.layers.restore(settings.layer_state)

        self.canvas = MapCanvas(self.layers, self.selection, self)
        self.setCentralWidget(self.canvas)
        self.status = StatusReadouts(self.statusBar())
        self.read_only_badge = QLabel(self.tr("Read-only"), self)  # the title bar may be cut short: say it here too
        self.read_only_badge.setObjectName("readOnlyBadge")
        self.read_only_badge.setStyleSheet("color: #c00000; font-weight: bold; padding: 0 6px;")
        self.read_only_badge.setToolTip(self.tr("Changes made here are not saved. File ▸ Reload (F5) makes the "
                                                "project editable once no other program holds it."))
        self.read_only_badge.hide()
        self.statusBar().insertPermanentWidget(0, self.read_only_badge)
        self.live = LiveUpdates(self)  # a shared project: others' commits, refusals, the server's absence
        self.messages = Messages(self, self.canvas.refusal)  # its tool hint goes before the badges
        self.context = ctx = AppContext(self.current, self.selection, self.canvas, settings, self.messages, self)
        self.tree = HierarchyPanel(self.selection, self)
        self.layer_panel = LayerPanel(self.layers, self)
        self.attributes = AttributesPanel(self.selection, self)
        self.attributes.draw_history_on(self.canvas)  # a zone's former boundaries, from its History tab
        self.search_box = SearchBox(self)
        self.search = SearchPanel(self.search_box, self.selection, self)
        self.plan_window = PlanWindow(settings, self)  # the colour plan, big, in a window of its own
        self.plan = self.plan_window.panel
        self.stats = StatsPanel(self.selection, self, settings=settings)
        self.problems = ProblemsPanel(self, selection=self.selection)
        self.roster = RosterPanel(self.selection, self)
        self.workload = WorkloadPanel(self.selection, self)
        self.cases = CasesPanel(self.selection, self)

        self.undo_actions = UndoActions(ctx)
        self.file_actions = FileActions(ctx, self.open_path, self.reload_project, self.save_as, self.close,
                                        self.choose_shared)
        self.undo_actions.refused.connect(self.live.refused_step)
        self.checkin_copy = CheckinCopy(ctx, lambda: self.shared.passwords, self.reload_project)
        self.view_actions = ViewActions(ctx, self.plan_window, self.search_box)
        self.household_roster_actions = HouseholdRosterActions(ctx)
        self.staff_actions = StaffActions(ctx)
        self.case_actions = CaseActions(ctx, self.cases, self.layers)
        self.print_actions = PrintActions(ctx)
        self.gis_actions = GisActions(ctx, self.open_path)
        self.office_actions = OfficeActions(ctx, self.gis_actions)  # the street office and communities; the Draw level
        self.partition_actions = PartitionActions(ctx, self.office_actions)
        self.zone_actions = ZoneActions(ctx)
        self.tool_actions = MapToolActions(ctx, self.office_actions, self.view_actions.open_plan,
                                           lambda: self.stats.counts)  # the Statistics dock counts for the paint tool
        self.site_actions = SiteActions(ctx, self.tool_actions.group)
        self.zone_naming = ZoneNaming(self)
        self.about = new_action(self, self.tr("&About gridmap"), None, self.show_about, "actionAbout")
        self._build_menus()
        self.files = ProjectFiles(self)
        self.shared = SharedProjects(settings, self)
        self.file_watch = FileWatch(self, self.reload_project, self.file_actions.choose_and_save_as)

        self.docks = {
            "hierarchy": self._dock("hierarchyDock", self.tr("Hierarchy"), self.tree,
                                    Qt.DockWidgetArea.LeftDockWidgetArea),
            "layers": self._dock("layersDock", self.tr("Layers"), self.layer_panel,
                                 Qt.DockWidgetArea.LeftDockWidgetArea),
            "attributes": self._dock("attributesDock", self.tr("Attributes"), self.attributes,
                                     Qt.DockWidgetArea.RightDockWidgetArea),
            "search": self._dock("searchDock", self.tr("Search results"), self.search,
                                 Qt.DockWidgetArea.RightDockWidgetArea),
            "problems": self._dock("problemsDock", self.tr("Problems"), self.problems,
                                   Qt.DockWidgetArea.BottomDockWidgetArea),
            "stats": self._dock("statsDock", self.tr("Statistics"), self.stats, Qt.DockWidgetArea.RightDockWidgetArea),
            "roster": self._dock("rosterDock", self.tr("Staff Roster"), self.roster,
                                 Qt.DockWidgetArea.RightDockWidgetArea),
            "workload": self._dock("workloadDock", self.tr("Workload"), self.workload,
                                   Qt.DockWidgetArea.BottomDockWidgetArea),
            "cases": self._dock("casesDock", self.tr("Cases"), self.cases, Qt.DockWidgetArea.RightDockWidgetArea),
        }
        self.tabifyDockWidget(self.docks["search"], self.docks["stats"])
        self.tabifyDockWidget(self.docks["stats"], self.docks["roster"])
        self.tabifyDockWidget(self.docks["roster"], self.docks["cases"])
        self.docks["search"].raise_()
        self.tabifyDockWidget(self.docks["problems"], self.docks["workload"])
        self.docks["problems"].raise_()
        self.docks["workload"].visibilityChanged.connect(self.workload.set_seen)
        for panel, dock in ((self.stats, self.docks["stats"]), (self.workload, self.docks["workload"]),
                            (self.cases, self.docks["cases"])):
            ChartMenu(panel.chart, lambda bars=panel.value_bars: zip(bars.names, bars.values, strict=False),
                      dock.windowTitle, settings)  # in place of pyqtgraph's English menu
        self.tabifyDockWidget(self.docks["hierarchy"], self.docks["layers"])
        self.docks["hierarchy"].raise_()
        self._build_toolbar()
        self.canvas.cursor_moved.connect(self.status.show_cursor)
        self.canvas.view_changed.connect(self.status.show_view)
        self.selection.changed.connect(self._on_selection)
        self.problems.frame_requested.connect(lambda bounds: self.canvas.zoom_to(bounds))
        self.problems.case_requested.connect(self.show_case)
        self.search.frame_requested.connect(self.view_actions.frame_item)
        self.tree.building_opened.connect(self.view_actions.open_plan)
        self.roster.add_requested.connect(self.staff_actions.add)
        self.roster.edit_requested.connect(self.staff_actions.edit)
        self.roster.remove_requested.connect(self.staff_actions.remove)
        self.roster.assign_requested.connect(self.staff_actions.assign)
        self.canvas.set_drop_handler(StaffDropOnMap(self.canvas, self.staff_actions.assign))
        self.tree.staff_dropped.connect(self.staff_actions.assign)
        self.plan.link_requested.connect(lambda ids: self.staff_actions.link_households(ids, self.plan_window))
        resize_within_screen(self, 1400, 900)  # a 1366×768 laptop shows it whole
        if settings.window_geometry is not None:
            self.restoreGeometry(settings.window_geometry)
        # a first start (or a layout from an older release): the strip under the map stays low
        self._default_docks = settings.window_state is None or not self.restoreState(settings.window_state,
                                                                                      DOCK_LAYOUT)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._default_docks:  # sizes take only once the window is laid out
            self._default_docks = False
            self.resizeDocks([self.docks["problems"]], [170], Qt.Orientation.Vertical)
            # the map gets the room: side docks about a fifth of the width each (a 1366-pixel laptop too)
            side = max(240, min(340, self.width() // 5))
            self.resizeDocks([self.docks["hierarchy"], self.docks["attributes"]], [side, side],
                             Qt.Orientation.Horizontal)
        self._hide_stale_tab_bars()

    def _hide_stale_tab_bars(self) -> None:
        """Tabifying docks before the window is shown leaves Qt's first tab bars of
        each group behind, visible over the docks at the size they were made for
        (over the Problems dock at 1366×768); the one the layout uses is the last."""
        groups: dict[tuple[str, ...], list[QTabBar]] = {}
        for bar in self.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            groups.setdefault(tuple(bar.tabText(i) for i in range(bar.count())), []).append(bar)
        for bars in groups.values():
            for stale in bars[:-1]:
                stale.hide()

    @property
    def project(self) -> Project | None:
        return self.current.project

    def _dock(self, name: str, title: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.panels_menu.addAction(dock.toggleViewAction())
        return dock

    def _build_menus(self) -> None:
        files, view, zones, naming = self.file_actions, self.view_actions, self.zone_actions, self.zone_naming
        bar = self.menuBar()
        self.file_menu = file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(files.open)
        file_menu.addAction(files.open_shared)
        file_menu.addMenu(files.recent_menu)
        file_menu.addAction(files.save_as)
        file_menu.addAction(files.reload)
        file_menu.addAction(self.checkin_copy.action)
        file_menu.addAction(files.people)
        file_menu.addSeparator()
        roster = self.household_roster_actions
        file_menu.addMenu(self.tr("Household &Roster")).addActions(
            [roster.import_action, roster.export_action, roster.template_action])
        staff = self.staff_actions
        file_menu.addMenu(self.tr("&Staff")).addActions([staff.import_action, staff.export_action,
                                                         staff.coverage_action])
        file_menu.addMenu(self.gis_actions.menu)
        self._add_case_files(file_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.print_actions.print_charts)
        file_menu.addAction(self.print_actions.export_view)
        file_menu.addSeparator()
        file_menu.addAction(files.quit)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_actions.undo)
        edit_menu.addAction(self.undo_actions.redo)
        edit_menu.addSeparator()
        edit_menu.addActions(list(self.tool_actions.map_tools))
        edit_menu.addMenu(self.office_actions.level_menu)
        edit_menu.addMenu(self.office_actions.menu)
        edit_menu.addSeparator()
        edit_menu.addActions([naming.rename_action, zones.merge_zone, zones.delete_zone, zones.reparent_zone,
                              self.partition_actions.partition])
        self.tree.set_context_actions([  # on a zone's row in the hierarchy (None: a separator)
            naming.rename_action, naming.serial_action, None, zones.merge_zone, zones.delete_zone,
            zones.reparent_zone, self.partition_actions.partition, None, view.zoom_selection])
        edit_menu.addSeparator()
        edit_menu.addMenu(self.site_actions.menu)
        edit_menu.addSeparator()
        edit_menu.addActions([zones.regenerate_codes, zones.renumber_codes, naming.serial_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.case_actions.new_case, self.case_actions.record_visit,
                              self.case_actions.escalate])
        edit_menu.addSeparator()
        edit_menu.addAction(view.find)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions(list(view.zooms))
        view_menu.addSeparator()
        view_menu.addAction(view.colour_plan)
        self.panels_menu = view_menu.addMenu(self.tr("&Panels"))
        view_menu.addMenu(self.tr("&Language")).addActions([view.chinese, view.english])
        bar.addMenu(self.tr("&Help")).addAction(self.about)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Map"), self)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.addActions(list(self.view_actions.zooms))
        bar.addSeparator()
        bar.addActions(list(self.tool_actions.map_tools))
        bar.addSeparator()
        bar.addWidget(self.search_box)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    def _add_case_files(self, file_menu) -> None:
        """File ▸ Cases: the hotline sheet in, the cases out (ui/cases/hotline_dialog.py, once it is there)."""
        from ui.cases.case_actions import optional_module

        module = optional_module("ui.cases.hotline_dialog")
        actions = getattr(module, "CaseFileActions", None) if module is not None else None
        if actions is None:
            return
        self.case_files = actions(self.context)
        file_menu.addMenu(self.tr("&Cases")).addActions(self.case_files.actions)

    def show_case(self, case_id: int) -> None:
        """Show a case in the Cases dock (from the Problems dock, say) and frame it on the map."""
        if self.cases.select_case(case_id):
            self.docks["cases"].show()
            self.docks["cases"].raise_()
            case = self.project.tables["cases"][case_id]
            if case.geometry is not None and not case.geometry.is_empty:
                self.canvas.zoom_to(case.geometry.bounds, min_span=300.0)

    def show_about(self) -> None:
        from gridmap import __version__

        QMessageBox.about(self, self.tr("About gridmap"), self.tr(
            "<b>gridmap %1</b><p>Community grid governance GIS: grids, buildings, households and staff "
            "on one map.</p>").replace("%1", __version__))

    # -- the project ---------------------------------------------------------------

    def _work_ahead(self) -> None:
        """Once the first frame is up: settle the heap, and prepare what close-ups
        draw on a worker (sharing the interpreter with the first frame would make
        it wait: 113 ms against 61)."""
        scene = self.scene
        if scene is not None and (self._ahead_of is None or self._ahead_of() is not scene):
            self._ahead_of = weakref.ref(scene)
            settle_heap()  # the project's records stay until it is closed: no collector pauses over them
            self.ahead_worker = scene.prepare_in_background(partial(prepare_pieces, scene))

    def set_project(self, project: Project) -> None:
        """Show ``project``; the previous one is closed."""
        self.selection.set(None)
        self._close_project()
        self.scene = MapScene(project)
        self.hierarchy = Hierarchy(project)
        self.current.set(project)  # the actions follow it
        project.changed.connect(self._on_project_changed)
        self.canvas.set_scene(self.scene)
        self.canvas.frame_drawn.connect(self._work_ahead, Qt.ConnectionType.SingleShotConnection)
        self.tree.set_hierarchy(self.hierarchy)
        self.attributes.set_hierarchy(self.hierarchy)
        self.search.set_project(project)
        self.problems.set_project(project)
        self.stats.set_project(project)
        self.roster.set_project(project)
        self.workload.set_project(project)
        self.cases.set_project(project)
        self.zone_naming.set_project(project)
        self.status.set_crs(int(project.meta["srs_id"]))
        self.status.show_view(self.canvas.view)
        self.file_watch.watch(project)
        self.live.follow(project)
        self._show_title()

    def _close_project(self) -> None:
        """Let go of the current project and close its file (safe to call twice)."""
        unsettle_heap()  # its records may be collected again
        if self.scene is not None:
            self.scene.detach()
        self.file_watch.watch(None)
        self.live.follow(None)
        project = self.project
        if project is not None:
            project.changed.disconnect(self._on_project_changed)
            self.current.set(None)  # the actions let go of it
            self.zone_naming.set_project(None)
            self.problems.set_project(None)
            self.plan.set_project(None)
            self.stats.set_project(None)
            self.roster.set_project(None)
            self.workload.set_project(None)
            self.cases.set_project(None)
            project.close()
        self.scene = self.hierarchy = None

    def _show_title(self) -> None:
        path = self.project.path
        where = path.name if path is not None else self.project.address  # a shared project: its server
        title = self.project.meta.get("title") or (path.stem if path is not None else self.project.address)
        read_only = f" {self.tr('(read-only)')}" if self.project.read_only else ""
        self.setWindowTitle(f"{title}{read_only} — {where} — gridmap")
        self.read_only_badge.setVisible(self.project.read_only)

    def open_path(self, path: str | Path) -> bool:
        """Open a project (for viewing if it cannot be edited, once the user
        agrees), or a shared one at a ``postgresql://`` address; on failure
        say why and keep the current one."""
        if is_server_address(str(path)):
            return self.open_shared(str(path))
        if self.project is not None and self.project.path is not None \
                and Path(path).resolve() == self.project.path.resolve():
            return self.reload_project()  # this window holds it already
        project = self.files.open(path)
        if project is None:
            if not Path(path).exists() and str(Path(path).resolve()) in self.settings.recent_files:
                self.settings.remove_recent(str(Path(path).resolve()))
            return False
        self.set_project(project)
        self.settings.add_recent(path)
        self.settings.last_folder = str(Path(path).resolve().parent)
        return True

    def choose_shared(self) -> bool:
        """File ▸ Open Shared Project…: the dialog, then the project it opened."""
        return self._show_shared(self.shared.choose())

    def open_shared(self, url: str, *, ask: bool = True) -> bool:
        """Open the shared project at ``url`` (its password from the keyring or, with ``ask``, the dialog)."""
        return self._show_shared(self.shared.open(url, ask=ask))

    def _show_shared(self, project: Project | None) -> bool:
        if project is None:
            return False
        self.set_project(project)
        self.settings.add_recent(project.address)
        return True

    def reload_project(self) -> bool:
        """Read the project's file again (for editing if it can be), keeping the view;
        a shared project is read again from its server."""
        if self.project is None:
            return False
        view = self.canvas.view
        if self.project.path is None:
            project = self.shared.open(self.project.store.url, ask=False)  # its address with the password
            if project is None:
                return False
            self.set_project(project)
            self.canvas.set_view(view)
            return True
        self.project.give_up_editing()  # this process's own lock would refuse the reopening
        project = self.files.open(self.project.path, ask=False)
        if project is None:
            self._show_title()  # still shown, now read-only
            return False
        self.set_project(project)
        self.canvas.set_view(view)
        return True

    def save_as(self, path: str | Path) -> bool:
        """Save the project to ``path`` and go on there; a shared one is copied, and the window stays on its server."""
        if self.project.path is None:
            return self._save_local_copy(path)
        try:
            self.project.save_as(path)
        except (OSError, GridmapError) as error:
            QMessageBox.warning(self, self.tr("Cannot save project"), saving_problem_text(path, error))
            return False
        self.settings.add_recent(path)
        self._show_title()
        self.statusBar().showMessage(self.tr("Saved as %1").replace("%1", str(path)), 5000)
        return True

    def _save_local_copy(self, path: str | Path) -> bool:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # the whole project is read from the server
        try:
            self.project.store.save_as(path)
        except (OSError, GridmapError) as error:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, self.tr("Cannot save a local copy"), saving_problem_text(path, error))
            return False
        QApplication.restoreOverrideCursor()
        self.settings.add_recent(path)
        self.statusBar().showMessage(self.tr("A local copy was saved as %1; this window stays on the server")
                                     .replace("%1", str(path)), 8000)
        return True

    def _on_project_changed(self, changes) -> None:
        self.tree.refresh({c.table for c in changes})
        item = self.selection.item
        table = self.project.tables.get(TABLE_OF_KIND.get(item.kind, "")) if item is not None else None
        if table is not None and item.id not in table:
            self.selection.set(None)  # the selected thing was merged away or deleted
            return
        self.attributes.show_item(item)

    # -- selection and framing -----------------------------------------------------------

    def _on_selection(self, item: Item | None, source: object) -> None:
        # Picking in the tree or the search list frames the map; clicking the map does not move it.
        if item is not None and source is self.tree:
            self.view_actions.frame_item(item)

    # -- closing ---------------------------------------------------------------------------

    def closeEvent(self, event) -> None:  # noqa: N802
        self.settings.window_geometry = self.saveGeometry()
        self.settings.window_state = self.saveState(DOCK_LAYOUT)
        self.settings.layer_state = self.layers.state()
        self.settings.sync()
        self._stop_workers()
        # the compound sheet, floating docks, a preview, a message: nothing outlives the window, so the
        # last window closes and the process ends (the layout was saved above, before docks close)
        for widget in QApplication.topLevelWidgets():
            if widget is not self and widget.isVisible():
                widget.close()
        self._close_project()
        super().closeEvent(event)

    def _stop_workers(self) -> None:
        """A print run, a partition plan or a GIS read still going is asked to stop after the
        step in hand and waited for: the process then ends without a half-written file (a
        cancelled print removes the compound it was in) and Qt does not abort a running thread."""
        from ui.busy import Worker

        running = [worker for worker in self.findChildren(Worker) if worker.isRunning()]
        for worker in running:
            worker.cancel_requested = True
        if running:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                for worker in running:
                    worker.wait()
            finally:
                QApplication.restoreOverrideCursor()
            QApplication.processEvents()  # their ends are handled (a progress bar closes) before the windows close
