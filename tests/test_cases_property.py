"""Property: any sequence of case steps, escalations, undos and redos leaves every
case in a status of the loop that its last timeline entry names; a refused step
changes nothing; undo restores every earlier state exactly, in memory and in the
file; the history holds an entry for every field every step changed."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gridmap.cases import workflow
from gridmap.commands.cases import CaseStep, EscalateOverdue, ReportCase
from gridmap.errors import EditError
from gridmap.model.entities import CASE_CLOSED, CASE_STATUSES
from gridmap.project import Project
from tests.test_cases_core import START, _staffed

CASES = 3
step = st.one_of(
    st.tuples(st.just("step"), st.integers(0, CASES - 1), st.sampled_from(workflow.STEPS + ("胡乱",)),
              st.sampled_from([None, 1, 3, 4, 5, 999])),
    st.tuples(st.just("escalate"), st.just(0), st.just(""), st.just(None)),
    st.tuples(st.just("undo"), st.just(0), st.just(""), st.just(None)),
    st.tuples(st.just("redo"), st.just(0), st.just(""), st.just(None)),
)


def _case_tables(project: Project) -> tuple[dict, dict]:
    return dict(project.tables["cases"]), dict(project.tables["case_events"])


def _check_consistent(project: Project) -> None:
    events = project.tables["case_events"].values()
    for case in project.tables["cases"].values():
        assert case.status in CASE_STATUSES
        mine = sorted((e for e in events if e.case_id == case.id), key=lambda e: e.id)
        assert mine and mine[0].action == workflow.REPORT and mine[-1].status == case.status
        assert mine[-1].assignee_id == case.assignee_id
        assert (case.closed_at is not None) == (case.status == CASE_CLOSED)
        for earlier, later in itertools.pairwise(mine):  # each step was allowed from the status before it
            if later.action != workflow.ESCALATE:
                assert workflow.next_status(earlier.status, later.action) == later.status


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=st.lists(step, min_size=1, max_size=25))
def test_random_steps_never_reach_an_illegal_state_and_undo_is_exact(tmp_path_factory, moves):
    path = tmp_path_factory.mktemp("cases") / "p.gpkg"
    project = _staffed(path)
    try:
        ids = []
        states = {0: _case_tables(project)}
        for k in range(CASES):
            report = ReportCase(category="安全隐患", building_id=1 + k % 3,
                                reported_at=START - dt.timedelta(days=2 * (k % 2)))
            project.undo_stack.push(report)
            ids.append(report.case_id)
            states[project.undo_stack.index] = _case_tables(project)
        for kind, which, action, person in moves:
            stack = project.undo_stack
            before = _case_tables(project)
            history = len(project.tables["change_log"])
            if kind == "undo":
                stack.undo()
            elif kind == "redo":
                stack.redo()
            else:
                command = (CaseStep(ids[which], action, note="说明", assignee_id=person) if kind == "step"
                           else EscalateOverdue())
                try:
                    stack.push(command)
                except EditError:
                    assert _case_tables(project) == before  # refused: nothing changed
                    assert len(project.tables["change_log"]) == history
                    continue
                # every field the step changed has its history entry
                changed = sum(1 for key, case in project.tables["cases"].items()
                              for f in case._fields if getattr(case, f) != getattr(before[0][key], f))
                added = len(project.tables["case_events"]) - len(before[1])
                logged = list(project.tables["change_log"].values())[history:]
                assert len([e for e in logged if e.table_name == "cases"]) == changed
                assert len([e for e in logged if e.table_name == "case_events"]) == added
            _check_consistent(project)
            index = project.undo_stack.index
            if index in states and kind in ("undo", "redo"):
                assert _case_tables(project) == states[index]
            states[index] = _case_tables(project)
            states = {k: v for k, v in states.items() if k <= index or kind in ("undo", "redo")}
        final = _case_tables(project)
        project.close()
        reopened = Project.open(path)  # the file holds what memory held
        assert _case_tables(reopened) == final
        reopened.close()
    finally:
        project.close()
