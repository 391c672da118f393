"""The open project: its tables in memory, the file behind them, the undo stack.

Every edit goes through :meth:`Project.apply`, which writes the change to the
file in one transaction (with its history: a row per field changed), then updates the
in-memory tables and emits :attr:`Project.changed`. Nothing else writes. An edit
the file cannot take (another program changed or replaced it, the disk is full)
is refused with a ``ProjectWriteError`` and announced on
:attr:`Project.write_failed`, so the window can offer to reload or save a copy.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections import deque
from pathlib import Path
from typing import Any
from collections.abc import Callable, Iterable, Mapping, Sequence

import shapely

from gridmap.commands.stack import CommandStack
from gridmap.errors import ProjectWriteError
from gridmap.model.changes import RowChange
from gridmap.model.entities import ChangeLogEntry, Level, TagDef, Zone
from gridmap.model.tables import RECORDED_TABLES, TABLES, Substitute
from gridmap.model.validation import check_changes
from gridmap.signals import Signal
from gridmap.spatial.shapes import identical
from gridmap.storage.opening import open_store
from gridmap.storage.protocol import Store, Tables
from gridmap.storage.store import ProjectStore

Clock = Callable[[], dt.datetime]
ID_BLOCK = 4096  # ids taken from the store at a time (a roster import takes a few blocks)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "unknown"


class Project:
    """A gridmap project opened from its GeoPackage.

    Attributes
    ----------
    tables : dict
        Table name → {id: record}; read it, never mutate it (use commands).
    changed : Signal
        Emitted after each committed edit with the tuple of ``RowChange``.
    write_failed : Signal
        Emitted with the ``ProjectWriteError`` of an edit the file did not take.
    undo_stack : CommandStack
        Push commands here to edit with undo.
    """

    def __init__(self, store: Store, tables: Tables, *, user: str | None = None,
                 clock: Clock | None = None) -> None:
        self.store = store
        self.tables = tables
        self.user = user or store.user or _default_user()
        self.clock = clock or _utc_now
        self.changed = Signal()
        self.write_failed = Signal()
        self.closed = Signal()
        self._ids: deque[int] = deque()  # ids taken from the store and not yet used
        self.undo_stack = CommandStack(self)

    # -- life cycle ------------------------------------------------------------

    @classmethod
    def open(cls, where: str | Path, *, read_only: bool = False, **kwargs: Any) -> Project:
        """Open a project for editing (a file is then held: see ``ProjectStore.open``;
        a ``postgresql://`` address opens a shared one), or with ``read_only`` for
        looking only (edits are then refused)."""
        store = open_store(where, read_only=read_only)
        try:
            tables = store.read_all()
        except BaseException:
            store.close()
            raise
        return cls(store, tables, **kwargs)

    @classmethod
    def create(cls, path: str | Path, *, epsg: int, tables: Mapping[str, Sequence[Any]],
               meta: Mapping[str, str], moment: dt.datetime | None = None, **kwargs: Any) -> Project:
        ProjectStore.create(path, epsg=epsg, tables=tables, meta=meta, moment=moment or _utc_now())
        return cls.open(path, **kwargs)

    @property
    def path(self) -> Path | None:
        """The project's file (None for a project on a database server: see :attr:`address`)."""
        return self.store.path

    @property
    def address(self) -> str:
        """Where the project is, as shown: a file's path or a server's address (no password)."""
        return self.store.address

    @property
    def meta(self) -> dict[str, str]:
        return self.store.meta

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @property
    def srs_id(self) -> int:
        """The EPSG code of the project's coordinates."""
        return self.store.srs_id

    def external_change(self) -> str | None:
        """What another program did to the project since it was read (see ``Store.external_change``)."""
        return self.store.external_change()

    def give_up_editing(self) -> None:
        """Read only from now on, so that the project can be opened for editing again."""
        self.store.give_up_editing()

    def last_change(self) -> dt.datetime:
        """When the project's content last changed (UTC): the charts print it as the date of the data."""
        return self.store.last_change()

    @property
    def substitutes(self) -> list[Substitute]:
        """Stored values that could not be read as they were, and what is used instead."""
        return self.store.substitutes

    def save_as(self, path: str | Path) -> None:
        """Copy the project to ``path`` and go on working there (undo history is kept)."""
        path = Path(path)
        if self.path is not None and path.resolve() == self.path.resolve():
            if self.external_change() is None:
                return  # every edit is already committed to this file
            self.give_up_editing()  # the file there is gone or another: ours goes in its place
        self.store.save_as(path)
        old = self.store
        self.store = ProjectStore.open(path)
        self._ids.clear()  # the copy hands out its own blocks
        old.close()

    def close(self) -> None:
        if self.store.is_open:
            self.store.close()
            self.closed.emit()

    # -- reading ---------------------------------------------------------------

    @property
    def levels(self) -> list[Level]:
        return sorted(self.tables["levels"].values(), key=lambda lv: lv.depth)

    @property
    def tag_defs(self) -> list[TagDef]:
        return sorted(self.tables["tag_defs"].values(), key=lambda t: t.position)

    def depth_of(self, role: str) -> int | None:
        """The depth of the level the project's ``levels`` table gives ``role``
        (``entities.LEVEL_ROLES``), or None if it gives none; ``gridmap.levels``
        answers for every role, placing a missing one next to its neighbours."""
        return next((level.depth for level in self.levels if level.role == role), None)

    def zones_at(self, level: int) -> list[Zone]:
        return [z for z in self.tables["zones"].values() if z.level == level]

    def new_id(self, table: str) -> int:
        """Reserve an id for a record about to be inserted into ``table``: unique
        in the whole project, however many programs insert (see ``storage/ids.py``)."""
        if not self._ids:
            try:
                self._ids.extend(self.store.allocate_ids(ID_BLOCK))
            except ProjectWriteError as error:
                self.write_failed.emit(error)
                raise
        return self._ids.popleft()

    def return_id(self, table: str, key: int) -> None:
        """Give back an id reserved for an edit that was refused: the next record takes it."""
        self._ids.appendleft(key)

    # -- writing ---------------------------------------------------------------

    def apply(self, changes: Sequence[RowChange], *, label: str, action: str = "do") -> None:
        """Commit ``changes`` (see :meth:`commit`), then announce them."""
        self.announce(self.commit(changes, label=label, action=action))

    def commit(self, changes: Sequence[RowChange], *, label: str, action: str = "do") -> tuple[RowChange, ...]:
        """Write ``changes`` to the file in one transaction, then to memory.

        If anything fails, the file and the in-memory state (ids included) stay
        as they were. Nothing is announced: call :meth:`announce` after.
        """
        changes = tuple(changes)
        self._validate(changes)
        moment = self.clock()
        try:
            log = self.store.commit(changes, history_entries(changes, moment, self.user, label, action), moment)
        except ProjectWriteError as error:
            self.write_failed.emit(error)
            raise
        self._take(changes)
        self.tables["change_log"].update((entry.id, entry) for entry in log)
        return changes

    def _take(self, changes: Iterable[RowChange]) -> None:
        for change in changes:
            table = self.tables[change.table]
            if change.after is None:
                del table[change.key]
            else:
                table[change.key] = change.after

    def take_changes_by_others(self) -> tuple[RowChange, ...]:
        """Bring the tables up to date with what other programs committed since
        (a shared store), announce it and return it. Undo steps here that touch
        those rows would be refused by the store, not written over them."""
        changes = []
        for table, rows in self.store.changes_by_others().items():
            held = self.tables[table]
            changes += [RowChange(table, held.get(key), now) for key, now in rows.items() if held.get(key) != now]
        changes = tuple(changes)
        self._take(changes)
        if changes:
            self.announce(changes)
        return changes

    def announce(self, changes: tuple[RowChange, ...]) -> None:
        """Tell the views what changed (after :meth:`commit`)."""
        self.changed.emit(changes)

    def _validate(self, changes: Iterable[RowChange]) -> None:
        """Types, ranges, shapes and text of every record written (``EditError`` if not)."""
        check_changes(changes, self.store.srs_id, {t.name for t in self.tables["tag_defs"].values()})


def history_entries(changes: Iterable[RowChange], moment: dt.datetime, who: str, label: str,
                    action: str) -> list[ChangeLogEntry]:
    """One history entry per field changed of each row (``*`` for a row added or
    removed); the store numbers them as it commits."""
    entries: list[ChangeLogEntry] = []
    for change in changes:
        if change.table not in RECORDED_TABLES:
            continue
        key = change.key
        if change.before is None or change.after is None:
            present = change.after is not None
            entries.append(ChangeLogEntry(0, moment, who, change.table, key, "*", "" if present else "present",
                                          "present" if present else "", action, label))
            continue
        spec = TABLES[change.table]
        for column in spec.columns:
            old, new = getattr(change.before, column.name), getattr(change.after, column.name)
            if old != new:
                entries.append(ChangeLogEntry(0, moment, who, change.table, key, column.name,
                                              _text(column.type.encode(old)), _text(column.type.encode(new)),
                                              action, label))
        if spec.is_features and not identical(change.before.geometry, change.after.geometry):
            entries.append(ChangeLogEntry(0, moment, who, change.table, key, "geometry",
                                          _wkt(change.before.geometry), _wkt(change.after.geometry), action, label))
    return entries


def _wkt(shape: Any) -> str:
    return "" if shape is None else shapely.to_wkt(shape)


def _text(value: Any) -> str:
    if isinstance(value, bytes):  # a photo: its size, not its bytes
        return f"{len(value):,} bytes"
    return "" if value is None else str(value)
