"""A bar chart whose bars carry their values, for the Statistics and Workload docks.

Labels have a fixed size in pixels while the chart's scale follows the dock, so
they are laid out again on every resize: the value axis leaves room past the
longest bar for its label, a value turns upright when bars are too narrow for it
to lie flat, and category names are thinned out so that none overlaps the next.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtGui import QFontMetrics

from layers.render.qt import font

LABEL_POINTS = 8.0
LABEL_COLOR = "#222222"
GAP_PX = 6  # between a bar's end and its label, and between two labels


class ValueBars:
    """Bars on ``plot``: ``horizontal`` ones grow rightwards from names on the left
    axis, listed top-down (for a tall, narrow dock); upright ones stand on names
    on the bottom axis (for a wide strip)."""

    def __init__(self, plot: pg.PlotWidget, *, horizontal: bool) -> None:
        self.plot = plot
        self.horizontal = horizontal
        self.names: list[str] = []
        self.values: list[float] = []
        self.labels: list[pg.TextItem] = []
        self.metrics = QFontMetrics(font(LABEL_POINTS))
        plot.getViewBox().invertY(horizontal)  # the first name on top
        plot.getViewBox().sigResized.connect(lambda _box: self.lay_out())
        for side in ("left", "bottom"):
            plot.getAxis(side).setStyle(tickFont=font(LABEL_POINTS))

    def show(self, names: Sequence[str], values: Sequence[float], texts: Sequence[str], brushes) -> None:
        """Bars of ``values`` named ``names``, each labelled with its ``texts``."""
        self.plot.clear()
        self.names, self.values = list(names), [float(v) for v in values]
        self.labels = []
        if not names:  # the names of the bars shown before go too (clear() leaves an axis's ticks)
            self.plot.getAxis("left" if self.horizontal else "bottom").setTicks([[]])
            return
        positions = list(range(len(names)))
        if self.horizontal:
            bars = pg.BarGraphItem(x0=0, y=positions, height=0.7, width=self.values, brushes=brushes)
        else:
            bars = pg.BarGraphItem(x=positions, height=self.values, width=0.7, brushes=brushes)
        self.plot.addItem(bars)
        for text in texts:
            label = pg.TextItem(text, color=LABEL_COLOR)
            label.setFont(font(LABEL_POINTS))
            label.textItem.document().setDocumentMargin(0)  # its box is the text: labels pack closely
            self.plot.addItem(label)
            self.labels.append(label)
        self.lay_out()

    def lay_out(self) -> None:
        """Place labels and set the ranges for the plot's size in pixels now."""
        if not self.names:
            return
        box = self.plot.getViewBox().size()
        along, across = (box.height(), box.width()) if self.horizontal else (box.width(), box.height())
        count = len(self.names)
        per_bar = along / count  # pixels a bar and its gap take on the name axis
        wide = max(self.metrics.horizontalAdvance(label.toPlainText()) for label in self.labels)
        high = self.metrics.height()
        upright = not self.horizontal and wide + GAP_PX > per_bar  # too narrow to lie flat: stand it up
        reach = (high if not self.horizontal and not upright else wide) + 2 * GAP_PX  # past the bar's end
        most = max(max(self.values), 1.0)
        top = most * across / (across - reach) if across > reach + 20 else most * 2
        for n, (label, value) in enumerate(zip(self.labels, self.values)):
            if self.horizontal:
                label.setAnchor((0, 0.5))
                label.setPos(value + top * GAP_PX / max(across, 1), n)
            else:
                label.setAngle(90 if upright else 0)
                label.setAnchor((0, 0.5) if upright else (0.5, 1))
                label.setPos(n, value + top * GAP_PX / max(across, 1))
        name_axis, value_range = ("left", "setXRange") if self.horizontal else ("bottom", "setYRange")
        getattr(self.plot, value_range)(0, top, padding=0)
        name_range = self.plot.setYRange if self.horizontal else self.plot.setXRange
        name_range(-0.5, count - 0.5, padding=0)
        # every name if they fit, else every second, third…: never one over the next
        need = high if self.horizontal else max(self.metrics.horizontalAdvance(n) for n in self.names) + GAP_PX
        step = max(1, math.ceil(need / max(per_bar, 1)))
        self.plot.getAxis(name_axis).setTicks([[(i, name) for i, name in enumerate(self.names) if i % step == 0]])
