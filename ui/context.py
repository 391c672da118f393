"""What the window's actions share: the open project, the selection, the map,
the settings and the way to tell the user things. The main window builds one
``AppContext`` and hands it to every ``*_actions`` class, with the few widgets
each one needs passed on their own; no action reaches into the window."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from gridmap.errors import ProjectWriteError
from gridmap.selection import Selection
from ui.reason_text import reason_text
from ui.settings import Settings

if TYPE_CHECKING:
    from gridmap.project import Project
    from ui.canvas.callouts import RefusalMarker
    from ui.canvas.map_canvas import MapCanvas


class CurrentProject(QObject):
    """The project open in the window, None between projects."""

    changed = Signal(object)  # the project now open (after Open or Reload), None once it is closed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None

    def set(self, project: Project | None) -> None:
        if project is not self.project:
            self.project = project
            self.changed.emit(project)


class Messages(QObject):
    """What the window says: the status bar (with the active map tool's hint
    beside it), message boxes over the window, and refused edits (the status
    bar and the callout on the map say why)."""

    def __init__(self, window: QMainWindow, refusal: RefusalMarker) -> None:
        super().__init__(window)
        self.parent_widget = window
        self.bar = window.statusBar()
        self.refusal = refusal
        self.tool_hint = QLabel(window)  # what the map tool needs said while it lasts ("zoom in to see…")
        self.tool_hint.setObjectName("toolHint")
        self.tool_hint.hide()
        self.bar.insertPermanentWidget(0, self.tool_hint)
        refusal.refused.connect(self._refused)
        refusal.cleared.connect(self._refusal_cleared)

    def status(self, text: str, ms: int = 8000) -> None:
        self.bar.showMessage(text, ms)

    def show_tool_hint(self, text: str) -> None:
        self.tool_hint.setText(text)
        self.tool_hint.setVisible(bool(text))

    def inform(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent_widget, title, text)

    def warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent_widget, title, text)

    def _refused(self, error) -> None:
        if isinstance(error, ProjectWriteError):
            return  # the file, not a rule: FileWatch.write_failed says why in a message box
        text = self.tr("Not done: %1").replace("%1", reason_text(error))  # a broken rule: its title and places
        self.status(text, 15000)
        self.refusal.set_caption(text)  # the callout on the map says it too

    def _refusal_cleared(self, caption: str) -> None:
        """An edit was done after a refusal: its message goes (not one said since)."""
        if self.bar.currentMessage() == caption:
            self.bar.clearMessage()


@dataclass(frozen=True)
class AppContext:
    current: CurrentProject  # the open project; ``current.changed`` on open, reload and close
    selection: Selection
    canvas: MapCanvas
    settings: Settings
    messages: Messages
    dialog_parent: QWidget  # the window dialogs and message boxes open over

    @property
    def project(self) -> Project | None:
        return self.current.project
