"""The offline web map (gridmap.webmap), read back the way a person would: the
HTML scanned for anything it would fetch and for personal data, and the page
opened in a real headless Chromium with the network cut off, its DOM read after
the scripts ran, a grid and a building clicked, and its screenshot measured.

Chromium is Debian's ``chromium`` package; the browser tests skip (saying why)
only where no Chromium is installed.
"""

from __future__ import annotations

import html as html_lib
import json
import re
import shutil
import subprocess
from pathlib import Path

import folium
import numpy as np
import pytest
import shapely

from gridmap.charts.privacy import INTERNAL_STAMP, PUBLIC_NOTE, Privacy
from gridmap.model.entities import Compound
from gridmap.project import Project
from gridmap.spatial.colouring import neighbours
from gridmap.webmap import write_web_map
from gridmap.webmap import style as web_style
from gridmap.webmap.assets import CONTENT_SECURITY_POLICY, external_references
from gridmap.webmap.build import BUILDINGS_LAYER, LABELS_LAYER, build_map
from gridmap.webmap.geometry import lonlat_transformer, to_lonlat
from gridmap.webmap.popups import PopupText
from gridmap.workbooks.values import masked_phone
from tests.factories import MOMENT, small_tables

SENSITIVE = ("独居", "空巢", "残疾")
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Any fetch goes to a proxy where nothing listens, and no host name resolves.
OFFLINE = ["--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND"]
WINDOW = (1200, 900)
MASKED = re.compile(r"1[3-9]\d\*{4}\d{4}")


# -- helpers -------------------------------------------------------------------

def readable(page: str) -> str:
    """The page's text with JSON's \\uXXXX escapes decoded (folium writes Chinese
    that way), so a search finds a name wherever the page holds it."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), page)


def chromium() -> str:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium (Debian: apt-get install chromium); the offline page cannot be opened")


def run_chromium(page: Path, work: Path, *, screenshot: Path | None = None) -> str:
    """Open ``page`` in headless Chromium, network off; the DOM after 5 s of
    virtual time (or write a screenshot)."""
    work.mkdir(parents=True, exist_ok=True)
    args = [chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", f"--user-data-dir={work / 'profile'}",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
            "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
            "--hide-scrollbars", "--force-device-scale-factor=1", *OFFLINE,
            f"--window-size={WINDOW[0]},{WINDOW[1]}", "--virtual-time-budget=5000"]
    args.append(f"--screenshot={screenshot}" if screenshot else "--dump-dom")
    result = subprocess.run([*args, page.as_uri()], capture_output=True, timeout=180)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    return result.stdout.decode("utf-8")


# Recorded before anything else runs: policy violations (a fetch the page tried)
# and script or loading errors.
WATCH = """<script>
window.__gm = {violations: [], errors: []};
document.addEventListener("securitypolicyviolation", function (e) {
  __gm.violations.push(e.violatedDirective + " " + e.blockedURI); });
window.addEventListener("error", function (e) {
  var t = e.target || {};
  __gm.errors.push(e.message || ("load failed: " + (t.src || t.href || t.tagName))); }, true);
