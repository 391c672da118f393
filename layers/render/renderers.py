"""One renderer per layer kind, registered in ``RENDERERS``. Each draws its
layer for a ``MapView`` on any QPainter (screen, image, PDF), culling with the
spatial index and choosing detail by scale."""

from __future__ import annotations

import math
from typing import Callable

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFontMetricsF, QImage, QPainter, QPainterPath, QPen, QPolygonF

from layers import styles
from layers.render.qt import color, font, path_in_pixels
from layers.scene import MapScene
from layers.view import MapView

Renderer = Callable[[QPainter, MapScene, MapView], None]
RENDERERS: dict[str, Renderer] = {}

# Antialiasing costs ~10× on fills; it is used only where few vertices are drawn.
ANTIALIAS_MAX_VERTICES = 6000


def renderer(kind: str):
    def register(function: Renderer) -> Renderer:
        RENDERERS[kind] = function
        return function
    return register


def _pen(hex_code: str, width: float, style=Qt.PenStyle.SolidLine, alpha: int = 255) -> QPen:
    pen = QPen(color(hex_code, alpha), width)
    pen.setStyle(style)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def _visible(scene: MapScene, table: str, view: MapView, pad: float = 0.0) -> np.ndarray:
    minx, miny, maxx, maxy = view.extent
    return scene.features[table].query((minx - pad, miny - pad, maxx + pad, maxy + pad))


def _label_box(painter: QPainter, text: str, x: float, y: float, text_color: str, halo: str | None = "#ffffff",
               halo_alpha: int = 200) -> None:
    metrics = QFontMetricsF(painter.font())
    w = metrics.horizontalAdvance(text)
    h = metrics.height()
    rect = QRectF(x - w / 2 - 3, y - h / 2 - 1, w + 6, h + 2)
    if halo:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color(halo, halo_alpha))
        painter.drawRoundedRect(rect, 3, 3)
    painter.setPen(color(text_color))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


@renderer("grid_fill")
def render_grid_fill(painter: QPainter, scene: MapScene, view: MapView) -> None:
    """Leaf grids filled by colour class: one path per colour, neighbours differ."""
    indices = _visible(scene, "zones", view)
    indices = indices[scene.zone_is_leaf[indices]]
    if not len(indices):
        return
    painter.setPen(Qt.PenStyle.NoPen)
    classes = scene.zone_colour[indices]
    for c in np.unique(classes):
        path = path_in_pixels(scene.features["zones"].parts(indices[classes == c]), view)
        painter.fillPath(path, color(styles.GRID_FILLS[int(c) % len(styles.GRID_FILLS)]))


@renderer("zone_boundaries")
def render_zone_boundaries(painter: QPainter, scene: MapScene, view: MapView) -> None:
    """Outlines of every level, finest first so that coarser lines lie on top; labels."""
    indices = _visible(scene, "zones", view)
    if not len(indices):
        return
    levels = scene.zone_level[indices]
    fg = scene.features["zones"]
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for level in sorted(np.unique(levels), reverse=True):
        parts = fg.parts(indices[levels == level])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, len(parts) < ANTIALIAS_MAX_VERTICES)
        pen_style = styles.LEVEL_PENS.get(int(level), styles.LEVEL_PENS[3])
        dash = Qt.PenStyle.DashLine if level == 2 else Qt.PenStyle.SolidLine
        painter.setPen(_pen(pen_style.color, pen_style.width, dash))
        painter.drawPath(path_in_pixels(parts, view))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    _zone_labels(painter, scene, view, indices)


def _zone_labels(painter: QPainter, scene: MapScene, view: MapView, indices: np.ndarray) -> None:
    bounds = scene.features["zones"].bounds[indices]
    widths = (bounds[:, 2] - bounds[:, 0]) / view.resolution
    pixels = view.to_pixels(scene.zone_label_xy[indices])
    minx, miny, maxx, maxy = view.extent
    for level in sorted(set(scene.zone_level[indices].tolist())):
        painter.setFont(font(styles.LEVEL_LABEL_POINT_SIZE.get(level, 9.0), bold=level <= 2))
        metrics = QFontMetricsF(painter.font())
        for i, w, (px, py) in zip(indices, widths, pixels):
            if scene.zone_level[i] != level:
                continue
            name = scene.zone_names[i]
            if metrics.horizontalAdvance(name) + 12 > w:
                continue  # the zone is too small on screen for its name
            if level < 3:  # communities and above: label near the top so grid labels stay readable
                py -= metrics.height() * (1.6 if level == 2 else 3.0)
            _label_box(painter, name, px, py, styles.LEVEL_PENS.get(level, styles.LEVEL_PENS[3]).color)


