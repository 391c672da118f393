"""File ▸ Print Three Charts… (Ctrl+P): the dialog opened on the compound of
the current selection; File ▸ Export Map View…: the map as shown, on a sheet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gridmap.charts.content import CHINA_TIME
from gridmap.charts.paper import Paper
from gridmap.outputs import OutputError
from ui.output_problems import output_problem_text
from ui.output_saved import output_folder, show_saved
from ui.printing.dialog import PrintDialog
from ui.printing.map_sheet import map_view_sheet
from ui.printing.output import render_sheet_image, write_pdf, write_png

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class PrintActions(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.dialog: PrintDialog | None = None  # the open dialog, for tests and screenshots
        self.print_charts = QAction(self.tr("Print Three Charts…"), window)
        self.print_charts.setShortcut(QKeySequence.StandardKey.Print)
        self.print_charts.setStatusTip(self.tr("The three charts (三张图) of a compound or of all: PDF, PNG or printer"))
        self.print_charts.triggered.connect(lambda: self.open_dialog())
        self.export_view = QAction(self.tr("Export Map View…"), window)
        self.export_view.setStatusTip(self.tr("The map as shown, on an A3 sheet: PDF or PNG"))
        self.export_view.triggered.connect(lambda: self.export_map_view())

    def selected_compound(self) -> int | None:
        """The compound of the selected compound, building or site point."""
        window = self.window
        item, tables = window.selection.item, window.project.tables
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
        window = self.window
        if window.project is None:
            return None
        self.dialog = PrintDialog(window.project, str(output_folder(window.settings)), self.selected_compound(), window)
        self.dialog.written.connect(lambda files: show_saved(window, window.settings, files))
        if show:
            self.dialog.exec()
        return self.dialog

    def export_map_view(self, path: str | None = None, dpi: int = 200) -> Path | None:
        """The canvas's view on an A3 sheet (landscape for a wide view), as PDF or
        PNG by the file's suffix."""
        window = self.window
        if window.project is None or window.canvas.scene is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(window, self.tr("Export Map View"),
                                                  str(output_folder(window.settings) / "地图.pdf"),
                                                  self.tr("PDF (*.pdf);;PNG image (*.png)"))
            if not path:
                return None
        target = Path(path)
        view = window.canvas.view
        paper = Paper("A3", landscape=view.width >= view.height)
        title = window.project.meta.get("title", "") or target.stem
        sheet = map_view_sheet(window.canvas.scene, window.layers, view, paper, title,
                               window.project.store.last_change().astimezone(CHINA_TIME).date())
        try:
            if target.suffix.lower() == ".png":
                write_png(target, render_sheet_image(sheet, paper, dpi))
            else:
                target = target.with_suffix(".pdf")
                write_pdf(target, [[sheet]], paper, title, "gridmap map view")
        except OutputError as error:
            QMessageBox.warning(window, self.tr("Cannot export the map"), output_problem_text(error))
            return None
        window.statusBar().showMessage(self.tr("Map written to %1").replace("%1", str(target)), 8000)
        show_saved(window, window.settings, [target])
        return target
