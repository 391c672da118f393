"""Naming a zone's children by serial: 第1网格, 第2网格… in reading order
(gridmap.codes.reading_order), each code renumbered to the same serial, so a
chart never prints "第8网格 … 编码 …003". A child with a name of its own (a
school's or a park's dedicated grid) keeps it and still takes its serial.

After an edit (a split, merge, delete, partition, renumber…)
``parents_to_offer`` says whose children no longer follow their serials.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from collections.abc import Iterable, Mapping

from gridmap.codes import reading_order, recoded_below, serial_width
from gridmap.model.changes import RowChange
from gridmap.levels import project_depths
from gridmap.model.entities import MICRO_GRID_LEVEL_NAMES, Zone
from gridmap.zone_names.rules import ZoneNameError
from gridmap.zone_tree import ZoneTree

if TYPE_CHECKING:
    from gridmap.project import Project

CHINESE_NUMERALS = "〇零一二两三四五六七八九十百"  # 第十二网格 is as much a serial as 第12网格


def level_name(project: Project, depth: int) -> str:
    """What a serial name at ``depth`` ends in: the project's name of the level,
    else 网格 (微网格 below the grids)."""
    names = {lv.depth: lv.name for lv in project.levels}
    return names.get(depth) or (MICRO_GRID_LEVEL_NAMES[0] if depth > project_depths(project).grid else "网格")


def is_serial_name(name: str, word: str) -> bool:
    """A name that only says the serial ("第7网格", "第七网格"; a blank one too):
    naming by serial may replace it. New zones are named so (ZoneEdit.new_zone,
    which says 网格 at any depth the project has no level for)."""
    return not name.strip() or re.fullmatch(rf"第(?:\d+|[{CHINESE_NUMERALS}]+)(?:{re.escape(word)}|网格)",
                                            name.strip()) is not None


def chinese_numeral(number: int) -> str:
    """1 → 一, 12 → 十二, 105 → 一百零五 (up to 999, as far as serials go)."""
    digits = "零一二三四五六七八九"
    hundreds, tens, ones = number // 100, number // 10 % 10, number % 10
    text = f"{digits[hundreds]}百" if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else digits[tens]) + "十"
    elif hundreds and ones:
        text += "零"
    return text + (digits[ones] if ones or not text else "")


def _in_chinese_numerals(kids: list[Zone], word: str) -> bool:
    """True where most serial names among ``kids`` say their number in Chinese
    (第一网格): naming by serial keeps the community's way of writing them."""
    chinese = [bool(re.search(f"[{CHINESE_NUMERALS}]", z.name)) for z in kids if is_serial_name(z.name, word)]
    return sum(chinese) * 2 > len(chinese)


def parents_to_name(project: Project, zone_id: int) -> list[int]:
    """The zones whose children naming "the grids of ``zone_id``" names: for a
    grid or a micro-grid with none below, its parent (it and its siblings); else
    ``zone_id`` and every zone under it that holds grids or micro-grids. A
    street office's own children, the communities, keep their names and codes
    (those are the civil affairs bureau's)."""
    zones = project.tables["zones"]
    tree, grid = ZoneTree(zones), project_depths(project).grid
    holds_grids = [z for z in tree.walk(zone_id) if tree.children.get(z) and zones[z].level + 1 >= grid]
    if tree.children.get(zone_id):
        return holds_grids
    parent = zones[zone_id].parent_id
    return [parent] if parent in zones and zones[parent].level + 1 >= grid else []


def serial_plan(project: Project, parent_id: int, zones: Mapping[int, Zone] | None = None) -> dict[int, Zone]:
    """Zone id → its new record, for the children of ``parent_id`` (and their
    descendants, whose codes take the new prefix) that change."""
    zones = project.tables["zones"] if zones is None else zones
    parent = zones.get(parent_id)
    if parent is None:
        raise ZoneNameError("no_zone", zone=parent_id)
    tree = ZoneTree(zones)
    kids = [zones[k] for k in tree.children.get(parent_id, [])]
    if not kids:
        raise ZoneNameError("no_children", zone=parent.name)
    depth = parent.level + 1
    width = serial_width(project, depth)
    if len(kids) >= 10 ** width:
        raise ZoneNameError("too_many", zone=parent.name, count=len(kids), width=width)
    word = level_name(project, depth)
    in_words = _in_chinese_numerals(kids, word)
    new: dict[int, Zone] = {}
    for serial, kid in enumerate(reading_order(kids), 1):
        code = f"{parent.code}{serial:0{width}d}"
        number = chinese_numeral(serial) if in_words else str(serial)
        name = f"第{number}{word}" if is_serial_name(kid.name, word) else kid.name
        if (code, name) != (kid.code, kid.name):
            new[kid.id] = kid._replace(code=code, name=name)
        if code != kid.code:  # descendants keep their own serials under the new prefix
            new.update(recoded_below(tree, zones, kid, code))
    return new


def naming_changes(project: Project, parent_ids: Iterable[int]) -> tuple[RowChange, ...]:
    """The row changes that name the children of every zone of ``parent_ids``
    by serial (parents higher in the tree first, so codes below follow them)."""
    before = project.tables["zones"]
    zones = dict(before)
    for parent_id in sorted(set(parent_ids), key=lambda z: zones[z].level if z in zones else 0):
        zones.update(serial_plan(project, parent_id, zones))
    return tuple(RowChange("zones", before[z], zones[z]) for z in sorted(before) if zones[z] != before[z])


def follows_serials(project: Project, parent_id: int, zones: Mapping[int, Zone] | None = None) -> bool:
    """True unless ``parent_id`` has children named by serial whose names or
    codes differ from their serial in reading order."""
    zones = project.tables["zones"] if zones is None else zones
    word = level_name(project, zones[parent_id].level + 1)
    kids = [z for z in zones.values() if z.parent_id == parent_id]
    if not any(is_serial_name(z.name, word) for z in kids):
        return True  # every child has a name of its own: nothing a serial should say
    try:
        return not serial_plan(project, parent_id, zones)
    except ZoneNameError:
        return True  # nothing that naming could do


def parents_to_offer(project: Project, changes: Iterable[RowChange]) -> list[int]:
    """The parents (grid level and below) whose children an edit just done left
    out of step with their serials, by code: where zones were added, removed,
    recoded or moved, if they are out of step now; where zones were only reshaped
    (a partition that kept every grid), if they were in step before."""
    zones = project.tables["zones"]
    grid = project_depths(project).grid
    changes = [c for c in changes if c.table == "zones"]
    regrouped: set[int] = set()
    reshaped: set[int] = set()
    for change in changes:
        before, after = change.before, change.after
        if before is None or after is None or (before.code, before.parent_id) != (after.code, after.parent_id):
            regrouped.update(z.parent_id for z in (before, after) if z is not None)
        elif not before.geometry.equals_exact(after.geometry, 0.0):
            reshaped.add(after.parent_id)
    found = [p for p in regrouped if p in zones and zones[p].level + 1 >= grid
             and not follows_serials(project, p)]
    reshaped -= regrouped
    if reshaped:
        was = dict(zones)
        for change in changes:
            if change.before is None:
                del was[change.key]
            else:
                was[change.key] = change.before
        found += [p for p in reshaped if p in zones and zones[p].level + 1 >= grid
                  and p in was and follows_serials(project, p, was) and not follows_serials(project, p)]
    return sorted(found, key=lambda p: (zones[p].code, p))
