"""The main window as a test meets it: on a project, shown offscreen at a size."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gridmap.project import Project
    from ui.main_window import MainWindow


def shown_window(qtbot, project: Project | None, width: int = 1366, height: int = 768) -> MainWindow:
    """A main window on ``project`` (None: as the program starts, with none), shown
    and exposed (closed by qtbot after the test)."""
    from ui.main_window import MainWindow
    from ui.settings import Settings

    window = MainWindow(Settings.default())
    qtbot.addWidget(window)
    window.resize(width, height)
    if project is not None:
        window.set_project(project)
    window.show()
    qtbot.waitExposed(window)
    return window
