"""One renderer per layer kind, registered in ``RENDERERS``. Each draws its
layer for a ``MapView`` on any QPainter (screen, image, PDF), culling with the
spatial index and choosing detail by scale."""

from __future__ import annotations

from typing import Callable

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QImage, QPainter, QPen, QPolygonF

from layers import styles
from layers.render.qt import color, font, path_in_pixels, static_text
from layers.scene import MapScene
from layers.view import MapView

# A renderer draws its layer and may append label painters to ``labels``: they
# run after every layer, so no line is drawn across a name.
Labels = list[Callable[[], None]]
Renderer = Callable[[QPainter, MapScene, MapView, Labels], None]
RENDERERS: dict[str, Renderer] = {}

# Antialiasing costs ~10× on fills; it is used only where few vertices are drawn.
ANTIALIAS_MAX_VERTICES = 6000


def renderer(kind: str):
    def register(function: Renderer) -> Renderer:
        RENDERERS[kind] = function
        return function
    return register


def _pen(hex_code: str, width: float, style=Qt.PenStyle.SolidLine, alpha: int = 255) -> QPen:
    """A pen; widths up to 1 px become Qt's cosmetic 1-px pen, whose lines are
    drawn several times faster than a fractional width."""
    pen = QPen(color(hex_code, alpha), 0 if width <= 1.0 else width)
    pen.setStyle(style)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def _visible(scene: MapScene, table: str, view: MapView, pad: float = 0.0) -> np.ndarray:
    """Indices of the features of ``table`` whose bounds reach into the view."""
    fg = scene.features[table]
    minx, miny, maxx, maxy = view.extent
    box = (minx - pad, miny - pad, maxx + pad, maxy + pad)
    if len(fg) and fg.bounds_all is not None:
        bx0, by0, bx1, by1 = fg.bounds_all
        if box[0] <= bx0 and box[1] <= by0 and box[2] >= bx1 and box[3] >= by1:
            return np.arange(len(fg))  # everything is in view: no index walk, no sort
    return fg.query(box)


def _label_box(painter: QPainter, text: str, x: float, y: float, text_color: str, halo: str | None = "#ffffff",
               halo_alpha: int = 210, font_key: str | None = None) -> None:
    """A name centred at (x, y) on a soft box that keeps it readable over lines."""
    label = static_text(text, painter.font(), font_key)
    size = label.size()
    w, h = size.width(), size.height()
    if halo:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color(halo, halo_alpha))
        painter.drawRoundedRect(QRectF(x - w / 2 - 3, y - h / 2 - 1, w + 6, h + 2), 3, 3)
    painter.setPen(color(text_color))
    painter.drawStaticText(QPointF(x - w / 2, y - h / 2), label)


@renderer("grid_fill")
def render_grid_fill(painter: QPainter, scene: MapScene, view: MapView, labels: Labels) -> None:
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
def render_zone_boundaries(painter: QPainter, scene: MapScene, view: MapView, labels: Labels) -> None:
    """Outlines of every level, finest first so that coarser lines lie on top; labels."""
    indices = _visible(scene, "zones", view)
    if not len(indices):
        return
    levels = scene.zone_level[indices]
    fg = scene.features["zones"]
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for level in sorted(np.unique(levels), reverse=True):
        if scene.zone_typical_size.get(int(level), 0.0) / view.resolution < styles.ZONE_OUTLINE_MIN_PIXELS:
            continue  # zones are specks at this scale; the grid colours still tell them apart
        parts = fg.parts(indices[levels == level])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, len(parts) < ANTIALIAS_MAX_VERTICES)
        pen_style = styles.LEVEL_PENS.get(int(level), styles.LEVEL_PENS[3])
        painter.setPen(_pen(pen_style.color, pen_style.width))
        painter.drawPath(path_in_pixels(parts, view))
    labels.append(lambda: _zone_labels(painter, scene, view, indices))


