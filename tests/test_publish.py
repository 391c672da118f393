"""`gridmap server init` and `gridmap publish` on a real PostgreSQL/PostGIS server:
the demo published whole (every record read back equal to the file's, the
counts and checksums printed), a database made ready once and again, and the
attacks: a database that holds a project or tables of our names, no server,
a wrong password, a user without the rights, a database that cannot hold
Chinese text, files that are not projects or hold what PostgreSQL refuses.
After each refusal the database holds nothing of the project."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import uuid
from contextlib import closing
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import geopandas as gpd
import psycopg
import pytest
import shapely
from psycopg import sql

from gridmap.cli import main
from gridmap.model.tables import TABLE_ORDER
from gridmap.storage.checksums import table_sums
from gridmap.storage.server.address import parts, shown, with_user
from gridmap.storage.server.store import ServerStore
from gridmap.storage.store import ProjectStore
from tests.factories import MOMENT, small_tables

POSTGIS_TABLES = {"spatial_ref_sys"}


# -- helpers -------------------------------------------------------------------


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    """``gridmap argv``: exit code, stdout, stderr (never a traceback, never a password)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "internal error" not in err
    for arg in argv:
        password = parts(arg).get("password") if arg.startswith("postgresql://") else None
        if password:
            assert password not in out + err
    return code, out, err


def _small_file(path: Path, tables: dict | None = None, title: str = "测试") -> Path:
    ProjectStore.create(path, epsg=4547, tables=tables or small_tables(), meta={"title": title}, moment=MOMENT)
    return path


def _file_project(path: Path) -> tuple[dict, dict]:
    store = ProjectStore.open(path, read_only=True)
    try:
        return store.read_all(), dict(store.meta)
    finally:
        store.close()


def _server_project(url: str) -> tuple[dict, dict]:
    store = ServerStore.open(url, read_only=True)
    try:
        return store.read_all(), dict(store.meta)
    finally:
        store.close()


