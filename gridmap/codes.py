"""Zone codes from the hierarchy: a parent's code followed by a serial of the
width its scheme gives the level (standards.md), serials in reading order
(north→south by rows, west→east within a row), and kept for zones that did
not change: only zones without a valid code of their own get a new serial.

Schemes (project metadata key ``code_scheme``): ``db11`` (Beijing unit grids:
6 district + 3 street + 3 community + 3 grid, the default) and ``cjt349`` (CJ/T
349-2010: ... + 3 community + 2 grid serial).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Mapping

import numpy as np
import shapely

from gridmap.commands.stack import Command
from gridmap.levels import Depths, project_depths
from gridmap.model.changes import RowChange
from gridmap.model.entities import COMMUNITY, GRID, MICRO_GRID, Zone
from gridmap.zone_tree import ZoneTree

if TYPE_CHECKING:
    from gridmap.project import Project

SCHEMES: dict[str, dict[str, int]] = {  # the role of a level → digits of the serial under the parent's code
    "db11": {COMMUNITY: 3, GRID: 3, MICRO_GRID: 3},
    "cjt349": {COMMUNITY: 3, GRID: 2, MICRO_GRID: 2},
}
OTHER_WIDTH = 3  # a level of no role (a 片区)
DEFAULT_SCHEME = "db11"


def serial_width(project: Project, level: int) -> int:
    """Digits of a serial at ``level`` under the project's scheme."""
    widths = SCHEMES.get(project.meta.get("code_scheme", DEFAULT_SCHEME), SCHEMES[DEFAULT_SCHEME])
    return widths.get(project_depths(project).role_at(level), OTHER_WIDTH)


def reading_order(zones: list[Zone]) -> list[Zone]:
    """North→south by rows, west→east within a row; a row is as tall as half a
    typical zone, so zones of one row that sit a little higher or lower stay in it."""
    if len(zones) < 2:
        return list(zones)
    points = shapely.get_coordinates(shapely.point_on_surface(np.array([z.geometry for z in zones], dtype=object)))
    bounds = shapely.bounds(np.array([z.geometry for z in zones], dtype=object))
    band = max(float(np.median(bounds[:, 3] - bounds[:, 1])) / 2, 1e-6)
    top = points[:, 1].max()
    rows = np.floor((top - points[:, 1]) / band)
    order = np.lexsort((points[:, 0], rows))
    return [zones[i] for i in order]


def new_codes(zones: Mapping[int, Zone], scheme: str = DEFAULT_SCHEME, renumber: bool = False,
              depths: Depths | None = None) -> dict[int, str]:
    """Zone id → code under ``scheme``. With ``renumber``, every serial is given
    again in reading order; otherwise zones keep a valid serial of their own.
    ``depths`` says which level plays which role (the default tree's if None)."""
    widths, depths = SCHEMES[scheme], depths or Depths()
    tree = ZoneTree(zones)
    codes = {z: zones[z].code for z in tree.roots}  # the top keeps its (administrative) code
    for parent in tree.walk():
        kids = [zones[k] for k in tree.children.get(parent, [])]
        if not kids:
            continue
        prefix = codes[parent]
        width = widths.get(depths.role_at(kids[0].level), OTHER_WIDTH)
        taken: set[int] = set()
        keep: dict[int, int] = {}
        if not renumber:
            for kid in reading_order(kids):
                serial = serial_of(kid.code, zones[parent].code, width)
                if serial is not None and serial not in taken:
                    keep[kid.id] = serial
                    taken.add(serial)
        free = (n for n in range(1, 10 ** width) if n not in taken)
        for kid in reading_order(kids):
            serial = keep.get(kid.id) or next(free)
            codes[kid.id] = f"{prefix}{serial:0{width}d}"
    return codes


def recoded_below(tree: ZoneTree, zones: Mapping[int, Zone], zone: Zone, code: str) -> dict[int, Zone]:
    """The zones under ``zone`` given ``code`` in place of its code where theirs
    begins with it (each keeps its own serials below), by id."""
    out = {}
    for below in tree.walk(zone.id)[1:]:
        old = zones[below]
        if old.code.startswith(zone.code):
            out[below] = old._replace(code=code + old.code[len(zone.code):])
    return out


def serial_of(code: str, parent_code: str, width: int) -> int | None:
    """The serial in ``code`` if it is ``parent_code`` + ``width`` digits (not zero)."""
    tail = code[len(parent_code):] if code.startswith(parent_code) else ""
    return int(tail) if len(tail) == width and tail.isdecimal() and int(tail) > 0 else None


class RecodeZones(Command):
    """Give zones the codes of the project's scheme (see ``new_codes``)."""

    def __init__(self, renumber: bool = False) -> None:
        super().__init__()
        self.renumber = renumber
        self.label = "Renumber zone codes" if renumber else "Regenerate zone codes"

    def build(self, project: Project) -> tuple[RowChange, ...]:
        zones = project.tables["zones"]
        scheme = project.meta.get("code_scheme", DEFAULT_SCHEME)  # (serial_width reads the same key)
        codes = new_codes(zones, scheme if scheme in SCHEMES else DEFAULT_SCHEME, self.renumber,
                          project_depths(project))
        return tuple(RowChange("zones", zones[z], zones[z]._replace(code=code))
                     for z, code in sorted(codes.items()) if zones[z].code != code)
