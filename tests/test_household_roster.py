"""The household roster import: a real workbook checked row by row, only the
good rows written, in one transaction that one undo takes back."""

import datetime as dt
import json
import subprocess
import sys

import pytest
from openpyxl import Workbook

from gridmap.household_stats import household_counts
from gridmap.project import Project
from gridmap.workbooks import values
from gridmap.workbooks.places import building_key
from gridmap.workbooks.household_roster import (
    PUBLIC_HEADER, TEMPLATE_HEADER, ImportHouseholdRoster, preview_roster, read_roster, roster_rows, write_roster,
)
from gridmap.workbooks.reading import WorkbookError

TODAY = dt.date(2026, 11, 22)
HEADER = ["小区", "楼栋", "单元", "房号", "居住状态", "标签", "人数", "户主", "联系电话", "最近走访", "需跟进", "备注",
          "身份证号"]


def _address(project, household):
    tables = project.tables
    building = tables["buildings"][household.building_id]
    return (tables["compounds"][building.compound_id].name, building.number,
            f"{tables['units'][household.unit_id].number}单元", household.room)


def _first_of(project, compound_name, number):
    tables = project.tables
    building = next(b for b in tables["buildings"].values()
                    if b.number == number and tables["compounds"][b.compound_id].name == compound_name)
    households = sorted((h for h in tables["households"].values() if h.building_id == building.id),
                        key=lambda h: h.id)
    return building, households


def _free_room(project, building):
    """A room the building has (floors × the unit's rooms) that no household lives in."""
    tables = project.tables
    taken = {(h.unit_id, h.room) for h in tables["households"].values() if h.building_id == building.id}
    for unit in sorted((u for u in tables["units"].values() if u.building_id == building.id), key=lambda u: u.id):
        for floor in range(1, building.floors + 1):
            for room in range(1, unit.rooms_per_floor + 1):
                if (unit.id, f"{floor}{room:02d}") not in taken:
                    return unit, f"{floor}{room:02d}"
    raise AssertionError("every room is taken")