def _tables_in(url: str) -> set[str]:
    """The tables in the database's public schema, but PostGIS's own."""
    with closing(psycopg.connect(url)) as conn:
        return {name for name, in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")} \
            - POSTGIS_TABLES


def _databases(url: str) -> set[str]:
    with closing(psycopg.connect(url)) as conn:
        return {name for name, in conn.execute("SELECT datname FROM pg_database")}


def _has_postgis(url: str) -> bool:
    with closing(psycopg.connect(url)) as conn:
        return conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone() is not None


def _with_database(url: str, name: str) -> str:
    """The same server and login, another database."""
    split = urlsplit(url)
    return urlunsplit(split._replace(path="/" + quote(name)))


def _admin(url: str, statement, *arguments) -> None:
    with closing(psycopg.connect(url, autocommit=True)) as conn:
        conn.execute(statement, arguments or None)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def new_database(pg_url):
    """``new_database(stem)``: the URL of a database the server does not have yet
    (removed at the end, if a test made it)."""
    made: list[str] = []

    def name_one(stem: str = "office") -> str:
        name = f"{stem}_{uuid.uuid4().hex[:8]}"
        made.append(name)
        return _with_database(pg_url, name)

    yield name_one
    for name in made:
        _admin(pg_url, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def clerk(pg_url):
    """The URL of pg_url's database for a new login that may not create databases or add extensions."""
    name, password = f"clerk_{uuid.uuid4().hex[:8]}", f"pw-{uuid.uuid4().hex[:8]}"
    _admin(pg_url, sql.SQL("CREATE ROLE {} LOGIN NOCREATEDB NOSUPERUSER PASSWORD {}").format(
        sql.Identifier(name), sql.Literal(password)))
    yield with_user(pg_url, name, password)
    _admin(pg_url, sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


# -- publishing ----------------------------------------------------------------


@pytest.mark.slow
def test_the_demo_is_published_whole_and_reads_back_record_for_record(demo_file, pg_url, capsys):
    code, out, err = _run(capsys, "publish", str(demo_file), pg_url)
    assert (code, err) == (0, "")
    file_tables, file_meta = _file_project(demo_file)
    lines = out.splitlines()
    assert lines[0] == f"published {demo_file} (示例街道（示例数据）, EPSG:4547) to {shown(pg_url)}"
    assert lines[1].split() == ["table", "checksum", "rows"]
    printed = {line.split()[0]: tuple(line.split()[1:]) for line in lines[2:-1]}
    sums = table_sums(file_tables)
    assert printed == {name: (sums[name].digest, f"{sums[name].rows:,}") for name in TABLE_ORDER}
    assert printed["households"][1] == "11,506" and printed["residents"][1] == "27,344"
    assert printed["zones"][1] == "37" and printed["change_log"][1] == "0"
    total = sum(s.rows for s in sums.values())
    assert total == 92_718
    assert lines[-1].startswith("20 tables, 92,718 rows, read back before the commit: every count and checksum "
                                "equals the file's (")

    server_tables, server_meta = _server_project(pg_url)
    for name in TABLE_ORDER:
        assert server_tables[name] == file_tables[name], name
    assert server_meta == file_meta  # the title, rules, staffing, sample flag, even the file's creation time

    # ordinary PostGIS layers, in the project's coordinate system
    with closing(psycopg.connect(pg_url)) as conn:
        layers = {table: (kind, srid) for table, kind, srid in conn.execute(
            "SELECT f_table_name, type, srid FROM geometry_columns WHERE f_table_schema = 'public'")}
        zones = conn.execute("SELECT count(*), min(ST_SRID(geom)), max(ST_SRID(geom)) FROM zones").fetchone()
    assert layers == {"zones": ("MULTIPOLYGON", 4547), "compounds": ("MULTIPOLYGON", 4547),
                      "buildings": ("MULTIPOLYGON", 4547), "streets": ("MULTILINESTRING", 4547),
                      "site_points": ("POINT", 4547), "site_routes": ("MULTILINESTRING", 4547),
                      "cases": ("POINT", 4547)}
    assert zones == (37, 4547, 4547)

    code, out, _ = _run(capsys, "info", pg_url, "--json")
    on_server = json.loads(out)
    code_file, out_file, _ = _run(capsys, "info", str(demo_file), "--json")
    in_file = json.loads(out_file)
    assert code == code_file == 0
    assert {k: v for k, v in on_server.items() if k != "file"} == {k: v for k, v in in_file.items() if k != "file"}
    assert on_server["levels"][-1]["households"] == 11506
    assert main(["validate", pg_url]) == 0  # not _run: its last line names the project by the URL as given
    out, err = capsys.readouterr()
    assert err == "" and out.splitlines()[-1].startswith("0 problems in postgresql://")


def test_publishing_into_a_missing_database_makes_it_first_and_prints_json(tmp_path, new_database, capsys):
    path = _small_file(tmp_path / "small.gpkg")
    url = new_database()
    code, out, err = _run(capsys, "publish", str(path), url, "--json")
    assert (code, err) == (0, "")
    done = json.loads(out)
    file_tables, _ = _file_project(path)
    sums = table_sums(file_tables)
    assert done["made_database"] is True and done["address"] == shown(url) and done["epsg"] == 4547
    assert done["title"] == "测试" and done["file"] == str(path)
    assert done["tables"] == {name: {"rows": s.rows, "checksum": s.digest} for name, s in sums.items()}
    assert done["tables"]["households"]["rows"] == 36 and done["rows"] == sum(s.rows for s in sums.values())
    assert _has_postgis(url)
    server_tables, _ = _server_project(url)
    assert server_tables == file_tables

    code, out, _ = _run(capsys, "server", "init", url)
    assert code == 0
    assert out.splitlines() == [f"{shown(url)} is ready already (PostGIS {_postgis_version(url)}): nothing to do.",
                                f"It holds the project 测试; open it with: gridmap {shown(url)}"]


def _postgis_version(url: str) -> str:
    with closing(psycopg.connect(url)) as conn:
        return conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'postgis'").fetchone()[0]


def test_a_database_holding_a_project_is_never_written_over(tmp_path, pg_url, capsys):
    first = _small_file(tmp_path / "first.gpkg", title="第一个")
    assert _run(capsys, "publish", str(first), pg_url)[0] == 0
    before = _server_project(pg_url)
    tables = small_tables()
    tables["households"] = tables["households"][:5]
    tables["party_links"] = tables["party_links"][:5]
    second = _small_file(tmp_path / "second.gpkg", tables, title="第二个")

    code, out, err = _run(capsys, "publish", str(second), pg_url)
    assert (code, out) == (1, "")
    assert err.startswith(f"gridmap: error: {shown(pg_url)}: already holds a gridmap project (第一个); nothing was "
                          "written. A shared project is never written over: publish into a new database")
    assert "gridmap server init makes it" in err
    assert _server_project(pg_url) == before


def test_tables_of_our_names_in_the_way_are_left_alone(tmp_path, pg_url, capsys):
    _admin(pg_url, "CREATE TABLE zones (name text)")
    _admin(pg_url, "INSERT INTO zones VALUES ('别人的')")
    code, out, err = _run(capsys, "publish", str(_small_file(tmp_path / "small.gpkg")), pg_url)
    assert (code, out) == (1, "")
    assert "already holds tables named zones; nothing was written" in err and "new, empty database" in err
    assert _tables_in(pg_url) == {"zones"}
    with closing(psycopg.connect(pg_url)) as conn:
        assert conn.execute("SELECT name FROM zones").fetchall() == [("别人的",)]


# -- servers and logins that cannot be used -----------------------------------------


def test_no_server_at_the_address(tmp_path, demo_file, capsys):
    url = f"postgresql://postgres:secret@127.0.0.1:{_free_port()}/office"
    for argv in (["publish", str(_small_file(tmp_path / "small.gpkg")), url], ["server", "init", url]):
        code, out, err = _run(capsys, *argv)
        assert (code, out) == (1, "")
        assert err.startswith(f"gridmap: error: {shown(url)}: cannot be reached (")
        assert err.rstrip().endswith("Check the network and that the database server is running.")


def test_a_wrong_password_is_refused_in_words(tmp_path, pg_url, new_database, capsys):
    path = _small_file(tmp_path / "small.gpkg")
    login = parts(pg_url)["user"]
    missing_database = new_database()
    for url in (pg_url, missing_database):
        wrong = with_user(url, login, "not-the-password")
        for argv in (["publish", str(path), wrong], ["server", "init", wrong]):
            code, out, err = _run(capsys, *argv)
            assert (code, out) == (1, "")
            assert err == (f"gridmap: error: {shown(url)}: refused the user name or password. Check them, or ask "
                           "the office's administrator (gridmap users … list).\n")
    assert _tables_in(pg_url) == set()
    assert parts(missing_database)["dbname"] not in _databases(pg_url)


def test_a_user_without_the_rights_is_told_who_can(tmp_path, pg_url, clerk, new_database, capsys):
    user = parts(clerk)["user"]
    missing = with_user(new_database(), user, parts(clerk)["password"])
    code, out, err = _run(capsys, "server", "init", missing)
    assert (code, out) == (1, "")
    assert err == (f"gridmap: error: {shown(missing)}: does not exist, and {user} may not create databases. Run it "
                   f"as the server's administrator: sudo -u postgres gridmap server init "
                   f"postgresql:///{parts(missing)['dbname']}, or with the postgres user in the URL; or let {user} "
                   f"create them: ALTER ROLE \"{user}\" CREATEDB.\n")
    assert parts(missing)["dbname"] not in _databases(pg_url)

    bare = new_database("bare")  # no PostGIS: made from the empty template
    _admin(pg_url, sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(parts(bare)["dbname"])))
    code, out, err = _run(capsys, "server", "init", with_user(bare, user, parts(clerk)["password"]))
    assert (code, out) == (1, "")
    assert (f"has no PostGIS yet, and {user} may not add it (only a superuser may). Run it as the server's "
            "administrator") in err
    assert not _has_postgis(bare)
    code, out, err = _run(capsys, "server", "init", bare)  # the administrator can
    assert code == 0 and out.splitlines()[0] == f"{shown(bare)}: added PostGIS {_postgis_version(bare)}"

    code, out, err = _run(capsys, "publish", str(_small_file(tmp_path / "small.gpkg")), clerk)
    assert (code, out) == (1, "")
    assert err == (f"gridmap: error: {shown(clerk)}: does not let this user do that (permission denied for schema "
                   "public). Publish as the user who owns the database, or as the server's administrator "
                   "(postgres); nothing was written.\n")
    assert _tables_in(pg_url) == set()


def test_a_database_that_cannot_hold_chinese_text_is_refused(tmp_path, pg_url, new_database, capsys):
    url = new_database("ascii")
    _admin(pg_url, sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'SQL_ASCII' LC_COLLATE 'C' "
                           "LC_CTYPE 'C'").format(sql.Identifier(parts(url)["dbname"])))
    path = _small_file(tmp_path / "small.gpkg")
    for argv in (["server", "init", url], ["publish", str(path), url]):
        code, out, err = _run(capsys, *argv)
        assert (code, out) == (1, "")
        assert err == (f"gridmap: error: {shown(url)}: keeps its text in SQL_ASCII, which cannot hold every Chinese "
                       "name. Make the project a new database instead: gridmap server init with a new name at the "
                       "end of the URL makes it in UTF8.\n")
    assert _tables_in(url) == set() and not _has_postgis(url)


# -- files that cannot be published ----------------------------------------------------


def test_files_that_are_not_projects_leave_the_database_as_it_was(tmp_path, pg_url, new_database, capsys):
    text = tmp_path / "notes.gpkg"
    text.write_text("这不是地理数据包\n", encoding="utf-8")
    layers = tmp_path / "layers.gpkg"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.box(0, 0, 1, 1)], crs=4547).to_file(layers)
    missing_database = new_database()
    for path, words in ((tmp_path / "nowhere.gpkg", "does not exist"), (text, "not a GeoPackage"),
                        (layers, "is a GeoPackage but not a gridmap project")):
        for url in (pg_url, missing_database):
            code, out, err = _run(capsys, "publish", str(path), url)
            assert (code, out) == (1, "")
            assert err.startswith(f"gridmap: error: {path}: ") and words in err, err
    assert _tables_in(pg_url) == set()
    assert parts(missing_database)["dbname"] not in _databases(pg_url)  # the file is read before the server is asked


