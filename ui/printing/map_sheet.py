"""The map as it is on screen, on one sheet: the canvas's extent and visible
layers fitted to the paper with title, date of the data, scale bar and north
arrow (File ▸ Export Map View). Map layers carry place names only, no personal
data, so the sheet is public."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from shapely.geometry import box

from gridmap.charts.paper import Paper
from gridmap.charts.privacy import Privacy
from layers.model import LayerSet
from layers.scene import MapScene
from layers.view import MapView
from ui.printing.charts import Sheet
from ui.printing.map_panel import draw_map_panel, draw_panel_furniture
from ui.printing.sheet import SheetText, body_rect


def map_view_sheet(scene: MapScene, layers: LayerSet, view: MapView, paper: Paper, title: str,
                   data_date: dt.date) -> Sheet:
    """A sheet of ``view``'s extent with ``layers`` as the canvas shows them."""
    extent = box(*view.extent)
    text = SheetText(title, "地图视图：范围与图层同屏幕所见", f"数据截至 {data_date.isoformat()}", Privacy())
    w, h = paper.layout_units
    body = body_rect(QRectF(0, 0, w, h))

    def paint(painter: QPainter, _body: QRectF) -> None:
        drawn = draw_map_panel(painter, body, scene, layers, extent, paper.scale, surroundings=0.0, mute=False)
        draw_panel_furniture(painter, body, drawn)

    return Sheet(text, paint)
