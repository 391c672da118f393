"""Making a database ready for a shared project (``gridmap server init``): the
database made if the server has none of that name, PostGIS added to it.

Both steps are skipped when done already, so running it again is harmless.
Making a database needs the right to (CREATEDB) and adding PostGIS needs a
superuser: a refusal says so and how to get on."""

from __future__ import annotations

from contextlib import suppress
from typing import NamedTuple

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from gridmap.errors import ServerError
from gridmap.storage.schema import META_TABLE
from gridmap.storage.server.address import parts, shown
from gridmap.storage.server.connection import connect, statement_problem

# Where to connect to make a database: every cluster has "postgres" (template1 if someone dropped it).
MAINTENANCE_DATABASES = ("postgres", "template1")
ENCODING = "UTF8"  # Chinese names: a database in another encoding cannot hold them all
_AS_ADMINISTRATOR = ("Run it as the server's administrator: sudo -u postgres gridmap server init "
                     "postgresql:///{name}, or with the postgres user in the URL")


class Readiness(NamedTuple):
    """What ``make_ready`` found and did."""

    address: str  # the database, without password
    made_database: bool  # it did not exist and was made now
    added_postgis: bool  # PostGIS was added to it now
    postgis: str  # the PostGIS version in it
    project: str | None  # the title of the project it holds ("" untitled), None: it holds none


def make_ready(url: str) -> Readiness:
    """Make the database at ``url`` ready for a project: create it if missing
    (connecting to the server's maintenance database with the same login),
    then add PostGIS. ``ServerError`` says why not (a database made for it
    is removed again)."""
    address = shown(url)
    name = parts(url).get("dbname", "")
    if not name:
        raise ServerError(address, "address", "names no database.",
                          "Add the database's name at the end: postgresql://user@host:port/NAME.")
    made = False
    try:
        try:
            conn = connect(url, autocommit=True)
        except ServerError as error:
            if error.kind != "no-database":
                raise
            made = create_database(url)
            conn = connect(url, autocommit=True)
        with conn:
            try:
                _require_encoding(conn, address)
                postgis, added = _add_postgis(conn, address, name)
                return Readiness(address, made, added, postgis, _project_title(conn))
            except psycopg.Error as exc:
                raise statement_problem(url, exc) from exc
    except BaseException:
        if made:  # the command failed: nothing of it stays behind
            with suppress(ServerError):
                drop_database(url)
        raise


def create_database(url: str) -> bool:
    """Create the database ``url`` names, in UTF8; False if it exists already
    (made meanwhile by someone else)."""
    address = shown(url)
    name = parts(url)["dbname"]
    with _maintenance(url) as conn:
        try:
            template = conn.execute("SELECT pg_encoding_to_char(encoding) FROM pg_database "
                                    "WHERE datname = 'template1'").fetchone()
            statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            if template is None or template[0] != ENCODING:  # a cluster made without UTF8: copy the bare template
                statement += sql.SQL(" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'")
            conn.execute(statement)
            return True
        except psycopg.errors.DuplicateDatabase:
            return False
        except psycopg.errors.InsufficientPrivilege as exc:
            user = parts(url).get("user", "this user")
            raise ServerError(address, "denied", f"does not exist, and {user} may not create databases.",
                              _AS_ADMINISTRATOR.format(name=name)
                              + f"; or let {user} create them: ALTER ROLE \"{user}\" CREATEDB.") from exc
        except psycopg.Error as exc:
            raise statement_problem(url, exc) from exc


def drop_database(url: str) -> None:
    """Remove the database ``url`` names (one this program made and nobody uses yet)."""
    with _maintenance(url) as conn:
        try:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(parts(url)["dbname"])))
        except psycopg.Error as exc:
            raise statement_problem(url, exc) from exc


def _maintenance(url: str) -> psycopg.Connection:
    """A connection to the same server with the same login, in a database that is always there."""
    for i, name in enumerate(MAINTENANCE_DATABASES):
        try:
            return connect(make_conninfo(url, dbname=name), autocommit=True)
        except ServerError as error:
            if error.kind != "no-database" or i == len(MAINTENANCE_DATABASES) - 1:
                raise ServerError(shown(url), error.kind, error.problem, error.advice) from error
    raise AssertionError("unreachable")


def _require_encoding(conn: psycopg.Connection, address: str) -> None:
    found = conn.info.parameter_status("server_encoding")  # a query's text would come as bytes in SQL_ASCII
    if found != ENCODING:
        raise ServerError(address, "refused", f"keeps its text in {found}, which cannot hold every Chinese name.",
                          "Make the project a new database instead: gridmap server init with a new name at the end "
                          "of the URL makes it in UTF8.")


def _add_postgis(conn: psycopg.Connection, address: str, name: str) -> tuple[str, bool]:
    """PostGIS's version in the database, and whether it was added now."""
    version = _postgis_version(conn)
    if version is not None:
        return version, False
    if conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'").fetchone() is None:
        major = conn.execute("SELECT current_setting('server_version_num')::int / 10000").fetchone()[0]
        raise ServerError(address, "no-postgis", "has no PostGIS installed on its server.",
                          f"Install it there (on Debian: sudo apt-get install postgresql-{major}-postgis-3), "
                          "then run gridmap server init again.")
    try:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    except psycopg.errors.InsufficientPrivilege as exc:
        user = conn.info.user
        raise ServerError(address, "denied", f"has no PostGIS yet, and {user} may not add it (only a superuser "
                                             "may).", _AS_ADMINISTRATOR.format(name=name) + ".") from exc
    return _postgis_version(conn) or "", True


def _postgis_version(conn: psycopg.Connection) -> str | None:
    found = conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'postgis'").fetchone()
    return None if found is None else found[0]


def _project_title(conn: psycopg.Connection) -> str | None:
    if conn.execute("SELECT to_regclass(%s)", (f'"{META_TABLE}"',)).fetchone()[0] is None:
        return None
    title = None
    with suppress(psycopg.errors.InsufficientPrivilege):  # a user who may not read it still learns it is there
        title = conn.execute(f'SELECT value FROM "{META_TABLE}" WHERE key = %s', ("title",)).fetchone()
    return title[0] if title else ""