def test_text_with_a_nul_character_is_named_and_nothing_is_written(tmp_path, pg_url, capsys):
    tables = small_tables()
    tables["households"][6] = tables["households"][6]._replace(note="门牌\x00号")
    tables["staff"][1] = tables["staff"][1]._replace(name="李\x00娜")
    path = _small_file(tmp_path / "nul.gpkg", tables)
    code, out, err = _run(capsys, "publish", str(path), pg_url)
    assert (code, out) == (1, "")
    assert err == (f"gridmap: error: {path}: holds 2 text value(s) with a NUL character (\\0), which PostgreSQL "
                   "cannot store: households 7 note; staff 2 name. Retype those values in gridmap, then publish "
                   "again. Nothing was written to the server.\n")
    assert _tables_in(pg_url) == set()


def _dangling_reference(path: Path) -> Path:
    """A file whose first household names a unit that is not there (written by a tool that
    left SQLite's foreign keys off)."""
    _small_file(path)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE households SET unit_id = 999 WHERE id = 1")
        conn.commit()
    return path


def _heights(path: Path) -> Path:
    """A file with a grid drawn in 3D (x, y and a height): the server's layers are 2D."""
    tables = small_tables()
    tables["zones"][3] = tables["zones"][3]._replace(geometry=shapely.force_3d(tables["zones"][3].geometry, 110.0))
    return _small_file(path, tables)


