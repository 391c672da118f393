"""Status bar readouts: cursor position (CGCS2000 lon/lat and project metres) and scale."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar
from pyproj import Transformer

from layers.view import MapView

CGCS2000 = 4490


class StatusReadouts:
    def __init__(self, bar: QStatusBar) -> None:
        self.position = QLabel(bar)
        self.position.setObjectName("cursorPosition")
        self.position.setMinimumWidth(380)
        self.scale = QLabel(bar)
        self.scale.setObjectName("mapScale")
        self.scale.setMinimumWidth(90)
        bar.addPermanentWidget(self.position)
        bar.addPermanentWidget(self.scale)
        self._to_lonlat: Transformer | None = None

    def set_crs(self, epsg: int) -> None:
        self._to_lonlat = Transformer.from_crs(epsg, CGCS2000, always_xy=True)

    def show_cursor(self, x: float, y: float) -> None:
        text = f"X {x:,.1f}  Y {y:,.1f} m"
        if self._to_lonlat is not None:
            lon, lat = self._to_lonlat.transform(x, y)
            text = f"{lon:.6f}°E  {lat:.6f}°N  (CGCS2000)   " + text
        self.position.setText(text)

    def show_view(self, view: MapView) -> None:
        self.scale.setText(f"1:{view.scale:,.0f}")
