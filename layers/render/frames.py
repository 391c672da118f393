"""Frames for the canvas: a pan by whole pixels reuses the previous frame and
draws only the strips that came into view."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter

from layers.model import LayerSet
from layers.render.map_renderer import render_map
from layers.scene import MapScene
from layers.view import MapView

_WHOLE = 1e-6  # how close to a whole pixel a shift must be to reuse a frame


def sub_view(view: MapView, rect: QRect) -> MapView:
    """The part of ``view`` under the pixel rectangle ``rect``, on the same pixel grid."""
    minx, _, _, maxy = view.extent
    return replace(view, cx=minx + (rect.x() + rect.width() / 2) * view.resolution,
                   cy=maxy - (rect.y() + rect.height() / 2) * view.resolution,
                   width=rect.width(), height=rect.height())


class FrameRenderer:
    """Draws views of a scene into images, reusing the last one where it can.

    Attributes
    ----------
    reused : int
        Frames made by shifting the previous one (for tests and the benchmark).
    """

    def __init__(self, scene: MapScene, layers: LayerSet, device_pixel_ratio: float = 1.0) -> None:
        self.scene = scene
        self.layers = layers
        self.ratio = device_pixel_ratio
        self._image: QImage | None = None
        self._view: MapView | None = None
        self.reused = 0
        self.rendered = 0

    def invalidate(self) -> None:
        """The data or the style changed: the next frame is drawn whole."""
        self._view = None

    def render(self, view: MapView) -> QImage:
        # Opaque RGB32: frames have no transparency, and fills skip alpha blending.
        shift = self._shift_from(view)
        image = QImage(int(view.width * self.ratio), int(view.height * self.ratio),
                       QImage.Format.Format_RGB32)
        image.setDevicePixelRatio(self.ratio)
        painter = QPainter(image)
        if shift is None:
            render_map(painter, self.scene, self.layers, view)
            self.rendered += 1
        else:
            dx, dy = shift
            painter.drawImage(dx, dy, self._image)
            for rect in _exposed(view.width, view.height, dx, dy):
                painter.save()
                painter.setClipRect(rect)
                painter.translate(rect.x(), rect.y())
                render_map(painter, self.scene, self.layers, sub_view(view, rect))
                painter.restore()
            self.reused += 1
        painter.end()
        self._image, self._view = image, view
        return image

    def _shift_from(self, view: MapView) -> tuple[int, int] | None:
        """Whole-pixel (dx, dy) by which the last frame's content moves to match
        ``view``, or None if it cannot be reused."""
        last = self._view
        if last is None or self._image is None or (last.width, last.height, last.resolution, last.dpi) != (
                view.width, view.height, view.resolution, view.dpi):
            return None
        dx = (last.cx - view.cx) / view.resolution
        dy = (view.cy - last.cy) / view.resolution
        if abs(dx - round(dx)) > _WHOLE or abs(dy - round(dy)) > _WHOLE:
            return None
        dx, dy = round(dx), round(dy)
        if abs(dx) >= view.width or abs(dy) >= view.height:
            return None
        return dx, dy


def _exposed(width: int, height: int, dx: int, dy: int) -> list[QRect]:
    """The strips of a width × height frame left empty by moving its content (dx, dy)."""
    rects = []
    if dx > 0:
        rects.append(QRect(0, 0, dx, height))
    elif dx < 0:
        rects.append(QRect(width + dx, 0, -dx, height))
    x0, x1 = max(dx, 0), width + min(dx, 0)  # the columns not covered by the vertical strip
    if dy > 0:
        rects.append(QRect(x0, 0, x1 - x0, dy))
    elif dy < 0:
        rects.append(QRect(x0, height + dy, x1 - x0, -dy))
    return [r for r in rects if r.width() > 0 and r.height() > 0]
