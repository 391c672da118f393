"""What the roster, the map, the tree and the plan ask of the staff: add, edit
and remove people, assign them (asking for the role), link households to a
party member, and the roster workbook in and out. Each edit is one undo step."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from gridmap.commands.staff import AddStaff, Assign, EditStaff, LinkHouseholds, RemoveStaff
from gridmap.errors import GridmapError
from gridmap.model.entities import STAFF_ROLES
from gridmap.selection import Item
from gridmap.workbooks.places import COMMUNITY_LEVEL
from gridmap.zone_tree import ZoneTree
from gridmap.workbooks.staff_roster import (
    ImportStaffRoster, coverage_rows, preview_staff_roster, read_staff_roster, roster_sheets, write_coverage,
    write_staff_roster,
)
from ui.imports.roster_preview_dialog import PreviewLine, RosterPreviewDialog, issues_text
from ui.imports.workbook_files import ask_save_path, read_or_explain, write_or_explain
from ui.staff.staff_dialog import StaffDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# the role offered first when someone is dropped on a place of each kind
DEFAULT_ROLE = {"zone": "网格员", "building": "楼栋长", "unit": "单元长", "site_point": "志愿者"}
PLACES = {"zone": "zones", "building": "buildings", "site_point": "site_points"}  # where staff can be posted
PARTY_ROLE = "联户党员"


class StaffActions(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.dialog: RosterPreviewDialog | None = None

    @property
    def project(self):
        return self.window.project

    def _push(self, command) -> bool:
        try:
            return self.project.undo_stack.push(command)
        except GridmapError as error:
            self.window.statusBar().showMessage(self.tr("Not done: %1").replace("%1", str(error)), 10000)
            return False

    def _communities(self) -> list[tuple[int, str]]:
        return sorted(((z.id, z.name) for z in self.project.tables["zones"].values() if z.level == COMMUNITY_LEVEL),
                      key=lambda p: p[1])

    # -- the roster ----------------------------------------------------------------

    def add(self) -> bool:
        if self.project is None:
            return False
        dialog = StaffDialog(self._communities(), None, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self._push(AddStaff(**dialog.values()))

    def edit(self, staff_id: int) -> bool:
        staff = self.project.tables["staff"].get(staff_id) if self.project else None
        if staff is None:
            return False
        dialog = StaffDialog(self._communities(), staff, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self._push(EditStaff(staff_id, **dialog.values()))

    def remove(self, staff_ids: list[int]) -> bool:
        tables = self.project.tables
        names = "、".join(tables["staff"][s].name for s in staff_ids[:5]) + ("…" if len(staff_ids) > 5 else "")
        posts = sum(1 for a in tables["assignments"].values() if a.staff_id in staff_ids)
        links = sum(1 for link in tables["party_links"].values() if link.staff_id in staff_ids)
        answer = QMessageBox.question(self.window, self.tr("Remove Staff"), self.tr(
            "Remove %1 from the roster, with %2 posts and %3 linked households? Undo brings them back.")
            .replace("%1", names).replace("%2", str(posts)).replace("%3", str(links)))
        return answer == QMessageBox.StandardButton.Yes and self._push(RemoveStaff(staff_ids))

    # -- assignments -----------------------------------------------------------------

    def ask_role(self, target_kind: str, place: str) -> str | None:
        """The role to assign at ``place`` (any text: custom roles are fine)."""
        default = DEFAULT_ROLE[target_kind]
        roles = [default] + [r for r in STAFF_ROLES if r != default]
        text, ok = QInputDialog.getItem(self.window, self.tr("Assign Staff"),
                                        self.tr("Role at %1:").replace("%1", place), roles, 0, True)
        return text.strip() if ok and text.strip() else None

    def assign(self, staff_ids: list[int], item: Item | None = None) -> bool:
        """Give the people a post at ``item`` (the selected zone or building if None)."""
        if self.project is None:
            return False
        item = item or self.window.selection.item
        if item is None or item.kind not in PLACES:
            self.window.statusBar().showMessage(
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
            self.window.statusBar().showMessage(self.tr("Assigned %1 as %2 at %3")
                                                .replace("%1", "、".join(self.project.tables["staff"][s].name
                                                                         for s in staff_ids))
                                                .replace("%2", role).replace("%3", place), 8000)
        return done

    def ask_member(self, options: list[tuple[int, str]]) -> int | None:
        labels = [label for _id, label in options]
        text, ok = QInputDialog.getItem(self.window, self.tr("Link to a Party Member"),
                                        self.tr("Party member who looks after these households:"), labels, 0, False)
        return options[labels.index(text)][0] if ok and text in labels else None

    def link_households(self, household_ids: list[int]) -> bool:
        """党员联户: link the households (chosen on the plan) to a party member;
        members of the building's community are offered first."""
        if self.project is None or not household_ids:
            return False
        tables = self.project.tables
        first = tables["households"][household_ids[0]]
        community = ZoneTree(tables["zones"]).ancestor_at(tables["buildings"][first.building_id].zone_id,
                                                          COMMUNITY_LEVEL)
        members = [s for s in tables["staff"].values() if PARTY_ROLE in s.roles]
        members.sort(key=lambda s: (s.community_id != community, s.name))
        if not members:
            self.window.statusBar().showMessage(self.tr("No one on the roster has the role 联户党员"), 8000)
            return False
        load = {}
        for link in tables["party_links"].values():
            load[link.staff_id] = load.get(link.staff_id, 0) + 1
        chosen = self.ask_member([(s.id, f"{s.name}（{load.get(s.id, 0)} 户）") for s in members])
        return chosen is not None and self._push(LinkHouseholds(chosen, household_ids))

    # -- the workbook ----------------------------------------------------------------

    def import_roster(self, path: str | None = None, *, show: bool = True) -> RosterPreviewDialog | None:
        window = self.window
        if self.project is None:
            return None
        if path is None:
            path, _ = QFileDialog.getOpenFileName(window, self.tr("Import Staff Roster"), window.settings.last_folder,
                                                  self.tr("Workbooks (%1)").replace("%1", "*.xlsx *.xls *.ods"))
            if not path:
                return None
        read = read_or_explain(window, lambda: (sheets := read_staff_roster(path),
                                                preview_staff_roster(self.project, *sheets)))
        if read is None:
            return None
        (posts, links), preview = read
        lines = [PreviewLine(f"{r.sheet} {r.number}", r.status, f"{r.person} · {r.what}".strip(" ·"),
                             issues_text(r.issues)) for r in preview.rows]
        self.dialog = RosterPreviewDialog(self.tr("Import Staff Roster"), Path(path).name, lines, posts.ignored,
                                          self.tr("Person and post"), preview, window)
        self.dialog.accepted.connect(lambda: self._push(ImportStaffRoster(posts, links)))
        if show:
            self.dialog.exec()
        return self.dialog

    def _export(self, title: str, name: str, path: str | None, write, done: str) -> Path | None:
        if self.project is None:
            return None
        path = path or ask_save_path(self.window, title, self.window.settings.last_folder, name)
        written = write_or_explain(self.window, path, lambda: write(path)) if path else None
        if written is not None:
            self.window.statusBar().showMessage(done.replace("%1", written.name), 8000)
        return written

    def export_roster(self, path: str | None = None) -> Path | None:
        return self._export(self.tr("Export Staff Roster"), "人员分工表.xlsx", path,
                            lambda p: write_staff_roster(p, *roster_sheets(self.project)),
                            self.tr("Wrote the staff roster to %1 (internal: staff phones)"))

    def export_coverage(self, path: str | None = None) -> Path | None:
        return self._export(self.tr("Export Coverage Table"), "网格覆盖情况.xlsx", path,
                            lambda p: write_coverage(p, coverage_rows(self.project)),
                            self.tr("Wrote the coverage table to %1"))
