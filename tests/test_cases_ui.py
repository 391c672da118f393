"""Cases and visits in the window (有呼必应): a chief takes a case from report to
closure through the Cases dock, the case on the map layer (a click on it selects
it in the dock), the file on disk, undo; the dock's statistics against
gridmap.cases.stats; overdue cases and visit coverage in the Problems and
Workload docks; refusals said in Chinese."""

import datetime as dt
import sqlite3
from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QDialog, QMessageBox

from gridmap.cases.problems import coverage_problems
from gridmap.cases.settings import CaseSettings
from gridmap.cases.stats import case_frame, statistics
from gridmap.visits import person_coverage
from gridmap.commands.cases import ReportCase
from gridmap.selection import Item
from gridmap.model.entities import CHINA_TIME
from layers.model import LayerSet
from layers.render.cases import STATUS_COLORS, case_points
from layers.render.map_renderer import render_map
from layers.view import MapView
from ui.cases.case_dialogs import NewCaseDialog, StepDialog, VisitDialog


def _quiet_building(project):
    """A building in a grid with a chief (网格长), holding no case yet."""
    taken = {c.building_id for c in project.tables["cases"].values()}
    chiefs = {a.target_id: a.staff_id for a in project.tables["assignments"].values()
              if a.target_kind == "zone" and a.role == "网格长"}
    return next((b, chiefs[b.zone_id]) for b in sorted(project.tables["buildings"].values(), key=lambda b: b.id)
                if b.zone_id in chiefs and b.id not in taken
                and any(h.building_id == b.id for h in project.tables["households"].values()))


def _hand(answers):
    """Fills each dialog as the user would and presses OK (what ``answers`` says per dialog type)."""
    seen = []

    def fill(dialog: QDialog) -> bool:
        seen.append(dialog)
        answers[type(dialog)](dialog)
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted
    return fill, seen


def _listed(panel) -> list[str]:
    return [panel.list.topLevelItem(r).text(0) for r in range(panel.list.topLevelItemCount())]


def _new_case(dialog: NewCaseDialog) -> None:
    dialog.category.setCurrentText("设施维修")
    dialog.source.setCurrentText("电话")
    dialog.reporter.setText("王女士")
    dialog.phone.setText("13812345678")
    dialog.description.setPlainText("楼道灯不亮")
    dialog.place.setCurrentIndex(0)  # the selected building


def test_a_chief_takes_a_case_from_report_to_closure_in_the_dock(window, monkeypatch, qtbot):
    project, panel, actions = window.project, window.cases, window.case_actions
    building, chief = _quiet_building(project)
    window.selection.set(Item("building", building.id))
    window.docks["cases"].show()
    window.docks["cases"].raise_()
    step_notes = {"派发": "请尽快处理", "接单": "已到场", "提交核查": "已更换灯泡", "办结": "回访满意"}

    def step(dialog: StepDialog) -> None:
        if dialog.action == "派发":
            assert dialog.person.findData(chief) >= 0  # the grid's chief is offered
            dialog.person.setCurrentIndex(dialog.person.findData(chief))
        dialog.note.setText(step_notes[dialog.action])

    hand, seen = _hand({NewCaseDialog: _new_case, StepDialog: step})
    monkeypatch.setattr(actions, "ask", hand)
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    case_id = panel.case_id
    assert case_id is not None and len(seen) == 1
    case = project.tables["cases"][case_id]
    assert (case.category, case.status, case.building_id, case.zone_id, case.reporter_phone) == (
        "设施维修", "待受理", building.id, building.zone_id, "13812345678")
    assert panel.list.currentItem().text(0) == case.number
    for action in ("派发", "接单", "提交核查", "办结"):
        assert set(panel.step_buttons) >= {action}
        qtbot.mouseClick(panel.step_buttons[action], Qt.MouseButton.LeftButton)
    case = project.tables["cases"][case_id]
    assert (case.status, case.assignee_id) == ("已办结", chief) and case.closed_at is not None
    assert [panel.timeline.topLevelItem(r).text(2) for r in range(panel.timeline.topLevelItemCount())] == [
        "上报", "派发", "接单", "提交核查", "办结"]
    assert panel.timeline.topLevelItem(4).text(4) == "回访满意"
    assert not panel.step_buttons  # nothing follows 已办结

    # on the map: the case is a point of the cases layer, and a click there selects it in the dock
    assert window.layers.get("cases").visible
    points = case_points(window.scene)
    at = int(np.flatnonzero(points.ids == case_id)[0])
    x, y = points.x[at], points.y[at]
    assert case.geometry.x == pytest.approx(x) and building.geometry.contains(case.geometry)
    assert case.number not in _listed(panel)  # the inbox lists open cases
    panel.status.setCurrentIndex(0)  # all statuses: the map draws what the dock lists
    assert case.number in _listed(panel)
    panel.list.setCurrentItem(None)
    assert panel.case_id is None
    window.canvas.zoom_to(building.geometry.bounds)
    (px, py), = window.canvas.view.to_pixels(np.array([[x, y]]))
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=QPoint(round(px), round(py)))
    assert panel.case_id == case_id
    assert actions.marker.point == pytest.approx((x, y))

    # the file on disk holds it closed, with its five steps
    with sqlite3.connect(project.path) as db:
        status, = db.execute("SELECT status FROM cases WHERE id = ?", (case_id,)).fetchone()
        steps = [r[0] for r in db.execute("SELECT action FROM case_events WHERE case_id = ? ORDER BY id", (case_id,))]
    assert status == "已办结" and steps == ["上报", "派发", "接单", "提交核查", "办结"]

    window.undo_actions.undo.trigger()  # 办结 undone: one step
    assert project.tables["cases"][case_id].status == "待核查"
    assert [panel.timeline.topLevelItem(r).text(2) for r in range(panel.timeline.topLevelItemCount())] == [
        "上报", "派发", "接单", "提交核查"]
    assert "办结" in panel.step_buttons