@renderer("compounds")
def render_compounds(painter: QPainter, scene: MapScene, view: MapView) -> None:
    indices = _visible(scene, "compounds", view)
    if not len(indices):
        return
    parts = scene.features["compounds"].parts(indices)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, len(parts) < ANTIALIAS_MAX_VERTICES)
    painter.setBrush(color(styles.COMPOUND_FILL, 200))
    painter.setPen(_pen(styles.COMPOUND_WALL, 1.0 if view.resolution < 2 else 0.6))
    painter.drawPath(path_in_pixels(parts, view))
    if view.resolution < 0.8:
        painter.setFont(font(8.5))
        bounds = scene.features["compounds"].bounds[indices]
        pixels = view.to_pixels(np.column_stack([(bounds[:, 0] + bounds[:, 2]) / 2, bounds[:, 3]]))
        for i, (px, py) in zip(indices, pixels):
            _label_box(painter, scene.compound_names[i], px, py + 12, "#6e5f4b", halo="#f7f4ee", halo_alpha=230)


@renderer("streets")
def render_streets(painter: QPainter, scene: MapScene, view: MapView) -> None:
    """Casing then fill at true width (at least a pixel), one path per width."""
    pad = float(scene.street_widths.max()) if len(scene.street_widths) else 0.0
    indices = _visible(scene, "streets", view, pad)
    if not len(indices):
        return
    fg = scene.features["streets"]
    widths = scene.street_widths[indices]
    groups = [(w, path_in_pixels(fg.parts(indices[widths == w]), view)) for w in np.unique(widths)]
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, len(indices) < 400)
    for width, path in groups:
        painter.setPen(_pen(styles.STREET_CASING, max(width / view.resolution, 1.0) + 2.0))
        painter.drawPath(path)
    for width, path in groups:
        painter.setPen(_pen(styles.STREET_FILL, max(width / view.resolution, 1.0)))
        painter.drawPath(path)
    if 1.0 / view.resolution >= styles.STREET_LABEL_MIN_PIXELS_PER_METRE:
        _street_labels(painter, scene, view, indices)


