"""Connecting to a shared project's server, and its faults in words.

Every psycopg error that reaches gridmap's code is turned into a ``ServerError``
(or, for a commit, a ``ProjectWriteError``) here, naming the address without
its password and saying what to do."""

from __future__ import annotations

import psycopg

from gridmap.errors import ServerError
from gridmap.storage.server.address import shown

CONNECT_TIMEOUT = 5  # seconds: an office server on the intranet answers in far less
APPLICATION = "gridmap"  # pg_stat_activity shows who is connected with what
# A commit waits this long for rows or a family of zones another desk is saving,
# then is refused ("in-use"): the window never hangs on a desk that hangs.
LOCK_TIMEOUT_MS = 10_000


def connect(url: str, *, autocommit: bool = False) -> psycopg.Connection:
    """A connection to ``url`` (``ServerError`` when there is none to be had)."""
    try:
        return psycopg.connect(url, autocommit=autocommit, connect_timeout=CONNECT_TIMEOUT,
                               application_name=APPLICATION, options=f"-c lock_timeout={LOCK_TIMEOUT_MS}",
                               keepalives=1, keepalives_idle=10, keepalives_interval=5, keepalives_count=3)
    except psycopg.Error as exc:
        raise connection_problem(url, exc) from exc


def connection_problem(url: str, exc: psycopg.Error) -> ServerError:
    """The ``ServerError`` for a failed connection or a connection that went away."""
    text = str(exc)
    address = shown(url)
    if "password authentication failed" in text or ("role" in text and "does not exist" in text) \
            or "no password supplied" in text or "pg_hba.conf" in text:
        return ServerError(address, "login", "refused the user name or password.",
                           "Check them, or ask the office's administrator (gridmap users … list).")
    if "database" in text and "does not exist" in text:
        return ServerError(address, "no-database", "has no such database.",
                           "Check the database's name, or make it with: gridmap server init URL.")
    if "permission denied" in text:
        return ServerError(address, "denied", "does not let this user connect.",
                           "Ask the office's administrator for access.")
    return ServerError(address, "unreachable", f"cannot be reached ({_first_line(text)}).",
                       "Check the network and that the database server is running.")


def statement_problem(url: str, exc: psycopg.Error) -> ServerError:
    """The ``ServerError`` for a statement the server refused or could not finish."""
    if is_connection_lost(exc):
        return connection_problem(url, exc)
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return ServerError(shown(url), "denied", f"does not let this user do that ({_first_line(str(exc))}).",
                           "Ask the office's administrator for the right.")
    return ServerError(shown(url), "refused", f"refused the request ({_first_line(str(exc))}).",
                       "Nothing was changed.")


def is_connection_lost(exc: BaseException) -> bool:
    """Whether ``exc`` means the server went away (stopped, restarted, network down)."""
    if not isinstance(exc, psycopg.OperationalError):
        return False
    state = exc.sqlstate
    # no SQLSTATE: the client lost the socket; 08: connection exceptions; 57P0x: the server shut down
    return state is None or state.startswith("08") or state in ("57P01", "57P02", "57P03")


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "no reason given"
