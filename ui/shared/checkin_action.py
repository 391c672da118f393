"""File ▸ Check In Offline Copy…: offered while the window holds an offline copy
of a shared project's community (a GeoPackage made by ``gridmap checkout``).

The check-in holds the copy's writer lock, so the window lets go of it first;
afterwards the window reads the copy again, brought up to date with the server
(or as it was, when nothing was written)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from gridmap.storage.offline_copy import SOURCE
from ui.context import AppContext
from ui.new_action import new_action
from ui.shared.checkin_dialog import CheckinDialog, Runner, run_checkin
from ui.shared.passwords import Passwords


def is_offline_copy(project) -> bool:
    """Whether ``project`` is an offline copy (a file whose store holds a check-out record)."""
    return project is not None and project.path is not None and getattr(project.store, "copy", None) is not None


class CheckinCopy(QObject):
    """The action; ``passwords()`` gives the keyring, ``reload()`` reads the project again (the window's)."""

    def __init__(self, ctx: AppContext, passwords: Callable[[], Passwords], reload: Callable[[], object],
                 runner: Runner = run_checkin) -> None:
        super().__init__(ctx.dialog_parent)
        self.ctx, self.passwords, self.reload, self.runner = ctx, passwords, reload, runner
        self.dialog: CheckinDialog | None = None  # while it is up
        self.action = new_action(ctx.dialog_parent, self.tr("Check &In Offline Copy…"), None, self.check_in,
                                 "actionCheckin")
        self.action.setStatusTip(self.tr("Send this offline copy's edits back to the shared project it was checked "
                                         "out of"))
        self.action.setEnabled(False)
        ctx.current.changed.connect(lambda project: self.action.setEnabled(is_offline_copy(project)))

    def check_in(self) -> None:
        project = self.ctx.project
        if not is_offline_copy(project):
            return
        project.give_up_editing()  # the check-in takes the copy's writer lock itself
        dialog = self.dialog = CheckinDialog(project.path, project.meta.get(SOURCE, ""), self.passwords(),
                                             self.ctx.dialog_parent, self.runner)
        try:
            dialog.show()
            dialog.start()
            dialog.exec()
        finally:
            self.dialog = None
            dialog.deleteLater()
            self.reload()  # editable again, with the rows taken from the server
