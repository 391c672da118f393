"""Who may read and write what in a shared project, enforced by PostgreSQL
itself (roles and row-level security), so that QGIS or psql obey the same
rights as gridmap's window.

Three group roles per project database (NOLOGIN, named after the database so
that two projects on one server stay apart):

- the **office** planners write everything;
- a **community chief** reads the office's map (levels, tags, zones, compounds,
  buildings, units, streets, sites) and writes only the rows of their own
  community: its zones below the community, the buildings in its zones and
  their units, households and residents, its staff and their posts and links,
  the sites of its compounds; the personal data of other communities
  (households, residents, staff, posts, party links, and their history) stay
  out of sight;
- a **viewer** reads the map and its history, and no personal data at all.

A person is a LOGIN role with a password, member of one group; a chief's
community is kept in ``gridmap_people``. Which rows are a chief's is worked out
at each statement from the zone tree (the community's zone and everything
below it, following ``parent_id``), so a zone moved to another community takes
its buildings and households along at once.

The functions the chief's policies call run as the caller (SECURITY INVOKER):
inside a SECURITY DEFINER function ``current_user`` is the function's owner,
so it could tell who asks only by ``session_user``, which ``SET ROLE`` does
not change. They read only what the chief may read anyway (each person sees
their own ``gridmap_people`` row), with a fixed ``search_path`` and no right to
make temporary tables, so no one can slip a table of their own in their way.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import NamedTuple

import psycopg
from psycopg import sql

from gridmap.errors import ServerError
from gridmap.model.entities import COMMUNITY
from gridmap.model.tables import TABLE_ORDER
from gridmap.storage.ids import HISTORY_TABLE, ID_BLOCKS_TABLE
from gridmap.storage.schema import META_TABLE, SCHEMA_VERSION
from gridmap.storage.server.address import shown
from gridmap.storage.server.connection import connect, statement_problem
from gridmap.storage.server.schema import COMMITS_TABLE, IDS_TABLE, function_path

OFFICE, CHIEF, VIEWER = "office", "chief", "viewer"
KINDS: tuple[str, ...] = (OFFICE, CHIEF, VIEWER)
KIND_NAMES = {OFFICE: "office planner", CHIEF: "community chief", VIEWER: "viewer"}
PEOPLE_TABLE = "gridmap_people"  # login → kind and (a chief's) community zone
GROUPS_TABLE = "gridmap_groups"  # kind → the name of this project's group role
NAME_BYTES = 63  # PostgreSQL cuts a role's name at 63 bytes
GROUP_MARK = "gridmap group"  # the start of a group role's comment: a role of that name that is not ours is left alone
PERSON_MARK = "gridmap person"  # the start of a person's login role's comment: removing them drops it

# The office's map, which every group reads whole, and the personal data, which
# a chief reads only for their own community and a viewer not at all.
MAP_TABLES: tuple[str, ...] = ("levels", "tag_defs", "zones", "compounds", "buildings", "units", "streets",
                               "site_points", "site_routes")
PERSONAL_TABLES: tuple[str, ...] = ("households", "residents", "staff", "assignments", "party_links", "cases",
                                     "case_events", "case_photos", "visits", "visit_households")
if set(MAP_TABLES) | set(PERSONAL_TABLES) | {HISTORY_TABLE} != set(TABLE_ORDER):  # a new table needs a decision here
    raise AssertionError(f"rights: tables without rights: {set(TABLE_ORDER) - set(MAP_TABLES) - set(PERSONAL_TABLES)}")

_MY_HOUSEHOLDS = "household_id IN (SELECT gridmap_my_households())"
_MY_STAFF = "staff_id IN (SELECT gridmap_my_staff())"
_MY_CASES = "case_id IN (SELECT gridmap_my_cases())"


class ChiefRows(NamedTuple):
    """SQL conditions on a row of one table, for a community chief."""

    change: str  # the rows a chief may update or delete
    leave: str  # what an inserted or updated row must be: inside the chief's community
    read: str = "true"  # the rows a chief may read


# What a chief may write, table by table (the tables not named here: read only).
CHIEF_ROWS: dict[str, ChiefRows] = {
    # its zones below the community: never the community's own zone, nor one above it
    "zones": ChiefRows("id IN (SELECT gridmap_my_subzones())",
                       "parent_id IN (SELECT gridmap_my_zones()) AND level > gridmap_my_community_level()"),
    "buildings": ChiefRows(*["zone_id IN (SELECT gridmap_my_zones())"] * 2),
    "units": ChiefRows(*["building_id IN (SELECT gridmap_my_buildings())"] * 2),
    "households": ChiefRows(*["building_id IN (SELECT gridmap_my_buildings())"] * 3),
    "residents": ChiefRows(*[_MY_HOUSEHOLDS] * 3),
    "staff": ChiefRows(*["community_id IN (SELECT gridmap_my_zones())"] * 3),
    "assignments": ChiefRows(*[_MY_STAFF] * 3),
    # a link is read by the community of either end, written only when both ends are the chief's
    "party_links": ChiefRows(f"{_MY_HOUSEHOLDS} AND {_MY_STAFF}", f"{_MY_HOUSEHOLDS} AND {_MY_STAFF}",
                             f"{_MY_HOUSEHOLDS} OR {_MY_STAFF}"),
    # a case is its grid's community's; one placed in no zone only the office's
    "cases": ChiefRows(*["zone_id IN (SELECT gridmap_my_zones())"] * 3),
    "case_events": ChiefRows(*[_MY_CASES] * 3),
    "case_photos": ChiefRows(*[_MY_CASES] * 3),
    "visits": ChiefRows(*[_MY_STAFF] * 3),
    "visit_households": ChiefRows(*[_MY_HOUSEHOLDS] * 3),
    "site_points": ChiefRows(*["gridmap_site_is_mine(compound_id, geom)"] * 2),
    "site_routes": ChiefRows(*["gridmap_site_is_mine(compound_id, geom)"] * 2),
}
if set(PERSONAL_TABLES) - set(CHIEF_ROWS):
    raise AssertionError("rights: a chief's rows of every personal table must be named")

# The history entries of personal tables a chief may read: those of rows of their community
# (and their own entries, which cover rows they have since deleted).
_HISTORY_OF = {"households": "gridmap_my_households()", "residents": "gridmap_my_residents()",
               "staff": "gridmap_my_staff()", "assignments": "gridmap_my_assignments()",
               "party_links": "gridmap_my_party_links()", "cases": "gridmap_my_cases()",
               "case_events": f"id FROM case_events WHERE {_MY_CASES}",
               "case_photos": f"id FROM case_photos WHERE {_MY_CASES}",
               "visits": f"id FROM visits WHERE {_MY_STAFF}",
               "visit_households": f"id FROM visit_households WHERE {_MY_HOUSEHOLDS}"}
_MAP_LIST = "ARRAY[" + ", ".join(f"'{name}'" for name in MAP_TABLES) + "]"
_CHIEF_HISTORY = " OR ".join([f"table_name = ANY({_MAP_LIST})", "who = current_user"]
                             + [f"(table_name = '{table}' AND row_id IN (SELECT {rows}))"
                                for table, rows in _HISTORY_OF.items()])

# The functions of the chief's policies: SQL, STABLE (computed once per statement when
# called as "x IN (SELECT f())"), running as the caller; {path} is set to the project's schema.
# "= ANY(ARRAY(…))" and the ROWS estimates look a community's few zones, buildings and
# households up in the indexes: a chief's one-row edit costs no scan of the whole city.
_FUNCTIONS = """
CREATE OR REPLACE FUNCTION gridmap_my_communities() RETURNS SETOF bigint
LANGUAGE sql STABLE ROWS 1 SET search_path = {path} AS $$
  SELECT community_id FROM "{people}" WHERE login = current_user AND community_id IS NOT NULL
