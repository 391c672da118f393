"""Cases and visits without the window: routing, the loop, escalation, photos,
statistics against an independent count, settings from a hostile file, and the
upgrade of a schema-6 file."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import subprocess

import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point

from gridmap.cases import workflow
from gridmap.cases.settings import CaseSettings
from gridmap.cases.stats import case_frame, overdue_cases, statistics
from gridmap.commands.cases import AddCasePhotos, CaseStep, EditCase, EscalateOverdue, ReportCase
from gridmap.commands.visits import RecordVisit
from gridmap.errors import EditError
from gridmap.model.entities import Assignment, Staff
from gridmap.project import Project
from gridmap.visits import grid_coverage, person_coverage, under_target
from tests.conftest import TickingClock
from tests.factories import X0, Y0, small_project, small_tables
from tests.old_schemas import undo_schema_7

START = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC)  # TickingClock's first tick


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _staffed(path, clock=None) -> Project:
    """The small project with a member in 第1网格 and a secretary in the community."""
    tables = small_tables()
    tables["staff"] += [Staff(3, "赵敏", "13800000003", frozenset({"网格员"}), 2, True),
                        Staff(4, "孙丽", "13800000004", frozenset({"网格员"}), 2, True),
                        Staff(5, "周书记", "13800000005", frozenset({"社区书记"}), 2, True)]
    tables["assignments"] += [Assignment(2, 3, "zone", 3, "网格员"), Assignment(3, 4, "zone", 3, "网格员"),
                              Assignment(4, 5, "zone", 2, "社区书记")]
    return Project.create(path, epsg=4547, tables=tables, meta={"title": "测试"},
                          moment=START - dt.timedelta(days=1), user="chief", clock=clock or TickingClock())


def test_a_case_goes_to_its_grid_and_the_least_busy_holder_of_the_category_role(tmp_path):
    project = _staffed(tmp_path / "p.gpkg")
    first = ReportCase(category="环境卫生", description="楼道堆物", building_id=1)
    second = ReportCase(category="环境卫生", description="垃圾满溢", household_id=3)
    danger = ReportCase(category="安全隐患", description="飞线充电", point=Point(X0 + 50, Y0 + 20))
    for command in (first, second, danger):
        assert project.undo_stack.push(command)
    cases = project.tables["cases"]
    a, b, c = cases[first.case_id], cases[second.case_id], cases[danger.case_id]
    assert (a.zone_id, b.zone_id, c.zone_id) == (3, 3, 3)
    assert {a.assignee_id, b.assignee_id} == {3, 4}  # the two members in turn
    assert c.assignee_id == 1  # 安全隐患 goes to the grid chief first
    assert b.household_id == 3 and b.building_id == 1
    assert a.status == "待受理" and a.number == "2026-000001" and c.number == "2026-000003"
    assert a.deadline - a.reported_at == dt.timedelta(hours=48)
    # 第2网格 has no one: the community's secretary takes it
    lonely = ReportCase(category="其他", building_id=3)
    project.undo_stack.push(lonely)
    assert cases[lonely.case_id].zone_id == 4 and cases[lonely.case_id].assignee_id == 5
    project.close()


def test_report_to_closure_writes_the_timeline_and_the_history_and_undoes_exactly(tmp_path):
    path = tmp_path / "p.gpkg"
    project = _staffed(path)
    report = ReportCase(category="设施维修", description="路灯不亮", source="12345", reporter="市民甲",
                        reporter_phone="138 1234 5678", urgency="紧急", building_id=2,
                        photos=[("灯.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))])
    project.undo_stack.push(report)
    case_id = report.case_id
    steps = [(workflow.DISPATCH, 3), (workflow.ACCEPT, None), (workflow.SUBMIT, None), (workflow.REJECT, None),
             (workflow.SUBMIT, None), (workflow.CLOSE, None)]
    for action, person in steps:
        project.undo_stack.push(CaseStep(case_id, action, f"{action}说明", assignee_id=person))
    case = project.tables["cases"][case_id]
    assert case.status == "已办结" and case.assignee_id == 3 and case.closed_at is not None
    assert case.reporter_phone == "13812345678" and case.deadline - case.reported_at == dt.timedelta(hours=36)
    events = sorted((e for e in project.tables["case_events"].values() if e.case_id == case_id), key=lambda e: e.id)
    assert [e.action for e in events] == ["上报"] + [a for a, _ in steps]
    assert [e.status for e in events] == ["待受理", "已派发", "处置中", "待核查", "处置中", "待核查", "已办结"]
    assert all(e.who == "chief" for e in events)
    project.close()

    again = Project.open(path)  # what the file holds is what memory held
    assert again.tables["cases"][case_id] == case
    photo = next(iter(again.tables["case_photos"].values()))
    assert photo.data == b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    status_history = [(e.old, e.new) for e in again.tables["change_log"].values()
                      if e.table_name == "cases" and e.field == "status"]
    assert status_history[0] == ("待受理", "已派发") and status_history[-1] == ("待核查", "已办结")
    photo_entry = next(e for e in again.tables["change_log"].values() if e.table_name == "case_photos")
    assert photo_entry.field == "*"  # a row added: its bytes are not copied into the history
    again.close()


def test_a_step_the_loop_does_not_allow_is_refused_and_changes_nothing(tmp_path):
    path = tmp_path / "p.gpkg"
    project = _staffed(path)
    report = ReportCase(category="其他", building_id=1)
    project.undo_stack.push(report)
    before = _digest(path)
    for action in (workflow.CLOSE, workflow.ACCEPT, workflow.RESUME, "删除", workflow.ESCALATE):
        with pytest.raises(EditError) as refused:
            project.undo_stack.push(CaseStep(report.case_id, action))
        assert "待受理" in str(refused.value)
    with pytest.raises(EditError, match="needs the person"):  # 派发 to no one
        project.undo_stack.push(CaseStep(report.case_id, workflow.DISPATCH, assignee_id=999))
    assert _digest(path) == before and len(project.undo_stack) == 1
    project.close()


def test_bad_reports_are_refused_with_reasons(tmp_path):
    project = _staffed(tmp_path / "p.gpkg")
    with pytest.raises(EditError, match="needs a place"):
        ReportCase(category="其他")
    with pytest.raises(EditError, match="source"):
        ReportCase(category="其他", building_id=1, source="传真")
    with pytest.raises(EditError, match="landline"):
        ReportCase(category="其他", building_id=1, reporter_phone="12345")
    with pytest.raises(EditError, match="category"):
        project.undo_stack.push(ReportCase(category="外星人", building_id=1))
    with pytest.raises(EditError, match="control"):
        project.undo_stack.push(ReportCase(category="其他", building_id=1, reporter="张\x00三"))
    with pytest.raises(EditError):  # a point with no number in it
        project.undo_stack.push(ReportCase(category="其他", point=Point(float("nan"), Y0)))
    assert not project.tables["cases"]
    project.close()


def test_overdue_cases_escalate_to_the_community_in_one_step(tmp_path):
    clock = TickingClock()
    project = _staffed(tmp_path / "p.gpkg", clock=clock)
    late = ReportCase(category="安全隐患", building_id=1, reported_at=START - dt.timedelta(days=3))
    fresh = ReportCase(category="安全隐患", building_id=1)
    project.undo_stack.push(late)
    project.undo_stack.push(fresh)
    assert [c.id for c in overdue_cases(project, START + dt.timedelta(minutes=1))] == [late.case_id]
    project.undo_stack.push(EscalateOverdue(note="请尽快处理"))
    case = project.tables["cases"][late.case_id]
    assert case.escalation == 1 and case.assignee_id == 5  # the secretary
    assert project.tables["cases"][fresh.case_id].escalation == 0
    event = max(project.tables["case_events"].values(), key=lambda e: e.id)
    assert (event.action, event.note, event.case_id) == ("督办", "请尽快处理", late.case_id)
    # then to the office, where no one holds an escalation role: marked, and it stays with its person
    project.undo_stack.push(EscalateOverdue())
    case = project.tables["cases"][late.case_id]
    assert case.escalation == 2 and case.assignee_id == 5
    with pytest.raises(EditError, match="past its deadline"):  # the office is the top
        project.undo_stack.push(EscalateOverdue())
    project.undo_stack.undo()
    project.undo_stack.undo()
    assert project.tables["cases"][late.case_id].escalation == 0
    project.close()


def test_editing_a_case_moves_its_deadline(tmp_path):
    project = _staffed(tmp_path / "p.gpkg")
    report = ReportCase(category="其他", building_id=1)
    project.undo_stack.push(report)
    project.undo_stack.push(EditCase(report.case_id, category="安全隐患", urgency="特急"))
    case = project.tables["cases"][report.case_id]
    assert case.deadline - case.reported_at == dt.timedelta(hours=6)
    project.undo_stack.push(AddCasePhotos(report.case_id, [("a.jpg", b"\xff\xd8\xff")]))
    assert len(project.tables["case_photos"]) == 1
    project.close()


def test_statistics_equal_an_independent_count_of_the_table(tmp_path):
    path = tmp_path / "p.gpkg"
    project = _staffed(path)
    rng = np.random.default_rng(7)
    categories = CaseSettings().category_names
    for k in range(40):
        at = START - dt.timedelta(days=int(rng.integers(0, 120)), hours=int(rng.integers(0, 24)))
        report = ReportCase(category=categories[k % len(categories)], building_id=int(rng.integers(1, 4)),
                            reported_at=at)
        project.undo_stack.push(report)
        for action in [workflow.DISPATCH, workflow.ACCEPT, workflow.SUBMIT, workflow.CLOSE][:k % 5]:
            project.undo_stack.push(CaseStep(report.case_id, action, assignee_id=3))
    now = START + dt.timedelta(hours=2)
    frame = case_frame(project, now)
    project.close()

    # independently: the table as the file holds it, counted with plain pandas
    with sqlite3.connect(path) as conn:
        raw = pd.read_sql("SELECT c.*, z.parent_id AS community FROM cases c JOIN zones z ON z.id = c.zone_id", conn)
    for column in ("reported_at", "closed_at", "deadline"):
        raw[column] = pd.to_datetime(raw[column], utc=True)
    closed = raw["status"] == "已办结"
    raw["late"] = np.where(closed, raw["closed_at"] > raw["deadline"], pd.Timestamp(now) > raw["deadline"])
    raw["hours"] = (raw["closed_at"] - raw["reported_at"]).dt.total_seconds() / 3600
    raw["month"] = (raw["reported_at"] + pd.Timedelta(hours=8)).dt.strftime("%Y-%m")
    for by, column in (("grid", "zone_id"), ("community", "community"), ("category", "category"),
                       ("month", "month")):
        ours = statistics(frame, by)
        for key, rows in raw.groupby(column):
            row = ours.loc[key]
            assert row["reported"] == len(rows)
            assert row["closed"] == int((rows["status"] == "已办结").sum())
            assert row["overdue"] == int(rows["late"].sum())
            assert row["overdue_share"] == pytest.approx(rows["late"].mean())
            expected = rows.loc[rows["status"] == "已办结", "hours"].median()
            assert (np.isnan(row["median_hours"]) and np.isnan(expected)) or \
                row["median_hours"] == pytest.approx(expected)
        assert len(ours) == raw[column].nunique()


def test_visits_set_last_checked_and_count_coverage(tmp_path):
    project = _staffed(tmp_path / "p.gpkg")
    today = dt.date(2026, 11, 2)
    # the small project's households were all checked on 2026-10-01: 32 days ago
    assert {k: c.share for k, c in grid_coverage(project, today, 30).items()} == {3: 0.0, 4: 0.0}
    visit = RecordVisit(3, today, [(h, "正常") for h in range(1, 7)] + [(7, "漏水")], note="例行走访")
    project.undo_stack.push(visit)
    assert project.tables["households"][1].last_checked == today
    grids = grid_coverage(project, today, 30)
    assert (grids[3].households, grids[3].visited) == (24, 7)
    people = person_coverage(project, today, 30)
    assert (people[3].households, people[3].visited) == (24, 7) and people[4].visited == 0
    assert [c.key for c in under_target(project, today, 30, 0.5)] == [4, 3]
    # an earlier visit does not move a later check back
    project.undo_stack.push(RecordVisit(4, dt.date(2026, 9, 1), [(1, "")]))
    assert project.tables["households"][1].last_checked == today
    with pytest.raises(EditError):
        RecordVisit(3, today, [])
    with pytest.raises(EditError):
        project.undo_stack.push(RecordVisit(3, today, [(99999, "")]))
    project.undo_stack.undo()
    project.undo_stack.undo()
    assert project.tables["households"][1].last_checked == dt.date(2026, 10, 1) and not project.tables["visits"]
    project.close()


@pytest.mark.parametrize("stored", [
    "not json", "[]", json.dumps({"categories": "x"}),
    json.dumps({"categories": [{"name": "", "hours": 5}, {"name": "a", "hours": float("nan")}]}),
    json.dumps({"urgency": {"一般": -1, "特急": "fast"}, "visit_days": 1e12, "visit_target": 7}),
])
def test_settings_a_file_gets_wrong_fall_back_to_the_defaults(stored):
    settings = CaseSettings.from_meta({"cases": stored})
    default = CaseSettings()
    assert settings.categories == default.categories and settings.urgency == default.urgency
    assert (settings.visit_days, settings.visit_target) == (90, 0.8)


def test_settings_round_trip_and_unknown_categories_use_the_last():
    settings = CaseSettings.from_meta({"cases": json.dumps({
        "categories": [{"name": "供暖", "hours": 12, "roles": ["物业"]}, {"name": "其他", "hours": 99}],
        "visit_days": 30})})
    assert settings.category_names == ["供暖", "其他"] and settings.category("消失的").hours == 99
    assert CaseSettings.from_meta({"cases": settings.to_meta()}) == settings


def test_a_schema_6_file_is_upgraded_with_empty_case_tables_gdal_reads(tmp_path):
    path = tmp_path / "old.gpkg"
    small_project(path).close()
    with sqlite3.connect(path) as conn:
        undo_schema_7(conn)
    project = Project.open(path)
    assert project.meta["schema_version"] == "7" and project.tables["cases"] == {}
    report = ReportCase(category="其他", building_id=1)
    project.undo_stack.push(report)
    project.close()
    listed = subprocess.run(["ogrinfo", "-ro", "-q", str(path), "cases"], capture_output=True, text=True)
    assert listed.returncode == 0 and "2026-" in listed.stdout


def test_the_colour_plans_not_checked_ring_follows_the_visits(tmp_path):
    from gridmap.plans.dynamic import not_checked_for

    project = _staffed(tmp_path / "p.gpkg")
    today = dt.date(2026, 11, 2)
    homes = [h for h in project.tables["households"].values() if h.building_id == 1]
    assert len(not_checked_for(homes, 14, today)) == len(homes) == 12
    project.undo_stack.push(RecordVisit(3, today - dt.timedelta(days=3), [(h.id, "") for h in homes[:5]]))
    homes = [project.tables["households"][h.id] for h in homes]
    assert not_checked_for(homes, 14, today) == frozenset(h.id for h in homes[5:])
    project.close()


def test_removing_what_cases_and_visits_point_at_keeps_them_whole_in_the_same_undo_step(tmp_path):
    from gridmap.commands.staff import RemoveStaff
    from gridmap.commands.zones import DeleteZone

    path = tmp_path / "p.gpkg"
    project = _staffed(path)
    report = ReportCase(category="环境卫生", household_id=2)
    project.undo_stack.push(report)
    project.undo_stack.push(CaseStep(report.case_id, workflow.DISPATCH, assignee_id=3))
    project.undo_stack.push(RecordVisit(3, dt.date(2026, 11, 1), [(2, "正常")]))

    project.undo_stack.push(RemoveStaff([3]))  # the assignee and visitor leaves the roster
    case = project.tables["cases"][report.case_id]
    assert case.assignee_id is None and {v.staff_id for v in project.tables["visits"].values()} == {None}
    assert all(e.assignee_id != 3 for e in project.tables["case_events"].values())
    project.undo_stack.push(DeleteZone(3, 4))  # 第1网格's area and buildings go to 第2网格
    assert project.tables["cases"][report.case_id].zone_id == 4
    project.close()
    reopened = Project.open(path)  # the file took it: no reference points at a removed row
    assert reopened.tables["cases"][report.case_id].zone_id == 4
    reopened.undo_stack.push(CaseStep(report.case_id, workflow.REASSIGN, assignee_id=4))
    reopened.close()

    again = _staffed(tmp_path / "q.gpkg")
    again.undo_stack.push(ReportCase(category="环境卫生", household_id=2))
    again.undo_stack.push(RemoveStaff([3, 4]))
    again.undo_stack.undo()  # one step back restores the links
    assert {c.assignee_id for c in again.tables["cases"].values()} == {3}
    again.close()
