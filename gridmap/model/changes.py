"""Row-level changes: the one currency of editing.

A command produces a tuple of ``RowChange``; the project writes it to the file
in one transaction, updates the in-memory tables and announces it. Undo applies
the inverse, so undo is exact by construction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from collections.abc import Iterable

from gridmap.model.tables import TABLES


@dataclass(frozen=True, slots=True)
class RowChange:
    """One record inserted (``before`` is None), deleted (``after`` is None) or replaced."""

    table: str
    before: Any
    after: Any

    @property
    def key(self) -> int:
        record = self.after if self.after is not None else self.before
        return getattr(record, TABLES[self.table].key)

    def inverted(self) -> RowChange:
        return RowChange(self.table, self.after, self.before)


def invert(changes: Iterable[RowChange]) -> tuple[RowChange, ...]:
    """The change set that undoes ``changes`` (reverse order, before ↔ after)."""
    return tuple(c.inverted() for c in reversed(tuple(changes)))
