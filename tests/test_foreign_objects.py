"""A project file that carries its own SQL: triggers, views and look-alike
tables that gridmap did not make are found when the file is opened; the file
can be read but not edited until ``gridmap repair`` removes them; what GDAL
and QGIS add to a GeoPackage in the ordinary way is left alone."""

import hashlib
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely

from gridmap.commands.households import EditHouseholds
from gridmap.errors import ForeignObjectsError
from gridmap.project import Project
from gridmap.storage import foreign
from gridmap.storage.store import ProjectStore
from tests.factories import X0, Y0, small_project

ROOT = Path(__file__).resolve().parents[1]

WIPE_RESIDENTS = ("CREATE TRIGGER after_note AFTER UPDATE ON households BEGIN DELETE FROM residents; END")
LEAK_NAMES = ("CREATE TRIGGER leak AFTER UPDATE ON households BEGIN UPDATE zones SET name = "
              "(SELECT group_concat(name || ' ' || phone || ' ' || id_number) FROM residents) WHERE level = 3; END")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def gridmap(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gridmap", *map(str, args)], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)


def with_sql(path: Path, *statements: str) -> Path:
    with closing(sqlite3.connect(path)) as conn:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    return path


@pytest.fixture
def small(tmp_path) -> Path:
    path = tmp_path / "small.gpkg"
    small_project(path).close()
    return path


@pytest.mark.parametrize("statement, kind", [
    (WIPE_RESIDENTS, "trigger"),
    (LEAK_NAMES, "trigger"),
    ("CREATE VIEW people AS SELECT name, phone FROM residents", "view"),
    ("CREATE UNIQUE INDEX one_per_room ON households (building_id, unit_id, floor, room, note)", "index"),
    ('CREATE TABLE "Households " (id INTEGER)', "table"),
    ('CREATE TABLE "ｈｏｕｓｅｈｏｌｄｓ" (id INTEGER)', "table"),
    ("CREATE TRIGGER sneaky AFTER INSERT ON rtree_buildings_geom_node BEGIN DELETE FROM residents; END",
     "trigger"),
    ("CREATE TRIGGER on_contents AFTER UPDATE ON gpkg_contents BEGIN DELETE FROM residents; END", "trigger"),
])
def test_each_kind_of_foreign_object_keeps_the_file_from_being_edited(small, statement, kind):
    with_sql(small, statement)
    before = digest(small)
    with pytest.raises(ForeignObjectsError, match="gridmap repair") as caught:
        Project.open(small)
    assert [o.type for o in caught.value.objects] == [kind]
    viewer = Project.open(small, read_only=True)  # reading runs no trigger: it may be looked at
    assert [o.type for o in viewer.store.foreign_objects] == [kind]
    assert len(viewer.tables["residents"]) == 1
    viewer.close()
    assert digest(small) == before


def test_a_chain_through_gdals_feature_count_is_caught(small):
    with_sql(small, "CREATE TABLE gpkg_ogr_contents(table_name TEXT NOT NULL PRIMARY KEY, feature_count INTEGER)",
             "INSERT INTO gpkg_ogr_contents VALUES ('change_log', 0)",
             'CREATE TRIGGER "trigger_insert_feature_count_change_log" AFTER INSERT ON "change_log" BEGIN UPDATE '
             "gpkg_ogr_contents SET feature_count = feature_count + 1 WHERE lower(table_name) = lower('change_log'); "
             "END",
             "CREATE TRIGGER evil AFTER UPDATE ON gpkg_ogr_contents BEGIN DELETE FROM residents; END")
    with pytest.raises(ForeignObjectsError) as caught:
        Project.open(small)
    assert [o.name for o in caught.value.objects] == ["evil"]  # GDAL's own count trigger is not the harm


def test_gdals_count_trigger_without_its_table_is_removed_rather_than_failing_every_edit(small):
    with_sql(small, 'CREATE TRIGGER "trigger_insert_feature_count_change_log" AFTER INSERT ON "change_log" BEGIN '
                    "UPDATE gpkg_ogr_contents SET feature_count = feature_count + 1 WHERE lower(table_name) = "
                    "lower('change_log'); END")
    with pytest.raises(ForeignObjectsError):
        Project.open(small)
    ProjectStore.repair(small)
    project = Project.open(small)
    project.undo_stack.push(EditHouseholds([1], note="ok"))
    project.close()


def test_a_trigger_reached_through_a_cascading_foreign_key_is_caught(small):
    with_sql(small, "CREATE TABLE qgis_notes(id INTEGER PRIMARY KEY, staff_id INTEGER REFERENCES staff(id) "
                    "ON DELETE CASCADE)",
             "INSERT INTO qgis_notes(staff_id) SELECT id FROM staff",
             "CREATE TRIGGER qgis_notes_cleanup AFTER DELETE ON qgis_notes BEGIN DELETE FROM residents; END")
    with pytest.raises(ForeignObjectsError) as caught:
        Project.open(small)
    assert [o.name for o in caught.value.objects] == ["qgis_notes_cleanup"]


def test_our_own_table_redefined_with_a_cascade_is_caught_and_rebuilt_by_repair(small):
    with closing(sqlite3.connect(small)) as conn:  # as a hostile editor of the file would
        conn.execute("PRAGMA writable_schema = ON")
        for parent in ("zones", "buildings", "units", "households"):
            conn.execute(f"UPDATE sqlite_master SET sql = replace(sql, 'REFERENCES {parent}(id)', "
                         f"'REFERENCES {parent}(id) ON DELETE CASCADE') WHERE type = 'table'")
        conn.commit()
    with pytest.raises(ForeignObjectsError) as caught:
        Project.open(small)
    assert {(o.type, o.name) for o in caught.value.objects} == {
        ("definition", t) for t in ("zones", "buildings", "units", "households", "residents", "staff", "party_links",
                                    "cases", "visit_households")}
    assert "CASCADE" in caught.value.objects[0].describe()
    _found, _restored = ProjectStore.repair(small)
    with closing(sqlite3.connect(small)) as conn:
        assert foreign.find(conn) == [] and conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    project = Project.open(small)
    counts = {t: len(project.tables[t]) for t in ("buildings", "units", "households", "residents")}
    from gridmap.commands.zones import MergeZones

    project.undo_stack.push(MergeZones([3, 4]))
    project.close()
    reopened = Project.open(small, read_only=True)
    assert {t: len(reopened.tables[t]) for t in counts} == counts  # nothing cascaded away
    reopened.close()


def test_one_of_our_own_triggers_rewritten_is_foreign_and_repair_puts_ours_back(small):
    with_sql(small, 'DROP TRIGGER "rtree_buildings_geom_insert"',
             'CREATE TRIGGER "rtree_buildings_geom_insert" AFTER INSERT ON "buildings" BEGIN DELETE FROM residents; '
             'END',
             'DROP TRIGGER "rtree_zones_geom_delete"')  # and one of ours simply missing
    with pytest.raises(ForeignObjectsError):
        Project.open(small)
    found, restored = ProjectStore.repair(small)
    assert [o.name for o in found] == ["rtree_buildings_geom_insert"]
    assert restored == ["rtree_zones_geom_delete", "rtree_buildings_geom_insert"] or \
        sorted(restored) == ["rtree_buildings_geom_insert", "rtree_zones_geom_delete"]
    with closing(sqlite3.connect(small)) as conn:
        assert foreign.find(conn) == []
        rows = conn.execute("SELECT count(*) FROM rtree_buildings_geom").fetchone()[0]
    project = Project.open(small)
    assert rows == len(project.tables["buildings"]) and len(project.tables["residents"]) == 1
    project.close()


@pytest.mark.slow
def test_a_roster_import_into_a_booby_trapped_file_is_refused_and_repair_clears_it(small, tmp_path):
    with_sql(small, WIPE_RESIDENTS, LEAK_NAMES)
    roster = tmp_path / "r.csv"
    roster.write_text("楼栋,单元,房号,备注\n1号楼,1,101,已走访\n", encoding="utf-8")
    before = digest(small)
    result = gridmap("households", small, "--import", roster)
    assert result.returncode == 1 and "gridmap did not make" in result.stderr and "Traceback" not in result.stderr
    assert "wrote" not in result.stdout and digest(small) == before
    assert gridmap("repair", small, "--dry-run").returncode == 0 and digest(small) == before
    result = gridmap("repair", small)
    assert result.returncode == 0 and result.stdout.count("removed trigger") == 2, result.stdout
    result = gridmap("households", small, "--import", roster)
    assert result.returncode == 0, result.stderr
    project = Project.open(small, read_only=True)
    assert len(project.tables["residents"]) == 1  # the trap never fired
    assert {z.name for z in project.tables["zones"].values()} == {"测试街道", "测试社区", "第1网格", "第2网格"}
    project.close()
    result = gridmap("repair", small)
    assert result.returncode == 0 and "nothing to repair" in result.stdout


def test_what_gdal_adds_for_a_layer_of_its_own_is_accepted(small):
    frame = gpd.GeoDataFrame({"name": ["路灯"]}, geometry=[shapely.Point(X0 + 10, Y0 + 10)], crs="EPSG:4547")
    pyogrio.write_dataframe(frame, small, layer="street_lamps", driver="GPKG", append=True)
    with closing(sqlite3.connect(small)) as conn:
        triggers = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                               "AND tbl_name = 'street_lamps'")]
    assert triggers  # GDAL's R-tree triggers on its layer
    Project.open(small).close()


def test_gdal_feature_count_triggers_on_our_tables_are_recognised():
    count = ('CREATE TRIGGER "trigger_insert_feature_count_zones" AFTER INSERT ON "zones" BEGIN UPDATE '
             "gpkg_ogr_contents SET feature_count = feature_count + 1 WHERE lower(table_name) = lower('zones'); END")
    assert foreign._is_gdal_count(count)
    assert not foreign._is_gdal_count(count.replace("+ 1", "- 1"))  # an insert that counts down is not GDAL's
    assert not foreign._is_gdal_count(count.replace("UPDATE gpkg_ogr_contents", "DELETE FROM residents; UPDATE "
                                                                                 "gpkg_ogr_contents"))