@pytest.mark.parametrize("make, refusal", [
    (_dangling_reference, ('refused the request (insert or update on table "households" violates foreign key '
                           'constraint "households_unit_id_fkey").')),
    (_heights, "refused the request (Geometry has Z dimension but column does not)."),
], ids=["dangling-reference", "heights"])
def test_what_postgresql_refuses_leaves_no_half_project(make, refusal, tmp_path, pg_url, new_database, capsys):
    path = make(tmp_path / "odd.gpkg")
    missing_database = new_database()
    for url in (pg_url, missing_database):
        code, out, err = _run(capsys, "publish", str(path), url)
        assert (code, out) == (1, "")
        assert err == (f"gridmap: error: {shown(url)}: {refusal} Nothing was written: the database is as it was. "
                       "If a value of odd.gpkg is at fault, mend it in gridmap and publish again.\n")
    assert _tables_in(pg_url) == set()
    assert parts(missing_database)["dbname"] not in _databases(pg_url)  # made for it, and removed again


# -- making a database ready -----------------------------------------------------------


def test_server_init_makes_the_database_once_and_then_says_it_is_ready(new_database, pg_url, capsys):
    url = new_database('grid "office"')  # quotes and spaces in the name: an identifier, never pasted SQL
    code, out, err = _run(capsys, "server", "init", url)
    assert (code, err) == (0, "")
    version = _postgis_version(url)
    lines = out.splitlines()
    assert lines[0] == f"{shown(url)}: made the database"
    assert lines[-2] == f"{shown(url)} is ready (PostGIS {version})."
    assert lines[-1] == f"It holds no project yet; publish one with: gridmap publish FILE.gpkg {shown(url)}"
    assert parts(url)["dbname"] in _databases(pg_url)
    with closing(psycopg.connect(url)) as conn:
        assert conn.execute("SELECT pg_encoding_to_char(encoding) FROM pg_database "
                            "WHERE datname = current_database()").fetchone() == ("UTF8",)

    code, out, err = _run(capsys, "server", "init", url)
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"{shown(url)} is ready already (PostGIS {version}): nothing to do.",
                                f"It holds no project yet; publish one with: gridmap publish FILE.gpkg {shown(url)}"]
    assert sorted(_databases(pg_url)).count(parts(url)["dbname"]) == 1 and _tables_in(url) == set()