def test_a_refused_step_is_said_in_chinese(window, monkeypatch):
    project = window.project
    building, _chief = _quiet_building(project)
    command = ReportCase(category="环境卫生", description="垃圾未清运", building_id=building.id)
    project.undo_stack.push(command)
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *a: said.append((title, text)))
    monkeypatch.setattr(window.case_actions, "ask", lambda dialog: True)
    assert not window.case_actions.step(command.case_id, "办结")  # 待受理 cannot be closed
    assert project.tables["cases"][command.case_id].status == "待受理"
    case = project.tables["cases"][command.case_id]
    assert len(said) == 1 and said[0][0] == window.case_actions.tr("Cases")
    assert case.number in said[0][1] and "Traceback" not in said[0][1]


def test_the_statistics_tab_equals_the_case_statistics(window):
    project, panel = window.project, window.cases
    buildings = sorted(project.tables["buildings"].values(), key=lambda b: b.id)
    for n, building in enumerate(buildings[::40][:6]):
        project.undo_stack.push(ReportCase(category=("矛盾纠纷", "安全隐患", "环境卫生")[n % 3],
                                           description=f"测试{n}", building_id=building.id,
                                           reported_at=project.clock() - dt.timedelta(days=40 * n)))
    panel.tabs.setCurrentIndex(1)
    for by in ("grid", "community", "category", "month"):
        panel.stats_by.setCurrentIndex(panel.stats_by.findData(by))
        expected = statistics(case_frame(project, panel.now()), by)
        table = panel.stats_table
        assert table.rowCount() == len(expected)
        shown = [[table.item(r, c).data(Qt.ItemDataRole.DisplayRole) for c in range(5)]
                 for r in range(table.rowCount())]
        assert shown == [[panel.stats_name(by, key), int(row.reported), int(row.closed), int(row.open),
                          int(row.overdue)] for key, row in expected.iterrows()]
        assert panel.value_bars.values == [float(v) for v in expected["reported"]]


