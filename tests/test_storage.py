"""The project file is a real GeoPackage 1.2 that GDAL and geopandas read as is,
and saving and reopening gives identical data."""

import shutil
import sqlite3
from contextlib import closing

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon

from gridmap.model.tables import FEATURE_TABLES, TABLE_ORDER
from gridmap.project import Project
from gridmap.storage import gpkg
from tests.old_schemas import drop_columns, undo_schema_6


def test_gdal_lists_every_feature_table_with_its_geometry_type(demo_file):
    layers = dict(pyogrio.list_layers(demo_file))
    assert {t: layers[t] for t in FEATURE_TABLES} == {
        "zones": "MultiPolygon", "compounds": "MultiPolygon", "buildings": "MultiPolygon",
        "streets": "MultiLineString", "site_points": "Point", "site_routes": "MultiLineString", "cases": "Point"}
    # attribute tables are registered too, so QGIS can open the household table
    assert layers["households"] is None and layers["staff"] is None


@pytest.mark.parametrize("table", FEATURE_TABLES)
def test_geopandas_reads_feature_tables_in_cgcs2000_gauss_kruger(demo_file, table):
    frame = gpd.read_file(demo_file, layer=table)
    assert frame.crs.to_epsg() == 4547
    assert len(frame) > 0
    assert frame.geometry.is_valid.all()
    info = pyogrio.read_info(demo_file, layer=table)
    assert info["fid_column"] == "id" and info["geometry_name"] == "geom"
    # gpkg_contents holds the exact extent, so "zoom to layer" in QGIS is right
    assert np.allclose(info["total_bounds"], frame.total_bounds)


def test_attribute_values_read_by_gdal_match_ours(demo_copy):
    ours = Project.open(demo_copy)
    try:
        frame = gpd.read_file(demo_copy, layer="households")
        first = ours.tables["households"][1]
        row = frame.iloc[0]
        assert row["room"] == first.room and row["occupancy"] == first.occupancy
        assert row["people"] == first.people and bool(row["follow_up"]) == first.follow_up
        assert set(filter(None, row["tags"].split(","))) == set(first.tags)
        assert row["last_checked"].date() == first.last_checked
    finally:
        ours.close()


def test_file_is_geopackage_1_2(demo_file):
    with closing(sqlite3.connect(demo_file)) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 10200
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        srs = dict(conn.execute("SELECT srs_id, organization_coordsys_id FROM gpkg_spatial_ref_sys"))
        assert srs[4547] == 4547 and -1 in srs and 0 in srs and 4326 in srs
        # closed: a single self-contained file, not left in WAL mode
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_geometry_blob_round_trip():
    geoms = np.array([Point(1, 2), MultiPolygon([shapely.box(0, 0, 1, 1)]), None, Polygon()], dtype=object)
    blobs = gpkg.encode_geometries(geoms, 4547)
    assert blobs[0][:2] == b"GP" and blobs[2] is None
    assert blobs[3][3] & 0b1_0000  # empty flag
    back = gpkg.decode_geometries(blobs)
    assert back[0] == geoms[0] and back[1] == geoms[1] and back[2] is None and back[3].is_empty
    with pytest.raises(ValueError):
        gpkg.decode_geometries([b"XX" + blobs[0][2:]])


def _dump(project):
    return {name: dict(project.tables[name]) for name in TABLE_ORDER}


def test_save_as_and_reopen_gives_identical_data(demo_copy, tmp_path):
    project = Project.open(demo_copy)
    before = _dump(project)
    copy = tmp_path / "copy.gpkg"
    project.save_as(copy)
    assert project.path == copy
    project.close()
    for path in (demo_copy, copy):
        reopened = Project.open(path)
        assert _dump(reopened) == before
        reopened.close()
    assert not (tmp_path / "copy.gpkg-wal").exists()


def test_the_file_is_whole_after_every_commit(project, tmp_path):
    """The rollback journal: a copy of the .gpkg taken while the window is open
    (to a USB stick, by a sync tool) holds every edit made so far."""
    from gridmap.commands.households import EditHouseholds

    project.undo_stack.push(EditHouseholds([1], note="copied while open"))
    assert not (tmp_path / "small.gpkg-wal").exists() and not (tmp_path / "small.gpkg-journal").exists()
    copy = tmp_path / "copy.gpkg"
    shutil.copyfile(project.path, copy)
    with closing(sqlite3.connect(copy)) as conn:
        assert conn.execute("SELECT note FROM households WHERE id = 1").fetchone()[0] == "copied while open"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    project.close()


