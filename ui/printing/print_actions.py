"""File ▸ Print Three Charts… (Ctrl+P): the dialog opened on the compound of
the current selection; File ▸ Export Map View…: the map as shown, on a sheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog

from gridmap.model.entities import CHINA_TIME
from gridmap.charts.paper import Paper
from gridmap.outputs import OutputError
from ui.context import AppContext
from ui.output_problems import output_problem_text
from ui.output_saved import output_folder, show_saved
from ui.printing.dialog import PrintDialog
from ui.printing.map_sheet import map_view_sheet
from ui.printing.output import render_sheet_image, write_pdf, write_png


class PrintActions(QObject):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx.dialog_parent)
        self.ctx = ctx
        parent = ctx.dialog_parent
        self.dialog: PrintDialog | None = None  # the open dialog, for tests and screenshots
        self.print_charts = QAction(self.tr("Print Three Charts…"), parent)
        self.print_charts.setShortcut(QKeySequence.StandardKey.Print)
        self.print_charts.setStatusTip(self.tr("The three charts (三张图) of a compound or of all: PDF, PNG or "
                                               "printer"))
        self.print_charts.triggered.connect(lambda: self.open_dialog())
        self.export_view = QAction(self.tr("Export Map View…"), parent)
        self.export_view.setStatusTip(self.tr("The map as shown, on an A3 sheet: PDF or PNG"))
        self.export_view.triggered.connect(lambda: self.export_map_view())

    def selected_compound(self) -> int | None:
        """The compound of the selected compound, building or site point."""
        item, tables = self.ctx.selection.item, self.ctx.project.tables
        if item is None:
            return None
        if item.kind == "compound":
            return item.id
        if item.kind == "building" and item.id in tables["buildings"]:
            return tables["buildings"][item.id].compound_id
        if item.kind in ("site_point", "site_route"):
            found = tables[f"{item.kind}s"].get(item.id)
            return found.compound_id if found else None
        if item.kind == "household" and item.id in tables["households"]:
            return tables["buildings"][tables["households"][item.id].building_id].compound_id
        return None

    def open_dialog(self, *, show: bool = True) -> PrintDialog | None:
        ctx, parent = self.ctx, self.ctx.dialog_parent
        if ctx.project is None:
            return None
        self.dialog = PrintDialog(ctx.project, str(output_folder(ctx.settings)), self.selected_compound(), parent)
        self.dialog.written.connect(lambda files: show_saved(parent, ctx.settings, files))
        if show:
            self.dialog.exec()
        return self.dialog

    def export_map_view(self, path: str | None = None, dpi: int = 200) -> Path | None:
        """The canvas's view on an A3 sheet (landscape for a wide view), as PDF or
        PNG by the file's suffix."""
        ctx, parent = self.ctx, self.ctx.dialog_parent
        if ctx.project is None or ctx.canvas.scene is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(parent, self.tr("Export Map View"),
                                                  str(output_folder(ctx.settings) / "地图.pdf"),
                                                  self.tr("PDF (*.pdf);;PNG image (*.png)"))
            if not path:
                return None
        target = Path(path)
        view = ctx.canvas.view
        paper = Paper("A3", landscape=view.width >= view.height)
        title = ctx.project.meta.get("title", "") or target.stem
        sheet = map_view_sheet(ctx.canvas.scene, ctx.canvas.layers, view, paper, title,
                               ctx.project.last_change().astimezone(CHINA_TIME).date())
        try:
            if target.suffix.lower() == ".png":
                write_png(target, render_sheet_image(sheet, paper, dpi))
            else:
                target = target.with_suffix(".pdf")
                write_pdf(target, [[sheet]], paper, title, "gridmap map view")
        except OutputError as error:
            ctx.messages.warn(self.tr("Cannot export the map"), output_problem_text(error))
            return None
        ctx.messages.status(self.tr("Map written to %1").replace("%1", str(target)), 8000)
        show_saved(parent, ctx.settings, [target])
        return target
