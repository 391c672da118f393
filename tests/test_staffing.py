"""Staffing (定格、定人、定职): the rules over the demo, the commands, the
roster workbook in and out, and the command line."""

import json
import sqlite3

import pytest
from openpyxl import Workbook

from gridmap.cli import main
from gridmap.commands.staff import AddStaff, Assign, EditStaff, LinkHouseholds, RemoveStaff, Unassign
from gridmap.errors import EditError
from gridmap.model.changes import RowChange
from gridmap.model.entities import Assignment, Level
from gridmap.project import Project
from gridmap.rules.report import report
from gridmap.staffing.check import check_staffing
from gridmap.staffing.settings import StaffingSettings
from gridmap.staffing.workload import grid_cover, person_loads
from tests.old_schemas import undo_schema_6
from gridmap.workbooks.staff_roster import (
    ImportStaffRoster, preview_staff_roster, read_staff_roster, roster_sheets, write_staff_roster,
)


@pytest.fixture
def demo(demo_copy):
    project = Project.open(demo_copy, user="tester")
    yield project
    project.close()


def _xinhua(project):
    return next(z for z in project.tables["zones"].values() if z.name == "新华街社区")


def _posts(project):
    staff = project.tables["staff"]
    return sorted((staff[a.staff_id].name, staff[a.staff_id].phone, a.target_kind, a.target_id, a.role)
                  for a in project.tables["assignments"].values())


def _links(project):
    staff = project.tables["staff"]
    return sorted((staff[link.staff_id].name, staff[link.staff_id].phone, link.household_id)
                  for link in project.tables["party_links"].values())


def _people(project):
    return sorted((s.name, s.phone, tuple(sorted(s.roles)), s.community_id, s.phone_public, s.note)
                  for s in project.tables["staff"].values())


def test_the_demo_xinhua_community_is_fully_staffed(demo):
    assert check_staffing(demo) == []
    cover = grid_cover(demo, _xinhua(demo).id)
    assert len(cover) == 6
    assert sum(len(c.chiefs) for c in cover) == 6 and sum(len(c.members) for c in cover) == 12
    assert sum(c.buildings for c in cover) == sum(c.buildings_with_head for c in cover) == 54
    assert sum(c.households for c in cover) == 2449
    assert sum(c.linked for c in cover) == sum(c.occupied for c in cover)


