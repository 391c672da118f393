"""Scale bar and north arrow, for the canvas and for paper."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen, QPolygonF

from layers.render.qt import color, font
from layers.view import MapView

_NICE = (1, 2, 5)


def nice_length(max_metres: float) -> float:
    """The largest 1/2/5 × 10ⁿ length not above ``max_metres``."""
    exponent = math.floor(math.log10(max(max_metres, 1e-9)))
    best = 10.0 ** exponent
    for step in _NICE:
        value = step * 10.0 ** exponent
        if value <= max_metres:
            best = value
    return best


def scale_label(metres: float) -> str:
    return f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"


def draw_scale_bar(painter: QPainter, view: MapView, x: float, y: float, max_width: float = 160.0) -> None:
    """A two-segment bar whose length is a round number of metres, bottom-left at (x, y)."""
    metres = nice_length(max_width * view.resolution)
    width = metres / view.resolution
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color("#ffffff", 210))
    painter.drawRoundedRect(QRectF(x - 6, y - 30, width + 58, 38), 4, 4)
    painter.setPen(QPen(color("#222222"), 1))
    painter.setBrush(color("#222222"))
    painter.drawRect(QRectF(x, y - 8, width / 2, 6))
    painter.setBrush(color("#ffffff"))
    painter.drawRect(QRectF(x + width / 2, y - 8, width / 2, 6))
    painter.setFont(font(8.0))
    painter.drawText(QRectF(x - 2, y - 28, 40, 16), Qt.AlignmentFlag.AlignLeft, "0")
    painter.drawText(QRectF(x + width - 30, y - 28, 80, 16), Qt.AlignmentFlag.AlignLeft,
                     scale_label(metres))
    painter.drawText(QRectF(x + width + 4, y - 12, 60, 16), Qt.AlignmentFlag.AlignLeft,
                     f"1:{view.scale:,.0f}" if width < 120 else "")
    painter.restore()


def draw_north_arrow(painter: QPainter, x: float, y: float, size: float = 36.0) -> None:
    """An arrow pointing up (grid north of the projected map) with 北 / N, centred at (x, y)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color("#ffffff", 210))
    painter.drawEllipse(QPointF(x, y), size * 0.75, size * 0.75)
    tip, base = QPointF(x, y - size * 0.55), y + size * 0.4
    painter.setBrush(color("#222222"))
    painter.drawPolygon(QPolygonF([tip, QPointF(x - size * 0.25, base), QPointF(x, base - size * 0.22)]))
    painter.setBrush(color("#ffffff"))
    painter.setPen(QPen(color("#222222"), 1))
    painter.drawPolygon(QPolygonF([tip, QPointF(x + size * 0.25, base), QPointF(x, base - size * 0.22)]))
    painter.setFont(font(9.0, bold=True))
    painter.setPen(color("#222222"))
    painter.drawText(QRectF(x - 20, y - size * 1.15, 40, 16), Qt.AlignmentFlag.AlignCenter, "北 N")
    painter.restore()
