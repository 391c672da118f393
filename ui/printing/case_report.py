"""The monthly case report (有呼必应月报) of a grid or a community, on A4: the
cases reported in the month, counted by category and by status, how many
closed within their deadline, the median time to close, the overdue share, a
bar chart by category, and the overdue cases by number (no reporter, no
description). Internal (内部资料): case numbers are not for a wall."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from gridmap.cases.settings import CaseSettings
from gridmap.cases.stats import case_frame
from gridmap.charts.paper import Paper
from gridmap.charts.privacy import INTERNAL, Privacy
from gridmap.model.entities import CASE_STATUSES, CHINA_TIME
from gridmap.zone_tree import ZoneTree
from layers.render.qt import color, font
from ui.printing.case_slip import zone_path
from ui.printing.charts import Sheet
from ui.printing.output import write_pdf
from ui.printing.sheet import ACCENT, INK, MUTED, SheetText, body_rect
from ui.printing.table import Row, Table, draw_placed, flow

if TYPE_CHECKING:
    from gridmap.project import Project

REPORT_PAPER = Paper("A4", landscape=False)
FIGURES_H = 96.0
CHART_H = 300.0
BAR = "#3d6fa8"


def month_cases(project: Project, zone_id: int, month: str, now: dt.datetime) -> pd.DataFrame:
    """``case_frame`` rows of the cases reported in ``month`` ("2026-03", China
    time) in zone ``zone_id`` or a zone below it, with number and grid name added."""
    zones = project.tables["zones"]
    if zone_id not in zones:
        raise KeyError(zone_id)
    inside = set(ZoneTree(zones).walk(zone_id))
    frame = case_frame(project, now)
    cases = project.tables["cases"]
    zone_of = pd.Series([cases[i].zone_id for i in frame["id"]], index=frame.index, dtype="Int64")
    mine = frame[(frame["month"] == month) & zone_of.isin(inside).fillna(False).astype(bool)].copy()
    mine["number"] = [cases[i].number for i in mine["id"]]
    mine["grid"] = [zones[g].name if pd.notna(g) and g in zones else "—" for g in mine["grid_id"]]
    return mine


def report_figures(frame: pd.DataFrame) -> dict[str, float | int | None]:
    """The headline figures of a month's cases."""
    closed = frame[frame["is_closed"]]
    on_time = int((~closed["overdue"]).sum())
    return {
        "reported": len(frame), "closed": len(closed), "open": int(frame["is_open"].sum()),
        "closed_on_time": on_time, "on_time_share": on_time / len(closed) if len(closed) else None,
        "median_hours": float(closed["hours"].median()) if len(closed) else None,
        "overdue": int(frame["overdue"].sum()),
        "overdue_share": float(frame["overdue"].mean()) if len(frame) else None,
    }


def monthly_report_sheets(project: Project, zone_id: int, month: str, now: dt.datetime | None = None) -> list[Sheet]:
    """The report of zone ``zone_id`` (a grid or a community) for ``month``, its
    overdue counted at ``now`` (the project's clock by default)."""
    now = now or project.clock()
    frame = month_cases(project, zone_id, month, now)
    figures = report_figures(frame)
    order = CaseSettings.from_meta(project.meta).category_names
    order += sorted(set(frame["category"]) - set(order))
    by_category = Table("按类别", ("类别", "上报", "办结", "按时办结", "未办结", "超期", "办结时长中位数"),
                        (1.6, 1, 1, 1.2, 1.1, 1, 1.8), tuple(
                            Row(_category_row(name, frame[frame["category"] == name])) for name in order))
    by_status = Table("按状态", ("状态", "件数"), (1.6, 1), tuple(
        Row((status, str(int((frame["status"] == status).sum())))) for status in CASE_STATUSES))
    late = frame[frame["overdue"]].copy()
    until = late["closed_at"].where(late["is_closed"], pd.Timestamp(now))
    late["days"] = (until - late["deadline"]).dt.total_seconds() / 86400
    late = late.sort_values(["days", "number"], ascending=[False, True])
    overdue = Table("超期案件", ("案件编号", "类别", "网格", "状态", "超期"), (1.6, 1.2, 2.2, 1.1, 1.1), tuple(
        Row((r.number, r.category, r.grid, r.status, _hours(r.days * 24))) for r in late.itertuples()))
    zone_name = zone_path(project, zone_id)
    year, number = month.split("-")
    text = SheetText(f"{zone_name} 有呼必应月报（{year}年{int(number)}月）",
                     f"上报 {figures['reported']} 件　·　统计截至 {now.astimezone(CHINA_TIME):%Y-%m-%d %H:%M}",
                     f"打印于 {project.clock().astimezone(CHINA_TIME):%Y-%m-%d}", Privacy(INTERNAL))
    counts = [(name, int((frame["category"] == name).sum())) for name in order]
    body = _body()
    left = QRectF(body.left(), body.top() + FIGURES_H + CHART_H + 20, body.width() * 0.58 - 8, 0)
    right = QRectF(left.right() + 16, left.top(), body.right() - left.right() - 16, 0)
    rest_top = left.top() + max(by_category.height(), by_status.height()) + 14
    first_overdue = QRectF(body.left(), rest_top, body.width(), body.bottom() - rest_top)
    placed, rest = flow([overdue], [first_overdue])

    def first(painter: QPainter, rect: QRectF) -> None:
        _figures(painter, QRectF(rect.left(), rect.top(), rect.width(), FIGURES_H), figures)
        _bars(painter, QRectF(rect.left(), rect.top() + FIGURES_H + 10, rect.width(), CHART_H), counts)
        for part in flow([by_category], [QRectF(left.left(), left.top(), left.width(), by_category.height())])[0]:
            draw_placed(painter, part)
        for part in flow([by_status], [QRectF(right.left(), right.top(), right.width(), by_status.height())])[0]:
            draw_placed(painter, part)
        for part in placed:
            draw_placed(painter, part)
        if late.empty:
            painter.setPen(color(MUTED))
            painter.setFont(font(12.0))
            painter.drawText(first_overdue.adjusted(0, 0, 0, -first_overdue.height() + 30),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "本月无超期案件。")

    sheets = [Sheet(text, first)]
    while rest:
        more, rest = flow(rest, [body])
        if not more:
            break
        sheets.append(Sheet(SheetText(text.title, text.subtitle + "　·　续页", text.date, text.privacy),
                            _continuation(more)))
    return sheets


