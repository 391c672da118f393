"""What a rule check finds: one ``Problem`` per broken rule and place, with the
zones and buildings involved, where to look, and the quick fix if there is one.

Problems hold data, not sentences: the command line words them in English
(``describe``), the window through Qt's translations.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Rule(NamedTuple):
    key: str
    title: str  # English; the window shows its own translation
    fix: str | None = None  # the quick fix offered, if any
    blocking: bool = True  # an edit that would newly break it is refused; else it is only reported


RULES: dict[str, Rule] = {r.key: r for r in (
    Rule("invalid_geometry", "invalid geometry", "make_valid"),
    Rule("overlap", "siblings overlap", "trim_overlap"),
    Rule("gap", "children leave a gap in their parent", "fill_gap"),
    Rule("outside_parent", "zone reaches outside its parent", "trim_to_parent"),
    Rule("building_cut", "building cut by a grid boundary"),
    Rule("building_outside", "building in no grid"),
    Rule("building_link", "building linked to the wrong grid", "relink_building"),
    Rule("multipart", "grid in several pieces"),
    # Planning targets rather than topology: a split leaves two small grids for
    # a while, an empty grid waits for buildings to be painted in.
    Rule("empty_grid", "grid with no buildings", blocking=False),
    Rule("households_band", "households outside the band for the level", blocking=False),
    # Staffing (定格、定人、定职): reported beside the map's rules, never blocking an edit.
    Rule("staff_too_few", "too few staff in a role", blocking=False),
    Rule("staff_too_many", "too many staff in a role", blocking=False),
    Rule("building_head", "building without a building head", blocking=False),
    Rule("party_link", "households without a linked party member", blocking=False),
    Rule("party_link_multiple", "households linked to several party members", blocking=False),
    Rule("party_overload", "party member above the workload cap", blocking=False),
    Rule("staff_phone", "malformed staff phone number", blocking=False),
    Rule("staff_duplicate", "the same person entered twice", blocking=False),
    Rule("assignment_dangling", "assignment to a zone, building or unit that no longer exists", blocking=False),
)}


class Problem(NamedTuple):
    rule: str  # a key of RULES
    zones: tuple[int, ...]  # zone ids involved, the one to fix first
    buildings: tuple[int, ...] = ()
    bounds: tuple[float, float, float, float] | None = None  # where to look (project metres)
    amount: float | None = None  # m² of a gap or overlap, households, pieces…
    detail: str = ""  # a short note, e.g. why a geometry is invalid
    shape: Any = None  # the gap, overlap or part outside, where the rule is about an area
    staff: tuple[int, ...] = ()  # staff ids involved (staffing rules)

    @property
    def fix(self) -> str | None:
        return RULES[self.rule].fix


# How the command line words each problem; fields: zones, buildings, first,
# second, rest (zone names), amount, count, detail.
_WORDING = {
    "invalid_geometry": "{zones}{buildings}: {detail}",
    "overlap": "{zones} overlap by {amount:,.1f} m²",
    "gap": "{first}: a gap of {amount:,.1f} m² that no child covers (next to {rest})",
    "outside_parent": "{first}: {amount:,.1f} m² outside {second}",
    "building_cut": "{buildings} lies across {zones}",
    "building_outside": "{buildings} lies in no grid",
    "building_link": "{buildings} lies in {first} but is linked to {second}",
    "empty_grid": "{zones} holds no building",
    "multipart": "{zones} is in {count} pieces (set parts_allowed if that is meant)",
    "households_band": "{zones} has {count} households ({detail})",
    "staff_too_few": "{zones} has {count} {detail}",
    "staff_too_many": "{zones} has {count} {detail}",
    "building_head": "{buildings} has no 楼栋长",
    "party_link": "{buildings}: {count} occupied households have no linked party member",
    "party_link_multiple": "{buildings}: {count} households are linked to more than one party member",
    "party_overload": "{staff} is linked to {count} households ({detail})",
    "staff_phone": "{staff}: {detail}",
    "staff_duplicate": "{staff} share a name and a phone number",
    "assignment_dangling": "{staff} is assigned to {detail}",
}


def describe(problem: Problem, zone_label, building_label, staff_label=str) -> str:
    """One line of English for the command line; ``zone_label(id)``,
    ``building_label(id)`` and ``staff_label(id)`` name things the way a planner would."""
    names = [zone_label(z) for z in problem.zones]
    amount = problem.amount or 0.0
    text = _WORDING[problem.rule].format(
        zones=", ".join(names), buildings=", ".join(building_label(b) for b in problem.buildings),
        staff=", ".join(staff_label(s) for s in problem.staff),
        first=names[0] if names else "", second=names[1] if len(names) > 1 else "no grid",
        rest=", ".join(names[1:]) or "no zone",
        amount=amount, count=int(amount), detail=problem.detail)
    return f"{RULES[problem.rule].title}: {text}"