</script>"""

# After load: what the page drew, then a real click (a DOM event at a point where
# the feature is the topmost thing) on a grid and on a building, and their popups.
PROBE = """<script>
window.addEventListener("load", function () { setTimeout(function () {
  var out = {leaflet: (typeof L === "undefined") ? null : L.version};
  try {
    var map = null;
    for (var k in window) { try { if (window[k] instanceof L.Map) { map = window[k]; } } catch (e) {} }
    out.paths = document.querySelectorAll("path.leaflet-interactive").length;
    out.labels = document.querySelectorAll(".gm-label").length;
    out.layers = Array.from(document.querySelectorAll(".leaflet-control-layers-overlays label"))
      .map(function (l) { return l.textContent.trim(); });
    out.font = getComputedStyle(document.querySelector(".leaflet-container")).fontFamily;
    out.charset = document.characterSet;
    out.banner = Array.from(document.querySelectorAll(".gm-banner")).map(function (b) { return b.innerText; });
    var b = map.getBounds();
    out.bounds = [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()];
    function byId(id) {
      var found = null;
      map.eachLayer(function (l) { if (l.feature && l.feature.id === id && l._path) { found = l; } });
      return found;
    }
    function click(id) {
      var layer = byId(id);
      if (!layer) { return "no layer " + id; }
      var box = layer._path.getBoundingClientRect();
      for (var y = box.top + 2; y < box.bottom; y += 3) {
        for (var x = box.left + 2; x < box.right; x += 3) {
          if (document.elementFromPoint(x, y) === layer._path) {
            layer._path.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true, view: window,
                                                                  clientX: x, clientY: y}));
            // the layer's own popup (a closed one fades out for a moment in the DOM)
            var open = layer.isPopupOpen() && layer.getPopup().getElement();
            var text = open ? open.querySelector(".leaflet-popup-content").innerText : "no popup";
            map.closePopup();
            return text;
          }
        }
      }
      return "not clickable " + id;
    }
    out.grid_popup = click(GRID_ID);
    out.building_popup = click(BUILDING_ID);
  } catch (e) { out.exception = String(e && e.stack || e); }
  out.violations = __gm.violations;
  out.errors = __gm.errors;
  var pre = document.createElement("pre");
  pre.id = "gm-test";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
}, 300); });
</script>"""


def probe_page(page: Path, out: Path, grid_id: int, building_id: int) -> Path:
    """A test copy of ``page`` with the watcher first in <head> and the probe last."""
    text = page.read_text(encoding="utf-8")
    probe = PROBE.replace("GRID_ID", json.dumps(f"z{grid_id}")).replace("BUILDING_ID", json.dumps(f"b{building_id}"))
    text = text.replace("<head>", "<head>" + WATCH, 1)
    text = text.replace("</html>", probe + "</html>", 1)
    out.write_text(text, encoding="utf-8")
    return out


def probe_result(dom: str) -> dict:
    found = re.search(r'<pre id="gm-test">(.*?)</pre>', dom, re.DOTALL)
    assert found, "the probe never ran: " + dom[-1500:]
    return json.loads(html_lib.unescape(found.group(1)))


def png_pixels(path: Path) -> np.ndarray:
    """The screenshot as an (h, w, 3) array of RGB bytes."""
    from PySide6.QtGui import QImage

    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB888)
    assert not image.isNull()
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * h).reshape(h, stride)
    return data[:, : w * 3].reshape(h, w, 3).copy()


def hex_rgb(color: str) -> np.ndarray:
    return np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)])


# -- fixtures ------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo(demo_module_copy):
    project = Project.open(demo_module_copy, read_only=True)
    yield project
    project.close()


@pytest.fixture(scope="module")
def maps(demo, tmp_path_factory):
    """The demo's map, public and internal: {mode: (summary, page text)}."""
    out = tmp_path_factory.mktemp("webmap")
    found = {}
    for mode in ("public", "internal"):
        summary = write_web_map(demo, out / f"demo-{mode}.html", mode=mode)
        found[mode] = (summary, summary.path.read_text(encoding="utf-8"))
    return found


@pytest.fixture(scope="module")
def clicked(demo, maps, tmp_path_factory):
    """What Chromium shows of each map, network off, with a grid and a building clicked."""
    zones, buildings = demo.tables["zones"], demo.tables["buildings"]
    grid = next(z for z in zones.values() if z.name == "第1网格" and z.code.endswith("001001"))
    building = min((b for b in buildings.values() if b.zone_id == grid.id), key=lambda b: b.id)
    work = tmp_path_factory.mktemp("chromium")
    results = {}
    for mode, (summary, _) in maps.items():
        page = probe_page(summary.path, work / f"probe-{mode}.html", grid.id, building.id)
        results[mode] = probe_result(run_chromium(page, work / mode))
    return grid, building, results


# -- what the file holds -------------------------------------------------------

def test_demo_map_is_one_small_file_with_every_feature(demo, maps):
    summary, page = maps["public"]
    t = demo.tables
    levels = {lv.depth: lv.name for lv in demo.levels}
    expected = {levels[d]: sum(1 for z in t["zones"].values() if z.level == d) for d in levels}
    expected.update({LABELS_LAYER: 31, "小区": len(t["compounds"]), BUILDINGS_LAYER: len(t["buildings"]),
                     "道路": len(t["streets"]), "出入口与点位": len(t["site_points"]),
                     "闭环与路线": len(t["site_routes"])})
    assert summary.features == expected
    assert summary.size == summary.path.stat().st_size == len(page.encode("utf-8"))
    # Measured on the old demo (36 zones, 30 compounds, 200 buildings): 0.32 MB in
    # 0.2–0.4 s, Leaflet itself 0.16 MB of it (5,100 buildings: 2.4 MB in 1.2 s).
    assert summary.size < 1_000_000
    assert summary.seconds < 15
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page
    assert 'charset=UTF-8' in page and web_style.FONT_FAMILY in page
    print(f"\nweb map of the demo: {summary.size / 1e6:.2f} MB in {summary.seconds:.2f} s; {summary.features}")


