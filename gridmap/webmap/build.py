"""The offline web map of a project: one self-contained HTML file (folium/Leaflet).

Layers, each in the layer control: the zones of every level (leaf zones filled,
neighbouring grids never in one colour, a grid's micro-grids in the grid's;
outlines weighted by the level's role), grid
names, compounds, buildings and streets; tooltips name each feature and popups
say who serves it (gridmap.webmap.popups, privacy as on the charts).

There is deliberately no base map: a tile layer would be fetched from the
internet, and the file must work on an office computer with no network. Our own
layers draw on a plain background instead, and the page's
Content-Security-Policy forbids any fetch (gridmap.webmap.assets).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from collections.abc import Callable, Sequence

import folium
import numpy as np
import shapely
from folium.elements import MacroElement
from folium.map import CustomPane, Layer
from folium.template import Template
from folium.utilities import JsCode

from gridmap.model.entities import CHINA_TIME
from gridmap.charts.privacy import INTERNAL_NOTICE, PUBLIC_NOTE, Privacy
from gridmap.outputs import written_in_place_of
from gridmap.spatial.colouring import colour_classes
from gridmap.webmap import style
from gridmap.webmap.assets import RawHtml, external_references, head_elements
from gridmap.webmap.geometry import bounds_latlon, geojson_geometries, lonlat_transformer, to_lonlat
from gridmap.webmap.popups import CARD_JS, PopupText
from gridmap.zone_tree import ZoneTree

if TYPE_CHECKING:
    from gridmap.project import Project

LABELS_LAYER = "网格名称"
COMPOUNDS_LAYER = "小区"
BUILDINGS_LAYER = "楼栋"
STREETS_LAYER = "道路"
SITES_LAYER = "出入口与点位"
ROUTES_LAYER = "闭环与路线"
# Above this many features Leaflet draws on one canvas instead of an SVG element each.
CANVAS_FROM = 20_000
MAX_ZOOM = 20

# Panes stack the layers whatever order they are switched on in: grid fills at
# the bottom, then streets, compound walls, buildings, grid names, and the
# outlines of communities and the street office on top (outlines only, so a
# click inside them still reaches the grid or building beneath).
GRID_PANE, STREET_PANE, COMPOUND_PANE, BUILDING_PANE, LABEL_PANE, SITE_PANE = (
    "gm-grids", "gm-streets", "gm-compounds", "gm-buildings", "gm-labels", "gm-sites")
PANE_Z = {GRID_PANE: 410, STREET_PANE: 415, COMPOUND_PANE: 420, BUILDING_PANE: 430, LABEL_PANE: 450,
          SITE_PANE: 460}
OUTLINE_PANE_Z = 470  # minus the level's depth: the street office's outline on top

# Each feature carries its tooltip (escaped HTML) and its popup as a card that
# gmCard lays out when it opens (gridmap.webmap.popups).
BIND_FEATURE = JsCode("""function (feature, layer) {
    var p = feature.properties;
    if (p.tip) { layer.bindTooltip(p.tip, {sticky: true}); }
    if (p.card) { layer.bindPopup(function () { return gmCard(p.card); }, {maxWidth: 360}); }
}""")
# folium's JSON writes every Chinese character as a six-byte \uXXXX escape; the
# page is UTF-8, so CJK characters go in as themselves (half the size). Only
# ideographs and CJK punctuation: they can never form markup such as "</script".
_CJK_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u(3[0-9a-f]{3}|[4-9][0-9a-f]{3}|f[9a][0-9a-f]{2}|ff[0-9a-e][0-9a-f])",
                         re.IGNORECASE)


@dataclass(frozen=True)
class WebMapSummary:
    """What :func:`write_web_map` wrote."""

    path: Path
    mode: str
    size: int  # bytes
    seconds: float
    features: dict[str, int] = field(default_factory=dict)  # layer name → features drawn

    def as_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "mode": self.mode, "size": self.size,
                "seconds": round(self.seconds, 3), "features": dict(self.features)}


class LabelLayer(Layer):
    """Names at points, as text (a Leaflet divIcon: no image, nothing to fetch)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.layerGroup();
            {{ this.labels|tojson }}.forEach(function (d) {
                L.marker([d[0], d[1]], {
                    icon: L.divIcon({className: "gm-label", html: "<span>" + d[2] + "</span>", iconSize: null}),
                    interactive: false, keyboard: false, pane: {{ this.pane|tojson }}
                }).addTo({{ this.get_name() }});
            });
        {% endmacro %}
    """)

    def __init__(self, labels: list[tuple[float, float, str]], name: str, pane: str) -> None:
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "LabelLayer"
        self.labels = [list(x) for x in labels]
        self.pane = pane


class MapControls(MacroElement):
    """A metric scale bar, and Leaflet's credit as text (its usual link would lead
    out of an offline page)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            L.control.scale({imperial: false}).addTo({{ this._parent.get_name() }});
            L.control.attribution({prefix: "Leaflet · gridmap"}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)


