"""Where an edit was refused, on the map: a red ring at the place (the vertex
moved, the cut, the click), the problem's shape outlined (the building a
boundary would cut, the gap it would leave…) and a callout saying why. It
stays a few seconds, then fades; the next edit that is done clears it.
"""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPen

from layers.features import FeatureGeometry
from layers.render.qt import color, font, path_in_pixels
from layers.view import MapView

REFUSAL_COLOR = "#d0021b"
CALLOUT_WIDTH = 340  # pixels the callout's text wraps at
RING_PIXELS = 14


def refusal_shape(error, project):
    """The problem's area, else the buildings it names, else the box where to
    look; None when the refusal names no place."""
    problem = getattr(error, "problem", None)
    if problem is None:
        return None
    if problem.shape is not None and not problem.shape.is_empty:
        return problem.shape
    buildings = project.tables["buildings"] if project is not None else {}
    shapes = [buildings[b].geometry for b in problem.buildings if b in buildings]
    if shapes:
        return shapely.union_all(shapes)
    return shapely.box(*problem.bounds) if problem.bounds is not None else None


def short_caption(error) -> str:
    """What the callout says until the window gives its full sentence."""
    from ui.docks.problems import rule_title

    problem = getattr(error, "problem", None)
    if problem is None:
        return QCoreApplication.translate("RefusalMarker", "Not done")
    return QCoreApplication.translate("RefusalMarker", "Not done: %1").replace("%1", rule_title(problem.rule))


class RefusalMarker(QObject):
    """The last refusal on the map. ``pending`` stays until the next edit that is
    done (the window clears its status message then); the drawing fades after
    ``hold_ms`` over ``fade_ms``."""

    changed = Signal()  # draw again
    refused = Signal(object)  # the EditError just marked
    cleared = Signal(str)  # an edit was done since the last refusal: that refusal's caption
    hold_ms = 4000
    fade_ms = 1500

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.place: tuple[float, float] | None = None
        self.shape = None
        self.caption = ""
        self.pending = False
        self._clock = QElapsedTimer()
        self._tick = QTimer(self, interval=40)  # runs while fading only
        self._tick.timeout.connect(self._fade_step)

    def show(self, error, at: tuple[float, float] | None, project) -> None:
        """Mark the refusal of ``error`` at ``at`` (else where its problem is)."""
        self.shape = refusal_shape(error, project)
        if at is None and self.shape is not None:
            inside = self.shape.representative_point()
            at = (inside.x, inside.y)
        self.place = at
        self.caption = short_caption(error)
        self.pending = True
        self._clock.start()
        self._tick.start()
        self.changed.emit()
        self.refused.emit(error)

    def set_caption(self, text: str) -> None:
        self.caption = text
        self.changed.emit()

    def clear(self) -> bool:
        """Forget the refusal; True if there was one."""
        was = self.pending
        self.place, self.shape, self.pending = None, None, False
        self._tick.stop()
        if was:
            self.changed.emit()
        return was

    def edit_done(self) -> None:
        """An edit was done: the refusal before it is stale (``cleared`` says which it was)."""
        caption = self.caption
        if self.clear():
            self.cleared.emit(caption)

    def opacity(self) -> float:
        """1 while held, falling to 0 as it fades."""
        if (self.place is None and self.shape is None) or not self._clock.isValid():
            return 0.0
        fading = self._clock.elapsed() - self.hold_ms
        return 1.0 if fading <= 0 else max(0.0, 1.0 - fading / self.fade_ms)

    @property
    def visible(self) -> bool:
        return self.opacity() > 0.0

    def _fade_step(self) -> None:
        if self._clock.elapsed() < self.hold_ms:
            return
        if not self.visible:
            self._tick.stop()
            self.place = self.shape = None  # faded; still pending for the status bar
        self.changed.emit()

    def paint(self, painter: QPainter, view: MapView) -> None:
        opacity = self.opacity()
        if opacity <= 0.0:
            return
        painter.save()
        painter.setOpacity(opacity)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self.shape is not None:
            fg = FeatureGeometry(np.array([0]), np.array([self.shape], dtype=object))
            painter.setPen(QPen(color(REFUSAL_COLOR), 2.5, Qt.PenStyle.DashLine))
            painter.setBrush(color(REFUSAL_COLOR, 60))
            painter.drawPath(path_in_pixels(fg.parts(), view))
        if self.place is not None:
            (px, py), = view.to_pixels(np.array([self.place], dtype=float))
            pin = QPointF(px, py)
            self._paint_callout(painter, pin, view)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(color("#ffffff"), 5))  # a halo: the ring shows on any fill
            painter.drawEllipse(pin, RING_PIXELS, RING_PIXELS)
            painter.setPen(QPen(color(REFUSAL_COLOR), 3))
            painter.drawEllipse(pin, RING_PIXELS, RING_PIXELS)
        painter.restore()

    def _paint_callout(self, painter: QPainter, pin: QPointF, view: MapView) -> None:
        """The caption in a box beside the ring, kept inside the map."""
        if not self.caption:
            return
        painter.setFont(font(9.5))
        flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWrapAnywhere
        text = painter.boundingRect(QRectF(0, 0, CALLOUT_WIDTH, 400), flags, self.caption)
        box = text.adjusted(-8, -6, 8, 6)
        gap = RING_PIXELS + 8
        x = pin.x() + gap if pin.x() + gap + box.width() <= view.width else pin.x() - gap - box.width()
        y = pin.y() - gap - box.height() if pin.y() - gap - box.height() >= 0 else pin.y() + gap
        x = min(max(x, 4.0), max(view.width - box.width() - 4, 4.0))
        y = min(max(y, 4.0), max(view.height - box.height() - 4, 4.0))
        box.moveTo(x, y)
        corner = QPointF(box.left() if box.left() > pin.x() else box.right(),
                         box.bottom() if box.bottom() < pin.y() else box.top())
        lead = corner - pin
        length = max((lead.x() ** 2 + lead.y() ** 2) ** 0.5, 1e-9)
        painter.setPen(QPen(color(REFUSAL_COLOR), 1.5))
        painter.drawLine(pin + lead * (RING_PIXELS / length), corner)  # from the ring's edge
        painter.setBrush(color("#ffffff", 240))
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(color("#8b0010"))
        painter.drawText(box.adjusted(8, 6, -8, -6), flags, self.caption)
