"""``gridmap bench shared --small``, as CI runs it: four chiefs and a planner,
each a process with a login of its own, on a private server that is stopped
hard and started again in the middle, with a desk killed while it commits.
The test asserts what must hold whatever the machine's speed (nothing lost,
every refusal reported, every commit whole, the rules kept, every view equal to
the server's), never a time. The checks themselves are tried on a history that
hides a lost update, so that a check that cannot fail does not pass unseen."""

from __future__ import annotations

import datetime as dt

import pytest

from benchmarks.shared import measure
from benchmarks.shared_checks import check_load
from benchmarks.shared_city import SMALL
from benchmarks.shared_desks import Attempt
from gridmap.model.entities import ChangeLogEntry, Household


@pytest.fixture(scope="module")
def small_run() -> dict:
    return measure(small=True)


def test_the_small_load_keeps_every_check(small_run):
    checks = small_run["checks"]
    assert checks["failures"] == {}
    assert checks["ok"]
    plan_households = SMALL.chiefs * SMALL.household_edits
    assert checks["counts"]["household_edits_landed"] == plan_households
    assert checks["counts"]["attempts_ok"] >= plan_households + SMALL.chiefs * SMALL.boundary_edits


def test_the_server_was_stopped_and_a_desk_killed_in_the_middle(small_run):
    load = small_run["load"]
    fault, kill = load["fault"], load["kill"]
    assert fault["injected"]
    assert fault["commits_before"] > 0 and fault["commits_after"] > 0
    assert load["desks_that_saw_the_server_go"] >= 1 and load["offline_errors"] >= 1
    assert kill["exit_code"] == -9 and kill["commits_before"] > 0
    assert small_run["checks"]["counts"]["killed_desk_commits"] >= kill["commits_before"]
    assert load["desks"] == SMALL.chiefs and load["planners"] == SMALL.planners


def test_the_figures_are_measured_beside_their_baselines(small_run):
    assert small_run["open"]["buildings"] == 3000
    assert small_run["open"]["server_s"] > 0 and small_run["open"]["baseline"]["geopackage_s"] > 0
    seen = small_run["seen_by_another_desk"]
    assert seen["edits"] == 20 and seen["p95_ms"] > 0 and seen["baseline"]["commit_p95_ms"] > 0
    assert small_run["load"]["commits_per_s"] > 0 and small_run["load"]["baseline"]["commits"] > 0


def _entry(key: int, who: str, old: str, new: str, label: str) -> ChangeLogEntry:
    return ChangeLogEntry(key, dt.datetime(2026, 11, 2, tzinfo=dt.UTC), who, "households", 1, "note", old, new, "do",
                          label)


def test_the_checks_find_a_change_written_over_unseen():
    home = Household(1, 1, None, 1, "101", "常住")
    by_a, by_b = home._replace(note="a"), home._replace(note="b")
    # b's commit was computed from the row before a's (its old value is not a's new one): a lost update
    history = {11: _entry(11, "a", "", "a", "La"), 12: _entry(12, "b", "", "b", "Lb")}

    def desk(name: str, label: str, key: int, row) -> dict:
        return {"name": name, "login": name, "view": {}, "server": {}, "attempts": [
            Attempt(label, "household", "ok", 1.0, 0.0, (key,), (("households", 1, row),))]}

    def check(final_row) -> dict:
        return check_load({"households": {1: final_row}, "change_log": history}, {"households": {1: home}},
                          [("a", 11), ("b", 12)], [desk("a", "La", 11, by_a), desk("b", "Lb", 12, by_b)], 10, [], "",
                          {})["failures"]

    failures = check(by_b)
    assert [name for name, found in failures.items() if found] == ["history_follows_rows"]
    assert "written over" in failures["history_follows_rows"][0]
    failures = check(by_a)  # b's acknowledged commit is not in the final state
    assert failures["acknowledged_in_final_state"] == [
        "Lb: households 1 is not what the desk committed, and no later commit changed it"]


def test_the_checks_find_a_commit_that_is_not_whole():
    home = Household(1, 1, None, 1, "101", "常住")
    history = {11: _entry(11, "a", "", "a", "La"), 12: _entry(12, "b", "a", "b", "Lb")}
    records = [{"name": n, "login": n, "view": {}, "server": {}, "attempts": [
        Attempt(label, "household", "ok", 1.0, 0.0, (key,), (("households", 1, home._replace(note=n)),))]}
        for n, label, key in (("a", "La", 11), ("b", "Lb", 12))]
    final = {"households": {1: home._replace(note="b")}, "change_log": history}
    whole = check_load(final, {"households": {1: home}}, [("a", 11), ("b", 12)], records, 10, [], "", {})
    assert not any(whole["failures"].values())
    # the commits table knows one commit only, holding both desks' entries
    cut = check_load(final, {"households": {1: home}}, [("b", 12)], records, 10, [], "", {})["failures"]
    assert [name for name, found in cut.items() if found] == ["commits_whole"]
