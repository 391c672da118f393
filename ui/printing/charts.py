"""The three charts (三张图) of a compound as sheets: each chart is a map panel
drawn by the layer renderers, a legend strip under it, and tables beside it
that continue on further sheets when they are long.

1 网格分工布局图: grids coloured and labelled, who holds each post, building heads.
2 闭环管理示意图: the wall as the loop, gates open or sealed, checkpoints and who keeps them,
  sampling and supply points, routes.
3 小区楼栋示意图: every building with its number, units, floors and head; optionally
  further sheets, one place per building: its nine-colour plan on an internal
  chart, its card (people and counts, nothing room by room) on a public one.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen
from shapely.geometry.base import BaseGeometry

from gridmap.charts.content import (
    GATE_STATE_NAMES, ROUTE_KIND_NAMES, SITE_KIND_NAMES, ChartSource, CompoundCharts, plan_for_chart,
)
from gridmap.charts.label_places import Box, building_tag_texts
from gridmap.charts.paper import Paper
from gridmap.model.entities import GRID, MICRO_GRID
from layers import styles
from layers.model import LayerSet
from layers.render.map_renderer import render_map
from layers.render.plan import PlanGeometry, draw_plan
from layers.render.qt import color, font
from layers.render.renderers import draw_site_symbol
from layers.scene import MapScene
from layers.view import MapView
from ui.printing.building_card import draw_building_card
from ui.printing.map_names import MapNames, unnamed
from ui.printing.map_panel import draw_map_panel, draw_panel_furniture, in_panel, pixel_path
from ui.printing.sheet import GAP, SheetText, body_rect
from ui.printing.table import Placed, Row, Table, draw_placed, flow

CHART_TITLES = {1: "网格分工布局图", 2: "闭环管理示意图", 3: "小区楼栋示意图"}
BASE_LAYERS = ("compounds", "streets", "buildings")
CHART1_LAYERS = ("grid_fill", "compounds", "streets", "buildings", "zone_boundaries")
LEGEND_HEIGHT = 56.0
HOTLINE_HEIGHT = 40.0
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PLANS_PER_SHEET = 6
PHONE_COLUMN = (False, False, False, True)


@dataclass(frozen=True)
class Sheet:
    """One page: its frame texts and a painter for its body rectangle."""

    text: SheetText
    paint: Callable[[QPainter, QRectF], None]


@dataclass(frozen=True)
class ChartJob:
    """What drawing a compound's charts needs besides its content."""

    source: ChartSource
    scene: MapScene
    paper: Paper
    insets: bool = False  # chart 3 with the nine-colour plans


def chart_sheets(number: int, content: CompoundCharts, job: ChartJob) -> list[Sheet]:
    return {1: _chart1, 2: _chart2, 3: _chart3}[number](content, job)


# -- layout shared by the charts ---------------------------------------------------

@dataclass(frozen=True)
class Areas:
    map: QRectF
    legend: QRectF
    boxes: list[QRectF]  # where tables flow, in order
    page_boxes: list[QRectF]  # the same on a continuation sheet


def _areas(paper: Paper) -> Areas:
    w, h = paper.layout_units
    body = body_rect(QRectF(0, 0, w, h))
    if paper.landscape:
        map_rect = QRectF(body.left(), body.top(), body.width() * 0.6, body.height() - LEGEND_HEIGHT - GAP)
        side = QRectF(map_rect.right() + GAP * 1.5, body.top() + HOTLINE_HEIGHT + GAP,
                      body.right() - map_rect.right() - GAP * 1.5, body.height() - HOTLINE_HEIGHT - GAP)
        boxes = [side]
        columns = 3
    else:
        map_rect = QRectF(body.left(), body.top() + HOTLINE_HEIGHT + GAP, body.width(), body.height() * 0.5)
        below = QRectF(body.left(), map_rect.bottom() + LEGEND_HEIGHT + GAP * 2, body.width(),
                       body.bottom() - map_rect.bottom() - LEGEND_HEIGHT - GAP * 2)
        boxes = _columns(below, 2)
        columns = 2
    legend = QRectF(map_rect.left(), map_rect.bottom() + GAP, map_rect.width(), LEGEND_HEIGHT)
    return Areas(map_rect, legend, boxes, _columns(body, columns))


