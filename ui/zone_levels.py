"""The words for the levels of the zone tree, as menus and messages say them."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

from gridmap.levels import depths
from gridmap.model.entities import COMMUNITY, GRID, MICRO_GRID, OFFICE, Level

_WORDS = {
    OFFICE: QT_TRANSLATE_NOOP("ZoneLevels", "street office"),
    COMMUNITY: QT_TRANSLATE_NOOP("ZoneLevels", "community"),
    GRID: QT_TRANSLATE_NOOP("ZoneLevels", "grid"),
    MICRO_GRID: QT_TRANSLATE_NOOP("ZoneLevels", "micro-grid"),
}


def role_word(role: str) -> str:
    """"community" (社区) for the communities' level."""
    return QCoreApplication.translate("ZoneLevels", _WORDS[role])


def level_word(level: int, levels: Iterable[Level] = ()) -> str:
    """The word for the level at depth ``level`` of a project with ``levels``
    (the default tree's if none are given): its role's word; for a level of no
    role (a 片区), the project's own name of it; above the top or past the deepest, the nearest end's."""
    levels = list(levels)
    at = depths(levels)
    role = at.role_at(level)
    if role:
        return role_word(role)
    named = next((lv.name for lv in levels if lv.depth == level and lv.name), None)
    if named:
        return named
    return role_word(OFFICE if level < at.office else MICRO_GRID)