$$;
CREATE OR REPLACE FUNCTION gridmap_my_zones() RETURNS SETOF bigint
LANGUAGE sql STABLE ROWS 50 SET search_path = {path} AS $$
  WITH RECURSIVE mine(id) AS (
    SELECT id FROM zones WHERE id = ANY(ARRAY(SELECT gridmap_my_communities()))
    UNION
    SELECT z.id FROM zones z JOIN mine m ON z.parent_id = m.id)
  SELECT id FROM mine
$$;
CREATE OR REPLACE FUNCTION gridmap_my_subzones() RETURNS SETOF bigint
LANGUAGE sql STABLE ROWS 50 SET search_path = {path} AS $$
  SELECT id FROM gridmap_my_zones() AS id WHERE id NOT IN (SELECT gridmap_my_communities())
$$;
CREATE OR REPLACE FUNCTION gridmap_my_community_level() RETURNS bigint
LANGUAGE sql STABLE SET search_path = {path} AS $$
  SELECT max(level) FROM zones WHERE id IN (SELECT gridmap_my_communities())
$$;
CREATE OR REPLACE FUNCTION gridmap_my_buildings() RETURNS SETOF bigint
LANGUAGE sql STABLE ROWS 1000 SET search_path = {path} AS $$
  SELECT id FROM buildings WHERE zone_id = ANY(ARRAY(SELECT gridmap_my_zones()))
