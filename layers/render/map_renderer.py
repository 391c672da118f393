"""Draw a whole map: the visible layers in order, on any QPainter."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QPainter

from gridmap.bulk import collector_paused
from layers import styles
from layers.model import LayerSet
from layers.render.qt import color
from layers.render import cases as _cases  # noqa: F401 - registers the cases layers
from layers.render.renderers import RENDERERS
from layers.scene import MapScene
from layers.view import MapView


def render_map(painter: QPainter, scene: MapScene, layers: LayerSet, view: MapView,
               background: str | None = styles.BACKGROUND,
               under_labels: Callable[[], None] | None = None) -> None:
    """Paint ``view`` of ``scene`` with the visible ``layers``, bottom first.

    The painter is in pixel coordinates of the view (0, 0 at top-left).
    ``under_labels`` paints between the layers and their names (a sheet mutes
    the neighbourhood there, and the names stay crisp).

    The garbage collector waits until the frame is drawn: what a frame makes
    goes with it, and a full collection over a project's records (which comes
    when it will, and the first frame after opening is where it came) would
    double the frame.
    """
    with collector_paused():
        _render_layers(painter, scene, layers, view, background, under_labels)


def _render_layers(painter: QPainter, scene: MapScene, layers: LayerSet, view: MapView, background: str | None,
                   under_labels: Callable[[], None] | None) -> None:
    pending: list = []
    if background:
        painter.fillRect(0, 0, view.width, view.height, color(background))
    for layer in layers:
        if not layer.visible or layer.opacity <= 0:
            continue
        labels: list = []
        painter.save()
        painter.setOpacity(layer.opacity)
        RENDERERS[layer.kind](painter, scene, view, labels)
        painter.restore()
        pending.extend((layer.opacity, draw) for draw in labels)
    if under_labels is not None:
        under_labels()
    for opacity, draw in pending:  # names on top of every line
        painter.save()
        painter.setOpacity(opacity)
        draw()
        painter.restore()
