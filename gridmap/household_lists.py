"""Lists of households that need care (独居, 空巢, 残疾) for a zone, and their
export to Excel for the community's own use.

The list names places, not people: building, unit, room, tags, how many live
there, when they were last checked, the follow-up flag and the note. Names and
phone numbers stay in the project; the sheet says on top that it is internal.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from collections.abc import Iterable

from gridmap.levels import project_depths
from gridmap.workbooks.writing import fill_sheet, new_book, save_book
from gridmap.zone_tree import ZoneTree

if TYPE_CHECKING:
    from gridmap.project import Project

CARE_TAGS = ("独居", "空巢", "残疾")
HEADER = ("网格", "小区", "楼栋", "单元", "房号", "居住状态", "关爱标签", "人数", "最近走访", "需跟进", "备注")
INTERNAL = "内部资料，请勿张贴或外传（含敏感信息：独居、空巢、残疾）"


def care_list(project: Project, zone_id: int, tags: Iterable[str] = CARE_TAGS) -> list[tuple[Any, ...]]:
    """One row per household in ``zone_id`` (and below) with any of ``tags``,
    by grid, building, unit and room."""
    wanted = frozenset(tags)
    zones, depths = project.tables["zones"], project_depths(project)
    tree = ZoneTree(zones)
    grids = {z for z in tree.walk(zone_id) if tree.is_leaf(z)} if zone_id in zones else set()  # buildings' links
    buildings = {b.id: b for b in project.tables["buildings"].values() if b.zone_id in grids}
    units = project.tables["units"]
    compounds = project.tables["compounds"]
    rows = []
    for h in project.tables["households"].values():
        building = buildings.get(h.building_id)
        if building is None or not (h.tags & wanted):
            continue
        unit = units.get(h.unit_id)
        compound = compounds.get(building.compound_id)
        rows.append((depths.grid_name(zones, building.zone_id), compound.name if compound else "", building.number,
                     f"{unit.number}单元" if unit else "", h.room, h.occupancy, "、".join(sorted(h.tags & wanted)),
                     h.people, h.last_checked.isoformat() if h.last_checked else "", "是" if h.follow_up else "",
                     h.note))
    return sorted(rows, key=lambda r: (r[0], r[1], len(r[2]), r[2], r[3], len(r[4]), r[4]))


def write_care_list(path: str | Path, title: str, rows: list[tuple[Any, ...]]) -> Path:
    """An .xlsx workbook: the internal notice, a title, the header and the
    rows; written whole or not at all (``OutputError``)."""
    book = new_book()
    fill_sheet(book.create_sheet("关爱对象"), HEADER, rows, stamp=INTERNAL, title=title,
               widths=(12, 14, 9, 7, 7, 9, 14, 6, 12, 7, 28))
    return save_book(book, path)
