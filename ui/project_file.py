"""The project file as the window sees it: opening it for editing or, when that
cannot be (another program holds it, it is read-only, it holds triggers gridmap
did not make), for viewing; and noticing what other programs do to it while it
is open (changed, replaced, moved or deleted), so that the window reloads or
offers to save a copy instead of writing over someone else's work."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from gridmap.errors import ForeignObjectsError, InUseError, ProjectFileError, ProjectWriteError, ReadOnlyProjectError
from gridmap.project import Project
from gridmap.storage.access import file_state
from gridmap.storage.store import ProjectStore
from ui.file_messages import project_file_text, write_problem_text

if TYPE_CHECKING:
    from gridmap.storage.lock import Holder
    from ui.main_window import MainWindow

POLL_MS = 2000  # how often an open project's file is looked at: a stat and one PRAGMA, microseconds
SAID_BY_LIVE_UPDATES = ("conflict", "offline")  # a shared project's refusals that ui/shared/live.py explains


class ProjectFiles(QObject):
    """Opening projects for the window and watching the one that is open."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.parent_widget = parent

    # -- opening ------------------------------------------------------------------

    def open(self, path: str | Path, *, ask: bool = True) -> Project | None:
        """``path`` opened for editing if it can be, else, once the user agrees
        (``ask``: a dialog; otherwise yes), for viewing; None if it cannot be
        opened at all (the reason has been shown)."""
        path = Path(path)
        try:
            return self._told_of_substitutes(Project.open(path), ask)
        except InUseError as error:
            text = self._holder_text(error.holder) + "\n\n" + self.tr(
                "Only one program can change a project at a time. You can open it read-only to look at it; "
                "once the other program has closed it, Reload (F5) makes it editable.")
            if ask and not self._confirm(self.tr("Project in use"), path, text, self.tr("Open Read-Only")):
                return None
        except ReadOnlyProjectError:
            if ask:
                self._inform(self.tr("Read-only project"), path, self.tr(
                    "The project file or its folder is read-only: it opens for viewing only. To edit it, save a "
                    "copy in a folder you may write to (File ▸ Save As)."))
        except ForeignObjectsError as error:
            choice = self._ask_about_foreign(path, error) if ask else "view"
            if choice is None:
                return None
            if choice == "repair":
                return self._repair_and_open(path)
        except ProjectFileError as error:
            self._refuse(path, error)
            return None
        try:
            return self._told_of_substitutes(Project.open(path, read_only=True), ask)
        except ProjectFileError as error:
            self._refuse(path, error)
            return None

    def _told_of_substitutes(self, project: Project, ask: bool) -> Project:
        """Say which stored values could not be read as they were (a file written
        by another program): they are shown repaired, and saved so at their next edit."""
        if ask and project.substitutes:
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Values replaced on opening"),
                              f"{project.address}\n\n" + self.tr(
                                  "%1 stored value(s) could not be read as they were stored (the file was written "
                                  "by another program?). Usable values are shown in their place: a blank date, a "
                                  "default width, a shape left out. Check the places listed below.").replace(
                                      "%1", str(len(project.substitutes))),
                              QMessageBox.StandardButton.Ok, self.parent_widget)
            box.setDetailedText("\n".join(str(r) for r in project.substitutes[:200]))
            box.exec()
        return project

    def _holder_text(self, holder: Holder | None) -> str:
        if holder is None:
            return self.tr("Another gridmap program is editing this project.")
        what = {"window": self.tr("Another gridmap window"),
                "command": self.tr("The gridmap command “%1”").replace("%1", holder.detail)}.get(
            holder.program, self.tr("Another gridmap program"))
        return (self.tr("%1 is editing this project (user %2 on computer %3, process %4, since %5).")
                .replace("%1", what).replace("%2", holder.user).replace("%3", holder.host)
                .replace("%4", str(holder.pid)).replace("%5", holder.since_text))

    def _ask_about_foreign(self, path: Path, error: ForeignObjectsError) -> str | None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Objects gridmap did not make"), "",
                          QMessageBox.StandardButton.NoButton, self.parent_widget)
        box.setText(f"{path}\n\n" + self.tr(
            "This file holds %1 database object(s) (triggers, views) that gridmap did not make. Such objects "
            "run inside every edit and could delete data or copy personal data into what is printed, so the "
            "project opens read-only while they are there.\n\nRemove them if nobody you trust added them on "
            "purpose (the project's own data is kept).").replace("%1", str(len(error.objects))))
        box.setDetailedText("\n\n".join(o.describe() for o in error.objects))
        repair = box.addButton(self.tr("Remove Them and Edit"), QMessageBox.ButtonRole.AcceptRole)
        view = box.addButton(self.tr("Open Read-Only"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(view)
        box.exec()
        clicked = box.clickedButton()
        return "repair" if clicked == repair else "view" if clicked == view else None

    def _repair_and_open(self, path: Path) -> Project | None:
        try:
            ProjectStore.repair(path)
            return Project.open(path)
        except (ProjectFileError, ProjectWriteError) as error:
            self._refuse(path, error)
            return None

    # -- messages -------------------------------------------------------------------

    def _confirm(self, title: str, path: Path, text: str, yes: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, f"{path}\n\n{text}", QMessageBox.StandardButton.NoButton,
                          self.parent_widget)
        accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(accept)
        box.exec()
        return box.clickedButton() == accept

    def _inform(self, title: str, path: Path, text: str) -> None:
        QMessageBox.information(self.parent_widget, title, f"{path}\n\n{text}")

    def _refuse(self, path: Path, error: Exception) -> None:
        QMessageBox.warning(self.parent_widget, self.tr("Cannot open project"), project_file_text(path, error))


class FileWatch(QObject):
    """Watches the window's open project: a change another program makes is
    noticed within ``POLL_MS``; an edit the file refused is explained. A
    read-only view just reloads; an editing window asks (without blocking: the
    question waits in ``box`` until answered) before it does."""

    def __init__(self, window: MainWindow, reload: Callable[[], bool], save_as: Callable[[], object]) -> None:
        super().__init__(window)
        self.window = window
        self._reload = reload
        self._save_as = save_as
        self.project: Project | None = None
        self.box: QMessageBox | None = None  # the open question, if any
        self._quiet_until_edit = False  # the user said "not now": ask again at the next refused edit
        self._unreadable = None  # the file as it was when reloading it failed: not tried again until it changes
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.check)

    def watch(self, project: Project | None) -> None:
        if self.project is not None:
            self.project.write_failed.disconnect(self.write_failed)
        self.project = project
        self._quiet_until_edit = False
        self._unreadable = None
        if project is None:
            self.timer.stop()
            return
        project.write_failed.connect(self.write_failed)
        if project.path is not None:  # a shared project has no file to watch: ui/shared/live.py follows it
            self.timer.start()

    def check(self) -> None:
        """Look at the file once (the timer does this)."""
        project = self.project
        if project is None or project.path is None or self.box is not None or self._quiet_until_edit:
            return
        change = project.external_change()
        if change is None or (self._unreadable is not None and file_state(project.path) == self._unreadable):
            return
        if project.read_only and change != "gone":
            if self._try_reload():
                self.window.statusBar().showMessage(self.tr("Reloaded: another program changed the project"), 8000)
            return
        self._offer(change)

    def _try_reload(self) -> bool:
        """Reload; if that fails (the file was replaced by one that cannot be opened), the
        reason has been shown once, and the file is not tried again until it changes
        (also while the message is up: the timer goes on meanwhile)."""
        self._unreadable = file_state(self.project.path)
        return self._reload()  # a new project is watched afresh

    def write_failed(self, error: ProjectWriteError) -> None:
        if self.project is not None and self.project.path is None and error.kind in SAID_BY_LIVE_UPDATES:
            return  # a shared project's: ui/shared/live.py says it (and catches up, or waits for the server)
        self._quiet_until_edit = False
        if error.kind in ("changed", "replaced", "gone"):
            self._offer(error.kind, refused=True)
        else:
            QMessageBox.warning(self.window, self.tr("Change not saved"), write_problem_text(error))

    def _offer(self, change: str, refused: bool = False) -> None:
        if self.box is not None:
            return
        texts = {
            "changed": self.tr("Another program has changed the project file since it was opened here."),
            "replaced": self.tr("The project file has been replaced by another file while it was open here."),
            "gone": self.tr("The project file has been deleted or moved while it was open here."),
        }
        text = texts[change] + ("\n" + self.tr("Your last change was not saved.") if refused else "")
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Project file changed"),
                          f"{self.project.path}\n\n{text}", QMessageBox.StandardButton.NoButton, self.window)
        notes = []
        answers = {}
        if change != "gone":
            notes.append(self.tr("Reload shows the file as it is now (the undo history is cleared). Until then, "
                                 "changes made here are not saved."))
            answers[box.addButton(self.tr("Reload"), QMessageBox.ButtonRole.AcceptRole)] = self._try_reload
        if change != "changed":
            notes.append(self.tr("Save As keeps what is shown here in a new file."))
            answers[box.addButton(self.tr("Save As…"), QMessageBox.ButtonRole.ActionRole)] = self._save_as
        box.addButton(self.tr("Not Now"), QMessageBox.ButtonRole.RejectRole)
        box.setInformativeText("\n".join(notes))
        box.finished.connect(lambda _result: self._answered(box, answers))
        self.box = box
        box.open()

    def _answered(self, box: QMessageBox, answers: dict) -> None:
        clicked = box.clickedButton()
        self.box = None
        box.deleteLater()
        act = next((do for button, do in answers.items() if button == clicked), None)
        if act is None:
            self._quiet_until_edit = True
        else:
            act()
