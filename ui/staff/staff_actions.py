"""What the roster, the map, the tree and the plan ask of the staff: add, edit
and remove people, assign them (asking for the role), link households to a
party member, and the roster workbook in and out. Each edit is one undo step."""

from __future__ import annotations

from pathlib import Path
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

from gridmap.commands.staff import AddStaff, Assign, EditStaff, LinkHouseholds, RemoveStaff, UnlinkHouseholds
from gridmap.errors import GridmapError
from gridmap.levels import project_depths
from gridmap.model.entities import STAFF_ROLES
from gridmap.selection import Item
from gridmap.staffing.party import PARTY_ROLE, households_place
from gridmap.staffing.settings import StaffingSettings
from gridmap.workbooks.staff_roster import (
    ImportStaffRoster, coverage_rows, preview_staff_roster, read_staff_roster, roster_sheets, write_coverage,
    write_staff_roster,
)
from ui.context import AppContext
from ui.imports.roster_preview_dialog import PreviewLine, RosterPreviewDialog, issues_text
from ui.imports.workbook_files import ask_save_path, read_or_explain, write_or_explain
from ui.new_action import new_action
from ui.output_saved import output_folder, show_saved
from ui.reason_text import reason_text
from ui.staff.party_picker import PartyPicker
from ui.staff.staff_dialog import StaffDialog

# the role offered first when someone is dropped on a place of each kind
DEFAULT_ROLE = {"zone": "网格员", "building": "楼栋长", "unit": "单元长", "site_point": "志愿者"}
PLACES = {"zone": "zones", "building": "buildings", "site_point": "site_points"}  # where staff can be posted


