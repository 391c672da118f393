"""Windows and dialogs no bigger than the screen they open on: a laptop's
1366×768, less the taskbar, must show every one whole at its default size."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget


def resize_within_screen(widget: QWidget, width: int, height: int) -> QSize:
    """Resize ``widget`` to ``width`` × ``height``, or less on a smaller screen."""
    screen = widget.screen()
    size = QSize(width, height) if screen is None else QSize(width, height).boundedTo(screen.availableGeometry().size())
    widget.resize(size)
    return size
