"""Files of an older schema are upgraded in one transaction when opened."""

import hashlib
import sqlite3
from contextlib import closing

import pytest

from gridmap.errors import NotAProjectError
from gridmap.project import Project
from gridmap.storage import schema


def _set_version(path, version):
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f'UPDATE "{schema.META_TABLE}" SET value = ? WHERE key = ?', (str(version), "schema_version"))
        conn.commit()


@pytest.fixture
def old_file(project):
    project.close()
    _set_version(project.path, schema.SCHEMA_VERSION - 1)
    return project.path


def test_older_file_is_upgraded(old_file, monkeypatch):
    def add_tag(conn):
        conn.execute("INSERT INTO tag_defs (name, color, sensitive, position) VALUES ('低保', '#888888', 1, 9)")

    monkeypatch.setitem(schema.MIGRATIONS, schema.SCHEMA_VERSION - 1, add_tag)
    project = Project.open(old_file)
    try:
        assert project.meta["schema_version"] == str(schema.SCHEMA_VERSION)
        assert "低保" in {t.name for t in project.tag_defs}
    finally:
        project.close()


def test_failed_upgrade_leaves_the_file_as_it_was(old_file, monkeypatch):
    def half_then_fail(conn):
        conn.execute("UPDATE households SET note = 'half done'")
        raise RuntimeError("disk full")

    monkeypatch.setitem(schema.MIGRATIONS, schema.SCHEMA_VERSION - 1, half_then_fail)
    data = hashlib.sha256(old_file.read_bytes()).hexdigest()
    with pytest.raises(RuntimeError):
        Project.open(old_file)
    assert hashlib.sha256(old_file.read_bytes()).hexdigest() == data


def test_unknown_old_version_is_refused(old_file, monkeypatch):
    monkeypatch.delitem(schema.MIGRATIONS, schema.SCHEMA_VERSION - 1, raising=False)
    with pytest.raises(NotAProjectError, match="cannot be upgraded"):
        Project.open(old_file)
