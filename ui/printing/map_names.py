"""The names on a chart's map, placed together so that none lies on another.

The map panel is drawn without its layers' names (``unnamed``); a chart then
places the names it needs, most important first, through one ``MapNames``:
its own labels (gates, building tags) and the map's (grid names, building
numbers, compound names, street names). Each takes its first free place (see
gridmap.charts.label_places) or is left out; ``draw`` paints them all on top.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from gridmap.charts.label_places import (
    LEADER_GAP, Box, Places, around, centred, inside, leader, short_number, sizes_down_to, smallest_size,
)
from gridmap.model.entities import COMMUNITY, OFFICE
from layers import styles
from layers.model import LayerSet
from layers.placement import line_label_anchors
from layers.render.labels import HALO_PAD, Label, label_font
from layers.render.qt import color
from layers.render.renderers import RENDERERS, renderer
from layers.scene import MapScene
from layers.view import MapView

NUMBER_SIZE = 8.0  # building numbers, as on the canvas
STREET_SIZE = 9.0
COMPOUND_SIZE = 8.5
NUMBER_INK = "#3b2f25"
# Where draw_panel_furniture puts the scale bar (bottom left) and the north arrow
# (top right), as boxes from the panel's corners: no name goes under them.
SCALE_BAR_BOX = (10.0, 46.0, 240.0, 4.0)  # left, up from the bottom, width, clear of the bottom
NORTH_ARROW_BOX = (64.0, 2.0, 62.0, 70.0)  # in from the right, top, width, height
HALO = "#ffffff"
ALONE_MARGIN = 8.0  # a tag right by its building keeps this clear of the others, so it reads as its own


def unnamed(kinds: Iterable[str]) -> LayerSet:
    """The layers ``kinds`` drawn without their names: the chart places those."""
    return LayerSet(tuple(_unnamed_kind(kind) for kind in kinds))


def _unnamed_kind(kind: str) -> str:
    name = f"{kind}:unnamed"
    if name not in RENDERERS:
        draw = RENDERERS[kind]
        renderer(name)(lambda painter, scene, view, _labels: draw(painter, scene, view, []))
    return name


class MapNames:
    """The labels of one map panel (``rect`` on the sheet, ``view`` inside it)."""

    def __init__(self, rect: QRectF, view: MapView, scene: MapScene, paper_scale: float) -> None:
        self.rect, self.view, self.scene = rect, view, scene
        self.smallest = smallest_size(paper_scale)
        self.places = Places((rect.left() + 2, rect.top() + 2, rect.right() - 2, rect.bottom() - 2))
        self._draws: list[Callable[[QPainter], None]] = []
        left, up, width, clear = SCALE_BAR_BOX
        self.places.reserve((rect.left() + left, rect.bottom() - up, rect.left() + left + width, rect.bottom() - clear))
        right, top, width, height = NORTH_ARROW_BOX
        self.places.reserve((rect.right() - right, rect.top() + top, rect.right() - right + width, rect.top() + height))
        self.numbered: set[int] = set()  # building indices whose number is on the map
        fg = scene.features["buildings"]
        self._in_view = fg.query(view.extent)
        self._boxes = self._pixel_boxes(fg.bounds[self._in_view])
        self._box_of = dict(zip(self._in_view.tolist(), self._boxes))
        for i, box in self._box_of.items():
            self.places.footprint(box, i)

    # -- the pieces a chart uses ---------------------------------------------------------

    def to_sheet(self, xy: np.ndarray) -> np.ndarray:
        out = self.view.to_pixels(np.asarray(xy, dtype=np.float64).reshape(-1, 2))
        out[:, 0] += self.rect.left()
        out[:, 1] += self.rect.top()
        return out

    def to_map(self, xy: np.ndarray) -> np.ndarray:
        """(n, 2) sheet points → map coordinates."""
        minx, _, _, maxy = self.view.extent
        xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
        return np.column_stack([minx + (xy[:, 0] - self.rect.left()) * self.view.resolution,
                                maxy - (xy[:, 1] - self.rect.top()) * self.view.resolution])

    def _pixel_boxes(self, bounds: np.ndarray) -> list[Box]:
        if not len(bounds):
            return []
        low, high = self.to_sheet(bounds[:, [0, 1]]), self.to_sheet(bounds[:, [2, 3]])
        return list(zip(low[:, 0].tolist(), high[:, 1].tolist(), high[:, 0].tolist(), low[:, 1].tolist()))

    def footprint_box(self, index: int) -> Box:
        """A building's box on the sheet, by its index in the scene."""
        found = self._box_of.get(index)
        return found if found is not None else self._pixel_boxes(self.scene.features["buildings"].bounds[[index]])[0]

    def scene_indices(self, building_ids: Iterable[int]) -> list[int]:
        index = self.scene.features["buildings"].index_of
        return [index[b] for b in building_ids if b in index]

    def the_rest(self, own: list[int], upper_zones: bool = False) -> None:
        """After a chart's own labels: compound names, the community's and office's
        names, the neighbours' numbers, and last the street names, which yield to all."""
        self.compounds()
        if upper_zones:
            self.zones((OFFICE, COMMUNITY))
        self.neighbour_numbers(set(own))
        self.streets()

    def reserve(self, box: Box) -> None:
        self.places.reserve(box)

    def put(self, candidates: list[Box], draw: Callable[[QPainter, Box], None], owner: int = -1,
            on_footprints: bool = True) -> Box | None:
        """The first free candidate clear of other footprints, else (``on_footprints``)
        the first free one at all; taken, and ``draw`` queued for it."""
        k = self.places.first(candidates, True, owner)
        if k is None and on_footprints:
            k = self.places.first(candidates, False, owner)
        if k is None:
            return None
        box = self.places.take(candidates[k])
        self._draws.append(lambda painter: draw(painter, box))
        return box

    def draw(self, painter: QPainter) -> None:
        painter.save()
        painter.setClipRect(self.rect)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for draw in self._draws:
            draw(painter)
        painter.restore()

    # -- the map's own names ---------------------------------------------------------------

    def zones(self, roles: tuple[str, ...]) -> None:
        """Names of the zones whose level plays one of ``roles``, those of the first role placed first,
        near their label points, inside their zone, clear of footprints where they can be; a grid's
        name is never dropped for a street's."""
        scene, view = self.scene, self.view
        at = scene.zone_depths
        indices = scene.features["zones"].query(view.extent)
        depths = np.array([at.of(role) for role in roles], dtype=np.int64)
        indices = indices[np.isin(scene.zone_level[indices], depths)]
        if not len(indices):
            return
        indices = indices[np.argsort([roles.index(at.role_at(int(lv))) for lv in scene.zone_level[indices]],
                                     kind="stable")]
        geoms = scene.features["zones"].geometries
        bounds = scene.features["zones"].bounds[indices]
        widths = (bounds[:, 2] - bounds[:, 0]) / view.resolution
        points = self.to_sheet(scene.zone_label_points(indices))
        for i, width, (px, py) in zip(indices.tolist(), widths.tolist(), points.tolist()):
            level = int(scene.zone_level[i])
            role, upper = at.role_at(level), at.is_upper(level)
            size = styles.ROLE_LABEL_POINT_SIZE.get(role, styles.OTHER_LABEL_POINT_SIZE)
            labels = label_font(size, bold=upper)
            label = labels.label(scene.zone_names[i])
            if label.width + 12 > width:
                continue  # the zone is narrower than its name here
            halo = HALO if upper else None
            w, h = _box_size(label, halo)
            py -= styles.ROLE_LABEL_LIFT.get(role, 0.0) * size * 1.4  # upper levels sit above the grid names
            spots = sorted(((dx, dy) for dx in (0.0, -0.75, 0.75, -1.5, 1.5) for dy in (0.0, -1.5, 1.5, -3.0, 3.0)),
                           key=lambda d: math.hypot(d[0] * 1.5, d[1]))
            candidates = [centred(px + dx * w, py + dy * h, w, h) for dx, dy in spots]
            boxes = np.array(candidates)
            xy = self.to_map((boxes[:, :2] + boxes[:, 2:]) / 2)
            within = set(np.flatnonzero(shapely.contains_xy(geoms[i], xy[:, 0], xy[:, 1])).tolist())
            candidates = [c for k, c in enumerate(candidates) if k in within]
            ink = styles.role_pen(role).color
            self.put(candidates, _text_painter(labels, label, ink, halo))

    def building_numbers(self, indices: Iterable[int], leaders: bool) -> None:
        """The numbers of the buildings at ``indices`` (scene indices): inside the
        footprint, shortened ("12号楼" → "12") and smaller where it is small; else
        (``leaders``) beside it with a leader line, clear of the neighbours' footprints."""
        for i in indices:
            anchor = self.footprint_box(i)
            number = self.scene.building_numbers[i]
            texts = list(dict.fromkeys((number, short_number(number))))
            candidates, painters = [], []
            for size in sizes_down_to(NUMBER_SIZE, self.smallest):
                labels = label_font(size)
                for text in texts:
                    label = labels.label(text)
                    for box in inside(anchor, label.width, label.height, pad=1.0):
                        candidates.append(box)
                        painters.append(_text_painter(labels, label, NUMBER_INK, None))
            # inside its own box a number may touch a neighbour's box (turned or L-shaped footprints)
            k = self.places.first(candidates)
            if k is None and leaders:
                candidates, painters = [], []
                for size in sizes_down_to(NUMBER_SIZE, self.smallest):
                    labels = label_font(size)
                    label = labels.label(number)
                    w, h = _box_size(label, HALO)
                    for box in around(anchor, w, h, LEADER_GAP):
                        candidates.append(box)
                        painters.append(_text_painter(labels, label, NUMBER_INK, HALO, anchor))
                k = self.places.first(candidates, True, i, lambda k, anchor=anchor, candidates=candidates, i=i:
                                      self.places.line_is_clear(leader(anchor, candidates[k]), i))
            if k is not None:
                self.places.take(candidates[k])
                self._draws.append(lambda painter, box=candidates[k], paint=painters[k]: paint(painter, box))
                self.numbered.add(i)

    def building_tag(self, index: int, texts: list[tuple[str, ...]], ink: str, size: float,
                     within: Callable[[Box], bool] | None = None) -> bool:
        """A building's tag, lines on a white box: in its footprint under its number,
        else beside it, else set off with a leader line; the fullest of ``texts``
        at the largest size that finds a place, clear of the other footprints."""
        anchor = self.footprint_box(index)
        candidates, painters, leaders = [], [], []
        for points in sizes_down_to(size, self.smallest):
            labels = label_font(points)
            line = points * 2.0
            for lines in texts:
                placed = [labels.label(t) for t in lines]
                w, h = max(label.width for label in placed) + 6, line * len(lines)
                cx, cy = (anchor[0] + anchor[2]) / 2, (anchor[1] + anchor[3]) / 2
                below_number = (cx - w / 2, cy + 7, cx + w / 2, cy + 7 + h)
                spots = [(b, None, False) for b in [below_number] if _within(b, anchor)]
                spots += [(b, None, True) for b in around(anchor, w, h, 3.0)[:2]]  # right under or over it
                spots += [(b, anchor, False) for b in around(anchor, w, h, LEADER_GAP)]
                for box, leader_from, by_itself in spots:
                    candidates.append(box)
                    leaders.append((leader_from, by_itself))
                    painters.append(_lines_painter(labels, placed, line, ink, leader_from))

        def fits(k: int) -> bool:
            leader_from, by_itself = leaders[k]
            box = candidates[k]
            return ((within is None or within(box))
                    and (not by_itself or self.places.alone_by(box, index, ALONE_MARGIN))
                    and (leader_from is None or self.places.line_is_clear(leader(anchor, box), index)))
        k = self.places.first(candidates, True, index, fits)
        if k is None:
            return False
        self.places.take(candidates[k])
        self._draws.append(lambda painter, box=candidates[k], paint=painters[k]: paint(painter, box))
        return True

    def neighbour_numbers(self, exclude: set[int]) -> None:
        """The other buildings' numbers, where they fit inside a wide enough footprint (as on the canvas)."""
        wide = self.scene.building_widths[self._in_view] / self.view.resolution >= styles.BUILDING_LABEL_MIN_PIXELS
        wide &= ~np.isin(self._in_view, list(exclude))
        labels = label_font(NUMBER_SIZE)
        found = []  # (building, [(box, label)] from the full number to the short one)
        for i in self._in_view[wide].tolist():
            number = self.scene.building_numbers[i]
            texts = [labels.label(t) for t in dict.fromkeys((number, short_number(number)))]
            spots = [(box, label) for label in texts for box in inside(self._box_of[i], label.width, label.height, 1.0)]
            if spots:
                found.append((i, spots))
        # labels are only ever added: where the smallest spot is taken now, no spot is free later
        free = self.places.free([spots[-1][0] for _, spots in found]) if found else []
        for (_building, spots), room in zip(found, free):
            if room:
                k = self.places.first([box for box, _ in spots])
                if k is not None:
                    box, label = spots[k]
                    self.places.take(box)
                    paint = _text_painter(labels, label, NUMBER_INK, None)
                    self._draws.append(lambda painter, box=box, paint=paint: paint(painter, box))

    def compounds(self) -> None:
        """Compound names inside the wall, at the top middle or a little lower."""
        scene, view = self.scene, self.view
        if view.resolution >= styles.COMPOUND_LABEL_MAX_RESOLUTION:
            return
        fg = scene.features["compounds"]
        indices = fg.query(view.extent)
        labels = label_font(COMPOUND_SIZE)
        for i in indices.tolist():
            x0, _, x1, y1 = fg.bounds[i]
            if (x1 - x0) / view.resolution <= 90:
                continue
            (px, py), = self.to_sheet(np.array([[(x0 + x1) / 2, y1]])).tolist()
            label = labels.label(scene.compound_names[i])
            w, h = _box_size(label, styles.COMPOUND_FILL)
            candidates = [centred(px, py + 12 + k * h, w, h) for k in (0, 1, 2, 3)]
            corners = self.to_map(np.array(candidates))  # each box's top-left and bottom-right
            inside_wall = shapely.contains_xy(fg.geometries[i], corners[:, 0], corners[:, 1]).reshape(-1, 2).all(axis=1)
            candidates = [c for c, ok in zip(candidates, inside_wall.tolist()) if ok]
            self.put(candidates, _text_painter(labels, label, "#6e5f4b", styles.COMPOUND_FILL))

    def streets(self) -> None:
        """Street names along their streets, upright, wherever a spot is free:
        a name yields to every other label; names of one street stay well apart."""
        scene, view = self.scene, self.view
        if not len(scene.street_widths) or 1.0 / view.resolution < styles.STREET_LABEL_MIN_PIXELS_PER_METRE:
            return
        fg = scene.features["streets"]
        indices = fg.query(view.extent)
        if not len(indices):
            return
        spacing = styles.STREET_LABEL_SPACING * view.resolution
        anchors = line_label_anchors(fg, indices, spacing / 8, view.extent)
        labels = label_font(STREET_SIZE)
        centres = self.to_sheet(anchors.xy)
        order = np.lexsort((np.hypot(centres[:, 0] - self.rect.center().x(), centres[:, 1] - self.rect.center().y()),
                            -scene.street_widths[anchors.feature]))  # wide streets first, spots near the middle first
        placed_labels = [labels.label(scene.street_names[i]) for i in anchors.feature.tolist()]
        w = np.array([label.width + 2 for label in placed_labels])
        h = np.array([label.height for label in placed_labels])
        angle = -anchors.angle  # screen y points down
        # upright
        angle = np.where(angle > np.pi / 2, angle - np.pi, np.where(angle < -np.pi / 2, angle + np.pi, angle))
        c, s = np.abs(np.cos(angle)), np.abs(np.sin(angle))
        half_w, half_h = (c * w + s * h) / 2, (s * w + c * h) / 2
        boxes = list(zip((centres[:, 0] - half_w).tolist(), (centres[:, 1] - half_h).tolist(),
                         (centres[:, 0] + half_w).tolist(), (centres[:, 1] + half_h).tolist()))
        fits = (anchors.part_length / view.resolution >= w + 40) & self.places.free(boxes, True)
        placed: dict[int, list[tuple[float, float]]] = {}
        for k in order[fits[order]].tolist():
            i = int(anchors.feature[k])
            cx, cy = centres[k]
            if not scene.street_names[i] or any(math.hypot(cx - x, cy - y) < styles.STREET_LABEL_SPACING * 0.6
                                                for x, y in placed.get(i, ())):
                continue
            if self.put([boxes[k]], _turned_painter(labels, placed_labels[k], float(angle[k])), on_footprints=False):
                placed.setdefault(i, []).append((cx, cy))


