"""The attributes panel's History tab: a zone's and a person's edits in Chinese,
newest first, undo and redo marked, residents' values never shown; a zone's
former boundary drawn on the map and cleared with the selection."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QColor

from gridmap.commands.geometry import SetZoneGeometry
from gridmap.commands.staff import EditStaff
from gridmap.commands.zones import RenameZone
from gridmap.model.changes import RowChange
from gridmap.selection import Item
from tests.conftest import TickingClock
from tests.factories import X0, Y0, box, small_project
from tests.windows import shown_window
from ui.history_overlay import PAST_COLOR

WHEN = "2026-11-02 16:00"  # TickingClock's 08:00 UTC, in China time


@pytest.fixture
def history_window(qtbot, tmp_path):
    """The small project (第1网格: x 0–100, y 0–100 m) edited by 张敏, with the History tab shown."""
    w = shown_window(qtbot, small_project(tmp_path / "small.gpkg", user="张敏", clock=TickingClock()))
    w.attributes.tabs.setCurrentWidget(w.attributes.history)
    w.canvas.zoom_to((X0 - 80, Y0 - 80, X0 + 280, Y0 + 200))  # every edge the tests look at on the map
    yield w
    w.close()


def _edit_first_grid(w) -> None:
    stack = w.project.undo_stack
    assert stack.push(RenameZone(3, "东片网格"))
    assert stack.push(SetZoneGeometry(3, box(0, 0, 100, 120)))


def test_a_zone_lists_its_rename_and_its_boundary_newest_first(history_window):
    w = history_window
    _edit_first_grid(w)
    w.selection.set(Item("zone", 3))
    assert w.attributes.history.lines() == [
        (f"{WHEN} · 张敏 · 修改网格边界", "边界", "已修改：面积 1.00 → 1.20 ha（+0.20）"),
        (f"{WHEN} · 张敏 · 重命名区域", "名称", "第1网格 → 东片网格"),
    ]
    assert w.attributes.edit_name() and w.attributes.tabs.currentWidget() is w.attributes.table  # F2 from History
    w.attributes.tabs.setCurrentWidget(w.attributes.history)
    w.selection.set(Item("zone", 4))  # the other grid was not edited
    assert w.attributes.history.lines() == []
    assert w.attributes.history.tree.topLevelItem(0).text(0) == "暂无修改记录"


def test_undo_and_redo_add_entries_marked_so(history_window):
    w = history_window
    w.selection.set(Item("zone", 3))
    assert w.project.undo_stack.push(RenameZone(3, "东片网格"))
    w.project.undo_stack.undo()
    w.project.undo_stack.redo()
    assert w.attributes.history.lines() == [  # the panel follows each edit of the selected zone
        (f"{WHEN} · 张敏 · 重命名区域 · 重做", "名称", "第1网格 → 东片网格"),
        (f"{WHEN} · 张敏 · 重命名区域 · 撤销", "名称", "东片网格 → 第1网格"),
        (f"{WHEN} · 张敏 · 重命名区域", "名称", "第1网格 → 东片网格"),
    ]


def test_a_person_lists_a_phone_change_and_long_values_are_shortened(history_window):
    w = history_window
    stack = w.project.undo_stack
    assert stack.push(EditStaff(1, phone="13900000009"))
    assert stack.push(EditStaff(1, note="负责南门值守，" * 6, roles=["网格长", "网格员"]))
    w.selection.set(Item("staff", 1))
    lines = w.attributes.history.lines()
    assert lines[0] == (f"{WHEN} · 张敏 · 修改工作人员", "职责", "网格长 → 网格员、网格长")
    assert lines[1] == (f"{WHEN} · 张敏 · 修改工作人员", "备注", "— → 负责南门值守，负责南门值守，负责南门值守，负责…")
    assert lines[2] == (f"{WHEN} · 张敏 · 修改工作人员", "电话", "13800000001 → 13900000009")
    note_row = w.attributes.history.tree.topLevelItem(0).child(1)
    assert note_row.toolTip(1) == "— → " + "负责南门值守，" * 6  # in full where it was shortened


def test_a_residents_id_number_change_is_listed_but_never_shown(history_window):
    w = history_window
    project = w.project
    resident = project.tables["residents"][1]
    new_number = "41019919500101003X"
    project.apply([RowChange("residents", resident, resident._replace(id_number=new_number, phone="13911112222"))],
                  label="Import household roster")
    w.selection.set(Item("household", resident.household_id))
    assert w.attributes.history.lines() == [
        (f"{WHEN} · 张敏 · 导入住户花名册", "电话", "已修改（个人信息，此处不显示）"),
        (f"{WHEN} · 张敏 · 导入住户花名册", "身份证号", "已修改（个人信息，此处不显示）"),
    ]
    tree = w.attributes.history.tree
    shown = [text for i in range(tree.topLevelItemCount()) for item in _items(tree.topLevelItem(i))
             for column in (0, 1) for text in (item.text(column), item.toolTip(column))]
    for secret in (resident.id_number, new_number, resident.phone, "13911112222", resident.name):
        assert not any(secret in text for text in shown)


def _items(top):
    return [top] + [top.child(j) for j in range(top.childCount())]


def _past_color_pixels(w, y_metres: float) -> int:
    """Pixels of the past-boundary colour along y = ``y_metres`` from x 20 to 80 m (a dashed line: some)."""
    image = w.canvas.grab().toImage()
    (x0, y), (x1, _) = w.canvas.view.to_pixels(np.array([[X0 + 20, Y0 + y_metres], [X0 + 80, Y0 + y_metres]]))
    want = QColor(PAST_COLOR)
    found = 0
    for x in range(int(x0), int(x1)):
        for dy in (-1, 0, 1):
            c = image.pixelColor(x, round(y) + dy)
            found += abs(c.red() - want.red()) + abs(c.green() - want.green()) + abs(c.blue() - want.blue()) < 60
    return found


def test_the_former_boundary_is_drawn_on_the_map_until_the_selection_changes(history_window, qtbot):
    w = history_window
    _edit_first_grid(w)
    w.selection.set(Item("zone", 3))
    history = w.attributes.history
    assert history.show_past.isVisible() and history.show_past.isEnabled()
    assert _past_color_pixels(w, 100) == 0  # the old top edge, inside the grid now: nothing drawn yet
    history.show_past.setChecked(True)
    assert [s.bounds for s in w.attributes.past_boundaries.shapes] == [box(0, 0, 100, 100).bounds]
    qtbot.waitUntil(lambda: _past_color_pixels(w, 100) > 10)
    assert _past_color_pixels(w, 120) == 0  # the boundary it has now is not a past one

    history.show_past.setChecked(False)
    assert not w.attributes.past_boundaries.visible
    history.tree.setCurrentItem(history.tree.topLevelItem(1))  # the rename: no shape to draw
    assert not w.attributes.past_boundaries.visible
    history.tree.setCurrentItem(history.tree.topLevelItem(0))  # picking the boundary edit draws the shape before it
    assert w.attributes.past_boundaries.chosen.equals(box(0, 0, 100, 100))
    qtbot.waitUntil(lambda: _past_color_pixels(w, 100) > 10)
    history.tree.setCurrentItem(history.tree.topLevelItem(0).child(0))  # or its line
    assert w.attributes.past_boundaries.chosen.equals(box(0, 0, 100, 100))

    w.selection.set(Item("zone", 4))
    assert not w.attributes.past_boundaries.visible and not history.show_past.isChecked()
    qtbot.waitUntil(lambda: _past_color_pixels(w, 100) == 0)


def test_a_zone_never_reshaped_offers_no_past_boundaries(history_window):
    w = history_window
    assert w.project.undo_stack.push(RenameZone(3, "东片网格"))
    w.selection.set(Item("zone", 3))
    assert not w.attributes.history.show_past.isEnabled()
    w.selection.set(Item("staff", 1))
    assert not w.attributes.history.show_past.isVisible()  # a person has no boundary


def test_the_former_boundary_is_not_drawn_while_the_map_is_dragged(history_window, qtbot):
    """A drag moves the last frame without a new view: the outline would stay behind, so it goes meanwhile."""
    w = history_window
    _edit_first_grid(w)
    w.selection.set(Item("zone", 3))
    w.attributes.history.show_past.setChecked(True)
    qtbot.waitUntil(lambda: _past_color_pixels(w, 100) > 10)
    w.canvas.set_drag_offset(0, 40)
    assert _past_color_pixels(w, 100) == 0
    w.canvas.set_drag_offset(0, 0)
    qtbot.waitUntil(lambda: _past_color_pixels(w, 100) > 10)
