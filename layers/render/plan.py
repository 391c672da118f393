"""Draw a building's colour plan (九色动态图) on any QPainter: the screen, an
image, a PDF. One square per room: the fill tells who lives there (black 常住,
purple 租户, grey 空户, orange 在外), small marks along the bottom the tags
(each tag in its own colour), the room number on top; floors on the left, units
over the rooms, a legend with counts below; under it, when the plan was capped
(an absurd floor count or room number in the data), a line that says so."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen, QPolygonF

from gridmap.model.entities import Household, TagDef
from gridmap.plans.layout import PlanLayout
from gridmap.plans.messages import CAPPED
from layers.render.labels import label_font
from layers.render.qt import color

OCCUPANCY_COLORS = {"常住": "#1a1a1a", "租户": "#7b3fa0", "空户": "#b3b3b3", "在外": "#e67e22"}
EMPTY_ROOM = "#ffffff"
LIGHT_FILLS = {"空户", None}  # dark text on these, white on the others
CAPPED_LINE = 16.0  # the line saying a plan was capped


@dataclass(frozen=True)
class PlanGeometry:
    """Where things go, in pixels: the painter's origin is the top-left corner."""

    cell: float = 34.0
    gap: float = 2.0
    left: float = 34.0  # floor labels
    top: float = 22.0  # unit labels
    legend: float = 62.0  # room for three lines of legend under a narrow plan

    legend_width: float = 320.0  # the legend wraps within this, or the plan if wider

    def size(self, layout: PlanLayout) -> tuple[float, float]:
        rows, cols = layout.shape
        return (max(self.left + cols * (self.cell + self.gap) + 8, self.legend_width),
                self.top + rows * (self.cell + self.gap) + self.legend + (CAPPED_LINE if layout.capped else 0))

    def cell_rect(self, row: int, column: int) -> QRectF:
        return QRectF(self.left + column * (self.cell + self.gap), self.top + row * (self.cell + self.gap),
                      self.cell, self.cell)

    def cell_at(self, layout: PlanLayout, x: float, y: float) -> tuple[int, int] | None:
        """The (row, column) under pixel (x, y), or None."""
        step = self.cell + self.gap
        column, row = int((x - self.left) // step), int((y - self.top) // step)
        rows, cols = layout.shape
        if 0 <= row < rows and 0 <= column < cols and self.cell_rect(row, column).contains(QPointF(x, y)):
            return row, column
        return None


def draw_plan(painter: QPainter, layout: PlanLayout, households: dict[int, Household], tag_defs: list[TagDef],
              geometry: PlanGeometry = PlanGeometry(), selected: frozenset[tuple[int, int]] = frozenset(),
              highlighted: frozenset[int] = frozenset(), linked: frozenset[int] = frozenset()) -> None:
    """The plan at the painter's origin; ``selected`` cells get a frame,
    ``highlighted`` households (changed lately, to follow up…) a bright ring,
    ``linked`` ones (党员联户: a party member looks after them) a red corner."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    labels = label_font(8.0)
    small = label_font(7.0)
    painter.setFont(labels.qfont)
    g = geometry
    for unit, first, last in layout.unit_spans():  # units over their rooms
        left = g.cell_rect(0, first).left()
        right = g.cell_rect(0, last).right()
        text = f"{unit}单元" if unit is not None else "其他"
        painter.setPen(color("#333333"))
        painter.drawText(QRectF(left, 2, right - left, g.top - 4), Qt.AlignmentFlag.AlignCenter, text)
    for row, floor in enumerate(layout.floors):
        rect = g.cell_rect(row, 0)
        painter.setPen(color("#333333"))
        painter.drawText(QRectF(0, rect.top(), g.left - 4, g.cell),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         f"{floor}F" if floor > 0 else f"B{-floor}")
    tag_colors = {t.name: t.color for t in tag_defs}
    tag_order = [t.name for t in sorted(tag_defs, key=lambda t: t.position)]
    rows, cols = layout.shape
    for row in range(rows):
        for column in range(cols):
            rect = g.cell_rect(row, column)
            household = households.get(layout.cells.get((row, column)))
            occupancy = household.occupancy if household else None
            painter.setPen(QPen(color("#8c8c8c"), 0))
            painter.setBrush(color(OCCUPANCY_COLORS.get(occupancy, EMPTY_ROOM)))
            painter.drawRect(rect)
            if household is not None:  # tag marks along the bottom, in tag order
                marks = [tag for tag in tag_order if tag in household.tags]
                size = min(7.0, (g.cell - 4) / max(len(marks), 1))
                for k, tag in enumerate(marks):
                    painter.setPen(QPen(color("#ffffff"), 0))
                    painter.setBrush(color(tag_colors[tag]))
                    painter.drawRect(QRectF(rect.left() + 2 + k * size, rect.bottom() - size - 2, size - 1, size - 1))
            painter.setFont(small.qfont)
            painter.setPen(color("#1a1a1a" if occupancy in LIGHT_FILLS else "#ffffff"))
            painter.drawText(QRectF(rect.left(), rect.top() + 2, rect.width(), 12), Qt.AlignmentFlag.AlignCenter,
                             layout.labels.get((row, column), ""))
            painter.setFont(labels.qfont)
            if household is not None and household.id in linked:
                _party_corner(painter, rect)
            if household is not None and household.id in highlighted:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                painter.setPen(QPen(color("#00c0ff"), 3))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect.adjusted(-1, -1, 1, 1))
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            if (row, column) in selected:
                painter.setPen(QPen(color("#ff3b30"), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect.adjusted(1, 1, -1, -1))
    _legend(painter, layout, households, tag_defs, g, linked)
    painter.restore()


PARTY_RED = "#d4161c"


def _party_corner(painter: QPainter, rect: QRectF) -> None:
    """A red triangle in the room's top-right corner: a party member looks after it."""
    size = min(9.0, rect.width() / 3)
    corner = QPolygonF([QPointF(rect.right() - size, rect.top()), rect.topRight(),
                        QPointF(rect.right(), rect.top() + size)])
    painter.setPen(QPen(color("#ffffff"), 0))
    painter.setBrush(color(PARTY_RED))
    painter.drawPolygon(corner)


def legend_counts(layout: PlanLayout, households: dict[int, Household]) -> tuple[Counter, Counter]:
    """Households of the plan by occupancy and by tag."""
    shown = [households[h] for h in layout.cells.values() if h in households]
    return Counter(h.occupancy for h in shown), Counter(tag for h in shown for tag in h.tags)


def _legend(painter: QPainter, layout: PlanLayout, households: dict[int, Household], tag_defs: list[TagDef],
            g: PlanGeometry, linked: frozenset[int] = frozenset()) -> None:
    occupancy, tags = legend_counts(layout, households)
    rows, _ = layout.shape
    y = g.top + rows * (g.cell + g.gap) + 8
    x = 4.0
    entries = [(OCCUPANCY_COLORS[o], f"{o} {occupancy.get(o, 0)}") for o in OCCUPANCY_COLORS]
    entries += [(t.color, f"{t.name} {tags.get(t.name, 0)}") for t in sorted(tag_defs, key=lambda t: t.position)]
    if linked:  # only where the marks are drawn (the window), not on the printed plans
        entries.append((PARTY_RED, f"党员联户 {len(linked & set(layout.cells.values()))}"))
    painter.setFont(label_font(8.0).qfont)
    line_height = 16.0
    width = g.size(layout)[0]
    for swatch, text in entries:
        advance = 14 + 12 * len(text) + 10
        if x + advance > width:
            x, y = 4.0, y + line_height
        painter.setPen(QPen(color("#8c8c8c"), 0))
        painter.setBrush(color(swatch))
        painter.drawRect(QRectF(x, y + 3, 10, 10))
        painter.setPen(color("#1a1a1a"))
        painter.drawText(QPointF(x + 14, y + 12), text)
        x += advance
    if layout.capped:
        painter.setPen(color("#c0392b"))
        painter.drawText(QPointF(4.0, g.size(layout)[1] - 4), capped_note(layout))


def capped_note(layout: PlanLayout) -> str:
    """What a capped plan leaves out, translated."""
    return QCoreApplication.translate("Plan", CAPPED).format(hidden=len(layout.hidden))


SHEET_GAP = 24.0  # between buildings on a compound sheet
SHEET_TITLE = 20.0  # the building's number over its plan


def sheet_positions(layouts: list[PlanLayout], geometry: PlanGeometry = PlanGeometry(),
                    max_width: float = 2400.0) -> tuple[list[tuple[float, float]], tuple[float, float]]:
    """Where each building's plan goes on a compound sheet (left to right, a new
    row when the sheet is ``max_width`` wide), and the sheet's size."""
    positions, x, y, row_height, width = [], 0.0, 0.0, 0.0, 0.0
    for layout in layouts:
        w, h = geometry.size(layout)
        if x > 0 and x + w > max_width:
            x, y, row_height = 0.0, y + row_height + SHEET_GAP, 0.0
        positions.append((x, y))
        x += w + SHEET_GAP
        row_height = max(row_height, h + SHEET_TITLE)
        width = max(width, x - SHEET_GAP)
    return positions, (width, y + row_height)


def draw_sheet(painter: QPainter, titles: list[str], layouts: list[PlanLayout], households: dict[int, Household],
               tag_defs: list[TagDef], geometry: PlanGeometry = PlanGeometry(), max_width: float = 2400.0) -> None:
    """All the buildings of a compound side by side, each under its number, as
    the chart on the compound's wall."""
    positions, _ = sheet_positions(layouts, geometry, max_width)
    heading = label_font(10.0, bold=True)
    for title, layout, (x, y) in zip(titles, layouts, positions):
        painter.save()
        painter.setFont(heading.qfont)
        painter.setPen(color("#1a1a1a"))
        painter.drawText(QRectF(x, y, geometry.size(layout)[0], SHEET_TITLE - 2),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        painter.translate(x, y + SHEET_TITLE)
        draw_plan(painter, layout, households, tag_defs, geometry)
        painter.restore()