def _box_size(label: Label, halo: str | None) -> tuple[float, float]:
    pad_x, pad_y = HALO_PAD if halo else (1.0, 0.0)
    return label.width + 2 * pad_x, label.height + 2 * pad_y


def _text_painter(labels, label: Label, ink: str, halo: str | None,
                  anchor: Box | None = None) -> Callable[[QPainter, Box], None]:
    """Draws ``label`` centred in its box, on a halo box if ``halo``, with a leader
    line from ``anchor`` if given."""
    def paint(painter: QPainter, box: Box) -> None:
        x0, y0, x1, y1 = _backdrop(painter, box, ink, halo, anchor)
        painter.setFont(labels.qfont)
        painter.setPen(color(ink))
        painter.drawStaticText(QPointF((x0 + x1 - label.width) / 2, (y0 + y1 - label.height) / 2), label.text)
    return paint


def _backdrop(painter: QPainter, box: Box, ink: str, halo: str | None, anchor: Box | None) -> Box:
    """Under a label: the leader line from ``anchor`` in ``ink`` and the ``halo`` box, each if given."""
    x0, y0, x1, y1 = box
    if anchor is not None:
        ax, ay, bx, by = leader(anchor, box)
        painter.setPen(QPen(color(ink), 0.7))
        painter.drawLine(QPointF(ax, ay), QPointF(bx, by))
    if halo:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color(halo, 225))
        painter.drawRoundedRect(QRectF(x0, y0, x1 - x0, y1 - y0), 3, 3)
    return box


