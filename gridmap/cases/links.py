"""What cases and visits point at, kept whole when an edit removes it: a zone
deleted, merged or re-partitioned hands its cases to the zone that now holds
their point; a person removed from the roster leaves their cases, steps and
visits without a name; a building or household removed leaves the case at its
point, and a household's visit entries go with it.

The undo stack adds these changes to the edit that needs them (one step, undone
with it), so no edit anywhere has to know about cases."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Sequence

import numpy as np
import shapely

from gridmap.model.changes import RowChange
from gridmap.zone_tree import ZoneTree

if TYPE_CHECKING:
    from gridmap.project import Project

WATCHED = frozenset({"zones", "staff", "buildings", "households", "visits"})


def follow_removals(project: Project, changes: Sequence[RowChange]) -> tuple[RowChange, ...]:
    """The changes to cases, their steps and visits that keep them pointing at rows
    that exist after ``changes``; () when nothing they point at is removed."""
    gone: dict[str, set[int]] = {}
    for change in changes:
        if change.after is None and change.table in WATCHED:
            gone.setdefault(change.table, set()).add(change.key)
    if not gone:
        return ()
    tables = project.tables
    edited = {(c.table, c.key): c.after for c in changes}
    zones, staff = gone.get("zones", set()), gone.get("staff", set())
    buildings, homes = gone.get("buildings", set()), gone.get("households", set())
    moved_zone = _new_zones(project, changes, zones) if zones else {}
    out: list[RowChange] = []
    for case in tables["cases"].values():
        now = edited.get(("cases", case.id), case)
        if now is None:
            continue
        after = now._replace(
            zone_id=moved_zone.get(now.id, now.zone_id) if now.zone_id in zones else now.zone_id,
            assignee_id=None if now.assignee_id in staff else now.assignee_id,
            building_id=None if now.building_id in buildings else now.building_id,
            household_id=None if now.household_id in homes else now.household_id)
        if after != now:
            out.append(RowChange("cases", case if ("cases", case.id) not in edited else now, after))
    for event in tables["case_events"].values():
        if event.assignee_id in staff and ("case_events", event.id) not in edited:
            out.append(RowChange("case_events", event, event._replace(assignee_id=None)))
    for visit in tables["visits"].values():
        if visit.staff_id in staff and ("visits", visit.id) not in edited:
            out.append(RowChange("visits", visit, visit._replace(staff_id=None)))
    visits = gone.get("visits", set())
    for row in tables["visit_households"].values():
        if (row.household_id in homes or row.visit_id in visits) and ("visit_households", row.id) not in edited:
            out.append(RowChange("visit_households", row, None))
    return tuple(out)


def _new_zones(project: Project, changes: Sequence[RowChange], gone: set[int]) -> dict[int, int | None]:
    """case id → the leaf zone holding its point after ``changes``, for cases in a zone removed."""
    zones = dict(project.tables["zones"])
    for change in changes:
        if change.table == "zones":
            if change.after is None:
                zones.pop(change.key, None)
            else:
                zones[change.key] = change.after
    cases = [c for c in project.tables["cases"].values() if c.zone_id in gone]
    leaves = [z for z in ZoneTree(zones).leaves() if not zones[z].geometry.is_empty]
    found: dict[int, int | None] = {c.id: None for c in cases}
    if not cases or not leaves:
        return found
    index = shapely.STRtree([zones[z].geometry for z in leaves])
    ids = np.array(leaves, dtype=np.int64)
    for at, zone_at in zip(*index.query([c.geometry for c in cases], predicate="intersects")):
        case = cases[at]
        zone = int(ids[zone_at])
        if found[case.id] is None or zone < found[case.id]:
            found[case.id] = zone
    return found
