"""A hotline sheet (12345 工单 Excel, or .csv in UTF-8 or GBK) checked row by
row and imported as cases, in one undoable step.

Columns are found by their Chinese headers (工单编号, 来电时间, 来电人, 联系电话,
问题地址, 问题描述, 问题类别, 紧急程度, 来源); only 问题地址 and 问题描述 are
required. Each row becomes a planned case: its address matched to a household
or a building (:mod:`gridmap.cases.addresses`), its grid and person found by
one :class:`~gridmap.cases.routing.Router` for the whole sheet (the buildings'
points placed in one vectorised call), its deadline from the project's case
settings. A row that cannot be used is kept out with every reason found: the
address, an unknown category, urgency or source (common synonyms are mapped),
a bad time or phone, a blank description, a work-order number twice in the
sheet (the first row keeps it) or already a case of the project.

A hotline's 工单编号 becomes the case's number; a row without one gets the next
number of its year. Checking writes nothing (a dry run leaves the project file
as it was, byte for byte); :class:`ImportHotlineCases` writes every good row's
case and its 上报 timeline entry in one commit, undone in one step.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Mapping

import numpy as np
import shapely

from gridmap.cases import workflow
from gridmap.cases.addresses import AddressBook, AddressMatch
from gridmap.cases.messages import Issue
from gridmap.cases.routing import Router
from gridmap.cases.settings import CaseSettings
from gridmap.commands.stack import Command
from gridmap.model.changes import RowChange
from gridmap.model.entities import CASE_NEW, CASE_SOURCES, CASE_URGENCIES, CHINA_TIME, Case, CaseEvent
from gridmap.model.validation import LONGEST_NAME, LONGEST_NOTE
from gridmap.workbooks import values as parse
from gridmap.workbooks.reading import SheetRow, SheetTable, read_table

if TYPE_CHECKING:
    from gridmap.project import Project

HOTLINE_SOURCE = "12345"
# field → the header spellings hotline sheets use for it
HEADERS: dict[str, tuple[str, ...]] = {
    "address": ("问题地址", "地址", "事发地址", "事发地点", "诉求地址", "详细地址", "发生地址"),
    "description": ("问题描述", "诉求内容", "来电内容", "反映内容", "诉求描述", "工单内容", "内容"),
    "number": ("工单编号", "工单号", "工单号码", "受理编号", "编号"),
    "reported_at": ("来电时间", "受理时间", "登记时间", "反映时间", "创建时间", "时间"),
    "reporter": ("来电人", "联系人", "来电人姓名", "诉求人", "反映人", "姓名"),
    "phone": ("联系电话", "来电号码", "电话", "手机", "手机号", "联系方式"),
    "category": ("问题类别", "类别", "问题分类", "诉求类别", "事项类别", "分类"),
    "urgency": ("紧急程度", "紧急度", "缓急程度", "缓急"),
    "source": ("来源", "工单来源", "渠道", "来电渠道"),
}
REQUIRED = ("address", "description")
NOTES = ("description",)  # the cells that may keep line breaks
# words hotlines use for the default categories (a word maps only to a category the project has)
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "矛盾纠纷": ("纠纷", "矛盾", "邻里纠纷", "家庭纠纷", "邻里矛盾", "物业纠纷", "劳资纠纷", "调解"),
    "安全隐患": ("安全", "隐患", "消防", "消防安全", "消防隐患", "安全生产", "燃气", "燃气安全", "飞线充电",
             "电动车充电", "治安"),
    "环境卫生": ("环境", "卫生", "垃圾", "垃圾清运", "市容", "市容环境", "市容环卫", "环卫", "噪音", "噪声",
             "油烟", "污染", "环境污染"),
    "设施维修": ("维修", "设施", "公共设施", "路灯", "下水道", "管道", "供水", "停水", "供暖", "供热", "电梯",
             "道路", "道路维修", "房屋维修", "漏水"),
    "民生求助": ("求助", "民生", "生活求助", "困难", "困难帮扶", "帮扶", "救助", "低保", "养老"),
    "其他": ("其它", "咨询", "建议", "其他类"),
}
URGENCY_WORDS: dict[str, str] = {"普通": "一般", "正常": "一般", "低": "一般", "中": "一般", "不急": "一般",
                                 "急": "紧急", "加急": "紧急", "较急": "紧急", "高": "紧急", "急件": "紧急",
                                 "特别紧急": "特急", "非常紧急": "特急", "特急件": "特急"}
SOURCE_WORDS: dict[str, str] = {"12345热线": "12345", "市长热线": "12345", "政务热线": "12345",
                                "便民热线": "12345", "热线": "12345", "12345政务服务便民热线": "12345",
                                "来电": "电话", "电话反映": "电话", "微信": "微信群", "群聊": "微信群",
                                "来访": "上门", "走访": "上门", "巡查": "巡查发现", "网格巡查": "巡查发现"}
_CATEGORY_SPLIT = re.compile(r"[/\\\-－>＞|、,，;；·]+")
_TIME = re.compile(r"(\d{4}) ?[-/.年] ?(\d{1,2}) ?[-/.月] ?(\d{1,2}) ?日?"
                   r"(?:[ T]?(\d{1,2}) ?[:：时点] ?(\d{1,2}) ?(?:分)?(?:[:：] ?(\d{1,2})(?:\.\d+)? ?秒?)?)?", re.ASCII)
EARLIEST_YEAR = 2000  # a call before this is a typing mistake
FUTURE_SLACK = dt.timedelta(minutes=10)  # a clock a little ahead of the project's is not the future


@dataclass(frozen=True)
class HotlineRow:
    number: int  # the row number Excel shows
    address: str  # as the sheet has it
    status: str  # "ok" or "error"
    issues: tuple[Issue, ...] = ()
    place: AddressMatch | None = None
    case: Case | None = None  # the planned case (id 0 until imported)

    @property
    def remarks(self) -> tuple[Issue, ...]:
        """What was found but not all of it (a room not in the building)."""
        return (self.place.remark,) if self.place is not None and self.place.remark is not None else ()


@dataclass(frozen=True)
class HotlinePreview:
    table: SheetTable
    rows: tuple[HotlineRow, ...]

    @property
    def good(self) -> tuple[HotlineRow, ...]:
        return tuple(r for r in self.rows if r.status == "ok")

    @property
    def bad(self) -> tuple[HotlineRow, ...]:
        return tuple(r for r in self.rows if r.status == "error")

    @property
    def counts(self) -> dict[str, int]:
        good = len(self.good)
        return {"rows": len(self.rows), "ok": good, "error": len(self.rows) - good}


def read_hotline(path: str | Path) -> SheetTable:
    """The hotline sheet of ``path`` (``WorkbookError`` says why it cannot be read)."""
    return read_table(path, HEADERS, REQUIRED)


def project_now(project: Project) -> dt.datetime:
    """The project's clock to the millisecond, as the file keeps times."""
    moment = project.clock()
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def preview_hotline(project: Project, table: SheetTable, now: dt.datetime | None = None) -> HotlinePreview:
    """Every row of ``table`` checked against ``project`` and routed; nothing is written."""
    now = now or project_now(project)
    settings = CaseSettings.from_meta(project.meta)
    book = AddressBook(project)
    known = {c.number for c in project.tables["cases"].values()}
    first_row: dict[str, int] = {}
    checked = [_check_row(row, book, settings, now, known, first_row) for row in table.rows]
    good = [(row, fields) for row, fields in checked if row.status == "ok"]
    router = Router(project, settings)  # routes the sheet in its order: each case counts in the next one's load
    points, zones = _places(project, router, [row.place for row, _ in good])
    numbers = _NumberSeries(project, {n for _, f in checked if (n := f.get("number"))})
    planned: dict[int, HotlineRow] = {}
    for (row, fields), point, zone in zip(good, points, zones):
        reported = fields["reported_at"]
        case = Case(0, fields["number"] or numbers.next(reported.astimezone(dt.UTC).year), fields["category"],
                    fields["description"], fields["source"], fields["reporter"], fields["phone"], reported,
                    fields["urgency"], settings.deadline(fields["category"], fields["urgency"], reported), CASE_NEW,
                    zone, row.place.building_id, row.place.household_id, row.address,
                    router.person_for(zone, fields["category"]), 0, None, point)
        planned[row.number] = HotlineRow(row.number, row.address, "ok", (), row.place, case)
    return HotlinePreview(table, tuple(planned.get(row.number, row) for row, _ in checked))


