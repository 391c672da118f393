"""A building as a public wall sheet shows it, in place of its nine-colour plan:
its number and grid, floors, units and households counted, one plain block per
unit (its households and its 单元长), and the people responsible for it. Nothing
room by room: which flat is empty or away is not for a wall (see
gridmap.charts.privacy.Privacy.shows_rooms)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from gridmap.charts.content import BuildingCard, GridCard, Person
from layers.render.qt import color
from ui.printing.sheet import INK, MUTED, fitted_font

UNIT_FILL = "#eee8da"  # one neutral fill for every unit: no colour means anything about a flat
UNIT_EDGE = "#8a7f6a"
LINE = 19.0  # a line of people


def draw_building_card(painter: QPainter, cell: QRectF, card: BuildingCard, grid: GridCard | None) -> None:
    painter.save()
    painter.setPen(color(INK))
    painter.setFont(fitted_font(card.number, 12.5, cell.width() * 0.6, bold=True))
    painter.drawText(QRectF(cell.left(), cell.top(), cell.width(), 22), Qt.AlignmentFlag.AlignLeft, card.number)
    facts = f"{card.floors}层 · {card.units}单元 · {card.households}户" if card.units else f"{card.floors}层"
    if card.grid:
        facts += f" · {card.grid}"
    painter.setFont(fitted_font(facts, 9.5, cell.width()))
    painter.setPen(color(MUTED))
    painter.drawText(QRectF(cell.left(), cell.top() + 24, cell.width(), 16), Qt.AlignmentFlag.AlignLeft, facts)
    blocks = QRectF(cell.left(), cell.top() + 46, cell.width(), min(cell.height() * 0.3, 84.0))
    _draw_units(painter, blocks, card)
    people = [p for p in card.heads if "单元 " not in p.role] + list(grid.posts if grid else ())
    _draw_people(painter, QRectF(cell.left(), blocks.bottom() + 10, cell.width(),
                                 cell.bottom() - blocks.bottom() - 10), people)
    painter.restore()


def _draw_units(painter: QPainter, area: QRectF, card: BuildingCard) -> None:
    """One block per unit, side by side like the building's stairs, with its
    households counted and its 单元长 named."""
    units = card.unit_households or ((0, card.households),)
    width = min(area.width() / len(units), 150.0)
    unit_heads: dict[int, list[str]] = {}
    for person in card.heads:
        number, _, role = person.role.partition("单元 ")
        if role and number.isdecimal():
            unit_heads.setdefault(int(number), []).append(person.name)
    for k, (unit, households) in enumerate(units):
        box = QRectF(area.left() + k * width, area.top(), width - 6, area.height())
        painter.setPen(QPen(color(UNIT_EDGE), 1.0))
        painter.setBrush(color(UNIT_FILL))
        painter.drawRect(box)
        lines = [(f"{unit}单元" if unit else "全楼", 10.0, True), (f"{households}户", 10.0, False)]
        lines += [(f"单元长 {name}", 8.0, False) for name in unit_heads.get(unit, [])[:2]]
        y = box.top() + 6
        for text, size, bold in lines:
            if y + size * 1.6 > box.bottom():
                break
            painter.setFont(fitted_font(text, size, box.width() - 6, bold=bold))
            painter.setPen(color(INK))
            painter.drawText(QRectF(box.left() + 3, y, box.width() - 6, size * 1.6), Qt.AlignmentFlag.AlignHCenter,
                             text)
            y += size * 1.6 + 2


def _draw_people(painter: QPainter, area: QRectF, people: list[Person]) -> None:
    """楼栋长 and the grid's people, one a line, as many as fit (then "…")."""
    painter.setPen(color(INK))
    room = max(int(area.height() // LINE), 0)
    shown = people if len(people) <= room else people[:max(room - 1, 0)]
    lines = [f"{p.role} {p.name} {p.phone}".strip() for p in shown]
    if len(shown) < len(people) and room:
        lines.append(f"…（另 {len(people) - len(shown)} 人）")
    if not people and room:
        lines = ["楼栋长（未指派）"]
    for k, text in enumerate(lines):
        painter.setFont(fitted_font(text, 10.0, area.width()))
        painter.drawText(QRectF(area.left(), area.top() + k * LINE, area.width(), LINE),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