$$;
CREATE OR REPLACE FUNCTION gridmap_my_households() RETURNS SETOF bigint
LANGUAGE sql STABLE ROWS 4000 SET search_path = {path} AS $$
  SELECT id FROM households WHERE building_id = ANY(ARRAY(SELECT gridmap_my_buildings()))
$$;
CREATE OR REPLACE FUNCTION gridmap_my_residents() RETURNS SETOF bigint
LANGUAGE sql STABLE ROWS 10000 SET search_path = {path} AS $$
  SELECT id FROM residents WHERE household_id = ANY(ARRAY(SELECT gridmap_my_households()))
$$;
CREATE OR REPLACE FUNCTION gridmap_my_staff() RETURNS SETOF bigint
LANGUAGE sql STABLE ROWS 50 SET search_path = {path} AS $$
  SELECT id FROM staff WHERE community_id IN (SELECT gridmap_my_zones())
$$;
CREATE OR REPLACE FUNCTION gridmap_my_assignments() RETURNS SETOF bigint
LANGUAGE sql STABLE ROWS 100 SET search_path = {path} AS $$
  SELECT id FROM assignments WHERE staff_id = ANY(ARRAY(SELECT gridmap_my_staff()))
$$;
CREATE OR REPLACE FUNCTION gridmap_my_party_links() RETURNS SETOF bigint
LANGUAGE sql STABLE ROWS 4000 SET search_path = {path} AS $$
  SELECT id FROM party_links
  WHERE household_id = ANY(ARRAY(SELECT gridmap_my_households())) OR staff_id = ANY(ARRAY(SELECT gridmap_my_staff()))
$$;
CREATE OR REPLACE FUNCTION gridmap_my_cases() RETURNS SETOF bigint
LANGUAGE sql STABLE ROWS 1000 SET search_path = {path} AS $$
  SELECT id FROM cases WHERE zone_id = ANY(ARRAY(SELECT gridmap_my_zones()))