def _zone_labels(painter: QPainter, scene: MapScene, view: MapView, indices: np.ndarray) -> None:
    """Each zone's name at its interior point, where the zone is wide enough on screen."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    bounds = scene.features["zones"].bounds[indices]
    widths = (bounds[:, 2] - bounds[:, 0]) / view.resolution
    levels = scene.zone_level[indices]
    for level in sorted(set(levels.tolist())):
        point_size = styles.LEVEL_LABEL_POINT_SIZE.get(level, 9.0)
        # A name needs at least ~0.9 em per character: rule most zones out with numpy first.
        room = (levels == level) & (widths > scene.zone_name_length[indices] * point_size * 1.2 * 0.9 + 12)
        if not room.any():
            continue
        painter.setFont(font(point_size, bold=level <= 2))
        key = painter.font().key()
        lift = {1: 3.0, 2: 1.6}.get(level, 0.0) * point_size * 1.4  # upper levels sit above the grid names
        text_color = styles.LEVEL_PENS.get(level, styles.LEVEL_PENS[3]).color
        halo = "#ffffff" if level <= 2 else None  # grid names sit on plain fills and need no box
        for i, w, (px, py) in zip(indices[room], widths[room], view.to_pixels(scene.zone_label_points(indices[room]))):
            name = scene.zone_names[i]
            if static_text(name, painter.font(), key).size().width() + 12 <= w:
                _label_box(painter, name, px, py - lift, text_color, halo=halo, font_key=key)


@renderer("compounds")
def render_compounds(painter: QPainter, scene: MapScene, view: MapView, labels: Labels) -> None:
    """Compound walls over the grid colours (no fill: the grid a compound lies
    in stays visible); left out while compounds are specks on screen."""
    if scene.compound_typical_size / view.resolution < styles.COMPOUND_WALL_PIXELS:
        return
    indices = _visible(scene, "compounds", view)
    if not len(indices):
        return
    parts = scene.features["compounds"].parts(indices)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # 1-px walls: crisp and cheap
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(_pen(styles.COMPOUND_WALL, 1.0))
    painter.drawPath(path_in_pixels(parts, view))
    if view.resolution < styles.COMPOUND_LABEL_MAX_RESOLUTION:
        labels.append(lambda: _compound_labels(painter, scene, view, indices))


def _compound_labels(painter: QPainter, scene: MapScene, view: MapView, indices: np.ndarray) -> None:
    """Compound names inside the wall, at the top middle, where there is room."""
    bounds = scene.features["compounds"].bounds[indices]
    wide = (bounds[:, 2] - bounds[:, 0]) / view.resolution > 90
    anchors = view.to_pixels(np.column_stack([(bounds[:, 0] + bounds[:, 2]) / 2, bounds[:, 3]]))
    painter.setFont(font(8.5))
    for i, (px, py) in zip(indices[wide], anchors[wide]):
        _label_box(painter, scene.compound_names[i], px, py + 12, "#6e5f4b", halo=styles.COMPOUND_FILL)


@renderer("streets")
def render_streets(painter: QPainter, scene: MapScene, view: MapView, labels: Labels) -> None:
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
    cased = [(w, p) for w, p in groups if w / view.resolution >= styles.STREET_CASING_MIN_PIXELS]
    for width, path in cased:
        painter.setPen(_pen(styles.STREET_CASING, width / view.resolution + 2.0))
        painter.drawPath(path)
    for width, path in groups:  # thin streets far out: one stroke in the casing tone
        thin = width / view.resolution < styles.STREET_CASING_MIN_PIXELS
        painter.setPen(_pen(styles.STREET_CASING if thin else styles.STREET_FILL, max(width / view.resolution, 1.0)))
        painter.drawPath(path)
    if 1.0 / view.resolution >= styles.STREET_LABEL_MIN_PIXELS_PER_METRE:
        labels.append(lambda: _street_labels(painter, scene, view, indices))


def _street_labels(painter: QPainter, scene: MapScene, view: MapView, indices: np.ndarray) -> None:
    """Names along the street, upright, every ``STREET_LABEL_SPACING`` pixels.

    Positions depend on the scale only, never on the view's edges, so a frame
    drawn in strips while panning shows each name exactly where a whole frame
    would.
    """
    spacing = styles.STREET_LABEL_SPACING * view.resolution
    parts, part_street = shapely.get_parts(scene.features["streets"].geometries[indices], return_index=True)
    lengths = shapely.length(parts)
    counts = np.floor(lengths / spacing).astype(np.int64) + (lengths > 0)
    which = np.repeat(np.arange(len(parts)), counts)
    if not len(which):
        return
    k = np.arange(len(which)) - np.repeat(np.cumsum(counts) - counts, counts)
    at = np.minimum((k + 0.5) * spacing, lengths[which] * 0.5 + k * spacing)
    step = view.resolution * 4
    xy = shapely.get_coordinates(shapely.line_interpolate_point(parts[which], at))
    ahead = shapely.get_coordinates(shapely.line_interpolate_point(parts[which], at + step))
    behind = shapely.get_coordinates(shapely.line_interpolate_point(parts[which], at - step))
    minx, miny, maxx, maxy = view.extent
    margin = 150 * view.resolution
    inside = (xy[:, 0] > minx - margin) & (xy[:, 0] < maxx + margin) & (xy[:, 1] > miny - margin) & (xy[:, 1] < maxy + margin)
    if not inside.any():
        return
    painter.setFont(font(9.0))
    painter.setPen(color(styles.STREET_LABEL))
    centre = view.to_pixels(xy[inside])
    direction = view.to_pixels(ahead[inside]) - view.to_pixels(behind[inside])
    angles = np.degrees(np.arctan2(direction[:, 1], direction[:, 0]))
    angles = np.where(angles > 90, angles - 180, np.where(angles < -90, angles + 180, angles))  # upright
    names = [scene.street_names[indices[part_street[w]]] for w in which[inside]]
    part_px = lengths[which[inside]] / view.resolution
    for name, (cx, cy), angle, length_px in zip(names, centre, angles, part_px):
        label = static_text(name, painter.font())
        size = label.size()
        if length_px < size.width() + 40:
            continue
        painter.save()
        painter.translate(cx, cy)
        painter.rotate(float(angle))
        painter.drawStaticText(QPointF(-size.width() / 2, -size.height() / 2), label)
        painter.restore()


@renderer("buildings")
def render_buildings(painter: QPainter, scene: MapScene, view: MapView, labels: Labels) -> None:
    """Footprints; far out, where a building is a few pixels, a raster of blocks."""
    if scene.building_typical_size / view.resolution < styles.BUILDING_BLOCK_PIXELS:
        _building_blocks(painter, scene, view)
        return
    indices = _visible(scene, "buildings", view)
    if not len(indices):
        return
    parts = scene.features["buildings"].parts(indices)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, len(parts) < ANTIALIAS_MAX_VERTICES // 2)
    outline = scene.building_typical_size / view.resolution >= styles.BUILDING_OUTLINE_PIXELS
    # Without an outline the fill takes the outline's darker tone so small footprints stay crisp.
    painter.setBrush(color(styles.BUILDING_FILL if outline else styles.BUILDING_FILL_SMALL))
    painter.setPen(_pen(styles.BUILDING_OUTLINE, 1.0) if outline else Qt.PenStyle.NoPen)
    painter.drawPath(path_in_pixels(parts, view))
    wide = indices[scene.building_widths[indices] / view.resolution >= styles.BUILDING_LABEL_MIN_PIXELS]
    if len(wide):
        labels.append(lambda: _building_labels(painter, scene, view, wide))


def _building_labels(painter: QPainter, scene: MapScene, view: MapView, wide: np.ndarray) -> None:
    """"5号楼" on the footprint, or just "5" where the full number does not fit."""
    painter.setFont(font(8.0))
    painter.setPen(color("#3b2f25"))
    for i, (px, py) in zip(wide, view.to_pixels(scene.building_label_xy[wide])):
        label = static_text(scene.building_numbers[i], painter.font())
        if label.size().width() + 4 > scene.building_widths[i] / view.resolution:
            label = static_text(scene.building_numbers[i].removesuffix("号楼"), painter.font())
        size = label.size()
        painter.drawStaticText(QPointF(px - size.width() / 2, py - size.height() / 2), label)


def _building_blocks(painter: QPainter, scene: MapScene, view: MapView) -> None:
    """Each building as a 1–3 px block written straight into an image with numpy:
    100,000 buildings cost a few milliseconds instead of a QPainter call each."""
    fg = scene.features["buildings"]
    indices = _visible(scene, "buildings", view)
    if not len(indices):
        return
    pad = 3  # blocks may hang over the edge: draw into a padded image and crop
    w, h = view.width + 2 * pad, view.height + 2 * pad
    bounds = fg.bounds if len(indices) == len(fg) else fg.bounds[indices]
    minx, _, _, maxy = view.extent
    scale = 1.0 / view.resolution
    x0 = ((bounds[:, 0] - minx) * scale + pad).astype(np.int64)  # bounds are in view: truncation = floor
    y0 = ((maxy - bounds[:, 3]) * scale + pad).astype(np.int64)
    sx = np.clip(np.ceil((bounds[:, 2] - minx) * scale + pad).astype(np.int64) - x0, 1, pad)
    sy = np.clip(np.ceil((maxy - bounds[:, 1]) * scale + pad).astype(np.int64) - y0, 1, pad)
    keep = (x0 >= 0) & (y0 >= 0) & (x0 + sx <= w) & (y0 + sy <= h)
    base, sx, sy = y0[keep] * w + x0[keep], sx[keep], sy[keep]
    pixels = np.zeros(h * w, dtype=np.uint32)
    argb = np.uint32(color(styles.BUILDING_OUTLINE).rgba())
    for dy in range(pad):
        for dx in range(pad):
            chosen = base if dx == dy == 0 else base[(sx > dx) & (sy > dy)]
            pixels[chosen + (dy * w + dx)] = argb
    # The view's pixels start pad rows and pad columns in; rows stay w long (no copy).
    visible = pixels[pad * w + pad:]
    image = QImage(visible.data, view.width, view.height, 4 * w, QImage.Format.Format_ARGB32_Premultiplied)
    painter.drawImage(0, 0, image)


SITE_SYMBOL_SIZE = 9.0


@renderer("site_points")
def render_site_points(painter: QPainter, scene: MapScene, view: MapView, labels: Labels) -> None:
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
def render_site_routes(painter: QPainter, scene: MapScene, view: MapView, labels: Labels) -> None:
    if 1.0 / view.resolution < styles.ROUTE_MIN_PIXELS_PER_METRE:
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

