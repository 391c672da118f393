"""Where a window that asks the user to look at the map goes: beside the map,
never over it (the partition dialog; it must fit a 1366 × 768 screen too)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QWidget


def beside(canvas: QRect, screen: QRect, size: QSize) -> QRect:
    """The frame of a window of ``size`` (its height cut to the screen's) right
    of ``canvas``, else left of it; where neither side has room, at the
    screen's right edge, covering as little of the map as it can."""
    width, height = min(size.width(), screen.width()), min(size.height(), screen.height())
    top = max(screen.top(), min(canvas.top(), screen.bottom() + 1 - height))
    if canvas.right() + 1 + width <= screen.right() + 1:
        left = canvas.right() + 1
    elif canvas.left() - width >= screen.left():
        left = canvas.left() - width
    else:
        left = screen.right() + 1 - width
    return QRect(left, top, width, height)


def place_beside_map(window: QWidget, canvas: QWidget) -> None:
    """Move the shown ``window`` beside ``canvas`` (frame included)."""
    screen = (canvas.screen() or window.screen()).availableGeometry()
    frame, inner = window.frameGeometry(), window.geometry()
    extra = QSize(frame.width() - inner.width(), frame.height() - inner.height())
    wanted = QSize(window.width(), window.height()) + extra
    wanted = wanted.expandedTo(window.minimumSizeHint() + extra)
    spot = beside(QRect(canvas.mapToGlobal(QPoint(0, 0)), canvas.size()), screen, wanted)
    window.resize(spot.size() - extra)
    window.move(spot.topLeft())