def _columns(rect: QRectF, n: int) -> list[QRectF]:
    width = (rect.width() - GAP * 2 * (n - 1)) / n
    return [QRectF(rect.left() + i * (width + GAP * 2), rect.top(), width, rect.height()) for i in range(n)]


def _hotline_rect(paper: Paper, areas: Areas) -> QRectF:
    w, h = paper.layout_units
    body = body_rect(QRectF(0, 0, w, h))
    if paper.landscape:
        return QRectF(areas.boxes[0].left(), body.top(), areas.boxes[0].width(), HOTLINE_HEIGHT)
    return QRectF(body.left(), body.top(), body.width(), HOTLINE_HEIGHT)


def _text(content: CompoundCharts, number: int, extra: str = "") -> SheetText:
    hotline = f"社区服务电话 {content.hotline}" if content.hotline else "社区服务电话未登记"
    subtitle = "　·　".join(x for x in (f"{content.office} {content.community}".strip(), hotline, extra) if x)
    return SheetText(f"{content.name} {CHART_TITLES[number]}", subtitle,
                     f"数据截至 {content.data_date.isoformat()}", content.privacy)


def _sheets(content: CompoundCharts, job: ChartJob, number: int, tables: list[Table],
            first: Callable[[QPainter, Areas], None]) -> list[Sheet]:
    """The chart's first sheet (map, legend, hotline, the tables that fit) and
    continuation sheets for the rest of the tables."""
    areas = _areas(job.paper)
    placed, rest = flow(tables, areas.boxes)
    pages: list[list[Placed]] = [placed]
    while rest:
        more, left = flow(rest, areas.page_boxes)
        if not more:  # an empty sheet holds dozens of rows: this is a layout bug, never a silent loss
            raise RuntimeError(f"no room for the table {rest[0].title} on a sheet of its own")
        pages.append(more)
        rest = left
    hotline = _hotline_rect(job.paper, areas)

    def first_sheet(painter: QPainter, body: QRectF) -> None:
        first(painter, areas)
        _draw_hotline(painter, hotline, content)
        for part in placed:
            draw_placed(painter, part)

    def continuation(parts: list[Placed]) -> Callable[[QPainter, QRectF], None]:
        def paint(painter: QPainter, body: QRectF) -> None:
            for part in parts:
                draw_placed(painter, part)
        return paint

    sheets = [Sheet(_text(content, number), first_sheet)]
    sheets += [Sheet(_text(content, number, "续页"), continuation(parts)) for parts in pages[1:]]
    return sheets


def _draw_hotline(painter: QPainter, rect: QRectF, content: CompoundCharts) -> None:
    painter.save()
    painter.setPen(QPen(color("#a61b1b"), 1.4))
    painter.setBrush(color("#fbf1ee"))
    painter.drawRoundedRect(rect, 4, 4)
    painter.setPen(color("#a61b1b"))
    painter.setFont(font(13.0, bold=True))
    text = f"社区服务电话　{content.hotline}" if content.hotline else "社区服务电话（未登记）"
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def _focus(job: ChartJob, content: CompoundCharts) -> BaseGeometry:
    return job.source.tables["compounds"][content.compound_id].geometry


def _team_table(content: CompoundCharts) -> Table:
    rows = tuple(Row((p.role, p.name, p.phone)) for p in content.team)
    return Table(f"{content.community}三人小组", ("职责", "姓名", "联系电话"), (1.2, 1.2, 1.6),
                 rows or (Row(("（未指派）", "", "")),), (False, False, True))