$$;
-- A site belongs to the community whose zone holds its compound (a point on the
-- compound's surface), or the site itself when it has no compound.
CREATE OR REPLACE FUNCTION gridmap_site_is_mine(compound bigint, shape geometry) RETURNS boolean
LANGUAGE sql STABLE SET search_path = {path} AS $$
  SELECT EXISTS (
    SELECT 1 FROM zones z
    WHERE z.id IN (SELECT gridmap_my_communities())
      AND ST_Covers(z.geom, ST_PointOnSurface(coalesce((SELECT c.geom FROM compounds c WHERE c.id = compound),
                                                       shape))))
$$;
-- What the connected user is here: office, chief, viewer, or NULL (a superuser
-- counts as office: they may do everything).
CREATE OR REPLACE FUNCTION gridmap_my_role() RETURNS text
LANGUAGE sql STABLE SET search_path = {path} AS $$
  SELECT kind FROM "{groups}" WHERE pg_has_role(current_user, role, 'USAGE')
  ORDER BY array_position(ARRAY['office', 'chief', 'viewer'], kind) LIMIT 1
$$;
"""
_POLICY_FUNCTIONS = ("gridmap_my_communities()", "gridmap_my_zones()", "gridmap_my_subzones()",
                     "gridmap_my_community_level()", "gridmap_my_buildings()", "gridmap_my_households()",
                     "gridmap_my_residents()", "gridmap_my_staff()", "gridmap_my_assignments()",
                     "gridmap_my_party_links()", "gridmap_my_cases()", "gridmap_site_is_mine(bigint, geometry)")
_ID_FUNCTIONS = ("gridmap_take_ids(bigint, text)", "gridmap_next_id()")


class Person(NamedTuple):
    """A person of a project: their login, group and (a chief's) community."""

    login: str
    kind: str  # office, chief or viewer
    community_code: str = ""
    community_name: str = ""


# -- the project's groups ----------------------------------------------------------


def group_names(database: str) -> dict[str, str]:
    """The names of the group roles of the project in ``database``: the
    database's name and the group's (cut, with a digest of the whole name,
    when it would pass PostgreSQL's 63 bytes)."""
    base = database if not database.startswith("pg_") else f"gm_{database}"  # pg_… names are PostgreSQL's own
    room = NAME_BYTES - len(f"_{VIEWER}")  # the longest suffix
    if len(base.encode()) > room:
        digest = hashlib.sha256(database.encode()).hexdigest()[:8]
        base = base.encode()[:room - len(digest) - 1].decode(errors="ignore") + f"_{digest}"
    return {kind: f"{base}_{kind}" for kind in KINDS}


def install_rights(conn: psycopg.Connection) -> dict[str, str]:
    """Make the project's groups, people table, grants and row-level security
    in the database ``conn`` is connected to (inside the caller's transaction;
    the project's tables exist). Running it again (after an upgrade that adds
    a table, say) brings the grants and policies up to date and keeps the
    people; that needs only the tables' owner. Return the group roles by kind.

    ``ServerError`` (kind "denied") when roles are to be made and the user may
    not create roles."""
    address = shown(conn.info.dsn)
    database, schema, me = conn.execute("SELECT current_database(), current_schema(), current_user").fetchone()
    fresh = not _table_exists(conn, PEOPLE_TABLE)
    groups = _existing_groups(conn) if not fresh else group_names(database)
    if fresh or len(_roles_named(conn, groups.values())) < len(groups):  # a group to make: needs CREATEROLE
        _require_role_maker(conn, address, me)
        for kind, role in groups.items():
            _make_group(conn, address, role, kind, database, fresh=fresh)
    if fresh:
        conn.execute(f"""CREATE TABLE "{GROUPS_TABLE}" (kind text PRIMARY KEY, role text NOT NULL UNIQUE)""")
        with conn.cursor() as cursor:
            cursor.executemany(f'INSERT INTO "{GROUPS_TABLE}" VALUES (%s, %s)', list(groups.items()))
        conn.execute(f"""CREATE TABLE "{PEOPLE_TABLE}" (
            login text PRIMARY KEY,
            kind text NOT NULL CHECK (kind IN ('office', 'chief', 'viewer')),
            community_id bigint REFERENCES zones (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED)""")
        conn.execute(sql.SQL("COMMENT ON TABLE {} IS {}").format(
            sql.Identifier(PEOPLE_TABLE), sql.Literal("the project's people: group, and a chief's community zone")))
    path = function_path(conn)
    conn.execute(_FUNCTIONS.format(path=path, people=PEOPLE_TABLE, groups=GROUPS_TABLE))
    _grant(conn, groups)
    _protect_database(conn, database, schema, groups)
    for table in TABLE_ORDER + (META_TABLE, COMMITS_TABLE, PEOPLE_TABLE, IDS_TABLE, ID_BLOCKS_TABLE):
        _drop_policies(conn, table)
        conn.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')  # no policy: no row, for anyone but the owner
    _policies(conn, groups)
    return groups


def _require_role_maker(conn: psycopg.Connection, address: str, me: str) -> None:
    may = conn.execute("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user").fetchone()[0]
    if not may:
        raise ServerError(address, "denied", f"does not let {me} create roles, and a shared project needs its "
                                             "own (office planners, community chiefs, viewers); nothing was written.",
                          f"Do it as the server's administrator (the postgres user), or give {me} the right "
                          f"first: sudo -u postgres psql -c 'ALTER ROLE \"{me}\" CREATEROLE'.")


def _table_exists(conn: psycopg.Connection, name: str) -> bool:
    return conn.execute("SELECT to_regclass(quote_ident(%s)) IS NOT NULL", (name,)).fetchone()[0]


def _roles_named(conn: psycopg.Connection, names: Iterable[str]) -> set[str]:
    return {name for name, in conn.execute("SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)", (list(names),))}


def _existing_groups(conn: psycopg.Connection) -> dict[str, str]:
    return dict(conn.execute(f'SELECT kind, role FROM "{GROUPS_TABLE}"').fetchall())


def _make_group(conn: psycopg.Connection, address: str, role: str, kind: str, database: str, *, fresh: bool) -> None:
    """Create the group role, or take over the one a removed database of the
    same name left behind (then without its members: they were the other
    project's people)."""
    found = conn.execute("SELECT r.rolcanlogin OR r.rolsuper, shobj_description(r.oid, 'pg_authid') "
                         "FROM pg_roles r WHERE r.rolname = %s", (role,)).fetchone()
    name = sql.Identifier(role)
    if found is None:
        conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(name))
    elif found[0] or not (found[1] or "").startswith(GROUP_MARK):
        raise ServerError(address, "refused", f"already has a role named {role} that gridmap did not make; "
                                              "nothing was written.",
                          "Publish into a database of another name, or rename that role.")
    elif fresh:
        for member, in conn.execute("SELECT m.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
                                    "JOIN pg_roles m ON m.oid = a.member WHERE g.rolname = %s", (role,)).fetchall():
            conn.execute(sql.SQL("REVOKE {} FROM {}").format(name, sql.Identifier(member)))
    conn.execute(sql.SQL("COMMENT ON ROLE {} IS {}").format(
        name, sql.Literal(f"{GROUP_MARK}: the {KIND_NAMES[kind]}s of the project in database {database}")))


def _grant(conn: psycopg.Connection, groups: dict[str, str]) -> None:
    office, chief, viewer = (sql.Identifier(groups[k]) for k in KINDS)
    everyone = sql.SQL(", ").join([office, chief, viewer])

    def grant(privileges: str, tables: Iterable[str], to: sql.Composable) -> None:
        conn.execute(sql.SQL("GRANT {} ON {} TO {}").format(
            sql.SQL(privileges), sql.SQL(", ").join(sql.Identifier(t) for t in tables), to))

    every = TABLE_ORDER + (META_TABLE, COMMITS_TABLE, PEOPLE_TABLE, GROUPS_TABLE, IDS_TABLE, ID_BLOCKS_TABLE)
    conn.execute(sql.SQL("REVOKE ALL ON {} FROM PUBLIC, {}").format(
        sql.SQL(", ").join(sql.Identifier(t) for t in every), everyone))
    writable = [t for t in TABLE_ORDER if t != HISTORY_TABLE] + [META_TABLE]
    grant("SELECT, INSERT, UPDATE, DELETE", writable, office)
    grant("SELECT", TABLE_ORDER, chief)
    grant("INSERT, UPDATE, DELETE", CHIEF_ROWS, chief)
    grant("SELECT", MAP_TABLES, viewer)
    grant("SELECT, INSERT", (HISTORY_TABLE, COMMITS_TABLE), sql.SQL(", ").join([office, chief]))
    grant("SELECT", (HISTORY_TABLE, COMMITS_TABLE, META_TABLE, PEOPLE_TABLE, GROUPS_TABLE), everyone)
    # ids only through gridmap_take_ids / gridmap_next_id (SECURITY DEFINER): no one moves the counter by hand
    for function in _ID_FUNCTIONS + _POLICY_FUNCTIONS:
        conn.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
    for function in _ID_FUNCTIONS:
        conn.execute(sql.SQL("GRANT EXECUTE ON FUNCTION {} TO {}, {}").format(sql.SQL(function), office, chief))
    for function in _POLICY_FUNCTIONS:
        conn.execute(sql.SQL("GRANT EXECUTE ON FUNCTION {} TO {}").format(sql.SQL(function), chief))


def _protect_database(conn: psycopg.Connection, database: str, schema: str, groups: dict[str, str]) -> None:
    """Only the project's people connect; no one makes tables or temporary
    tables (which could stand in front of the project's). The database's
    owner (or a superuser) does this; a publisher who is neither leaves it to
    them (the tables stay closed to others either way: no grant, no row)."""
    owner = conn.execute("SELECT pg_has_role(current_user, d.datdba, 'USAGE') OR r.rolsuper FROM pg_database d, "
                         "pg_roles r WHERE d.datname = current_database() AND r.rolname = current_user").fetchone()[0]
    if not owner:
        return
    everyone = sql.SQL(", ").join(sql.Identifier(groups[k]) for k in KINDS)
    conn.execute(sql.SQL("REVOKE CONNECT, TEMPORARY ON DATABASE {} FROM PUBLIC").format(sql.Identifier(database)))
    conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), everyone))
    conn.execute(sql.SQL("REVOKE CREATE ON SCHEMA {} FROM PUBLIC").format(sql.Identifier(schema)))
    conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(schema), everyone))


