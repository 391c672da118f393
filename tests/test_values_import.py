"""Values that hang or brick, at the GIS import door: a NaN, ∞ or 1e308
coordinate among good features (GeoJSON, GeoPackage, OpenStreetMap XML), street
widths of inf, nan, -3 and 1e9, a million floors, control characters in names.
The bad ones are left out or repaired with a reason; the rest comes in."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import warnings

import geopandas as gpd
import numpy as np
import pyogrio
import shapely
from pyproj import Transformer

from gridmap.gis.importing import ImportFeatures, preview_import
from gridmap.gis.reading import read_source
from gridmap.project import Project
from tests.factories import X0, Y0

TO_LONLAT = Transformer.from_crs(4547, 4490, always_xy=True)
LAT = f"{TO_LONLAT.transform(X0 + 150, Y0 + 60)[1]:.6g}"  # the bad features' latitude, as messages show it


def _lonlat(x: float, y: float) -> tuple[float, float]:
    """A point of the small project (metres from its corner) in CGCS2000 longitude, latitude."""
    return TO_LONLAT.transform(X0 + x, Y0 + y)


def _ring(x: float, y: float, size: float = 8.0) -> list[list[float]]:
    """A square inside the small project's street office, in longitude, latitude."""
    return [list(_lonlat(*p)) for p in ((x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y))]


def _geojson_with_bad_numbers(path, bad: dict[str, str]) -> None:
    """Three good buildings, then one per bad value written as such in the JSON
    (GDAL reads NaN and Infinity there; json.dumps would refuse them)."""
    features = [json.dumps({"type": "Feature", "properties": {"楼号": f"{i + 1}号楼", "层数": "6"},
                            "geometry": {"type": "Polygon", "coordinates": [_ring(20 + 30 * i, 60)]}})
                for i in range(3)]
    for name, value in bad.items():
        ring = _ring(150, 60)
        coords = ", ".join(f"[{value if k == 1 else repr(x)}, {y!r}]" for k, (x, y) in enumerate(ring))
        features.append(f'{{"type": "Feature", "properties": {{"楼号": "{name}", "层数": "6"}}, '
                        f'"geometry": {{"type": "Polygon", "coordinates": [[{coords}]]}}}}')
    path.write_text('{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": '
                    '"urn:ogc:def:crs:EPSG::4490"}}, "features": [' + ",\n".join(features) + "]}", encoding="utf-8")


