"""What a project store does, whatever keeps the data: the GeoPackage file
(``store.ProjectStore``) today, a PostgreSQL/PostGIS database shared by many
desks next. ``Project`` and everything above it know a store only by this."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Protocol
from collections.abc import Mapping, Sequence

from gridmap.model.changes import RowChange
from gridmap.model.entities import ChangeLogEntry
from gridmap.model.tables import Substitute

Tables = dict[str, dict[int, Any]]  # table name → {id: record}


class Store(Protocol):
    path: Path | None  # the project's file (None: kept on a database server)
    address: str  # where the project is, as shown to the user (a file's path; a server's URL without password)
    meta: dict[str, str]  # the project's own settings (title, srs_id, sample_data, …)
    srs_id: int  # EPSG code of every shape
    user: str | None  # who the history names, as the store knows it (a server's login); None: the desk's login
    substitutes: list[Substitute]  # stored values read in another form by the last read_all

    @property
    def read_only(self) -> bool:
        """Opened for viewing: every commit is refused."""

    @property
    def read_only_rows(self) -> Mapping[str, frozenset[int]]:
        """Rows held for reference only, every commit to them refused (an offline
        copy's neighbours, kept for snapping): table → ids; empty for a whole project."""

    def read_all(self) -> Tables:
        """Every record of every table, keyed by id: one consistent snapshot."""

    def commit(self, changes: Sequence[RowChange], history: Sequence[ChangeLogEntry],
               moment: dt.datetime) -> list[ChangeLogEntry]:
        """Write the changes and their history atomically (all or nothing; a
        ``ProjectWriteError`` says why not) and return the history as stored."""

    def allocate_ids(self, count: int) -> range:
        """Ids for new rows that no other writer of this project is ever given."""

    def changes_by_others(self) -> dict[str, dict[int, Any]]:
        """Rows others committed since this store last looked: table → {id: record, or None if deleted}."""

    def external_change(self) -> str | None:
        """Whether the project was changed behind this store's back in a way it
        cannot follow (``gone``, ``replaced``, ``changed``), or None."""

    def last_change(self) -> dt.datetime:
        """When the project's content last changed (UTC)."""

    def save_as(self, path: str | Path) -> None:
        """Copy the committed project to ``path``."""

    def give_up_editing(self) -> None:
        """Read only from now on (the project may then be opened for editing elsewhere)."""

    @property
    def is_open(self) -> bool: ...

    def close(self) -> None: ...
