"""The colour plan in a window of its own, big enough to read: a child of the
main window (so it closes with the program and never keeps it running), its
size, place, divider and zoom remembered across starts."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.plans.plan_view import PlanPanel
from ui.settings import Settings

SCREEN_SHARE = 0.9  # a first opening takes this much of the screen, centred


class PlanWindow(QWidget):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("planWindow")
        self.settings = settings
        self.panel = PlanPanel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        self.setMinimumSize(640, 420)
        self.panel.title_changed.connect(self._show_title)
        self.panel.cleared.connect(self.close)
        self._show_title("")
        self._placed = False
        if settings.plan_splitter is not None:
            self.panel.splitter.restoreState(settings.plan_splitter)
        if settings.plan_zoom:  # else the plan fits the window
            self.panel.set_zoom(settings.plan_zoom)

    def _show_title(self, building: str) -> None:
        title = self.tr("Colour Plan")
        self.setWindowTitle(f"{building} — {title}" if building else title)

    def show_plan(self) -> None:
        """Show the window (where it was last time, else over most of the screen) in front."""
        if not self._placed:
            self._placed = True
            saved = self.settings.plan_geometry
            if saved is None or not self.restoreGeometry(saved) or not self._on_a_screen():
                self.setGeometry(self.default_geometry())
        if self.isMinimized():
            self.showNormal()
        if self.isVisible():
            self.raise_()  # behind the main window: to the front (a window just shown is in front already)
        else:
            self.show()
        self.activateWindow()

    def default_geometry(self) -> QRect:
        screen = (self.parentWidget() or self).screen().availableGeometry()
        width, height = int(screen.width() * SCREEN_SHARE), int(screen.height() * SCREEN_SHARE)
        return QRect(screen.x() + (screen.width() - width) // 2, screen.y() + (screen.height() - height) // 2,
                     width, height)

    def _on_a_screen(self) -> bool:
        """A window restored to where a screen no longer is (unplugged) is put back."""
        screen = self.screen().availableGeometry()
        return screen.intersected(self.frameGeometry()).width() >= 200

    def save_state(self) -> None:
        """Remember the window's place and size, the divider, the zoom (0: fit)."""
        if self._placed:
            self.settings.plan_geometry = self.saveGeometry()
        self.settings.plan_splitter = self.panel.splitter.saveState()
        self.settings.plan_zoom = 0.0 if self.panel.fit_mode else self.panel.canvas.zoom
        self.settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.save_state()
        if self.panel.sheet_window is not None:
            self.panel.sheet_window.close()
        super().closeEvent(event)