def _gridmap(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gridmap", *map(str, args)], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_nan_and_an_infinite_coordinate_in_geojson_leave_only_those_features_out(project, tmp_path):
    source = tmp_path / "survey.geojson"
    _geojson_with_bad_numbers(source, {"坏楼甲": "NaN", "坏楼乙": "Infinity"})
    layer = read_source(source)
    assert layer.unreadable == 0 and set(layer.set_aside) == {3, 4}  # GDAL read them; they are set aside
    preview = preview_import(project, layer, "buildings")
    assert [b.number for b in preview.records] == ["1号楼", "2号楼", "3号楼"] and preview.rows == [0, 1, 2]
    assert dict(preview.left_out) == {3: f"a coordinate is not a number (nan, {LAT})",
                                      4: f"a coordinate is not a number (inf, {LAT})"}
    project.undo_stack.push(ImportFeatures(preview))
    assert {b.number for b in project.tables["buildings"].values()} >= {"1号楼", "2号楼", "3号楼"}
    assert len(project.tables["buildings"]) == 3 + 3


def test_the_import_command_lists_the_bad_features_of_a_geopackage_and_imports_the_rest(project, tmp_path):
    path = project.path
    project.close()
    good = [shapely.Polygon(_ring(20 + 30 * i, 60)) for i in range(3)]
    first, second, *rest = _ring(150, 60)
    source = tmp_path / "survey.gpkg"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # GDAL and shapely say what we are doing on purpose
        bad = [shapely.Polygon([first, (value, second[1]), *rest]) for value in (np.nan, np.inf)]
        frame = gpd.GeoDataFrame({"楼号": ["1号楼", "2号楼", "3号楼", "坏楼甲", "坏楼乙"]}, geometry=[*good, *bad],
                                 crs="EPSG:4490")
        pyogrio.write_dataframe(frame, source, driver="GPKG")
    result = _gridmap("import", path, "--layer", "buildings", source)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "3 buildings from survey.gpkg" in result.stdout and "left out 2" in result.stdout
    assert "row 3: a coordinate is not a number (nan, " in result.stdout
    assert "row 4: a coordinate is not a number (inf, " in result.stdout
    reopened = Project.open(path, read_only=True)
    try:
        assert len(reopened.tables["buildings"]) == 3 + 3
    finally:
        reopened.close()


def test_nothing_usable_is_exit_1_with_a_message_and_nothing_written(project, tmp_path):
    path = project.path
    project.close()
    before = _digest(path)
    source = tmp_path / "all_bad.geojson"
    _geojson_with_bad_numbers(source, {"坏楼甲": "NaN", "坏楼乙": "Infinity", "坏楼丙": "1e308"})
    text = source.read_text(encoding="utf-8")
    start = text.index('{"type": "Feature", "properties": {"楼号": "坏楼甲"')
    source.write_text(text[:text.index('{"type": "Feature"')] + text[start:], encoding="utf-8")  # only the bad
    result = _gridmap("import", path, "--layer", "buildings", source)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "nothing can be imported into buildings" in result.stderr and "Nothing was written." in result.stderr
    assert "row 0: a coordinate is not a number (nan, " in result.stderr
    assert f"row 2: a coordinate (1e+308, {LAT}) lies far outside any coordinate system's range" in result.stderr
    assert _digest(path) == before
    new = tmp_path / "new.gpkg"
    result = _gridmap("import", new, "--new", "--layer", "buildings", source)
    assert result.returncode == 1 and "Traceback" not in result.stderr and not new.exists()


def test_a_1e308_or_an_off_the_globe_coordinate_is_refused_and_does_not_pick_the_crs(tmp_path):
    source = tmp_path / "survey.geojson"
    _geojson_with_bad_numbers(source, {"坏楼丙": "1e308", "坏楼丁": "5000"})
    new = tmp_path / "new.gpkg"
    result = _gridmap("import", new, "--new", "--layer", "buildings", "--json", source)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["project_crs"] == "EPSG:4547" and report["records"] == 3  # Zhengzhou's zone, from the good three
    assert report["left_out_examples"] == [
        f"row 3: a coordinate (1e+308, {LAT}) lies far outside any coordinate system's range",
        (f"row 4: a coordinate (5000, {LAT}) lies far outside the area 'China Geodetic Coordinate System 2000' "
         "covers")]


def test_far_outside_the_projects_crs_is_left_out_even_with_include_outside(project, tmp_path):
    # 2,000 km east of Zhengzhou, given in Web Mercator (which covers it): the
    # project's Gauss–Krüger zone (114°E) cannot hold it sensibly
    far = shapely.box(X0 + 2_000_000, Y0, X0 + 2_000_010, Y0 + 10)
    near = shapely.box(X0 + 20, Y0 + 60, X0 + 30, Y0 + 70)
    source = tmp_path / "far.gpkg"
    gpd.GeoDataFrame({"楼号": ["近楼", "远楼"]}, geometry=[near, far], crs="EPSG:4547").to_crs(3857).to_file(source)
    preview = preview_import(project, read_source(source), "buildings", include_outside=True)
    assert [b.number for b in preview.records] == ["近楼"]
    (row, why), = preview.left_out
    assert row == 1 and why.startswith("in the project's coordinate system a coordinate (2.47")
    assert why.endswith("lies far outside the area EPSG:4547 covers")


def _osm(path, nodes, ways) -> None:
    xml = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="hand">']
    xml += [f'  <node id="{i}" lat="{lat}" lon="{lon}" version="1"/>' for i, lat, lon in nodes]
    for way_id, refs, tags in ways:
        xml += [f'  <way id="{way_id}" version="1">', *[f'    <nd ref="{r}"/>' for r in refs],
                *[f'    <tag k="{k}" v="{v}"/>' for k, v in tags], "  </way>"]
    path.write_text("\n".join(xml + ["</osm>"]), encoding="utf-8")


def test_openstreetmap_xml_with_nan_and_inf_nodes_and_bad_widths_and_floors(tmp_path):
    """GDAL's OSM driver stops at the first node that is no place on Earth and
    reads nothing; the import reads the rest and lists what it left out and why."""
    corner = [(1, "34.7680", "113.6720"), (2, "34.7680", "113.6724"), (3, "34.7683", "113.6724"),
              (4, "34.7683", "113.6720"), (5, "34.7678", "113.6715"), (6, "34.7678", "113.6730"),
              (7, "nan", "113.6740"), (8, "34.7690", "inf"), (9, "34.7690", "113.6745"),
              (10, "34.7693", "113.6745"), (11, "34.7693", "113.6742"), (12, "34.7690", "113.6742"),
              (13, "34.7670", "113.6720"), (14, "34.7670", "113.6724"), (15, "34.7673", "113.6724"),
              (16, "34.7673", "113.6720")]
    ways = [(10, (1, 2, 3, 4, 1), [("building", "apartments"), ("building:levels", "7"),
                                   ("addr:housenumber", "5号楼")]),
            (11, (9, 7, 10, 11, 9), [("building", "yes")]),
            (12, (9, 10, 8, 11, 9), [("building", "yes")]),
            (13, (13, 14, 15, 16, 13), [("building", "yes"), ("building:levels", "1000000"),
                                        ("addr:housenumber", "6号楼")])]
    ways += [(20 + i, (5, 6), [("highway", "residential"), ("name", f"路{i}"), ("width", w)])
             for i, w in enumerate(("inf", "nan", "-3", "1e9", "16", "7.5 m"))]
    ways.append((30, (5, 7), [("highway", "residential"), ("name", "坏路")]))
    source = tmp_path / "hand.osm"
    _osm(source, corner, ways)
    project = tmp_path / "p.gpkg"
    result = _gridmap("import", project, "--new", "--layer", "buildings", "--json", source)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    report = json.loads(result.stdout)
    assert report["records"] == 2 and report["left_out"] == 2
    assert report["left_out_examples"] == [
        "row 1: a node of it is no place on Earth: node 7 (lat 'nan', lon '113.6740')",
        "row 2: a node of it is no place on Earth: node 8 (lat '34.7690', lon 'inf')"]
    assert report["repaired_examples"] == [("row 3: building:levels '1000000' is not a whole number from 1 to 200: "
                                            "1 used")]
    result = _gridmap("import", project, "--layer", "streets", "--json", source)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    report = json.loads(result.stdout)
    assert report["records"] == 6 and report["left_out_examples"] == [
        "row 6: a node of it is no place on Earth: node 7 (lat 'nan', lon '113.6740')"]
    assert [x.split(": ", 1)[1] for x in report["repaired_examples"]] == [
        f"width {w!r} is not a street width in metres (up to 200): 12 m, its class's, used"
        for w in ("inf", "nan", "-3", "1e9")]
    opened = Project.open(project, read_only=True)
    try:
        floors = {b.number: b.floors for b in opened.tables["buildings"].values()}
        widths = {s.name: s.width for s in opened.tables["streets"].values()}
    finally:
        opened.close()
    assert floors == {"5号楼": 7, "6号楼": 1}
    assert widths == {"路0": 12.0, "路1": 12.0, "路2": 12.0, "路3": 12.0, "路4": 16.0, "路5": 7.5}


def test_control_characters_and_endless_names_are_cleaned_on_the_way_in(project, tmp_path):
    names = ["1号楼\x07", "2号\t楼\n", "楼" * 20_000, "\u202e楼4", "5号楼"]
    frame = gpd.GeoDataFrame({"楼号": names, "层数": ["6", "6", "6", "6", "many"]},
                             geometry=[shapely.Polygon(_ring(10 + 30 * i, 60)) for i in range(5)], crs="EPSG:4490")
    source = tmp_path / "names.gpkg"
    frame.to_file(source)
    preview = preview_import(project, read_source(source), "buildings")
    numbers = [b.number for b in preview.records]
    assert numbers == ["1号楼", "2号 楼", "楼" * 500, "楼4", "5号楼"]
    assert [b.floors for b in preview.records] == [6, 6, 6, 6, 1]
    assert sorted(preview.repaired) == [(0, "楼号: control characters replaced by spaces"),
                                        (1, "楼号: control characters replaced by spaces"),
                                        (2, "楼号: cut to 500 characters"),
                                        (3, "楼号: control characters replaced by spaces"),
                                        (4, "层数 'many' is not a whole number from 1 to 200: 1 used")]
    project.undo_stack.push(ImportFeatures(preview))  # what comes in passes every check of the editing API
    assert {b.number for b in project.tables["buildings"].values()} >= set(numbers)
