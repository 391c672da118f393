"""The frame every printed sheet shares: title block, footer with the date of
the data and the page number, the privacy line, and the 内部资料 stamp on
internal sheets. Drawn in layout units (1/96 inch on an A3 page; see
gridmap.charts.paper)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen

from gridmap.charts.privacy import INTERNAL_NOTICE, INTERNAL_STAMP, PUBLIC_NOTE, Privacy
from layers.render.qt import color, font

MARGIN = 34.0  # ~9 mm on A3: inside every printer's unprintable edge
TITLE_HEIGHT = 74.0
FOOTER_HEIGHT = 24.0
GAP = 14.0
INK = "#1c1c1c"
MUTED = "#5a5a5a"
ACCENT = "#a61b1b"  # titles' rule and the internal stamp


@dataclass(frozen=True)
class SheetText:
    title: str  # 新华里小区 网格分工布局图
    subtitle: str  # 示例街道 新华街社区 · 社区服务电话 …
    date: str  # 数据截至 2026-11-01
    privacy: Privacy


def fitted_font(text: str, size: float, width: float, bold: bool = False, smallest: float = 6.0):
    """The font of ``size`` points, made smaller (to ``smallest``) until ``text`` fits ``width``."""
    f = font(size, bold)
    while size > smallest and QFontMetricsF(f).horizontalAdvance(text) > width:
        size -= 0.5
        f = font(size, bold)
    return f


def draw_sheet_frame(painter: QPainter, page: QRectF, text: SheetText, number: int, count: int) -> QRectF:
    """The frame on ``page``; returns the body rectangle left for the chart."""
    inner = page.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
    painter.save()
    stamp_width = 150.0 if text.privacy.internal else 0.0
    title_box = QRectF(inner.left(), inner.top(), inner.width() - stamp_width, 44)
    painter.setPen(color(INK))
    painter.setFont(fitted_font(text.title, 22.0, title_box.width(), bold=True))
    painter.drawText(title_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text.title)
    painter.setFont(fitted_font(text.subtitle, 10.5, title_box.width()))
    painter.setPen(color(MUTED))
    painter.drawText(QRectF(inner.left(), inner.top() + 44, title_box.width(), 22),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text.subtitle)
    painter.setPen(QPen(color(ACCENT), 2.0))
    rule_y = inner.top() + TITLE_HEIGHT - 4
    painter.drawLine(inner.left(), rule_y, inner.right(), rule_y)
    if text.privacy.internal:
        _stamp(painter, QRectF(inner.right() - stamp_width + 10, inner.top() + 2, stamp_width - 10, 56))

    footer = QRectF(inner.left(), inner.bottom() - FOOTER_HEIGHT + 4, inner.width(), FOOTER_HEIGHT - 4)
    painter.setPen(QPen(color("#b0b0b0"), 0.8))
    painter.drawLine(footer.left(), footer.top() - 2, footer.right(), footer.top() - 2)
    privacy_line = INTERNAL_NOTICE if text.privacy.internal else PUBLIC_NOTE
    left = f"{text.date}　·　{privacy_line}　·　gridmap 生成"
    painter.setPen(color(ACCENT if text.privacy.internal else MUTED))
    painter.setFont(fitted_font(left, 8.5, footer.width() - 120))
    painter.drawText(footer, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, left)
    painter.setPen(color(MUTED))
    painter.setFont(font(8.5))
    painter.drawText(footer, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"第 {number} / {count} 页")
    painter.restore()
    return body_rect(page)


def body_rect(page: QRectF) -> QRectF:
    """What the frame leaves for the chart: known before drawing, for pagination."""
    inner = page.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
    return QRectF(inner.left(), inner.top() + TITLE_HEIGHT + 6, inner.width(),
                  inner.height() - TITLE_HEIGHT - 6 - FOOTER_HEIGHT - 6)


def _stamp(painter: QPainter, box: QRectF) -> None:
    """内部资料 in a red double frame, as a seal on the corner of the sheet."""
    painter.setPen(QPen(color(ACCENT), 2.4))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(box)
    painter.setPen(QPen(color(ACCENT), 0.8))
    painter.drawRect(box.adjusted(4, 4, -4, -4))
    painter.setPen(color(ACCENT))
    painter.setFont(font(19.0, bold=True))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, INTERNAL_STAMP)
