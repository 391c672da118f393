"""A shared project's address: a PostgreSQL connection URL
(``postgresql://user:password@host:port/database``), and how it is shown
(never with its password)."""

from __future__ import annotations

from urllib.parse import quote

from psycopg.conninfo import conninfo_to_dict

from gridmap.errors import ServerError

SCHEMES = ("postgresql://", "postgres://")


def is_server_address(text: str) -> bool:
    """Whether ``text`` names a database server rather than a file."""
    return str(text).lower().startswith(SCHEMES)


def parts(url: str) -> dict[str, str]:
    """The URL's connection parameters (host, port, dbname, user, password, …)."""
    try:
        return {key: str(value) for key, value in conninfo_to_dict(url).items() if value is not None}
    except Exception as exc:  # psycopg.ProgrammingError: the text is not a connection string
        raise ServerError(shown(url), "address", f"is not a database address ({exc}).",
                          "Write it as postgresql://user@host:port/database.") from exc


def shown(url: str) -> str:
    """The address without its password, for titles, messages and history."""
    try:
        found = {key: str(value) for key, value in conninfo_to_dict(url).items() if value is not None}
    except Exception:  # noqa: BLE001 - an unparsable address is shown cut before any '@'
        return url.split("@")[-1] if "@" in url else url
    user = found.get("user", "")
    host = found.get("host", "localhost")
    port = found.get("port", "")
    where = f"{quote(user)}@{host}" if user else host
    return f"postgresql://{where}{':' + port if port else ''}/{found.get('dbname', '')}"


def with_user(url: str, user: str, password: str | None = None) -> str:
    """The same server and database, for another user (and password)."""
    found = parts(url)
    found["user"] = user
    found.pop("password", None)
    if password is not None:
        found["password"] = password
    host, port = found.pop("host", "localhost"), found.pop("port", "")
    dbname = found.pop("dbname", "")
    login = quote(found.pop("user"), safe="") + (f":{quote(found.pop('password'), safe='')}" if "password" in found
                                                   else "")
    extra = "&".join(f"{key}={quote(value, safe='')}" for key, value in sorted(found.items()))
    return f"postgresql://{login}@{host}{':' + port if port else ''}/{quote(dbname)}" + (f"?{extra}" if extra else "")
