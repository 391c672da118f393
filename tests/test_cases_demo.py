"""The demo's year of cases and visits: about 2,000 cases with a seasonal and
category mix, routed by the one routing rule, each with a legal timeline; most
closed in time, some late, a few open and overdue; visits that bring most grids
over the coverage target and leave a few under it. And the benchmark runs."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from gridmap.cases import workflow
from gridmap.cases.routing import Router
from gridmap.cases.settings import CaseSettings
from gridmap.cases.stats import case_frame, statistics
from gridmap.model.entities import CASE_CLOSED, CASE_NEW, CASE_SOURCES, CASE_URGENCIES, CHINA_TIME
from gridmap.project import Project
from gridmap.visits import grid_coverage, under_target

ROOT = Path(__file__).resolve().parents[1]
NOW = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)  # the demo's moment


@pytest.fixture(scope="module")
def demo(demo_module_copy):
    project = Project.open(demo_module_copy, read_only=True)
    yield project
    project.close()


def test_a_year_of_cases_in_the_mix_asked_for(demo):
    cases = list(demo.tables["cases"].values())
    assert 1800 <= len(cases) <= 2200
    assert all(NOW - dt.timedelta(days=366) < c.reported_at < NOW for c in cases)
    assert {c.category for c in cases} == set(CaseSettings().category_names)
    sources = Counter(c.source for c in cases)
    assert set(sources) == set(CASE_SOURCES) and 0.25 < sources["12345"] / len(cases) < 0.35
    urgency = Counter(c.urgency for c in cases)
    assert set(urgency) == set(CASE_URGENCIES) and urgency["一般"] / len(cases) > 0.75
    # the seasons: rubbish and drains in summer, repairs and heating in winter
    months = Counter((c.reported_at.astimezone(CHINA_TIME).month, c.category) for c in cases)
    summer, winter = (6, 7, 8), (12, 1, 2)
    assert sum(months[m, "环境卫生"] for m in summer) > 2 * sum(months[m, "环境卫生"] for m in winter)
    assert sum(months[m, "设施维修"] for m in winter) > 2 * sum(months[m, "设施维修"] for m in summer)
    # numbers: the year and a serial, unique
    assert all(re.fullmatch(rf"{c.reported_at.year}-\d{{6}}", c.number) for c in cases)
    assert len({c.number for c in cases}) == len(cases)
    # reporters look like the demo's people; patrols (巡查发现) have none
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", c.reporter) and re.fullmatch(r"1[3-9]\d{9}", c.reporter_phone)
               for c in cases if c.source != "巡查发现")
    assert all(not c.reporter for c in cases if c.source == "巡查发现")


def test_more_cases_where_more_households_live(demo):
    t = demo.tables
    community_of = {z.id: z.parent_id for z in t["zones"].values() if z.level == 3}
    homes = Counter(community_of[t["buildings"][h.building_id].zone_id] for h in t["households"].values())
    cases = Counter(community_of[c.zone_id] for c in t["cases"].values())
    ranked = sorted(homes, key=homes.get)
    assert cases[ranked[-1]] > cases[ranked[0]]
    for community, n in cases.items():  # within a third of the per-household rate
        assert abs(n / homes[community] - len(t["cases"]) / len(t["households"])) < 0.06


def test_cases_go_where_the_router_sends_them(demo):
    router = Router(demo)
    t = demo.tables
    for case in t["cases"].values():
        assert t["buildings"][case.building_id].zone_id == case.zone_id
        assert router.zones_at([case.geometry])[0] == case.zone_id  # the point lies in its grid
        if case.household_id is not None:
            assert t["households"][case.household_id].building_id == case.building_id
    # every first dispatch goes to a holder of the category's roles at the grid
    first_dispatch = {}
    for event in sorted(t["case_events"].values(), key=lambda e: (e.at, e.id)):
        if event.action == workflow.DISPATCH:
            first_dispatch.setdefault(event.case_id, event.assignee_id)
    settings = CaseSettings()
    for case in t["cases"].values():
        holders = router.holders(case.zone_id, settings.category(case.category).roles)
        assert first_dispatch[case.id] in holders


def test_every_timeline_is_a_legal_walk_that_ends_in_the_case(demo):
    t = demo.tables
    events = defaultdict(list)
    for event in t["case_events"].values():
        events[event.case_id].append(event)
    actions = Counter()
    for case in t["cases"].values():
        steps = sorted(events[case.id], key=lambda e: (e.at, e.id))
        assert steps[0].action == workflow.REPORT and steps[0].status == CASE_NEW and steps[0].at == case.reported_at
        status = CASE_NEW
        for step in steps[1:]:
            status = workflow.next_status(status, step.action)
            assert status == step.status, (case.number, step.action)
            actions[step.action] += 1
        assert all(s.at < NOW and s.who for s in steps)
        assert (case.status, case.assignee_id) == (status, steps[-1].assignee_id)
        closes = [s.at for s in steps if s.action == workflow.CLOSE]
        assert case.closed_at == (closes[-1] if closes else None)
        assert case.escalation == sum(s.action == workflow.ESCALATE for s in steps)
    for action in (workflow.DISPATCH, workflow.ACCEPT, workflow.SUBMIT, workflow.CLOSE, workflow.RETURN,
                   workflow.SUSPEND, workflow.RESUME, workflow.REJECT, workflow.ESCALATE):
        assert actions[action] > 20, action


def test_most_close_in_time_some_late_a_few_overdue_the_latest_open(demo):
    cases = list(demo.tables["cases"].values())
    closed = [c for c in cases if c.status == CASE_CLOSED]
    late = sum(c.closed_at > c.deadline for c in closed) / len(cases)
    overdue = sum(c.status != CASE_CLOSED and c.deadline < NOW for c in cases) / len(cases)
    assert len(closed) / len(cases) > 0.9 and 0.05 < late < 0.15 and 0.015 < overdue < 0.045
    assert all(c.escalation for c in cases if c.status != CASE_CLOSED and c.deadline < NOW - dt.timedelta(days=5))
    latest = [c for c in cases if c.reported_at > NOW - dt.timedelta(days=2)]
    assert latest and any(c.status != CASE_CLOSED for c in latest)
    frame = case_frame(demo, NOW)
    by_grid = statistics(frame, "grid")
    assert by_grid["reported"].sum() == len(cases) and 0.05 < by_grid["overdue"].sum() / len(cases) < 0.16


def test_visits_bring_most_grids_over_the_target_and_leave_a_few_under(demo):
    t = demo.tables
    today = NOW.date()
    coverage = grid_coverage(demo, today, 90)
    under = under_target(demo, today, 90, 0.8)
    assert 2 <= len(under) <= 3 and len(coverage) - len(under) >= 20
    visits = t["visits"]
    assert len(visits) > 1000 and len(t["visit_households"]) > 10_000
    assert min(v.visited_on for v in visits.values()) >= today - dt.timedelta(days=365)
    assert max(v.visited_on for v in visits.values()) <= today
    # every check date is the day of a visit to that household, by a member of its grid
    last: dict[int, dt.date] = {}
    posts = defaultdict(set)
    for post in t["assignments"].values():
        if post.target_kind == "zone":
            posts[post.staff_id].add(post.target_id)
    for row in t["visit_households"].values():
        visit = visits[row.visit_id]
        home = t["households"][row.household_id]
        assert t["buildings"][home.building_id].zone_id in posts[visit.staff_id]
        last[row.household_id] = max(visit.visited_on, last.get(row.household_id, visit.visited_on))
    assert all(h.last_checked == last.get(h.id) for h in t["households"].values())


def test_the_benchmark_prints_real_figures_in_small_mode():
    result = subprocess.run([sys.executable, "-m", "gridmap_command", "bench", "cases", "--small"],
                            capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["small"] and figures["grids"] == 80 and figures["cases"] == 2000
    assert figures["stats_grids"] == 80 and figures["stats_same_as_baseline"]
    assert figures["routed"] == 500 and 0 < figures["routed_to_a_grid"] == figures["routed_to_a_person"] < 500
    assert figures["route_same_grids_as_baseline"]
    assert figures["zoomed_cases_in_view"] > 0
    for key in ("stats_ms", "route_s", "zoomed_frame_with_cases_ms", "zoomed_frame_without_cases_ms"):
        assert figures[key] > 0, key
    assert figures["baseline"]["stats_ms"] > 0 and figures["baseline"]["route_s"] > 0
    assert set(figures["met"]) == {"stats_ms", "route_s", "cases_layer_added_ms"}