def test_addresses_in_the_wrong_place_are_named(tmp_path, capsys):
    url = "postgresql://postgres:secret@127.0.0.1:1/office"
    code, out, err = _run(capsys, "publish", url, str(tmp_path / "x.gpkg"))
    assert (code, out) == (1, "")
    assert err == ("gridmap: error: postgresql://postgres@127.0.0.1:1/office: is a database address, not a project "
                   "file. The file comes first: gridmap publish FILE.gpkg URL.\n")
    code, out, err = _run(capsys, "server", "init", str(tmp_path / "x.gpkg"))
    assert (code, out) == (1, "")
    assert err == (f"gridmap: error: {tmp_path / 'x.gpkg'}: is not a database address. Write it as "
                   "postgresql://user@host:port/database.\n")
    code, out, err = _run(capsys, "server", "init", "postgresql://postgres:secret@127.0.0.1:1")
    assert err == ("gridmap: error: postgresql://postgres@127.0.0.1:1/: names no database. Add the database's name "
                   "at the end: postgresql://user@host:port/NAME.\n")


def test_gdal_reads_the_published_tables_as_ordinary_postgis_layers(demo_file, pg_url, capsys):
    """What QGIS does with a PostGIS connection, done by GDAL's own PostgreSQL driver
    (Debian's ogrinfo: pyogrio's wheel has no such driver): every table is a layer, the
    feature tables with their geometry type, SRID, id column and every feature."""
    assert _run(capsys, "publish", str(demo_file), pg_url)[0] == 0
    found = parts(pg_url)
    source = (f"PG:host={found['host']} port={found['port']} dbname={found['dbname']} user={found['user']} "
              f"password={found['password']}")
    listed = subprocess.run(["ogrinfo", "-ro", "-q", "-oo", "LIST_ALL_TABLES=YES", source], capture_output=True,
                            text=True, check=True).stdout  # attribute tables too, as QGIS lists them
    layers = {line.split(": ", 1)[1].split(" (")[0] for line in listed.splitlines() if ": " in line}
    assert {"zones", "buildings", "streets", "site_points", "households", "staff"} <= layers
    zones = subprocess.run(["ogrinfo", "-ro", "-so", source, "zones"], capture_output=True, text=True,
                           check=True).stdout
    assert "Geometry: Multi Polygon" in zones and "Feature Count: 37" in zones
    assert 'ID["EPSG",4547]' in zones and "FID Column = id" in zones
    assert "row_version: Integer64" in zones and "name: String" in zones
