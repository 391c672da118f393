"""Edit ▸ Merge, Delete and Move the selected zone (asking which neighbour),
and zone codes from the hierarchy. Each edit is one undo step; a refused one
is said on the map."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog

from ui.context import AppContext
from ui.new_action import new_action


class ZoneActions(QObject):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx.dialog_parent)
        self.ctx = ctx
        parent = ctx.dialog_parent
        self.merge_zone = new_action(parent, self.tr("&Merge Zone with…"), None, lambda: self.act("merge"),
                                     "actionMergeZone")
        self.delete_zone = new_action(parent, self.tr("&Delete Zone…"), None, lambda: self.act("delete"),
                                      "actionDeleteZone")
        self.reparent_zone = new_action(parent, self.tr("Move Zone to Another &Parent…"), None,
                                        lambda: self.act("reparent"), "actionReparentZone")
        self.regenerate_codes = new_action(parent, self.tr("Regenerate Zone &Codes"), None,
                                           lambda: self.recode(False), "actionRegenerateCodes")
        self.renumber_codes = new_action(parent, self.tr("Renumber Zone Codes by &Position"), None,
                                         lambda: self.recode(True), "actionRenumberCodes")

    def act(self, what: str) -> None:
        """Merge, delete or reparent the selected zone, asking which neighbour
        (only zones that share a boundary with it are offered)."""
        from gridmap.commands.zones import DeleteZone, MergeZones, ReparentZone

        item = self.ctx.selection.item
        zones = self.ctx.project.tables["zones"] if self.ctx.project else {}
        if item is None or item.kind != "zone" or item.id not in zones:
            self.ctx.messages.status(self.tr("Select a zone first (on the map or in the tree)"))
            return
        zone = zones[item.id]
        if what == "reparent":
            parent = zones.get(zone.parent_id)
            level = parent.level if parent else None
            options = [z for z in zones.values() if z.level == level and z.id != zone.parent_id
                       and z.geometry.intersection(zone.geometry).length > 0]
        else:
            options = [z for z in zones.values() if z.parent_id == zone.parent_id and z.id != zone.id
                       and z.geometry.intersection(zone.geometry).length > 0]
        if not options:
            self.ctx.messages.status(self.tr("%1 has no neighbour to do that with").replace("%1", zone.name))
            return
        prompts = {"merge": self.tr("Merge %1 with:"),
                   "delete": self.tr("Give the area, buildings and staff posts of %1 to:"),
                   "reparent": self.tr("Move %1 to:")}
        chosen = self.choose(prompts[what].replace("%1", zone.name), [z.name for z in options])
        if chosen is None:
            return
        other = options[chosen]
        command = {"merge": lambda: MergeZones([zone.id, other.id]), "delete": lambda: DeleteZone(zone.id, other.id),
                   "reparent": lambda: ReparentZone(zone.id, other.id)}[what]()
        self.ctx.canvas.push(command)

    def choose(self, label: str, options: list[str]) -> int | None:
        """Which of ``options`` the user picks (None if cancelled)."""
        parent = self.ctx.dialog_parent
        text, ok = QInputDialog.getItem(parent, parent.windowTitle(), label, options, 0, False)
        return options.index(text) if ok and text in options else None

    def recode(self, renumber: bool) -> None:
        """Zone codes from the hierarchy (see gridmap/codes.py); one undoable step."""
        from gridmap.codes import RecodeZones

        if self.ctx.project is not None:
            changed = self.ctx.canvas.push(RecodeZones(renumber))
            if not changed:
                self.ctx.messages.status(self.tr("Every zone code already follows the scheme"))
