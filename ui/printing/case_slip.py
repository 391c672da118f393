"""The dispatch slip (派单) of one case, on A4: what, where, by when, to whom, the
timeline so far, and boxes for the handler's account (处置情况) and the check
(核查意见) with signature lines. An internal sheet (内部资料): it names the
reporter, whose phone is masked all the same (the handler calls through the
community, not from a slip left on a desk)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen

from gridmap.charts.paper import Paper
from gridmap.charts.privacy import INTERNAL, Privacy
from gridmap.model.entities import CHINA_TIME, Case
from gridmap.workbooks.values import masked_phone
from gridmap.zone_tree import ZoneTree
from layers.render.qt import color, font
from ui.printing.charts import Sheet
from ui.printing.output import write_pdf
from ui.printing.sheet import INK, MUTED, SheetText, body_rect
from ui.printing.table import Row, Table, draw_placed, flow

if TYPE_CHECKING:
    from gridmap.project import Project

SLIP_PAPER = Paper("A4", landscape=False)
TEXT = 14.0  # layout points on the A3 layout: ≈10 pt on A4
LINE = 34.0
FIELD_LINES = 6  # twelve fields, two to a line
DESCRIPTION_H = 150.0
BOX_H, BOX_GAP = 200.0, 20.0
SIGN = "签字：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日"


def when(moment: dt.datetime | None) -> str:
    """A moment as read in China: "2026-03-05 14:20"."""
    return moment.astimezone(CHINA_TIME).strftime("%Y-%m-%d %H:%M") if moment else "—"


def zone_path(project: Project, zone_id: int | None) -> str:
    """"新华街社区 第3网格": the zone and the zones above it, below the office."""
    if zone_id is None or zone_id not in project.tables["zones"]:
        return "（不在任何网格内）"
    zones = project.tables["zones"]
    names = [zones[z].name for z in reversed(ZoneTree(zones).ancestors(zone_id))]
    return " ".join(names[1:] or names)


def staff_line(project: Project, staff_id: int | None) -> str:
    person = project.tables["staff"].get(staff_id) if staff_id is not None else None
    if person is None:
        return "（待指派）"
    return f"{person.name}　{person.phone}" if person.phone else person.name


def case_slip_sheets(project: Project, case_id: int) -> list[Sheet]:
    """The slip of case ``case_id`` (a KeyError if there is none): one sheet, more
    if its timeline is long."""
    case: Case = project.tables["cases"][case_id]
    events = sorted((e for e in project.tables["case_events"].values() if e.case_id == case_id),
                    key=lambda e: (e.at, e.id))
    fields = [
        ("案件编号", case.number), ("类别", case.category),
        ("紧急程度", case.urgency), ("来源", case.source),
        ("上报时间", when(case.reported_at)), ("办理时限", when(case.deadline)),
        ("当前状态", case.status + (f"（已督办 {case.escalation} 级）" if case.escalation else "")),
        ("办结时间", when(case.closed_at)),
        ("所属网格", zone_path(project, case.zone_id)), ("承办人", staff_line(project, case.assignee_id)),
        ("地点", case.address or _place(project, case)),
        ("反映人", "　".join(x for x in (case.reporter or "（未留姓名）",
                                        masked_phone(case.reporter_phone) if case.reporter_phone else "") if x)),
    ]
    timeline = Table("办理经过", ("时间", "环节", "办理人", "状态", "说明"), (2.2, 1.3, 1.5, 1.2, 4.8),
                     tuple(Row((when(e.at), e.action, e.who, e.status, e.note)) for e in events))
    text = SheetText(f"{case.number} 派单", f"有呼必应 · {case.category} · {zone_path(project, case.zone_id)}",
                     f"打印于 {when(project.clock())}", Privacy(INTERNAL))
    room = _timeline_room()

    def first(painter: QPainter, body: QRectF) -> None:
        y = _fields(painter, body, fields)
        _box(painter, QRectF(body.left(), y + 10, body.width(), DESCRIPTION_H), "问题描述", case.description,
             sign=False)
        for part in flow([timeline], [room])[0]:
            draw_placed(painter, part)
        y = body.bottom() - 2 * BOX_H - BOX_GAP
        _box(painter, QRectF(body.left(), y, body.width(), BOX_H), "处置情况", "", sign=True)
        _box(painter, QRectF(body.left(), y + BOX_H + BOX_GAP, body.width(), BOX_H), "核查意见", "", sign=True)

    sheets = [Sheet(text, first)]
    rest = flow([timeline], [room])[1]  # a long timeline goes on to further sheets
    while rest:
        placed, rest = flow(rest, [_body()])
        if not placed:
            break
        sheets.append(Sheet(SheetText(text.title, text.subtitle + "　·　续页", text.date, text.privacy),
                            _continuation(placed)))
    return sheets


def _body() -> QRectF:
    w, h = SLIP_PAPER.layout_units
    return body_rect(QRectF(0, 0, w, h))


def _timeline_room() -> QRectF:
    """Between the description and the two boxes: known before painting, for pagination."""
    body = _body()
    top = body.top() + FIELD_LINES * LINE + 10 + DESCRIPTION_H + 14
    return QRectF(body.left(), top, body.width(), body.bottom() - 2 * BOX_H - BOX_GAP - 14 - top)


def _continuation(placed):
    def paint(painter: QPainter, body: QRectF) -> None:
        for part in placed:
            draw_placed(painter, part)
    return paint


def _place(project: Project, case: Case) -> str:
    building = project.tables["buildings"].get(case.building_id) if case.building_id else None
    return building.number if building else f"{case.geometry.x:.1f}, {case.geometry.y:.1f}"


def _fields(painter: QPainter, body: QRectF, fields: list[tuple[str, str]]) -> float:
    """Label–value pairs two to a line; returns the y below them."""
    painter.save()
    half = body.width() / 2
    label_w = 110.0
    y = body.top()
    for index, (label, value) in enumerate(fields):
        x = body.left() + (index % 2) * half
        row = QRectF(x, y, half, LINE)
        painter.setPen(QPen(color("#b0b0b0"), 0.8))
        painter.drawLine(row.bottomLeft(), row.bottomRight())
        painter.setPen(color(MUTED))
        painter.setFont(font(TEXT - 1))
        painter.drawText(QRectF(x + 4, y, label_w, LINE), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         label)
        painter.setPen(color(INK))
        f = font(TEXT, bold=label == "案件编号")
        room = half - label_w - 12
        size = TEXT
        while size > 8 and QFontMetricsF(f).horizontalAdvance(value) > room:
            size -= 0.5
            f = font(size, bold=label == "案件编号")
        painter.setFont(f)
        painter.drawText(QRectF(x + label_w, y, room, LINE), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetricsF(f).elidedText(value, Qt.TextElideMode.ElideRight, room))
        if index % 2:
            y += LINE
    painter.restore()
    return y + (LINE if len(fields) % 2 else 0)


def _box(painter: QPainter, rect: QRectF, title: str, text: str, sign: bool) -> float:
    """A framed box titled ``title`` holding ``text`` (wrapped), a signature line at its foot."""
    painter.save()
    painter.setPen(QPen(color("#8a8a8a"), 1.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)
    painter.fillRect(QRectF(rect.left(), rect.top(), rect.width(), 28), color("#e4e4e0"))
    painter.setPen(color(INK))
    painter.setFont(font(TEXT, bold=True))
    painter.drawText(QRectF(rect.left() + 8, rect.top(), rect.width() - 16, 28),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    painter.setFont(font(TEXT))
    if text:
        painter.drawText(rect.adjusted(10, 34, -10, -8), Qt.TextFlag.TextWordWrap, text)
    if sign:
        painter.setPen(color(MUTED))
        painter.drawText(QRectF(rect.left() + 10, rect.bottom() - 36, rect.width() - 20, 30),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, SIGN)
    painter.restore()
    return rect.bottom()


def write_case_slip(project: Project, case_id: int, path: str | Path, paper: Paper = SLIP_PAPER) -> int:
    """The slip of ``case_id`` as a PDF at ``path`` (written whole or not at all:
    raises gridmap.outputs.OutputError); returns the page count."""
    case = project.tables["cases"][case_id]
    return write_pdf(Path(path), [case_slip_sheets(project, case_id)], paper, f"{case.number} 派单", "gridmap")