def write_mixed_roster(project, path):
    """A workbook with a title row above the header, good rows and one row of each mistake."""
    compound = "纺织厂花园"
    building, households = _first_of(project, compound, "1号楼")
    changed, same = households[0], households[1]
    free_building = next(b for b in project.tables["buildings"].values()
                         if b.compound_id == building.compound_id and _has_free_room(project, b))
    free_unit, free_room = _free_room(project, free_building)
    new_occupancy = "租户" if changed.occupancy != "租户" else "常住"
    rows = [
        [compound, "1号楼", "1单元", changed.room, new_occupancy, "独居、残疾", 1, "张三", "139 1234 5678",
         "2026-11-20", "是", "新搬来", "410101199001011234"],
        [compound, "1", 1, int(same.room), "", "", "", "", "", "", "", "", ""],  # numbers as Excel stores them
        [compound, free_building.number, f"{free_unit.number}单元", free_room, "常住", "", 3, "", "0371-61234567",
         "", "", "", ""],
        [compound, "99号楼", "1单元", "101", "常住", "", "", "", "", "", "", "", ""],
        [compound, "1号楼", "1单元", "1901", "常住", "", "", "", "", "", "", "", ""],
        [compound, "1号楼", "1单元", households[2].room, "常住", "低保", "", "", "", "", "", "", ""],
        [compound, "1号楼", "1单元", households[3].room, "", "", "", "", "1391234567", "", "", "", ""],
        ["", "1号楼", "1单元", "101", "", "", "", "", "", "", "", "", ""],
        [compound, "1号楼", "1单元", changed.room, "空户", "", "", "", "", "", "", "", ""],
    ]
    book = Workbook()
    sheet = book.active
    sheet.append(["新华街社区住户花名册（2026年11月）"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return {"changed": changed, "same": same, "free": (free_building, free_unit, free_room),
            "new_occupancy": new_occupancy}


@pytest.fixture
def roster(demo_copy, tmp_path):
    project = Project.open(demo_copy, user="tester")
    path = tmp_path / "roster.xlsx"
    known = write_mixed_roster(project, path)
    yield project, path, known
    project.close()


def _has_free_room(project, building):
    try:
        _free_room(project, building)
    except AssertionError:
        return False
    return True


def _tables(project):
    return {name: dict(table) for name, table in project.tables.items() if name != "change_log"}


def _head(project, household_id):
    heads = sorted((r for r in project.tables["residents"].values() if r.household_id == household_id),
                   key=lambda r: (not r.is_head, r.id))
    return heads[0] if heads else None


def test_preview_sorts_rows_into_changes_new_unchanged_and_errors(roster):
    project, path, known = roster
    table = read_roster(path)
    assert table.sheet == "Sheet"
    assert table.ignored == ("身份证号",)  # ID numbers are never imported
    preview = preview_roster(project, table, TODAY)
    by_row = {r.number: r for r in preview.rows}
    assert [r.number for r in preview.rows] == list(range(3, 12))  # Excel's row numbers, under title and header
    changed = known["changed"]
    head = _head(project, changed.id)
    assert by_row[3].status == "update"
    assert {f: (o, n) for f, o, n in by_row[3].shown_changes()} == {
        "occupancy": (changed.occupancy, known["new_occupancy"]),
        **({"tags": ("、".join(sorted(changed.tags)), "残疾、独居")} if changed.tags != {"独居", "残疾"} else {}),
        **({"people": (str(changed.people), "1")} if changed.people != 1 else {}),
        "last_checked": (changed.last_checked.isoformat() if changed.last_checked else "", "2026-11-20"),
        **({"follow_up": ("否", "是")} if not changed.follow_up else {}),
        "note": (changed.note, "新搬来"),
        "head": (head.name[0] + "*" * (len(head.name) - 1), "张*"),
        "phone": (values.masked_phone(head.phone) if head.phone else "", "139****5678"),
    }
    assert by_row[4].status == "unchanged"
    free_building, free_unit, free_room = known["free"]
    assert by_row[5].status == "new"
    assert (by_row[5].after.building_id, by_row[5].after.unit_id, by_row[5].after.floor) == (
        free_building.id, free_unit.id, int(free_room[:-2]))
    assert by_row[5].head_after.phone == "0371-61234567"
    building = project.tables["buildings"][changed.building_id]
    unit = project.tables["units"][changed.unit_id]
    # 1号楼 and a village's 1号
    ones = [b for b in project.tables["buildings"].values() if building_key(b.number) == "1"]
    numbered = sorted({project.tables["compounds"][b.compound_id].name for b in ones})
    reasons = {n: [i.text() for i in by_row[n].issues] for n in range(6, 12)}
    assert reasons == {
        6: ["there is no building 99号楼 in 纺织厂花园"],
        7: [(f"纺织厂花园 1号楼 1单元 has no room 1901 ({building.floors} floors, "
             f"{unit.rooms_per_floor} rooms a floor)")],
        8: ["unknown tag 低保 (known tags: 独居、空巢、残疾、志愿者、微信进群)"],
        9: ["the phone 1391234567 is neither an 11-digit mobile nor a landline with its area code (0371-61234567)"],
        10: [(f"building 1号楼 is in {len(ones)} compounds ({'、'.join(numbered[:4])}…): "
              "fill in the compound column")],
        11: ["the same household as row 3"] + (  # every reason a row has is given
            [f"an empty household (空户) cannot have {changed.people} people"] if changed.people else []),
    }
    assert [preview.count(s) for s in ("update", "new", "unchanged", "error")] == [1, 1, 1, 6]


def test_import_writes_the_good_rows_in_one_step_and_undo_takes_them_all_back(roster):
    project, path, known = roster
    before = _tables(project)
    counts_before = household_counts(project)
    community = next(z.id for z in project.tables["zones"].values() if z.name == "新华街社区")
    log_rows = len(project.tables["change_log"])
    assert project.undo_stack.push(ImportHouseholdRoster(read_roster(path), TODAY))
    assert len(project.undo_stack) == 1  # one step
    changed = project.tables["households"][known["changed"].id]
    assert (changed.occupancy, changed.tags, changed.people, changed.note) == (
        known["new_occupancy"], frozenset({"独居", "残疾"}), 1, "新搬来")
    assert (_head(project, changed.id).name, _head(project, changed.id).phone) == ("张三", "13912345678")
    free_building, free_unit, free_room = known["free"]
    new = [h for h in project.tables["households"].values() if h.id not in before["households"]]
    assert [(h.building_id, h.unit_id, h.room, h.occupancy, h.people) for h in new] == [
        (free_building.id, free_unit.id, free_room, "常住", 3)]
    assert _head(project, new[0].id).phone == "0371-61234567"
    after = household_counts(project)[community]
    assert after.households == counts_before[community].households + 1
    assert after.people == counts_before[community].people + 3 + 1 - known["changed"].people
    # the change log names each changed field, and the new household
    log = list(project.tables["change_log"].values())[log_rows:]
    assert {(e.table_name, e.row_id, e.field) for e in log} >= {("households", changed.id, "occupancy"),
                                                             ("households", new[0].id, "*")}
    assert all(e.label == "Import household roster" and e.who == "tester" for e in log)
    # it survives reopening
    path_of = project.path
    project.close()
    reopened = Project.open(path_of, user="tester")
    try:
        assert reopened.tables["households"][changed.id] == changed
        reopened_tables = _tables(reopened)
    finally:
        reopened.close()
    project = Project.open(path_of, user="tester")
    assert _tables(project) == reopened_tables
    project.close()


def test_undo_removes_every_imported_row(roster):
    project, path, _ = roster
    before = _tables(project)
    project.undo_stack.push(ImportHouseholdRoster(read_roster(path), TODAY))
    assert _tables(project) != before
    project.undo_stack.undo()
    assert _tables(project) == before
    path_of = project.path
    project.close()
    reopened = Project.open(path_of)
    try:
        assert _tables(reopened) == before
    finally:
        reopened.close()


def test_export_and_import_round_trip_changes_nothing(demo_copy, tmp_path):
    project = Project.open(demo_copy)
    try:
        community = next(z for z in project.tables["zones"].values() if z.name == "新华街社区")
        rows = roster_rows(project, community.id)
        assert len(rows) == 2449
        assert all(len(r) == len(PUBLIC_HEADER) for r in rows)  # no names, phones, tags or notes unless asked
        write_roster(tmp_path / "out.xlsx", rows)
        preview = preview_roster(project, read_roster(tmp_path / "out.xlsx"))
        assert [preview.count(s) for s in ("update", "new", "unchanged", "error")] == [0, 0, 2449, 0]
        personal = roster_rows(project, community.id, personal=True)
        assert any(r[8] for r in personal) and any(r[12] for r in personal)  # names and notes, inside
        write_roster(tmp_path / "inside.xlsx", personal, personal=True)
        preview = preview_roster(project, read_roster(tmp_path / "inside.xlsx"))
        assert [preview.count(s) for s in ("update", "new", "unchanged", "error")] == [0, 0, 2449, 0]
    finally:
        project.close()


def test_a_gbk_csv_saved_by_excel_reads_the_same(demo_copy, tmp_path):
    project = Project.open(demo_copy)
    try:
        community = next(z for z in project.tables["zones"].values() if z.name == "新华街社区")
        rows = roster_rows(project, community.id, personal=True)[:50]
        text = "\r\n".join(",".join(str(v) for v in row) for row in [list(TEMPLATE_HEADER), *rows])
        (tmp_path / "roster.csv").write_bytes(text.encode("gbk"))
        preview = preview_roster(project, read_roster(tmp_path / "roster.csv"))
        assert [preview.count(s) for s in ("update", "new", "unchanged", "error")] == [0, 0, 50, 0]
    finally:
        project.close()


@pytest.mark.parametrize("name, content, problem", [
    ("missing.xlsx", None, "does not exist"),
    ("text.xlsx", b"not a workbook", "is not a workbook that can be read"),
    ("empty.xlsx", b"", "is not a workbook that can be read"),
])
def test_unreadable_workbooks_are_named_with_the_reason(tmp_path, name, content, problem):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(WorkbookError, match=problem) as caught:
        read_roster(path)
    assert caught.value.path == path


def test_a_sheet_without_the_needed_columns_says_which(tmp_path):
    book = Workbook()
    book.active.append(["姓名", "电话"])
    book.save(tmp_path / "people.xlsx")
    with pytest.raises(WorkbookError, match="楼栋、房号"):
        read_roster(tmp_path / "people.xlsx")


@pytest.mark.parametrize("text, expected", [
    ("13812345678", "13812345678"), ("138 1234 5678", "13812345678"), ("+86 138-1234-5678", "13812345678"),
    ("0371-61234567", "0371-61234567"), ("037161234567", "0371-61234567"), ("010-62345678", "010-62345678"),
    ("(0371)61234567", "0371-61234567"), ("0371-61234567-802", "0371-61234567-802"),
])
def test_phones_people_write_are_read(text, expected):
    assert values.phone(text) == expected


@pytest.mark.parametrize("text", ["1381234567", "23812345678", "61234567", "0371-1234567", "phone", "138123456789"])
def test_malformed_phones_are_refused(text):
    with pytest.raises(ValueError):
        values.phone(text)


def test_masking_keeps_the_ends():
    assert values.masked_phone("13812345678") == "138****5678"
    assert values.masked_phone("0371-61234567") == "037*****4567"


def test_cli_previews_without_writing_then_applies(roster, tmp_path):
    project, path, known = roster
    file = project.path
    project.close()
    digest = file.read_bytes()
    run = subprocess.run([sys.executable, "-m", "gridmap", "households", str(file), "--import", str(path), "--json",
                          "--dry-run"],
                         capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 1, run.stderr  # rows with errors
    found = json.loads(run.stdout)
    assert found["counts"] == {"update": 1, "new": 1, "unchanged": 1, "error": 6}
    assert found["written"] == 0 and found["ignored_columns"] == ["身份证号"]
    assert file.read_bytes() == digest  # a preview never touches the project
    run = subprocess.run([sys.executable, "-m", "gridmap", "households", str(file), "--import", str(path)],
                         capture_output=True, text=True, encoding="utf-8")
    assert "wrote 2 rows" in run.stdout.splitlines()[-1]
    assert "row 6: 纺织厂花园 99号楼 1单元 101: there is no building 99号楼 in 纺织厂花园" in run.stdout
    reopened = Project.open(file)
    try:
        assert reopened.tables["households"][known["changed"].id].note == "新搬来"
    finally:
        reopened.close()
