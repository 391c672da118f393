"""党员联户 picker (issue 18, point 5): members of the households' own grid
first, live search, namesakes told apart, loads that are right and follow the
link, a confirmation, cancel, one undo step, replacing and removing a link,
and the bad cases (no party member, no match, no rooms)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from gridmap.commands.staff import RemoveStaff
from gridmap.model.entities import Assignment, Staff
from gridmap.project import Project
from gridmap.staffing.initials import initials
from gridmap.staffing.party import ELSEWHERE, SAME_COMMUNITY, SAME_GRID
from gridmap.workbooks.values import masked_phone
from tests.factories import MOMENT, two_communities_tables
from tests.windows import shown_window

LI_NA, ZHANG_EAST, ZHANG_WEST, QIAN, ZHAO = 2, 11, 12, 13, 14


@pytest.fixture
def office(qtbot, tmp_path):
    """The main window on a small office: 东社区 (第1网格: 1号楼, 2号楼) and 西社区
    (第2, 第3网格: 3号楼). 李娜 looks after all 36 households (above the cap of 30);
    two 张三, one posted in 第1网格, one in 第3网格; 钱多 of 东社区 and 赵敏 of 西社区
    have no post yet."""
    tables = two_communities_tables()
    tables["staff"] += [Staff(ZHANG_EAST, "张三", "13812341234", frozenset({"联户党员", "楼栋长"}), 2, False),
                        Staff(ZHANG_WEST, "张三", "13998765678", frozenset({"联户党员", "楼栋长"}), 5, False),
                        Staff(QIAN, "钱多", "13700001111", frozenset({"联户党员"}), 2, False),
                        Staff(ZHAO, "赵敏", "", frozenset({"联户党员"}), 5, False)]
    tables["assignments"] += [Assignment(2, ZHANG_EAST, "building", 1, "楼栋长"),
                              Assignment(3, ZHANG_WEST, "building", 3, "楼栋长")]
    project = Project.create(tmp_path / "office.gpkg", epsg=4547, tables=tables, meta={"title": "测试"},
                             moment=MOMENT)
    window = shown_window(qtbot, project)
    yield window
    window.close()
    project.close()


def _homes(project, building_id: int, count: int) -> list[int]:
    return sorted(h.id for h in project.tables["households"].values() if h.building_id == building_id)[:count]


def _links(project) -> dict[int, int]:
    return {link.household_id: link.staff_id for link in project.tables["party_links"].values()}


def _open(window, qtbot, homes):
    """The picker as the plan opens it: through its link_requested signal."""
    window.plan.link_requested.emit(homes)
    picker = window.staff_actions.picker
    qtbot.waitExposed(picker)
    picker.resize(860, 600)
    return picker


def _rows(picker) -> dict[int, list[str]]:
    return {item.data(0, Qt.ItemDataRole.UserRole).staff_id: [item.text(c) for c in range(5)]
            for item in picker.member_items()}


def test_members_of_the_households_grid_come_first_under_group_labels(office, qtbot):
    picker = _open(office, qtbot, _homes(office.project, 1, 4))
    order = [(m.staff_id, m.nearness) for m in picker.visible_members()]
    assert [n for _s, n in order] == sorted(n for _s, n in order)
    assert {s for s, n in order if n == SAME_GRID} == {LI_NA, ZHANG_EAST}
    assert {s for s, n in order if n == SAME_COMMUNITY} == {QIAN}
    assert {s for s, n in order if n == ELSEWHERE} == {ZHANG_WEST, ZHAO}
    labels = [picker.tree.topLevelItem(i).text(0) for i in range(picker.tree.topLevelItemCount())]
    assert "第1网格" in labels[0] and "2" in labels[0]
    assert "东社区" in labels[1] and "1" in labels[1]
    assert len(labels) == 3
    assert picker.chosen().nearness == SAME_GRID  # the nearest is ready for Enter


def test_the_search_filters_live_by_name_initials_phone_digits_and_grid(office, qtbot):
    picker = _open(office, qtbot, _homes(office.project, 1, 4))
    assert initials("张三") == "zs" and initials("钱多") == "qd"
    for text, expected in (("张三", {ZHANG_EAST, ZHANG_WEST}), ("zs", {ZHANG_EAST, ZHANG_WEST}),
                           ("5678", {ZHANG_WEST}), ("第3网格", {ZHANG_WEST}), ("西社区", {ZHANG_WEST, ZHAO}),
                           ("QD", {QIAN})):
        picker.search.clear()
        if text.isascii():  # typed, as a user would (QTest types ASCII only)
            qtbot.keyClicks(picker.search, text)
        else:
            picker.search.setText(text)
        assert {m.staff_id for m in picker.visible_members()} == expected, text
        assert str(len(expected)) in picker.count.text()
    picker.search.clear()
    picker.search.setText("欧阳")
    assert picker.visible_members() == [] and picker.chosen() is None
    assert "欧阳" in picker.count.text() and "c00000" in picker.count.styleSheet()
    assert not picker.choose_button.isEnabled()
    assert all(picker.tree.topLevelItem(i).isHidden() for i in range(picker.tree.topLevelItemCount()))
    picker.search.clear()
    assert len(picker.visible_members()) == 5 and picker.choose_button.isEnabled()
    picker.tree.setFocus()
    qtbot.keyClicks(picker.tree, "zs")  # typing in the list types into the search
    assert picker.search.text() == "zs" and len(picker.visible_members()) == 2


def test_namesakes_show_their_grid_community_and_masked_phone(office, qtbot):
    picker = _open(office, qtbot, _homes(office.project, 1, 4))
    rows = _rows(picker)
    east, west = rows[ZHANG_EAST], rows[ZHANG_WEST]
    assert east[0] == west[0] == "张三"
    assert masked_phone("13812341234") == "138****1234"
    assert east[1:4] == ["第1网格", "东社区", "138****1234"]
    assert west[1:4] == ["第3网格", "西社区", "139****5678"]
    assert "13812341234" not in " ".join(east)


def test_the_load_is_right_shows_overload_and_follows_the_link(office, qtbot):
    project = office.project
    picker = _open(office, qtbot, _homes(project, 1, 4))
    rows = _rows(picker)
    assert rows[LI_NA][4] == picker.tr("%1, over the cap").replace("%1", "36 / 30") and rows[QIAN][4] == "0 / 30"
    over = next(i for i in picker.member_items() if i.data(0, Qt.ItemDataRole.UserRole).staff_id == LI_NA)
    assert over.foreground(4).color().name() == "#c00000" and over.toolTip(4)
    fine = next(i for i in picker.member_items() if i.data(0, Qt.ItemDataRole.UserRole).staff_id == QIAN)
    assert fine.foreground(4).color().name() != "#c00000"
    qtbot.keyClicks(picker.search, "qd")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    qtbot.keyClick(picker.confirm_button, Qt.Key.Key_Return)
    assert picker.result() == QDialog.DialogCode.Accepted
    again = _open(office, qtbot, _homes(project, 2, 3))
    rows = _rows(again)
    assert rows[LI_NA][4].startswith("32 / 30") and rows[QIAN][4] == "4 / 30"


def test_the_confirmation_states_the_link_and_it_is_one_undo_step(office, qtbot):
    project = office.project
    homes = _homes(project, 1, 4)
    picker = _open(office, qtbot, homes)
    qtbot.keyClicks(picker.search, "zs")
    assert picker.chosen().staff_id == ZHANG_EAST
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)  # arrows work while the search has the focus
    assert picker.chosen().staff_id == ZHANG_WEST
    qtbot.keyClick(picker.search, Qt.Key.Key_Up)
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.pages.currentIndex() == 1 and _links(project) == dict.fromkeys(range(1, 37), LI_NA)
    text = picker.statement.text()
    for part in ("4", "测试小区 1号楼", "张三", "第1网格", "138****1234", "李娜", "138****0002", "32"):
        assert part in text, part
    assert "4" in text.splitlines()[-1] and "0" in text.splitlines()[-1]  # load 0 → 4
    assert picker.confirm_button.text() == picker.tr("Replace") and picker.confirm_button.isDefault()
    changes = picker.changes
    rows = [[changes.topLevelItem(i).text(c) for c in range(3)] for i in range(changes.topLevelItemCount())]
    assert [r[0] for r in rows] == ["1单元101", "1单元102", "1单元201", "1单元202"]
    assert all("李娜" in now and "张三" in after and "138****1234" in after for _room, now, after in rows)
    qtbot.keyClick(picker.confirm_button, Qt.Key.Key_Return)
    links = _links(project)
    assert [links[h] for h in homes] == [ZHANG_EAST] * 4 and list(links.values()).count(LI_NA) == 32
    message = office.statusBar().currentMessage()
    assert "张三" in message and "138****1234" in message and "4" in message
    assert office.undo_actions.undo.text() == "撤销 党员联户"
    office.undo_actions.undo.trigger()
    assert _links(project) == dict.fromkeys(range(1, 37), LI_NA)
    assert not project.undo_stack.can_undo


def test_cancel_and_escape_leave_nothing_changed(office, qtbot):
    project = office.project
    before = _links(project)
    picker = _open(office, qtbot, _homes(project, 1, 4))
    qtbot.keyClicks(picker.search, "qd")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.pages.currentIndex() == 1
    qtbot.keyClick(picker.confirm_button, Qt.Key.Key_Escape)  # Escape on the confirmation: back to the list
    assert picker.pages.currentIndex() == 0 and picker.isVisible() and picker.search.text() == "qd"
    qtbot.keyClick(picker.search, Qt.Key.Key_Escape)
    assert not picker.isVisible() and picker.result() == QDialog.DialogCode.Rejected
    assert _links(project) == before and not project.undo_stack.can_undo


def test_a_household_linked_to_someone_else_names_them_and_asks_to_replace(office, qtbot):
    project = office.project
    homes = _homes(project, 3, 2)
    picker = _open(office, qtbot, homes)
    current = picker.current.text()
    assert picker.current.isVisible() and "李娜" in current and "东社区" in current and "138****0002" in current
    assert picker.unlink_button.isVisible()
    picker.search.setText("赵敏")
    picker.choose_button.click()
    assert "李娜" in picker.statement.text() and "赵敏" in picker.statement.text()
    assert picker.confirm_button.text() == picker.tr("Replace")
    picker.confirm_button.click()
    assert [_links(project)[h] for h in homes] == [ZHAO, ZHAO]
    again = _open(office, qtbot, homes)  # the same member again: nothing to change, said so
    again.search.setText("赵敏")
    again.choose_button.click()
    assert not again.confirm_button.isEnabled() and "赵敏" in again.statement.text()


def test_removing_the_link_is_confirmed_and_undone_in_one_step(office, qtbot):
    project = office.project
    homes = _homes(project, 2, 3)
    picker = _open(office, qtbot, homes)
    picker.unlink_button.click()
    text = picker.statement.text()
    assert "3" in text and "测试小区 2号楼" in text and "李娜" in text and "33" in text  # 36 − 3
    assert picker.confirm_button.text() == picker.tr("Remove Link")
    picker.confirm_button.click()
    assert not set(homes) & set(_links(project))
    assert "3" in office.statusBar().currentMessage()
    office.undo_actions.undo.trigger()
    assert all(_links(project)[h] == LI_NA for h in homes)


def test_without_party_members_it_says_so_and_offers_to_add_one(office, qtbot, monkeypatch):
    from ui.staff.staff_dialog import StaffDialog

    project = office.project
    members = [s.id for s in project.tables["staff"].values() if "联户党员" in s.roles]
    project.undo_stack.push(RemoveStaff(members))
    asked, offered = [], []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text: asked.append(text)
                        or QMessageBox.StandardButton.No)
    assert office.staff_actions.link_households(_homes(project, 1, 2)) is None
    assert asked and office.staff_actions.picker is None

    def fill(dialog):
        offered.append((dialog.role_boxes["联户党员"].isChecked(), dialog.community.currentText()))
        dialog.name.setText("孙立")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(StaffDialog, "exec", fill)
    picker = office.staff_actions.link_households(_homes(project, 1, 2))
    assert offered == [(True, "东社区")]
    assert [m.name for m in picker.visible_members()] == ["孙立"]
    picker.close()


def test_no_rooms_chosen_is_said_in_the_status_bar(office):
    assert office.staff_actions.link_households([]) is None
    assert office.statusBar().currentMessage() == office.staff_actions.tr("Select rooms on the plan first")


def test_the_picker_fits_a_1366_by_768_screen(office, qtbot):
    picker = _open(office, qtbot, _homes(office.project, 1, 4))
    picker.adjustSize()
    hint = picker.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 700


def test_the_plan_button_opens_the_picker_for_the_chosen_rooms(window):
    """On the demo, end to end: rooms chosen on the plan, its button, the nearest
    members first, a confirmed link as one undo step."""
    project = window.project
    building = min(h.building_id for h in project.tables["households"].values())  # one with homes
    window.view_actions.open_plan(building)
    plan = window.plan.canvas
    plan.selected = frozenset(sorted(plan.layout_.cells)[:4])
    homes = sorted(plan.selected_households())
    window.plan.link_button.click()
    picker = window.staff_actions.picker
    assert picker.household_ids == homes and picker.chosen().nearness == SAME_GRID
    assert {m.staff_id for m in picker.members} == {
        s.id for s in project.tables["staff"].values() if "联户党员" in s.roles}
    member = next(m for m in picker.visible_members() if picker.linked.get(m.staff_id, 0) < len(homes))
    picker.choose(member)
    picker.confirm_button.click()
    assert [_links(project)[h] for h in homes] == [member.staff_id] * len(homes)
    assert window.undo_actions.undo.text() == "撤销 党员联户"