# -- legend --------------------------------------------------------------------------

LegendItem = tuple[str, str, str]  # (symbol kind, colour, label)


def _legend_rows(items: list[LegendItem], width: float, size: float) -> list[list[tuple[LegendItem, float]]]:
    """Items wrapped into rows of ``width``: (item, its width) per row."""
    metrics = QFontMetricsF(font(size))
    rows: list[list[tuple[LegendItem, float]]] = [[]]
    used = 0.0
    for item in items:
        w = 30 + metrics.horizontalAdvance(item[2]) + 14
        if rows[-1] and used + w > width:
            rows.append([])
            used = 0.0
        rows[-1].append((item, w))
        used += w
    return rows


def _draw_legend(painter: QPainter, rect: QRectF, items: list[LegendItem]) -> None:
    """The legend in its strip: smaller type when there are many items (a
    compound of several grids), so none is left out."""
    painter.save()
    painter.setPen(QPen(color("#8a8a8a"), 0.8))
    painter.setBrush(color("#ffffff"))
    painter.drawRect(rect)
    painter.setFont(font(9.5, bold=True))
    painter.setPen(color("#1c1c1c"))
    painter.drawText(QRectF(rect.left() + 8, rect.top(), 40, rect.height()), Qt.AlignmentFlag.AlignVCenter, "图例")
    left, width = rect.left() + 52, rect.width() - 58
    for size in (8.5, 8.0, 7.5, 7.0, 6.5, 6.0):
        line = size * 2.35
        rows = _legend_rows(items, width, size)
        if len(rows) * line <= rect.height() - 8:
            break
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    y = rect.top() + (rect.height() - len(rows) * line) / 2
    for row in rows:
        x = left
        for (kind, hex_code, label), w in row:
            if y + line <= rect.bottom() + 1:  # at 6 points 40 items fit; beyond that the strip is full
                _symbol(painter, kind, hex_code, QPointF(x + 11, y + line / 2))
                painter.setPen(color("#1c1c1c"))
                painter.setFont(font(size))
                painter.drawText(QRectF(x + 26, y, w, line), Qt.AlignmentFlag.AlignVCenter, label)
            x += w
        y += line
    painter.restore()


def _symbol(painter: QPainter, kind: str, hex_code: str, at: QPointF) -> None:
    x, y = at.x(), at.y()
    painter.save()
    if kind == "fill":
        painter.setPen(QPen(color("#5d6d7e"), 0.8))
        painter.setBrush(color(hex_code))
        painter.drawRect(QRectF(x - 10, y - 6, 20, 12))
    elif kind in ("line", "dash", "dashdot", "band"):
        style = {"dash": Qt.PenStyle.DashLine, "dashdot": Qt.PenStyle.DashDotLine}.get(kind, Qt.PenStyle.SolidLine)
        pen = QPen(color(hex_code, 110 if kind == "band" else 255), 6.0 if kind == "band" else 2.0, style)
        painter.setPen(pen)
        painter.drawLine(QPointF(x - 11, y), QPointF(x + 11, y))
    elif kind == "block":
        painter.setPen(QPen(color(styles.BUILDING_OUTLINE), 0.8))
        painter.setBrush(color(styles.BUILDING_FILL))
        painter.drawRect(QRectF(x - 9, y - 6, 18, 12))
    else:
        draw_site_symbol(painter, kind.removesuffix("-closed"), kind == "gate-closed", x, y, 11.0, paper=True)
    painter.restore()


# -- chart 1: grid division of labour -------------------------------------------------

