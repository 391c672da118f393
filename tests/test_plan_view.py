"""The colour plan as a user meets it: a window big enough to read, zoom and fit,
rooms chosen as cells of a spreadsheet, tags that act on the first click, every
control labelled, and the household's party member shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QFormLayout, QLabel

from gridmap.commands.staff import LinkHouseholds
from gridmap.plans.selection import RoomSelection, rectangle


def _building(project, rows: int = 3, columns: int = 3) -> int:
    """The first building with households whose plan has at least ``rows`` × ``columns`` rooms."""
    from gridmap.plans.layout import plan_layout

    t = project.tables
    for building in sorted(t["buildings"].values(), key=lambda b: b.id):
        homes = [h for h in t["households"].values() if h.building_id == building.id]
        units = [u for u in t["units"].values() if u.building_id == building.id]
        layout = plan_layout(building, units, homes)
        if homes and layout.shape[0] >= rows and layout.shape[1] >= columns and len(layout.cells) == len(homes):
            return building.id
    raise AssertionError("the demo has no building with a full plan")


@pytest.fixture
def plan(window):
    window.view_actions.open_plan(_building(window.project))
    window.plan_window.resize(1366, 768)
    QApplication.processEvents()  # the window lays out; the plan fits it
    return window.plan


def _click(canvas, qtbot, cell, modifiers=Qt.KeyboardModifier.NoModifier):
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, modifiers, canvas.cell_pixels(cell).center())


# -- selection rules, without a screen ---------------------------------------------

def test_a_shift_range_is_the_rectangle_of_floors_and_room_columns():
    rooms = RoomSelection((5, 6))
    rooms.press((1, 1))
    rooms.press((3, 4), shift=True)
    assert rooms.cells == rectangle((1, 1), (3, 4)) and len(rooms.cells) == 12
    rooms.press((0, 0), shift=True)  # the anchor stays: the range turns about it
    assert rooms.cells == rectangle((0, 0), (1, 1))
    rooms.press((4, 5), ctrl=True)  # Ctrl adds one and becomes the anchor
    assert rooms.cells == rectangle((0, 0), (1, 1)) | {(4, 5)}
    rooms.press((4, 3), shift=True, ctrl=True)  # Ctrl+Shift: a second range added to the first
    assert rooms.cells == rectangle((0, 0), (1, 1)) | rectangle((4, 3), (4, 5))
    rooms.press((0, 0), ctrl=True)  # Ctrl on a chosen room takes it out
    assert (0, 0) not in rooms.cells and (1, 1) in rooms.cells
    rooms.move(0, 1)
    assert rooms.cells == {(0, 1)}
    rooms.move(1, 1, extend=True)
    rooms.move(9, 0, extend=True)  # stops at the plan's edge
    assert rooms.cells == rectangle((0, 1), (4, 2))
    rooms.reshape((2, 2))  # the plan shrank under an undo
    assert rooms.cells == {(0, 1), (1, 1)}


# -- the window --------------------------------------------------------------------

def test_the_plan_opens_in_a_big_window_of_its_own_fitted_to_it(window, plan):
    plan_window = window.plan_window
    assert plan_window.isVisible() and plan_window.isWindow() and plan_window.parentWidget() is window
    assert not any(d.widget() is plan for d in window.docks.values())  # not squeezed under the map
    view = plan.scroll.viewport().size()
    assert view.height() > 500 and view.width() > 800  # at 1366 × 768
    width, height = plan.canvas.plan_size()
    assert plan.fit_mode and plan.canvas.zoom > 1.2  # a small plan is drawn bigger, to be read
    assert plan.canvas.width() <= view.width() and plan.canvas.height() <= view.height()
    assert plan.canvas.width() >= view.width() - 8 or plan.canvas.height() >= view.height() - 8  # fills one way
    assert plan.zoom_label.text() == f"{round(plan.canvas.zoom * 100)}%"
    assert (width, height) == plan.canvas.geometry_.size(plan.canvas.layout_)
    assert window.plan.title.text() in plan_window.windowTitle()


def test_zoom_by_keys_buttons_and_ctrl_wheel_then_fit(plan, qtbot):
    canvas = plan.canvas
    fitted = canvas.zoom
    qtbot.keyClick(canvas, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert canvas.zoom == pytest.approx(fitted * 1.25) and not plan.fit_mode
    qtbot.keyClick(canvas, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert canvas.zoom == pytest.approx(fitted)
    for _ in range(3):
        plan.zoom_in_button.click()
    assert canvas.zoom == pytest.approx(min(fitted * 1.25 ** 3, 4.0))
    assert plan.scroll.verticalScrollBar().maximum() > 0  # larger than the view: it scrolls
    before = canvas.zoom
    middle = QPointF(canvas.width() / 2, canvas.height() / 2)
    wheel = QWheelEvent(middle, canvas.mapToGlobal(middle), QPoint(), QPoint(0, -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas, wheel)
    assert canvas.zoom == pytest.approx(before * 0.8)
    plan.zoom_out_button.click()
    assert canvas.zoom == pytest.approx(before * 0.8 / 1.25)
    qtbot.keyClick(canvas, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert plan.fit_mode and canvas.zoom == pytest.approx(fitted)
    plan.zoom_in_button.click()
    plan.fit_button.click()
    assert canvas.zoom == pytest.approx(fitted)


def test_the_windows_place_size_divider_and_zoom_come_back_next_start(window, plan, qtbot):
    from ui.main_window import MainWindow
    from ui.settings import Settings

    window.plan_window.setGeometry(40, 30, 720, 560)  # within the offscreen screen's 800 × 800
    plan.splitter.setSizes([400, 300])
    plan.set_zoom(1.5)
    window.plan_window.close()
    assert not window.plan_window.isVisible()
    again = MainWindow(Settings.default())  # the next start reads the same settings
    qtbot.addWidget(again)
    assert again.plan_window.panel.canvas.zoom == pytest.approx(1.5) and not again.plan_window.panel.fit_mode
    again.plan_window.show_plan()
    assert again.plan_window.size().toTuple() == (720, 560)
    assert again.plan_window.panel.splitter.sizes()[1] == plan.splitter.sizes()[1]
    again.plan_window.close()


def test_rooms_are_chosen_as_in_a_spreadsheet(plan, qtbot):
    canvas, editor = plan.canvas, plan.editor
    _click(canvas, qtbot, (0, 0))
    assert canvas.selected == {(0, 0)}
    _click(canvas, qtbot, (2, 1), Qt.KeyboardModifier.ShiftModifier)
    assert canvas.selected == rectangle((0, 0), (2, 1))
    assert editor.household_ids == tuple(sorted(canvas.selected_households())) and len(editor.household_ids) == 6
    _click(canvas, qtbot, (1, 0), Qt.KeyboardModifier.ControlModifier)
    assert canvas.selected == rectangle((0, 0), (2, 1)) - {(1, 0)}
    # a drag from one room to another chooses the rectangle between them
    start, end = canvas.cell_pixels((0, 1)).center(), canvas.cell_pixels((2, 2)).center()
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    QApplication.sendEvent(canvas, QMouseEvent(QEvent.Type.MouseMove, QPointF(end), canvas.mapToGlobal(QPointF(end)),
                                               Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton,
                                               Qt.KeyboardModifier.NoModifier))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)
    assert canvas.selected == rectangle((0, 1), (2, 2))
    qtbot.keyClick(canvas, Qt.Key.Key_Down)  # arrows move from the room the drag ended on
    assert canvas.selected == {(2, 2)} or canvas.selected == {(3, 2)}
    here = max(canvas.selected)
    qtbot.keyClick(canvas, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(canvas, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert canvas.selected == rectangle(here, (here[0] - 1, here[1] - 1))
    qtbot.keyClick(canvas, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert canvas.selected_households() == frozenset(canvas.layout_.cells.values())


def test_a_tag_click_sets_it_on_every_chosen_room_then_clears_it_each_one_step(window, plan, qtbot):
    project, canvas, editor = window.project, plan.canvas, plan.editor
    homes = project.tables["households"]
    cells = sorted(canvas.layout_.cells)
    # a tag some chosen rooms have and some do not: the box is half-checked
    tag, chosen = next((t.name, frozenset(cells[k:k + 6])) for t in project.tag_defs for k in range(len(cells) - 6)
                       if 0 < sum(t.name in homes[canvas.layout_.cells[c]].tags for c in cells[k:k + 6]) < 6)
    canvas.selected = chosen
    editor.edit(project, canvas.selected_households())
    ids = canvas.selected_households()
    box = editor.tags[tag]
    assert box.checkState() == Qt.CheckState.PartiallyChecked
    undo = window.undo_actions.undo
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # on the box itself
    assert all(tag in homes[h].tags for h in ids)  # on the first click, for all
    assert box.checkState() == Qt.CheckState.Checked
    assert undo.text() == "撤销 批量修改住户"
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # on the box itself
    assert not any(tag in homes[h].tags for h in ids)  # the second click clears it from all
    assert box.checkState() == Qt.CheckState.Unchecked
    undo.trigger()
    assert all(tag in homes[h].tags for h in ids)  # one step back: all still have it
    undo.trigger()
    assert 0 < sum(tag in homes[h].tags for h in ids) < len(ids)  # and back to as it was
    assert box.checkState() == Qt.CheckState.PartiallyChecked


def test_a_tag_click_keeps_what_was_typed_and_not_applied(window, plan, qtbot):
    project, canvas, editor = window.project, plan.canvas, plan.editor
    canvas.selected = {(0, 0)}
    editor.edit(project, canvas.selected_households())
    editor.note.setText("楼道灯坏了")
    tag = next(iter(editor.tags))
    editor.tags[tag].click()
    assert editor.note.text() == "楼道灯坏了"  # not thrown away by the tag's edit
    assert editor.apply()
    household = project.tables["households"][next(iter(canvas.selected_households()))]
    assert household.note == "楼道灯坏了"


def test_every_control_is_labelled_and_the_hint_is_not_cut(plan):
    window = plan.window()
    editor = plan.editor
    form = editor.findChild(QFormLayout)
    labels = {label.buddy() for label in window.findChildren(QLabel) if label.buddy() is not None}
    for field in window.findChildren(QComboBox) + window.findChildren(QAbstractSpinBox):
        if not field.isVisibleTo(window) or isinstance(field.parentWidget(), QAbstractSpinBox):
            continue
        labelled = field in labels or (form is not None and form.labelForField(field) is not None)
        assert labelled, field.objectName()
        assert field.toolTip(), field.objectName()
    for button in (plan.zoom_in_button, plan.zoom_out_button, plan.fit_button, plan.link_button, plan.sheet_button):
        assert button.toolTip()
    for label in (editor.hint, editor.tags_hint, editor.heading):
        assert label.wordWrap()
    editor.edit(plan.project, ())
    QApplication.processEvents()
    hint = editor.hint
    assert hint.height() >= hint.heightForWidth(hint.width())  # every line of it shows
    assert hint.width() <= editor.width()


def test_the_households_party_member_is_shown_and_marked(window, plan, qtbot):
    project, canvas, editor = window.project, plan.canvas, plan.editor
    member = next(s for s in project.tables["staff"].values() if "联户党员" in s.roles)
    cell = sorted(canvas.layout_.cells)[0]
    household = canvas.layout_.cells[cell]
    assert project.undo_stack.push(LinkHouseholds(member.id, [household]))
    _click(canvas, qtbot, cell)
    assert member.name in editor.party.text()
    assert member.phone[-4:] in editor.party.text() and member.phone not in editor.party.text()  # masked
    plan.party_marks.setChecked(True)
    canvas.selected = ()  # the selection's frame would cover the corner
    corner = canvas.cell_pixels(cell)
    image = canvas.grab().toImage()
    pixel = image.pixelColor(corner.right() - max(int(3 * canvas.zoom), 2), corner.top() + max(int(2 * canvas.zoom), 2))
    assert (pixel.red(), pixel.green(), pixel.blue()) == (0xd4, 0x16, 0x1c)  # the red corner of 党员联户
    plan.highlight.setCurrentIndex(plan.highlight.findData("unlinked"))
    assert household not in canvas.highlighted
    assert canvas.highlighted == frozenset(canvas.layout_.cells.values()) - canvas.linked


def test_the_compound_sheet_is_a_child_window_that_closes_with_the_program(window, plan):
    plan.show_sheet()
    sheet_window = plan.sheet_window
    assert sheet_window.isVisible() and sheet_window.isWindow()
    assert sheet_window.parentWidget() is window.plan_window  # tracked: Qt closes it with its parents
    window.plan_window.close()
    assert not sheet_window.isVisible() or plan.sheet_window is None


def test_the_view_menu_opens_the_plan_of_the_selected_building(window):
    from gridmap.selection import Item

    building = _building(window.project)
    window.selection.set(Item("building", building))
    window.view_actions.colour_plan.trigger()
    assert window.plan_window.isVisible() and window.plan.building_id == building