class StaffActions(QObject):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx.dialog_parent)
        self.ctx = ctx
        parent = ctx.dialog_parent  # File ▸ Staff: the roster workbook in and out, the coverage table
        self.import_action = new_action(parent, self.tr("Import Staff &Roster…"), None, self.import_roster,
                                        "actionImportStaff")
        self.export_action = new_action(parent, self.tr("Export Staff R&oster…"), None, self.export_roster,
                                        "actionExportStaff")
        self.coverage_action = new_action(parent, self.tr("Export &Coverage Table…"), None, self.export_coverage,
                                          "actionExportCoverage")
        self.dialog: RosterPreviewDialog | None = None
        self.picker: PartyPicker | None = None

    @property
    def project(self):
        return self.ctx.project

    def _push(self, command) -> bool:
        try:
            return self.project.undo_stack.push(command)
        except GridmapError as error:
            self.ctx.messages.status(self.tr("Not done: %1").replace("%1", reason_text(error)), 10000)
            return False

    def _communities(self) -> list[tuple[int, str]]:
        communities = self.project.zones_at(project_depths(self.project).community)
        return sorted(((z.id, z.name) for z in communities), key=lambda p: p[1])

    # -- the roster ----------------------------------------------------------------

    def add(self, roles: frozenset[str] = frozenset(), community_id: int | None = None) -> bool:
        """Add someone to the roster; ``roles`` come ticked, ``community_id`` chosen."""
        if self.project is None:
            return False
        dialog = StaffDialog(self._communities(), None, self.ctx.dialog_parent, roles=roles, community_id=community_id)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self._push(AddStaff(**dialog.values()))

    def edit(self, staff_id: int) -> bool:
        staff = self.project.tables["staff"].get(staff_id) if self.project else None
        if staff is None:
            return False
        dialog = StaffDialog(self._communities(), staff, self.ctx.dialog_parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self._push(EditStaff(staff_id, **dialog.values()))

    def remove(self, staff_ids: list[int]) -> bool:
        tables = self.project.tables
        names = "、".join(tables["staff"][s].name for s in staff_ids[:5]) + ("…" if len(staff_ids) > 5 else "")
        posts = sum(1 for a in tables["assignments"].values() if a.staff_id in staff_ids)
        links = sum(1 for link in tables["party_links"].values() if link.staff_id in staff_ids)
        answer = QMessageBox.question(self.ctx.dialog_parent, self.tr("Remove Staff"), self.tr(
            "Remove %1 from the roster, with %2 posts and %3 linked households? Undo brings them back.")
            .replace("%1", names).replace("%2", str(posts)).replace("%3", str(links)))
        return answer == QMessageBox.StandardButton.Yes and self._push(RemoveStaff(staff_ids))

    # -- assignments -----------------------------------------------------------------

    def ask_role(self, target_kind: str, place: str) -> str | None:
        """The role to assign at ``place`` (any text: custom roles are fine)."""
        default = DEFAULT_ROLE[target_kind]
        roles = [default] + [r for r in STAFF_ROLES if r != default]
        text, ok = QInputDialog.getItem(self.ctx.dialog_parent, self.tr("Assign Staff"),
                                        self.tr("Role at %1:").replace("%1", place), roles, 0, True)
        return text.strip() if ok and text.strip() else None

    def assign(self, staff_ids: list[int], item: Item | None = None) -> bool:
        """Give the people a post at ``item`` (the selected zone or building if None)."""
        if self.project is None:
            return False
        item = item or self.ctx.selection.item
        if item is None or item.kind not in PLACES:
            self.ctx.messages.status(
                self.tr("Select a zone or a building first (on the map or in the tree)"), 8000)
            return False
        target = self.project.tables[PLACES[item.kind]][item.id]
        place = target.number if item.kind == "building" else target.name
        role = self.ask_role(item.kind, place)
        if role is None:
            return False
        done = False
        for staff_id in staff_ids:
            done = self._push(Assign(staff_id, item.kind, item.id, role)) or done
        if done:
            self.ctx.messages.status(self.tr("Assigned %1 as %2 at %3")
                                     .replace("%1", "、".join(self.project.tables["staff"][s].name for s in staff_ids))
                                     .replace("%2", role).replace("%3", place), 8000)
        return done

    def link_households(self, household_ids: list[int], parent: QWidget | None = None) -> PartyPicker | None:
        """党员联户: open the picker for the households chosen on the plan; what
        is confirmed there (link, replace or remove) becomes one undo step. The
        picker opens over ``parent`` (the plan's window), modal to it."""
        if self.project is None:
            return None
        parent = parent or self.ctx.dialog_parent
        tables = self.project.tables
        household_ids = [h for h in household_ids if h in tables["households"]]
        if not household_ids:
            self.ctx.messages.status(self.tr("Select rooms on the plan first"), 8000)
            return None
        if self.project.read_only:
            QMessageBox.information(parent, self.tr("Link to a Party Member"), self.tr(
                "The project is open read-only: party members cannot be linked here."))
            return None
        if not any(PARTY_ROLE in s.roles for s in tables["staff"].values()):
            answer = QMessageBox.question(parent, self.tr("Link to a Party Member"), self.tr(
                "No one on the roster is a party member (联户党员) yet. Add one now?"))
            community = households_place(self.project, household_ids).community_id
            if answer != QMessageBox.StandardButton.Yes or not self.add(frozenset({PARTY_ROLE}), community):
                return None
        cap = StaffingSettings.from_meta(self.project.meta, self.project.levels).party_cap
        if self.picker is not None:  # one picker at a time, not one more child per use
            self.picker.deleteLater()
        self.picker = PartyPicker(self.project, household_ids, cap, parent)
        self.picker.accepted.connect(lambda picker=self.picker: self._party_choice(picker))
        self.picker.open()
        return self.picker

    def _party_choice(self, picker: PartyPicker) -> bool:
        if picker.project is not self.project:  # another project was opened meanwhile: not this one's rooms
            return False
        ids, where = [h for h in picker.household_ids if h in self.project.tables["households"]], picker.where()
        member, staff = picker.member, self.project.tables["staff"]
        member_gone = picker.action == "link" and (member is None or member.staff_id not in staff)
        if not ids or member_gone:
            self.ctx.messages.status(self.tr("Not done: the rooms or the party member were removed "
                                             "meanwhile"), 10000)
            return False
        if picker.action == "unlink":
            command = UnlinkHouseholds(ids)
            if not self._push(command):
                return False
            unlinked = len({change.before.household_id for change in command.changes})
            self.ctx.messages.status(self.tr("Removed the party member of %1 households of %2")
                                     .replace("%1", f"{unlinked:,}").replace("%2", where), 10000)
            return True
        if not self._push(LinkHouseholds(member.staff_id, ids)):
            return False
        load = sum(1 for link in self.project.tables["party_links"].values() if link.staff_id == member.staff_id)
        self.ctx.messages.status(
            self.tr("Linked %1 households of %2 to %3; %4 now looks after %5 households")
            .replace("%1", f"{len(ids):,}").replace("%2", where).replace("%3", picker.describe(member))
            .replace("%4", member.name).replace("%5", f"{load:,}"), 10000)
        return True

    # -- the workbook ----------------------------------------------------------------

    def import_roster(self, path: str | None = None, *, show: bool = True) -> RosterPreviewDialog | None:
        parent = self.ctx.dialog_parent
        if self.project is None:
            return None
        if path is None:
            path, _ = QFileDialog.getOpenFileName(parent, self.tr("Import Staff Roster"), self.ctx.settings.last_folder,
                                                  self.tr("Workbooks (%1)").replace("%1", "*.xlsx *.xls *.ods"))
            if not path:
                return None
        read = read_or_explain(parent, lambda: (sheets := read_staff_roster(path),
                                                preview_staff_roster(self.project, *sheets)))
        if read is None:
            return None
        (posts, links), preview = read
        lines = [PreviewLine(f"{r.sheet} {r.number}", r.status, f"{r.person} · {r.what}".strip(" ·"),
                             issues_text(r.issues)) for r in preview.rows]
        self.dialog = RosterPreviewDialog(self.tr("Import Staff Roster"), Path(path).name, lines, posts.ignored,
                                          self.tr("Person and post"), preview, parent)
        self.dialog.accepted.connect(lambda: self._push(ImportStaffRoster(posts, links)))
        if show:
            self.dialog.exec()
        return self.dialog

    def _export(self, title: str, name: str, path: str | None, write, done: str) -> Path | None:
        if self.project is None:
            return None
        path = path or ask_save_path(self.ctx.dialog_parent, title, str(output_folder(self.ctx.settings)), name)
        written = write_or_explain(self.ctx.dialog_parent, path, lambda: write(path)) if path else None
        if written is not None:
            self.ctx.messages.status(done.replace("%1", written.name), 8000)
            show_saved(self.ctx.dialog_parent, self.ctx.settings, [written])
        return written

    def export_roster(self, path: str | None = None) -> Path | None:
        return self._export(self.tr("Export Staff Roster"), "人员分工表.xlsx", path,
                            lambda p: write_staff_roster(p, *roster_sheets(self.project)),
                            self.tr("Wrote the staff roster to %1 (internal: staff phones)"))

    def export_coverage(self, path: str | None = None) -> Path | None:
        return self._export(self.tr("Export Coverage Table"), "网格覆盖情况.xlsx", path,
                            lambda p: write_coverage(p, coverage_rows(self.project)),
                            self.tr("Wrote the coverage table to %1"))
