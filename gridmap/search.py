"""Find grids, compounds (小区), buildings, households (by address "5-2-301") and staff.

Qt-free and index-free: the tables are in memory and a few tens of thousands
of comparisons take milliseconds; results are ranked exact-first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gridmap.hierarchy import natural_key
from gridmap.levels import project_depths
from gridmap.zone_tree import ZoneTree

if TYPE_CHECKING:
    from gridmap.project import Project

# building-unit-room, e.g. "5-2-301" or "5号楼2单元301"; matched on text whose runs of white space are
# one space (" ?", not "\s*": adjacent "\s*"s let a long run of spaces be split every which way, for
# minutes of backtracking)
_ADDRESS = re.compile(r"^(\d+) ?(?:号楼|号|栋|幢)? ?[-－—_ ] ?(\d+) ?(?:单元)? ?[-－—_ ]? ?(\d+) ?(?:室|号)?$")
_ADDRESS_CN = re.compile(r"^(\d+) ?(?:号楼|号|栋|幢) ?(\d+) ?单元 ?(\d+) ?(?:室|号)?$")
_BUILDING = re.compile(r"^(\d+) ?(?:号楼|号|栋|幢)$")
LONGEST_ADDRESS = 40  # characters: a longer text is no address, and is not matched as one
MAX_RESULTS = 200


@dataclass(frozen=True)
class Hit:
    kind: str  # zone / compound / building / household / staff
    id: int
    title: str  # what was found
    context: str  # where: community › compound
    rank: int  # lower is better
    order: str = ""  # the zone code: hits list in tree order


def search(project: Project, text: str, limit: int = MAX_RESULTS) -> list[Hit]:
    """Hits for ``text``, best first.

    ``text`` is a zone code or name, a compound's name (whole or part), a building ("5号楼"), an address
    ("5-2-301", "5号楼2单元301"), a staff name or part of a phone number.
    A zone name before an address or building narrows it: "新华街 5-2-301".
    """
    words = text.split()
    if not words:
        return []
    text = " ".join(words)
    within = None
    if len(words) >= 2 and (_address(words[-1]) or _building(words[-1])):
        within = _zones_named(project, " ".join(words[:-1]))
        text = words[-1]
    hits: list[Hit] = []
    tree = ZoneTree(project.tables["zones"])
    address = _address(text)
    if address:
        hits += _households(project, tree, *address.groups())
    building = _building(text)
    if building:
        hits += _buildings(project, tree, building.group(1))
    if within is None:
        hits += _zones(project, text)
        hits += _compounds(project, tree, text)
        hits += _staff(project, text)
        if text.isdecimal() and not building:
            hits += _buildings(project, tree, text, rank=3)
    else:
        hits = [h for h in hits if any(h.order.startswith(code) for code in within)]
    hits.sort(key=lambda h: (h.rank, h.order, natural_key(h.title)))
    return hits[:limit]


def _address(text: str) -> re.Match | None:
    if len(text) > LONGEST_ADDRESS:
        return None
    return _ADDRESS.match(text) or _ADDRESS_CN.match(text)


def _building(text: str) -> re.Match | None:
    return _BUILDING.match(text) if len(text) <= LONGEST_ADDRESS else None


def _zones_named(project: Project, words: str) -> list[str]:
    """Codes of the zones whose name contains ``words``: their subtree is searched."""
    return [z.code for z in project.tables["zones"].values() if words in z.name]


def _where(project: Project, building, tree: ZoneTree) -> str:
    zones = project.tables["zones"]
    # community › grid (› micro-grid): the street office and what is above it are the same for every hit
    office = project_depths(project).office
    names = [zones[z].name for z in tree.ancestors(building.zone_id) if zones[z].level > office]
    compound = project.tables["compounds"].get(building.compound_id)
    path = list(reversed(names)) + ([compound.name] if compound else [])
    return " › ".join(path)


def _zone_code(project: Project, building) -> str:
    zone = project.tables["zones"].get(building.zone_id)
    return zone.code if zone else ""


def _households(project: Project, tree: ZoneTree, number: str, unit: str, room: str) -> list[Hit]:
    buildings = {b.id: b for b in project.tables["buildings"].values()
                 if b.number.removesuffix("号楼") == number or b.number == number}
    units = {u.id: u for u in project.tables["units"].values()
             if u.building_id in buildings and u.number == int(unit)}
    hits = []
    for h in project.tables["households"].values():
        if h.unit_id in units and h.room == room:
            b = buildings[h.building_id]
            hits.append(Hit("household", h.id, f"{b.number}{unit}单元{room}", _where(project, b, tree), 0,
                            _zone_code(project, b)))
    return hits


def _buildings(project: Project, tree: ZoneTree, number: str, rank: int = 1) -> list[Hit]:
    return [Hit("building", b.id, b.number, _where(project, b, tree), rank, _zone_code(project, b))
            for b in project.tables["buildings"].values() if b.number.removesuffix("号楼") == number]


def _zones(project: Project, text: str) -> list[Hit]:
    levels = {lv.depth: lv.name for lv in project.levels}
    zones = project.tables["zones"]
    hits = []
    for z in zones.values():
        parent = zones.get(z.parent_id)
        context = f"{levels.get(z.level, '')} · {parent.name}" if parent else levels.get(z.level, "")
        if z.code == text or z.name == text:
            hits.append(Hit("zone", z.id, z.name, context, 0, z.code))
        elif text in z.name or (text.isdecimal() and z.code.startswith(text) and len(text) >= 6):
            hits.append(Hit("zone", z.id, z.name, context, 2, z.code))
    return hits


def _compounds(project: Project, tree: ZoneTree, text: str) -> list[Hit]:
    """Compounds by name; listed under the community and grid of their first building."""
    first_building = {}
    for b in sorted(project.tables["buildings"].values(), key=lambda b: natural_key(b.number)):
        first_building.setdefault(b.compound_id, b)
    hits = []
    for c in project.tables["compounds"].values():
        rank = 0 if c.name == text else 2 if text in c.name else None
        if rank is None:
            continue
        building = first_building.get(c.id)
        where = _where(project, building, tree).rsplit(" › ", 1)[0] if building else ""
        context = f"{c.kind} · {where}" if where else c.kind
        hits.append(Hit("compound", c.id, c.name, context, rank, _zone_code(project, building) if building else ""))
    return hits


def _staff(project: Project, text: str) -> list[Hit]:
    digits = text.replace(" ", "").replace("-", "")
    hits = []
    for s in project.tables["staff"].values():
        roles = "、".join(sorted(s.roles))
        if s.name == text:
            hits.append(Hit("staff", s.id, s.name, roles, 0))
        elif text in s.name or (digits.isdecimal() and len(digits) >= 4 and digits in s.phone):
            hits.append(Hit("staff", s.id, s.name, roles, 2))
    return hits