def test_the_page_references_nothing_outside_itself(maps):
    for _summary, page in maps.values():
        assert external_references(page) == []
        assert CONTENT_SECURITY_POLICY in page  # and the browser is told to fetch nothing
        assert "L.tileLayer(" not in page  # no base map: tiles would come from the internet
        assert "cdn." not in page and "jquery" not in page.lower() and "bootstrap" not in page.lower()
        assert "AwesomeMarkers" not in page and "L.icon(" not in page  # no marker images at all
        assert "Leaflet 1.9.4" in page  # inlined, its licence header kept


def test_external_references_lists_every_kind_of_fetch():
    page = """<html><head>
        <script src="https://cdn.example/leaflet.js"></script>
        <link rel="stylesheet" href="//cdn.example/x.css"/>
        <style>.a { background: url('http://img.example/a.png') } @import "https://css.example/b.css";
               .b { background: url(data:image/png;base64,AAAA) } .c { behavior: url(#default#VML) }</style>
        </head><body>
        <img src="images/local.png" srcset="https://img.example/2x.png 2x">
        <div style="background-image: url(&quot;https://img.example/c.png&quot;)"></div>
        <a href="https://leafletjs.com">a link is not fetched</a>
        <script>var s = "<img src='https://in.script/x.png'>";</script>
        </body></html>"""
    assert external_references(page) == [
        "https://cdn.example/leaflet.js", "//cdn.example/x.css", "http://img.example/a.png",
        "https://css.example/b.css", "images/local.png", "https://img.example/2x.png", "https://img.example/c.png"]
    # folium as it comes links a CDN for everything; ours must not have changed that globally
    plain = folium.Map(tiles=None).get_root().render()
    assert any("leaflet" in u for u in external_references(plain))
    assert any("bootstrap" in u for u in external_references(plain))


def test_public_map_shows_no_resident_data_and_no_private_number(demo, maps):
    t = demo.tables
    text = readable(maps["public"][1])
    assert not [tag for tag in SENSITIVE if tag in text]
    assert INTERNAL_STAMP not in text and PUBLIC_NOTE in text
    assert 'name="gridmap-mode" content="public"' in text
    # Names that legitimately show (staff, places) are taken out first: a resident
    # who shares a staff member's name, or whose name is part of one, is not a leak.
    shown = sorted({s.name for s in t["staff"].values()} | {z.name for z in t["zones"].values()}
                   | {c.name for c in t["compounds"].values()} | {s.name for s in t["streets"].values()},
                   key=len, reverse=True)
    rest = text
    for name in shown:
        rest = rest.replace(name, " ")
    residents = {r.name for r in t["residents"].values()}
    assert len(residents) > 1000
    assert not [name for name in residents if name in rest]
    private = {s.phone for s in t["staff"].values() if not s.phone_public}
    private |= {r.phone for r in t["residents"].values()} | {r.id_number for r in t["residents"].values()}
    private.discard("")
    assert not [p for p in private if p in text]
    # the posts are there: public numbers in full, the others masked
    public = {s.phone for s in t["staff"].values() if s.phone_public}
    assert sum(1 for p in public if p in text) > 50
    assert MASKED.search(text)
    assert "0371-65920001" in text  # a community hotline


def test_internal_map_says_so_and_shows_staff_numbers_but_still_no_resident(demo, maps):
    t = demo.tables
    text = readable(maps["internal"][1])
    assert INTERNAL_STAMP in text and 'class="gm-banner"' in text
    assert 'name="gridmap-mode" content="internal"' in text
    heads = [t["staff"][a.staff_id] for a in t["assignments"].values() if a.role == "楼栋长"]
    assert [s for s in heads if not s.phone_public and s.phone in text]  # unmasked inside
    assert not [tag for tag in SENSITIVE if tag in text]
    assert not [r.phone for r in t["residents"].values() if r.phone and r.phone in text]
    assert not [r.id_number for r in t["residents"].values() if r.id_number in text]