def _features(prefix: str, records: Sequence[Any], lonlat: np.ndarray,
              properties: Callable[[Any], dict]) -> list[dict]:
    return [{"type": "Feature", "id": f"{prefix}{r.id}", "properties": properties(r), "geometry": g}
            for r, g in zip(records, geojson_geometries(lonlat))]


def _layer(features: list[dict], name: str, pane: str, styler: Callable[[dict], dict],
           highlighter: Callable[[dict], dict] | None = None) -> folium.GeoJson:
    return folium.GeoJson({"type": "FeatureCollection", "features": features}, name=name,
                          style_function=styler, highlight_function=highlighter, on_each_feature=BIND_FEATURE,
                          pane=pane)


def _drawable(records: Sequence[Any]) -> list[Any]:
    return [r for r in records if r.geometry is not None and not r.geometry.is_empty]


def _data_date(project: Project) -> dt.date | None:
    try:
        return project.last_change().astimezone(CHINA_TIME).date()
    except (TypeError, ValueError):
        return None


def build_map(project: Project, privacy: Privacy) -> tuple[folium.Map, dict[str, int]]:
    """The folium map of ``project`` and its feature count per layer."""
    tables = project.tables
    text = PopupText(project, privacy)
    transformer = lonlat_transformer(project.srs_id)
    tree = ZoneTree(tables["zones"])

    depths = text.source.depths
    zones = sorted(_drawable(list(tables["zones"].values())), key=lambda z: (z.level, z.code, z.id))
    grids = [z for z in zones if depths.counts_as_grid(z.level, tree.is_leaf(z.id))]
    colours = colour_classes(np.array([z.geometry for z in grids], dtype=object)) if grids else []
    grid_fill = {z.id: style.GRID_FILLS[int(c) % len(style.GRID_FILLS)] for z, c in zip(grids, colours, strict=True)}
    # leaves are filled (a click reaches them); a micro-grid in its grid's colour, so the grid reads as one patch
    fill_of = {z.id: grid_fill.get(depths.grid_of(tables["zones"], z.id), style.GRID_FILLS[0])
               for z in zones if tree.is_leaf(z.id)}
    compounds = sorted(_drawable(list(tables["compounds"].values())), key=lambda c: (c.name, c.id))
    buildings = sorted(_drawable(list(tables["buildings"].values())), key=lambda b: b.id)
    streets = sorted(_drawable(list(tables["streets"].values())), key=lambda s: s.id)
    sites = sorted(_drawable(list(tables["site_points"].values())), key=lambda p: p.id)
    routes = sorted(_drawable(list(tables["site_routes"].values())), key=lambda r: r.id)

    zone_ll = to_lonlat([z.geometry for z in zones], transformer)
    compound_ll = to_lonlat([c.geometry for c in compounds], transformer)
    building_ll = to_lonlat([b.geometry for b in buildings], transformer)
    street_ll = to_lonlat([s.geometry for s in streets], transformer)
    site_ll = to_lonlat([p.geometry for p in sites], transformer, tolerance=0)
    route_ll = to_lonlat([r.geometry for r in routes], transformer)
    everything = np.concatenate([zone_ll, compound_ll, building_ll, street_ll])
    bounds = bounds_latlon(everything)
    total = len(everything)

    m = folium.Map(location=None, tiles=None, prefer_canvas=total >= CANVAS_FROM,
                   attribution_control=False, font_size="13px", zoom_snap=0.25)
    m.options["max_zoom"] = MAX_ZOOM
    # Nothing from a CDN: Leaflet comes inline (head_elements), and the map needs no
    # jQuery, Bootstrap or icon font.
    m.default_js, m.default_css = [], []
    for pane, z in PANE_Z.items():
        CustomPane(pane, z_index=z, pointer_events=pane != LABEL_PANE).add_to(m)

    counts: dict[str, int] = {}
    level_names = {lv.depth: lv.name for lv in project.levels}
    for level in sorted({z.level for z in zones}):
        at = [i for i, z in enumerate(zones) if z.level == level]
        records = [zones[i] for i in at]
        leaf_level = any(z.id in fill_of for z in records)
        pane = GRID_PANE if leaf_level else f"gm-zones-{level}"
        if not leaf_level:
            CustomPane(pane, z_index=OUTLINE_PANE_Z - level, pointer_events=True).add_to(m)
        features = _features("z", records, zone_ll[at], lambda z: {
            "tip": text.zone_tooltip(z), "card": text.zone_popup(z, z.id in fill_of).as_json(),
            "fill": fill_of.get(z.id)})
        name = level_names.get(level, f"第{level}级")
        role = depths.role_at(level)
        _layer(features, name, pane,
               lambda f, role=role: style.zone_style(role, f["properties"]["fill"]),
               lambda f, role=role: style.zone_highlight(role, f["properties"]["fill"])).add_to(m)
        counts[name] = len(features)

    if grids:
        points = to_lonlat(shapely.point_on_surface(np.array([z.geometry for z in grids], dtype=object)),
                           transformer, tolerance=0)
        labels = [(float(p.y), float(p.x), escape(z.name))
                  for z, p in zip(grids, points, strict=True) if not p.is_empty]
        LabelLayer(labels, LABELS_LAYER, LABEL_PANE).add_to(m)
        counts[LABELS_LAYER] = len(labels)
    if compounds:
        features = _features("c", compounds, compound_ll, lambda c: {
            "tip": text.compound_tooltip(c), "card": text.compound_popup(c).as_json()})
        _layer(features, COMPOUNDS_LAYER, COMPOUND_PANE, lambda f: style.COMPOUND_STYLE).add_to(m)
        counts[COMPOUNDS_LAYER] = len(features)
    if buildings:
        features = _features("b", buildings, building_ll, lambda b: {
            "tip": text.building_tooltip(b), "card": text.building_popup(b).as_json()})
        _layer(features, BUILDINGS_LAYER, BUILDING_PANE, lambda f: style.BUILDING_STYLE,
               lambda f: style.BUILDING_HIGHLIGHT).add_to(m)
        counts[BUILDINGS_LAYER] = len(features)
    if streets:
        features = _features("s", streets, street_ll, lambda s: {"tip": text.street_tooltip(s)})
        _layer(features, STREETS_LAYER, STREET_PANE, lambda f: style.STREET_STYLE).add_to(m)
        counts[STREETS_LAYER] = len(features)

    if routes:
        features = _features("r", routes, route_ll, lambda r: {"tip": text.route_tooltip(r), "kind": r.kind})
        _layer(features, ROUTES_LAYER, SITE_PANE, lambda f: style.site_route_style(f["properties"]["kind"])).add_to(m)
        counts[ROUTES_LAYER] = len(features)
    if sites:  # round markers drawn by Leaflet itself: no marker images to fetch
        features = _features("p", sites, site_ll, lambda p: {
            "tip": text.site_tooltip(p), "card": text.site_popup(p).as_json(), "kind": p.kind, "state": p.state})
        # the pane rides in the style: folium's marker options have no place for it
        folium.GeoJson({"type": "FeatureCollection", "features": features}, name=SITES_LAYER,
                       marker=folium.CircleMarker(radius=6), on_each_feature=BIND_FEATURE, pane=SITE_PANE,
                       style_function=lambda f: {**style.site_point_style(f["properties"]["kind"],
                                                                          f["properties"]["state"]),
                                                 "pane": SITE_PANE}).add_to(m)
        counts[SITES_LAYER] = len(features)

    folium.LayerControl(collapsed=False).add_to(m)
    if bounds is not None:
        m.fit_bounds(bounds, padding=(20, 20))
    _decorate(m, project, privacy)
    return m, counts