def _chart1(content: CompoundCharts, job: ChartJob) -> list[Sheet]:
    scene = job.scene
    index = scene.features["zones"].index_of
    legend: list[LegendItem] = []
    for grid in content.grids:
        i = index.get(grid.zone_id)
        fill = styles.GRID_FILLS[int(scene.zone_colour[i]) % len(styles.GRID_FILLS)] if i is not None else "#eeeeee"
        legend.append(("fill", fill, grid.name))
    legend += [("line", styles.ROLE_PENS[GRID].color, "网格界线"), ("line", styles.COMPOUND_WALL, "小区围墙"),
               ("block", "", "楼栋（楼号）"), ("line", styles.STREET_CASING, "道路")]

    rows: list[Row] = []
    heads: dict[int | None, list] = {}
    for b in content.buildings:
        heads.setdefault(b.zone_id, []).append(b)
    for grid in content.grids:
        rows.append(Row((grid.name, f"网格编码 {grid.code}", "", ""), group=True))
        rows += ([Row((grid.name, p.role, p.name, p.phone)) for p in grid.posts]
                 or [Row((grid.name, "（未指派）", "", ""))])
        for b in heads.get(grid.zone_id, []):
            rows += [Row((b.number, p.role, p.name, p.phone)) for p in b.heads]
    if not rows:
        rows.append(Row(("（本小区不在任何网格内）", "", "", "")))
    tables = [_team_table(content),
              Table("网格分工", ("网格 / 楼栋", "职责", "姓名", "联系电话"), (1.3, 1.2, 1.0, 1.5), tuple(rows),
                    PHONE_COLUMN)]

    def first(painter: QPainter, areas: Areas) -> None:
        focus = _focus(job, content)
        view = draw_map_panel(painter, areas.map, scene, unnamed(CHART1_LAYERS), focus, job.paper.scale)
        names = MapNames(areas.map, view, scene, job.paper.scale)
        names.zones((GRID, MICRO_GRID))  # on a wall chart the grids' names matter most: the rest give way to them
        own = names.scene_indices(b.building_id for b in content.buildings)
        names.building_numbers(own, leaders=True)
        names.the_rest(own, upper_zones=True)
        names.draw(painter)
        draw_panel_furniture(painter, areas.map, view)
        _draw_legend(painter, areas.legend, legend)
    return _sheets(content, job, 1, tables, first)


# -- chart 2: closed-loop management ---------------------------------------------------