def test_popups_follow_the_chart_privacy_rules(demo):
    t = demo.tables
    grid = next(z for z in t["zones"].values() if z.name == "第1网格" and z.code.endswith("001001"))
    public, internal = PopupText(demo, Privacy("public")), PopupText(demo, Privacy("internal"))
    card = public.zone_popup(grid, leaf=True).html()
    assert grid.code in card and "户数" in card and "常住" in card and "0371-65920001" in card
    for a in t["assignments"].values():
        if a.target_kind == "zone" and a.target_id == grid.id:
            person = t["staff"][a.staff_id]
            shown = person.phone if person.phone_public else masked_phone(person.phone)
            assert f"{person.name} {shown}" in card
            assert f"{person.name} {person.phone}" in internal.zone_popup(grid, leaf=True).html()
    building = next(b for b in t["buildings"].values() if any(
        a.target_kind == "building" and a.target_id == b.id for a in t["assignments"].values()))
    head = next(t["staff"][a.staff_id] for a in t["assignments"].values()
                if a.target_kind == "building" and a.target_id == building.id)
    card = public.building_popup(building).html()
    assert building.number in card and "单元" in card and "层数" in card and "楼栋长" in card
    assert f"{head.name} {head.phone if head.phone_public else masked_phone(head.phone)}" in card
    assert head.phone in internal.building_popup(building).html()


def test_names_are_escaped_not_run(tmp_path):
    tables = small_tables()
    hostile = '<img src=x onerror="alert(1)">小区'
    tables["compounds"] = [Compound(1, hostile, "小区", tables["compounds"][0].geometry)]
    project = Project.create(tmp_path / "hostile.gpkg", epsg=4547, tables=tables, meta={"title": "<b>测试</b>"},
                             moment=MOMENT)
    try:
        summary = write_web_map(project, tmp_path / "hostile.html")
    finally:
        project.close()
    page = summary.path.read_text(encoding="utf-8")
    assert external_references(page) == []
    text = readable(page)
    assert "&lt;img src=x" in text and "<img src=x" not in text
    assert "<title>&lt;b&gt;测试&lt;/b&gt; 网格地图</title>" in page


def test_neighbouring_grids_never_share_a_fill(demo):
    m, _ = build_map(demo, Privacy())
    layer = next(c for c in m._children.values() if getattr(c, "layer_name", None) == "网格")
    features = layer.data["features"]
    zones = demo.tables["zones"]
    geoms = np.array([zones[int(f["id"][1:])].geometry for f in features], dtype=object)
    fills = [f["properties"]["fill"] for f in features]
    assert set(fills) <= set(web_style.GRID_FILLS) and len(set(fills)) >= 2
    for i, near in enumerate(neighbours(geoms)):
        assert all(fills[i] != fills[j] for j in near)


def test_web_colours_are_the_desktop_colours():
    from layers import styles

    assert web_style.GRID_FILLS == styles.GRID_FILLS
    assert {k: (v.color, v.width) for k, v in styles.ROLE_PENS.items()} == web_style.ROLE_PENS
    assert (styles.OTHER_PEN.color, styles.OTHER_PEN.width) == web_style.OTHER_PEN
    assert (web_style.BACKGROUND, web_style.BUILDING_FILL, web_style.COMPOUND_WALL) == (
        styles.BACKGROUND, styles.BUILDING_FILL, styles.COMPOUND_WALL)


def test_coordinates_are_wgs84_and_round_trip_to_a_centimetre(demo):
    transformer = lonlat_transformer(demo.store.srs_id)
    office = next(z for z in demo.tables["zones"].values() if z.level == 1)
    point = shapely.Point(office.geometry.centroid.x, office.geometry.centroid.y)
    (ll,) = to_lonlat([point], transformer)
    assert 113 < ll.x < 115 and 34 < ll.y < 35.5  # the demo sits in Zhengzhou
    back = lonlat_transformer(demo.store.srs_id).transform(ll.x, ll.y, direction="INVERSE")
    assert abs(back[0] - point.x) < 0.02 and abs(back[1] - point.y) < 0.02
    # simplifying by 0.2 m moves no vertex further than that
    grid = next(z for z in demo.tables["zones"].values() if z.level == 3)
    simple = shapely.simplify(grid.geometry, 0.2, preserve_topology=True)
    assert shapely.hausdorff_distance(simple, grid.geometry) <= 0.2


