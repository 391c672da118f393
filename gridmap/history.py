"""Reading the history every edit leaves (the ``change_log`` table): a row's
changes, oldest first, and the shapes a boundary had."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import shapely
from shapely.geometry.base import BaseGeometry

from gridmap.model.entities import ChangeLogEntry

if TYPE_CHECKING:
    from gridmap.project import Project


def row_history(project: Project, table: str, row_id: int) -> list[ChangeLogEntry]:
    """Every logged change of one row, oldest first."""
    return sorted((e for e in project.tables["change_log"].values() if e.row_id == row_id and e.table_name == table),
                  key=lambda e: (e.at, e.id))


class PastShape(NamedTuple):
    """A shape a row had until ``until`` changed it."""

    until: ChangeLogEntry
    shape: BaseGeometry


def past_shapes(project: Project, table: str, row_id: int) -> list[PastShape]:
    """The shapes the row had before each change of its geometry, oldest first
    (its shape now is the record's own)."""
    return [PastShape(e, shapely.from_wkt(e.old)) for e in row_history(project, table, row_id)
            if e.field == "geometry" and e.old]
