"""What the "dynamic" in 九色动态图 means: which households changed since a day,
which wait for a follow-up, which have not been checked for a while, and a
household's history, from the change log (who, when, old → new)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from collections.abc import Iterable

from gridmap.history import row_history
from gridmap.model.entities import ChangeLogEntry, Household

if TYPE_CHECKING:
    from gridmap.project import Project


def changed_since(project: Project, day: dt.date) -> frozenset[int]:
    """Households with a logged change on or after ``day`` (undone ones too: the
    chart shows that someone touched them)."""
    return frozenset(e.row_id for e in project.tables["change_log"].values()
                     if e.table_name == "households" and e.at.date() >= day)


def waiting_for_follow_up(households: Iterable[Household]) -> frozenset[int]:
    return frozenset(h.id for h in households if h.follow_up)


def not_checked_for(households: Iterable[Household], days: int, today: dt.date | None = None) -> frozenset[int]:
    """Households never checked, or last checked more than ``days`` days before ``today``."""
    today = today or dt.date.today()
    return frozenset(h.id for h in households
                     if h.occupancy != "空户" and (h.last_checked is None or (today - h.last_checked).days > days))


def history(project: Project, household_id: int) -> list[ChangeLogEntry]:
    """The household's logged changes, oldest first."""
    return row_history(project, "households", household_id)