def _drop_policies(conn: psycopg.Connection, table: str) -> None:
    for name, in conn.execute("SELECT policyname FROM pg_policies WHERE schemaname = current_schema() "
                              "AND tablename = %s", (table,)).fetchall():
        conn.execute(sql.SQL("DROP POLICY {} ON {}").format(sql.Identifier(name), sql.Identifier(table)))


def _policies(conn: psycopg.Connection, groups: dict[str, str]) -> None:
    office, chief, viewer = (groups[k] for k in KINDS)

    def policy(table: str, name: str, command: str, roles: Iterable[str], using: str | None = None,
               check: str | None = None) -> None:
        text = sql.SQL("CREATE POLICY {} ON {} FOR {} TO {}").format(
            sql.Identifier(name), sql.Identifier(table), sql.SQL(command),
            sql.SQL(", ").join(sql.Identifier(r) for r in roles))
        if using is not None:
            text += sql.SQL(" USING ({})").format(sql.SQL(using))
        if check is not None:
            text += sql.SQL(" WITH CHECK ({})").format(sql.SQL(check))
        conn.execute(text)

    for table in TABLE_ORDER:
        if table == HISTORY_TABLE:
            continue
        policy(table, "office writes all", "ALL", [office], "true", "true")
        rows = CHIEF_ROWS.get(table, ChiefRows("false", "false"))
        policy(table, "chief reads", "SELECT", [chief], rows.read)
        if table in CHIEF_ROWS:
            policy(table, "chief adds in own community", "INSERT", [chief], check=rows.leave)
            policy(table, "chief changes own community", "UPDATE", [chief], rows.change, rows.leave)
            policy(table, "chief removes from own community", "DELETE", [chief], rows.change)
        if table in MAP_TABLES:
            policy(table, "viewer reads the map", "SELECT", [viewer], "true")
    # the history: added to, never changed; each entry in its author's own name
    policy(HISTORY_TABLE, "office reads all", "SELECT", [office], "true")
    policy(HISTORY_TABLE, "chief reads map and own community", "SELECT", [chief], _CHIEF_HISTORY)
    policy(HISTORY_TABLE, "viewer reads the map", "SELECT", [viewer], f"table_name = ANY({_MAP_LIST})")
    policy(HISTORY_TABLE, "writers add in own name", "INSERT", [office, chief], check="who = current_user")
    policy(COMMITS_TABLE, "all read", "SELECT", [office, chief, viewer], "true")
    policy(COMMITS_TABLE, "writers add in own name", "INSERT", [office, chief], check="who = current_user")
    policy(META_TABLE, "all read", "SELECT", [office, chief, viewer], "true")
    policy(META_TABLE, "office writes", "ALL", [office], "true", "true")
    policy(PEOPLE_TABLE, "office reads all", "SELECT", [office], "true")
    policy(PEOPLE_TABLE, "each reads own", "SELECT", [chief, viewer], "login = current_user")


