"""A Qt-free undo stack (the ui adapts it to QActions).

A command computes its row changes from the project as it stands when first
done; undo applies their inverse and redo applies them again, so both are exact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gridmap.cases.links import follow_removals
from gridmap.model.changes import RowChange, invert
from gridmap.signals import Signal

if TYPE_CHECKING:
    from gridmap.project import Project


class Command:
    """Base of every edit. Subclasses implement :meth:`build` and set ``label``."""

    label: str = ""

    def __init__(self) -> None:
        self.changes: tuple[RowChange, ...] = ()

    def build(self, project: Project) -> tuple[RowChange, ...]:
        """The row changes this edit makes to ``project`` as it is now."""
        raise NotImplementedError

    def merge_key(self) -> Any:
        """Commands with equal non-None keys pushed in a row merge into one step
        (a drag of one vertex, typing in one note)."""
        return None


def compose(first: tuple[RowChange, ...], second: tuple[RowChange, ...]) -> tuple[RowChange, ...]:
    """One change set equal to ``first`` then ``second``."""
    merged: dict[tuple[str, int], RowChange] = {}
    for change in first + second:
        slot = (change.table, change.key)
        earlier = merged.get(slot)
        merged[slot] = change if earlier is None else RowChange(change.table, earlier.before, change.after)
    return tuple(c for c in merged.values() if c.before != c.after)


class CommandStack:
    """Done commands below ``index``, undone ones above it."""

    def __init__(self, project: Project) -> None:
        self._project = project
        self._commands: list[Command] = []
        self._index = 0
        self._clean_index: int | None = 0
        self.changed = Signal()  # emitted after push / undo / redo / set_clean

    def push(self, command: Command) -> bool:
        """Do ``command`` and record it; False (and nothing recorded) if it changes nothing.

        The stack is brought up to date between the commit and the announcement,
        so a view that fails while handling the change cannot leave the stack
        out of step with the file.
        """
        project = self._project
        command.changes = tuple(command.build(project))
        kept_whole = follow_removals(project, command.changes)  # cases and visits of rows it removes
        if kept_whole:
            command.changes = compose(command.changes, kept_whole)
        if not command.changes:
            return False
        committed = project.commit(command.changes, label=command.label, action="do")
        del self._commands[self._index:]
        if self._clean_index is not None and self._clean_index > self._index:
            self._clean_index = None  # the clean state can no longer be reached
        top = self._commands[-1] if self._commands else None
        key = command.merge_key()
        if (top is not None and key is not None and key == top.merge_key()
                and self._clean_index != self._index):
            top.changes = compose(top.changes, command.changes)
            if not top.changes:  # the edits cancelled out: no step is left
                self._commands.pop()
                self._index -= 1
        else:
            self._commands.append(command)
            self._index += 1
        self._announce(committed)
        return True

    def undo(self) -> None:
        if not self.can_undo:
            return
        command = self._commands[self._index - 1]
        committed = self._project.commit(invert(command.changes), label=command.label, action="undo")
        self._index -= 1
        self._announce(committed)

    def redo(self) -> None:
        if not self.can_redo:
            return
        command = self._commands[self._index]
        committed = self._project.commit(command.changes, label=command.label, action="redo")
        self._index += 1
        self._announce(committed)

    def _announce(self, committed) -> None:
        try:
            self._project.announce(committed)
        finally:
            self.changed.emit()

    @property
    def can_undo(self) -> bool:
        return self._index > 0

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._commands)

    @property
    def undo_label(self) -> str:
        return self._commands[self._index - 1].label if self.can_undo else ""

    @property
    def redo_label(self) -> str:
        return self._commands[self._index].label if self.can_redo else ""

    @property
    def index(self) -> int:
        return self._index

    def __len__(self) -> int:
        return len(self._commands)

    def is_clean(self) -> bool:
        return self._clean_index == self._index

    def set_clean(self) -> None:
        self._clean_index = self._index
        self.changed.emit()
