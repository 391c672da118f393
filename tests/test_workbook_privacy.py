"""Public means public in every workbook: no resident's name, phone, ID
number or note and no sensitive tag in the public outputs of the demo; 内部资料
on every sheet of the internal ones; no flat's 空户 / 在外 in the public
project workbook; and a public roster imported back erases nothing it did not
show."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from gridmap.cli import main
from gridmap.household_lists import care_list, write_care_list
from gridmap.project import Project
from gridmap.workbooks.errors import WorkbookError
from gridmap.workbooks.household_roster import (
    HEADERS, PUBLIC_HEADER, TEMPLATE_HEADER, WORKING_NOTICE, ImportHouseholdRoster, household_rows, preview_roster,
    read_roster, roster_rows, write_roster,
)
from gridmap.workbooks.project_workbook import FEWEST_COUNTED, building_rows
from tests.factories import small_project

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
    assert (len(found["names"]) > 1000 and len(found["notes"]) > 5
            and found["sensitive tags"] == {"独居", "空巢", "残疾"})
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
    assert sheet[0][0] == WORKING_NOTICE  # every flat's 空户 / 在外 is in it: not a sheet to post
    assert tuple(sheet[1]) == PUBLIC_HEADER and len(sheet) - 2 == 11_506
    assert not {"户主", "联系电话", "标签", "备注"} & set(sheet[1])


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


def _sheet_tables(path) -> dict[str, tuple[list[str], list[list]]]:
    """Sheet → (header, data rows): the header is the first row of more than one
    cell (under the 内部资料 line, if any)."""
    book = CalamineWorkbook.from_path(str(path))
    tables = {}
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        at = next(i for i, row in enumerate(rows) if sum(c not in ("", None) for c in row) > 1)
        tables[name] = ([str(c) for c in rows[at]], rows[at + 1:])
    return tables


def _flats_with_occupancy(path) -> list[tuple]:
    """Every row, of any sheet, that pairs a room number with a 居住状态."""
    rooms, occupancies = {"房号", *HEADERS["room"]}, {"居住状态", *HEADERS["occupancy"]}
    found = []
    for header, rows in _sheet_tables(path).values():
        room = [i for i, h in enumerate(header) if h in rooms]
        state = [i for i, h in enumerate(header) if h in occupancies]
        found += [(row[r], row[s]) for row in rows for r in room for s in state
                  if row[r] not in ("", None) and row[s] not in ("", None)]
    return found


def test_the_public_project_workbook_says_no_flat_is_empty_or_away(demo_file, tmp_path):
    """A wall of flats marked 空户 / 在外 tells a burglar where to go: public is
    per building, internal keeps the flats."""
    public, internal = tmp_path / "public.xlsx", tmp_path / "internal.xlsx"
    assert main(["export", str(demo_file), "--format", "xlsx", "--out", str(public)]) == 0
    assert main(["export", str(demo_file), "--format", "xlsx", "--mode", "internal", "--out", str(internal)]) == 0
    project = Project.open(demo_file, read_only=True)
    try:
        households = list(project.tables["households"].values())
        buildings = {h.building_id for h in households}
    finally:
        project.close()
    away = {o: sum(h.occupancy == o for h in households) for o in ("空户", "在外")}
    assert min(away.values()) > 0

    assert _flats_with_occupancy(public) == []
    header, rows = _sheet_tables(public)["住户"]
    assert "房号" not in header and "居住状态" not in header and "公开标签" not in header
    assert len(rows) == len(buildings)  # one row per building with households
    assert sum(r[header.index("户数")] for r in rows) == len(households)
    assert {o: sum(r[header.index(o)] for r in rows) for o in away} == away

    flats = _flats_with_occupancy(internal)
    assert len(flats) == len(households)
    assert {o: sum(state == o for _, state in flats) for o in away} == away


def test_a_building_of_one_or_two_flats_shows_no_occupancy_in_public(tmp_path):
    """A village house of one flat counted "1 空户" is that flat: fewer than
    FEWEST_COUNTED households show their number only."""
    project = small_project(tmp_path / "p.gpkg")
    try:
        rows = household_rows(project)
    finally:
        project.close()
    first = rows[0][:3]
    small = [r for r in rows if r[:3] == first][:FEWEST_COUNTED - 1]  # two flats of one unit
    small[0][TEMPLATE_HEADER.index("居住状态")] = "空户"
    others = [r for r in rows if r[:3] != first]
    counted = building_rows(small + others)
    assert counted[0] == [*first, 1, len(small), "", "", "", "", ""]
    assert len(counted) == 3 and [r[4] for r in counted[1:]] == [12, 12]  # the other two are counted in full
    assert all(isinstance(n, int) for r in counted[1:] for n in r[3:])
    assert sum(r[5] for r in counted[1:]) == sum(r[TEMPLATE_HEADER.index("人数")] for r in others)


def test_the_public_project_workbook_is_refused_as_a_roster(demo_copy, tmp_path, capsys):
    """It has no flats, so a roster import says which columns it lacks and changes nothing."""
    out = tmp_path / "project.xlsx"
    assert main(["export", str(demo_copy), "--format", "xlsx", "--out", str(out)]) == 0
    before = demo_copy.read_bytes()
    with pytest.raises(WorkbookError) as refused:
        read_roster(out)
    assert refused.value.key == "no_header"
    assert main(["households", str(demo_copy), "--import", str(out)]) != 0
    assert "project.xlsx" in capsys.readouterr().err
    assert demo_copy.read_bytes() == before
