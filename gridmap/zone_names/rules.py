"""What a zone's name may be: not empty, no control character (the rule every
name in the project follows, gridmap.model.validation) and no invisible one
(a zero-width space or a direction mark makes "第2网格" a second name that looks
the same), short enough for a chart's title line, and not the name of a
sibling (two 第3网格 under one community is always a mistake: rosters and
charts find grids by name). New top zones (a street office drawn or made from
the data) follow the same rules."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from gridmap.errors import EditError
from gridmap.model.validation import NAME_UNWANTED
from gridmap.reasons import Reason
from gridmap.zone_names.messages import CONTEXT, REFUSALS

if TYPE_CHECKING:
    from gridmap.project import Project

# characters: a wall chart's title line holds the office's, the community's and the compound's names
LONGEST_ZONE_NAME = 40
# Characters that print as nothing: format characters (category Cf: zero-width spaces and joiners,
# direction marks, the byte-order mark, the soft hyphen) and the letters that fonts draw blank.
_BLANK_LETTERS = re.compile("[\u115f\u1160\u2800\u3164\uffa0]")


class ZoneNameError(EditError):
    """A refused zone name or serial naming: ``key`` names it in messages.REFUSALS
    and ``params`` fill its blanks; the message is a Reason, so the window can
    say it in the user's language (ui/reason_text.py)."""

    def __init__(self, key: str, **params) -> None:
        self.key, self.params = key, params
        super().__init__(Reason(CONTEXT, REFUSALS[key], **params))


def _same(a: str, b: str) -> bool:
    """Equal as a reader sees them (full-width "第１网格" is "第1网格")."""
    return unicodedata.normalize("NFKC", a) == unicodedata.normalize("NFKC", b)


def _invisible(text: str) -> str | None:
    """The first character of ``text`` that prints as nothing, if any."""
    found = _BLANK_LETTERS.search(text)
    if found:
        return found.group()
    return next((c for c in text if unicodedata.category(c) == "Cf"), None)


def checked_name(project: Project, zone_id: int, name: str) -> str:
    """``name`` without its outer spaces, if zone ``zone_id`` may take it; else ZoneNameError."""
    zone = project.tables["zones"].get(zone_id)
    if zone is None:
        raise ZoneNameError("no_zone", zone=zone_id)
    return _checked(project, zone.parent_id, name, zone.id)


def checked_new_name(project: Project, parent_id: int | None, name: str) -> str:
    """``name`` without its outer spaces, if a new zone under ``parent_id``
    (None: a top zone) may take it; else ZoneNameError."""
    return _checked(project, parent_id, name, None)


def _checked(project: Project, parent_id: int | None, name: str, own_id: int | None) -> str:
    zones = project.tables["zones"]
    text = name or ""
    if NAME_UNWANTED.search(text):
        raise ZoneNameError("control")
    hidden = _invisible(text)
    if hidden is not None:
        raise ZoneNameError("invisible", code=f"U+{ord(hidden):04X}")
    text = text.strip()
    if not text:
        raise ZoneNameError("empty")
    if len(text) > LONGEST_ZONE_NAME:
        raise ZoneNameError("long", most=LONGEST_ZONE_NAME, length=len(text))
    if any(_same(z.name, text) for z in zones.values() if z.parent_id == parent_id and z.id != own_id):
        parent = zones.get(parent_id)
        if parent is None:
            raise ZoneNameError("taken_top", name=text)
        raise ZoneNameError("taken", parent=parent.name, name=text)
    return text
