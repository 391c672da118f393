"""The open project: its tables in memory, the file behind them, the undo stack.

Every edit goes through :meth:`Project.apply`, which writes the change to the
file in one transaction (with change-log rows for households), then updates the
in-memory tables and emits :attr:`Project.changed`. Nothing else writes. An edit
the file cannot take (another program changed or replaced it, the disk is full)
is refused with a ``ProjectWriteError`` and announced on
:attr:`Project.write_failed`, so the window can offer to reload or save a copy.
"""

from __future__ import annotations

import datetime as dt
import getpass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from gridmap.commands.stack import CommandStack
from gridmap.errors import ProjectWriteError
from gridmap.model.changes import RowChange
from gridmap.model.entities import ChangeLogEntry, Level, TagDef, Zone
from gridmap.model.tables import TABLES, Substitute
from gridmap.model.validation import check_changes
from gridmap.signals import Signal
from gridmap.storage.store import ProjectStore, Tables

Clock = Callable[[], dt.datetime]


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


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

    def __init__(self, store: ProjectStore, tables: Tables, *, user: str | None = None,
                 clock: Clock | None = None) -> None:
        self.store = store
        self.tables = tables
        self.user = user or _default_user()
        self.clock = clock or _utc_now
        self.changed = Signal()
        self.write_failed = Signal()
        self.closed = Signal()
        self._next_ids = store.next_ids()
        self.undo_stack = CommandStack(self)

    # -- life cycle ------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, **kwargs: Any) -> "Project":
        """Open a project file for editing (holding it: see ``ProjectStore.open``),
        or with ``read_only`` for looking only (edits are then refused)."""
        store = ProjectStore.open(path, read_only=read_only)
        try:
            tables = store.read_all()
        except BaseException:
            store.close()
            raise
        return cls(store, tables, **kwargs)

    @classmethod
    def create(cls, path: str | Path, *, epsg: int, tables: Mapping[str, Sequence[Any]],
               meta: Mapping[str, str], moment: dt.datetime | None = None, **kwargs: Any) -> "Project":
        ProjectStore.create(path, epsg=epsg, tables=tables, meta=meta, moment=moment or _utc_now())
        return cls.open(path, **kwargs)

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def meta(self) -> dict[str, str]:
        return self.store.meta

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @property
    def substitutes(self) -> list[Substitute]:
        """Stored values that could not be read as they were, and what is used instead."""
        return self.store.substitutes

    def save_as(self, path: str | Path) -> None:
        """Copy the project to ``path`` and go on working there (undo history is kept)."""
        path = Path(path)
        if path.resolve() == self.path.resolve():
            if self.store.external_change() is None:
                return  # every edit is already committed to this file
            self.store.give_up_editing()  # the file there is gone or another: ours goes in its place
        self.store.save_as(path)
        old = self.store
        self.store = ProjectStore.open(path)
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

    def zones_at(self, level: int) -> list[Zone]:
        return [z for z in self.tables["zones"].values() if z.level == level]

    def new_id(self, table: str) -> int:
        """Reserve an id for a record about to be inserted."""
        key = self._next_ids[table]
        self._next_ids[table] = key + 1
        return key

    def return_id(self, table: str, key: int) -> None:
        """Give back the id last reserved, for an edit that was refused."""
        if self._next_ids[table] == key + 1:
            self._next_ids[table] = key

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
        log = self._log_entries(changes, moment, label, action)
        try:
            with self.store.transaction():
                self.store.write_changes(changes, moment)
                self.store.append_records("change_log", log)
        except ProjectWriteError as error:
            self.write_failed.emit(error)
            raise
        for change in changes:
            table = self.tables[change.table]
            if change.after is None:
                del table[change.key]
            else:
                table[change.key] = change.after
        self.tables["change_log"].update((entry.id, entry) for entry in log)
        if log:
            self._next_ids["change_log"] = log[-1].id + 1
        return changes

    def announce(self, changes: tuple[RowChange, ...]) -> None:
        """Tell the views what changed (after :meth:`commit`)."""
        self.changed.emit(changes)

    def _validate(self, changes: Iterable[RowChange]) -> None:
        """Types, ranges, shapes and text of every record written (``EditError`` if not)."""
        check_changes(changes, self.store.srs_id, {t.name for t in self.tables["tag_defs"].values()})

    def _log_entries(self, changes: Iterable[RowChange], moment: dt.datetime, label: str,
                     action: str) -> list[ChangeLogEntry]:
        """One change-log row per household field changed (or household added/removed)."""
        spec = TABLES["households"]
        entries: list[ChangeLogEntry] = []
        first_id = self._next_ids["change_log"]  # taken for good only once the write succeeds

        def add(household_id: int, field: str, old: str, new: str) -> None:
            entries.append(ChangeLogEntry(first_id + len(entries), moment, self.user, household_id,
                                          field, old, new, action, label))

        for change in changes:
            if change.table != "households":
                continue
            if change.before is None or change.after is None:
                present = change.after is not None
                add(change.key, "*", "" if present else "present", "present" if present else "")
                continue
            for column in spec.columns:
                old = getattr(change.before, column.name)
                new = getattr(change.after, column.name)
                if old != new:
                    add(change.key, column.name, _text(column.type.to_sql(old)),
                        _text(column.type.to_sql(new)))
        return entries


def _text(value: Any) -> str:
    return "" if value is None else str(value)

