"""Edit ▸ Partition Zone… (Ctrl+Shift+P): the dialog opened on the selected
zone, or on the first community. Enabled while a project is open; the dialog
closes with its project."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence

from gridmap.partition.roles import partitionable
from ui.context import AppContext
from ui.new_action import new_action
from ui.partition.partition_dialog import PartitionDialog
from ui.partition.placement import place_beside_map

if TYPE_CHECKING:
    from gridmap.project import Project
    from ui.gis.office_actions import OfficeActions


class PartitionActions(QObject):
    """``office`` has the actions the dialog offers for what a project lacks."""

    def __init__(self, ctx: AppContext, office: OfficeActions) -> None:
        super().__init__(ctx.dialog_parent)
        self.ctx, self.office = ctx, office
        self.dialog: PartitionDialog | None = None  # the open dialog, for tests and screenshots
        self.partition = new_action(ctx.dialog_parent, self.tr("Partition &Zone…"), QKeySequence("Ctrl+Shift+P"),
                                    lambda: self.open_dialog(), "actionPartitionZone")
        self.partition.setStatusTip(self.tr("Divide a zone into grids of balanced households that follow streets"))
        self.partition.setEnabled(False)
        ctx.current.changed.connect(self.set_project)

    def set_project(self, project: Project | None) -> None:
        """A project opened or closed: a dialog on the old one goes."""
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None
        self.partition.setEnabled(project is not None)

    def selected_zone(self) -> int | None:
        """The selected zone, if it can be partitioned (a community or a grid with only leaves under it)."""
        item, project = self.ctx.selection.item, self.ctx.project
        if item is None or item.kind != "zone" or project is None:
            return None
        return item.id if item.id in partitionable(project) else None

    def open_dialog(self, zone_id: int | None = None, *, show: bool = True) -> PartitionDialog | None:
        ctx = self.ctx
        if ctx.project is None or ctx.canvas.scene is None:
            return None
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = PartitionDialog(ctx.project, ctx.canvas,
                                      zone_id if zone_id is not None else self.selected_zone(), ctx.dialog_parent,
                                      self.steps())
        if show:
            self.dialog.show()
            place_beside_map(self.dialog, ctx.canvas)  # the proposal is to be checked on the map: leave it in view
        return self.dialog

    def steps(self) -> dict:
        """The actions the dialog offers for what a project lacks (see ``missing_for_partition``)."""
        office = self.office
        return {"buildings": [office.import_buildings],
                "office": [office.office_from_outline, office.draw_office, office.import_boundaries],
                "communities": [office.communities_along_roads, office.draw_community, office.import_boundaries],
                "zone_buildings": [office.import_buildings]}
