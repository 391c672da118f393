"""The staff roster workbook (人员分工表): who holds which post where, and the
households each party member looks after (党员联户).

Sheet 分工 has one row per post: 姓名, 联系电话, 职责, then where: 网格编码 (or
网格) for a zone, 小区 + 楼栋 for a building, + 单元 for a unit, 小区 + 卡点 for a
checkpoint; nothing for a role held without a place (a volunteer). 社区, 电话公开 and 备注 describe the
person. Sheet 党员联户 has one row per household: the member's 姓名 and 联系电话,
the household's 小区, 楼栋, 单元, 房号.

A person is known by name and phone. Importing adds people, roles, posts and
links the project does not have yet; it removes nothing. Export then import into
a copy without staff gives the same posts and links.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from collections.abc import Mapping

from gridmap.charts.privacy import INTERNAL_STAMP
from gridmap.commands.stack import Command
from gridmap.model.changes import RowChange
from gridmap.model.entities import Assignment, PartyLink, Staff
from gridmap.workbooks import values
from gridmap.workbooks.messages import RowIssue
from gridmap.workbooks.places import Addresses
from gridmap.workbooks.reading import SheetTable, WorkbookError, read_table
from gridmap.workbooks.writing import fill_sheet, new_book, save_book

if TYPE_CHECKING:
    from gridmap.project import Project

POST_SHEET, LINK_SHEET = "分工", "党员联户"
INTERNAL_NOTICE = f"{INTERNAL_STAMP}，含工作人员联系方式，请勿外传"
POST_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("姓名",),
    "phone": ("联系电话", "电话", "手机", "手机号"),
    "role": ("职责", "职务", "角色", "岗位"),
    "community": ("社区", "所属社区"),
    "zone_code": ("网格编码", "编码"),
    "zone": ("网格", "网格名称", "负责网格"),
    "compound": ("小区", "小区名称", "楼院"),
    "building": ("楼栋", "楼号"),
    "unit": ("单元",),
    "site": ("卡点", "点位"),
    "public": ("电话公开", "公开电话", "上墙"),
    "note": ("备注",),
}
POST_HEADER = ("姓名", "联系电话", "职责", "社区", "网格编码", "网格", "小区", "楼栋", "单元", "卡点", "电话公开",
               "备注")
LINK_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "党员", "党员姓名"), "phone": ("联系电话", "电话", "手机"),
    "compound": ("小区",), "building": ("楼栋", "楼号"), "unit": ("单元",), "room": ("房号", "门牌号"),
}
LINK_HEADER = ("姓名", "联系电话", "小区", "楼栋", "单元", "房号")
NUMBER_FIELDS = ("zone_code", "building", "unit", "room")  # digits read as NFKC (phones are, when parsed)

Person = tuple[str, str]  # name, phone: how a roster tells people apart


@dataclass(frozen=True)
class StaffRow:
    sheet: str
    number: int
    person: str  # "张三 138****5678"
    what: str  # "网格长 @ 410104099001001 第1网格"
    status: str  # new / update / unchanged / error
    issues: tuple[RowIssue, ...] = ()


@dataclass(frozen=True)
class StaffPreview:
    posts: SheetTable
    links: SheetTable | None
    rows: tuple[StaffRow, ...]
    # what the good rows add, resolved against the project
    people: dict[Person, dict[str, Any]]  # new or changed people: fields to set
    existing: dict[Person, int]  # people already on the roster
    assignments: tuple[tuple[Person, str, int, str], ...]  # (person, target kind, target id, role)
    party_links: tuple[tuple[Person, int], ...]  # (member, household id)

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)


def read_staff_roster(path: str | Path) -> tuple[SheetTable, SheetTable | None]:
    posts = read_table(path, POST_HEADERS, ("name", "role"))
    try:
        links = read_table(path, LINK_HEADERS, ("name", "room"))
    except WorkbookError:
        links = None  # a roster without household links
    return posts, links


def _person_label(name: str, phone: str) -> str:
    return f"{name} {values.masked_phone(phone)}".strip() if phone else name


def preview_staff_roster(project: Project, posts: SheetTable, links: SheetTable | None) -> StaffPreview:
    """Every row checked against the project; nothing is written."""
    places = Addresses(project)
    tables = project.tables
    on_roster: dict[Person, list[int]] = defaultdict(list)
    for s in tables["staff"].values():
        on_roster[(s.name, s.phone)].append(s.id)
    held = {(a.staff_id, a.target_kind, a.target_id, a.role) for a in tables["assignments"].values()}
    linked = {(link.staff_id, link.household_id) for link in tables["party_links"].values()}
    communities = {z.name: z.id for z in tables["zones"].values() if z.level == places.community_depth}
    zones_by_code = {z.code: z.id for z in tables["zones"].values()}
    people: dict[Person, dict[str, Any]] = {}
    existing: dict[Person, int] = {}
    assignments: dict[tuple[Person, str, int, str], None] = {}
    party: dict[tuple[Person, int], None] = {}
    rows: list[StaffRow] = []

    def person_of(v: Mapping[str, str], issues: list[RowIssue]) -> Person | None:
        name = v.get("name", "")
        phone = v.get("phone", "")
        if not name:
            issues.append(RowIssue("missing_name"))
        if phone:
            try:
                phone = values.phone(phone)
            except ValueError:
                issues.append(RowIssue("bad_phone", {"value": phone}))
        if name and len(on_roster.get((name, phone), ())) > 1:
            issues.append(RowIssue("duplicate_person", {"name": name}))
        return (name, phone) if name else None

    for row in posts.rows:
        issues = values.long_cells(row.values, {"name": "long_name", "role": "long_role", "note": "long_note"})
        v = values.normalised_numbers(values.cleaned_cells(row.values), NUMBER_FIELDS)
        person = person_of(v, issues)
        role = v.get("role", "").strip()
        fields: dict[str, Any] = {}
        if v.get("community"):
            if v["community"] in communities:
                fields["community_id"] = communities[v["community"]]
            else:
                issues.append(RowIssue("no_community", {"community": v["community"]}))
        if v.get("public"):
            try:
                fields["phone_public"] = values.yes_no(v["public"])
            except ValueError:
                issues.append(RowIssue("bad_yes_no", {"value": v["public"]}))
        if v.get("note"):
            fields["note"] = v["note"]
        target = _target(places, zones_by_code, v, issues)
        what = " ".join(x for x in (role, "@" if target else "", _target_text(v) if target else "") if x)
        label = _person_label(*person) if person else ""
        if issues or person is None:
            rows.append(StaffRow(POST_SHEET, row.number, label, what, "error", tuple(issues)))
            continue
        known = on_roster.get(person)
        staff_id = known[0] if known else None
        if staff_id is not None:
            existing[person] = staff_id
        record = tables["staff"].get(staff_id)
        changed = dict(people.get(person, {}))
        roles = set(changed.get("roles", record.roles if record else ()))
        if role:
            roles.add(role)
        changed["roles"] = frozenset(roles)
        changed.update(fields)
        people[person] = changed
        post_is_new = False
        if target is not None and role:
            post = (person, target[0], target[1], role)
            post_is_new = staff_id is None or (staff_id, *target, role) not in held
            if post_is_new:
                assignments[post] = None
        person_changes = record is None or any(getattr(record, k) != val for k, val in changed.items())
        status = "new" if record is None else ("update" if post_is_new or person_changes else "unchanged")
        rows.append(StaffRow(POST_SHEET, row.number, label, what, status))

    for row in links.rows if links is not None else ():
        issues = values.long_cells(row.values, {"name": "long_name"})
        v = values.normalised_numbers(values.cleaned_cells(row.values), NUMBER_FIELDS)
        person = person_of(v, issues)
        household = None
        building = places.building(v, issues)
        room = v.get("room", "").removesuffix("室").strip()
        unit_text = v.get("unit", "").removesuffix("单元").strip()
        if building is not None:
            unit_number = int(unit_text) if values.is_number(unit_text) else None
            household = places.households.get((building.id, unit_number, room))
            if household is None:
                issues.append(RowIssue("no_household", {"address": " ".join(
                    x for x in (v.get("compound", ""), building.number, f"{unit_text}单元" if unit_text else "", room)
                    if x)}))
        if person is not None and not issues and person not in people and person not in on_roster:
            issues.append(RowIssue("unknown_member", {"name": person[0]}))
        label = _person_label(*person) if person else ""
        what = " ".join(x for x in (v.get("compound", ""), v.get("building", ""), unit_text and f"{unit_text}单元",
                                    room) if x)
        if issues or person is None:
            rows.append(StaffRow(LINK_SHEET, row.number, label, what, "error", tuple(issues)))
            continue
        staff_id = on_roster.get(person, [None])[0]
        if staff_id is not None:
            existing[person] = staff_id
        is_new = staff_id is None or (staff_id, household.id) not in linked
        if is_new:
            party[(person, household.id)] = None
            changed = dict(people.get(person, {}))
            record = tables["staff"].get(staff_id)
            changed["roles"] = frozenset(changed.get("roles", record.roles if record else ())) | {"联户党员"}
            people[person] = changed
        rows.append(StaffRow(LINK_SHEET, row.number, label, what, "new" if is_new else "unchanged"))
    return StaffPreview(posts, links, tuple(rows), people, existing, tuple(assignments), tuple(party))


def _target(places: Addresses, zones_by_code: Mapping[str, int], v: Mapping[str, str],
            issues: list[RowIssue]) -> tuple[str, int] | None:
    """Where a post is: ("unit" | "building" | "zone" | "site_point", id), None
    for a role without a place, or None with the reason in ``issues``."""
    if v.get("site"):
        found = [p.id for p in places.site_points.values() if p.name == v["site"] and (
            not v.get("compound") or (p.compound_id in places.compounds
                                      and places.compounds[p.compound_id].name == v["compound"]))]
        if len(found) != 1:
            issues.append(RowIssue("no_site" if not found else "ambiguous_site",
                                   {"site": " ".join(x for x in (v.get("compound", ""), v["site"]) if x),
                                    "count": len(found)}))
            return None
        return "site_point", found[0]
    if v.get("building"):  # the person's community is not the building's filter: staff may serve next door
        building = places.building({k: v[k] for k in ("compound", "building") if k in v}, issues)
        if building is None:
            return None
        unit_text = v.get("unit", "").removesuffix("单元").strip()
        if not unit_text:
            return "building", building.id
        unit = places.units.get((building.id, int(unit_text))) if values.is_number(unit_text) else None
        if unit is None:
            issues.append(RowIssue("no_unit", {"building": building.number, "unit": f"{unit_text}单元"}))
            return None
        return "unit", unit.id
    code = v.get("zone_code", "")
    if code:
        if code not in zones_by_code:
            issues.append(RowIssue("no_zone_code", {"code": code}))
            return None
        return "zone", zones_by_code[code]
    name = v.get("zone", "")
    if name:
        found = [z.id for z in places.zones.values() if z.name == name
                 and (not v.get("community") or any(places.zones[a].name == v["community"]
                                                    for a in places.tree.ancestors(z.id)))]
        if len(found) != 1:
            issues.append(RowIssue("no_zone" if not found else "ambiguous_zone", {"zone": name, "count": len(found)}))
            return None
        return "zone", found[0]
    return None


def _target_text(v: Mapping[str, str]) -> str:
    return " ".join(x for x in (v.get("zone_code", ""), v.get("zone", ""), v.get("compound", ""),
                                v.get("building", ""), v.get("unit", ""), v.get("site", "")) if x)


class ImportStaffRoster(Command):
    """Write the good rows: new people, roles and fields, posts, household links.
    Checked again against the project as it is when done."""

    label = "Import staff roster"

    def __init__(self, posts: SheetTable, links: SheetTable | None) -> None:
        super().__init__()
        self.posts, self.links = posts, links

    def build(self, project: Project) -> tuple[RowChange, ...]:
        preview = preview_staff_roster(project, self.posts, self.links)
        tables = project.tables
        ids: dict[Person, int] = dict(preview.existing)
        changes: list[RowChange] = []
        for person, fields in preview.people.items():
            if person in ids:
                before = tables["staff"][ids[person]]
                after = before._replace(**fields)
                if after != before:
                    changes.append(RowChange("staff", before, after))
            else:
                ids[person] = project.new_id("staff")
                record = Staff(ids[person], person[0], person[1], frozenset(), None, False, "")._replace(**fields)
                changes.append(RowChange("staff", None, record))
        for person, kind, target, role in preview.assignments:
            changes.append(RowChange("assignments", None,
                                     Assignment(project.new_id("assignments"), ids[person], kind, target, role)))
        taken = {link.household_id: link for link in tables["party_links"].values()}
        for person, household in preview.party_links:
            if household in taken:  # one party member per household: the roster's replaces the old
                changes.append(RowChange("party_links", taken.pop(household), None))
            changes.append(RowChange("party_links", None,
                                     PartyLink(project.new_id("party_links"), ids[person], household)))
        return tuple(changes)


def roster_sheets(project: Project) -> tuple[list[list[Any]], list[list[Any]]]:
    """The roster as the two sheets' rows (posts, household links)."""
    tables = project.tables
    zones, buildings, units, compounds = (tables[n] for n in ("zones", "buildings", "units", "compounds"))

    def building_cells(building_id: int) -> list[str]:
        b = buildings[building_id]
        compound = compounds.get(b.compound_id)
        return [zones[b.zone_id].code if b.zone_id in zones else "", "", compound.name if compound else "", b.number]

    def site_cells(point_id: int) -> list[str]:
        p = tables["site_points"][point_id]
        return ["", "", compounds[p.compound_id].name if p.compound_id in compounds else "", "", "", p.name]

    posts: list[list[Any]] = []
    by_staff: dict[int, list[Assignment]] = defaultdict(list)
    for a in sorted(tables["assignments"].values(), key=lambda a: a.id):
        by_staff[a.staff_id].append(a)
    for s in sorted(tables["staff"].values(), key=lambda s: s.id):
        community = zones[s.community_id].name if s.community_id in zones else ""
        head = [s.name, s.phone]
        tail = ["是" if s.phone_public else "否", s.note]
        placed = set()
        for a in by_staff.get(s.id, []):
            if a.target_kind == "zone" and a.target_id in zones:
                where = [zones[a.target_id].code, zones[a.target_id].name, "", "", "", ""]
            elif a.target_kind == "building" and a.target_id in buildings:
                where = building_cells(a.target_id) + ["", ""]
            elif a.target_kind == "unit" and a.target_id in units:
                where = building_cells(units[a.target_id].building_id) + [f"{units[a.target_id].number}单元", ""]
            elif a.target_kind == "site_point" and a.target_id in tables["site_points"]:
                where = site_cells(a.target_id)
            else:
                continue  # a dangling post: the staffing check reports it
            posts.append(head + [a.role, community] + where + tail)
            placed.add(a.role)
        for role in sorted(s.roles - placed) or ([""] if not placed else []):
            posts.append(head + [role, community, "", "", "", "", "", ""] + tail)
    links = []
    for link in sorted(tables["party_links"].values(), key=lambda link: link.id):
        s, h = tables["staff"].get(link.staff_id), tables["households"].get(link.household_id)
        if s is None or h is None:
            continue
        b = buildings[h.building_id]
        compound = compounds.get(b.compound_id)
        links.append([s.name, s.phone, compound.name if compound else "", b.number,
                      f"{units[h.unit_id].number}单元" if h.unit_id in units else "", h.room])
    return posts, links


