"""The private PostgreSQL + PostGIS server of the tests (benchmarks/pg_cluster.py): PostGIS in every new
database, real password logins over TCP, databases apart from each other, committed rows kept through a
crash, and nothing left behind once stopped."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import uuid
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from benchmarks import pg_cluster as pg_cluster_module
from benchmarks.pg_cluster import PgCluster


def _one(url: str, query: str, *arguments):
    with closing(psycopg.connect(url, connect_timeout=10)) as conn:
        return conn.execute(query, arguments or None).fetchone()


def _admin(url: str, statement) -> None:
    with closing(psycopg.connect(url, autocommit=True, connect_timeout=10)) as conn:
        conn.execute(statement)


def test_a_new_database_has_postgis(pg_url):
    version, = _one(pg_url, "SELECT postgis_version()")
    assert version.startswith("3.")
    assert _one(pg_url, "SELECT ST_AsText(ST_SetSRID(ST_MakePoint(1.5, 2), 4547))") == ("POINT(1.5 2)",)
    assert _one(pg_url, "SELECT srtext LIKE %s FROM spatial_ref_sys WHERE srid = 4547", "%CGCS2000%") == (True,)
    assert _one(pg_url, "SELECT %s::text, pg_encoding_to_char(encoding) FROM pg_database "
                        "WHERE datname = current_database()", "第1网格") == ("第1网格", "UTF8")


def test_the_server_is_set_up_for_tests(pg_url):
    for name, value in [("fsync", "off"), ("full_page_writes", "off"), ("max_connections", "200"),
                        ("shared_buffers", "128MB"), ("listen_addresses", "127.0.0.1"),
                        ("password_encryption", "scram-sha-256")]:
        assert _one(pg_url, sql.SQL("SHOW {}").format(sql.Identifier(name))) == (value,), name


def test_logins_go_over_tcp_and_need_the_right_password(pg_cluster, pg_url):
    dbname = pg_url.rsplit("/", 1)[1]
    assert pg_url == pg_cluster.admin_url(dbname)
    assert _one(pg_url, "SELECT current_user, host(inet_server_addr()), inet_server_port()") == \
        ("postgres", "127.0.0.1", pg_cluster.port)
    with pytest.raises(psycopg.OperationalError, match='password authentication failed for user "postgres"'):
        psycopg.connect(pg_cluster.url(dbname, "postgres", pg_cluster.password + "x"), connect_timeout=10)
    # a login of its own, with characters a URL must escape in its password
    user, password = f"clerk_{uuid.uuid4().hex[:8]}", "p@ss:w/rd 网格"
    _admin(pg_url, sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(user), sql.Literal(password)))
    try:
        assert _one(pg_cluster.url(dbname, user, password), "SELECT current_user, current_database()") == \
            (user, dbname)
        with pytest.raises(psycopg.OperationalError, match=f'password authentication failed for user "{user}"'):
            psycopg.connect(pg_cluster.url(dbname, user, "p@ss"), connect_timeout=10)
    finally:
        _admin(pg_url, sql.SQL("DROP ROLE {}").format(sql.Identifier(user)))


def test_two_databases_are_apart(pg_cluster, pg_url):
    name = f"other_{uuid.uuid4().hex[:8]}"
    other = pg_cluster.new_database(name)
    try:
        assert other == pg_cluster.admin_url(name) and other != pg_url
        _admin(pg_url, "CREATE TABLE zones (id integer PRIMARY KEY, name text)")
        _admin(pg_url, "INSERT INTO zones VALUES (1, '第1网格')")
        assert _one(pg_url, "SELECT name FROM zones") == ("第1网格",)
        assert _one(other, "SELECT to_regclass('zones')") == (None,)
        assert _one(other, "SELECT postgis_version() IS NOT NULL") == (True,)  # its own PostGIS all the same
        _admin(other, "CREATE TABLE zones (id integer PRIMARY KEY, name text)")
        assert _one(other, "SELECT count(*) FROM zones") == (0,)
        assert _one(pg_url, "SELECT count(*) FROM zones") == (1,)
    finally:
        pg_cluster.drop_database(name)
    assert _one(pg_cluster.admin_url(), "SELECT count(*) FROM pg_database WHERE datname = %s", name) == (0,)


def test_a_committed_row_outlives_a_crash_and_the_stopped_cluster_leaves_nothing():
    with PgCluster.start() as cluster:
        url = cluster.new_database("office")
        _admin(url, "CREATE TABLE kept (id integer PRIMARY KEY, name text)")
        _admin(url, "INSERT INTO kept VALUES (1, '第1网格')")
        port, folder = cluster.port, cluster.folder
        first_pid = int((cluster.data / "postmaster.pid").read_text().split()[0])
        cluster.stop_immediate()
        _assert_gone(first_pid)
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(url, connect_timeout=5)
        cluster.start_again()
        assert (cluster.port, cluster.folder) == (port, folder)
        assert _one(url, "SELECT id, name FROM kept") == (1, "第1网格")
        pid = int((cluster.data / "postmaster.pid").read_text().split()[0])
        assert pid != first_pid
    _assert_gone(pid)
    assert not folder.exists()
    with pytest.raises(OSError):  # nothing listens there any more
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    with pytest.raises(RuntimeError, match="stopped for good"):
        cluster.start_again()
    cluster.stop()  # again: nothing to do


def test_a_cluster_left_running_is_stopped_when_python_ends():
    script = ("from benchmarks.pg_cluster import PgCluster\n"
              "cluster = PgCluster.start()\n"
              "print(cluster.folder, (cluster.data / 'postmaster.pid').read_text().split()[0])\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).parents[1])
    assert done.returncode == 0, done.stderr
    folder, pid = done.stdout.split()
    assert not Path(folder).exists()
    _assert_gone(int(pid))


def test_without_postgresql_the_error_says_what_to_install(tmp_path, monkeypatch):
    (tmp_path / "15" / "bin").mkdir(parents=True)  # a version folder without initdb
    monkeypatch.setattr(pg_cluster_module, "POSTGRESQL_ROOT", tmp_path)
    with pytest.raises(RuntimeError, match=r"sudo apt-get install postgresql postgresql-15-postgis-3.*"
                                           r"tools/install\.sh --test"):
        PgCluster.start()


def test_a_server_that_cannot_start_is_named_with_its_log_and_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setitem(pg_cluster_module.SETTINGS, "shared_buffers", "plenty")
    with pytest.raises(RuntimeError, match=r"pg_ctl start failed(.|\n)*the server log ends:(.|\n)*"
                                           r'invalid value for parameter "shared_buffers": "plenty"') as failed:
        PgCluster.start()
    folder = re.search(r" in (\S+) \(stopped\)>", str(failed.value)).group(1)
    assert Path(folder).parent == Path(tempfile.gettempdir()) and not Path(folder).exists()


def test_a_port_taken_before_the_server_binds_it_is_traded_for_another(monkeypatch):
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        ports, free_port = iter([taken]), pg_cluster_module.free_port
        monkeypatch.setattr(pg_cluster_module, "free_port", lambda: next(ports, None) or free_port())
        with PgCluster.start() as cluster:
            assert cluster.port != taken
            assert "could not bind" in cluster.log.read_text()
            assert _one(cluster.admin_url(), "SELECT inet_server_port()") == (cluster.port,)


def _assert_gone(pid: int) -> None:
    """The server process ``pid`` has ended: no such process, or a zombie that init has yet to reap."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return
    state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    assert state == "Z", f"the server process {pid} still runs (state {state})"
