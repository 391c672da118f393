"""``gridmap checkin``: an offline copy's edits sent back to the shared project.

The copy is held (its writer lock) for the whole check-in. Its edits
(``changes.copy_edits``) are compared with the server's rows: those the server
did not change since the check-out are applied; a row changed on both sides is
a conflict, and with conflicts and no choice nothing is written. ``mine`` sends
the copy's values, ``theirs`` keeps the server's. The rules are checked on the
server's project with the edits made, and an edit that newly breaks a blocking
rule (a gap, an overlap, a building in no grid…) refuses the check-in, as it
would be refused at a desk. What is sent is one commit of the server store
(checked row by row against the server's rows at that moment), its history
labelled as a check-in.

Afterwards the copy is brought up to date (re-based) rather than retired: each
row sent or taken from the server gets the server's version as its new base,
and the copy's history so far is marked as sent, so later edits can be checked
in again. Rows the copy did not touch keep their old base: if the server
changed them meanwhile, a later edit of them is a conflict, as it should be.
Should the copy not take the update (a full disk), it is marked as checked in
and refuses further edits: check out again.
"""

from __future__ import annotations

import datetime as dt
from contextlib import suppress
from pathlib import Path
from typing import Any, NamedTuple

from gridmap.errors import EditError, GridmapError, ProjectWriteError, ServerError
from gridmap.model.changes import RowChange
from gridmap.model.tables import DATETIME
from gridmap.model.validation import check_changes
from gridmap.offline.changes import (
    APPLIED, CONFLICT, KEPT_THEIRS, MINE, UNCHANGED, Outcome, changes_of, compare, copy_edits, merged, resolve,
)
from gridmap.offline.errors import OfflineError
from gridmap.project import Project, history_entries
from gridmap.rules.problems import RULES, Problem
from gridmap.storage import offline_copy
from gridmap.storage.offline_copy import OUT, SPENT, Base, CopyRecord
from gridmap.storage.row_versions import read_versions
from gridmap.storage.server.store import ServerStore
from gridmap.storage.store import ProjectStore

CHECKIN_LABEL = "Check in offline edits"  # the server's history names a check-in's steps so
TAKEN_LABEL = "Take the server's values at check-in"  # the copy's history, for rows kept as the server has them


class Checkin(NamedTuple):
    """What a check-in did, or would do: every edited row's outcome, the rules
    it would newly break, and whether anything was written."""

    path: Path
    address: str  # the server, without password
    community: str  # "name (code)"
    choice: str | None  # MINE, THEIRS or None
    dry_run: bool
    outcomes: list[Outcome]
    problems: list[dict[str, Any]]  # blocking rules newly broken (the check-in was refused), as ``report`` gives them
    warnings: list[dict[str, Any]]  # other rules newly broken (reported, not refusing)
    written: bool  # the server took the edits
    rebased: bool  # the copy was brought up to date (else: nothing to do, or marked as checked in)
    history: int = 0  # the server's last history id written

    @property
    def conflicts(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == CONFLICT]

    @property
    def refused(self) -> str:
        """Why nothing was written: "conflicts", "rules", or "" (written, a dry run, or nothing to write)."""
        if self.conflicts:
            return "conflicts"
        return "rules" if self.problems else ""


def _signature(problem: Problem) -> tuple:
    return problem.rule, frozenset(problem.zones), frozenset(problem.buildings), frozenset(problem.staff)


def _new_problems(store: ServerStore, before: dict, after: dict) -> tuple[list[dict], list[dict]]:
    """The problems of ``after`` that ``before`` does not have: (blocking, others), as report items."""
    from gridmap.rules.report import check_project, report

    was = {_signature(p) for p in check_project(Project(store, before))}
    project = Project(store, after)
    new = [p for p in check_project(project) if _signature(p) not in was]
    items = report(project, new)["items"]
    blocking = [item for item, p in zip(items, new) if RULES[p.rule].blocking]
    return blocking, [item for item, p in zip(items, new) if not RULES[p.rule].blocking]