def _decorate(m: folium.Map, project: Project, privacy: Privacy) -> None:
    """The page around the map: Leaflet inline, fonts, the title box, the mode."""
    figure = m.get_root()
    title = project.meta.get("title", "") or (project.path.stem if project.path else project.address)
    figure.title = escape(f"{title} 网格地图")
    for name, element in head_elements(style.PAGE_CSS):
        figure.header.add_child(element, name=name)
    figure.header.add_child(RawHtml(f"<script>\n{CARD_JS}\n</script>\n"), name="gm_card")
    # The export's privacy mode, recorded in the file as the standards ask.
    figure.header.add_child(RawHtml(f'<meta name="gridmap-mode" content="{privacy.mode}">\n'), name="gm_mode")
    date = _data_date(project)
    note = INTERNAL_NOTICE if privacy.internal else PUBLIC_NOTE
    facts = "　".join(x for x in (f"数据截至 {date.isoformat()}" if date else "", note) if x)
    figure.html.add_child(RawHtml(
        f'<div class="gm-title"><h1>{escape(title)}</h1><div class="gm-note">{escape(facts)}</div></div>\n'),
        name="gm_title")
    if privacy.internal:
        figure.html.add_child(RawHtml(f'<div class="gm-banner">{escape(INTERNAL_NOTICE)}</div>\n'),
                              name="gm_banner")
    MapControls().add_to(m)


