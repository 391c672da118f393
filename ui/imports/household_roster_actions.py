"""File ▸ Household Roster: import with a preview, export, an empty template.

The export names places, not people (heads' names and phones only from the
command line with --personal, where the sheet is marked internal).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from gridmap.errors import GridmapError
from gridmap.workbooks.household_roster import (
    ImportHouseholdRoster, preview_roster, read_roster, roster_rows, write_roster,
)
from ui.imports.workbook_reading import read_or_explain
from ui.imports.roster_preview_dialog import RosterPreviewDialog, household_lines

if TYPE_CHECKING:
    from ui.main_window import MainWindow

WORKBOOKS = "*.xlsx *.xls *.ods *.csv"


class HouseholdRosterActions(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.dialog: RosterPreviewDialog | None = None  # the open preview, for tests and screenshots

    def import_roster(self, path: str | None = None, *, show: bool = True) -> RosterPreviewDialog | None:
        """Read ``path`` (asked for if None), preview it, import on acceptance.
        With ``show=False`` the preview is returned open but not run (tests)."""
        window = self.window
        if window.project is None:
            return None
        if path is None:
            path, _ = QFileDialog.getOpenFileName(window, self.tr("Import Household Roster"),
                                                  window.settings.last_folder,
                                                  self.tr("Workbooks (%1)").replace("%1", WORKBOOKS))
            if not path:
                return None
        read = read_or_explain(window, lambda: (table := read_roster(path), preview_roster(window.project, table)))
        if read is None:
            return None
        table, preview = read
        self.dialog = RosterPreviewDialog(self.tr("Import Household Roster"),
                                          f"{table.path.name}（{table.sheet}）", household_lines(preview),
                                          table.ignored, self.tr("Address"), preview, window)
        self.dialog.accepted.connect(lambda: self.write(self.dialog))
        if show:
            self.dialog.exec()
        return self.dialog

    def write(self, dialog: RosterPreviewDialog) -> bool:
        window = self.window
        try:
            done = window.project.undo_stack.push(ImportHouseholdRoster(dialog.preview.table))
        except GridmapError as error:
            QMessageBox.warning(window, self.tr("Roster not imported"), str(error))
            return False
        if done:
            window.statusBar().showMessage(self.tr("Imported %1 rows of %2; Undo takes them all back.")
                                           .replace("%1", f"{len(dialog.preview.writable):,}")
                                           .replace("%2", dialog.preview.table.path.name), 8000)
        return done

    def export_roster(self, path: str | None = None) -> Path | None:
        """The households of the selected zone (all when none is selected), without names or phones."""
        window = self.window
        if window.project is None:
            return None
        item = window.selection.item
        zone_id = item.id if item is not None and item.kind == "zone" else None
        zones = window.project.tables["zones"]
        name = zones[zone_id].name if zone_id in zones else (window.project.meta.get("title") or "")
        if path is None:
            path, _ = QFileDialog.getSaveFileName(window, self.tr("Export Household Roster"),
                                                  str(Path(window.settings.last_folder) / f"{name}住户花名册.xlsx"),
                                                  self.tr("Excel workbook (*.xlsx)"))
            if not path:
                return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            rows = roster_rows(window.project, zone_id)
            written = write_roster(path, rows)
        except OSError as error:
            QMessageBox.warning(window, self.tr("Cannot write the roster"), f"{path}\n\n{error}")
            return None
        finally:
            QApplication.restoreOverrideCursor()
        window.statusBar().showMessage(self.tr("Wrote %1 households to %2 (no names or phones)")
                                       .replace("%1", f"{len(rows):,}").replace("%2", written.name), 8000)
        return written

    def save_template(self, path: str | None = None) -> Path | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save Roster Template"),
                                                  str(Path(self.window.settings.last_folder) / "住户花名册模板.xlsx"),
                                                  self.tr("Excel workbook (*.xlsx)"))
            if not path:
                return None
        try:
            return write_roster(path, [])
        except OSError as error:
            QMessageBox.warning(self.window, self.tr("Cannot write the roster"), f"{path}\n\n{error}")
            return None
