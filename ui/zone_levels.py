"""The words for the levels of the zone tree, as menus and messages say them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

from gridmap.model.entities import COMMUNITY_LEVEL, GRID_LEVEL, MICRO_GRID_LEVEL, OFFICE_LEVEL

LEVELS = (OFFICE_LEVEL, COMMUNITY_LEVEL, GRID_LEVEL, MICRO_GRID_LEVEL)
_WORDS = {
    OFFICE_LEVEL: QT_TRANSLATE_NOOP("ZoneLevels", "street office"),
    COMMUNITY_LEVEL: QT_TRANSLATE_NOOP("ZoneLevels", "community"),
    GRID_LEVEL: QT_TRANSLATE_NOOP("ZoneLevels", "grid"),
    MICRO_GRID_LEVEL: QT_TRANSLATE_NOOP("ZoneLevels", "micro-grid"),
}


def level_word(level: int) -> str:
    """"community" (社区) for level 2; the deepest word past the last level."""
    return QCoreApplication.translate("ZoneLevels", _WORDS[min(max(level, 1), max(LEVELS))])