# -- people ------------------------------------------------------------------------

LOGIN_PATTERN = re.compile(r"[\w.@-]+")  # letters (Chinese too), digits, _ . @ -


def add_person(conn: psycopg.Connection, login: str, kind: str, password: str,
               community_code: str | None = None) -> Person:
    """Give ``login`` (a new LOGIN role, its password stored as SCRAM) a place
    in the project as ``kind``; a chief's community is the zone of that code.
    Inside the caller's transaction; ``ServerError`` says why not."""
    address = shown(conn.info.dsn)
    if kind not in KINDS:
        raise ServerError(address, "refused", f"has no role {kind!r} for people; nothing was changed.",
                          f"Give one of: {', '.join(KINDS)}.")
    groups = _groups_or_install(conn)
    _require_role_maker(conn, address, conn.execute("SELECT current_user").fetchone()[0])
    _require_login_name(address, login, groups)
    if not password:
        raise ServerError(address, "refused", f"was given an empty password for {login}; nothing was changed.",
                          "Give a password (or a file holding it).")
    if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone() is not None:
        raise ServerError(address, "refused", f"already has a login named {login}; nothing was changed.",
                          "Choose another login, or remove that person first (gridmap users URL remove LOGIN).")
    community, code, name = _community(conn, address, kind, community_code)
    verifier = conn.pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256").decode()
    conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
        sql.Identifier(login), sql.Literal(verifier), sql.Identifier(groups[kind])))
    database = conn.execute("SELECT current_database()").fetchone()[0]
    conn.execute(sql.SQL("COMMENT ON ROLE {} IS {}").format(
        sql.Identifier(login), sql.Literal(f"{PERSON_MARK}: {KIND_NAMES[kind]} of the project in database "
                                           f"{database}")))
    conn.execute(f'INSERT INTO "{PEOPLE_TABLE}" (login, kind, community_id) VALUES (%s, %s, %s)',
                 (login, kind, community))
    return Person(login, kind, code, name)


