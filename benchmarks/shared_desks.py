"""The desks of ``gridmap bench shared``: each one a process of its own
(multiprocessing, spawn), editing a shared project through ``Project`` and its
commands exactly as the window does, and keeping a record of every attempt.

A desk takes others' commits as they come (``listen`` / ``take_notices`` /
``take_changes_by_others``). An edit refused because someone changed its rows
(kind "conflict") or was saving them ("in-use") is made again on the view
brought up to date, twice at most, then dropped; one refused because the
server is gone (kind "offline") waits for the server and is made again. Every
attempt is recorded with its own label (the history's label names the desk and
the attempt), so the checks can tell which attempts reached the server.
"""

from __future__ import annotations

import itertools
import pickle
import sys
import time
import traceback
from contextlib import suppress
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import shapely

from gridmap.commands.households import EditHouseholds
from gridmap.commands.stack import Command
from gridmap.commands.zones import SAME_POINT, InsertVertex, MoveVertex
from gridmap.errors import EditError, ProjectWriteError, ServerError
from gridmap.model.entities import OCCUPANCIES
from gridmap.project import Project
from gridmap.storage.checksums import table_sums
from gridmap.storage.opening import open_store

from benchmarks.shared_city import BoundaryEdit, HouseholdEdit

RETRIES = 2  # an edit refused for a conflict is made again this often on the fresh view, then dropped
BACK_WITHIN_S = 120.0  # a desk waits this long for a server that went away, then gives up
NEAR_MIDDLE = 10.0  # metres: the vertex a boundary edit moves is this close to the middle of its edge
STEPS_PER_EDIT = 8  # vertex inserts and the move: a boundary edit that needs more is given up


class Attempt(NamedTuple):
    """One push of a command, and what became of it."""

    label: str  # the history's label: "<command's label> [<desk> <edit>.<attempt>]"
    kind: str  # household, insert or move
    outcome: str  # ok, nothing (no change left to make), conflict, in-use, offline, denied, refused, rules
    ms: float  # from the push to its answer
    started: float  # time.monotonic() at the push (one clock for every process of the machine)
    entries: tuple[int, ...] = ()  # ok: the history entries the server numbered
    changes: tuple[tuple[str, int, Any], ...] = ()  # ok: (table, key, the record after, or None)
    reported: bool = False  # refused: the desk's project announced it on write_failed
    who: str = ""  # conflict: who changed the row, as the refusal names them
    message: str = ""  # refused: what the desk was told


class DeskSpec(NamedTuple):
    name: str
    url: str  # the project's address with the desk's own login
    role: str  # chief or planner
    plan: list
    results: str  # the file the desk's record is written to


class Signals(NamedTuple):
    """What the parent and the desks share (multiprocessing objects of one spawn context)."""

    ready: Any  # Value: desks that opened the project
    go: Any  # Event: start editing
    progress: Any  # Value: edits of the plans made, all desks together
    finished: Any  # Value: desks done with their plan
    stop: Any  # Event: the latency figure's watching desk stops


