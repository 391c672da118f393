"""How each layer looks: colours, widths and when labels show. Qt-free (hex
colours and pixel sizes) so that print templates can share it."""

from __future__ import annotations

from dataclasses import dataclass

from gridmap.model.entities import COMMUNITY, GRID, MICRO_GRID, OFFICE

# Pastel fills for grids (a micro-grid in its grid's); neighbours never share one (see colour_classes).
GRID_FILLS = ("#f3d9b1", "#cfe3c4", "#c9dcef", "#ead0e4", "#f6efb0", "#d7d0ef", "#c8ebe6", "#f4c9c0")


@dataclass(frozen=True)
class LevelPen:
    color: str
    width: float  # pixels at 96 dpi


# Outline weight by the role of a zone's level: the street office boldest, micro-grids thinnest.
ROLE_PENS = {OFFICE: LevelPen("#7a1f1f", 3.2), COMMUNITY: LevelPen("#b03a2e", 2.2), GRID: LevelPen("#5d6d7e", 1.0),
             MICRO_GRID: LevelPen("#85929e", 0.7)}
OTHER_PEN = LevelPen("#85929e", 0.7)  # a level of no role (a 片区)
ZONE_OUTLINE_MIN_PIXELS = 24.0  # a level's outlines are drawn once its zones are this big on screen
ROLE_LABEL_POINT_SIZE = {OFFICE: 15.0, COMMUNITY: 12.0, GRID: 9.5, MICRO_GRID: 8.5}
OTHER_LABEL_POINT_SIZE = 9.0
# Names of the upper levels sit this many line heights above the grid names (which they would cover).
ROLE_LABEL_LIFT = {OFFICE: 3.0, COMMUNITY: 1.6}


def role_pen(role: str) -> LevelPen:
    return ROLE_PENS.get(role, OTHER_PEN)

STREET_CASING = "#b9b4aa"
STREET_FILL = "#ffffff"
STREET_LABEL = "#4d4d4d"
STREET_LABEL_MIN_PIXELS_PER_METRE = 0.35  # street names from about 1:10,000
STREET_LABEL_SPACING = 600  # pixels between repeats of a street's name
STREET_CASING_MIN_PIXELS = 4.0  # narrower than this on screen, a street is one stroke

COMPOUND_FILL = "#f7f4ee"  # behind compound names
COMPOUND_WALL = "#8c7b63"
COMPOUND_LABEL_MAX_RESOLUTION = 0.5  # compound names from about 1:1,900 (metres per pixel)
COMPOUND_WALL_PIXELS = 40.0  # walls are outlined once a typical compound is this big on screen

BUILDING_FILL = "#c9b8a6"
BUILDING_OUTLINE = "#7f6f61"
BUILDING_FILL_SMALL = "#a8937f"  # footprints too small for an outline
BUILDING_OUTLINE_PIXELS = 20.0  # outlines once a typical footprint is this big on screen
BUILDING_BLOCK_PIXELS = 3.0  # below this typical size, buildings are drawn as blocks
BUILDING_LABEL_MIN_PIXELS = 34.0  # a building's number shows once it is this wide

SITE_POINT_COLORS = {"gate": "#2c3e50", "checkpoint": "#c0392b", "sampling": "#8e44ad", "supply": "#d68910"}
SITE_ROUTE_COLORS = {"closed-loop": "#c0392b", "route": "#1f6fb2", "isolation": "#7d3c98"}
SITE_MIN_PIXELS_PER_METRE = 0.25  # site points appear from about 1:15,000
ROUTE_MIN_PIXELS_PER_METRE = 1.0  # routes and closed loops from about 1:3,800

SELECTION_COLOR = "#00a2ff"
BACKGROUND = "#efece6"
