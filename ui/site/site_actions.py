"""The Site Features menu: tools that place points and draw routes, and edits
of the selected site feature (open or close a gate, rename, delete). Each edit
is one undo step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QMenu

from gridmap.commands.site import EditSitePoint, EditSiteRoute, RemoveSitePoint, RemoveSiteRoute
from gridmap.commands.stack import Command
from gridmap.errors import EditError
from gridmap.selection import TABLE_OF_KIND
from ui.canvas.site_tools import DrawRouteTool, MoveSitePointTool, PlaceSitePointTool
from ui.context import AppContext
from ui.new_action import new_action
from ui.site.names import site_name
from ui.site.site_dialog import SitePointDialog


class SiteActions(QObject):
    """The tools join ``tools``, the group of map tools (one at a time, with the boundary tools)."""

    def __init__(self, ctx: AppContext, tools: QActionGroup) -> None:
        super().__init__(ctx.dialog_parent)
        self.ctx = ctx
        self.tools = tools
        self.add_gate = self._tool(self.tr("Add &Gate"), None, lambda: self.place("gate"), "actionAddGate")
        self.add_checkpoint = self._tool(self.tr("Add &Checkpoint"), None, lambda: self.place("checkpoint"),
                                         "actionAddCheckpoint")
        self.add_sampling = self._tool(self.tr("Add &Sampling Point"), None, lambda: self.place("sampling"),
                                       "actionAddSampling")
        self.add_supply = self._tool(self.tr("Add Su&pply Point"), None, lambda: self.place("supply"),
                                     "actionAddSupply")
        self.draw_route = self._tool(self.tr("Draw &Route"), "Ctrl+7", lambda: self.draw("route"), "actionDrawRoute")
        self.draw_loop = self._tool(self.tr("Draw C&losed Loop"), None, lambda: self.draw("closed-loop"),
                                    "actionDrawLoop")
        self.draw_isolation = self._tool(self.tr("Draw &Isolation Route"), None, lambda: self.draw("isolation"),
                                         "actionDrawIsolation")
        self.move_point = self._tool(self.tr("&Move Site Point"), "Ctrl+6", self.move, "actionMoveSitePoint")
        self.toggle_gate = self._action(self.tr("&Toggle Gate Open/Closed"), QKeySequence("Ctrl+Shift+G"),
                                        self.toggle, "actionToggleGate")
        self.rename = self._action(self.tr("Re&name Site Feature…"), QKeySequence(Qt.Key.Key_F2), self.rename_selected,
                                   "actionRenameSite")
        self.delete = self._action(self.tr("&Delete Site Feature"), QKeySequence.StandardKey.Delete,
                                   self.delete_selected, "actionDeleteSite")
        # F2 and Delete act on the map's selection only while the map has the keyboard.
        for action in (self.rename, self.delete):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            ctx.canvas.addAction(action)
        self.menu = QMenu(self.tr("Site &Features"), ctx.dialog_parent)
        self.menu.setObjectName("menuSiteFeatures")
        for group in ((self.add_gate, self.add_checkpoint, self.add_sampling, self.add_supply),
                      (self.draw_route, self.draw_loop, self.draw_isolation, self.move_point),
                      (self.toggle_gate, self.rename, self.delete)):
            if self.menu.actions():
                self.menu.addSeparator()
            self.menu.addActions(group)
        ctx.selection.changed.connect(lambda *_args: self._enable())
        self._enable()

    def _action(self, text: str, shortcut, slot: Callable[[], object], name: str) -> QAction:
        return new_action(self.ctx.dialog_parent, text, shortcut, slot, name)

    def _tool(self, text: str, shortcut: str | None, slot, name: str) -> QAction:
        action = self._action(text, QKeySequence(shortcut) if shortcut else None, slot, name)
        action.setCheckable(True)
        self.tools.addAction(action)  # one map tool at a time, with the boundary tools
        return action

    def _hint(self, text: str) -> None:
        self.ctx.messages.status(text, 8000)

    # -- tools ---------------------------------------------------------------------------

    def place(self, kind: str) -> None:
        canvas = self.ctx.canvas
        canvas.set_tool(PlaceSitePointTool(canvas, kind, self.ask_point))
        hints = {"gate": self.tr("Click where the gate is (it snaps to the nearest compound wall); Esc to stop."),
                 "checkpoint": self.tr("Click where the checkpoint is; Esc to stop."),
                 "sampling": self.tr("Click where the sampling point is; Esc to stop."),
                 "supply": self.tr("Click where the supply point is; Esc to stop.")}
        self._hint(hints[kind])

    def draw(self, kind: str) -> None:
        canvas = self.ctx.canvas
        canvas.set_tool(DrawRouteTool(canvas, kind, self.ask_route_name))
        self._hint(self.tr("Click the points of the route; double-click or Enter to finish, Backspace takes back "
                           "the last point, Esc stops."))

    def move(self) -> None:
        canvas = self.ctx.canvas
        canvas.set_tool(MoveSitePointTool(canvas))
        self._hint(self.tr("Drag a site point to its new place; Esc to stop."))

    def ask_point(self, kind: str) -> tuple[str, str, str] | None:
        dialog = SitePointDialog(kind, self.ctx.dialog_parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_route_name(self, kind: str) -> str | None:
        return self._ask_text(self.tr("New Route"), self.tr("Name of the route:"), site_name(kind))

    def _ask_text(self, title: str, label: str, text: str) -> str | None:
        answer, ok = QInputDialog.getText(self.ctx.dialog_parent, title, label, QLineEdit.EchoMode.Normal, text)
        return answer.strip() if ok and answer.strip() else None

    # -- the selected site feature ----------------------------------------------------------

    def selected(self):
        """The selected site point or route record, or None."""
        item, project = self.ctx.selection.item, self.ctx.project
        if item is None or project is None or item.kind not in ("site_point", "site_route"):
            return None
        return project.tables[TABLE_OF_KIND[item.kind]].get(item.id)

    def _enable(self) -> None:
        record = self.selected()
        self.toggle_gate.setEnabled(record is not None and getattr(record, "kind", "") == "gate")
        self.rename.setEnabled(record is not None)
        self.delete.setEnabled(record is not None)

    def _push(self, make: Callable[[], Command]) -> bool:
        try:
            return self.ctx.canvas.push(make())
        except EditError as error:  # refused while being made (bad input)
            self.ctx.canvas.refuse(error)
            return False

    def toggle(self) -> bool:
        gate = self.selected()
        if gate is None or gate.kind != "gate":  # a route's kind is never "gate"
            self._hint(self.tr("Select a gate first (on the map)"))
            return False
        state = "open" if gate.state == "closed" else "closed"
        if not self._push(lambda: EditSitePoint(gate.id, state=state)):
            return False
        self._hint(self.tr("%1 is now %2").replace("%1", gate.name).replace("%2", site_name(state)))
        return True

    def rename_selected(self) -> bool:
        record = self.selected()
        if record is None:
            return False
        name = self._ask_text(self.tr("Rename"), self.tr("New name of %1:").replace("%1", record.name), record.name)
        if name is None:
            return False
        if self.ctx.selection.item.kind == "site_point":
            return self._push(lambda: EditSitePoint(record.id, name=name))
        return self._push(lambda: EditSiteRoute(record.id, name=name))

    def delete_selected(self) -> bool:
        """Delete the selected site feature (undo brings it back, with a checkpoint's posts)."""
        record = self.selected()
        if record is None:
            return False
        if self.ctx.selection.item.kind == "site_route":
            done = self._push(lambda: RemoveSiteRoute(record.id))
            posts = 0
        else:
            posts = sum(1 for a in self.ctx.project.tables["assignments"].values()
                        if a.target_kind == "site_point" and a.target_id == record.id)
            done = self._push(lambda: RemoveSitePoint(record.id))
        if done:
            text = (self.tr("Deleted %1 and its %2 staff posts (Ctrl+Z brings them back)").replace("%2", str(posts))
                    if posts else self.tr("Deleted %1 (Ctrl+Z brings it back)"))
            self._hint(text.replace("%1", record.name))
        return done
