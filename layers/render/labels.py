"""Names on the map: laid-out labels cached per font, drawn centred on points
(as blits of cached pictures on screen images, as text elsewhere), and the
label painters of each layer. They run after every layer is drawn, so no line
crosses a name."""

from __future__ import annotations

import math
import threading
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QImage, QPainter, QStaticText, QTransform

from layers import styles
from layers.placement import line_label_anchors
from layers.render.qt import color, font
from layers.scene import MapScene
from layers.view import MapView


class Label(NamedTuple):
    """A laid-out text and its size in pixels."""

    text: QStaticText
    width: float
    height: float


class LabelFont:
    """A font that keeps the labels laid out in it: drawing a name again costs a
    blit of its glyphs. Set ``qfont`` on the painter before drawing them."""

    LIMIT = 20000
    IMAGE_LIMIT = 4000  # ~5 KB each

    def __init__(self, qfont: QFont) -> None:
        self.qfont = qfont
        self._labels: dict[str, Label] = {}
        self._images: dict[tuple, QImage] = {}

    def image(self, text: str, ink: str, halo: str | None, halo_alpha: int, ratio: float) -> QImage:
        """The label drawn once into a small transparent image (on its halo box,
        if any) for screens of pixel ratio ``ratio``; see ``LabelPen``."""
        key = (text, ink, halo, halo_alpha, ratio)
        found = self._images.get(key)
        if found is None:
            if len(self._images) >= self.IMAGE_LIMIT:
                self._images.clear()
            label = self.label(text)
            pad_x, pad_y = HALO_PAD if halo else (0.0, 0.0)
            width, height = label.width + 2 * pad_x + 2, label.height + 2 * pad_y + 2
            found = QImage(math.ceil(width * ratio), math.ceil(height * ratio),
                           QImage.Format.Format_ARGB32_Premultiplied)
            found.setDevicePixelRatio(ratio)
            found.fill(0)
            painter = QPainter(found)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            if halo:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(color(halo, halo_alpha))
                painter.drawRoundedRect(QRectF(1, 1, width - 2, height - 2), 3, 3)
            painter.setFont(self.qfont)
            painter.setPen(color(ink))
            painter.drawStaticText(QPointF(1 + pad_x, 1 + pad_y), label.text)
            painter.end()
            self._images[key] = found
        return found

    def label(self, text: str) -> Label:
        found = self._labels.get(text)
        if found is None:
            if len(self._labels) >= self.LIMIT:
                self._labels.clear()
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QTransform(), self.qfont)
            size = static.size()
            found = self._labels[text] = Label(static, size.width(), size.height())
        return found


def label_font(point_size: float, bold: bool = False) -> LabelFont:
    """The thread's own: a print run draws on a worker while the canvas paints,
    and the cached QStaticText and images must not be shared between them."""
    return _label_font(point_size, bold, threading.get_ident())


@lru_cache(maxsize=128)
def _label_font(point_size: float, bold: bool, _thread: int) -> LabelFont:
    return LabelFont(font(point_size, bold))


HALO_PAD = (3.0, 1.0)  # the halo box reaches this far beyond the text (pixels)


class LabelPen:
    """Draws upright labels of one font and colour, centred on points, on an
    optional soft halo box that keeps them readable over lines.

    On an image (the screen's frames) each label is a blit of a cached picture
    of it, about four times cheaper than drawing its glyphs; anywhere else (a
    PDF, a turned or scaled painter) it is drawn as text, so print keeps real text.
    """

    def __init__(self, painter: QPainter, labels: LabelFont, ink: str, halo: str | None = None,
                 halo_alpha: int = 210, view: MapView | None = None) -> None:
        self.painter, self.labels, self.ink, self.halo, self.halo_alpha = painter, labels, ink, halo, halo_alpha
        # On paper a name the frame would cut is left out: a cut name reads badly, and
        # the PDF would still hold all of it, under whatever lies beyond the frame.
        self.frame = QRectF(0, 0, view.width, view.height) if view is not None and view.paper else None
        device = painter.device()
        upright = painter.worldTransform().type().value <= QTransform.TransformationType.TxTranslate.value
        self.ratio = device.devicePixelRatio() if isinstance(device, QImage) and upright else None
        if self.ratio is None:
            painter.setFont(labels.qfont)

    def draw(self, label: Label, text: str, x: float, y: float) -> None:
        """``label`` (``labels.label(text)``) centred at (x, y)."""
        painter = self.painter
        pad_x, pad_y = HALO_PAD if self.halo else (0.0, 0.0)
        left, top = x - label.width / 2 - pad_x, y - label.height / 2 - pad_y
        if self.frame is not None and not self.frame.contains(
                QRectF(left, top, label.width + 2 * pad_x, label.height + 2 * pad_y)):
            return
        if self.ratio is not None:
            painter.drawImage(QPointF(left - 1, top - 1),
                              self.labels.image(text, self.ink, self.halo, self.halo_alpha, self.ratio))
            return
        if self.halo:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color(self.halo, self.halo_alpha))
            painter.drawRoundedRect(QRectF(left, top, label.width + 2 * pad_x, label.height + 2 * pad_y), 3, 3)
        painter.setPen(color(self.ink))
        painter.drawStaticText(QPointF(left + pad_x, top + pad_y), label.text)


