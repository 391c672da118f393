"""Hotline sheets (12345 工单) in and cases out: addresses matched by the
project's own forms, every bad row explained, a dry run that leaves the file
byte for byte, one undo step, the internal workbook read back."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import random
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest

from gridmap.cases.addresses import AddressBook
from gridmap.cases.hotline import ImportHotlineCases, parse_time, preview_hotline, read_hotline
from gridmap.cases.stats import case_frame, statistics
from gridmap.commands.cases import ReportCase
from gridmap.levels import project_depths
from gridmap.project import Project
from gridmap.workbooks.errors import WorkbookError
from gridmap.workbooks.case_workbook import CASE_HEADER, write_case_workbook
from gridmap.zone_tree import ZoneTree
from gridmap.model.entities import CHINA_TIME

HEADER = ("工单编号", "来电时间", "来电人", "联系电话", "问题地址", "问题描述", "问题类别", "紧急程度", "来源",
          "受理坐席")
# one fault per bad row; the 30 bad rows cycle through these
BAD_KINDS = ("unknown_place", "no_building", "ambiguous_building", "unknown_category", "bad_time", "bad_phone",
             "blank_description", "duplicate_number", "known_number", "blank_address", "unknown_urgency",
             "unknown_source", "future_time")
CATEGORIES = (("环境卫生", "环境卫生"), ("垃圾", "环境卫生"), ("城市管理/市容环境", "环境卫生"),
              ("设施维修", "设施维修"), ("电梯", "设施维修"), ("", "其他"), ("邻里纠纷", "矛盾纠纷"),
              ("安全隐患类", "安全隐患"))
URGENCIES = (("一般", "一般"), ("", "一般"), ("紧急", "紧急"), ("加急", "紧急"), ("特急", "特急"))
PHONES = (("13812345678", "13812345678"), ("138 1234 5678", "13812345678"), ("0371-61234567", "0371-61234567"),
          ("", ""))
FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


@dataclass
class Sheet:
    path: Path
    bad: dict[int, str] = field(default_factory=dict)  # sheet row → the reason's key
    places: dict[int, tuple[int, int | None]] = field(default_factory=dict)  # good row → (building, household)
    times: dict[int, dt.datetime] = field(default_factory=dict)  # good row → the call time, UTC
    categories: dict[int, str] = field(default_factory=dict)
    numbers: dict[int, str] = field(default_factory=dict)  # row → 工单编号 ("" for none)
    first_of: dict[int, int] = field(default_factory=dict)  # duplicate row → the row that has the number first


def _short(name: str) -> str:
    for suffix in ("小区", "家属院", "花园", "社区"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _places(project: Project):
    """Households at numbered buildings of uniquely named compounds, with their community; and a
    community with a building number that two of its compounds share (an ambiguous "社区 5-1-101")."""
    t = project.tables
    tree, depth = ZoneTree(t["zones"]), project_depths(project).community
    names = defaultdict(int)
    for c in t["compounds"].values():
        names[c.name] += 1
    units = t["units"]
    households = []
    shared = defaultdict(set)  # (community, number) → compounds
    for h in sorted(t["households"].values(), key=lambda h: h.id):
        b = t["buildings"][h.building_id]
        compound = t["compounds"].get(b.compound_id)
        if compound is None or names[compound.name] > 1 or not b.number.endswith("号楼") or h.unit_id not in units:
            continue
        community = t["zones"][tree.ancestor_at(b.zone_id, depth)]
        households.append((h, b, compound, community, units[h.unit_id].number))
        shared[(community.name, b.number.removesuffix("号楼"))].add(compound.id)
    ambiguous = sorted(k for k, v in shared.items() if len(v) >= 2)[0]
    return households, ambiguous


def hotline_sheet(project: Project, path: Path, known_number: str, rows: int = 200, bad: int = 30,
                  seed: int = 21) -> Sheet:
    """A 12345 export of ``rows`` calls at real places of ``project``, ``bad`` of them faulty in one way each."""
    rng = random.Random(seed)
    households, (ambiguous_community, ambiguous_number) = _places(project)
    office = next(z.name for z in project.tables["zones"].values() if z.level == 1)
    now_local = dt.datetime.now(CHINA_TIME).replace(tzinfo=None, second=0, microsecond=0)
    sheet = Sheet(path)
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "工单"
    ws.append(["某市12345政务服务便民热线工单导出"])  # a title above the header, as exports have
    ws.append(HEADER)
    bad_at = dict(zip(sorted(rng.sample(range(5, rows), bad)), (BAD_KINDS * 3)[:bad]))
    last_good_number = None
    for i in range(rows):
        row = i + 3
        h, b, compound, community, unit = rng.choice(households)
        n = b.number.removesuffix("号楼")
        form = i % 7
        address = (f"{community.name}{compound.name}{b.number}{unit}单元{h.room}",
                   f"{_short(compound.name)}{n}-{unit}-{h.room}",
                   f"{compound.name}{n}栋{unit}单元{h.room}室",
                   (f"{compound.name}\u3000{n.translate(FULL_WIDTH)}号楼{str(unit).translate(FULL_WIDTH)}单元"
                    f"{h.room.translate(FULL_WIDTH)}"),
                   f"河南省郑州市金水区{office}{community.name}{compound.name}{b.number}{unit}单元{h.room}门口",
                   f"{compound.name}{b.number}",
                   f"{_short(community.name)} {compound.name} {n}-{unit}-{h.room}")[form]
        local = now_local - dt.timedelta(days=30, minutes=37 * i)
        when = (local, f"{local.year}/{local.month}/{local.day} {local.hour}:{local.minute:02d}",
                f"{local.year}年{local.month}月{local.day}日 {local.hour}时{local.minute:02d}分",
                local.strftime("%Y-%m-%d %H:%M:%S"))[i % 4]
        category, expected_category = CATEGORIES[i % len(CATEGORIES)]
        urgency = URGENCIES[i % len(URGENCIES)][0]
        phone = PHONES[i % len(PHONES)][0]
        number = "" if i % 10 == 9 else f"GD{local:%Y%m%d}{i:04d}"
        description, source = f"第{i}号来电：楼道堆放杂物，请尽快处理", "12345热线" if i % 3 else ""
        kind = bad_at.get(i)
        if kind == "unknown_place":
            address = f"阳光花苑{n}号楼{unit}单元{h.room}"
        elif kind == "no_building":
            address = f"{compound.name}99号楼1单元101"
        elif kind == "ambiguous_building":
            address = f"{_short(ambiguous_community)} {ambiguous_number}-1-101"
        elif kind == "unknown_category":
            category = "天气预报"
        elif kind == "bad_time":
            when = ("2026-13-45 08:00", "昨天上午", "2026/02/30 10:00")[i % 3]
        elif kind == "future_time":
            when = local + dt.timedelta(days=90)
        elif kind == "bad_phone":
            phone = ("12345", "138123", "电话打不通")[i % 3]
        elif kind == "blank_description":
            description = (None, float("nan"), "   ")[i % 3]  # NaN: a sheet written by pandas
        elif kind == "duplicate_number":
            number = last_good_number
        elif kind == "known_number":
            number = known_number
        elif kind == "blank_address":
            address = None
        elif kind == "unknown_urgency":
            urgency = "火速"
        elif kind == "unknown_source":
            source = "抖音"
        ws.append([number, when, f"来电人{i}", phone, address, description, category, urgency, source, "坐席07"])
        sheet.numbers[row] = number or ""
        if kind is not None:
            sheet.bad[row] = kind
            if kind == "duplicate_number":
                sheet.first_of[row] = next(r for r, num in sheet.numbers.items() if num == number and r != row)
            continue
        if number:
            last_good_number = number
        sheet.places[row] = (b.id, None if form == 5 else h.id)
        sheet.times[row] = local.replace(tzinfo=CHINA_TIME).astimezone(dt.UTC)
        sheet.categories[row] = expected_category
    book.save(path)
    return sheet


def known_case_number(project: Project) -> str:
    """A case number the project has (reporting one case if the demo has none)."""
    if not project.tables["cases"]:
        household = min(project.tables["households"])
        project.undo_stack.push(ReportCase(category="其他", description="既有案件", household_id=household))
    return min(c.number for c in project.tables["cases"].values())


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def hotline(demo_copy, tmp_path):
    """The demo project and a 200-row hotline sheet with 30 bad rows."""
    project = Project.open(demo_copy)
    known = known_case_number(project)
    sheet = hotline_sheet(project, tmp_path / "12345工单.xlsx", known)
    project.close()
    return demo_copy, sheet, known


# -- addresses ---------------------------------------------------------------------------------------------


def test_addresses_in_every_form_find_the_household_or_building(demo_module_copy):
    project = Project.open(demo_module_copy, read_only=True)
    try:
        households, (community, number) = _places(project)
        book = AddressBook(project)
        h, b, compound, home, unit = households[len(households) // 2]
        n = b.number.removesuffix("号楼")
        for text in (f"{home.name}{compound.name}{b.number}{unit}单元{h.room}",
                     f"{_short(compound.name)}{n}-{unit}-{h.room}",
                     f"{_short(home.name)} {compound.name} {n}-{unit}-{h.room}",
                     f" {compound.name}{n.translate(FULL_WIDTH)}栋　{unit}单元{h.room.translate(FULL_WIDTH)}室 ",
                     f"郑州市{compound.name}{n}#楼{unit}-{h.room}附近"):
            found = book.match(text)
            assert (found.kind, found.household_id, found.building_id) == ("household", h.id, b.id), text
        found = book.match(f"{compound.name}{n}号楼")
        assert (found.kind, found.building_id, found.household_id) == ("building", b.id, None)
        # a room the building does not have: the building, with the remark why
        found = book.match(f"{compound.name}{n}号楼{unit}单元9999")
        assert found.kind == "building" and found.remark.key == "no_room" and "9999" in found.remark.text()
        # a room without its unit: the household if one unit has it, else the building and why
        units_with_room = [x for x in households if x[1].id == b.id and x[0].room == h.room]
        found = book.match(f"{compound.name}{n}号楼{h.room}")
        if len(units_with_room) == 1:
            assert found.household_id == h.id
        else:
            assert found.household_id is None and found.remark.key == "room_in_units"
            assert found.remark.params["count"] == len(units_with_room)
        # none: why, and for an ambiguous one, which buildings
        assert book.match("").issue.key == "blank_address"
        assert book.match("阳光花苑3号楼").issue.text() == "阳光花苑 is not a community or compound of the project"
        assert book.match(f"{compound.name}99号楼").issue.text() == f"there is no building 99号楼 in {compound.name}"
        assert book.match(compound.name).issue.key == "no_building_named"
        ambiguous = book.match(f"{_short(community)} {number}-1-101").issue
        assert ambiguous.key == "ambiguous_building" and ambiguous.params["count"] >= 2
        named = ambiguous.params["buildings"].rstrip("…").split("、")
        assert all(f" {number}号" in name for name in named) and len(set(named)) == len(named)
    finally:
        project.close()


def test_times_as_hotlines_write_them():
    utc = dt.datetime(2026, 11, 3, 0, 15, tzinfo=dt.UTC)
    for text in ("2026-11-03 08:15", "2026/11/3 8:15", "2026年11月3日 8时15分", "2026.11.03 08:15:00",
                 "2026-11-03T08:15:00+08:00", "2026-11-03T00:15:00Z"):
        assert parse_time(text) == utc, text
    assert parse_time("2026-11-03") == dt.datetime(2026, 11, 2, 16, tzinfo=dt.UTC)
    for text in ("2026-13-45 08:00", "昨天上午", "2026/02/30 10:00", "1900-01-01", "45962.5"):
        assert parse_time(text) is None, text


# -- the 200-row sheet ---------------------------------------------------------------------------------------


def test_a_200_row_sheet_with_30_bad_rows_explains_each_and_imports_170(hotline):
    path, sheet, known = hotline
    table = read_hotline(sheet.path)
    assert table.sheet == "工单" and table.ignored == ("受理坐席",) and len(table.rows) == 200
    project = Project.open(path)
    try:
        before = len(project.tables["cases"])
        preview = preview_hotline(project, table)
        assert preview.counts == {"rows": 200, "ok": 170, "error": 30}
        bad = {r.number: r for r in preview.bad}
        assert set(bad) == set(sheet.bad)
        for number, kind in sheet.bad.items():
            row = bad[number]
            assert [i.key for i in row.issues] == [kind], (number, row.issues)
            text = row.issues[0].text()
            if kind == "duplicate_number":
                assert f"row {sheet.first_of[number]}" in text and sheet.numbers[number] in text
            elif kind == "known_number":
                assert known in text
            elif kind == "unknown_place":
                assert "阳光花苑" in text
            elif kind == "ambiguous_building":
                assert "buildings match" in text and "、" in text
        for row in preview.good:
            case = row.case
            assert (case.building_id, case.household_id) == sheet.places[row.number]
            assert case.reported_at == sheet.times[row.number]
            assert case.category == sheet.categories[row.number]
            assert case.zone_id == project.tables["buildings"][case.building_id].zone_id
            assert case.assignee_id in project.tables["staff"]
            assert case.status == "待受理" and case.source == "12345"
            assert case.deadline > case.reported_at
            assert case.number == (sheet.numbers[row.number] or case.number)
        # rows without a 工单编号 take the next numbers of their year, after the project's own
        made = sorted(r.case.number for r in preview.good if not sheet.numbers[r.number])
        assert len(made) == len(set(made)) >= 15
        assert not set(made) & {c.number for c in project.tables["cases"].values()}

        command = ImportHotlineCases(table)
        assert project.undo_stack.push(command)
        cases = project.tables["cases"]
        assert len(cases) == before + 170 and len(command.case_ids) == 170
        imported = [cases[i] for i in command.case_ids]
        assert sorted(c.number for c in imported) == sorted(r.case.number for r in preview.good)
        events = [e for e in project.tables["case_events"].values() if e.case_id in set(command.case_ids)]
        assert len(events) == 170 and {e.action for e in events} == {"上报"}
    finally:
        project.close()
    # written: the file has them when opened again
    project = Project.open(path, read_only=True)
    try:
        assert len(project.tables["cases"]) == before + 170
    finally:
        project.close()


def test_a_dry_run_leaves_the_project_file_byte_identical(hotline):
    path, sheet, _ = hotline
    table = read_hotline(sheet.path)
    was = digest(path)
    project = Project.open(path, read_only=True)
    try:
        assert preview_hotline(project, table).counts["ok"] == 170
    finally:
        project.close()
    assert digest(path) == was


def test_one_undo_removes_every_imported_case_and_redo_brings_them_back(hotline):
    path, sheet, _ = hotline
    project = Project.open(path)
    try:
        before = {name: dict(project.tables[name]) for name in ("cases", "case_events")}
        command = ImportHotlineCases(read_hotline(sheet.path))
        project.undo_stack.push(command)
        after = {name: dict(project.tables[name]) for name in ("cases", "case_events")}
        project.undo_stack.undo()
        assert {name: dict(project.tables[name]) for name in before} == before
        project.undo_stack.redo()
        assert {name: dict(project.tables[name]) for name in before} == after
        project.undo_stack.undo()
    finally:
        project.close()
    project = Project.open(path, read_only=True)
    try:
        assert set(project.tables["cases"]) == set(before["cases"])
    finally:
        project.close()


def test_importing_the_same_sheet_again_refuses_every_row_as_known(hotline):
    path, sheet, _ = hotline
    table = read_hotline(sheet.path)
    project = Project.open(path)
    try:
        project.undo_stack.push(ImportHotlineCases(table))
        again = preview_hotline(project, table)
        numbered = [r for r in again.rows if sheet.numbers[r.number] and r.number not in sheet.bad]
        assert numbered and all("known_number" in [i.key for i in r.issues] for r in numbered)
    finally:
        project.close()


# -- the workbook out ---------------------------------------------------------------------------------------


def test_the_export_is_internal_on_every_sheet_and_reads_back(hotline, tmp_path):
    path, sheet, _ = hotline
    project = Project.open(path)
    try:
        command = ImportHotlineCases(read_hotline(sheet.path))
        project.undo_stack.push(command)
        now = dt.datetime.now(dt.UTC)
        counts = write_case_workbook(project, tmp_path / "cases.xlsx", now)
        cases = project.tables["cases"]
        frame = case_frame(project, now)
        expected_stats = {by: statistics(frame, by) for by in ("grid", "community", "category", "month")}
        imported = {cases[i].number: cases[i] for i in command.case_ids}
        staff = project.tables["staff"]
        events = len(project.tables["case_events"])
    finally:
        project.close()
    book = openpyxl.load_workbook(tmp_path / "cases.xlsx")
    assert book.sheetnames == ["案件", "处置记录", "统计"]
    for ws in book:
        assert "内部资料" in ws["A1"].value, ws.title
    rows = list(book["案件"].iter_rows(min_row=2, values_only=True))
    assert rows[0] == CASE_HEADER and len(rows) - 1 == len(cases) == counts["案件"]
    by_number = {r[0]: dict(zip(CASE_HEADER, r)) for r in rows[1:]}
    for number, case in imported.items():
        got = by_number[number]
        assert got["类别"] == case.category and got["来源"] == case.source and got["状态"] == "待受理"
        assert got["来电人"] == case.reporter and (got["联系电话"] or "") == case.reporter_phone
        assert got["问题描述"] == case.description and got["地址"] == case.address
        assert got["承办人"] == staff[case.assignee_id].name
        assert got["上报时间"] == case.reported_at.astimezone(CHINA_TIME).strftime("%Y-%m-%d %H:%M")
    timeline = list(book["处置记录"].iter_rows(min_row=3, values_only=True))
    assert len(timeline) == events and sum(1 for r in timeline if r[0] in imported and r[2] == "上报") == 170
    stats = list(book["统计"].iter_rows(min_row=3, values_only=True))
    by_name = {"网格": "grid", "社区": "community", "类别": "category", "月份": "month"}
    for by, table in expected_stats.items():
        block = [r for r in stats if by_name[r[0]] == by]
        assert [r[2] for r in block] == table["reported"].tolist()
        assert [r[5] for r in block] == table["overdue"].tolist()
    category = {r[1]: r for r in stats if r[0] == "类别"}
    assert category["环境卫生"][2] == int(expected_stats["category"].loc["环境卫生", "reported"])


# -- attacks -----------------------------------------------------------------------------------------------


def test_a_corrupt_workbook_is_refused_with_its_name_and_nothing_is_read(hotline, tmp_path):
    _, sheet, _ = hotline
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(sheet.path.read_bytes()[:2000])
    with pytest.raises(WorkbookError) as refused:
        read_hotline(broken)
    assert refused.value.key == "unreadable" and "broken.xlsx" in str(refused.value)
    other = tmp_path / "other.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["姓名", "电话"])
    book.save(other)
    with pytest.raises(WorkbookError) as refused:
        read_hotline(other)
    assert refused.value.key == "no_header" and "问题地址" in str(refused.value)


def test_formula_text_and_control_characters_come_in_as_text_and_go_out_as_text(demo_copy, tmp_path):
    project = Project.open(demo_copy)
    try:
        households, _ = _places(project)
        h, b, compound, _, unit = households[0]
        address = f"{compound.name}{b.number}{unit}单元{h.room}"
        sheet = tmp_path / "gbk.csv"
        with sheet.open("w", encoding="gbk", newline="") as out:  # as Excel in China saves CSV
            writer = csv.writer(out)
            writer.writerow(["工单编号", "问题地址", "问题描述", "来电人", "联系电话", "紧急程度"])
            writer.writerow(["=1+1", address, '=HYPERLINK("http://evil.example","点我")', "@SUM(A1)", "", ""])
            writer.writerow(["X2", address, "楼道\x07堆放\x1b杂物\r\n第二行", "+张三", "", "NaN"])
            writer.writerow(["X3", address, "", "", "", ""])
        preview = preview_hotline(project, read_hotline(sheet))
        assert [r.status for r in preview.rows] == ["ok", "error", "error"]
        assert [i.key for i in preview.rows[1].issues] == ["unknown_urgency"]
        assert [i.key for i in preview.rows[2].issues] == ["blank_description"]
        project.undo_stack.push(ImportHotlineCases(read_hotline(sheet)))
        case = next(c for c in project.tables["cases"].values() if c.number == "=1+1")
        assert case.description.startswith("=HYPERLINK") and case.reporter == "@SUM(A1)"
        write_case_workbook(project, tmp_path / "out.xlsx")
    finally:
        project.close()
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["案件"]
    row = next(r for r in ws.iter_rows(min_row=3) if r[0].value == "=1+1")
    assert row[0].data_type == "s" and row[15].value.startswith("=HYPERLINK") and row[15].data_type == "s"
    assert row[13].value == "@SUM(A1)" and row[13].data_type == "s"


def test_control_characters_are_cleaned_before_they_are_stored(demo_copy, tmp_path):
    project = Project.open(demo_copy)
    try:
        households, _ = _places(project)
        h, b, compound, _, unit = households[0]
        sheet = tmp_path / "utf8.csv"
        sheet.write_text("问题地址,问题描述,来电人\n"
                         f"{compound.name}{b.number}{unit}单元{h.room},楼道\x07堆放\x1b杂物,李\x00四\n",
                         encoding="utf-8-sig")
        command = ImportHotlineCases(read_hotline(sheet))
        project.undo_stack.push(command)
        case = project.tables["cases"][command.case_ids[0]]
        assert case.household_id == h.id
        assert not any(ch in case.description + case.reporter for ch in "\x00\x07\x1b")
        assert "堆放" in case.description
    finally:
        project.close()


def test_a_read_only_project_is_refused_and_left_as_it_was(hotline, immutable, tmp_path):
    from gridmap.errors import GridmapError

    path, sheet, _ = hotline
    locked = tmp_path / "locked" / "p.gpkg"
    locked.parent.mkdir()
    shutil.copyfile(path, locked)
    was = digest(locked)
    immutable(locked)
    table = read_hotline(sheet.path)
    with pytest.raises(GridmapError) as refused:
        project = Project.open(locked)
        try:
            project.undo_stack.push(ImportHotlineCases(table))
        finally:
            project.close()
    assert "read-only" in str(refused.value)
    assert digest(locked) == was