def _chart2(content: CompoundCharts, job: ChartJob) -> list[Sheet]:
    points = job.source.tables["site_points"]
    checkpoints = [s for s in content.sites if s.kind == "checkpoint"]
    mark = {s.point_id: CIRCLED[i] if i < len(CIRCLED) else f"({i + 1})" for i, s in enumerate(checkpoints)}
    gates = [s for s in content.sites if s.kind == "gate"]
    others = [s for s in content.sites if s.kind not in ("gate", "checkpoint")]
    tables = []
    if gates:
        tables.append(Table("出入口", ("出入口", "状态", "", ""), (1.5, 1.0, 0.1, 0.1),
                            tuple(Row((g.name, GATE_STATE_NAMES.get(g.state, "未定"), "", "")) for g in gates)))
    rows: list[Row] = []
    # a 片医 at a sampling point too
    staffed = checkpoints + [s for s in content.sites if s.kind != "checkpoint" and s.staff]
    for c in staffed:
        rows.append(Row((f"{mark.get(c.point_id, '')} {c.name}".strip(), "", "", ""), group=True))
        rows += [Row((c.name, p.role, p.name, p.phone)) for p in c.staff] or [Row((c.name, "（未指派）", "", ""))]
    if rows:
        tables.append(Table("卡点与点位值守", ("点位", "职责", "姓名", "联系电话"), (1.3, 1.0, 1.0, 1.5), tuple(rows),
                            PHONE_COLUMN))
    services = [Row((SITE_KIND_NAMES.get(s.kind, s.kind), s.name, "", "")) for s in others]
    services += [Row((ROUTE_KIND_NAMES.get(r.kind, r.kind), r.name, f"{r.length:,.0f} 米", "")) for r in content.routes]
    if services:
        tables.append(Table("服务点位与路线", ("类别", "名称", "长度", ""), (1.0, 2.0, 0.8, 0.1), tuple(services)))
    tables.append(_team_table(content))
    legend: list[LegendItem] = [
        ("band", "#c0392b", "闭环边界"), ("dash", styles.SITE_ROUTE_COLORS["closed-loop"], "闭环巡查路线"),
        ("line", styles.SITE_ROUTE_COLORS["route"], "配送路线"),
        ("dashdot", styles.SITE_ROUTE_COLORS["isolation"], "隔离转运路线"), ("gate", "", "出入口（开放）"),
        ("gate-closed", "", "出入口（封闭）"), ("checkpoint", "", "卡点"), ("sampling", "", "采样点"),
        ("supply", "", "物资投放点")]

    def first(painter: QPainter, areas: Areas) -> None:
        focus = _focus(job, content)
        view = draw_map_panel(painter, areas.map, job.scene, unnamed(BASE_LAYERS), focus, job.paper.scale)
        _draw_loop(painter, areas.map, view, focus)
        draw_map_panel_overlay(painter, areas.map, job.scene, view, focus)
        centre = focus.centroid
        cx, cy = in_panel(view, areas.map, centre.x, centre.y)
        painter.save()
        painter.setClipRect(areas.map)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        names = MapNames(areas.map, view, job.scene, job.paper.scale)
        for site in content.sites:
            p = points.get(site.point_id)
            if p is not None:
                x, y = in_panel(view, areas.map, p.geometry.x, p.geometry.y)
                names.reserve((x - SITE_SYMBOL / 2, y - SITE_SYMBOL / 2, x + SITE_SYMBOL / 2, y + SITE_SYMBOL / 2))
        for site in content.sites:
            p = points.get(site.point_id)
            if p is None:
                continue
            x, y = in_panel(view, areas.map, p.geometry.x, p.geometry.y)
            closed = site.kind == "gate" and site.state == "closed"
            draw_site_symbol(painter, site.kind, closed, x, y, SITE_SYMBOL, paper=True)
            outward = _direction(x - cx, y - cy)
            if site.kind == "gate":
                text, ink = f"{site.name}（{GATE_STATE_NAMES.get(site.state, '未定')}）", \
                    "#a61b1b" if closed else "#1e7b34"
            elif site.kind == "checkpoint":
                text, ink, outward = f"{mark[site.point_id]}{site.name}", "#c0392b", _opposite(outward)
            else:
                text, ink = site.name, styles.SITE_POINT_COLORS.get(site.kind, "#333333")
            names.put(_site_label_places(x, y, text, outward),
                      lambda painter, box, text=text, ink=ink: _label_box(painter, box, text, ink))
        painter.restore()
        own = names.scene_indices(b.building_id for b in content.buildings)
        names.building_numbers(own, leaders=False)  # the points' names come first on this chart
        names.the_rest(own)
        names.draw(painter)
        draw_panel_furniture(painter, areas.map, view)
        _draw_legend(painter, areas.legend, legend)
    return _sheets(content, job, 2, tables, first)


SITE_SYMBOL = 15.0  # wall-chart symbols, larger than the canvas's 9 px
ROUTE_REACH = 12.0  # metres beyond the wall a compound's routes may run (to the gate outside)


def _direction(dx: float, dy: float) -> str:
    if abs(dx) > abs(dy):
        return "right" if dx > 0 else "left"
    return "down" if dy > 0 else "up"


def _opposite(direction: str) -> str:
    return {"right": "left", "left": "right", "up": "down", "down": "up"}[direction]


LABEL_FONT = (9.0, True)


def _site_label_places(x: float, y: float, text: str, side: str) -> list[Box]:
    """Where a point's label may go: beside its symbol on the preferred side,
    then the others, then further out."""
    width = QFontMetricsF(font(*LABEL_FONT)).horizontalAdvance(text) + 8
    sides = [side] + [s for s in ("right", "left", "down", "up") if s != side]
    return [_beside(x, y, width, s, SITE_SYMBOL * k) for k in (0.8, 2.0, 3.4) for s in sides]