def test_removing_a_grid_chief_is_reported_as_exactly_that_gap(demo, capsys):
    grid = grid_cover(demo, _xinhua(demo).id)[0]
    chief = next(s for s in demo.tables["staff"].values() if s.name == grid.chiefs[0] and "网格长" in s.roles)
    demo.undo_stack.push(RemoveStaff([chief.id]))
    path = demo.path
    assert main(["staff", str(path), "--check", "--json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert found["problems"] == 1
    item = found["items"][0]
    assert item["rule"] == "staff_too_few" and [z["id"] for z in item["zones"]] == [grid.zone_id]
    assert item["message"] == f"too few staff in a role: 新华街社区 {grid.name} has 0 网格长 (wants exactly 1)"
    demo.undo_stack.undo()
    assert main(["staff", str(path), "--check"]) == 0
    assert capsys.readouterr().out.strip() == f"0 staffing problems in {path}"


def test_roster_round_trip_into_a_copy_without_staff(demo, tmp_path):
    posts, links = roster_sheets(demo)
    write_staff_roster(tmp_path / "roster.xlsx", posts, links)
    before = (_posts(demo), _links(demo), _people(demo))
    demo.undo_stack.push(RemoveStaff(list(demo.tables["staff"])))
    assert not demo.tables["staff"] and not demo.tables["assignments"] and not demo.tables["party_links"]
    preview = preview_staff_roster(demo, *read_staff_roster(tmp_path / "roster.xlsx"))
    assert preview.count("error") == 0 and preview.count("new") == len(preview.rows) == len(posts) + len(links)
    demo.undo_stack.push(ImportStaffRoster(*read_staff_roster(tmp_path / "roster.xlsx")))
    assert (_posts(demo), _links(demo), _people(demo)) == before
    assert check_staffing(demo) == []
    again = preview_staff_roster(demo, *read_staff_roster(tmp_path / "roster.xlsx"))
    assert again.count("unchanged") == len(again.rows)  # importing twice adds nothing
    demo.undo_stack.undo()
    assert not demo.tables["staff"]


def test_bad_rows_are_named_and_only_good_rows_are_written(demo, tmp_path):
    grid = grid_cover(demo, _xinhua(demo).id)[0]
    someone = next(iter(demo.tables["staff"].values()))
    demo.undo_stack.push(AddStaff(someone.name + "二", "13700000001"))
    twin = demo.tables["staff"][max(demo.tables["staff"])]
    # a second record with the same name and phone, as an old spreadsheet import would leave
    demo.commit([RowChange("staff", None, twin._replace(id=demo.new_id("staff")))], label="test")
    book = Workbook()
    sheet = book.active
    sheet.title = "分工"
    sheet.append(["姓名", "联系电话", "职责", "网格编码", "小区", "楼栋", "单元"])
    sheet.append(["新人甲", "13912345678", "网格员", grid.code, "", "", ""])  # good
    sheet.append(["新人乙", "1391234567", "网格员", grid.code, "", "", ""])  # short phone
    sheet.append(["新人丙", "13912345679", "网格员", "410104099999999", "", "", ""])  # zone gone
    sheet.append(["新人丁", "13912345670", "楼栋长", "", "新华里小区", "99号楼", ""])  # no such building
    sheet.append([twin.name, twin.phone, "志愿者", "", "", "", ""])  # on the roster twice
    sheet.append(["", "13912345671", "志愿者", "", "", "", ""])  # no name
    links = book.create_sheet("党员联户")
    links.append(["姓名", "联系电话", "小区", "楼栋", "单元", "房号"])
    links.append(["新人甲", "13912345678", "新华里小区", "1号楼", "1单元", "9901"])
    links.append(["无名氏", "13900000000", "新华里小区", "1号楼", "1单元", "101"])
    book.save(tmp_path / "bad.xlsx")
    preview = preview_staff_roster(demo, *read_staff_roster(tmp_path / "bad.xlsx"))
    reasons = {(r.sheet, r.number): [i.text() for i in r.issues] for r in preview.rows}
    assert reasons == {
        ("分工", 2): [],
        ("分工", 3): [("the phone 1391234567 is neither an 11-digit mobile nor a landline with its area code "
                      "(0371-61234567)")],
        ("分工", 4): ["there is no zone with code 410104099999999 (deleted or renumbered?)"],
        ("分工", 5): ["there is no building 99号楼 in 新华里小区"],
        ("分工", 6): [f"{twin.name} with this phone is on the roster twice: remove one of them first"],
        ("分工", 7): ["the name is blank"],
        ("党员联户", 2): ["there is no household at 新华里小区 1号楼 1单元 9901"],
        ("党员联户", 3): ["无名氏 is neither on the roster nor in the 分工 sheet"],
    }
    staff_before = len(demo.tables["staff"])
    demo.undo_stack.push(ImportStaffRoster(*read_staff_roster(tmp_path / "bad.xlsx")))
    added = [s for s in demo.tables["staff"].values() if s.name.startswith("新人")]
    assert [(s.name, s.phone, s.roles) for s in added] == [("新人甲", "13912345678", frozenset({"网格员"}))]
    assert len(demo.tables["staff"]) == staff_before + 1
    demo.undo_stack.undo()
    assert len(demo.tables["staff"]) == staff_before


def test_commands_keep_posts_and_links_whole(demo):
    grid = grid_cover(demo, _xinhua(demo).id)[0]
    demo.undo_stack.push(AddStaff("测试员", "0371-61234567", community_id=_xinhua(demo).id))
    person = max(demo.tables["staff"])
    assert demo.tables["staff"][person].phone == "0371-61234567"
    demo.undo_stack.push(Assign(person, "zone", grid.zone_id, "网格员"))
    assert "网格员" in demo.tables["staff"][person].roles
    with pytest.raises(EditError, match="already 网格员 there"):
        demo.undo_stack.push(Assign(person, "zone", grid.zone_id, "网格员"))
    with pytest.raises(EditError, match="already on the roster"):
        demo.undo_stack.push(AddStaff("测试员", "0371 6123 4567"))
    with pytest.raises(EditError, match="neither an 11-digit mobile"):
        demo.undo_stack.push(EditStaff(person, phone="12345"))
    homes = sorted(h.id for h in demo.tables["households"].values() if h.building_id == 1)[:3]
    old_members = {link.household_id: link.staff_id for link in demo.tables["party_links"].values()}
    demo.undo_stack.push(LinkHouseholds(person, homes))
    now = {link.household_id: link.staff_id for link in demo.tables["party_links"].values()}
    assert all(now[h] == person for h in homes) and len(now) == len(old_members)  # moved, not doubled
    assert "联户党员" in demo.tables["staff"][person].roles
    demo.undo_stack.push(RemoveStaff([person]))
    assert person not in demo.tables["staff"]
    assert not [a for a in demo.tables["assignments"].values() if a.staff_id == person]
    assert not [link for link in demo.tables["party_links"].values() if link.staff_id == person]
    assert check_staffing(demo) != []  # those three households lost their party member
    for _ in range(4):
        demo.undo_stack.undo()
    assert {link.household_id: link.staff_id for link in demo.tables["party_links"].values()} == old_members
    assert check_staffing(demo) == []
    assignment = next(a for a in demo.tables["assignments"].values() if a.role == "网格员")
    demo.undo_stack.push(Unassign([assignment.id]))
    assert [p.rule for p in check_staffing(demo)] == ["staff_too_few"]


def test_overloads_bad_phones_twins_and_dangling_posts_are_reported(demo):
    member = next(s for s in demo.tables["staff"].values() if "联户党员" in s.roles)
    homes = sorted(h.id for h in demo.tables["households"].values())[:31]
    demo.undo_stack.push(LinkHouseholds(member.id, homes))
    twin = next(s for s in demo.tables["staff"].values() if s.id != member.id)
    next_id = demo.new_id("staff")
    demo.new_id("staff"), demo.new_id("staff")  # the next two: ids of records written behind the commands' back
    post = demo.new_id("assignments")
    demo.commit([RowChange("staff", None, twin._replace(id=next_id)),
                 RowChange("staff", twin, twin._replace(phone="5551234")),
                 RowChange("staff", None, twin._replace(id=next_id + 1, name="重名", phone="13800000009")),
                 RowChange("staff", None, twin._replace(id=next_id + 2, name="重名", phone="138-0000-0009")),
                 RowChange("assignments", None, Assignment(post, twin.id, "building", 999999, "楼栋长"))],
                label="test")
    found = {(p.rule, p.staff) for p in check_staffing(demo)}
    assert ("party_overload", (member.id,)) in found
    assert ("staff_phone", (twin.id,)) in found
    assert ("staff_duplicate", (next_id + 1, next_id + 2)) in found
    assert ("assignment_dangling", (twin.id,)) in found
    lines = [item["message"] for item in report(demo, check_staffing(demo))["items"]]
    assert any(line.startswith("party member above the workload cap: ") and "linked to" in line and "(cap 30)" in line
               for line in lines)


def test_settings_come_from_the_project_and_bad_ones_fall_back():
    assert StaffingSettings.from_meta({}).roles == {"grid": {"网格长": (1, 1), "网格员": (2, None)}}
    custom = StaffingSettings.from_meta({"staffing": json.dumps(
        {"roles": {"grid": {"网格长": [1, 1], "网格员": [3, None]}, "片区": {"网格长": [1, 1]}}, "party_cap": 25})})
    assert custom.roles == {"grid": {"网格长": (1, 1), "网格员": (3, None)}} and custom.party_cap == 25
    assert StaffingSettings.from_meta({"staffing": "not json"}) == StaffingSettings()
    assert StaffingSettings.from_meta({"staffing": custom.to_meta()}) == custom
    # a file of schema 5 keys the roles by depth: the project's levels say whose they are
    old = json.dumps({"roles": {"3": {"网格员": [3, None]}, "4": {"网格长": [1, 1]}}})
    levels = [Level(1, "街道", "", "office"), Level(2, "社区", "", "community"), Level(3, "片区", "", ""),
              Level(4, "网格", "", "grid")]
    assert StaffingSettings.from_meta({"staffing": old}, levels).roles == {"grid": {"网格长": (1, 1)}}
    assert StaffingSettings.from_meta({"staffing": old}).roles == {"grid": {"网格员": (3, None)},
                                                                   "micro_grid": {"网格长": (1, 1)}}


def test_workload_lists_everyone_busiest_first(demo):
    loads = person_loads(demo)
    assert len(loads) == len(demo.tables["staff"])
    assert [r.households + r.linked for r in loads] == sorted((r.households + r.linked for r in loads), reverse=True)
    chief = next(r for r in loads if "网格长" in r.roles)
    assert chief.zones == 1 and chief.buildings > 0


def test_a_schema_3_file_has_its_roles_renamed(demo_copy):
    conn = sqlite3.connect(demo_copy)
    with conn:
        undo_schema_6(conn)
        conn.execute("UPDATE staff SET roles = REPLACE(REPLACE(roles, '联户党员', '党员'), '片警', '民警')")
        conn.execute("UPDATE assignments SET role = '民警' WHERE role = '片警'")
        conn.execute("ALTER TABLE site_points DROP COLUMN state")  # schema 5 added it
        conn.execute("UPDATE gridmap_meta SET value = '3' WHERE key = 'schema_version'")
    conn.close()
    project = Project.open(demo_copy)
    try:
        roles = {r for s in project.tables["staff"].values() for r in s.roles}
        assert "片警" in roles and "联户党员" in roles and not roles & {"党员", "民警"}
        assert "民警" not in {a.role for a in project.tables["assignments"].values()}
        points = project.tables["site_points"].values()
        assert {p.state for p in points if p.kind == "gate"} == {"open"}  # drawn before gates could close
        assert {p.state for p in points if p.kind != "gate"} == {""}
    finally:
        project.close()