def _check_row(row: SheetRow, book: AddressBook, settings: CaseSettings, now: dt.datetime, known: set[str],
               first_row: dict[str, int]) -> tuple[HotlineRow, dict]:
    """The row with its problems, and the fields it gives (parsed)."""
    issues: list[Issue] = []
    for name, key, most in (("number", "long_number", LONGEST_NAME), ("reporter", "long_reporter", LONGEST_NAME),
                            ("address", "long_address", LONGEST_NAME),
                            ("description", "long_description", LONGEST_NOTE)):
        text = row.values.get(name, "")
        if len(text) > most:
            issues.append(Issue(key, {"length": len(text), "most": most}))
    v = parse.cleaned_cells(row.values, NOTES)
    fields: dict = {"number": v.get("number", ""), "reporter": v.get("reporter", ""),
                    "description": v.get("description", "").strip()}
    address = v.get("address", "")
    place = book.match(address)
    if place.issue is not None:
        issues.append(place.issue)
    if not fields["description"]:
        issues.append(Issue("blank_description"))
    for name, choose in (("category", lambda t: _category(t, settings)), ("urgency", _urgency),
                         ("source", _source)):
        fields[name] = choose(v.get(name, ""))
        if fields[name] is None:
            issues.append(_unknown(name, v[name], settings))
    fields["reported_at"] = _reported_at(v, now, issues)
    fields["phone"] = ""
    if v.get("phone", ""):
        try:
            fields["phone"] = parse.phone(v["phone"])
        except ValueError:
            issues.append(Issue("bad_phone", {"value": v["phone"]}))
    number = fields["number"]
    if number:
        if number in known:
            issues.append(Issue("known_number", {"number": number}))
        elif number in first_row:
            issues.append(Issue("duplicate_number", {"number": number, "row": first_row[number]}))
        else:
            first_row[number] = row.number
    status = "error" if issues else "ok"
    return HotlineRow(row.number, address, status, tuple(issues), place), fields