def test_a_file_left_in_wal_mode_is_switched_back_at_the_first_edit(tmp_path):
    from gridmap.commands.households import EditHouseholds
    from tests.factories import small_project

    small_file = tmp_path / "small.gpkg"
    small_project(small_file).close()
    with closing(sqlite3.connect(small_file)) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
    project = Project.open(small_file)
    project.undo_stack.push(EditHouseholds([1], note="x"))
    project.close()
    assert not small_file.with_name(small_file.name + "-wal").exists()
    with closing(sqlite3.connect(small_file)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_feature_tables_have_gdal_usable_spatial_indexes(demo_file):
    for table in FEATURE_TABLES:
        assert pyogrio.read_info(demo_file, layer=table)["capabilities"]["fast_spatial_filter"]
    box = (470500, 3849300, 470900, 3849600)
    frame = gpd.read_file(demo_file, layer="buildings", bbox=box)
    everything = gpd.read_file(demo_file, layer="buildings")
    expected = everything[everything.intersects(shapely.box(*box))]
    assert sorted(frame["code"]) == sorted(expected["code"]) and len(frame) > 0


def _rtree(path, table):
    with closing(sqlite3.connect(path)) as conn:
        return {row[0]: row[1:] for row in conn.execute(f"SELECT id, minx, maxx, miny, maxy FROM rtree_{table}_geom")}


def test_edits_keep_the_spatial_index_in_step(project):
    from gridmap.commands.geometry import SetBuildingFootprint

    from tests.factories import X0, Y0

    project.undo_stack.push(SetBuildingFootprint(1, shapely.box(X0 + 150, Y0 + 60, X0 + 176, Y0 + 71)))
    minx, maxx, miny, maxy = _rtree(project.path, "buildings")[1]
    assert minx <= X0 + 150 <= X0 + 176 <= maxx and miny <= Y0 + 60 <= Y0 + 71 <= maxy
    project.undo_stack.undo()
    assert _rtree(project.path, "buildings")[1][0] <= X0 + 20 < X0 + 21 <= _rtree(project.path, "buildings")[1][1]
    assert set(_rtree(project.path, "buildings")) == set(project.tables["buildings"])


def _undo_schema_3(conn):
    """Take out what schemas 3 and later added (zone kind and parts_allowed, gate state, schema 6)."""
    undo_schema_6(conn)
    drop_columns(conn, "zones", "kind", "parts_allowed")
    drop_columns(conn, "site_points", "state")


def test_version_2_files_get_zone_kinds_on_opening(project):
    from gridmap.storage.schema import META_TABLE, SCHEMA_VERSION

    project.close()
    with closing(sqlite3.connect(project.path)) as conn:
        _undo_schema_3(conn)
        conn.execute(f"UPDATE {META_TABLE} SET value = '2' WHERE key = 'schema_version'")
        conn.commit()
    reopened = Project.open(project.path)
    try:
        assert reopened.meta["schema_version"] == str(SCHEMA_VERSION)
        assert {(z.kind, z.parts_allowed) for z in reopened.tables["zones"].values()} == {("", False)}
    finally:
        reopened.close()
    assert set(gpd.read_file(project.path, layer="zones").columns) >= {"kind", "parts_allowed"}


def test_version_1_files_get_their_spatial_indexes_on_opening(project):
    from gridmap.storage.schema import META_TABLE

    project.close()
    with closing(sqlite3.connect(project.path)) as conn:
        for table in FEATURE_TABLES:
            for name, in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                                      (table,)).fetchall():
                conn.execute(f'DROP TRIGGER "{name}"')
            conn.execute(f'DROP TABLE "rtree_{table}_geom"')
        conn.execute("DROP TABLE gpkg_extensions")
        _undo_schema_3(conn)
        conn.execute(f"UPDATE {META_TABLE} SET value = '1' WHERE key = 'schema_version'")
        conn.commit()
    reopened = Project.open(project.path)
    reopened.close()
    assert set(_rtree(project.path, "buildings")) == {1, 2, 3}
    assert pyogrio.read_info(project.path, layer="buildings")["capabilities"]["fast_spatial_filter"]
