"""The proposal on the map: each proposed grid tinted (neighbours in different
colours) and outlined thick and dark, with its number and households at its
middle; locked grids hatched. A browse tool underneath, so the map still pans,
zooms and selects while the proposal is shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import shapely
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QPainter, QPen
from shapely.geometry.base import BaseGeometry

from layers import styles
from layers.features import FeatureGeometry
from layers.render.labels import LabelPen, label_font
from layers.render.qt import color, path_in_pixels
from ui.canvas.tools import PanSelectTool

if TYPE_CHECKING:
    from ui.canvas.map_canvas import MapCanvas

OUTLINE = "#1b1b1b"
OUT_OF_BAND = "#c0392b"
FILL_ALPHA = 150


@dataclass(frozen=True)
class PreviewGrid:
    geometry: BaseGeometry
    number: int  # the row of the report table
    households: int
    out_of_band: bool = False
    locked: bool = False


def neighbour_colours(geometries: list[BaseGeometry]) -> list[int]:
    """Greedy colouring: grids sharing a boundary get different fills."""
    shapes = np.array(geometries, dtype=object)
    if not len(shapes):
        return []
    a, b = shapely.STRtree(shapes).query(shapes, predicate="intersects")
    touching = {i: set() for i in range(len(shapes))}
    for i, j in zip(a.tolist(), b.tolist()):
        if i != j:
            touching[i].add(j)
    out: list[int] = []
    for i in range(len(shapes)):
        taken = {out[j] for j in touching[i] if j < i}
        out.append(next(c for c in range(len(styles.GRID_FILLS) + len(shapes)) if c not in taken)
                   % len(styles.GRID_FILLS))
    return out


class ProposalPreviewTool(PanSelectTool):
    def __init__(self, canvas: MapCanvas, grids: list[PreviewGrid]) -> None:
        super().__init__(canvas)
        self.grids = grids
        self._shapes = FeatureGeometry(np.arange(len(grids)), np.array([g.geometry for g in grids], dtype=object))
        self._colours = neighbour_colours([g.geometry for g in grids])
        self._anchors = shapely.get_coordinates(shapely.point_on_surface(
            np.array([g.geometry for g in grids], dtype=object))) if grids else np.empty((0, 2))

    def paint(self, painter: QPainter) -> None:
        view = self.canvas.view
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        for i, grid in enumerate(self.grids):
            path = path_in_pixels(self._shapes.parts(np.array([i])), view)
            painter.setBrush(color(styles.GRID_FILLS[self._colours[i]], FILL_ALPHA))
            painter.drawPath(path)
            if grid.locked:
                painter.setBrush(QBrush(color("#555555", 120), Qt.BrushStyle.BDiagPattern))
                painter.drawPath(path)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.strokePath(path_in_pixels(self._shapes.parts(), view), QPen(color(OUTLINE), 3.0))
        labels = label_font(10.0, bold=True)
        pens = {False: LabelPen(painter, labels, OUTLINE, halo="#ffffff", view=view),
                True: LabelPen(painter, labels, OUT_OF_BAND, halo="#ffffff", view=view)}
        for grid, (px, py) in zip(self.grids, view.to_pixels(self._anchors) if len(self._anchors) else []):
            text = QCoreApplication.translate("PartitionPreview", "%1: %2 households") \
                .replace("%1", str(grid.number)).replace("%2", f"{grid.households:,}")
            pens[grid.out_of_band].draw(labels.label(text), text, float(px), float(py))
        painter.restore()
