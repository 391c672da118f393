"""What a refused edit of households, staff, site features or shapes says
(gridmap/commands/*), in English with named blanks. Each refusal is a
:class:`~gridmap.reasons.Reason`: the window says it translated
(tools/translations.sh feeds this file to lupdate), the command line prints it
as it is. A blank the user cannot act on (a misspelt kind from a script) may be
left out of a translation."""

from __future__ import annotations

from gridmap.errors import EditError
from gridmap.reasons import Reason
from gridmap.workbooks.messages import QT_TRANSLATE_NOOP

CONTEXT = "Edits"
REFUSALS: dict[str, str] = {
    # site features (gridmap/commands/site.py)
    "needs_name": QT_TRANSLATE_NOOP("Edits", "a {what} needs a name"),
    "point_kind": QT_TRANSLATE_NOOP("Edits", "a site point is one of {kinds}, not {kind!r}"),
    "route_kind": QT_TRANSLATE_NOOP("Edits", "a route is one of {kinds}, not {kind!r}"),
    "gate_state": QT_TRANSLATE_NOOP("Edits", "a gate is {states}, not {state!r}"),
    "only_gates": QT_TRANSLATE_NOOP("Edits", "only gates are open or closed, not a {kind}"),
    "one_position": QT_TRANSLATE_NOOP("Edits", "a site point needs one position"),
    "route_not_line": QT_TRANSLATE_NOOP("Edits", "a route is a line, not a {kind}"),
    "loop_points": QT_TRANSLATE_NOOP("Edits", "a closed loop needs at least three distinct points"),
    "route_points": QT_TRANSLATE_NOOP("Edits", "a route needs at least two distinct points"),
    "outside_office": QT_TRANSLATE_NOOP("Edits", "the {what} lies outside the street office's area"),
    "no_record": QT_TRANSLATE_NOOP("Edits", "there is no {what} {key}"),
    # households (gridmap/commands/households.py)
    "no_field": QT_TRANSLATE_NOOP("Edits", "households have no editable field {field!r}"),
    "add_and_remove": QT_TRANSLATE_NOOP("Edits", "cannot both add and remove {tags}"),
    # staff (gridmap/commands/staff.py)
    "staff_name": QT_TRANSLATE_NOOP("Edits", "a staff member needs a name"),
    "phone": QT_TRANSLATE_NOOP("Edits", "{phone} is neither an 11-digit mobile nor a landline with its area code"),
    "on_roster": QT_TRANSLATE_NOOP("Edits", "{name} ({phone}) is already on the roster"),
    "assign_to": QT_TRANSLATE_NOOP("Edits", "staff are assigned to {targets}, not {target!r}"),
    "needs_role": QT_TRANSLATE_NOOP("Edits", "an assignment needs a role"),
    "holds_post": QT_TRANSLATE_NOOP("Edits", "{name} is already {role} there"),
    # shapes and quick fixes (gridmap/commands/geometry.py, fixes.py)
    "bad_shape": QT_TRANSLATE_NOOP("Edits", "the new {table} shape is empty or invalid"),
    "wrong_kind": QT_TRANSLATE_NOOP("Edits", "the new {table} shape is not of its kind: {problem}"),
    "gone": QT_TRANSLATE_NOOP("Edits", "the building or the grid is gone"),
    # cases and visits (gridmap/commands/cases.py, visits.py)
    "case_choice": QT_TRANSLATE_NOOP("Edits", "a case's {what} is one of {choices}, not {value!r}"),
    "case_place": QT_TRANSLATE_NOOP("Edits", "a case needs a place: a point on the map, a building or a household"),
    "case_step": QT_TRANSLATE_NOOP("Edits", "case {number} is {status}: it cannot be {action}"),
    "case_person": QT_TRANSLATE_NOOP("Edits", "{action} needs the person the case goes to"),
    "not_overdue": QT_TRANSLATE_NOOP("Edits", "no open case is past its deadline"),
    "visit_households": QT_TRANSLATE_NOOP("Edits", "a visit needs at least one household"),
}
# The things a refusal names ({what}): the English is what the command line says.
WORDS: dict[str, str] = {
    "site point": QT_TRANSLATE_NOOP("Edits", "site point"),
    "route": QT_TRANSLATE_NOOP("Edits", "route"),
    "household": QT_TRANSLATE_NOOP("Edits", "household"),
    "staff member": QT_TRANSLATE_NOOP("Edits", "staff member"),
    "zone": QT_TRANSLATE_NOOP("Edits", "zone"),
    "building": QT_TRANSLATE_NOOP("Edits", "building"),
    "unit": QT_TRANSLATE_NOOP("Edits", "unit"),
    "no phone": QT_TRANSLATE_NOOP("Edits", "no phone"),
    "case": QT_TRANSLATE_NOOP("Edits", "case"),
    "category": QT_TRANSLATE_NOOP("Edits", "category"),
    "source": QT_TRANSLATE_NOOP("Edits", "source"),
    "urgency": QT_TRANSLATE_NOOP("Edits", "urgency"),
    "photo": QT_TRANSLATE_NOOP("Edits", "photo"),
    "visit": QT_TRANSLATE_NOOP("Edits", "visit"),
}


def refusal(which: str, /, **params) -> EditError:
    """The refusal ``which`` of REFUSALS, its blanks filled, to raise."""
    return EditError(Reason(CONTEXT, REFUSALS[which], **params))


def word(english: str) -> Reason:
    """A thing a refusal names (:data:`WORDS`), said in the user's language."""
    return Reason(CONTEXT, WORDS[english])