def _category(text: str, settings: CaseSettings) -> str | None:
    """The project's category ``text`` names (itself, a usual word for it, or the most specific part of
    "城市管理/市容环境/垃圾"); the last category (其他) for a blank cell; None if none fits."""
    names = settings.category_names
    if not text:
        return names[-1]
    words = {w: name for name, ws in CATEGORY_WORDS.items() if name in names for w in ws}
    for part in reversed([text, *_CATEGORY_SPLIT.split(text)] if _CATEGORY_SPLIT.search(text) else [text]):
        part = part.strip().removesuffix("类").removesuffix("问题").strip() or part.strip()
        if part in names:
            return part
        if part in words:
            return words[part]
    return None


def _urgency(text: str) -> str | None:
    if not text:
        return CASE_URGENCIES[0]
    return text if text in CASE_URGENCIES else URGENCY_WORDS.get(text)


def _source(text: str) -> str | None:
    if not text:
        return HOTLINE_SOURCE
    text = parse.number_text(text)
    return text if text in CASE_SOURCES else SOURCE_WORDS.get(text)


def _unknown(name: str, value: str, settings: CaseSettings) -> Issue:
    choices = {"category": settings.category_names, "urgency": CASE_URGENCIES, "source": CASE_SOURCES}[name]
    return Issue(f"unknown_{name}", {"value": value, "choices": "、".join(choices)})


