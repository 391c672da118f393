"""``gridmap checkout``: an offline copy of one community of a shared project.

The copy is a GeoPackage project holding the community's rows (editable) and
its neighbours (read-only, ``subtree.py``), with a record of where it came from
(``gridmap.storage.offline_copy``): the server's address without password, the
server's version of every row copied, the server's last history entry, and a
block of ids taken from the server for the copy's new rows, so that they go
back without renumbering. It is written whole or not at all, and never over an
existing file (which may be a copy with edits not yet checked in).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from gridmap.errors import ProjectWriteError
from gridmap.levels import depths
from gridmap.model.entities import Zone
from gridmap.model.tables import DATETIME
from gridmap.offline.errors import OfflineError
from gridmap.offline.subtree import ROW_TABLES, Selection, community_rows, history_of
from gridmap.storage.ids import HISTORY_TABLE
from gridmap.storage.offline_copy import OUT, Base, CopyRecord
from gridmap.storage.row_versions import read_versions
from gridmap.storage.server.store import ServerStore
from gridmap.storage.store import ProjectStore
from gridmap.zone_tree import ZoneTree

ID_COUNT = 65_536  # ids set aside for a copy's new rows: a community's households several times over
NOT_COPIED_META = ("schema_version", "srs_id")  # the copy's own schema and coordinate system say these


class CheckedOut(NamedTuple):
    """A copy made: where from, where to, which community, what it holds."""

    path: Path
    address: str
    community: Zone
    selection: Selection
    ids: range
    server_history: int


def find_community(store: ServerStore, zones: dict[int, Zone], levels: dict, code: str) -> Zone:
    """The community with zone code ``code`` (``OfflineError`` if there is none)."""
    found = [z for z in zones.values() if z.code == code]
    if not found:
        raise OfflineError(store.address, f"has no zone with the code {code!r}.",
                           "Give the code of a community (gridmap info URL lists them).")
    zone = found[0]
    community_depth = depths(levels.values()).community
    if zone.level != community_depth:
        raise OfflineError(store.address, f"has {zone.name} ({code}) at level {zone.level}, not a community "
                                          f"(level {community_depth}); a check-out takes one whole community.",
                           "Give the code of the community that holds it.")
    return zone


def checkout(url: str, code: str, path: str | Path, *, moment: dt.datetime, id_count: int = ID_COUNT) -> CheckedOut:
    """Write an offline copy of the community with zone code ``code`` of the
    shared project at ``url`` to the new file ``path``."""
    path = Path(path)
    if path.exists():
        raise OfflineError(path, "exists already; a check-out never writes over a file (it may be a copy with "
                                 "edits not yet checked in).", "Give a new file name, or remove the old file first.")
    store = ServerStore.open(url)
    try:
        # The versions before the records: a row changed in between looks changed at the check-in, never unchanged.
        versions = read_versions(store)
        tables = store.read_all()
        community = find_community(store, tables["zones"], tables["levels"], code)
        selection = community_rows(tables, community.id, writable=versions.writable)
        try:
            ids = store.allocate_ids(id_count)
        except ProjectWriteError as error:
            raise OfflineError(store.address, f"did not set ids aside for the copy ({error}).",
                               "A check-out needs a user who may edit the project.") from error
        bases = {name: {key: Base(versions.rows.get(name, {}).get(key, 1), versions.last_history, False)
                        for key in selection.editable.get(name, ())}
                 | {key: Base(versions.rows.get(name, {}).get(key, 1), versions.last_history, True)
                    for key in selection.read_only.get(name, ())}
                 for name in ROW_TABLES}
        copied = {name: [tables[name][key] for key in sorted(selection.rows(name))] for name in ROW_TABLES}
        copied["zones"] = _parents_first(copied["zones"])  # the new file checks each zone's parent as it is written
        copied[HISTORY_TABLE] = history_of(sorted(tables[HISTORY_TABLE].values(), key=lambda e: e.id), selection)
        stamp = DATETIME.encode(moment)
        record = CopyRecord(
            source=store.address, project=store.meta.get("created", ""), community_code=community.code,
            community_id=community.id, checked_out=stamp, server_history=versions.last_history,
            local_history=max((e.id for e in copied[HISTORY_TABLE]), default=0), ids=ids, state=OUT, rows=bases)
        meta = {key: value for key, value in store.meta.items() if key not in NOT_COPIED_META}
        ProjectStore.create(path, epsg=store.srs_id, tables=copied, meta=meta, moment=moment, offline=record)
        return CheckedOut(path, store.address, community, selection, ids, versions.last_history)
    finally:
        store.close()


def _parents_first(zones: list[Zone]) -> list[Zone]:
    by_id = {z.id: z for z in zones}
    return [by_id[key] for key in ZoneTree(by_id).walk()]


def counts(selection: Selection) -> dict[str, dict[str, int]]:
    """Table → editable and read-only row counts (tables holding rows only)."""
    return {name: {"editable": len(selection.editable.get(name, ())),
                   "read_only": len(selection.read_only.get(name, ()))} for name in ROW_TABLES if selection.rows(name)}
