"""The staff in the window: the roster dock and its filters, drag and drop onto
the map and the tree, party-member links from the plan, staffing problems in
the Problems dock, the workload view and the roster workbook."""

import numpy as np
from PySide6.QtCore import QModelIndex, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from gridmap.commands.staff import RemoveStaff
from gridmap.selection import Item
from ui.staff.mime import staff_mime


def _xinhua_grid(project):
    zones = project.tables["zones"]
    xinhua = next(z for z in zones.values() if z.name == "新华街社区")
    return xinhua, next(z for z in zones.values() if z.parent_id == xinhua.id and z.name == "第1网格")


def _volunteer(project):
    """A volunteer in reserve: no post yet."""
    posted = {a.staff_id for a in project.tables["assignments"].values()}
    return next(s for s in project.tables["staff"].values() if s.roles == frozenset({"志愿者"}) and s.id not in posted)


def test_the_roster_filters_by_role_and_by_the_selected_zone(window):
    project, roster = window.project, window.roster
    assert roster.proxy.rowCount() == len(project.tables["staff"])
    roster.role.setCurrentIndex(roster.role.findData("网格长"))
    assert roster.proxy.rowCount() == sum("网格长" in s.roles for s in project.tables["staff"].values()) == 31
    _xinhua, grid = _xinhua_grid(project)
    roster.role.setCurrentIndex(0)
    window.selection.set(Item("zone", grid.id))
    roster.only_zone.setChecked(True)
    names = {roster.proxy.index(r, 0).data() for r in range(roster.proxy.rowCount())}
    chief = next(project.tables["staff"][a.staff_id] for a in project.tables["assignments"].values()
                 if a.target_kind == "zone" and a.target_id == grid.id and a.role == "网格长")
    assert chief.name in names and len(names) < 100
    assert roster.count.text().endswith(f"/ {len(project.tables['staff']):,} 人")


def test_dropping_a_person_on_a_building_on_the_map_assigns_them(window, monkeypatch):
    project, canvas = window.project, window.canvas
    person = _volunteer(project)
    building = project.tables["buildings"][1]
    canvas.zoom_to(building.geometry.bounds)
    (px, py), = canvas.view.to_pixels(np.array([[building.geometry.centroid.x, building.geometry.centroid.y]]))
    asked = []
    monkeypatch.setattr(window.staff_actions, "ask_role", lambda kind, place: asked.append((kind, place)) or "楼栋长")
    mime = staff_mime([person.id], person.name)  # held here: the event does not own it
    event = QDropEvent(QPointF(float(px), float(py)), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    canvas.dropEvent(event)
    assert asked == [("building", "1号楼")]
    posts = [a for a in project.tables["assignments"].values() if a.staff_id == person.id]
    assert [(a.target_kind, a.target_id, a.role) for a in posts] == [("building", 1, "楼栋长")]
    assert "楼栋长" in project.tables["staff"][person.id].roles
    window.undo_actions.undo.trigger()
    assert not [a for a in project.tables["assignments"].values() if a.staff_id == person.id]


def test_dropping_a_person_on_a_grid_in_the_tree_assigns_them(window, monkeypatch):
    project = window.project
    person = _volunteer(project)
    _xinhua, grid = _xinhua_grid(project)
    monkeypatch.setattr(window.staff_actions, "ask_role", lambda kind, place: "网格员")
    model = window.tree.model
    index = model.index_of("zone", grid.id)
    mime = staff_mime([person.id], person.name)
    assert model.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, index)
    assert not model.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, QModelIndex())
    model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, index)
    assert [(a.target_kind, a.target_id, a.role) for a in project.tables["assignments"].values()
            if a.staff_id == person.id] == [("zone", grid.id, "网格员")]
    assert window.roster.model.rows and any(r[0] == person.id and r[4] == 1 for r in window.roster.model.rows)


def test_a_removed_grid_chief_shows_in_the_problems_dock(window, monkeypatch):
    project = window.project
    _xinhua, grid = _xinhua_grid(project)
    chief = next(a.staff_id for a in project.tables["assignments"].values()
                 if a.target_kind == "zone" and a.target_id == grid.id and a.role == "网格长")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.staff_actions.remove([chief])
    window.problems.check()
    rows = [(window.problems.list.topLevelItem(i).text(0), window.problems.list.topLevelItem(i).text(1),
             window.problems.list.topLevelItem(i).text(2)) for i in range(window.problems.list.topLevelItemCount())]
    assert rows == [("岗位人员不足", "新华街社区 第1网格", "0 网格长")]