def _reported_at(v: Mapping[str, str], now: dt.datetime, issues: list[Issue]) -> dt.datetime:
    """The call time (China time unless it says otherwise), as UTC to the millisecond; ``now`` when the
    sheet has no time column."""
    if "reported_at" not in v:
        return now
    text = " ".join(parse.number_text(v["reported_at"]).split())
    if not text:
        issues.append(Issue("blank_time"))
        return now
    moment = parse_time(text)
    if moment is None:
        issues.append(Issue("bad_time", {"value": v["reported_at"]}))
        return now
    if moment > now + FUTURE_SLACK:
        issues.append(Issue("future_time", {"value": v["reported_at"]}))
        return now
    return moment


def parse_time(text: str) -> dt.datetime | None:
    """"2026-11-03 08:15", "2026/11/3 8:15:00", "2026年11月3日8时15分", an ISO time with its offset, or a
    date alone (midnight); a time without an offset is China time. None for anything else."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        match = _TIME.fullmatch(text)
        if not match:
            return None
        try:
            moment = dt.datetime(*(int(g) for g in match.groups() if g is not None))
        except ValueError:  # 2026-02-30, 25:00
            return None
    if moment.year < EARLIEST_YEAR:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=CHINA_TIME)
    moment = moment.astimezone(dt.UTC)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def _places(project: Project, router: Router, places: list[AddressMatch]) -> tuple[list, list[int | None]]:
    """Each place's point (one on its building's footprint) and grid, every building placed in one call."""
    buildings = project.tables["buildings"]
    ids = sorted({p.building_id for p in places})
    spots = shapely.point_on_surface(np.array([buildings[i].geometry for i in ids], dtype=object)) if ids else []
    point_of = dict(zip(ids, spots))
    zones = project.tables["zones"]
    lost = [i for i in ids if buildings[i].zone_id not in zones]  # a building no grid holds (yet)
    zone_of = {i: buildings[i].zone_id for i in ids}
    zone_of.update(zip(lost, router.zones_at([point_of[i] for i in lost])))
    return [point_of[p.building_id] for p in places], [zone_of[p.building_id] for p in places]


class _NumberSeries:
    """The next case numbers of each year ("2026-000124"), after the project's and the sheet's own."""

    def __init__(self, project: Project, taken: set[str]) -> None:
        self.last: dict[int, int] = defaultdict(int)
        for number in [c.number for c in project.tables["cases"].values()] + sorted(taken):
            year, _, serial = number.partition("-")
            if year.isascii() and year.isdigit() and serial.isascii() and serial.isdigit():
                self.last[int(year)] = max(self.last[int(year)], int(serial))

    def next(self, year: int) -> str:
        self.last[year] += 1
        return f"{year}-{self.last[year]:06d}"


class ImportHotlineCases(Command):
    """Write the good rows of a hotline sheet as cases, each with its 上报 entry.

    The rows are checked and routed again against the project as it is when the
    command is done, so what is written is what a preview made now shows."""

    label = "Import hotline cases"

    def __init__(self, table: SheetTable, now: dt.datetime | None = None) -> None:
        super().__init__()
        self.table, self.now = table, now
        self.case_ids: list[int] = []

    def build(self, project: Project) -> tuple[RowChange, ...]:
        now = self.now or project_now(project)
        changes: list[RowChange] = []
        self.case_ids = []
        for row in preview_hotline(project, self.table, now).good:
            case = row.case._replace(id=project.new_id("cases"))
            self.case_ids.append(case.id)
            changes.append(RowChange("cases", None, case))
            changes.append(RowChange("case_events", None, CaseEvent(
                project.new_id("case_events"), case.id, now, project.user, workflow.REPORT, case.status,
                case.assignee_id, case.description)))
        return tuple(changes)
