"""File ▸ Household Roster: import with a preview, export, an empty template.

The export is the public roster: places, occupancy, people, visits; no names,
phones, tags or notes (those only from the command line with --personal,
where every sheet says 内部资料). Files are written whole or not at all.
"""

from __future__ import annotations

from pathlib import Path
from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog

from gridmap.errors import GridmapError
from gridmap.workbooks.household_roster import (
    ImportHouseholdRoster, preview_roster, read_roster, roster_rows, write_roster, write_template,
)
from ui.context import AppContext
from ui.imports.roster_preview_dialog import RosterPreviewDialog, household_lines
from ui.imports.workbook_files import ask_save_path, read_or_explain, write_or_explain
from ui.new_action import new_action
from ui.output_saved import output_folder, show_saved
from ui.reason_text import reason_text

WORKBOOKS = "*.xlsx *.xls *.ods *.csv"


class HouseholdRosterActions(QObject):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx.dialog_parent)
        self.ctx = ctx
        self.dialog: RosterPreviewDialog | None = None  # the open preview, for tests and screenshots
        parent = ctx.dialog_parent
        self.import_action = new_action(parent, self.tr("&Import Household Roster…"), QKeySequence("Ctrl+I"),
                                        self.import_roster, "actionImportRoster")
        self.export_action = new_action(parent, self.tr("&Export Household Roster…"), None, self.export_roster,
                                        "actionExportRoster")
        self.template_action = new_action(parent, self.tr("Save Roster &Template…"), None, self.save_template,
                                          "actionRosterTemplate")

    def import_roster(self, path: str | None = None, *, show: bool = True) -> RosterPreviewDialog | None:
        """Read ``path`` (asked for if None), preview it, import on acceptance.
        With ``show=False`` the preview is returned open but not run (tests)."""
        ctx, parent = self.ctx, self.ctx.dialog_parent
        if ctx.project is None:
            return None
        if path is None:
            path, _ = QFileDialog.getOpenFileName(parent, self.tr("Import Household Roster"),
                                                  ctx.settings.last_folder,
                                                  self.tr("Workbooks (%1)").replace("%1", WORKBOOKS))
            if not path:
                return None
        read = read_or_explain(parent, lambda: (table := read_roster(path), preview_roster(ctx.project, table)))
        if read is None:
            return None
        table, preview = read
        self.dialog = RosterPreviewDialog(self.tr("Import Household Roster"),
                                          f"{table.path.name}（{table.sheet}）", household_lines(preview),
                                          table.ignored, self.tr("Address"), preview, parent)
        self.dialog.accepted.connect(lambda: self.write(self.dialog))
        if show:
            self.dialog.exec()
        return self.dialog

    def write(self, dialog: RosterPreviewDialog) -> bool:
        ctx = self.ctx
        try:
            done = ctx.project.undo_stack.push(ImportHouseholdRoster(dialog.preview.table))
        except GridmapError as error:
            ctx.messages.warn(self.tr("Roster not imported"), reason_text(error))
            return False
        if done:
            ctx.messages.status(self.tr("Imported %1 rows of %2; Undo takes them all back.")
                                .replace("%1", f"{len(dialog.preview.writable):,}")
                                .replace("%2", dialog.preview.table.path.name), 8000)
        return done

    def export_roster(self, path: str | None = None) -> Path | None:
        """The households of the selected zone (all when none is selected) as the public roster."""
        ctx, parent = self.ctx, self.ctx.dialog_parent
        if ctx.project is None:
            return None
        item = ctx.selection.item
        zone_id = item.id if item is not None and item.kind == "zone" else None
        zones = ctx.project.tables["zones"]
        name = zones[zone_id].name if zone_id in zones else (ctx.project.meta.get("title") or "")
        path = path or ask_save_path(parent, self.tr("Export Household Roster"), str(output_folder(ctx.settings)),
                                     f"{name}住户花名册.xlsx")
        if path is None:
            return None
        rows = roster_rows(ctx.project, zone_id)
        written = write_or_explain(parent, path, lambda: write_roster(path, rows))
        if written is None:
            return None
        ctx.messages.status(self.tr("Wrote %1 households to %2 (no names, phones, tags or notes)")
                            .replace("%1", f"{len(rows):,}").replace("%2", written.name), 8000)
        show_saved(parent, ctx.settings, [written])
        return written

    def save_template(self, path: str | None = None) -> Path | None:
        ctx, parent = self.ctx, self.ctx.dialog_parent
        path = path or ask_save_path(parent, self.tr("Save Roster Template"), str(output_folder(ctx.settings)),
                                     "住户花名册模板.xlsx")
        written = write_or_explain(parent, path, lambda: write_template(path)) if path else None
        if written is not None:
            show_saved(parent, ctx.settings, [written])
        return written
