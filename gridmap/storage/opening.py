"""Opening a project wherever it is kept: a GeoPackage file, or a database
server named by a ``postgresql://`` address."""

from __future__ import annotations

from pathlib import Path

from gridmap.storage.protocol import Store
from gridmap.storage.server.address import is_server_address


def open_store(where: str | Path, *, read_only: bool = False) -> Store:
    """The project at ``where`` (a file path or a server address), opened."""
    if is_server_address(str(where)):
        from gridmap.storage.server.store import ServerStore

        return ServerStore.open(str(where), read_only=read_only)
    from gridmap.storage.store import ProjectStore

    return ProjectStore.open(where, read_only=read_only)