def render_web_map(project: Project, *, mode: str = "public") -> tuple[str, dict[str, int]]:
    """The page as text, and its feature count per layer."""
    privacy = Privacy(mode)
    m, counts = build_map(project, privacy)
    html = m.get_root().render().replace("<html>", '<html lang="zh-CN">', 1)
    html = _CJK_ESCAPE.sub(lambda m: m.group(1) + chr(int(m.group(2), 16)), html)
    outside = external_references(html)
    if outside:  # a folium element linked something in: refuse to write a page that needs the network
        raise RuntimeError(f"the web map would fetch {', '.join(outside[:5])}")
    return html, counts


def write_web_map(project: Project, path: str | os.PathLike, *, mode: str = "public") -> WebMapSummary:
    """Write the project's map to ``path``: one HTML file that opens offline.

    Parameters
    ----------
    project : Project
        The open project (any metric CRS; the page shows WGS84 lon/lat).
    path : path-like
        The .html file to write (replaced whole, never left half-written; a
        gridmap project there is refused).
    mode : {"public", "internal"}
        ``public`` (the default) follows the public charts: staff phones masked
        unless meant for the wall, no resident data. ``internal``, chosen
        explicitly, shows staff phones in full under a 内部资料 banner.
        Neither shows resident names, phones or tags.

    Returns
    -------
    WebMapSummary
        File size, time taken and features per layer.

    Raises
    ------
    gridmap.outputs.OutputError
        The file cannot be written (read-only, disk full, a project...); any
        earlier file is unchanged.
    """
    started = time.perf_counter()
    html, counts = render_web_map(project, mode=mode)
    path = Path(path)
    data = html.encode("utf-8")
    with written_in_place_of(path) as temp:
        temp.write_bytes(data)
    return WebMapSummary(path, mode, len(data), time.perf_counter() - started, counts)