def zone_labels(painter: QPainter, scene: MapScene, view: MapView, indices: np.ndarray) -> None:
    """Each zone's name at its interior point, where the zone is wide enough on screen."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    bounds = scene.features["zones"].bounds[indices]
    widths = (bounds[:, 2] - bounds[:, 0]) / view.resolution
    levels = scene.zone_level[indices]
    for level in sorted(set(levels.tolist())):
        role, upper = scene.zone_depths.role_at(level), scene.zone_depths.is_upper(level)
        point_size = styles.ROLE_LABEL_POINT_SIZE.get(role, styles.OTHER_LABEL_POINT_SIZE)
        # A name needs at least ~0.9 em per character: rule most zones out with numpy first.
        room = (levels == level) & (widths > scene.zone_name_length[indices] * point_size * 1.2 * 0.9 + 12)
        if not room.any():
            continue
        labels = label_font(point_size, bold=upper)
        lift = styles.ROLE_LABEL_LIFT.get(role, 0.0) * point_size * 1.4  # upper levels sit above the grid names
        # grid names sit on plain fills and need no box
        pen = LabelPen(painter, labels, styles.role_pen(role).color, halo="#ffffff" if upper else None, view=view)
        names = scene.zone_names
        for i, w, (px, py) in zip(indices[room].tolist(), widths[room].tolist(),
                                  view.to_pixels(scene.zone_label_points(indices[room])).tolist()):
            label = labels.label(names[i])
            if label.width + 12 <= w:
                pen.draw(label, names[i], px, py - lift)


def compound_labels(painter: QPainter, scene: MapScene, view: MapView, indices: np.ndarray) -> None:
    """Compound names inside the wall, at the top middle, where there is room."""
    bounds = scene.features["compounds"].bounds[indices]
    wide = (bounds[:, 2] - bounds[:, 0]) / view.resolution > 90
    anchors = view.to_pixels(np.column_stack([(bounds[:, 0] + bounds[:, 2]) / 2, bounds[:, 3]]))
    labels = label_font(8.5)
    pen = LabelPen(painter, labels, "#6e5f4b", halo=styles.COMPOUND_FILL, view=view)
    for i, (px, py) in zip(indices[wide].tolist(), anchors[wide].tolist()):
        name = scene.compound_names[i]
        pen.draw(labels.label(name), name, px, py + 12)


def street_labels(painter: QPainter, scene: MapScene, view: MapView, indices: np.ndarray) -> None:
    """Names along the street, upright, about ``STREET_LABEL_SPACING`` pixels apart.

    Positions depend on the scale only, never on the view's edges, so a frame
    drawn in strips while panning shows each name exactly where a whole frame
    would; names centred up to 150 px outside the view are drawn for their ends.
    """
    margin = 150 * view.resolution
    minx, miny, maxx, maxy = view.extent
    anchors = line_label_anchors(scene.features["streets"], indices, styles.STREET_LABEL_SPACING * view.resolution,
                                 (minx - margin, miny - margin, maxx + margin, maxy + margin))
    if not len(anchors.feature):
        return
    labels = label_font(9.0)
    names = scene.street_names
    placed = [labels.label(names[i]) for i in anchors.feature.tolist()]
    width = np.array([label.width for label in placed])
    height = np.array([label.height for label in placed])
    centre = view.to_pixels(anchors.xy)
    reach = width / 2 + height  # a turned label stays this close to its centre
    # names that fit their street and reach into the view
    if view.paper:
        reach = -reach  # on paper, only names wholly inside the frame (see LabelPen)
    keep = np.flatnonzero((anchors.part_length / view.resolution >= width + 40)
                          & (centre[:, 0] > -reach) & (centre[:, 0] < view.width + reach)
                          & (centre[:, 1] > -reach) & (centre[:, 1] < view.height + reach))
    if not len(keep):
        return
    angle = -anchors.angle[keep]  # screen y points down
    angle = np.where(angle > np.pi / 2, angle - np.pi, np.where(angle < -np.pi / 2, angle + np.pi, angle))  # upright
    painter.setFont(labels.qfont)
    painter.setPen(color(styles.STREET_LABEL))
    base = painter.transform()
    shift = base.type().value <= QTransform.TransformationType.TxTranslate.value  # the usual case: no product needed
    bx, by = base.dx(), base.dy()
    for k, (cx, cy), c, s_ in zip(keep.tolist(), centre[keep].tolist(), np.cos(angle).tolist(), np.sin(angle).tolist()):
        label = placed[k]
        turn = QTransform(c, s_, -s_, c, cx + bx, cy + by) if shift else QTransform(c, s_, -s_, c, cx, cy) * base
        painter.setTransform(turn)
        painter.drawStaticText(QPointF(-label.width / 2, -label.height / 2), label.text)
    painter.setTransform(base)


def building_labels(painter: QPainter, scene: MapScene, view: MapView, wide: np.ndarray) -> None:
    """"5号楼" on the footprint, or just "5" where the full number does not fit."""
    labels = label_font(8.0)
    pen = LabelPen(painter, labels, "#3b2f25", view=view)
    for i, (px, py) in zip(wide.tolist(), view.to_pixels(scene.building_label_xy[wide]).tolist()):
        text = scene.building_numbers[i]
        label = labels.label(text)
        if label.width + 4 > scene.building_widths[i] / view.resolution:
            text = text.removesuffix("号楼")
            label = labels.label(text)
        pen.draw(label, text, px, py)
