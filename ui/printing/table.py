"""Tables on paper that continue cleanly: rows flow from box to box (columns of
a sheet, then further sheets); each box repeats the title (with 续) and the
header, and a group cut by a box's end is named again at the top of the next."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen

from layers.render.qt import color, font

ROW_HEIGHT = 22.0  # wall charts are read from a step away: 10-point rows
TITLE_HEIGHT = 28.0
TEXT_SIZE = 10.0
SMALLEST_TEXT = 7.5  # a long name or role shrinks to this before it is cut
PAD = 4.0
CONTINUED = "（续）"


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    group: bool = False  # a heading row across every column (a grid's name)


@dataclass(frozen=True)
class Table:
    title: str
    headers: tuple[str, ...]
    weights: tuple[float, ...]  # relative column widths
    rows: tuple[Row, ...]
    key: tuple[bool, ...] = field(default=())  # columns never elided (phones): the others give way

    def height(self) -> float:
        return TITLE_HEIGHT + ROW_HEIGHT * (1 + len(self.rows))


@dataclass(frozen=True)
class Placed:
    """Part of a table placed in a box: its rows ``start:stop``."""

    table: Table
    start: int
    stop: int
    rect: QRectF


def rows_fitting(height: float) -> int:
    """How many body rows fit ``height`` under a title and a header."""
    return max(0, int((height - TITLE_HEIGHT - ROW_HEIGHT + 0.01) // ROW_HEIGHT))


def flow(tables: list[Table], boxes: list[QRectF], gap: float = 10.0) -> tuple[list[Placed], list[Table]]:
    """Place ``tables`` in order into ``boxes`` (top to bottom in each box).

    Returns what was placed and what is left: the unplaced tables, the first
    one possibly the rest of a cut one (its group heading repeated). A box
    gets a table's part only if at least two rows fit, so no header stands
    alone. A table without rows is left out.
    """
    placed: list[Placed] = []
    pending = [(table, 0) for table in tables if table.rows]  # (table, first row not yet placed)
    for box in boxes:
        y = box.top()
        while pending:
            table, start = pending[0]
            room = rows_fitting(box.bottom() - y)
            left = len(table.rows) - start
            if room < min(2, max(left, 1)):
                break
            take = min(room, left)
            if take < left and table.rows[start + take - 1].group:
                take -= 1  # never end a box on a group heading
            if take == 0:
                break
            rect = QRectF(box.left(), y, box.width(), TITLE_HEIGHT + ROW_HEIGHT * (1 + take))
            placed.append(Placed(table, start, start + take, rect))
            y = rect.bottom() + gap
            if start + take < len(table.rows):
                pending[0] = (_remainder(table, start + take), 0)
                break  # the rest goes to the next box, as a table of its own
            pending.pop(0)
    return placed, [table for table, _ in pending]


def _continued(text: str) -> str:
    return text.removesuffix(CONTINUED) + CONTINUED


def _remainder(table: Table, start: int) -> Table:
    """Rows ``start:`` of ``table`` as a table titled 续, headed by the group
    they belong to (named 续) unless they start a group of their own."""
    rows = table.rows[start:]
    group = next((r for r in reversed(table.rows[:start]) if r.group), None)
    if group is not None and not rows[0].group:
        rows = (Row((_continued(group.cells[0]),) + group.cells[1:], True),) + rows
    return Table(_continued(table.title), table.headers, table.weights, rows, table.key)


def draw_placed(painter: QPainter, part: Placed) -> None:
    table, rect = part.table, part.rect
    painter.save()
    painter.setPen(color("#1c1c1c"))
    painter.setFont(font(12.0, bold=True))
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), TITLE_HEIGHT - 4),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, table.title)
    widths = _widths(table, rect.width())
    y = rect.top() + TITLE_HEIGHT
    _row(painter, rect.left(), y, widths, table.headers, header=True, key=table.key)
    for i, row in enumerate(table.rows[part.start:part.stop]):
        y += ROW_HEIGHT
        if row.group:
            painter.fillRect(QRectF(rect.left(), y, rect.width(), ROW_HEIGHT), color("#f0e6d8"))
            painter.setPen(color("#5b3a1a"))
            painter.setFont(font(TEXT_SIZE, bold=True))
            text = "　".join(c for c in row.cells if c)
            painter.drawText(QRectF(rect.left() + PAD, y, rect.width() - 2 * PAD, ROW_HEIGHT),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             QFontMetricsF(painter.font()).elidedText(text, Qt.TextElideMode.ElideRight,
                                                                      rect.width() - 2 * PAD))
        else:
            if i % 2:
                painter.fillRect(QRectF(rect.left(), y, rect.width(), ROW_HEIGHT), color("#f6f6f4"))
            _row(painter, rect.left(), y, widths, row.cells, key=table.key)
    painter.setPen(QPen(color("#8a8a8a"), 0.8))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(rect.left(), rect.top() + TITLE_HEIGHT, rect.width(), rect.height() - TITLE_HEIGHT))
    painter.restore()


def _widths(table: Table, width: float) -> list[float]:
    total = sum(table.weights)
    return [width * w / total for w in table.weights]


def _row(painter: QPainter, x: float, y: float, widths: list[float], cells: tuple[str, ...],
         header: bool = False, key: tuple[bool, ...] = ()) -> None:
    if header:
        painter.fillRect(QRectF(x, y, sum(widths), ROW_HEIGHT), color("#e4e4e0"))
    painter.setPen(color("#1c1c1c"))
    f = font(TEXT_SIZE, bold=header)
    metrics = QFontMetricsF(f)
    for i, (w, text) in enumerate(zip(widths, cells)):
        cell = QRectF(x + PAD, y, w - 2 * PAD, ROW_HEIGHT)
        wide = metrics.horizontalAdvance(text)
        painter.setFont(f)
        if wide > cell.width():  # shrunk a little first; a phone number is shrunk further, never cut
            smallest = 5.5 if i < len(key) and key[i] else SMALLEST_TEXT
            size = max(smallest, TEXT_SIZE * cell.width() / wide)
            painter.setFont(font(size, header))
            if size == smallest and QFontMetricsF(painter.font()).horizontalAdvance(text) > cell.width():
                text = QFontMetricsF(painter.font()).elidedText(text, Qt.TextElideMode.ElideRight, cell.width())
        painter.drawText(cell, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        x += w
