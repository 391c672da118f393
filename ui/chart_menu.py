"""The context menu of the Statistics and Workload bar charts, in the user's language.

pyqtgraph's own menu (View All, X axis, Mouse Mode, Plot Options, Export…) is
English, and what it offers (axis ranges, log scales, its export dialog) has no
use on a fixed bar chart: it is switched off and this one takes its place —
copy the figures (a name and a value a line: they paste into Excel or WPS as
two columns), copy the picture, or save it as a PNG.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Callable, Iterable

import pyqtgraph as pg
from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox

from gridmap.outputs import OutputError
from ui.output_problems import output_problem_text
from ui.output_saved import output_folder, show_saved
from ui.printing.output import write_png

if TYPE_CHECKING:
    from ui.settings import Settings

Rows = Callable[[], Iterable[tuple[str, float]]]


class ChartMenu(QObject):
    """``rows()``: the bars as (name, value); ``name()``: the chart's name, for the file."""

    def __init__(self, chart: pg.PlotWidget, rows: Rows, name: Callable[[], str],
                 settings: Settings | None = None) -> None:
        super().__init__(chart)
        self.chart, self.rows, self.name, self.settings = chart, rows, name, settings
        chart.getPlotItem().setMenuEnabled(False)  # the plot's menu and its view box's
        chart.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        chart.customContextMenuRequested.connect(self.popup)

    def menu(self) -> QMenu:
        menu = QMenu(self.chart)
        menu.setObjectName("chartMenu")
        copy_data = menu.addAction(self.tr("Copy Data"), self.copy_data)
        copy_data.setStatusTip(self.tr("Each bar's name and value, to paste into Excel or WPS"))
        copy_data.setEnabled(bool(list(self.rows())))
        menu.addAction(self.tr("Copy Image"), self.copy_image)
        menu.addAction(self.tr("Save Image…"), lambda: self.save_image())
        return menu

    def popup(self, position: QPoint) -> None:
        self.menu().exec(self.chart.mapToGlobal(position))

    def data_text(self) -> str:
        return "".join(f"{name}\t{value:g}\n" for name, value in self.rows())

    def copy_data(self) -> None:
        QApplication.clipboard().setText(self.data_text())

    def copy_image(self) -> None:
        QApplication.clipboard().setPixmap(self.chart.grab())

    def save_image(self, path: str | None = None) -> Path | None:
        """The chart as it is on screen, as a PNG the user names; None if cancelled or not written."""
        if path is None:
            folder = output_folder(self.settings)
            path, _ = QFileDialog.getSaveFileName(self.chart, self.tr("Save Chart Image"),
                                                  str(folder / f"{self.name()}.png"), self.tr("PNG image (*.png)"))
            if not path:
                return None
        target = Path(path).with_suffix(".png")
        try:
            write_png(target, self.chart.grab().toImage())
        except OutputError as error:
            QMessageBox.warning(self.chart, self.tr("Cannot save the image"), output_problem_text(error))
            return None
        if self.settings is not None:
            show_saved(self.chart.window(), self.settings, [target])
        return target
