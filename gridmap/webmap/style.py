"""How the web map looks: the desktop map's colours, in Leaflet's path options.

The colours repeat ``layers/styles.py`` (gridmap does not import ``layers``);
tests/test_webmap.py keeps the two in step.
"""

from __future__ import annotations

from gridmap.model.entities import COMMUNITY, GRID, MICRO_GRID, OFFICE

# Pastel fills for leaf grids; neighbours never share one (gridmap.spatial.colouring).
GRID_FILLS = ("#f3d9b1", "#cfe3c4", "#c9dcef", "#ead0e4", "#f6efb0", "#d7d0ef", "#c8ebe6", "#f4c9c0")
# Outline colour and width (pixels) by the role of a zone's level: the street office boldest.
ROLE_PENS = {OFFICE: ("#7a1f1f", 3.2), COMMUNITY: ("#b03a2e", 2.2), GRID: ("#5d6d7e", 1.0),
             MICRO_GRID: ("#85929e", 0.7)}
OTHER_PEN = ("#85929e", 0.7)  # a level of no role (a 片区)
COMPOUND_WALL = "#8c7b63"
BUILDING_FILL = "#c9b8a6"
BUILDING_OUTLINE = "#7f6f61"
STREET_CASING = "#b9b4aa"
SITE_POINT_COLORS = {"gate": "#2c3e50", "checkpoint": "#c0392b", "sampling": "#8e44ad", "supply": "#d68910"}
SITE_ROUTE_COLORS = {"closed-loop": "#c0392b", "route": "#1f6fb2", "isolation": "#7d3c98"}
ROUTE_DASHES = {"closed-loop": "6 4", "isolation": "8 3 2 3"}
SELECTION_COLOR = "#00a2ff"
BACKGROUND = "#efece6"

GRID_FILL_OPACITY = 1.0  # opaque, so the colours read as on the desktop and on paper

FONT_FAMILY = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif'


def role_pen(role: str) -> tuple[str, float]:
    return ROLE_PENS.get(role, OTHER_PEN)


def zone_style(role: str, fill: str | None) -> dict:
    """A zone's outline for its level's role; leaf zones filled, the others outline only
    (so a click inside a community reaches the grid beneath it)."""
    color, weight = role_pen(role)
    style = {"color": color, "weight": weight, "opacity": 1.0, "fill": fill is not None}
    if fill is not None:
        style.update(fillColor=fill, fillOpacity=GRID_FILL_OPACITY)
    return style


def zone_highlight(role: str, fill: str | None) -> dict:
    return {**zone_style(role, fill), "color": SELECTION_COLOR, "weight": max(role_pen(role)[1], 2.0) + 1.5}


COMPOUND_STYLE = {"color": COMPOUND_WALL, "weight": 1.5, "dashArray": "4 3", "fill": False}
BUILDING_STYLE = {"color": BUILDING_OUTLINE, "weight": 0.8, "fillColor": BUILDING_FILL, "fillOpacity": 1.0}
BUILDING_HIGHLIGHT = {**BUILDING_STYLE, "color": SELECTION_COLOR, "weight": 2.5}
STREET_STYLE = {"color": STREET_CASING, "weight": 3, "opacity": 0.9, "fill": False}

PAGE_CSS = f"""
html, body, .leaflet-container, .leaflet-container button, .leaflet-container input {{
  font-family: {FONT_FAMILY};
}}
.leaflet-container {{ background: {BACKGROUND}; font-size: 13px; }}
.gm-title {{
  position: absolute; z-index: 1000; left: 54px; top: 10px; max-width: 60%;
  background: rgba(255,255,255,0.92); border-radius: 4px; padding: 6px 10px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); line-height: 1.45;
}}
.gm-title h1 {{ font-size: 16px; margin: 0; }}
.gm-title .gm-note {{ font-size: 12px; color: #555; }}
.gm-banner {{
  position: absolute; z-index: 1001; left: 50%; bottom: 18px; transform: translateX(-50%);
  background: #b71c1c; color: #fff; font-weight: bold; font-size: 15px;
  padding: 6px 18px; border-radius: 4px; letter-spacing: 1px; pointer-events: none;
}}
.gm-card h4 {{ margin: 0 0 2px 0; font-size: 15px; }}
.gm-card .gm-code {{ color: #666; font-size: 12px; margin-bottom: 4px; }}
.gm-card table {{ border-collapse: collapse; }}
.gm-card th {{ text-align: left; font-weight: normal; color: #555; padding: 1px 10px 1px 0;
  white-space: nowrap; vertical-align: top; }}
.gm-card td {{ padding: 1px 0; }}
.gm-label {{ background: none; border: none; }}
.gm-label span {{
  position: absolute; transform: translate(-50%, -50%); white-space: nowrap;
  font-size: 12px; color: #333; text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff;
}}
"""


def site_point_style(kind: str, state: str) -> dict:
    """A round marker in the kind's colour; a sealed gate hollow with a red ring."""
    fill = SITE_POINT_COLORS.get(kind, "#333333")
    if kind == "gate" and state == "closed":
        return {"radius": 6, "color": "#d62728", "weight": 3, "fillColor": "#ffffff", "fillOpacity": 1.0}
    return {"radius": 6, "color": "#ffffff", "weight": 1.5, "fillColor": fill, "fillOpacity": 1.0}


def site_route_style(kind: str) -> dict:
    return {"color": SITE_ROUTE_COLORS.get(kind, "#555555"), "weight": 2.5, "dashArray": ROUTE_DASHES.get(kind),
            "fill": False}