class Desk:
    """One person at a desk: a project open on the server (or a GeoPackage) and the record of their edits."""

    def __init__(self, name: str, project: Project, *, shared: bool, progress: Any = None) -> None:
        self.name = name
        self.project = project
        self.shared = shared
        self.progress = progress
        self.reports: list[ProjectWriteError] = []
        project.write_failed.connect(self.reports.append)
        self.attempts: list[Attempt] = []
        self.offline_errors = 0  # refusals and failed reads because the server was gone
        self.outages = 0  # times this desk found the server gone (and said so)
        self.offline_since: float | None = None
        self.edits = 0
        self.dropped = 0  # edits given up: refused on the fresh view too (reported each time)

    # -- others' commits ---------------------------------------------------------------------------------

    def sync(self, *, always: bool = False) -> None:
        """Take others' commits if the server announced some (or ``always``)."""
        if not self.shared:
            return
        try:
            if self.project.store.take_notices(0) or always or self.offline_since is not None:
                self.project.take_changes_by_others()
            self._online()
        except ServerError as error:
            if error.kind != "unreachable":
                raise
            self._offline()

    def _offline(self) -> None:
        self.offline_errors += 1
        if self.offline_since is None:
            self.offline_since = time.monotonic()
            self.outages += 1
            print(f"{self.name}: the server cannot be reached; working on as soon as it is back", file=sys.stderr,
                  flush=True)

    def _online(self) -> None:
        if self.offline_since is not None:
            print(f"{self.name}: back online after {time.monotonic() - self.offline_since:.1f} s", file=sys.stderr,
                  flush=True)
            self.offline_since = None

    def wait_for_server(self) -> None:
        """Until the server answers again (the store reconnects by itself on the next call)."""
        deadline = time.monotonic() + BACK_WITHIN_S
        while self.offline_since is not None:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name}: the server was not back within {BACK_WITHIN_S:.0f} s")
            time.sleep(0.2)
            self.sync(always=True)

    # -- edits ---------------------------------------------------------------------------------------------

    def do(self, edit: HouseholdEdit | BoundaryEdit) -> None:
        """Make one edit of the plan (a boundary edit may take a few commits)."""
        self.sync()
        number = self.edits
        self.edits += 1
        if isinstance(edit, HouseholdEdit):
            self._step(number, "household", lambda: EditHouseholds(
                [edit.household], occupancy=edit.occupancy, people=edit.people, note=edit.note))
        else:
            for step in range(STEPS_PER_EDIT):
                made = boundary_step(self.project, edit)
                if made is None:
                    break  # the vertex is where the edit puts it
                kind = "move" if isinstance(made, MoveVertex) else "insert"
                if not self._step(number, kind, lambda: boundary_step(self.project, edit), sub=step):
                    break  # dropped (refused and reported): the rest of the edit too
        if self.progress is not None:
            with self.progress.get_lock():
                self.progress.value += 1

    def _step(self, number: int, kind: str, make: Callable[[], Command | None], sub: int | None = None) -> bool:
        """Push the command ``make`` gives until it lands, is dropped or has nothing left to do; True unless dropped."""
        tried = 0
        for attempt in range(10_000):
            command = make()
            if command is None:
                return True
            edit = f"{number}" if sub is None else f"{number}/{sub}"
            command.label = label = f"{command.label} [{self.name} {edit}.{attempt}]"
            started = time.monotonic()
            try:
                pushed = self.project.undo_stack.push(command)
            except ProjectWriteError as error:
                ms = (time.monotonic() - started) * 1000
                reported = any(r is error for r in self.reports)
                who = error.conflict.who if error.conflict is not None else ""
                self._record(Attempt(label, kind, error.kind, ms, started, reported=reported, who=who,
                                     message=str(error)))
                if error.kind == "offline":
                    self._offline()
                    self.wait_for_server()
                    continue
                if error.kind in ("conflict", "in-use") and tried < RETRIES:
                    tried += 1
                    self.sync(always=True)
                    continue
                self.sync(always=True)  # the view shows why; the edit is dropped
                self.dropped += 1
                return False
            except EditError as error:  # the rules refused it (a gap, an overlap, a building cut…)
                self._record(Attempt(label, kind, "rules", (time.monotonic() - started) * 1000, started,
                                     message=str(error)))
                self.dropped += 1
                return False
            ms = (time.monotonic() - started) * 1000
            if not pushed:
                self._record(Attempt(label, kind, "nothing", ms, started))
                return True
            self._record(Attempt(label, kind, "ok", ms, started, self._entries(label),
                                 tuple((c.table, c.key, c.after) for c in command.changes)))
            return True
        raise RuntimeError(f"{self.name}: edit {number} never came to an end")

    def _entries(self, label: str) -> tuple[int, ...]:
        """The history entries the commit labelled ``label`` got: the last ones the project took."""
        found = []
        for key, entry in reversed(self.project.tables["change_log"].items()):
            if entry.label != label:
                break
            found.append(key)
        return tuple(sorted(found))

    def _record(self, attempt: Attempt) -> None:
        self.attempts.append(attempt)

    # -- the end -------------------------------------------------------------------------------------------

    def record(self, **more: Any) -> dict:
        return {"name": self.name, "attempts": self.attempts, "offline_errors": self.offline_errors,
                "outages": self.outages, "reports": len(self.reports), "dropped": self.dropped, **more}