def _groups_or_install(conn: psycopg.Connection) -> dict[str, str]:
    """The project's groups; a project published before rights existed gets them now."""
    address = shown(conn.info.dsn)
    if not _table_exists(conn, META_TABLE):
        raise ServerError(address, "not-a-project", "holds no gridmap project.",
                          "Publish one there first: gridmap publish FILE.gpkg URL.")
    if _table_exists(conn, GROUPS_TABLE):
        return _existing_groups(conn)
    version = int(conn.execute(f'SELECT coalesce(max(value), \'0\') FROM "{META_TABLE}" '
                               "WHERE key = 'schema_version'").fetchone()[0])
    if version < SCHEMA_VERSION:  # the rights name every table of this schema: upgrade first
        raise ServerError(address, "refused", f"holds a project of the older schema {version}; nothing was changed.",
                          "Open it once with this gridmap as its owner (that upgrades it), then add people.")
    return install_rights(conn)


def _require_login_name(address: str, login: str, groups: dict[str, str]) -> None:
    if login in groups.values():
        raise ServerError(address, "refused", f"names its group of people {login}; a person needs a login of "
                                              "their own. Nothing was changed.", "Choose another login.")
    if not LOGIN_PATTERN.fullmatch(login) or len(login.encode()) > NAME_BYTES or login.startswith("pg_"):
        raise ServerError(address, "refused", f"cannot take {login!r} as a login; nothing was changed.",
                          f"Use up to {NAME_BYTES} bytes of letters, digits and _ . @ -, not starting with pg_.")


def _community(conn: psycopg.Connection, address: str, kind: str,
               code: str | None) -> tuple[int | None, str, str]:
    if kind != CHIEF:
        if code:
            raise ServerError(address, "refused", f"gives an {KIND_NAMES[kind]} no community; nothing was changed.",
                              "Leave out --community, or make the person a chief (--role chief).")
        return None, "", ""
    if not code:
        raise ServerError(address, "refused", "needs the community of a community chief; nothing was changed.",
                          f"Name it by its code: --community CODE (the project's are: {_community_codes(conn)}).")
    found = conn.execute("SELECT z.id, z.name, coalesce(l.role, '') FROM zones z LEFT JOIN levels l "
                         "ON l.depth = z.level WHERE z.code = %s ORDER BY z.id", (code,)).fetchall()
    if not found:
        raise ServerError(address, "refused", f"has no zone of code {code}; nothing was changed.",
                          f"The project's communities are: {_community_codes(conn)}.")
    mine = [row for row in found if row[2] == COMMUNITY]
    if not mine:
        raise ServerError(address, "refused", f"has zone {code} ({found[0][1]}), which is not a community; "
                                              "nothing was changed.",
                          f"A chief belongs to a community: {_community_codes(conn)}.")
    return mine[0][0], code, mine[0][1]


def _community_codes(conn: psycopg.Connection) -> str:
    found = conn.execute("SELECT z.code, z.name FROM zones z JOIN levels l ON l.depth = z.level "
                         "WHERE l.role = %s ORDER BY z.code", (COMMUNITY,)).fetchall()
    if not found:
        return "none (no zone is of a community level)"
    shown_codes = ", ".join(f"{code} {name}" for code, name in found[:12])
    return shown_codes + (f" and {len(found) - 12} more" if len(found) > 12 else "")