def _within(box: Box, outer: Box) -> bool:
    return outer[0] <= box[0] and outer[1] <= box[1] and box[2] <= outer[2] and box[3] <= outer[3]


def _lines_painter(labels, placed: list[Label], line: float, ink: str,
                   anchor: Box | None) -> Callable[[QPainter, Box], None]:
    """Lines of text centred one under another on a white box, with a leader line from ``anchor`` if given."""
    def paint(painter: QPainter, box: Box) -> None:
        x0, y0, x1, _y1 = _backdrop(painter, box, ink, HALO, anchor)
        painter.setFont(labels.qfont)
        painter.setPen(color(ink))
        for k, label in enumerate(placed):
            painter.drawStaticText(QPointF((x0 + x1 - label.width) / 2, y0 + k * line + (line - label.height) / 2),
                                   label.text)
    return paint


def _turned_painter(labels, label: Label, angle: float) -> Callable[[QPainter, Box], None]:
    def paint(painter: QPainter, box: Box) -> None:
        painter.save()
        painter.translate((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        painter.rotate(math.degrees(angle))
        painter.setFont(labels.qfont)
        painter.setPen(color(styles.STREET_LABEL))
        painter.drawStaticText(QPointF(-label.width / 2, -label.height / 2), label.text)
        painter.restore()
    return paint