def _beside(x: float, y: float, width: float, side: str, gap: float) -> Box:
    left = {"right": x + gap, "left": x - gap - width}.get(side, x - width / 2)
    top = {"down": y + gap, "up": y - gap - 18}.get(side, y - 9)
    return (left, top, left + width, top + 18)


def _label_box(painter: QPainter, place: Box, text: str, ink: str) -> None:
    f = font(*LABEL_FONT)
    box = QRectF(place[0], place[1], place[2] - place[0], place[3] - place[1])
    painter.setPen(QPen(color(ink), 0.8))
    painter.setBrush(color("#ffffff", 235))
    painter.drawRoundedRect(box, 3, 3)
    painter.setPen(color(ink))
    painter.setFont(f)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def _draw_loop(painter: QPainter, rect: QRectF, view: MapView, focus: BaseGeometry) -> None:
    """The compound's wall as the closed loop: a broad translucent red band."""
    painter.save()
    painter.translate(rect.topLeft())
    painter.setClipRect(QRectF(0, 0, view.width, view.height))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(color("#c0392b", 110), 6.0))
    painter.drawPath(pixel_path(focus, view))
    painter.restore()


def draw_map_panel_overlay(painter: QPainter, rect: QRectF, scene: MapScene, view: MapView,
                           focus: BaseGeometry) -> MapView:
    """The compound's routes over the muted map and the loop (the canvas's
    renderer, same view); the neighbours' routes stay under the wash."""
    painter.save()
    painter.translate(rect.topLeft())
    painter.setClipPath(pixel_path(focus.buffer(ROUTE_REACH), view))
    render_map(painter, scene, LayerSet(("site_routes",)), view, background=None)
    painter.restore()
    return view


# -- chart 3: buildings -----------------------------------------------------------------

def _chart3(content: CompoundCharts, job: ChartJob) -> list[Sheet]:
    several = len({b.zone_id for b in content.buildings}) > 1
    rows: list[Row] = []
    for b in content.buildings:
        number = b.number + (f"（{b.grid}）" if several else "")
        facts = (number, str(b.units or "—"), str(b.floors), str(b.households or "—"))
        people = [(p.role, p.name, p.phone) for p in b.heads] or [("（未指派）", "", "")]
        # every row names its building, so a row continued on the next column still says whose it is
        rows += [Row((facts if k == 0 else (number, "", "", "")) + person) for k, person in enumerate(people)]
    if not rows:
        rows.append(Row(("（无楼栋）", "", "", "", "", "", "")))
    tables = [Table("楼栋与楼栋长", ("楼栋", "单元", "层数", "户数", "职责", "姓名", "联系电话"),
                    (1.3, 0.55, 0.55, 0.6, 1.0, 0.9, 1.45), tuple(rows), (False,) * 6 + (True,)),
              _team_table(content)]
    legend: list[LegendItem] = [("block", "", "楼栋（楼号 / 单元·层数 / 楼栋长）"),
                                ("line", styles.COMPOUND_WALL, "小区围墙"), ("line", styles.STREET_CASING, "道路")]

    def first(painter: QPainter, areas: Areas) -> None:
        focus = _focus(job, content)
        view = draw_map_panel(painter, areas.map, job.scene, unnamed(BASE_LAYERS), focus, job.paper.scale)
        inside = pixel_path(focus, view).translated(areas.map.topLeft())
        names = MapNames(areas.map, view, job.scene, job.paper.scale)
        index = job.scene.features["buildings"].index_of
        own = names.scene_indices(b.building_id for b in content.buildings)
        names.building_numbers(own, leaders=True)
        untagged = 0
        for b in content.buildings:
            head = next((p.name for p in b.heads if p.role == "楼栋长"), "")
            i = index.get(b.building_id)
            if i is None or i not in names.numbered or not names.building_tag(
                    i, building_tag_texts(b.units, b.floors, b.households, head), "#3b2f25", 8.0,
                    lambda box: inside.contains(QRectF(box[0], box[1], box[2] - box[0], box[3] - box[1]))):
                untagged += 1  # a dense block (a village): its facts stay in the building table
        names.the_rest(own)
        names.draw(painter)
        if untagged:
            kind, ink, label = legend[0]
            legend[0] = (kind, ink, f"{label}；{untagged}栋的详情见楼栋表")
        draw_panel_furniture(painter, areas.map, view)
        _draw_legend(painter, areas.legend, legend)
    sheets = _sheets(content, job, 3, tables, first)
    if job.insets:
        sheets += _plan_sheets(content, job)
    return sheets