def list_people(conn: psycopg.Connection) -> list[Person]:
    """The project's people: every member of its groups (with their community,
    for a chief), office planners first, then by login."""
    address = shown(conn.info.dsn)
    if not _table_exists(conn, GROUPS_TABLE):
        if not _table_exists(conn, META_TABLE):
            raise ServerError(address, "not-a-project", "holds no gridmap project.",
                              "Publish one there first: gridmap publish FILE.gpkg URL.")
        return []  # published before rights: only its owner uses it
    found = conn.execute(f"""
        SELECT m.rolname, g.kind, coalesce(z.code, ''), coalesce(z.name, '')
        FROM "{GROUPS_TABLE}" g
        JOIN pg_roles gr ON gr.rolname = g.role
        JOIN pg_auth_members a ON a.roleid = gr.oid
        JOIN pg_roles m ON m.oid = a.member
        LEFT JOIN "{PEOPLE_TABLE}" p ON p.login = m.rolname
        LEFT JOIN zones z ON z.id = p.community_id
        ORDER BY array_position(ARRAY['office', 'chief', 'viewer'], g.kind), m.rolname""").fetchall()
    return [Person(*row) for row in found]


def remove_person(conn: psycopg.Connection, login: str) -> bool:
    """Take ``login`` out of the project (inside the caller's transaction):
    out of its groups and people, and its login dropped when gridmap made it
    for this project alone. Return whether the login was dropped."""
    address = shown(conn.info.dsn)
    if not _table_exists(conn, GROUPS_TABLE):
        raise ServerError(address, "refused", f"has no person {login}; nothing was changed.",
                          "See who there is with: gridmap users URL list.")
    _require_role_maker(conn, address, conn.execute("SELECT current_user").fetchone()[0])
    if login == conn.execute("SELECT current_user").fetchone()[0]:
        raise ServerError(address, "refused", "would lose the login that is removing people; nothing was changed.",
                          "Remove people as the server's administrator.")
    groups = [role for role, in conn.execute(
        f"""SELECT g.role FROM "{GROUPS_TABLE}" g JOIN pg_roles gr ON gr.rolname = g.role
            JOIN pg_auth_members a ON a.roleid = gr.oid JOIN pg_roles m ON m.oid = a.member
            WHERE m.rolname = %s""", (login,)).fetchall()]
    listed = conn.execute(f'DELETE FROM "{PEOPLE_TABLE}" WHERE login = %s RETURNING login', (login,)).fetchone()
    if not groups and listed is None:
        raise ServerError(address, "refused", f"has no person {login}; nothing was changed.",
                          "See who there is with: gridmap users URL list.")
    for role in groups:
        conn.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(role), sql.Identifier(login)))
    found = conn.execute("SELECT shobj_description(oid, 'pg_authid'), "
                         "(SELECT count(*) FROM pg_auth_members a WHERE a.member = r.oid) "
                         "FROM pg_roles r WHERE rolname = %s", (login,)).fetchone()
    if found is None or not (found[0] or "").startswith(PERSON_MARK) or found[1]:
        return False  # not gridmap's, or a member of other roles too: the login stays, without this project
    try:
        with conn.transaction():  # a savepoint: a login still owning something elsewhere stays
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(login)))
    except psycopg.errors.DependentObjectsStillExist:
        return False
    return True


# -- the same, by address, each in one transaction (gridmap users) --------------------


def add(url: str, login: str, kind: str, password: str, community_code: str | None = None) -> Person:
    """:func:`add_person` on the project at ``url``, committed."""
    return _in_one_transaction(url, lambda conn: add_person(conn, login, kind, password, community_code))


def people(url: str) -> list[Person]:
    """:func:`list_people` of the project at ``url``."""
    return _in_one_transaction(url, list_people)


def remove(url: str, login: str) -> bool:
    """:func:`remove_person` from the project at ``url``, committed."""
    return _in_one_transaction(url, lambda conn: remove_person(conn, login))


def _in_one_transaction(url: str, work):
    with connect(url) as conn:
        try:
            done = work(conn)
            conn.commit()
            return done
        except psycopg.Error as exc:
            raise statement_problem(url, exc) from exc