def test_the_workload_view_sorts_people_and_follows_the_zone(window, qtbot):
    project, workload = window.project, window.workload
    window.docks["workload"].raise_()
    qtbot.waitUntil(lambda: workload._seen)
    assert workload.people.rowCount() == len(project.tables["staff"])
    workload.people.sortItems(4, Qt.SortOrder.DescendingOrder)
    values = [workload.people.item(r, 4).data(Qt.ItemDataRole.DisplayRole) for r in range(workload.people.rowCount())]
    assert values == sorted(values, reverse=True) and isinstance(values[0], int)
    assert workload.grids.rowCount() == 31
    xinhua, _grid = _xinhua_grid(project)
    window.selection.set(Item("zone", xinhua.id))
    assert workload.grids.rowCount() == 6
    assert sum(workload.per_member.values()) == sum(
        workload.grids.item(r, 6).data(Qt.ItemDataRole.DisplayRole) / 2 for r in range(6))  # two members a grid


def test_roster_export_then_import_through_the_window(window, tmp_path):
    project = window.project
    before = sorted((project.tables["staff"][a.staff_id].name, a.target_kind, a.target_id, a.role)
                    for a in project.tables["assignments"].values())
    path = window.staff_actions.export_roster(str(tmp_path / "roster.xlsx"))
    project.undo_stack.push(RemoveStaff(list(project.tables["staff"])))
    assert window.roster.proxy.rowCount() == 0
    dialog = window.staff_actions.import_roster(str(path), show=False)
    assert dialog.import_button.text().startswith("导入 ")
    dialog.import_button.click()
    after = sorted((project.tables["staff"][a.staff_id].name, a.target_kind, a.target_id, a.role)
                   for a in project.tables["assignments"].values())
    assert after == before
    assert window.roster.proxy.rowCount() == len(project.tables["staff"])


def test_a_party_members_households_show_in_the_attributes(window):
    project = window.project
    member = next(s for s in project.tables["staff"].values() if "联户党员" in s.roles)
    window.selection.set(Item("staff", member.id))
    rows = dict(window.attributes.rows())
    count = sum(1 for link in project.tables["party_links"].values() if link.staff_id == member.id)
    assert rows["联系户数"].startswith(f"{count}：") and "单元" in rows["联系户数"]


def test_a_hidden_workload_view_catches_up_when_shown(window, qtbot):
    project, workload = window.project, window.workload
    window.docks["problems"].raise_()  # the workload tab is behind
    qtbot.waitUntil(lambda: not workload._seen)
    person = _volunteer(project)
    project.undo_stack.push(RemoveStaff([person.id]))
    assert workload.people.rowCount() == len(project.tables["staff"]) + 1  # not refilled while hidden
    window.docks["workload"].raise_()
    qtbot.waitUntil(lambda: workload._seen)
    assert workload.people.rowCount() == len(project.tables["staff"])


def test_dropping_a_person_on_a_checkpoint_puts_them_on_duty(window, monkeypatch):
    project, canvas = window.project, window.canvas
    person = _volunteer(project)
    point = next(p for p in project.tables["site_points"].values() if p.kind == "checkpoint")
    canvas.zoom_to(project.tables["compounds"][point.compound_id].geometry.bounds)
    (px, py), = canvas.view.to_pixels(np.array([[point.geometry.x, point.geometry.y]]))
    asked = []
    monkeypatch.setattr(window.staff_actions, "ask_role", lambda kind, place: asked.append((kind, place)) or "志愿者")
    mime = staff_mime([person.id], person.name)
    event = QDropEvent(QPointF(float(px), float(py)), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    canvas.dropEvent(event)
    assert asked == [("site_point", point.name)]
    assert [(a.target_kind, a.target_id, a.role) for a in project.tables["assignments"].values()
            if a.staff_id == person.id] == [("site_point", point.id, "志愿者")]
    window.undo_actions.undo.trigger()
    assert not [a for a in project.tables["assignments"].values() if a.staff_id == person.id]
