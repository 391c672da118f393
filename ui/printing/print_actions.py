"""File ▸ Print Three Charts… (Ctrl+P): the dialog opened on the compound of
the current selection."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from ui.printing.dialog import PrintDialog

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
        self.dialog = PrintDialog(window.project, str(window.settings.last_folder), self.selected_compound(), window)
        if show:
            self.dialog.exec()
        return self.dialog