def write_staff_roster(path: str | Path, posts: list[list[Any]], links: list[list[Any]]) -> Path:
    """An .xlsx with the two sheets; it holds names and phones, and says so on
    top of each. Written whole or not at all (``OutputError``)."""
    book = new_book()
    for title, header, rows, widths in (
            (POST_SHEET, POST_HEADER, posts, (9, 14, 10, 12, 17, 10, 14, 8, 7, 8, 16)),
            (LINK_SHEET, LINK_HEADER, links, (9, 14, 14, 8, 7, 7))):
        fill_sheet(book.create_sheet(title), header, rows, stamp=INTERNAL_NOTICE, widths=widths)
    return save_book(book, path)


def coverage_rows(project: Project) -> list[list[Any]]:
    """Per grid: code, name, chief, members, buildings (with a head), households,
    occupied households (with a party member)."""
    from gridmap.staffing.workload import grid_cover

    return [[c.code, c.name, "、".join(c.chiefs), "、".join(c.members), c.buildings, c.buildings_with_head,
             c.households, c.occupied, c.linked, round(c.households_per_member, 1)] for c in grid_cover(project)]


COVERAGE_HEADER = ("网格编码", "网格", "网格长", "网格员", "楼栋", "有楼栋长的楼栋", "住户", "在住户", "已联户",
                   "每名网格员住户")


def write_coverage(path: str | Path, rows: list[list[Any]]) -> Path:
    """The coverage table: grid staff by name (as on the wall boards) and counts,
    no phones and no residents; written whole or not at all (``OutputError``)."""
    book = new_book()
    fill_sheet(book.create_sheet("覆盖情况"), COVERAGE_HEADER, rows, widths=(17, 10, 9, 16, 6, 12, 6, 7, 7, 12))
    return save_book(book, path)