def _street_labels(painter: QPainter, scene: MapScene, view: MapView, indices: np.ndarray) -> None:
    """Names along the street, upright, every ~600 px of visible street."""
    painter.setFont(font(9.0))
    metrics = QFontMetricsF(painter.font())
    minx, miny, maxx, maxy = view.extent
    clipped = shapely.intersection(scene.features["streets"].geometries[indices], shapely.box(minx, miny, maxx, maxy))
    painter.setPen(color(styles.STREET_LABEL))
    for i, geom in zip(indices, clipped):
        name = scene.street_names[i]
        text_w = metrics.horizontalAdvance(name)
        for line in shapely.get_parts(geom):
            length_px = line.length / view.resolution
            if length_px < text_w + 40:
                continue
            count = max(1, int(length_px // 600))
            for k in range(count):
                at = line.length * (k + 0.5) / count
                p0 = line.interpolate(max(at - view.resolution * 5, 0))
                p1 = line.interpolate(min(at + view.resolution * 5, line.length))
                (x0, y0), (x1, y1) = view.to_pixels(np.array([[p0.x, p0.y], [p1.x, p1.y]]))
                angle = math.degrees(math.atan2(y1 - y0, x1 - x0))
                if angle > 90 or angle < -90:
                    angle += 180  # keep text upright
                (cx, cy), = view.to_pixels(np.array([[line.interpolate(at).x, line.interpolate(at).y]]))
                painter.save()
                painter.translate(cx, cy)
                painter.rotate(angle)
                painter.drawText(QRectF(-text_w / 2 - 2, -metrics.height() / 2, text_w + 4, metrics.height()),
                                 Qt.AlignmentFlag.AlignCenter, name)
                painter.restore()


@renderer("buildings")
def render_buildings(painter: QPainter, scene: MapScene, view: MapView) -> None:
    """Footprints; far out, where a building is a few pixels, a raster of blocks."""
    if scene.building_typical_size / view.resolution < styles.BUILDING_BLOCK_PIXELS:
        _building_blocks(painter, scene, view)
        return
    indices = _visible(scene, "buildings", view)
    if not len(indices):
        return
    parts = scene.features["buildings"].parts(indices)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, len(parts) < ANTIALIAS_MAX_VERTICES // 2)
    painter.setBrush(color(styles.BUILDING_FILL))
    outline = scene.building_typical_size / view.resolution > 6
    painter.setPen(_pen(styles.BUILDING_OUTLINE, 0.8) if outline else Qt.PenStyle.NoPen)
    painter.drawPath(path_in_pixels(parts, view))
    wide = indices[scene.building_widths[indices] / view.resolution >= styles.BUILDING_LABEL_MIN_PIXELS]
    if len(wide):
        painter.setFont(font(8.0))
        painter.setPen(color("#3b2f25"))
        metrics = QFontMetricsF(painter.font())
        for i, (px, py) in zip(wide, view.to_pixels(scene.building_label_xy[wide])):
            text = scene.building_numbers[i]
            if metrics.horizontalAdvance(text) + 4 > scene.building_widths[i] / view.resolution:
                text = text.removesuffix("号楼")
            painter.drawText(QRectF(px - 40, py - 10, 80, 20), Qt.AlignmentFlag.AlignCenter, text)


def _building_blocks(painter: QPainter, scene: MapScene, view: MapView) -> None:
    """Each building as a 1–3 px block written straight into an image with numpy:
    100,000 buildings cost a few milliseconds instead of a QPainter call each."""
    fg = scene.features["buildings"]
    indices = _visible(scene, "buildings", view)
    if not len(indices):
        return
    w, h = view.width, view.height
    lo = view.to_pixels(fg.bounds[indices][:, [0, 3]])  # top-left in pixels
    hi = view.to_pixels(fg.bounds[indices][:, [2, 1]])  # bottom-right
    x0 = np.floor(lo[:, 0]).astype(np.int64)
    y0 = np.floor(lo[:, 1]).astype(np.int64)
    sx = np.clip(np.ceil(hi[:, 0]).astype(np.int64) - x0, 1, 3)
    sy = np.clip(np.ceil(hi[:, 1]).astype(np.int64) - y0, 1, 3)
    canvas = np.zeros((h, w), dtype=np.uint32)
    argb = np.uint32(int(color(styles.BUILDING_OUTLINE).rgba()))
    for dx in range(3):
        for dy in range(3):
            on = (dx < sx) & (dy < sy)
            xs, ys = x0[on] + dx, y0[on] + dy
            inside = (xs >= 0) & (xs < w) & (ys >= 0) & (ys < h)
            canvas[ys[inside], xs[inside]] = argb
    image = QImage(canvas.data, w, h, 4 * w, QImage.Format.Format_ARGB32)
    painter.drawImage(0, 0, image)


SITE_SYMBOL_SIZE = 9.0


@renderer("site_points")
def render_site_points(painter: QPainter, scene: MapScene, view: MapView) -> None:
    if 1.0 / view.resolution < styles.SITE_MIN_PIXELS_PER_METRE:
        return
    indices = _visible(scene, "site_points", view)
    if not len(indices):
        return
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    xy = view.to_pixels(shapely.get_coordinates(scene.features["site_points"].geometries[indices]))
    show_names = view.resolution < 0.6
    painter.setFont(font(7.5))
    s = SITE_SYMBOL_SIZE
    for i, (x, y) in zip(indices, xy):
        kind = scene.site_point_kinds[i]
        c = color(styles.SITE_POINT_COLORS.get(kind, "#333333"))
        painter.setPen(_pen("#ffffff", 1.2))
        painter.setBrush(c)
        if kind == "gate":
            painter.drawRect(QRectF(x - s / 2, y - s / 2, s, s))
        elif kind == "checkpoint":
            painter.drawPolygon(QPolygonF([QPointF(x, y - s * 0.65), QPointF(x + s * 0.6, y + s * 0.45),
                                           QPointF(x - s * 0.6, y + s * 0.45)]))
        elif kind == "sampling":
            painter.drawEllipse(QPointF(x, y), s * 0.6, s * 0.6)
            painter.setPen(_pen("#ffffff", 1.6))
            painter.drawLine(QPointF(x - s * 0.35, y), QPointF(x + s * 0.35, y))
            painter.drawLine(QPointF(x, y - s * 0.35), QPointF(x, y + s * 0.35))
        else:
            painter.drawPolygon(QPolygonF([QPointF(x, y - s * 0.6), QPointF(x + s * 0.6, y),
                                           QPointF(x, y + s * 0.6), QPointF(x - s * 0.6, y)]))
        if show_names and kind != "checkpoint":
            painter.setPen(c)
            painter.drawText(QRectF(x + s * 0.7, y - 8, 120, 16), Qt.AlignmentFlag.AlignVCenter, scene.site_point_names[i])


@renderer("site_routes")
def render_site_routes(painter: QPainter, scene: MapScene, view: MapView) -> None:
    if 1.0 / view.resolution < styles.SITE_MIN_PIXELS_PER_METRE:
        return
    indices = _visible(scene, "site_routes", view)
    if not len(indices):
        return
    fg = scene.features["site_routes"]
    kinds = np.array([scene.site_route_kinds[i] for i in indices])
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for kind in np.unique(kinds):
        pen = _pen(styles.SITE_ROUTE_COLORS.get(str(kind), "#555555"), 1.6,
                   Qt.PenStyle.DashLine if kind == "closed-loop" else Qt.PenStyle.SolidLine)
        painter.setPen(pen)
        painter.drawPath(path_in_pixels(fg.parts(indices[kinds == kind]), view))


def render_selection(painter: QPainter, geometry, view: MapView) -> None:
    """The selected feature: a bright halo around its shape (or a ring at a point)."""
    if geometry is None:
        return
    from layers.features import FeatureGeometry

    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(QBrush(color(styles.SELECTION_COLOR, 40)))
    painter.setPen(_pen(styles.SELECTION_COLOR, 3.0))
    if geometry.geom_type == "Point":
        (x, y), = view.to_pixels(np.array([[geometry.x, geometry.y]]))
        painter.drawEllipse(QPointF(x, y), 10, 10)
        return
    fg = FeatureGeometry(np.array([0]), np.array([geometry], dtype=object))
    path = path_in_pixels(fg.parts(), view)
    if geometry.area > 0:
        painter.drawPath(path)
    else:
        painter.strokePath(path, painter.pen())


__all__ = ["RENDERERS", "render_selection", "QPainterPath"]
