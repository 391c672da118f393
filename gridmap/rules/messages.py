"""The rules' titles as the window shows them, marked for translation
(tools/translations.sh feeds this file to lupdate): the Problems dock's rows
and a refused edit's "it would break a rule" say them in the user's language.
The command line words a problem with ``gridmap.rules.problems.describe``."""

from __future__ import annotations

from gridmap.reasons import Reason
from gridmap.workbooks.messages import QT_TRANSLATE_NOOP

CONTEXT = "Rules"
RULE_TITLES = {
    "invalid_geometry": QT_TRANSLATE_NOOP("Rules", "Invalid shape"),
    "overlap": QT_TRANSLATE_NOOP("Rules", "Siblings overlap"),
    "gap": QT_TRANSLATE_NOOP("Rules", "Gap in the parent"),
    "outside_parent": QT_TRANSLATE_NOOP("Rules", "Outside its parent"),
    "building_cut": QT_TRANSLATE_NOOP("Rules", "Building cut by a boundary"),
    "building_outside": QT_TRANSLATE_NOOP("Rules", "Building in no grid"),
    "building_link": QT_TRANSLATE_NOOP("Rules", "Building linked to another grid"),
    "multipart": QT_TRANSLATE_NOOP("Rules", "Grid in several pieces"),
    "empty_grid": QT_TRANSLATE_NOOP("Rules", "Grid without buildings"),
    "households_band": QT_TRANSLATE_NOOP("Rules", "Households outside the band"),
    "staff_too_few": QT_TRANSLATE_NOOP("Rules", "Too few staff in a role"),
    "staff_too_many": QT_TRANSLATE_NOOP("Rules", "Too many staff in a role"),
    "building_head": QT_TRANSLATE_NOOP("Rules", "Building without a building head"),
    "party_link": QT_TRANSLATE_NOOP("Rules", "Households without a party member"),
    "party_link_multiple": QT_TRANSLATE_NOOP("Rules", "Households with several party members"),
    "party_overload": QT_TRANSLATE_NOOP("Rules", "Party member over the workload cap"),
    "staff_phone": QT_TRANSLATE_NOOP("Rules", "Malformed staff phone"),
    "staff_duplicate": QT_TRANSLATE_NOOP("Rules", "Same person entered twice"),
    "assignment_dangling": QT_TRANSLATE_NOOP("Rules", "Post at a place that no longer exists"),
}


def rule_title(rule: str) -> Reason:
    """The title of ``rule`` (a key of ``RULES``); an unknown key as it is."""
    return Reason(CONTEXT, RULE_TITLES.get(rule, rule))
