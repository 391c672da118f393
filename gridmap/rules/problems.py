"""What a rule check finds: one ``Problem`` per broken rule and place, with the
zones and buildings involved, where to look, and the quick fix if there is one.

Problems hold data, not sentences: the command line words them in English
(``describe``), the window through Qt's translations.
"""

from __future__ import annotations

from typing import NamedTuple


class Rule(NamedTuple):
    key: str
    title: str  # English; the window shows its own translation
    fix: str | None = None  # the quick fix offered, if any


RULES: dict[str, Rule] = {r.key: r for r in (
    Rule("invalid_geometry", "invalid geometry", "make_valid"),
    Rule("overlap", "siblings overlap", "trim_overlap"),
    Rule("gap", "children leave a gap in their parent", "fill_gap"),
    Rule("outside_parent", "zone reaches outside its parent"),
    Rule("building_cut", "building cut by a grid boundary"),
    Rule("building_outside", "building in no grid"),
    Rule("building_link", "building linked to the wrong grid", "relink_building"),
    Rule("empty_grid", "grid with no buildings"),
    Rule("multipart", "grid in several pieces"),
    Rule("households_band", "households outside the band for the level"),
)}


class Problem(NamedTuple):
    rule: str  # a key of RULES
    zones: tuple[int, ...]  # zone ids involved, the one to fix first
    buildings: tuple[int, ...] = ()
    bounds: tuple[float, float, float, float] | None = None  # where to look (project metres)
    amount: float | None = None  # m² of a gap or overlap, households, pieces…
    detail: str = ""  # a short note, e.g. why a geometry is invalid

    @property
    def fix(self) -> str | None:
        return RULES[self.rule].fix


def describe(problem: Problem, zone_label, building_label) -> str:
    """One line of English for the command line; ``zone_label(id)`` and
    ``building_label(id)`` name things the way a planner would."""
    zones = ", ".join(zone_label(z) for z in problem.zones)
    buildings = ", ".join(building_label(b) for b in problem.buildings)
    amount = problem.amount
    rule = problem.rule
    if rule == "overlap":
        text = f"{zones} overlap by {amount:,.1f} m²"
    elif rule == "gap":
        text = f"{zones}: a gap of {amount:,.1f} m² that no child covers"
    elif rule == "outside_parent":
        text = f"{zones}: {amount:,.1f} m² outside its parent"
    elif rule == "building_cut":
        text = f"{buildings} lies across {zones}"
    elif rule == "building_outside":
        text = f"{buildings} lies in no grid" + (f" (nearest: {zones})" if zones else "")
    elif rule == "building_link":
        text = f"{buildings} lies in {zone_label(problem.zones[0])} but is linked to " \
               f"{zone_label(problem.zones[1]) if len(problem.zones) > 1 else 'no grid'}"
    elif rule == "empty_grid":
        text = f"{zones} holds no building"
    elif rule == "multipart":
        text = f"{zones} is in {int(amount)} pieces (set parts_allowed if that is meant)"
    elif rule == "households_band":
        text = f"{zones} has {int(amount)} households ({problem.detail})"
    elif rule == "invalid_geometry":
        text = f"{zones or buildings}: {problem.detail}"
    else:
        text = zones or buildings
    return f"{RULES[rule].title}: {text}"
