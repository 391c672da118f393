"""Bad files get a clear message naming the file and the problem, and stay as they were."""

import hashlib
import os
import sqlite3
from contextlib import closing
import subprocess
import sys

import geopandas as gpd
import pytest
import shapely

from gridmap.errors import (
    DamagedFileError, NewerSchemaError, NotAProjectError, NotFoundError, NotGeoPackageError, ProjectFileError,
)
from gridmap.project import Project
from gridmap.storage.schema import META_TABLE, SCHEMA_VERSION


def _fingerprint(path):
    return hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns


def _assert_refused(path, error_type, words):
    before = _fingerprint(path) if path.is_file() else None
    siblings = set(path.parent.iterdir())
    with pytest.raises(error_type) as caught:
        Project.open(path)
    message = str(caught.value)
    assert str(path) in message
    for word in words:
        assert word in message
    if before is not None:
        assert _fingerprint(path) == before, "the file was changed"
    assert set(path.parent.iterdir()) == siblings, "a -wal/-shm/-journal file was left behind"
    return caught.value


def test_text_file(tmp_path):
    path = tmp_path / "notes.gpkg"
    path.write_text("这不是地理数据包\n", encoding="utf-8")
    _assert_refused(path, NotGeoPackageError, ["not a GeoPackage", "not an SQLite database"])


def test_empty_file(tmp_path):
    path = tmp_path / "empty.gpkg"
    path.touch()
    _assert_refused(path, NotGeoPackageError, ["empty"])


def test_missing_file_and_folder(tmp_path):
    _assert_refused(tmp_path / "nowhere.gpkg", NotFoundError, ["does not exist"])
    folder = tmp_path / "folder.gpkg"
    folder.mkdir()
    _assert_refused(folder, NotGeoPackageError, ["folder"])


def test_plain_sqlite_database(tmp_path):
    path = tmp_path / "plain.sqlite"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE t (x)")
    _assert_refused(path, NotGeoPackageError, ["SQLite database but not a GeoPackage"])


def test_geopackage_without_our_tables(tmp_path):
    path = tmp_path / "other.gpkg"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.box(0, 0, 1, 1)], crs=4547).to_file(path)
    error = _assert_refused(path, NotAProjectError, ["not a gridmap project", "import"])
    assert error.kind == "not-a-project"


def test_newer_schema(demo_copy):
    with closing(sqlite3.connect(demo_copy)) as conn:
        conn.execute(f'UPDATE "{META_TABLE}" SET value = ? WHERE key = ?', (str(SCHEMA_VERSION + 1), "schema_version"))
        conn.commit()
    _assert_refused(demo_copy, NewerSchemaError, ["newer gridmap", f"schema {SCHEMA_VERSION + 1}", "Update gridmap"])


@pytest.mark.parametrize("keep", [0.9, 0.5, 0.02])
def test_truncated_file(demo_copy, keep):
    data = demo_copy.read_bytes()
    demo_copy.write_bytes(data[: int(len(data) * keep)])
    _assert_refused(demo_copy, DamagedFileError, ["truncated"])


def test_corrupt_pages(demo_copy):
    data = bytearray(demo_copy.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(page * 3, len(data) - page, page * 7):  # scribble over many b-tree pages
        data[offset:offset + 64] = b"\xff" * 64
    demo_copy.write_bytes(bytes(data))
    _assert_refused(demo_copy, DamagedFileError, ["damaged"])


def test_cli_reports_without_traceback(tmp_path):
    path = tmp_path / "notes.gpkg"
    path.write_text("hello", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "gridmap", "info", str(path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert str(path) in result.stderr and "not a GeoPackage" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_cli_usage_error_exit_code():
    result = subprocess.run([sys.executable, "-m", "gridmap", "info"], capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_demo_refuses_to_overwrite_a_real_project(tmp_path, project):
    project.close()
    before = _fingerprint(project.path)
    result = subprocess.run([sys.executable, "-m", "gridmap", "demo", str(project.path)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "--force" in result.stderr
    assert _fingerprint(project.path) == before


def test_every_refusal_is_a_project_file_error():
    for kind in (NotFoundError, NotGeoPackageError, NotAProjectError, NewerSchemaError, DamagedFileError):
        assert issubclass(kind, ProjectFileError)
