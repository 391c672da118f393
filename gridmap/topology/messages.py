"""What a refused zone edit says — a drawing, a street office, a division along
streets, a split, merge, move of a boundary or of buildings, a shape that is not
an area, a rule the edit would break — in English with named blanks
(gridmap/topology/*, gridmap/commands/zones.py and office.py). Each refusal is
a :class:`~gridmap.reasons.Reason`: the window says it translated
(tools/translations.sh feeds this file to lupdate), the command line prints it
as it is. A blank the user cannot read (GEOS's own words) may be left out of a
translation."""

from __future__ import annotations

from gridmap.errors import EditError
from gridmap.reasons import Reason
from gridmap.rules.messages import rule_title
from gridmap.rules.problems import Problem, describe
from gridmap.workbooks.messages import QT_TRANSLATE_NOOP

CONTEXT = "ZoneDrawing"
REFUSALS: dict[str, str] = {
    "crosses": QT_TRANSLATE_NOOP("ZoneDrawing", "the drawn outline crosses itself: click the corners in turn "
                                                "around the zone"),
    "no_area": QT_TRANSLATE_NOOP("ZoneDrawing", "the drawn outline encloses (almost) no area: click three or more "
                                                "corners apart from each other"),
    "taken_ground": QT_TRANSLATE_NOOP("ZoneDrawing", "the new zone lies wholly on ground {zones} already holds: "
                                                     "draw it beside, or at the level below"),
    "no_buildings": QT_TRANSLATE_NOOP("ZoneDrawing", "there are no buildings to take the outline of: import "
                                                     "buildings first"),
    "no_data": QT_TRANSLATE_NOOP("ZoneDrawing", "there are no buildings or streets to take the extent of: import "
                                                "them first"),
    "no_building_inside": QT_TRANSLATE_NOOP("ZoneDrawing", "no building stands in the area to divide: import "
                                                           "buildings first"),
    "no_zone": QT_TRANSLATE_NOOP("ZoneDrawing", "there is no zone {zone}"),
    "divided": QT_TRANSLATE_NOOP("ZoneDrawing", "{zone} is divided already: merge or delete its zones first"),
    "one_piece": QT_TRANSLATE_NOOP("ZoneDrawing", "the chosen streets do not divide {zone}: it stays one piece"),
    "no_parent_here": QT_TRANSLATE_NOOP("ZoneDrawing", "no zone of level {upper} lies there to hold a zone of level "
                                                       "{level}: draw it inside one"),
    # gridmap/commands/zones.py
    "holds_zones": QT_TRANSLATE_NOOP("ZoneDrawing", "{zone} holds other zones: edit those instead"),
    "split_line": QT_TRANSLATE_NOOP("ZoneDrawing", "draw the line across {zone} from edge to edge, crossing it once "
                                                   "(it makes {count} parts)"),
    "split_top": QT_TRANSLATE_NOOP("ZoneDrawing", "{zone} is a top zone: split the zones under it instead"),
    "merge_two": QT_TRANSLATE_NOOP("ZoneDrawing", "choose at least two zones to merge"),
    "merge_siblings": QT_TRANSLATE_NOOP("ZoneDrawing", "only zones of the same parent can be merged"),
    "not_sibling": QT_TRANSLATE_NOOP("ZoneDrawing", "{heir} is not a sibling of {zone}: its area can only go to a "
                                                    "sibling"),
    "not_level": QT_TRANSLATE_NOOP("ZoneDrawing", "{zone} is not at the level of {old}"),
    "covers_sibling": QT_TRANSLATE_NOOP("ZoneDrawing", "the new zone would cover all of {zone}; merge instead"),
    "three_vertices": QT_TRANSLATE_NOOP("ZoneDrawing", "a boundary needs at least three vertices"),
    "no_boundary": QT_TRANSLATE_NOOP("ZoneDrawing", "no boundary passes there"),
    "no_building": QT_TRANSLATE_NOOP("ZoneDrawing", "there is no building {building}"),
    "in_no_grid": QT_TRANSLATE_NOOP("ZoneDrawing", "{building} is in no grid; draw one around it first"),
    "empties_grid": QT_TRANSLATE_NOOP("ZoneDrawing", "that would take every building out of {zone}; merge the grids "
                                                     "instead"),
    # gridmap/topology/edit.py: a shape that is no area ({what}: SHAPES), a rule the edit would break
    "empty_shape": QT_TRANSLATE_NOOP("ZoneDrawing", "{what} is empty"),
    "invalid_shape": QT_TRANSLATE_NOOP("ZoneDrawing", "{what} is not a valid area ({reason})"),
    "no_area_shape": QT_TRANSLATE_NOOP("ZoneDrawing", "{what} has no area"),
    "not_combined": QT_TRANSLATE_NOOP("ZoneDrawing", "the shapes cannot be combined ({error}); repair invalid shapes "
                                                     "first"),
    # {description}: the command line's English for the problem; a translation says {rule} and {places} instead
    "breaks_rule": QT_TRANSLATE_NOOP("ZoneDrawing", "this edit would break a rule: {description}"),
    "breaks_rules": QT_TRANSLATE_NOOP("ZoneDrawing", "this edit would break a rule: {description} (and {count} more)"),
}
# The shape a refusal is about ({what} above)
SHAPES: dict[str, str] = {
    "new": QT_TRANSLATE_NOOP("ZoneDrawing", "the new shape"),
    "without_overlap": QT_TRANSLATE_NOOP("ZoneDrawing", "{zone} without the overlap"),
    "snapped": QT_TRANSLATE_NOOP("ZoneDrawing", "{zone} snapped"),
    "repaired": QT_TRANSLATE_NOOP("ZoneDrawing", "{zone} repaired"),
    "proposed_grid": QT_TRANSLATE_NOOP("ZoneDrawing", "a proposed grid"),
    "outside_existing": QT_TRANSLATE_NOOP("ZoneDrawing", "the new zone outside the existing ones"),
    "with_zones_held": QT_TRANSLATE_NOOP("ZoneDrawing", "the new zone with the zones it holds"),
    "rest_of_new": QT_TRANSLATE_NOOP("ZoneDrawing", "the rest of the new zone"),
    "piece_of": QT_TRANSLATE_NOOP("ZoneDrawing", "a piece of {zone}"),
    "without_zone": QT_TRANSLATE_NOOP("ZoneDrawing", "{zone} without {other}"),
    "drawn_inside": QT_TRANSLATE_NOOP("ZoneDrawing", "the zone drawn inside {zone}"),
    "without_new": QT_TRANSLATE_NOOP("ZoneDrawing", "{zone} without the new zone"),
    "rest_of": QT_TRANSLATE_NOOP("ZoneDrawing", "the rest of {zone}"),
    "new_outline": QT_TRANSLATE_NOOP("ZoneDrawing", "the new outline of {zone}"),
    "without_buildings": QT_TRANSLATE_NOOP("ZoneDrawing", "{zone} without the buildings"),
    "with_buildings": QT_TRANSLATE_NOOP("ZoneDrawing", "{zone} with the buildings"),
}


def refusal(which: str, /, **params) -> EditError:
    """The refusal ``which`` of REFUSALS, its blanks filled, to raise."""
    return EditError(Reason(CONTEXT, REFUSALS[which], **params))


def shape_named(key: str, **params) -> Reason:
    """The shape ``key`` of SHAPES, as a refusal names it."""
    return Reason(CONTEXT, SHAPES[key], **params)


def rule_broken(problems: list[Problem], names) -> EditError:
    """The refusal of an edit that would newly break ``problems`` (the first is
    marked on the map); ``names`` a ``gridmap.rules.report.Names`` of the zones after it."""
    first = problems[0]
    template = REFUSALS["breaks_rules" if len(problems) > 1 else "breaks_rule"]
    return EditError(Reason(CONTEXT, template, description=describe(first, names.zone, names.building),
                            rule=rule_title(first.rule), places=names.places(first), count=len(problems) - 1),
                     problem=first)
