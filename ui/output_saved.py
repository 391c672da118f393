"""After an output is written (charts, a map, a workbook, GIS layers): a note
that names the file(s) and the folder, with 打开文件夹 and 打开文件; the
folder is remembered and offered first next time (instead of the home folder).
Every place that writes an output ends with :func:`show_saved`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Sequence

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

if TYPE_CHECKING:
    from ui.settings import Settings

NAMES_SHOWN = 8  # a batch of charts lists the first few files, then how many more


def output_folder(settings: Settings | None) -> Path:
    """Where an output is offered first: the folder of the last output, else the
    folder of the last project file opened (the user's documents folder only
    before either, with a shared project that has no folder, or with no
    settings: a panel on its own)."""
    if settings is None:
        return documents_folder()
    for text in (settings.output_folder, settings.last_folder):
        if text and Path(text).is_dir():
            return Path(text)
    return documents_folder()


def documents_folder() -> Path:
    """The user's documents folder (文档), or the home folder where there is none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def folder_of(files: Sequence[Path]) -> Path:
    """The folder holding every one of ``files`` (a folder written as a whole is its own)."""
    return Path(os.path.commonpath([f if f.is_dir() else f.parent for f in files]))


class OutputSaved(QMessageBox):
    """Non-modal: the user may go on working, and open the folder or the file later."""

    def __init__(self, files: Sequence[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outputSaved")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(False)
        self.files = [Path(f).resolve() for f in files]
        self.folder = folder_of(self.files)
        self.setIcon(QMessageBox.Icon.Information)
        self.setWindowTitle(self.tr("Saved"))
        self.setTextFormat(Qt.TextFormat.PlainText)  # a file name is never markup
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the path can be copied
        if len(self.files) == 1:
            text = self.tr("%1 is saved in the folder:\n%2").replace("%1", self.files[0].name)
        else:
            names = [f.name for f in self.files[:NAMES_SHOWN]]
            if len(self.files) > NAMES_SHOWN:
                names.append(self.tr("… and %1 more").replace("%1", f"{len(self.files) - NAMES_SHOWN:,}"))
            text = self.tr("%1 files are saved in the folder:\n%2").replace("%1", f"{len(self.files):,}") \
                + "\n\n" + "\n".join(names)
        self.setText(text.replace("%2", str(self.folder)))
        self.open_folder_button = self.addButton(self.tr("Open Folder"), QMessageBox.ButtonRole.ActionRole)
        self.open_folder_button.setObjectName("openFolder")
        # one file opens in its program; of a batch, the folder is the way in
        self.open_file_button = None
        if len(self.files) == 1 and self.files[0].is_file():
            self.open_file_button = self.addButton(self.tr("Open File"), QMessageBox.ButtonRole.ActionRole)
            self.open_file_button.setObjectName("openFile")
        close = self.addButton(self.tr("Close"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(close)
        self.setEscapeButton(close)
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button: QAbstractButton) -> None:
        if button is self.open_folder_button:
            self.reveal(self.folder)
        elif button is self.open_file_button:
            self.reveal(self.files[0])

    def reveal(self, path: Path) -> bool:
        """Show ``path`` in the desktop's file manager or program; if it was moved
        or deleted since (or nothing can open it), say so instead of nothing."""
        if path.exists() and QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            return True
        text = (self.tr("%1 no longer exists: it was moved or deleted since it was saved.") if not path.exists()
                else self.tr("No program on this computer opens %1.")).replace("%1", str(path))
        QMessageBox.warning(self, self.tr("Cannot Open"), text)
        return False


def show_saved(parent: QWidget, settings: Settings, files: Sequence[Path | str]) -> OutputSaved | None:
    """Say where ``files`` were written and remember their folder for the next output."""
    if not files:
        return None
    box = OutputSaved([Path(f) for f in files], parent)
    settings.output_folder = str(box.folder)
    box.show()
    return box
