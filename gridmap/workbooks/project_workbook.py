"""The project as one Excel workbook for the office: households (住户), staff
posts (人员) and counts per zone (统计), one sheet each, Chinese headers.

Public by default, under the charts' rules: no flat at all. Its 住户 sheet
counts households, people and occupancies per building: which flat is empty
(空户) or away (在外) tells a burglar where to go, and whereabouts are
sensitive (PIPL art. 28). No resident names or phones (the roster export with
``--personal`` is the way to those), no sensitive tags, staff phones masked
unless public. Having no 房号 column it is refused as a roster, so importing
it back changes nothing. Internal lists every flat with every tag and the
notes, shows every staff phone, and says so on each sheet.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from gridmap.charts.privacy import INTERNAL_NOTICE, Privacy
from gridmap.household_stats import household_counts
from gridmap.model.entities import OCCUPANCIES
from gridmap.workbooks.household_roster import TEMPLATE_HEADER, household_rows
from gridmap.workbooks.writing import fill_sheet, new_book, save_book

if TYPE_CHECKING:
    from gridmap.project import Project

HOUSEHOLD_HEADER = ("社区", "小区", "楼栋", "单元", "房号", "居住状态", "标签", "人数", "最近走访", "需跟进", "备注")
# Per building, not per unit: a unit of two flats with one 空户 would point at it.
BUILDING_HEADER = ("社区", "小区", "楼栋", "单元数", "户数", "人数", *OCCUPANCIES)
# and a building of fewer flats (a village house) shows no 人数 or occupancy:
# there "1 空户" or "0 人" is that one flat
FEWEST_COUNTED = 3
STAFF_HEADER = ("姓名", "职责", "所在", "编码", "联系电话")
_UNIT, _OCCUPANCY, _PEOPLE = (TEMPLATE_HEADER.index(name) for name in ("单元", "居住状态", "人数"))


def household_header(privacy: Privacy) -> tuple[str, ...]:
    return HOUSEHOLD_HEADER if privacy.internal else BUILDING_HEADER


def household_sheet(project: Project, privacy: Privacy) -> list[list[Any]]:
    """The 住户 sheet under :func:`household_header`'s columns: internal,
    every household without its head; public, counts per building."""
    rows = household_rows(project)
    if not privacy.internal:
        return building_rows(rows)
    keep = [TEMPLATE_HEADER.index(name) for name in HOUSEHOLD_HEADER]
    return [[row[i] for i in keep] for row in rows]


def building_rows(households: list[list[Any]]) -> list[list[Any]]:
    """:data:`BUILDING_HEADER` rows from :func:`household_rows` (sorted by
    address, so by building): one per building with households; blank 人数
    and occupancies under :data:`FEWEST_COUNTED` households."""
    buildings: dict[tuple[str, str, str], tuple[set[str], list[int]]] = {}
    for row in households:
        units, counts = buildings.setdefault((row[0], row[1], row[2]), (set(), [0] * (2 + len(OCCUPANCIES))))
        units.add(row[_UNIT])
        counts[0] += 1
        counts[1] += row[_PEOPLE]
        if row[_OCCUPANCY] in OCCUPANCIES:
            counts[2 + OCCUPANCIES.index(row[_OCCUPANCY])] += 1
    return [[*place, len(units - {""}), counts[0],
             *(counts[1:] if counts[0] >= FEWEST_COUNTED else [""] * (len(counts) - 1))]
            for place, (units, counts) in buildings.items()]


def staff_sheet(project: Project, privacy: Privacy) -> list[list[Any]]:
    t = project.tables
    names = {"zone": lambda i: (t["zones"][i].name, t["zones"][i].code),
             "building": lambda i: (t["buildings"][i].number, t["buildings"][i].code),
             "unit": lambda i: (f"{t['buildings'][t['units'][i].building_id].number} {t['units'][i].number}单元", ""),
             "site_point": lambda i: (t["site_points"][i].name, "")}
    tables = {"zone": "zones", "building": "buildings", "unit": "units", "site_point": "site_points"}
    rows = []
    for a in sorted(t["assignments"].values(), key=lambda a: (a.staff_id, a.id)):
        person = t["staff"].get(a.staff_id)
        if person is None or a.target_id not in t[tables.get(a.target_kind, "zones")]:
            continue
        where, code = names[a.target_kind](a.target_id)
        rows.append([person.name, a.role, where, code, privacy.staff_phone(person)])
    return rows


def stats_sheet(project: Project, privacy: Privacy) -> tuple[list[str], list[list[Any]]]:
    counts = household_counts(project)
    tags = [t.name for t in project.tag_defs if privacy.internal or not t.sensitive]
    levels = {lv.depth: lv.name for lv in project.levels}
    header = ["层级", "编码", "名称", "户数", "人数", *OCCUPANCIES, *tags]
    rows = []
    for z in sorted(project.tables["zones"].values(), key=lambda z: (z.code, z.level)):
        c = counts.get(z.id)
        if c is None:
            continue
        rows.append([levels.get(z.level, str(z.level)), z.code, z.name, c.households, c.people,
                     *(c.occupancy.get(o, 0) for o in OCCUPANCIES), *(c.tags.get(t, 0) for t in tags)])
    return header, rows


def write_project_workbook(project: Project, path: str | Path, mode: str = "public") -> dict[str, int]:
    """The three sheets in ``path`` (.xlsx), written whole or not at all
    (``OutputError``); returns the rows per sheet."""
    privacy = Privacy(mode)
    header, stats = stats_sheet(project, privacy)
    sheets = {"住户": (household_header(privacy), household_sheet(project, privacy)),
              "人员": (STAFF_HEADER, staff_sheet(project, privacy)),
              "统计": (header, stats)}
    book = new_book()
    for title, (head, rows) in sheets.items():
        fill_sheet(book.create_sheet(title), head, rows, stamp=INTERNAL_NOTICE if privacy.internal else "")
    save_book(book, path)
    return {title: len(rows) for title, (_, rows) in sheets.items()}
