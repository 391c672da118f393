"""The household roster (住户花名册): an Excel sheet of households by address,
checked against the project row by row before anything is written.

Each row is matched by its address (community and compound where given,
building, unit, room) and comes out as one of:

- ``update``: a household the project has, with fields that change;
- ``unchanged``: a household the project has, as the row says it is;
- ``new``: a room the building has (its floors × the unit's rooms) with no
  household yet;
- ``error``: the row cannot be used, with every reason found.

A blank cell leaves the field as it is ("无" clears the tags), and so does a
column the sheet does not have. The head of household's name and phone go to
the household's head resident. Importing writes the update and new rows as one
command: one transaction, one undo step.

The export comes in two kinds. The public roster has no 户主, 联系电话, 标签 or
备注 column at all: names and phones are personal, 独居/空巢/残疾 beside an
address are sensitive, and a note may hold anything. Leaving the columns out
(rather than blanking them, or keeping only some tags) means that importing
the public roster back never erases what it did not show. The internal roster
(``personal``) has every column and says 内部资料 on every sheet.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from collections.abc import Iterable, Mapping

from gridmap.charts.privacy import INTERNAL_STAMP
from gridmap.commands.stack import Command
from gridmap.model.changes import RowChange
from gridmap.model.entities import MOST_PEOPLE, OCCUPANCIES, Building, Household, Resident, Unit
from gridmap.plans.layout import room_index
from gridmap.workbooks import values as parse
from gridmap.workbooks.messages import RowIssue
from gridmap.workbooks.places import Addresses
from gridmap.workbooks.reading import SheetRow, SheetTable, read_table
from gridmap.workbooks.writing import fill_sheet, new_book, save_book

if TYPE_CHECKING:
    from gridmap.project import Project

# field → the header spellings rosters use for it (the field's own name works too)
HEADERS: dict[str, tuple[str, ...]] = {
    "community": ("社区", "所属社区"),
    "compound": ("小区", "小区名称", "小区/楼院", "楼院", "院落"),
    "building": ("楼栋", "楼号", "楼栋号", "楼"),
    "unit": ("单元", "单元号"),
    "floor": ("楼层", "层"),
    "room": ("房号", "门牌号", "房间号", "户号", "室"),
    "occupancy": ("居住状态", "状态", "居住情况"),
    "tags": ("标签", "关爱标签", "人员标签"),
    "people": ("人数", "居住人数", "人口数", "在住人数"),
    "head": ("户主", "户主姓名", "姓名", "联系人"),
    "phone": ("联系电话", "电话", "手机", "手机号", "联系方式"),
    "last_checked": ("最近走访", "走访日期", "最近走访日期", "核查日期"),
    "follow_up": ("需跟进", "是否跟进", "跟进"),
    "note": ("备注", "情况说明"),
}
REQUIRED = ("building", "room")
# the template's and the internal export's header, one Chinese name per field
TEMPLATE_HEADER = ("社区", "小区", "楼栋", "单元", "房号", "居住状态", "标签", "人数", "户主", "联系电话",
                   "最近走访", "需跟进", "备注")
# the public export's: no names, phones, tags or notes (see the module's docstring)
PUBLIC_HEADER = ("社区", "小区", "楼栋", "单元", "房号", "居住状态", "人数", "最近走访", "需跟进")
NUMBER_FIELDS = ("building", "unit", "floor", "room", "people", "phone", "last_checked")  # digits read as NFKC
_WIDTHS = {"社区": 12, "小区": 14, "楼栋": 9, "单元": 7, "房号": 7, "居住状态": 9, "标签": 16, "人数": 6, "户主": 9,
           "联系电话": 14, "最近走访": 12, "需跟进": 7, "备注": 24}
INTERNAL_NOTICE = f"{INTERNAL_STAMP}：含居民姓名、电话和敏感标签，请勿张贴、外传"
OCCUPANCY_WORDS = {"自住": "常住", "常住户": "常住", "出租": "租户", "租住": "租户", "空置": "空户",
                   "空房": "空户", "外出": "在外", "外地": "在外"}
NO_TAGS = "无"
_TAG_SPLIT = re.compile(r"[、,，;；/\s]+")


@dataclass(frozen=True)
class RosterRow:
    number: int  # the row in the sheet
    address: str
    status: str  # update / unchanged / new / error
    issues: tuple[RowIssue, ...] = ()
    before: Household | None = None
    after: Household | None = None  # a new household has id 0 until it is imported
    head_before: Resident | None = None
    head_after: Resident | None = None

    def shown_changes(self) -> list[tuple[str, str, str]]:
        """(field, old, new) for the preview; names and phones masked."""
        shown = []
        for name in ("occupancy", "tags", "people", "last_checked", "follow_up", "note"):
            old = getattr(self.before, name) if self.before is not None else None
            new = getattr(self.after, name) if self.after is not None else None
            if old != new and (self.before is not None or new not in (None, "", frozenset(), False)):
                shown.append((name, _shown(old), _shown(new)))
        for name, attr, hide in (("head", "name", masked_name), ("phone", "phone", parse.masked_phone)):
            old = getattr(self.head_before, attr) if self.head_before is not None else ""
            new = getattr(self.head_after, attr) if self.head_after is not None else ""
            if old != new:
                shown.append((name, hide(old) if old else "", hide(new) if new else ""))
        return shown


@dataclass(frozen=True)
class RosterPreview:
    table: SheetTable
    rows: tuple[RosterRow, ...]

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def writable(self) -> tuple[RosterRow, ...]:
        return tuple(r for r in self.rows if r.status in ("update", "new"))


def masked_name(name: str) -> str:
    return name[:1] + "*" * (len(name) - 1) if name else ""


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, frozenset):
        return "、".join(sorted(value))
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def read_roster(path: str | Path) -> SheetTable:
    return read_table(path, HEADERS, REQUIRED)


def preview_roster(project: Project, table: SheetTable, today: dt.date | None = None) -> RosterPreview:
    """Every row of ``table`` checked against ``project``; nothing is written."""
    places = Addresses(project)
    today = today or dt.date.today()
    seen: dict[tuple[int, int | None, str], int] = {}
    rows = tuple(_check_row(places, row, today, seen) for row in table.rows)
    return RosterPreview(table, rows)


def _check_row(places: Addresses, row: SheetRow, today: dt.date,
               seen: dict[tuple[int, int | None, str], int]) -> RosterRow:
    issues = parse.long_cells(row.values, {"head": "long_name", "note": "long_note"})
    v = parse.normalised_numbers(parse.cleaned_cells(row.values), NUMBER_FIELDS)
    building = places.building(v, issues)
    unit_text = v.get("unit", "").removesuffix("单元").strip()
    room = v.get("room", "").removesuffix("室").strip()
    address = " ".join(x for x in (v.get("compound", ""), v.get("building", ""),
                                   f"{unit_text}单元" if unit_text else "", room) if x)
    if not room:
        issues.append(RowIssue("missing_room"))
    values = _field_values(places, v, today, issues)
    before = unit = None
    floor: int | None = None
    if building is not None and room:
        compound = places.compounds.get(building.compound_id)
        address = " ".join(x for x in (compound.name if compound else "", building.number,
                                       f"{unit_text}单元" if unit_text else "", room) if x)
        unit_number = int(unit_text) if parse.is_number(unit_text) else None
        if unit_text and (unit_number is None or (building.id, unit_number) not in places.units):
            issues.append(RowIssue("no_unit", {"building": building.number, "unit": f"{unit_text}单元"}))
        else:
            unit = places.units.get((building.id, unit_number)) if unit_number is not None else None
            key = (building.id, unit_number, room)
            before = places.households.get(key)
            if before is None:
                floor = _new_room_floor(building, unit, room, v.get("floor", ""), address, issues)
            if key in seen:
                issues.append(RowIssue("duplicate", {"row": seen[key]}))
            else:
                seen[key] = row.number
    if before is None and building is not None and room and not issues and "occupancy" not in values:
        issues.append(RowIssue("new_needs_occupancy"))
    after = None
    if before is not None:
        after = before._replace(**values)
    elif building is not None and floor is not None:
        after = Household(0, building.id, unit.id if unit else None, floor, room, values.get("occupancy", ""),
                          values.get("tags", frozenset()), values.get("people", 0), values.get("last_checked"),
                          values.get("follow_up", False), values.get("note", ""))
    if after is not None and after.occupancy == "空户" and after.people > 0:
        issues.append(RowIssue("empty_with_people", {"people": after.people}))
    head_before = places.heads.get(before.id) if before is not None else None
    head_after = _head(head_before, before.id if before is not None else 0, v, issues)
    if issues:
        return RosterRow(row.number, address, "error", tuple(issues), before, None, head_before, None)
    if before is None:
        status = "new"
    else:
        status = "unchanged" if after == before and head_after == head_before else "update"
    return RosterRow(row.number, address, status, (), before, after, head_before, head_after)


def _new_room_floor(building: Building, unit: Unit | None, room: str, floor_text: str, place: str,
                    issues: list[RowIssue]) -> int | None:
    """The floor of a room the building has but no household lives in yet; None
    (and the reason) when the building has no such room."""
    if floor_text:
        try:
            floor = int(floor_text.removesuffix("层").removesuffix("楼"))
        except ValueError:
            issues.append(RowIssue("bad_floor", {"value": floor_text}))
            return None
    elif parse.is_number(room) and len(room) >= 3:
        floor = int(room[:-2])
    else:
        floor = 0
    rooms = unit.rooms_per_floor if unit is not None else 0
    if unit is None or not (1 <= floor <= building.floors) or not room.startswith(str(floor)) \
            or not parse.is_number(room[len(str(floor)):]) or not 1 <= room_index(floor, room) <= rooms:
        issues.append(RowIssue("no_room", {"place": place.rsplit(" ", 1)[0], "room": room,
                                           "floors": building.floors, "rooms": rooms}))
        return None
    return floor


def _field_values(places: Addresses, v: Mapping[str, str], today: dt.date, issues: list[RowIssue]) -> dict[str, Any]:
    """The household fields the row sets (its non-blank cells), parsed."""
    values: dict[str, Any] = {}
    text = v.get("occupancy", "")
    if text:
        occupancy = OCCUPANCY_WORDS.get(text, text)
        if occupancy in OCCUPANCIES:
            values["occupancy"] = occupancy
        else:
            issues.append(RowIssue("bad_occupancy", {"value": text, "choices": "/".join(OCCUPANCIES)}))
    text = v.get("tags", "")
    if text:
        tags = frozenset() if text == NO_TAGS else frozenset(t for t in _TAG_SPLIT.split(text) if t)
        for tag in sorted(tags - set(places.tag_names)):
            issues.append(RowIssue("unknown_tag", {"tag": tag, "choices": "、".join(places.tag_names)}))
        values["tags"] = tags
    for name, parser, key, extra in (
            ("people", lambda t: parse.count(t, MOST_PEOPLE), "bad_people", {"most": MOST_PEOPLE}),
            ("last_checked", lambda t: parse.date(t, today), "bad_date", {}),
            ("follow_up", parse.yes_no, "bad_yes_no", {})):
        text = v.get(name, "")
        if text:
            try:
                values[name] = parser(text)
            except ValueError:
                issues.append(RowIssue(key, {"value": text, **extra}))
    if v.get("note", ""):
        values["note"] = v["note"]
    return values


def _head(before: Resident | None, household_id: int, v: Mapping[str, str],
          issues: list[RowIssue]) -> Resident | None:
    """The head resident as the row leaves them (name and phone)."""
    name, phone_text = v.get("head", ""), v.get("phone", "")
    phone = ""
    if phone_text:
        try:
            phone = parse.phone(phone_text)
        except ValueError:
            issues.append(RowIssue("bad_phone", {"value": phone_text}))
    if not name and not phone:
        return before
    head = before or Resident(0, household_id, "", "", "", True)
    return head._replace(name=name or head.name, phone=phone or head.phone)


class ImportHouseholdRoster(Command):
    """Write the good rows of a roster: updates, new households, head residents.

    The rows are checked again against the project as it is when the command is
    done, so what is written is exactly what a preview made now would show.
    """

    label = "Import household roster"

    def __init__(self, table: SheetTable, today: dt.date | None = None) -> None:
        super().__init__()
        self.table = table
        self.today = today

    def build(self, project: Project) -> tuple[RowChange, ...]:
        changes: list[RowChange] = []
        for row in preview_roster(project, self.table, self.today).writable:
            household = row.after
            if row.before is None:
                household = household._replace(id=project.new_id("households"))
                changes.append(RowChange("households", None, household))
            elif row.after != row.before:
                changes.append(RowChange("households", row.before, row.after))
            if row.head_after != row.head_before:
                if row.head_before is None:
                    head = row.head_after._replace(id=project.new_id("residents"), household_id=household.id)
                    changes.append(RowChange("residents", None, head))
                else:
                    changes.append(RowChange("residents", row.head_before, row.head_after))
        return tuple(changes)


def household_rows(project: Project, zone_id: int | None = None, heads: bool = False) -> list[list[Any]]:
    """The households of ``zone_id`` (all when None) with every field, in
    :data:`TEMPLATE_HEADER` order, by address; the head's name and phone only
    with ``heads`` (blank otherwise)."""
    places = Addresses(project)
    tables = project.tables
    grids = None
    if zone_id is not None:
        grids = {z for z in places.tree.walk(zone_id) if places.tree.is_leaf(z)}
    units = tables["units"]
    rows = []
    for h in tables["households"].values():
        building = tables["buildings"][h.building_id]
        if grids is not None and building.zone_id not in grids:
            continue
        community = places.community_of(building)
        compound = places.compounds.get(building.compound_id)
        head = places.heads.get(h.id) if heads else None
        rows.append([places.zones[community].name if community else "", compound.name if compound else "",
                     building.number, f"{units[h.unit_id].number}单元" if h.unit_id in units else "", h.room,
                     h.occupancy, "、".join(sorted(h.tags)) or NO_TAGS, h.people, head.name if head else "",
                     head.phone if head else "", h.last_checked.isoformat() if h.last_checked else "",
                     "是" if h.follow_up else "否", h.note])
    return sorted(rows, key=lambda r: (r[0], r[1], len(r[2]), r[2], r[3], len(r[4]), r[4]))


def roster_header(personal: bool) -> tuple[str, ...]:
    return TEMPLATE_HEADER if personal else PUBLIC_HEADER


def roster_rows(project: Project, zone_id: int | None = None, personal: bool = False) -> list[list[Any]]:
    """The households of ``zone_id`` (all when None) as roster rows in
    :func:`roster_header` order: every column when ``personal`` (internal),
    else only the public ones (no names, phones, tags or notes)."""
    rows = household_rows(project, zone_id, heads=personal)
    if personal:
        return rows
    keep = [TEMPLATE_HEADER.index(name) for name in PUBLIC_HEADER]
    return [[row[i] for i in keep] for row in rows]


_FILLING = ("楼栋、房号必填；小区用于区分同号楼栋。空白单元格表示保持原值。",
            "居住状态：常住 / 租户 / 空户 / 在外。标签用顿号分隔，如 志愿者、微信进群；写“无”表示清除标签。",
            "联系电话：11 位手机号，或带区号的固定电话，如 0371-61234567。",
            "最近走访：日期，如 2026-11-03。需跟进：是 / 否。")
# without names or phones, yet every flat's 空户 / 在外 is in it: a working sheet, not one to post
WORKING_NOTICE = "工作用表：含各户居住状态，仅供社区工作人员使用，请勿张贴、外传"
_PUBLIC_NOTE = ("本表不含户主姓名、联系电话、标签和备注。",
                "导入时表中没有的列保持原值，不会清除户主、电话、标签或备注。",
                "居住状态：常住 / 租户 / 空户 / 在外。最近走访：日期，如 2026-11-03。需跟进：是 / 否。")


def write_roster(path: str | Path, rows: Iterable[list[Any]], personal: bool = False) -> Path:
    """An .xlsx roster of ``rows`` (from :func:`roster_rows` with the same
    ``personal``); the internal one says so on top of every sheet. Written
    whole or not at all (``OutputError``)."""
    return _write(path, roster_header(personal), rows, _FILLING if personal else _PUBLIC_NOTE,
                  INTERNAL_NOTICE if personal else WORKING_NOTICE)


def write_template(path: str | Path) -> Path:
    """An empty roster with every column, and how to fill it in."""
    return _write(path, TEMPLATE_HEADER, [], _FILLING, "")


def _write(path: str | Path, header: tuple[str, ...], rows: Iterable[list[Any]], notes: tuple[str, ...],
           stamp: str) -> Path:
    book = new_book()
    fill_sheet(book.create_sheet("住户花名册"), header, rows, stamp=stamp,
               widths=[_WIDTHS[name] for name in header], as_text=True)
    fill_sheet(book.create_sheet("填写说明"), ("填写说明",), [[line] for line in notes], stamp=stamp, widths=(90,))
    return save_book(book, path)