def _open_copy(path: Path) -> tuple[ProjectStore, CopyRecord]:
    copy = ProjectStore.open(path)  # for editing: a window or command editing it meanwhile is kept out
    try:
        if not offline_copy.is_copy(copy.meta):
            raise OfflineError(path, "is not an offline copy (gridmap checkout makes them); it has nothing to check "
                                     "in.", "To share a whole project, publish it: gridmap publish FILE.gpkg URL.")
        record = offline_copy.read(copy.path, copy.conn, copy.meta)
        if record.state != OUT:
            raise OfflineError(path, f"was checked in already ({record.checked_in}) and could not be brought up to "
                                     "date then; it has nothing more to send.",
                               "Check the community out again for more edits.")
        return copy, record
    except BaseException:
        copy.close()
        raise


def _refuse_foreign_edits(path: Path, record: CopyRecord, edits: list) -> None:
    """A copy edited around its store (a read-only row changed, a new row with an id not of its block)."""
    held = [e for e in edits if e.base is not None and e.base.read_only and e.fields]
    if held:
        first = held[0]
        raise OfflineError(path, f"changed {len(held)} row(s) it holds read-only (first {first.table} {first.key}); "
                                 "nothing was written.", "Check the community out again and make the edits there.")
    strays = [e for e in edits if e.base is None and e.mine is not None and e.key not in record.ids]
    if strays:
        first = strays[0]
        raise OfflineError(path, f"has {len(strays)} new row(s) with ids the server did not set aside for it (first "
                                 f"{first.table} {first.key}, outside {record.ids.start}–{record.ids.stop - 1}); "
                                 "nothing was written.", "Add them again in a new check-out.")


def _open_server(url: str, path: Path) -> ServerStore:
    try:
        return ServerStore.open(url)
    except ServerError as error:
        if error.kind != "login":
            raise
        raise ServerError(error.address, error.kind, error.problem,
                          f"{path.name} keeps the address without its password: give it in PGPASSWORD or "
                          "~/.pgpass, or with --url postgresql://user:password@host/database.") from error


def _history(outcomes: list[Outcome], moment: dt.datetime, who: str) -> list:
    entries = []
    for outcome in outcomes:
        change = outcome.change
        if change is None:
            continue
        label = f"{CHECKIN_LABEL}: " + "; ".join(outcome.edit.labels)
        if outcome.resolved == MINE:
            label += " (conflict: the copy's values chosen)"
        entries += history_entries([change], moment, who, label, "do")
    return entries


