"""Which rows of a shared project go into an offline copy of one community.

Editable: the community's zone and every zone below it, their buildings, the
buildings' units and households, the households' residents, the community's
staff, their posts and their links to the community's households, the cases
in its zones with their timelines and photos, its staff's visits and the visits
to its households, and the compounds, sites and streets in or touching the
community.

Read-only, for snapping and for the names on the map: the zones above the
community (the office), the other communities of its family, every zone and
building of the neighbours within ``NEAR`` metres of its outline, the posts and
party links of outside staff on the community's places and households (with
that staff), the visits of its staff to households outside it, levels and
tags. Every row a copied row refers to comes along read-only, so the copy
keeps its foreign keys; a row whose parent this user may not read is left out
(and counted): a case escalated to staff above the community, say, in a
chief's copy.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any, NamedTuple

import numpy as np
import shapely

from gridmap.model.tables import TABLE_ORDER, TABLES
from gridmap.storage.ids import HISTORY_TABLE
from gridmap.zone_tree import ZoneTree

NEAR = 50.0  # metres beyond the community's outline from which neighbours come along, read-only
ROW_TABLES: tuple[str, ...] = tuple(name for name in TABLE_ORDER if name != HISTORY_TABLE)
SETTINGS_TABLES = ("levels", "tag_defs")  # the office's settings: read-only in every copy


class Selection(NamedTuple):
    """The rows of a copy: table → ids editable here, table → ids read-only here,
    and how many rows of each table were left out (their parents unreadable)."""

    editable: dict[str, frozenset[int]]
    read_only: dict[str, frozenset[int]]
    left_out: dict[str, int]

    def rows(self, table: str) -> frozenset[int]:
        return self.editable.get(table, frozenset()) | self.read_only.get(table, frozenset())


def _touching(records: Mapping[int, Any], area: Any) -> set[int]:
    """The records whose shape intersects ``area`` (in it or touching it)."""
    if not records:
        return set()
    keys = np.fromiter(records, dtype=np.int64, count=len(records))
    shapes = np.array([records[k].geometry for k in keys.tolist()], dtype=object)
    shapely.prepare(area)
    return set(keys[shapely.intersects(area, shapes)].tolist())


def community_rows(tables: Mapping[str, Mapping[int, Any]], community_id: int, *, near: float = NEAR,
                   writable: Collection[str] | None = None) -> Selection:
    """The rows of ``tables`` an offline copy of the community ``community_id``
    holds; the rows of tables not ``writable`` (by this user; None: all) are read-only."""
    zones = tables["zones"]
    tree = ZoneTree(zones)
    area = zones[community_id].geometry
    mine: dict[str, set[int]] = {name: set() for name in ROW_TABLES}
    mine["zones"] = set(tree.walk(community_id))
    mine["buildings"] = {b.id for b in tables["buildings"].values() if b.zone_id in mine["zones"]}
    mine["units"] = {u.id for u in tables["units"].values() if u.building_id in mine["buildings"]}
    mine["households"] = {h.id for h in tables["households"].values() if h.building_id in mine["buildings"]}
    mine["residents"] = {r.id for r in tables["residents"].values() if r.household_id in mine["households"]}
    mine["staff"] = {s.id for s in tables["staff"].values() if s.community_id in mine["zones"]}
    mine["assignments"] = {a.id for a in tables["assignments"].values() if a.staff_id in mine["staff"]}
    mine["party_links"] = {p.id for p in tables["party_links"].values()
                           if p.staff_id in mine["staff"] and p.household_id in mine["households"]}
    mine["compounds"] = _touching(tables["compounds"], area) | {
        tables["buildings"][b].compound_id for b in mine["buildings"]} - {None}
    for name in ("site_points", "site_routes"):
        mine[name] = _touching(tables[name], area) | {
            s.id for s in tables[name].values() if s.compound_id in mine["compounds"]}
    mine["streets"] = _touching(tables["streets"], area)
    # cases by the zone that holds them, visits by who made them and whom they saw (as a chief's rights go)
    mine["cases"] = {c.id for c in tables["cases"].values() if c.zone_id in mine["zones"]}
    for name in ("case_events", "case_photos"):
        mine[name] = {r.id for r in tables[name].values() if r.case_id in mine["cases"]}
    mine["visits"] = {v.id for v in tables["visits"].values() if v.staff_id in mine["staff"]}
    mine["visit_households"] = {v.id for v in tables["visit_households"].values()
                                if v.household_id in mine["households"]}

    near_area = shapely.buffer(area, near)
    held: dict[str, set[int]] = {name: set() for name in ROW_TABLES}
    for name in SETTINGS_TABLES:
        held[name] = set(tables[name])
    community = zones[community_id]
    held["zones"] = set(tree.ancestors(community_id)) | _touching(zones, near_area) | {
        z.id for z in zones.values() if z.parent_id == community.parent_id}
    held["buildings"] = _touching(tables["buildings"], near_area)
    held["party_links"] = {p.id for p in tables["party_links"].values()
                           if (p.household_id in mine["households"]) != (p.staff_id in mine["staff"])}
    held["visit_households"] = {v.id for v in tables["visit_households"].values() if v.visit_id in mine["visits"]}
    targets = {"zone": mine["zones"], "building": mine["buildings"], "unit": mine["units"],
               "site_point": mine["site_points"]}
    held["assignments"] = {a.id for a in tables["assignments"].values()
                           if a.target_id in targets.get(a.target_kind, ())}
    if writable is not None:  # what this user may not change at all comes along read-only
        for name in set(ROW_TABLES) - set(writable):
            held[name] |= mine.pop(name)
            mine[name] = set()
    chosen = {name: dict.fromkeys(held[name] - mine[name], False) | dict.fromkeys(mine[name], True)
              for name in ROW_TABLES}
    chosen = {name: {key: editable for key, editable in rows.items() if key in tables[name]}
              for name, rows in chosen.items()}
    left_out = _with_parents(tables, chosen)
    return Selection({name: frozenset(k for k, e in rows.items() if e) for name, rows in chosen.items()},
                     {name: frozenset(k for k, e in rows.items() if not e) for name, rows in chosen.items()},
                     left_out)


def _with_parents(tables: Mapping[str, Mapping[int, Any]], chosen: dict[str, dict[int, bool]]) -> dict[str, int]:
    """Add, read-only, every row a chosen row refers to (over and over: a zone's
    parents up to the top); leave out a row whose parent is not in ``tables``.
    Return how many rows of each table were left out."""
    dropped: dict[str, set[int]] = {name: set() for name in ROW_TABLES}
    references = {name: [c for c in TABLES[name].columns if c.references] for name in ROW_TABLES}
    grew = True
    while grew:
        grew = False
        for name in ROW_TABLES:
            for key in list(chosen[name]):
                record = tables[name][key]
                for column in references[name]:
                    parent, parents = getattr(record, column.name), column.references
                    if parent is None or parent in chosen[parents]:
                        continue
                    if parent in tables[parents] and parent not in dropped[parents]:
                        chosen[parents][parent] = False
                    else:
                        del chosen[name][key]
                        dropped[name].add(key)
                    grew = True
                    break
    return {name: len(keys) for name, keys in dropped.items() if keys}


def history_of(entries: Iterable[Any], selection: Selection) -> list[Any]:
    """The history entries of the rows a copy holds (their attributes panel shows them offline)."""
    rows = {name: selection.rows(name) for name in ROW_TABLES}
    return [e for e in entries if e.row_id in rows.get(e.table_name, ())]