def test_an_overdue_case_is_red_in_the_dock_and_listed_in_problems(window, qtbot):
    project, panel = window.project, window.cases
    building, _chief = _quiet_building(project)
    command = ReportCase(category="安全隐患", description="消防通道堵塞", building_id=building.id,
                         reported_at=project.clock() - dt.timedelta(days=5))
    project.undo_stack.push(command)
    case = project.tables["cases"][command.case_id]
    panel.status.setCurrentIndex(panel.status.findData("overdue"))
    numbers = _listed(panel)
    assert case.number in numbers
    row = panel.list.topLevelItem(numbers.index(case.number))
    assert row.foreground(0).color().name() == "#c00000"
    assert panel.escalate_button.isEnabled()

    problems = window.problems
    problems.check()
    rows = [problems.work_list.topLevelItem(r) for r in range(problems.work_list.topLevelItemCount())]
    mine = [r for r in rows if case.number in r.text(1)]
    assert len(mine) == 1 and mine[0].text(0) == problems.tr("Overdue case")
    panel.clear_filters()
    panel.select_case(next((c for c in project.tables["cases"] if c != case.id), case.id))
    problems.work_list.itemActivated.emit(mine[0], 0)  # double-click or Enter
    assert panel.case_id == case.id
    # grids under the visit target are listed too, one row each
    low = coverage_problems(project, project.clock())
    assert sum(r.text(0) == problems.tr("Visits under the target") for r in rows) == len(low)


def test_recording_a_visit_from_the_dock_raises_the_grid_coverage(window, monkeypatch, qtbot):
    project = window.project
    building, chief = _quiet_building(project)
    homes = sorted(h.id for h in project.tables["households"].values() if h.building_id == building.id)
    window.selection.set(Item("building", building.id))
    before = set(project.tables["visits"])
    name = project.tables["staff"][chief].name
    people = window.workload.people
    window.workload.refill()
    row = next(r for r in range(people.rowCount()) if people.item(r, 0).text() == name)
    visited = people.item(row, people.columnCount() - 2).data(Qt.ItemDataRole.DisplayRole)

    def visit(dialog: VisitDialog) -> None:
        dialog.person.setCurrentIndex(dialog.person.findData(chief))
        dialog.set_ticked(set(homes[:3]))
        dialog.found.setText("正常")

    hand, _seen = _hand({VisitDialog: visit})
    monkeypatch.setattr(window.case_actions, "ask", hand)
    window.docks["workload"].raise_()
    qtbot.mouseClick(window.cases.visit_button, Qt.MouseButton.LeftButton)
    new = [v for k, v in project.tables["visits"].items() if k not in before]
    assert len(new) == 1 and new[0].staff_id == chief
    assert sorted(r.household_id for r in project.tables["visit_households"].values()
                  if r.visit_id == new[0].id) == homes[:3]
    today = project.clock().astimezone(CHINA_TIME).date()
    assert all(project.tables["households"][h].last_checked == today for h in homes[:3])
    window.workload.refill()
    row = next(r for r in range(people.rowCount()) if people.item(r, 0).text() == name)
    expected = person_coverage(project, today, CaseSettings.from_meta(project.meta).visit_days)[chief]
    assert people.item(row, people.columnCount() - 2).data(Qt.ItemDataRole.DisplayRole) == expected.visited
    assert expected.visited >= min(3, (visited or 0) + 1)
    window.undo_actions.undo.trigger()
    assert set(project.tables["visits"]) == before


