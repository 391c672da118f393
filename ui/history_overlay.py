"""Former boundaries over the map: the shapes a zone (compound, building) had
before its edits, as dashed outlines, the one picked in the history list
stronger and lightly filled.

``PastBoundaries`` holds what to draw and paints it: a map overlay
(``MapCanvas.add_overlay``), drawn with the map and, like the selection's halo,
not while the map is dragged.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPainter, QPen
from shapely.geometry.base import BaseGeometry

from layers.features import FeatureGeometry
from layers.render.qt import color, path_in_pixels
from layers.view import MapView

PAST_COLOR = "#c2185b"  # neither a layer's colour, the selection's blue nor the refusal's red
HALO = "#ffffff"


class PastBoundaries(QObject):
    changed = Signal()  # draw again

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shapes: tuple[BaseGeometry, ...] = ()  # every former outline shown
        self.chosen: BaseGeometry | None = None  # the one picked in the list

    def show(self, shapes: Sequence[BaseGeometry], chosen: BaseGeometry | None = None) -> None:
        shapes, chosen = tuple(s for s in shapes if not s.is_empty), chosen if chosen and not chosen.is_empty else None
        if (shapes, chosen) != (self.shapes, self.chosen):
            self.shapes, self.chosen = shapes, chosen
            self.changed.emit()

    def clear(self) -> None:
        self.show(())

    @property
    def visible(self) -> bool:
        return bool(self.shapes) or self.chosen is not None

    def paint(self, painter: QPainter, view: MapView) -> None:
        if not self.visible:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for shape in self.shapes:
            self._outline(painter, view, shape, 2.0)
        if self.chosen is not None:
            painter.setBrush(color(PAST_COLOR, 40))
            self._outline(painter, view, self.chosen, 3.0)
        painter.restore()

    @staticmethod
    def _outline(painter: QPainter, view: MapView, shape: BaseGeometry, width: float) -> None:
        path = path_in_pixels(FeatureGeometry(np.array([0]), np.array([shape], dtype=object)).parts(), view)
        brush = painter.brush()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(color(HALO, 220), width + 3))  # shows on any fill
        painter.drawPath(path)
        painter.setBrush(brush)
        pen = QPen(color(PAST_COLOR), width, Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([6, 3])
        painter.setPen(pen)
        painter.drawPath(path)
