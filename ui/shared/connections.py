"""The database servers a shared project is opened from, as the window remembers
them (host, port, database and user: never the password, which only a secure
keyring may keep, see passwords.py)."""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import quote

from gridmap.storage.server.address import parts
from ui.settings import Settings

DEFAULT_PORT = "5432"


class Connection(NamedTuple):
    host: str
    port: str
    database: str
    user: str

    @classmethod
    def of(cls, url: str) -> Connection:
        """The connection a ``postgresql://`` address names (``ServerError`` if it names none)."""
        found = parts(url)
        return cls(found.get("host", "localhost"), found.get("port", DEFAULT_PORT), found.get("dbname", ""),
                   found.get("user", ""))

    def url(self, password: str = "") -> str:
        """The address to connect with (with ``password`` if given: kept in memory only)."""
        host = f"[{self.host}]" if ":" in self.host else self.host  # an IPv6 address
        login = quote(self.user, safe="") + (f":{quote(password, safe='')}" if password else "")
        return f"postgresql://{login}@{host}:{self.port or DEFAULT_PORT}/{quote(self.database, safe='')}"

    @property
    def key(self) -> str:
        """How the keyring knows it (and how it is shown in the list): user@host:port/database."""
        return f"{self.user}@{self.host}:{self.port or DEFAULT_PORT}/{self.database}"


def remembered(settings: Settings) -> list[Connection]:
    """The connections used before, last used first."""
    return [Connection(c["host"], c["port"], c["database"], c["user"]) for c in settings.shared_connections]


def remember(settings: Settings, connection: Connection) -> None:
    """Put ``connection`` first in the list."""
    rest = [c for c in remembered(settings) if c != connection]
    settings.shared_connections = [c._asdict() for c in [connection, *rest]]


def forget(settings: Settings, connection: Connection) -> None:
    settings.shared_connections = [c._asdict() for c in remembered(settings) if c != connection]