def test_the_cases_layer_draws_by_status_and_never_on_paper(window):
    project, scene = window.project, window.scene
    building, _chief = _quiet_building(project)
    command = ReportCase(category="矛盾纠纷", description="邻里纠纷", building_id=building.id)
    project.undo_stack.push(command)
    case = project.tables["cases"][command.case_id]
    view = MapView.fit(building.geometry.buffer(60).bounds, 400, 400)

    def drawn(paper: bool) -> QImage:
        image = QImage(400, 400, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        render_map(painter, scene, LayerSet(("cases",)), replace(view, paper=True) if paper else view,
                   background=None)
        painter.end()
        return image

    (px, py), = view.to_pixels(np.array([[case.geometry.x, case.geometry.y]]))
    image = drawn(False)
    assert image.pixelColor(round(px), round(py)).name() == STATUS_COLORS["待受理"]
    paper = drawn(True)
    assert paper.pixelColor(round(px), round(py)).alpha() == 0


def test_the_dock_prints_a_dispatch_slip_and_a_monthly_report(window, monkeypatch, tmp_path):
    import subprocess

    import ui.cases.case_actions as case_actions

    project, actions = window.project, window.case_actions
    building, _chief = _quiet_building(project)
    command = ReportCase(category="民生求助", description="独居老人需要帮助", building_id=building.id)
    project.undo_stack.push(command)
    case = project.tables["cases"][command.case_id]
    saved = []
    monkeypatch.setattr(case_actions, "show_saved", lambda _parent, _settings, files: saved.extend(files))
    slip = actions.print_slip(case.id, str(tmp_path / "slip.pdf"))
    text = subprocess.run(["pdftotext", str(slip), "-"], capture_output=True, text=True, check=True).stdout
    assert case.number in text and "内部资料" in text
    window.selection.set(Item("zone", building.zone_id))
    month = case.reported_at.astimezone(CHINA_TIME).strftime("%Y-%m")
    report = actions.monthly_report(month, str(tmp_path / "report.pdf"))
    text = subprocess.run(["pdftotext", str(report), "-"], capture_output=True, text=True, check=True).stdout
    assert project.tables["zones"][building.zone_id].name in text
    assert saved == [str(slip), str(report)]


def test_the_density_view_follows_the_dock_and_the_layer_panel(window):
    panel, layers = window.cases, window.layers
    assert not layers.get("case_density").visible and not panel.density.isChecked()
    panel.density.setChecked(True)
    assert layers.get("case_density").visible
    layers.set_visible("case_density", False)  # from the layer panel
    assert not panel.density.isChecked()


def test_the_filters_choose_what_the_list_and_the_map_show(window):
    from layers.render.cases import shown_mask

    project, panel, scene = window.project, window.cases, window.scene
    buildings = sorted(project.tables["buildings"].values(), key=lambda b: b.id)
    for n, building in enumerate(buildings[:30:3]):
        project.undo_stack.push(ReportCase(category="环境卫生", description=f"测试{n}", building_id=building.id))
    panel.clear_filters()

    def shown_on_map() -> set[int]:
        points = case_points(scene)
        return set(points.ids[shown_mask(scene)].tolist())

    assert {c.id for c in panel.cases} == set(project.tables["cases"]) == shown_on_map()
    person = next(c.assignee_id for c in project.tables["cases"].values() if c.assignee_id is not None)
    panel.person.setCurrentIndex(panel.person.findData(person))  # one person's inbox
    mine = {c.id for c in project.tables["cases"].values() if c.assignee_id == person}
    assert {c.id for c in panel.cases} == mine == shown_on_map()
    panel.person.setCurrentIndex(0)
    grid = buildings[0].zone_id
    window.selection.set(Item("zone", grid))
    panel.only_zone.setChecked(True)  # the selected grid's cases
    assert {c.id for c in panel.cases} == {c.id for c in project.tables["cases"].values() if c.zone_id == grid}
    assert {c.id for c in panel.cases} == shown_on_map()
    panel.category.setCurrentIndex(panel.category.findData("环境卫生"))
    panel.status.setCurrentIndex(panel.status.findData("待受理"))
    assert all((c.category, c.status, c.zone_id) == ("环境卫生", "待受理", grid) for c in panel.cases)
    now = panel.now()
    overdue = [c.deadline < now for c in panel.cases]
    assert overdue == sorted(overdue, reverse=True)  # overdue first


def test_a_photo_from_a_file_shows_as_a_thumbnail(window, monkeypatch, tmp_path):
    project, panel, actions = window.project, window.cases, window.case_actions
    building, _chief = _quiet_building(project)
    command = ReportCase(category="设施维修", description="路灯损坏", building_id=building.id)
    project.undo_stack.push(command)
    panel.select_case(command.case_id)
    photo = QImage(80, 60, QImage.Format.Format_RGB32)
    photo.fill(0xFF3366CC)
    assert photo.save(str(tmp_path / "现场.png"))
    (tmp_path / "说明.txt").write_text("不是照片", encoding="utf-8")
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *a: said.append(text))
    assert not actions.add_photo(command.case_id, str(tmp_path / "说明.txt"))
    assert len(said) == 1 and "说明.txt" in said[0]
    assert actions.add_photo(command.case_id, str(tmp_path / "现场.png"))
    stored = [p for p in project.tables["case_photos"].values() if p.case_id == command.case_id]
    assert [p.name for p in stored] == ["现场.png"] and stored[0].data == (tmp_path / "现场.png").read_bytes()
    assert panel.photos.count() == 1 and not panel.photos.item(0).icon().isNull()
    window.undo_actions.undo.trigger()
    assert panel.photos.count() == 0
