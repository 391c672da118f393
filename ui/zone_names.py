"""Renaming zones and naming grids by serial, for the whole window.

The hierarchy tree and the attributes panel ask for a rename with a signal;
this pushes it as one undoable step and says, in the user's language, why a
name is refused. It also watches the undo stack: after an edit that adds,
removes, recodes or moves zones (a split, merge, delete, partition, renumber,
from whichever tool), it offers, in a box that does not block the map, to name
the grids whose names no longer follow their serials 第1网格, 第2网格… in
reading order (gridmap/zone_names/serials.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from gridmap.commands.zones import NameBySerial, RenameZone
from gridmap.errors import EditError, ProjectWriteError
from gridmap.zone_names.serials import level_name, naming_changes, parents_to_name, parents_to_offer
from ui.new_action import new_action
from ui.reason_text import reason_text

if TYPE_CHECKING:
    from gridmap.project import Project
    from ui.main_window import MainWindow

MAX_DETAILS = 40  # lines of "old → new" under the offer's "Show Details…"


class ZoneNaming(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.project: Project | None = None
        self.box: QMessageBox | None = None  # the open offer to name grids by serial, if any
        self.refusal: QMessageBox | None = None  # the last refusal shown, if open
        self._declined: set[tuple] = set()  # the states the user said "not now" to: not offered again
        self._zone_changes: list = []  # zone changes announced since the stack last moved
        self._index = 0
        self.rename_action = new_action(window, self.tr("Re&name Zone…"), None, self.rename_selected,
                                        "actionRenameZone")
        self.rename_action.setToolTip(self.tr("Rename the selected zone (F2 in the hierarchy)"))
        self.serial_action = new_action(window, self.tr("Name Grids by &Serial"), None, self.name_selected_by_serial,
                                        "actionNameBySerial")
        self.serial_action.setToolTip(self.tr("Name the grids of the selected zone 第1网格, 第2网格… in reading "
                                              "order, codes renumbered to match"))
        window.tree.rename_requested.connect(self.rename)
        window.attributes.rename_requested.connect(self.rename)

    # -- the project -----------------------------------------------------------------

    def set_project(self, project: Project | None) -> None:
        if self.project is not None:
            self.project.changed.disconnect(self._on_changed)
            self.project.undo_stack.changed.disconnect(self._on_stack)
        self._close_offer()
        self.project = project
        self._declined.clear()
        self._zone_changes.clear()
        if project is not None:
            project.changed.connect(self._on_changed)
            project.undo_stack.changed.connect(self._on_stack)
            self._index = project.undo_stack.index

    # -- renaming --------------------------------------------------------------------

    def rename(self, zone_id: int, name: str) -> bool:
        """Rename a zone as one undoable step; a refused name is explained and nothing changes."""
        return self._push(RenameZone(zone_id, name))

    def rename_selected(self) -> None:
        """Edit the selected zone's name in the hierarchy tree."""
        zone_id = self._selected_zone()
        if zone_id is not None:
            self.window.docks["hierarchy"].show()
            self.window.docks["hierarchy"].raise_()
            self.window.tree.edit_zone_name(zone_id)

    def _push(self, command) -> bool:
        if self.project is None:
            return False
        try:
            return self.project.undo_stack.push(command)
        except ProjectWriteError:
            return False  # the file refused it (read-only, changed elsewhere): the window has said so
        except EditError as error:
            self._refuse(error)
            return False

    def _refuse(self, error: EditError) -> None:
        if self.refusal is not None:
            self.refusal.close()
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Not renamed"), reason_text(error),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: setattr(self, "refusal", None) if self.refusal is box else None)
        self.refusal = box
        box.open()

    def _selected_zone(self) -> int | None:
        item = self.window.selection.item
        if self.project is None or item is None or item.kind != "zone" or item.id not in self.project.tables["zones"]:
            self.window.statusBar().showMessage(self.tr("Select a zone first (on the map or in the tree)"), 8000)
            return None
        return item.id

    # -- naming by serial ----------------------------------------------------------------

    def name_selected_by_serial(self) -> bool:
        """Name the selected zone's children by serial (a grid's: its siblings)."""
        zone_id = self._selected_zone()
        if zone_id is None:
            return False
        zones = self.project.tables["zones"]
        parents = parents_to_name(self.project, zone_id)
        if not parents:
            self.window.statusBar().showMessage(self.tr("%1 holds no grids to name").replace("%1", zones[zone_id].name),
                                                8000)
            return False
        done = self._push(NameBySerial(parents))
        if not done and self.refusal is None:
            named = zones[parents[0] if len(parents) == 1 else zone_id].name
            self.window.statusBar().showMessage(self.tr("The grids of %1 already follow their serials")
                                                .replace("%1", named), 8000)
        return done

    def _on_changed(self, changes) -> None:
        if self.project.undo_stack.index == self._index:
            return  # not a step of this desk's stack (another desk's commit, caught up): nothing to offer about
        self._zone_changes.extend(c for c in changes if c.table == "zones")

    def _on_stack(self) -> None:
        stack = self.project.undo_stack
        forward, moved = stack.index > self._index, stack.index != self._index
        self._index = stack.index
        changes, self._zone_changes = self._zone_changes, []
        if not moved:
            return  # a step merged into the last one, or the project was saved
        self._close_offer()  # the edit it was about is no longer the last one
        if forward and changes:
            parents = [p for p in parents_to_offer(self.project, changes) if self._state(p) not in self._declined]
            if parents:
                self._offer(parents)

    def _state(self, parent_id: int) -> tuple:
        kids = (z for z in self.project.tables["zones"].values() if z.parent_id == parent_id)
        return parent_id, frozenset((z.id, z.code, z.name) for z in kids)

    def _offer(self, parents: list[int]) -> None:
        zones = self.project.tables["zones"]
        first = zones[parents[0]]
        word = level_name(self.project, first.level + 1)
        text = (self.tr("The grids of %1 no longer follow their serials.") if len(parents) == 1 else
                self.tr("The grids of %1 and of %2 more zones no longer follow their serials.")
                .replace("%2", str(len(parents) - 1))).replace("%1", first.name)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Name grids by serial"), text,
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setObjectName("serialNamesOffer")
        box.setInformativeText(self.tr(
            "Name them %1 in reading order (north to south, west to east), codes renumbered to match? Grids with "
            "names of their own keep them. Ctrl+Z takes it back; Edit ▸ Name Grids by Serial does it at any time.")
            .replace("%1", f"第1{word}、第2{word}…"))
        box.setDetailedText("\n".join(self._details(parents)))
        name = box.addButton(self.tr("Name by Serial"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Not Now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(name)
        box.setWindowModality(Qt.WindowModality.NonModal)  # the map stays usable while it waits
        box.finished.connect(lambda _result: self._answered(box, parents, box.clickedButton() is name))
        self.box = box
        box.show()
        canvas = self.window.canvas  # its corner, away from the place just edited in the middle of the map
        box.move(canvas.mapToGlobal(QPoint(max(canvas.width() - box.width() - 12, 0), 12)))

    def _details(self, parents: list[int]) -> list[str]:
        lines = []
        for change in naming_changes(self.project, parents):
            old, new = change.before, change.after
            if old.name != new.name:
                lines.append(f"{old.name}（{old.code}）→ {new.name}（{new.code}）")
            else:
                lines.append(f"{old.name}：{old.code} → {new.code}")
        return lines[:MAX_DETAILS] + (["…"] if len(lines) > MAX_DETAILS else [])

    def _answered(self, box: QMessageBox, parents: list[int], accepted: bool) -> None:
        if self.box is not box:
            return  # closed because the stack moved on
        self.box = None
        box.deleteLater()
        if accepted:
            self._push(NameBySerial(parents))
        else:
            self._declined.update(self._state(p) for p in parents)

    def _close_offer(self) -> None:
        box, self.box = self.box, None
        if box is not None:
            box.close()
            box.deleteLater()
