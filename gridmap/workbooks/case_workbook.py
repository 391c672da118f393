"""The cases (有呼必应) as an Excel workbook for the office: 案件 (one row per
case), 处置记录 (every step of every case's timeline) and 统计 (counts per grid,
community, category and month).

Internal only: reporters, their phones and the descriptions are personal
data, so there is no public kind of this workbook, and every sheet says
内部资料 on top. Written through :func:`~gridmap.workbooks.writing.save_book`:
whole or not at all, never onto a project, formula-looking text kept as text.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gridmap.cases.stats import GROUPINGS, case_frame, statistics
from gridmap.charts.privacy import INTERNAL_NOTICE
from gridmap.levels import project_depths
from gridmap.workbooks.writing import fill_sheet, new_book, save_book
from gridmap.model.entities import CHINA_TIME

if TYPE_CHECKING:
    from gridmap.project import Project

CASE_HEADER = ("编号", "上报时间", "类别", "来源", "紧急程度", "状态", "网格", "社区", "地址", "承办人", "办理期限",
               "是否超期", "办结时间", "来电人", "联系电话", "问题描述")
EVENT_HEADER = ("编号", "时间", "操作", "状态", "承办人", "操作人", "备注")
STATS_HEADER = ("统计口径", "名称", "上报", "办结", "未办结", "超期", "办结时长中位数（小时）", "超期占比")
GROUPING_NAMES = {"grid": "网格", "community": "社区", "category": "类别", "month": "月份"}
_CASE_WIDTHS = (13, 17, 10, 8, 8, 8, 12, 12, 28, 9, 17, 8, 17, 9, 14, 40)
_EVENT_WIDTHS = (13, 17, 10, 8, 9, 10, 40)
_STATS_WIDTHS = (9, 22, 7, 7, 8, 7, 12, 9)


def shown_time(moment: dt.datetime | None) -> str:
    """A time as the office reads it: China time to the minute, "" for none."""
    return moment.astimezone(CHINA_TIME).strftime("%Y-%m-%d %H:%M") if moment is not None else ""


class CaseNames:
    """Zones, staff and places by id, as the sheets name them."""

    def __init__(self, project: Project) -> None:
        from gridmap.cases.stats import zone_lookup

        t = project.tables
        self.zones, self.staff = t["zones"], t["staff"]
        self.buildings, self.compounds, self.units = t["buildings"], t["compounds"], t["units"]
        self.households = t["households"]
        self.grid_of, self.community_of = zone_lookup(project)
        self.depths = project_depths(project)

    def zone(self, zone_id: Any) -> str:
        if zone_id is None or (isinstance(zone_id, float) and math.isnan(zone_id)):
            return ""
        zone = self.zones.get(int(zone_id))
        return zone.name if zone else ""

    def grid(self, grid_id: Any) -> str:
        """A grid with its community: "新华街社区 第1网格" (grids are numbered within their community)."""
        name = self.zone(grid_id)
        community = self.zone(self.community_of.get(int(grid_id))) if name else ""
        return f"{community} {name}" if community and community != name else name

    def person(self, staff_id: int | None) -> str:
        person = self.staff.get(staff_id) if staff_id is not None else None
        return person.name if person else ""

    def place(self, case) -> str:
        """The case's address as reported, else its household's or building's."""
        if case.address:
            return case.address
        building = self.buildings.get(case.building_id)
        if building is None:
            return ""
        compound = self.compounds.get(building.compound_id)
        parts = [compound.name if compound else "", building.number]
        household = self.households.get(case.household_id)
        if household is not None:
            unit = self.units.get(household.unit_id)
            parts.append(f"{unit.number}单元{household.room}" if unit else household.room)
        return " ".join(p for p in parts if p)


def case_sheets(project: Project, now: dt.datetime) -> dict[str, tuple[tuple[str, ...], list[list[Any]]]]:
    """The three sheets' headers and rows: cases by number, timeline by case and time, statistics."""
    names = CaseNames(project)
    cases = sorted(project.tables["cases"].values(), key=lambda c: (c.reported_at, c.number, c.id))
    frame = case_frame(project, now)
    overdue = dict(zip(frame["id"].tolist(), frame["overdue"].tolist()))
    case_rows = []
    for c in cases:
        grid = names.grid_of.get(c.zone_id)
        case_rows.append([c.number, shown_time(c.reported_at), c.category, c.source, c.urgency, c.status,
                          names.zone(grid), names.zone(names.community_of.get(c.zone_id)), names.place(c),
                          names.person(c.assignee_id), shown_time(c.deadline), "是" if overdue.get(c.id) else "否",
                          shown_time(c.closed_at), c.reporter, c.reporter_phone, c.description])
    numbers = {c.id: (c.reported_at, c.number) for c in cases}
    events = sorted((e for e in project.tables["case_events"].values() if e.case_id in numbers),
                    key=lambda e: (numbers[e.case_id], e.at, e.id))
    event_rows = [[numbers[e.case_id][1], shown_time(e.at), e.action, e.status, names.person(e.assignee_id), e.who,
                   e.note] for e in events]
    return {"案件": (CASE_HEADER, case_rows), "处置记录": (EVENT_HEADER, event_rows),
            "统计": (STATS_HEADER, stats_rows(frame, names))}


def stats_rows(frame, names: CaseNames) -> list[list[Any]]:
    """One block per grouping (grid, community, category, month), as :func:`statistics` counts them."""
    label = {"grid": names.grid, "community": names.zone, "category": str, "month": str}
    rows = []
    for by in GROUPINGS:
        table = statistics(frame, by)
        for key, r in table.iterrows():
            median = r["median_hours"]
            rows.append([GROUPING_NAMES[by], label[by](key), int(r["reported"]), int(r["closed"]), int(r["open"]),
                         int(r["overdue"]), "" if math.isnan(median) else round(float(median), 1),
                         round(float(r["overdue_share"]), 4)])
    return rows


def write_case_workbook(project: Project, path: str | Path, now: dt.datetime | None = None) -> dict[str, int]:
    """The three sheets in ``path`` (.xlsx), each marked 内部资料, written whole or
    not at all (``OutputError``); returns the rows per sheet."""
    now = now or project.clock()
    sheets = case_sheets(project, now)
    widths = {"案件": _CASE_WIDTHS, "处置记录": _EVENT_WIDTHS, "统计": _STATS_WIDTHS}
    book = new_book()
    for title, (header, rows) in sheets.items():
        fill_sheet(book.create_sheet(title), header, rows, stamp=INTERNAL_NOTICE, widths=widths[title],
                   as_text=title != "统计")
    save_book(book, path)
    return {title: len(rows) for title, (_, rows) in sheets.items()}