def _category_row(name: str, rows: pd.DataFrame) -> tuple[str, ...]:
    closed = rows[rows["is_closed"]]
    median = closed["hours"].median() if len(closed) else None
    return (name, str(len(rows)), str(len(closed)), str(int((~closed["overdue"]).sum())),
            str(int(rows["is_open"].sum())), str(int(rows["overdue"].sum())), _hours(median))


def _hours(hours: float | None) -> str:
    if hours is None or pd.isna(hours):
        return "—"
    return f"{hours:.1f} 小时" if hours < 48 else f"{hours / 24:.1f} 天"


def _share(share: float | None) -> str:
    return "—" if share is None else f"{share:.1%}"


def _body() -> QRectF:
    w, h = REPORT_PAPER.layout_units
    return body_rect(QRectF(0, 0, w, h))


def _continuation(placed):
    def paint(painter: QPainter, body: QRectF) -> None:
        for part in placed:
            draw_placed(painter, part)
    return paint


def _figures(painter: QPainter, rect: QRectF, figures: dict) -> None:
    """The headline figures in a row of boxes."""
    items = [("上报", f"{figures['reported']} 件"), ("办结", f"{figures['closed']} 件"),
             ("按时办结", f"{figures['closed_on_time']} 件（{_share(figures['on_time_share'])}）"),
             ("办结时长中位数", _hours(figures["median_hours"])), ("超期率", _share(figures["overdue_share"])),
             ("未办结", f"{figures['open']} 件")]
    painter.save()
    width = rect.width() / len(items)
    for index, (label, value) in enumerate(items):
        cell = QRectF(rect.left() + index * width, rect.top(), width - 8, rect.height() - 8)
        painter.setPen(QPen(color("#b0b0b0"), 0.8))
        painter.setBrush(color("#f6f6f4"))
        painter.drawRect(cell)
        painter.setPen(color(MUTED))
        painter.setFont(font(11.0))
        painter.drawText(cell.adjusted(8, 6, -8, -cell.height() / 2), Qt.AlignmentFlag.AlignLeft, label)
        painter.setPen(color(ACCENT if label == "超期率" else INK))
        painter.setFont(font(15.0 if len(value) < 9 else 12.0, bold=True))
        painter.drawText(cell.adjusted(8, cell.height() / 2 - 6, -8, -4),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, value)
    painter.restore()


def _bars(painter: QPainter, rect: QRectF, counts: list[tuple[str, int]]) -> None:
    """Cases by category as horizontal bars, each with its count."""
    painter.save()
    painter.setPen(color(INK))
    painter.setFont(font(12.0, bold=True))
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), 26),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "各类别上报件数")
    top, label_w = rect.top() + 34, 110.0
    step = (rect.height() - 40) / max(len(counts), 1)
    most = max((n for _, n in counts), default=0) or 1
    room = rect.width() - label_w - 80
    painter.setFont(font(11.0))
    for index, (name, count) in enumerate(counts):
        y = top + index * step
        painter.setPen(color(INK))
        painter.drawText(QRectF(rect.left(), y, label_w - 8, step * 0.8),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)
        bar = QRectF(rect.left() + label_w, y + step * 0.1, room * count / most, step * 0.6)
        painter.fillRect(bar, color(BAR))
        painter.drawText(QRectF(bar.right() + 6, y, 70, step * 0.8),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, str(count))
    painter.setPen(QPen(color("#8a8a8a"), 1.0))
    painter.drawLine(rect.left() + label_w, top - 4, rect.left() + label_w, top + len(counts) * step)
    painter.restore()


def write_monthly_report(project: Project, zone_id: int, month: str, path: str | Path,
                         now: dt.datetime | None = None, paper: Paper = REPORT_PAPER) -> int:
    """The report as a PDF at ``path`` (written whole or not at all: raises
    gridmap.outputs.OutputError); returns the page count."""
    sheets = monthly_report_sheets(project, zone_id, month, now)
    return write_pdf(Path(path), [sheets], paper, sheets[0].text.title, "gridmap")
