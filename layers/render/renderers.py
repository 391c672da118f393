"""One renderer per layer kind, registered in ``RENDERERS``. Each draws its
layer for a ``MapView`` on any QPainter (screen, image, PDF), culling with the
spatial index and choosing detail by scale."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QImage, QPainter, QPen, QPolygonF

from layers import styles
from layers.render.prepared import Pieces, pieces
from layers.render.labels import building_labels, compound_labels, street_labels, zone_labels
from layers.render.qt import color, font, path_in_pixels
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


def _pen(hex_code: str, width: float, style=Qt.PenStyle.SolidLine, alpha: int = 255, paper: bool = False) -> QPen:
    """A pen ``width`` pixels wide. On screen whatever the painter's transform
    (cosmetic), and widths up to 1 px become Qt's 1-px pen, whose lines are drawn
    several times faster than a fractional width. On paper (``MapView.paper``)
    the width scales with the painter, so a line is as wide at 600 dpi as at 96."""
    if paper:
        pen = QPen(color(hex_code, alpha), width)
    else:
        pen = QPen(color(hex_code, alpha), 0 if width <= 1.0 else width)
        pen.setCosmetic(True)
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


# What each layer draws, as pieces built once per table (see layers/render/prepared.py).

def _all(fg) -> tuple[np.ndarray, np.ndarray]:
    return np.arange(len(fg)), np.zeros(len(fg), dtype=np.int64)


def _leaf_fills(scene: MapScene) -> Pieces:
    """Leaf grids, grouped by colour class."""
    return pieces(scene.features["zones"], "leaf fills",
                  lambda: (np.flatnonzero(scene.zone_is_leaf), scene.zone_colour[scene.zone_is_leaf]))


def _outlines(scene: MapScene) -> Pieces:
    """Zone outlines by level, each shared boundary once."""
    fg = scene.features["zones"]
    return pieces(fg, "outlines", lambda: (np.arange(len(fg)), scene.zone_level), scene.zone_outline_segments)


def _walls(scene: MapScene) -> Pieces:
    return pieces(scene.features["compounds"], "walls", lambda: _all(scene.features["compounds"]))


def _street_lines(scene: MapScene) -> Pieces:
    """Streets grouped by width."""
    fg = scene.features["streets"]
    return pieces(fg, "streets", lambda: (np.arange(len(fg)), scene.street_widths))


def _footprints(scene: MapScene) -> Pieces:
    return pieces(scene.features["buildings"], "footprints", lambda: _all(scene.features["buildings"]))


def prepare_pieces(scene: MapScene) -> None:
    """Build every layer's pieces now: run on a worker after opening, so the
    first close-up frame does not wait for them."""
    for make in (_leaf_fills, _outlines, _street_lines, _walls, _footprints):  # as a zoom-in needs them
        make(scene)


@renderer("grid_fill")
def render_grid_fill(painter: QPainter, scene: MapScene, view: MapView, labels: Labels) -> None:
    """Leaf grids filled by colour class: neighbours never share a colour."""
    fills = _leaf_fills(scene)
    shown = fills.in_view(view)
    painter.setPen(Qt.PenStyle.NoPen)
    for c in np.unique(fills.group[shown]):
        painter.setBrush(color(styles.GRID_FILLS[int(c) % len(styles.GRID_FILLS)]))
        fills.draw(painter, view, shown[fills.group[shown] == c])


@renderer("zone_boundaries")
def render_zone_boundaries(painter: QPainter, scene: MapScene, view: MapView, labels: Labels) -> None:
    """Outlines of every level, finest first so that coarser lines lie on top
    (a boundary two zones share is drawn once); labels."""
    outlines = _outlines(scene)
    shown = outlines.in_view(view, pad_pixels=4)
    levels = outlines.group[shown]
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for level in sorted(np.unique(levels), reverse=True):
        if scene.zone_typical_size.get(int(level), 0.0) / view.resolution < styles.ZONE_OUTLINE_MIN_PIXELS:
            continue  # zones are specks at this scale; the grid colours still tell them apart
        which = shown[levels == level]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing,
                              bool(outlines.vertices[which].sum() < ANTIALIAS_MAX_VERTICES))
        pen_style = styles.role_pen(scene.zone_depths.role_at(int(level)))
        painter.setPen(_pen(pen_style.color, pen_style.width, paper=view.paper))
        outlines.draw(painter, view, which)
    indices = _visible(scene, "zones", view)
    if len(indices):
        labels.append(lambda: zone_labels(painter, scene, view, indices))


@renderer("compounds")
def render_compounds(painter: QPainter, scene: MapScene, view: MapView, labels: Labels) -> None:
    """Compound walls over the grid colours (no fill: the grid a compound lies
    in stays visible); left out while compounds are specks on screen."""
    if scene.compound_typical_size / view.resolution < styles.COMPOUND_WALL_PIXELS:
        return
    walls = _walls(scene)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # 1-px walls: crisp and cheap
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(_pen(styles.COMPOUND_WALL, 1.0, paper=view.paper))
    walls.draw(painter, view, walls.in_view(view, pad_pixels=1))
    if view.resolution < styles.COMPOUND_LABEL_MAX_RESOLUTION:
        indices = _visible(scene, "compounds", view)
        if len(indices):
            labels.append(lambda: compound_labels(painter, scene, view, indices))


@renderer("streets")
def render_streets(painter: QPainter, scene: MapScene, view: MapView, labels: Labels) -> None:
    """Casing then fill at true width (at least a pixel), by width."""
    if not len(scene.street_widths):
        return
    lines = _street_lines(scene)
    shown = lines.in_view(view, pad_pixels=float(scene.street_widths.max()) / view.resolution + 2)
    if not len(shown):
        return
    widths = lines.group[shown]
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, bool(lines.vertices[shown].sum() < 800))
    groups = [(w, shown[widths == w]) for w in np.unique(widths)]
    for width, which in groups:
        if width / view.resolution >= styles.STREET_CASING_MIN_PIXELS:
            painter.setPen(_pen(styles.STREET_CASING, width / view.resolution + 2.0, paper=view.paper))
            lines.draw(painter, view, which)
    for width, which in groups:  # thin streets far out: one stroke in the casing tone
        thin = width / view.resolution < styles.STREET_CASING_MIN_PIXELS
        painter.setPen(_pen(styles.STREET_CASING if thin else styles.STREET_FILL, max(width / view.resolution, 1.0),
                            paper=view.paper))
        lines.draw(painter, view, which)
    if 1.0 / view.resolution >= styles.STREET_LABEL_MIN_PIXELS_PER_METRE:
        indices = _visible(scene, "streets", view, float(scene.street_widths.max()))
        labels.append(lambda: street_labels(painter, scene, view, indices))


@renderer("buildings")
def render_buildings(painter: QPainter, scene: MapScene, view: MapView, labels: Labels) -> None:
    """Footprints; far out, where a building is a few pixels, a raster of blocks."""
    if scene.building_typical_size / view.resolution < styles.BUILDING_BLOCK_PIXELS:
        _building_blocks(painter, scene, view)
        return
    footprints = _footprints(scene)
    shown = footprints.in_view(view, pad_pixels=1)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing,
                          bool(footprints.vertices[shown].sum() < ANTIALIAS_MAX_VERTICES // 2))
    outline = scene.building_typical_size / view.resolution >= styles.BUILDING_OUTLINE_PIXELS
    # Without an outline the fill takes the outline's darker tone so small footprints stay crisp.
    painter.setBrush(color(styles.BUILDING_FILL if outline else styles.BUILDING_FILL_SMALL))
    painter.setPen(_pen(styles.BUILDING_OUTLINE, 1.0, paper=view.paper) if outline else Qt.PenStyle.NoPen)
    footprints.draw(painter, view, shown)
    if scene.building_widths.max(initial=0.0) / view.resolution >= styles.BUILDING_LABEL_MIN_PIXELS:
        indices = _visible(scene, "buildings", view)
        wide = indices[scene.building_widths[indices] / view.resolution >= styles.BUILDING_LABEL_MIN_PIXELS]
        if len(wide):
            labels.append(lambda: building_labels(painter, scene, view, wide))


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
ROUTE_PEN_STYLES = {"closed-loop": Qt.PenStyle.DashLine, "isolation": Qt.PenStyle.DashDotLine}


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
    for i, (x, y) in zip(indices, xy):
        kind = scene.site_point_kinds[i]
        draw_site_symbol(painter, kind, scene.site_point_states[i] == "closed", x, y, paper=view.paper)
        if show_names and kind != "checkpoint":
            painter.setPen(color(styles.SITE_POINT_COLORS.get(kind, "#333333")))
            painter.drawText(QRectF(x + SITE_SYMBOL_SIZE * 0.7, y - 8, 120, 16), Qt.AlignmentFlag.AlignVCenter,
                             scene.site_point_names[i])


def draw_site_symbol(painter: QPainter, kind: str, closed: bool, x: float, y: float,
                     s: float = SITE_SYMBOL_SIZE, paper: bool = False) -> None:
    """One site point's symbol centred at (x, y), ``s`` pixels across: the canvas,
    the printed closed-loop chart and its legend all draw it here. A sealed gate
    is crossed out in the closed loop's colour."""
    painter.setPen(_pen("#ffffff", 1.2, paper=paper))
    painter.setBrush(color(styles.SITE_POINT_COLORS.get(kind, "#333333")))
    if kind == "gate":
        painter.drawRect(QRectF(x - s / 2, y - s / 2, s, s))
        if closed:
            painter.setPen(_pen(styles.SITE_ROUTE_COLORS["closed-loop"], 2.2, paper=paper))
            painter.drawLine(QPointF(x - s * 0.7, y - s * 0.7), QPointF(x + s * 0.7, y + s * 0.7))
            painter.drawLine(QPointF(x - s * 0.7, y + s * 0.7), QPointF(x + s * 0.7, y - s * 0.7))
    elif kind == "checkpoint":
        painter.drawPolygon(QPolygonF([QPointF(x, y - s * 0.65), QPointF(x + s * 0.6, y + s * 0.45),
                                       QPointF(x - s * 0.6, y + s * 0.45)]))
    elif kind == "sampling":
        painter.drawEllipse(QPointF(x, y), s * 0.6, s * 0.6)
        painter.setPen(_pen("#ffffff", 1.6, paper=paper))
        painter.drawLine(QPointF(x - s * 0.35, y), QPointF(x + s * 0.35, y))
        painter.drawLine(QPointF(x, y - s * 0.35), QPointF(x, y + s * 0.35))
    else:
        painter.drawPolygon(QPolygonF([QPointF(x, y - s * 0.6), QPointF(x + s * 0.6, y),
                                       QPointF(x, y + s * 0.6), QPointF(x - s * 0.6, y)]))


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
                   ROUTE_PEN_STYLES.get(str(kind), Qt.PenStyle.SolidLine), paper=view.paper)
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

