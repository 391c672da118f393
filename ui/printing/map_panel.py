"""A map on a sheet: the compound fitted into a rectangle, drawn by the canvas's
own layer renderers (``render_map``), with the neighbourhood muted around it,
a scale bar and a north arrow."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import shapely
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from shapely.geometry.base import BaseGeometry

from layers.features import FeatureGeometry
from layers.model import LayerSet
from layers.render.decorations import draw_north_arrow, draw_scale_bar
from layers.render.map_renderer import render_map
from layers.render.qt import color, path_in_pixels
from layers.scene import MapScene
from layers.view import MapView

SURROUNDINGS = 42.0  # metres around the compound: its streets, with their names, and a strip of the neighbours
MUTE_ALPHA = 150  # how much the neighbourhood is washed out


def panel_view(rect: QRectF, focus: BaseGeometry, paper_scale: float, surroundings: float = SURROUNDINGS) -> MapView:
    """The view fitting ``focus`` and ``surroundings`` metres around it into
    ``rect`` (layout units).

    ``dpi`` is the layout unit's true density on the chosen paper, so the scale
    bar's 1:N is the paper's scale."""
    minx, miny, maxx, maxy = focus.bounds
    bounds = (minx - surroundings, miny - surroundings, maxx + surroundings, maxy + surroundings)
    view = MapView.fit(bounds, int(rect.width()), int(rect.height()), margin=0.0, dpi=96.0 * paper_scale)
    return replace(view, paper=True)


def pixel_path(geometry: BaseGeometry, view: MapView) -> QPainterPath:
    """``geometry`` as a path in the view's pixels."""
    fg = FeatureGeometry(np.array([0]), np.array([geometry], dtype=object))
    return path_in_pixels(fg.parts(), view)


def draw_map_panel(painter: QPainter, rect: QRectF, scene: MapScene, layers: LayerSet,
                   focus: BaseGeometry, paper_scale: float, surroundings: float = SURROUNDINGS,
                   mute: bool = True) -> MapView:
    """Draw ``layers`` around ``focus`` into ``rect``, the rest of the map washed
    out if ``mute``; returns the view, for symbols added in the same pixels."""
    view = panel_view(rect, focus, paper_scale, surroundings)
    painter.save()
    painter.translate(rect.topLeft())
    painter.setClipRect(QRectF(0, 0, view.width, view.height))

    def wash_out() -> None:
        outside = QPainterPath()
        outside.addRect(QRectF(0, 0, view.width, view.height))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillPath(outside.subtracted(pixel_path(shapely.force_2d(focus), view)), color("#ffffff", MUTE_ALPHA))

    render_map(painter, scene, layers, view, background="#f4f2ee", under_labels=wash_out if mute else None)
    painter.restore()
    return view


def draw_panel_furniture(painter: QPainter, rect: QRectF, view: MapView) -> None:
    """Frame, scale bar (bottom left) and north arrow (top right) over the map."""
    painter.save()
    painter.translate(rect.topLeft())
    draw_scale_bar(painter, view, 16.0, view.height - 14.0, max_width=150.0)
    draw_north_arrow(painter, view.width - 34.0, 40.0)
    painter.restore()
    painter.save()
    painter.setPen(QPen(color("#444444"), 1.2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)
    painter.restore()


def in_panel(view: MapView, rect: QRectF, x: float, y: float) -> tuple[float, float]:
    """Map (x, y) → sheet layout units inside ``rect``."""
    (px, py), = view.to_pixels(np.array([[x, y]]))
    return rect.left() + float(px), rect.top() + float(py)
