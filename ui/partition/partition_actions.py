"""Edit ▸ Partition Zone… (Ctrl+Shift+P): the dialog opened on the selected
zone, or on the first community. Enabled while a project is open; the dialog
closes with its project."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence

from ui.new_action import new_action
from ui.partition.partition_dialog import PartitionDialog, partitionable
from ui.partition.placement import place_beside_map

if TYPE_CHECKING:
    from gridmap.project import Project
    from ui.main_window import MainWindow


class PartitionActions(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.dialog: PartitionDialog | None = None  # the open dialog, for tests and screenshots
        self.partition = new_action(window, self.tr("Partition &Zone…"), QKeySequence("Ctrl+Shift+P"),
                                    lambda: self.open_dialog(), "actionPartitionZone")
        self.partition.setStatusTip(self.tr("Divide a zone into grids of balanced households that follow streets"))
        self.partition.setEnabled(False)

    def set_project(self, project: "Project | None") -> None:
        """A project opened or closed: a dialog on the old one goes."""
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None
        self.partition.setEnabled(project is not None)

    def selected_zone(self) -> int | None:
        """The selected zone, if it can be partitioned (its children are leaves, or it is one)."""
        window = self.window
        item = window.selection.item
        if item is None or item.kind != "zone" or window.project is None:
            return None
        return item.id if item.id in partitionable(window.project) else None

    def open_dialog(self, zone_id: int | None = None, *, show: bool = True) -> PartitionDialog | None:
        window = self.window
        if window.project is None or window.canvas.scene is None:
            return None
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = PartitionDialog(window.project, window.canvas,
                                      zone_id if zone_id is not None else self.selected_zone(), window,
                                      self.steps())
        if show:
            self.dialog.show()
            place_beside_map(self.dialog, window.canvas)  # the plan is to be checked on the map: leave it in view
        return self.dialog

    def steps(self) -> dict:
        """The actions the dialog offers for what a project lacks (see ``missing_for_partition``)."""
        office = self.window.office_actions
        return {"buildings": [office.import_buildings],
                "office": [office.office_from_outline, office.draw_office, office.import_boundaries],
                "communities": [office.communities_along_roads, office.draw_community, office.import_boundaries],
                "zone_buildings": [office.import_buildings]}