def test_an_empty_project_still_gives_a_page(tmp_path):
    tables = small_tables()
    for name in ("zones", "compounds", "streets", "buildings", "units", "households", "residents", "party_links",
                 "site_points", "assignments", "staff"):
        tables[name] = []
    project = Project.create(tmp_path / "empty.gpkg", epsg=4547, tables=tables, meta={}, moment=MOMENT)
    try:
        summary = write_web_map(project, tmp_path / "empty.html")
    finally:
        project.close()
    assert summary.features == {}
    assert external_references(summary.path.read_text(encoding="utf-8")) == []


def test_mode_must_be_public_or_internal(demo, tmp_path):
    with pytest.raises(ValueError):
        write_web_map(demo, tmp_path / "x.html", mode="everything")
    assert not (tmp_path / "x.html").exists()


# -- in a real browser, network off --------------------------------------------

@pytest.mark.slow
def test_chromium_without_network_blocks_the_internet(tmp_path):
    """The harness itself: with these flags a remote image really fails to load,
    so a page that works under them needs no network."""
    page = tmp_path / "probe.html"
    page.write_text('<html><body><img src="http://example.com/gridmap-probe.png" '
                    'onload="document.title=\'loaded\'" onerror="document.title=\'blocked\'"></body></html>')
    dom = run_chromium(page, tmp_path / "chromium")
    assert "<title>blocked</title>" in dom


@pytest.mark.slow
def test_chromium_offline_draws_every_feature(maps, clicked):
    _, _, results = clicked
    for mode, out in results.items():
        summary = maps[mode][0]
        assert "exception" not in out, out.get("exception")
        assert out["leaflet"] == "1.9.4"
        assert out["violations"] == [] and out["errors"] == []  # it tried to fetch nothing, and nothing broke
        # one SVG path per zone, compound, building and street; a text label per grid
        assert out["paths"] == sum(n for name, n in summary.features.items() if name != LABELS_LAYER)
        assert out["labels"] == summary.features[LABELS_LAYER]
        assert out["layers"] == list(summary.features)
        assert out["font"].startswith('"Noto Sans CJK SC"') and out["charset"] == "UTF-8"
        south, west, north, east = out["bounds"]
        assert 34 < south < north < 35.5 and 113 < west < east < 115


@pytest.mark.slow
def test_clicking_a_grid_and_a_building_opens_their_popups(demo, clicked):
    grid, building, results = clicked
    t = demo.tables
    public, internal = results["public"], results["internal"]
    for out in (public, internal):
        text = out["grid_popup"]
        assert text.startswith(grid.name) and grid.code in text, text
        assert "户数" in text and "常住" in text and "网格长" in text and "网格员" in text
        assert "社区服务电话" in text and "0371-65920001" in text
        text = out["building_popup"]
        assert text.startswith(building.number) and "单元" in text and "层数" in text and "楼栋长" in text, text
    head = next(t["staff"][a.staff_id] for a in t["assignments"].values()
                if a.target_kind == "building" and a.target_id == building.id and a.role == "楼栋长")
    assert not head.phone_public
    assert masked_phone(head.phone) in public["building_popup"] and head.phone not in public["building_popup"]
    assert head.phone in internal["building_popup"]
    assert public["banner"] == [] and internal["banner"] and INTERNAL_STAMP in internal["banner"][0]


@pytest.mark.slow
def test_screenshot_offline_shows_the_grids(maps, tmp_path):
    shot = tmp_path / "map.png"
    run_chromium(maps["public"][0].path, tmp_path / "chromium", screenshot=shot)
    pixels = png_pixels(shot)
    assert pixels.shape == (WINDOW[1], WINDOW[0], 3)
    share = {}
    for colour in web_style.GRID_FILLS:
        close = np.abs(pixels.astype(int) - hex_rgb(colour)).max(axis=2) <= 3
        share[colour] = close.mean()
    painted = {c: s for c, s in share.items() if s > 0.02}
    # the grids fill most of the window (fit to the street office), in several colours
    assert sum(share.values()) > 0.25 and len(painted) >= 2, share  # streets, buildings and markers cover the rest
    background = (np.abs(pixels.astype(int) - hex_rgb(web_style.BACKGROUND)).max(axis=2) <= 3).mean()
    assert background > 0.02  # the plain background around the office, no tiles
