"""Renaming zones (tree, attributes panel, context menu) as one undoable step, and
naming grids by serial in reading order, codes to match, offered after an edit
that leaves names and codes out of step."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from shapely.geometry import LineString

from gridmap.charts.content import ChartSource
from gridmap.commands.zones import DeleteZone, MergeZones, NameBySerial, RenameZone, SplitZone
from gridmap.model.changes import RowChange
from gridmap.model.entities import Zone
from gridmap.project import Project
from gridmap.zone_names.rules import LONGEST_ZONE_NAME, ZoneNameError
from gridmap.zone_names.serials import is_serial_name, parents_to_offer
from tests.factories import MOMENT, X0, Y0, box, small_tables

SPLIT_FIRST_GRID = LineString([(X0 + 53, Y0 - 5), (X0 + 53, Y0 + 105)])  # 第1网格's east part, between 1号楼 and 2号楼


def _names(project, parent_id):
    """(name, code) of a zone's children, west to east (the small project's grids lie in one row)."""
    kids = [z for z in project.tables["zones"].values() if z.parent_id == parent_id]
    return [(z.name, z.code) for z in sorted(kids, key=lambda z: z.geometry.bounds[0])]


# -- the commands ----------------------------------------------------------------------------

def test_a_rename_is_one_step_that_undo_and_redo_restore(project):
    assert project.undo_stack.push(RenameZone(2, "  新华北社区 "))
    assert project.tables["zones"][2].name == "新华北社区"  # outer spaces go
    assert project.undo_stack.undo_label == "Rename zone" and len(project.undo_stack) == 1
    project.undo_stack.undo()
    assert project.tables["zones"][2].name == "测试社区"
    project.undo_stack.redo()
    assert project.tables["zones"][2].name == "新华北社区"
    assert not project.undo_stack.push(RenameZone(2, "新华北社区"))  # the same name: no step


@pytest.mark.parametrize("name, key", [
    ("", "empty"), ("   ", "empty"), ("东\n网格", "control"), ("东\t网格", "control"), ("东\u202e网格", "control"),
    ("网" * (LONGEST_ZONE_NAME + 1), "long"), ("第2网格", "taken"), ("第２网格", "taken"),  # full-width 2 too
])
def test_a_bad_name_is_refused_and_changes_nothing(project, name, key):
    before, data = dict(project.tables["zones"]), project.path.read_bytes()
    with pytest.raises(ZoneNameError) as refused:
        project.undo_stack.push(RenameZone(3, name))
    assert refused.value.key == key
    assert project.tables["zones"] == before and not project.undo_stack.can_undo
    assert project.path.read_bytes() == data


def test_the_refusals_say_what_is_wrong():
    assert str(ZoneNameError("taken", parent="测试社区", name="第2网格")) == (
        "测试社区 already holds a zone named 第2网格: zones under one parent need different names")
    assert str(ZoneNameError("long", most=40, length=41)) == "a zone name holds at most 40 characters; this one has 41"


def test_naming_by_serial_follows_reading_order_and_renumbers_codes_to_match(project):
    heard = []  # the changes of each step, as the window hears them
    project.changed.connect(heard.append)
    assert project.undo_stack.push(SplitZone(3, SPLIT_FIRST_GRID))
    # the new east part of 第1网格 took the next serial: names follow codes, but not the map
    assert _names(project, 2) == [("第1网格", "410104099001001"), ("第3网格", "410104099001003"),
                                  ("第2网格", "410104099001002")]
    assert parents_to_offer(project, heard[-1]) == [2]
    assert project.undo_stack.push(NameBySerial([2]))
    assert _names(project, 2) == [("第1网格", "410104099001001"), ("第2网格", "410104099001002"),
                                  ("第3网格", "410104099001003")]
    assert project.undo_stack.undo_label == "Name grids by serial"
    assert not project.undo_stack.push(NameBySerial([2]))  # already in step: nothing to do
    project.undo_stack.undo()
    assert _names(project, 2)[1] == ("第3网格", "410104099001003")


def test_a_grid_with_a_name_of_its_own_keeps_it_and_its_serial(project):
    assert project.undo_stack.push(RenameZone(3, "实验小学专属网格"))
    assert project.undo_stack.push(SplitZone(4, LineString([(X0 + 120, Y0 - 5), (X0 + 120, Y0 + 105)])))
    assert project.undo_stack.push(NameBySerial([2]))
    assert _names(project, 2) == [("实验小学专属网格", "410104099001001"), ("第2网格", "410104099001002"),
                                  ("第3网格", "410104099001003")]


def test_micro_grids_are_named_by_their_level_and_follow_their_grid_s_new_code(tmp_path):
    tables = small_tables()
    grid_west, grid_east = tables["zones"][2], tables["zones"][3]
    tables["zones"][2:4] = [grid_west._replace(code="410104099001002"), grid_east._replace(code="410104099001001")]
    tables["zones"] += [Zone(7, "410104099001001002", "第2网格", 4, 4, box(100, 0, 150, 100)),  # as a split names it
                        Zone(8, "410104099001001001", "第1网格", 4, 4, box(150, 0, 200, 100))]
    project = Project.create(tmp_path / "m.gpkg", epsg=4547, tables=tables, meta={"title": "微"}, moment=MOMENT)
    try:
        assert project.undo_stack.push(NameBySerial([2, 4]))
        zones = project.tables["zones"]
        assert (zones[3].code, zones[4].code) == ("410104099001001", "410104099001002")  # west first
        assert (zones[7].name, zones[7].code) == ("第1微网格", "410104099001002001")
        assert (zones[8].name, zones[8].code) == ("第2微网格", "410104099001002002")
    finally:
        project.close()


def test_a_delete_or_a_merge_that_leaves_names_out_of_step_is_found(project):
    heard = []
    project.changed.connect(heard.append)
    assert project.undo_stack.push(SplitZone(3, SPLIT_FIRST_GRID))
    new = max(project.tables["zones"])
    assert project.undo_stack.push(DeleteZone(3, new))  # 第1网格 goes to the new 第3网格, west of 第2网格
    assert parents_to_offer(project, heard[-1]) == [2]
    project.undo_stack.undo()
    assert project.undo_stack.push(MergeZones([4, new]))  # 第2网格 keeps the east: 第1网格, 第2网格 in order
    assert parents_to_offer(project, heard[-1]) == []


def test_a_reshape_that_swaps_grids_is_found_only_if_it_put_them_out_of_step(project):
    zones = project.tables["zones"]
    west, east = zones[3], zones[4]
    swap = [RowChange("zones", west, west._replace(geometry=east.geometry)),  # as a partition keeping both ids may
            RowChange("zones", east, east._replace(geometry=west.geometry))]
    project.apply(swap, label="swap")
    assert parents_to_offer(project, swap) == [2]  # 第2网格 is now west of 第1网格
    back = [RowChange("zones", c.after, c.before) for c in swap]
    project.apply(back, label="swap back")
    assert parents_to_offer(project, back) == []  # in step again
    project.apply(swap, label="swap")
    again = [RowChange("zones", zones[4], zones[4]._replace(geometry=box(0, 0, 99, 100)))]  # 第2网格, still west
    project.apply(again, label="reshape")
    assert parents_to_offer(project, again) == []  # out of step before it already: not this edit's doing


def test_a_rename_or_a_reshape_offers_nothing(project):
    heard = []
    project.changed.connect(heard.append)
    project.undo_stack.push(RenameZone(3, "第9网格"))
    assert parents_to_offer(project, heard[-1]) == []  # only names changed: the planner chose this one


# -- the window ------------------------------------------------------------------------------



def _row(window, zone_id):
    index = window.tree.model.index_of("zone", zone_id)
    window.tree.view.scrollTo(index)
    return index


def _type_and_enter(qtbot, window, text, key=Qt.Key.Key_Return):
    """Type into the name editor that has just opened, then press ``key``."""
    qtbot.waitUntil(lambda: isinstance(window.focusWidget(), QLineEdit))
    editor = window.focusWidget()
    editor.selectAll()
    editor.insert(text)  # as typed through an input method (QTest types ASCII only)
    qtbot.keyClick(editor, key)


def test_f2_in_the_tree_renames_a_grid_enter_commits_and_escape_cancels(qtbot, small_window):
    w = small_window
    view = w.tree.view
    view.setFocus()
    view.setCurrentIndex(_row(w, 3))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    _type_and_enter(qtbot, w, "东片网格", Qt.Key.Key_Escape)
    assert w.project.tables["zones"][3].name == "第1网格" and not w.project.undo_stack.can_undo
    view.setCurrentIndex(_row(w, 3))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    _type_and_enter(qtbot, w, "东片网格")
    qtbot.waitUntil(lambda: w.project.tables["zones"][3].name == "东片网格")
    assert w.tree.model.data(_row(w, 3)) == "东片网格"
    assert w.attributes.rows()[0][1] == "东片网格"  # the selected grid's panel follows
    assert w.undo_actions.undo.isEnabled() and len(w.project.undo_stack) == 1
    w.undo_actions.undo.trigger()
    assert w.project.tables["zones"][3].name == "第1网格" and w.tree.model.data(_row(w, 3)) == "第1网格"
    w.undo_actions.redo.trigger()
    assert w.project.tables["zones"][3].name == "东片网格"


def _double_click(qtbot, view, index):
    where = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)  # a double-click starts as a click
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)


def test_a_double_click_renames_a_grid_but_opens_a_community(qtbot, small_window):
    w = small_window
    view = w.tree.view
    community = _row(w, 2)
    view.collapse(community)
    _double_click(qtbot, view, community)
    assert view.isExpanded(community) and w.focusWidget() is view  # opened, no editor
    grid = _row(w, 4)
    _double_click(qtbot, view, grid)
    _type_and_enter(qtbot, w, "西片网格")
    qtbot.waitUntil(lambda: w.project.tables["zones"][4].name == "西片网格")


def test_a_bad_name_in_the_tree_is_explained_and_changes_nothing(qtbot, small_window):
    w = small_window
    assert w.tree.edit_zone_name(3)
    _type_and_enter(qtbot, w, "第2网格")
    qtbot.waitUntil(lambda: w.zone_naming.refusal is not None)
    assert "测试社区" in w.zone_naming.refusal.text() and "第2网格" in w.zone_naming.refusal.text()
    assert w.project.tables["zones"][3].name == "第1网格" and not w.project.undo_stack.can_undo
    assert w.tree.model.data(_row(w, 3)) == "第1网格"
    w.zone_naming.refusal.close()


def test_the_attributes_panel_renames_the_selected_zone(qtbot, small_window):
    w = small_window
    w.tree.view.setCurrentIndex(_row(w, 2))
    assert w.attributes.rows()[0][1] == "测试社区"
    assert w.attributes.edit_name()
    _type_and_enter(qtbot, w, "新华北社区")
    qtbot.waitUntil(lambda: w.project.tables["zones"][2].name == "新华北社区")
    assert w.attributes.rows()[0][1] == "新华北社区" and w.tree.model.data(_row(w, 2)) == "新华北社区"
    assert w.attributes.edit_name()
    _type_and_enter(qtbot, w, "")  # refused: the panel shows the name the zone still has
    qtbot.waitUntil(lambda: w.zone_naming.refusal is not None)
    assert w.attributes.rows()[0][1] == "新华北社区" and len(w.project.undo_stack) == 1
    w.zone_naming.refusal.close()
    w.tree.view.setCurrentIndex(w.tree.model.index_of("building", 1))
    assert not w.attributes.edit_name()  # a building's number is not edited here


def test_the_context_menu_of_a_zone_renames_it_and_offers_the_zone_actions(qtbot, small_window):
    w = small_window
    menu = w.tree.row_menu(_row(w, 4))
    assert w.selection.item.id == 4  # the right-clicked row is what the actions act on
    names = [a.objectName() for a in menu.actions() if not a.isSeparator()]
    assert names[:2] == ["actionRenameZone", "actionNameBySerial"]
    assert {"actionMergeZone", "actionDeleteZone", "actionReparentZone"} <= set(names)
    next(a for a in menu.actions() if a.objectName() == "actionRenameZone").trigger()
    _type_and_enter(qtbot, w, "西片网格")
    qtbot.waitUntil(lambda: w.project.tables["zones"][4].name == "西片网格")
    menu.deleteLater()
    building = w.tree.row_menu(w.tree.model.index_of("building", 1))
    with qtbot.waitSignal(w.tree.building_opened) as opened:
        building.actions()[0].trigger()  # a building's row: its colour plan
    assert opened.args == [1]
    building.deleteLater()


def _offer(qtbot, window):
    qtbot.waitUntil(lambda: window.zone_naming.box is not None and window.zone_naming.box.isVisible())
    return window.zone_naming.box


def _answer(box, text):
    button = next(b for b in box.buttons() if b.text() == text or b.text().replace("&", "") == text)
    button.click()


def test_after_a_split_the_offer_names_the_grids_by_serial_and_the_chart_agrees(qtbot, small_window):
    w = small_window
    w.canvas.push(SplitZone(3, SPLIT_FIRST_GRID))
    box = _offer(qtbot, w)
    assert "测试社区" in box.text() and box.windowModality() == Qt.WindowModality.NonModal
    assert "第3网格（410104099001003）→ 第2网格（410104099001002）" in box.detailedText()
    _answer(box, box.buttons()[0].text())  # the default: name by serial
    assert _names(w.project, 2) == [("第1网格", "410104099001001"), ("第2网格", "410104099001002"),
                                    ("第3网格", "410104099001003")]
    assert w.zone_naming.box is None and w.project.undo_stack.undo_label == "Name grids by serial"
    w.zone_naming.rename(2, "新华北社区")
    charts = ChartSource(w.project).charts(next(iter(w.project.tables["compounds"].values())))
    assert charts.place == "测试街道 新华北社区 测试小区"  # the chart's title
    assert [(g.name, g.code[-3:]) for g in charts.grids] == [("第1网格", "001"), ("第2网格", "002"), ("第3网格", "003")]


def test_not_now_is_remembered_and_undo_withdraws_the_offer(qtbot, small_window):
    w = small_window
    w.canvas.push(SplitZone(3, SPLIT_FIRST_GRID))
    box = _offer(qtbot, w)
    box.reject()  # Esc: not now
    assert w.zone_naming.box is None
    w.project.undo_stack.undo()
    w.project.undo_stack.redo()  # the same state again: not asked again
    assert w.zone_naming.box is None
    w.project.undo_stack.undo()
    w.canvas.push(SplitZone(4, LineString([(X0 + 120, Y0 - 5), (X0 + 120, Y0 + 105)])))
    box = _offer(qtbot, w)  # another edit, another state: asked
    w.project.undo_stack.undo()
    assert w.zone_naming.box is None and not box.isVisible()


def test_a_renumber_offers_to_bring_the_names_along(qtbot, small_window):
    w = small_window
    w.project.undo_stack.push(SplitZone(3, SPLIT_FIRST_GRID))
    _offer(qtbot, w).reject()
    w.zone_actions.recode(True)  # Edit ▸ Renumber Zone Codes by Position: codes in reading order, names left behind
    assert _names(w.project, 2)[1] == ("第3网格", "410104099001002")
    box = _offer(qtbot, w)
    assert "第3网格（410104099001002）→ 第2网格（410104099001002）" in box.detailedText()
    _answer(box, box.buttons()[0].text())
    assert [n for n, _c in _names(w.project, 2)] == ["第1网格", "第2网格", "第3网格"]


def test_the_edit_menu_names_the_selected_zone_s_grids(qtbot, small_window):
    w = small_window
    w.project.undo_stack.push(SplitZone(3, SPLIT_FIRST_GRID))
    _offer(qtbot, w).reject()
    w.tree.view.setCurrentIndex(_row(w, 3))  # a grid: its siblings are named
    w.zone_naming.serial_action.trigger()
    assert [n for n, _c in _names(w.project, 2)] == ["第1网格", "第2网格", "第3网格"]
    w.zone_naming.serial_action.trigger()
    assert "测试社区" in w.statusBar().currentMessage() and len(w.project.undo_stack) == 2  # nothing more to do


def test_after_a_partition_through_its_dialog_the_grids_are_offered_their_serials(window, qtbot):
    from gridmap.codes import reading_order, serial_of
    from gridmap.selection import Item

    project = window.project
    community = next(z for z in project.tables["zones"].values() if z.name == "新华街社区")
    window.selection.set(Item("zone", community.id))
    window.partition_actions.partition.trigger()
    dialog = window.partition_actions.dialog
    dialog.count.setValue(5)  # one grid fewer: the grids left keep their names and codes, wherever they lie
    dialog.make_proposal()
    qtbot.waitUntil(lambda: dialog.proposal is not None, timeout=30000)
    dialog.accept_button.click()
    box = _offer(qtbot, window)
    assert community.name in box.text()
    _answer(box, box.buttons()[0].text())
    kids = reading_order([z for z in project.tables["zones"].values() if z.parent_id == community.id])
    assert [serial_of(z.code, community.code, 3) for z in kids] == [1, 2, 3, 4, 5]
    assert all(z.name == f"第{n}网格" or not is_serial_name(z.name, "网格") for n, z in enumerate(kids, 1))
    assert project.undo_stack.undo_label == "Name grids by serial"