def boundary_step(project: Project, edit: BoundaryEdit) -> Command | None:
    """The next command of a boundary edit on the project as it is now, as the
    window's vertex tool would give it (None: done): for a border, the
    communities' vertices at the edge's ends; the vertex in the middle of the
    edge (a double-click on it); then the move (a drag)."""
    zones = project.tables["zones"]
    edge = edit.edge
    left = zones[edge.left]
    if edit.border:
        for community in (zones[left.parent_id], zones[zones[edge.right].parent_id]):
            for end in (edge.a, edge.b):
                if not _has_vertex(community.geometry, end):
                    through = _segment_through(community.geometry, end)
                    if through is not None:
                        return InsertVertex(through[0], through[1], end)
    middle = np.array(edge.middle)
    target = tuple(middle + np.array(edge.normal) * edit.offset)
    coords = shapely.get_coordinates(left.geometry)
    ends = np.array([edge.a, edge.b])
    near = [xy for xy in coords if np.hypot(*(xy - middle)) <= NEAR_MIDDLE
            and np.min(np.hypot(*(ends - xy).T)) > SAME_POINT]
    if not near:
        return InsertVertex(edge.a, edge.b, edge.middle)
    at = tuple(float(v) for v in near[0])
    if np.hypot(at[0] - target[0], at[1] - target[1]) <= SAME_POINT:
        return None
    return MoveVertex(at, target)


def _has_vertex(shape, point) -> bool:
    return bool(np.any(np.hypot(*(shapely.get_coordinates(shape) - np.array(point)).T) <= SAME_POINT))


def _segment_through(shape, point) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The segment of ``shape``'s outline that ``point`` lies on, between two of its vertices."""
    where = shapely.Point(point)
    for polygon in shape.geoms:
        ring = [tuple(xy) for xy in np.asarray(polygon.exterior.coords)]
        for p, q in itertools.pairwise(ring):
            if shapely.LineString([p, q]).distance(where) <= SAME_POINT:
                return p, q
    return None


# -- the processes -----------------------------------------------------------------------------------------


def desk_process(spec: DeskSpec, signals: Signals, desks: int) -> None:
    """A chief or a planner: open, wait for the start, make the plan's edits,
    wait for every desk to finish, take what is left, compare the view with
    what the server gives this login, and write the record."""
    record: dict = {"name": spec.name, "role": spec.role}
    try:
        project = Project.open(spec.url)
        desk = Desk(spec.name, project, shared=True, progress=signals.progress)
        project.store.listen()
        with signals.ready.get_lock():
            signals.ready.value += 1
        signals.go.wait()
        started = time.monotonic()
        for edit in spec.plan:
            desk.do(edit)
        ended = time.monotonic()
        with signals.finished.get_lock():
            signals.finished.value += 1
        while signals.finished.value < desks:  # every desk's commits are in before the views are compared
            time.sleep(0.05)
        desk.sync(always=True)
        desk.wait_for_server()
        view = table_sums(project.tables)
        server = open_store(spec.url, read_only=True)
        try:
            theirs = table_sums(server.read_all())
        finally:
            server.close()
        record = desk.record(role=spec.role, login=project.store.user, started=started, ended=ended,
                             view=view, server=theirs)
        project.close()
    except BaseException:  # noqa: BLE001 - the parent reports it with the rest
        record["crashed"] = traceback.format_exc()
        with signals.finished.get_lock():
            signals.finished.value += 1
    Path(spec.results).write_bytes(pickle.dumps(record))


def watcher_process(url: str, signals: Signals, seen: Any) -> None:
    """The other desk of the latency figure: it hears each commit and puts the
    note of every household it now holds, with the moment, on ``seen``."""
    project = Project.open(url)
    project.store.listen()
    with signals.ready.get_lock():
        signals.ready.value += 1
    while not signals.stop.is_set():
        if project.store.take_notices(0.5):
            changes = project.take_changes_by_others()
            now = time.monotonic()
            for change in changes:
                if change.table == "households" and change.after is not None:
                    seen.put((change.after.note, now))
    project.close()


def killed_process(url: str, households: list[int], go: Any, committed: Any) -> None:
    """A desk that commits in a loop until it is killed: each commit sets
    every one of ``households`` to the commit's own note, so a commit half
    written would show as households with different notes. ``committed``
    counts its commits (the parent kills it some time after the first)."""
    project = Project.open(url)
    go.wait()
    for number in range(10**9):
        command = EditHouseholds(households, occupancy=OCCUPANCIES[number % len(OCCUPANCIES)], note=f"kill-{number}")
        command.label = f"{command.label} [killed {number}]"
        try:
            project.undo_stack.push(command)
        except ProjectWriteError:
            time.sleep(0.1)
            with suppress(ServerError):
                project.take_changes_by_others()
            continue
        with committed.get_lock():
            committed.value += 1