def checkin(path: str | Path, *, url: str | None = None, choice: str | None = None, dry_run: bool = False,
            moment: dt.datetime) -> Checkin:
    """Check in the offline copy at ``path`` to the server it came from (or ``url``).

    ``choice`` resolves conflicts: ``mine`` or ``theirs``; None leaves them
    listed and writes nothing. ``dry_run`` writes nothing in any case. Errors
    (the server unreachable, the community gone, a copy that is not whole) are
    ``GridmapError``s, and leave the server and the copy as they were."""
    path = Path(path)
    copy, record = _open_copy(path)
    try:
        copy_tables = copy.read_all()
        edits = copy_edits(copy_tables["change_log"].values(), record.local_history, copy_tables, record.rows)
        _refuse_foreign_edits(path, record, edits)
        if not edits:  # nothing to send: no need of the server (which may be out of reach)
            return Checkin(path, record.source, record.community_code, choice, dry_run, [], [], [], False, False)
        server = _open_server(url or record.source, path)
        try:
            if server.meta.get("created", "") != record.project:
                raise OfflineError(server.address, f"holds another project than the one {path.name} was checked out "
                                                   f"of ({record.source}); nothing was written.",
                                   "Check in to the address the copy came from (leave out --url).")
            keys: dict[str, set[int]] = {}
            for edit in edits:
                keys.setdefault(edit.table, set()).add(edit.key)
            # Versions before and after the records: "after" still the checked-out one means the record read
            # is that version; "before" is the base the copy takes for a row it gets from the server.
            before = read_versions(server, keys)
            server_tables = server.read_all()
            after = read_versions(server, keys)
            zones = server_tables["zones"]
            if record.community_id not in zones or zones[record.community_id].code != record.community_code:
                raise OfflineError(server.address, f"no longer has the community {record.community_code} that "
                                                   f"{path.name} was checked out of (deleted or renumbered since "
                                                   f"{record.checked_out}); nothing was written.",
                                   "Ask the office where its households went; keep the copy to look the edits up.")
            community = zones[record.community_id]
            outcomes = resolve(compare(edits, server_tables, after.rows, server_tables["change_log"].values()), choice)
            done = Checkin(path, server.address, f"{community.name} ({community.code})", choice, dry_run, outcomes,
                           [], [], False, False)
            if done.conflicts:
                return done
            changes = changes_of(outcomes)
            try:
                check_changes(changes, server.srs_id, {t.name for t in server_tables["tag_defs"].values()})
            except EditError as error:
                raise OfflineError(path, f"holds a value the project does not take ({error}); nothing was written.",
                                   "Correct it in the copy, then check in again.") from error
            problems, warnings = _new_problems(server, server_tables, merged(server_tables, changes))
            done = done._replace(problems=problems, warnings=warnings)
            if problems or dry_run:
                return done
            last = after.last_history
            if changes:
                try:
                    stored = server.commit(changes, _history(outcomes, moment, server.user), moment)
                except ProjectWriteError as error:
                    said = str(error).split(": ", 1)[-1].removesuffix(f" {error.advice}")  # no address, no advice
                    if error.kind == "conflict":
                        raise OfflineError(server.address, f"had a row of this check-in changed while it ran: {said}",
                                           "Check in again: the change is then compared like any other.") from error
                    if error.kind == "refused":  # a reference the server's rows no longer allow, say
                        raise OfflineError(server.address, f"refused the check-in: {said} Nothing was written.",
                                           "See what the copy sends with gridmap checkin --dry-run; or check the "
                                           "community out again and make the edits there.") from error
                    raise
                last = max((entry.id for entry in stored), default=last)
            done = done._replace(written=bool(changes), history=last)
            return done._replace(rebased=_rebase(copy, record, outcomes, before.rows, before.last_history, last,
                                                 moment, server.user))
        finally:
            server.close()
    finally:
        copy.close()


def _rebase(copy: ProjectStore, record: CopyRecord, outcomes: list[Outcome], before: dict[str, dict[int, int]],
            seen: int, written: int, moment: dt.datetime, who: str) -> bool:
    """Bring the copy up to date after a check-in; if it cannot be, mark it as
    checked in (it then refuses edits). Return whether it was brought up to date."""
    bases: dict[tuple[str, int], Base | None] = {}
    taken: list[RowChange] = []
    for outcome in outcomes:
        edit, slot = outcome.edit, (outcome.table, outcome.key)
        if outcome.status == APPLIED:
            mine = edit.mine
            bases[slot] = None if mine is None else Base(
                1 if outcome.theirs is None else outcome.version + 1, written, False)
        elif outcome.status == KEPT_THEIRS:
            if outcome.theirs != edit.mine:
                taken.append(RowChange(outcome.table, edit.mine, outcome.theirs))
            bases[slot] = None if outcome.theirs is None else Base(
                before.get(outcome.table, {}).get(outcome.key, 0), seen, False)
        elif outcome.status == UNCHANGED and edit.fields:  # both sides hold the same values now
            bases[slot] = None if outcome.theirs is None else Base(
                before.get(outcome.table, {}).get(outcome.key, 0), seen, False)
    stamp = DATETIME.encode(moment)
    meta = {offline_copy.CHECKED_IN: stamp, offline_copy.CHECKINS: str(record.checkins + 1)}
    try:
        copy.rebase_copy(taken, history_entries(taken, moment, who, TAKEN_LABEL, "do"), moment, bases, meta)
        return True
    except GridmapError:
        # A copy that takes no write at all stays as it was: checked in again, its edits are found the same on both
        # sides and nothing is sent twice.
        with suppress(GridmapError):
            copy.mark_copy({**meta, offline_copy.STATE: SPENT})
        return False