def _plan_sheets(content: CompoundCharts, job: ChartJob) -> list[Sheet]:
    """The buildings' nine-colour plans, six to a sheet, each scaled to its cell;
    on a public sheet each building's card instead (people and counts, nothing
    room by room: see Privacy.shows_rooms)."""
    if not content.privacy.shows_rooms:
        return _building_card_sheets(content, job)
    ids = [b.building_id for b in content.buildings]
    numbers = {b.building_id: b.number for b in content.buildings}
    tag_defs = sorted(job.source.tables["tag_defs"].values(), key=lambda t: t.position)
    cells = _inset_cells(job)
    sheets = []
    for start in range(0, len(ids), PLANS_PER_SHEET):
        chunk = ids[start:start + PLANS_PER_SHEET]

        def paint(painter: QPainter, _body: QRectF, chunk=chunk) -> None:
            for cell, building_id in zip(cells, chunk):
                layout, households = plan_for_chart(job.source, building_id)
                geometry = PlanGeometry()
                pw, ph = geometry.size(layout)
                painter.save()
                painter.setPen(color("#1c1c1c"))
                painter.setFont(font(10.5, bold=True))
                painter.drawText(QRectF(cell.left(), cell.top(), cell.width(), 20), Qt.AlignmentFlag.AlignLeft,
                                 numbers[building_id])
                scale = min(cell.width() / pw, (cell.height() - 24) / ph, 1.6)
                painter.translate(cell.left(), cell.top() + 24)
                painter.scale(scale, scale)
                draw_plan(painter, layout, households, tag_defs, geometry)
                painter.restore()
        sheets.append(Sheet(_text(content, 3, "九色动态图"), paint))
    return sheets


def _inset_cells(job: ChartJob) -> list[QRectF]:
    """The six places of a sheet of insets, left to right, top to bottom."""
    w, h = job.paper.layout_units
    body = body_rect(QRectF(0, 0, w, h))
    columns = 3 if job.paper.landscape else 2
    rows = PLANS_PER_SHEET // columns
    cell_w, cell_h = body.width() / columns, body.height() / rows
    return [QRectF(body.left() + (k % columns) * cell_w, body.top() + (k // columns) * cell_h, cell_w - GAP,
                   cell_h - GAP) for k in range(PLANS_PER_SHEET)]


def _building_card_sheets(content: CompoundCharts, job: ChartJob) -> list[Sheet]:
    """The public insets: each building's card, six to a sheet."""
    grids = {g.zone_id: g for g in content.grids}
    cells = _inset_cells(job)
    sheets = []
    for start in range(0, len(content.buildings), PLANS_PER_SHEET):
        chunk = content.buildings[start:start + PLANS_PER_SHEET]

        def paint(painter: QPainter, _body: QRectF, chunk=chunk) -> None:
            for cell, card in zip(cells, chunk):
                draw_building_card(painter, cell, card, grids.get(card.zone_id))
        sheets.append(Sheet(_text(content, 3, "楼栋信息（公开版：不含逐户信息）"), paint))
    return sheets
