"""Public means public in every workbook: no resident's name, phone, ID
number or note and no sensitive tag in the public outputs of the demo; 内部资料
on every sheet of the internal ones; and a public roster imported back
erases nothing it did not show."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from gridmap.cli import main
from gridmap.household_lists import care_list, write_care_list
from gridmap.project import Project
from gridmap.workbooks.household_roster import (
    PUBLIC_HEADER, ImportHouseholdRoster, preview_roster, read_roster, roster_rows, write_roster,
)

STAMP = "内部资料"


def _cells(path) -> list[str]:
    """Every non-empty cell of every sheet, as text."""
    book = CalamineWorkbook.from_path(str(path))
    return [str(c) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python()
            for c in row if c not in ("", None)]


@pytest.fixture(scope="module")
def secrets(demo_file):
    """What no public workbook may hold. Staff names are left out: grid staff
    are named on the boards (a resident who shares a staff member's name is
    indistinguishable from them)."""
    project = Project.open(demo_file, read_only=True)
    try:
        t = project.tables
        staff = {s.name for s in t["staff"].values()}
        found = {
            "names": {r.name for r in t["residents"].values()} - staff,
            "phones": {r.phone for r in t["residents"].values() if r.phone},
            "id numbers": {r.id_number for r in t["residents"].values() if r.id_number},
            "notes": {h.note for h in t["households"].values() if h.note},
            "sensitive tags": {d.name for d in project.tag_defs if d.sensitive},
        }
    finally:
        project.close()
    assert len(found["names"]) > 1000 and len(found["notes"]) > 5 and found["sensitive tags"] == {"独居", "空巢", "残疾"}
    return found


def _leaks(cells: list[str], secrets: dict[str, set[str]]) -> dict[str, list[str]]:
    """The secrets found: names as a whole cell or one of a "、" list,
    the rest anywhere in a cell."""
    tokens = {token for cell in cells for token in cell.split("、")}
    text = "\n".join(cells)
    leaks = {"names": sorted(secrets["names"] & tokens)}
    for kind in ("phones", "id numbers", "notes", "sensitive tags"):
        leaks[kind] = sorted(s for s in secrets[kind] if s in text)
    return {kind: found[:5] for kind, found in leaks.items() if found}


PUBLIC = {
    "households --export": ["households", "{demo}", "--export", "{out}"],
    "export --format xlsx": ["export", "{demo}", "--format", "xlsx", "--mode", "public", "--out", "{out}"],
    "staff --coverage": ["staff", "{demo}", "--coverage", "{out}"],
}


@pytest.mark.parametrize("output", PUBLIC)
def test_a_public_workbook_of_the_demo_holds_no_personal_data(demo_file, tmp_path, secrets, output):
    out = tmp_path / "public.xlsx"
    assert main([a.format(demo=demo_file, out=out) for a in PUBLIC[output]]) == 0
    cells = _cells(out)
    assert len(cells) > 100
    assert _leaks(cells, secrets) == {}
    assert not any(STAMP in c for c in cells)  # and it does not claim to be internal


def test_the_public_roster_has_no_name_phone_tag_or_note_column(demo_file, tmp_path):
    out = tmp_path / "public.xlsx"
    assert main(["households", str(demo_file), "--export", str(out)]) == 0
    sheet = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("住户花名册").to_python()
    assert tuple(sheet[0]) == PUBLIC_HEADER and len(sheet) - 1 == 11_506
    assert not {"户主", "联系电话", "标签", "备注"} & set(sheet[0])


def test_every_sheet_of_an_internal_workbook_says_so(demo_file, tmp_path):
    outputs = {
        "personal.xlsx": ["households", str(demo_file), "--export", "{out}", "--personal"],
        "internal.xlsx": ["export", str(demo_file), "--format", "xlsx", "--mode", "internal", "--out", "{out}"],
        "staff.xlsx": ["staff", str(demo_file), "--export", "{out}"],
    }
    for name, command in outputs.items():
        assert main([a.format(out=tmp_path / name) for a in command]) == 0
    project = Project.open(demo_file, read_only=True)
    try:
        xinhua = next(z.id for z in project.tables["zones"].values() if z.name == "新华街社区")
        write_care_list(tmp_path / "care.xlsx", "新华街社区 关爱对象", care_list(project, xinhua))
    finally:
        project.close()
    for name in [*outputs, "care.xlsx"]:
        book = load_workbook(tmp_path / name, read_only=True)
        firsts = {sheet.title: next(sheet.iter_rows(max_row=1, values_only=True))[0] for sheet in book.worksheets}
        book.close()
        assert len(firsts) >= 1 and all(STAMP in str(first) for first in firsts.values()), (name, firsts)


def _snapshot(project):
    t = project.tables
    return dict(t["households"]), dict(t["residents"])


def test_a_public_roster_imported_back_erases_nothing_it_did_not_show(demo_copy, tmp_path):
    project = Project.open(demo_copy)
    try:
        t = project.tables
        heads = {r.household_id for r in t["residents"].values() if r.is_head and r.name}
        chosen = next(h for h in sorted(t["households"].values(), key=lambda h: h.id)
                      if "独居" in h.tags and h.note and h.id in heads)
        building = t["buildings"][chosen.building_id]
        community = next(z for z in t["zones"].values() if z.name == "新华街社区")
        rows = roster_rows(project, community.id)
        assert not [r for r in rows if "独居" in r]
        path = write_roster(tmp_path / "public.xlsx", rows)
        households, residents = _snapshot(project)
        preview = preview_roster(project, read_roster(path))
        assert {r.status for r in preview.rows} == {"unchanged"}  # as exported: nothing to do

        # the grid member updates one household on the public sheet and sends it back
        book = load_workbook(path)
        sheet = book["住户花名册"]
        unit = f"{t['units'][chosen.unit_id].number}单元"
        row = next(r for r in sheet.iter_rows(min_row=2) if (r[2].value, r[3].value, r[4].value)
                   == (building.number, unit, chosen.room) and r[1].value == t["compounds"][building.compound_id].name)
        new_occupancy = "在外" if chosen.occupancy != "在外" else "常住"
        row[PUBLIC_HEADER.index("居住状态")].value = new_occupancy
        book.save(path)
        preview = preview_roster(project, read_roster(path))
        assert [r.status for r in preview.rows].count("update") == 1
        assert project.undo_stack.push(ImportHouseholdRoster(preview.table))
        after = project.tables["households"][chosen.id]
        assert after == chosen._replace(occupancy=new_occupancy)  # tags and note kept
        assert dict(project.tables["residents"]) == residents  # names and phones kept
        assert {k: v for k, v in project.tables["households"].items() if k != chosen.id} == \
            {k: v for k, v in households.items() if k != chosen.id}
    finally:
        project.close()


def test_the_public_project_workbook_imported_as_a_roster_changes_nothing(demo_copy, tmp_path):
    out = tmp_path / "project.xlsx"
    assert main(["export", str(demo_copy), "--format", "xlsx", "--out", str(out)]) == 0
    project = Project.open(demo_copy)
    try:
        table = read_roster(out)
        assert "公开标签" in table.ignored and "tags" not in table.fields
        preview = preview_roster(project, table)
        assert [preview.count(s) for s in ("update", "new", "error")] == [0, 0, 0]
        assert preview.count("unchanged") == 11_506
    finally:
        project.close()
