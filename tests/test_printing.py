"""The three charts on paper, read back the way a person would: PDFs turned into
text (pdftotext), word boxes (pdftotext -bbox), fonts (pdffonts) and images
(pdftoppm). Public charts are scanned for every resident name, sensitive tag
and non-public phone number of the project."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtGui import QImage, QRawFont

from gridmap.cancel import Cancelled
from gridmap.charts.content import ChartSource
from gridmap.charts.paper import Paper
from gridmap_command import main
from gridmap.commands.staff import AddStaff, Assign
from gridmap.project import Project
from gridmap.workbooks.values import masked_phone
from layers.render.qt import font
from ui.printing.batch import PrintOptions, print_compounds

SENSITIVE = ("独居", "空巢", "残疾")


def _text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def _pages(pdf: Path) -> list[str]:
    return _text(pdf).split("\f")[:-1]


def _words(pdf: Path) -> list[tuple[int, float, float, float, float, float, float, str]]:
    """(page, page width, page height, x0, y0, x1, y1, word) for every word."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    root = ElementTree.fromstring(re.sub(r'xmlns="[^"]+"', "", xml, count=1))
    found = []
    for n, page in enumerate(root.iter("page"), 1):
        width, height = float(page.get("width")), float(page.get("height"))
        for w in page.iter("word"):
            found.append((n, width, height, float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")),
                          float(w.get("yMax")), w.text or ""))
    return found


def _page_size(pdf: Path) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return re.search(r"Page size:\s+(.*)", info).group(1)


@pytest.fixture(scope="module")
def public_charts(demo_module_copy, tmp_path_factory):
    """``gridmap print demo.gpkg --all --out charts/``, the acceptance command as is."""
    out = tmp_path_factory.mktemp("charts")
    assert main(["print", str(demo_module_copy), "--all", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def demo_tables(demo_module_copy):
    project = Project.open(demo_module_copy, read_only=True)
    yield project.tables
    project.close()


def test_every_compound_gets_its_three_charts_on_a3(public_charts, demo_tables):
    pdfs = sorted(public_charts.glob("*.pdf"))
    assert len(pdfs) == len(demo_tables["compounds"]) == 40
    for pdf in pdfs:
        pages = _pages(pdf)
        assert len(pages) == 3 or "刘庄村" in pdf.name, pdf.name  # a village's many houses run on to more sheets
        titles = [page.split("\n", 1)[0].split()[-1] for page in pages]
        assert sorted(set(titles), key=titles.index) == ["网格分工布局图", "闭环管理示意图", "小区楼栋示意图"]
        assert _page_size(pdf) == "1191 x 842 pts (A3)"


def test_chart_text_names_the_grids_and_the_staff(public_charts, demo_tables):
    tables = demo_tables
    compound = next(c for c in tables["compounds"].values() if c.name == "新华里小区")
    pdf = next(public_charts.glob("*新华里小区*.pdf"))
    chart1, chart2, chart3 = _pages(pdf)
    grid = next(z for z in tables["zones"].values() if z.name == "第1网格" and z.code.endswith("001001"))
    assert grid.name in chart1 and grid.code in chart1
    for a in tables["assignments"].values():
        person = tables["staff"][a.staff_id]
        shown = person.phone if person.phone_public else masked_phone(person.phone)
        if a.target_kind == "zone" and a.target_id == grid.id:
            assert re.search(rf"{a.role}\s+{person.name}\s+{re.escape(shown)}", chart1), (a.role, person.name)
        if a.target_kind == "building" and tables["buildings"][a.target_id].compound_id == compound.id:
            assert re.search(rf"{a.role}\s+{person.name}\s+{re.escape(shown)}", chart1)
            assert re.search(rf"{a.role}\s+{person.name}\s+{re.escape(shown)}", chart3)
        if a.target_kind == "site_point" and tables["site_points"][a.target_id].compound_id == compound.id:
            assert re.search(rf"{a.role}\s+{person.name}\s+{re.escape(shown)}", chart2)
    for text in (chart1, chart2, chart3):
        assert "社区服务电话 0371-65920001" in text.replace("\u3000", " ") and "数据截至 2026-11-01" in text
    gates = [p for p in tables["site_points"].values() if p.compound_id == compound.id and p.kind == "gate"]
    for gate in gates:
        state = "开放" if gate.state == "open" else "封闭"
        assert re.search(rf"{gate.name}\s+{state}", chart2)  # the gate table
        assert f"{gate.name}（{state}）" in chart2  # the label on the map
    assert "1号楼" in chart3 and "84" in chart3  # 1号楼: 84 households


def test_public_charts_show_no_resident_and_no_private_number(public_charts, demo_tables):
    tables = demo_tables
    staff_names = {s.name for s in tables["staff"].values()}
    resident_names = {r.name for r in tables["residents"].values()} - staff_names  # namesakes cannot be told apart
    private = {s.phone for s in tables["staff"].values() if not s.phone_public}
    private |= {r.phone for r in tables["residents"].values()} | {r.id_number for r in tables["residents"].values()}
    private.discard("")  # a resident without a phone
    public = {s.phone for s in tables["staff"].values() if s.phone_public}
    text = "".join(_text(pdf) for pdf in sorted(public_charts.glob("*.pdf")))
    assert len(text) > 30 * 2000
    assert not [t for t in SENSITIVE if t in text]
    words = set(text.split())  # names stand alone in cells and labels; 王磊 inside 王磊明 is not a leak
    assert not resident_names & words
    numbers = set(re.findall(r"\d[\d-]{6,}\d", text))
    hotlines = {"0371-6592000" + str(i) for i in range(1, 6)}
    codes = {z.code for z in tables["zones"].values()}
    known = public | hotlines | codes
    assert numbers and numbers <= known | {"2026-11-01"}, sorted(numbers - known)
    assert not [p for p in private if p in text]
    assert re.search(r"1[3-9]\d\*{4}\d{4}", text)  # building heads' numbers are there, masked


def test_charts_embed_the_chinese_font_and_draw_every_character(public_charts):
    pdf = next(public_charts.glob("*新华里小区*.pdf"))
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all(r[0].startswith("NotoSansCJKsc") for r in rows), fonts
    assert all(r[-5] == "yes" for r in rows), fonts  # the emb column
    raw = QRawFont.fromFont(font(10.0))
    missing = {c for c in _text(pdf) if not c.isspace() and not raw.supportsCharacter(ord(c))}
    assert not missing  # no character would come out as a box


def test_nothing_overlaps_or_leaves_the_page(public_charts):
    """Word boxes of every sheet: inside the page margins, and no word over another."""
    for pdf in sorted(public_charts.glob("*.pdf")):
        words = _words(pdf)
        by_page: dict[int, list] = {}
        for page, width, height, x0, y0, x1, y1, word in words:
            assert x0 >= 20 and x1 <= width - 20 and y0 >= 20 and y1 <= height - 20, (pdf.name, word)
            by_page.setdefault(page, []).append((x0, y0, x1, y1, word))
        for page, boxes in by_page.items():
            for i, a in enumerate(boxes):
                for b in boxes[i + 1:]:
                    dx = min(a[2], b[2]) - max(a[0], b[0])
                    dy = min(a[3], b[3]) - max(a[1], b[1])
                    assert dx <= 1.0 or dy <= 1.0, (pdf.name, page, a[4], b[4])


def test_the_pages_look_like_charts(public_charts, tmp_path):
    pdf = next(public_charts.glob("*安居小区*.pdf"))
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "2", "-l", "2", str(pdf), str(tmp_path / "page")], check=True)
    image = QImage(str(next(tmp_path.glob("page*.png"))))
    assert (image.width(), image.height()) == (662, 468)  # A3 landscape at 40 dpi
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)}
    assert len(colours) > 40  # a drawn map, not an empty page
    reds = sum(1 for x in range(image.width()) for y in range(image.height())
               if (lambda c: c.red() > 150 and c.green() < 110 and c.blue() < 110)(image.pixelColor(x, y)))
    assert reds > 300  # the closed loop, checkpoints and sealed gates


def test_internal_charts_show_everything_and_say_so(demo_module_copy, tmp_path, demo_tables):
    assert main(["print", str(demo_module_copy), "--compound", "新华里小区", "--mode", "internal",
                 "--charts", "1", "--out", str(tmp_path)]) == 0
    pdf, = tmp_path.glob("*.pdf")
    assert "内部资料" in pdf.name
    text = _text(pdf)
    heads = [demo_tables["staff"][a.staff_id] for a in demo_tables["assignments"].values()
             if a.target_kind == "building" and a.target_id == 1]
    assert heads and all(h.phone in text for h in heads)  # unmasked inside
    assert all("内部资料" in page for page in _pages(pdf))
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "internal, chosen explicitly" in info


def test_long_staff_tables_continue_on_further_sheets(demo_copy, tmp_path):
    project = Project.open(demo_copy)
    try:
        grid = next(z for z in project.tables["zones"].values() if z.code == "410104099001001")
        names = []
        for k in range(70):
            add = AddStaff(f"测试员{k:02d}", f"1390000{k:04d}", {"网格员"}, phone_public=False)
            project.undo_stack.push(add)
            project.undo_stack.push(Assign(add.staff_id, "zone", grid.id, "网格员"))
            names.append(f"测试员{k:02d}")
        compound = ChartSource(project).find("新华里小区")[0]
        printed, = print_compounds(project, [compound.id], PrintOptions(charts=(1,)), tmp_path)
        small = PrintOptions(charts=(1,), paper=Paper("A4", landscape=False))
        portrait, = print_compounds(project, [compound.id], small, tmp_path / "a4")
    finally:
        project.close()
    pdf = printed.files[0]
    pages = _pages(pdf)
    assert len(pages) >= 2
    assert "网格分工（续）" in pages[1] and "续页" in pages[1] and "联系电话" in pages[1]
    assert "第1网格（续）" in pages[1]  # the grid cut by the page is named again
    text = "".join(pages)
    assert [text.count(n) for n in names] == [1] * 70  # every one once: nothing lost, nothing twice
    assert "139****0042" in text and "13900000042" not in text
    for _page, width, height, x0, _y0, x1, y1, word in _words(pdf):
        assert x0 >= 20 and x1 <= width - 20 and y1 <= height - 20, word
    pages = _pages(portrait.files[0])  # A4 portrait: two columns under the map, then two columns a sheet
    assert len(pages) >= 2 and "（续）（续）" not in "".join(pages)
    for page in pages:  # each column a cut table continues in names the table and the grid again
        assert page.count("第1网格（续）") == page.count("网格分工（续）")
    assert sum(page.count("第1网格（续）") for page in pages) >= 2
    assert [sum(p.count(n) for p in pages) for n in names] == [1] * 70


def test_namesakes_in_one_community_get_files_of_their_own(demo_copy, tmp_path):
    from gridmap.model.changes import RowChange

    project = Project.open(demo_copy)
    try:
        first, second = (c for c in project.tables["compounds"].values() if c.id in (1, 2))  # both in 新华街社区
        project.apply([RowChange("compounds", second, second._replace(name=first.name))], label="rename")
        printed = print_compounds(project, [1, 2], PrintOptions(charts=(3,)), tmp_path)
    finally:
        project.close()
    files = [p.files[0] for p in printed]
    assert len(set(files)) == 2 and all(f.exists() for f in files)
    assert {b for b in ("1号楼", "2号楼") if all(b in _text(f) for f in files)} == {"1号楼", "2号楼"}


def test_an_empty_table_does_not_hold_up_the_rest():
    from PySide6.QtCore import QRectF

    from ui.printing.table import Row, Table, flow

    empty = Table("空表", ("a",), (1.0,), ())
    full = Table("人员", ("a",), (1.0,), tuple(Row((f"r{i}",)) for i in range(5)))
    placed, rest = flow([empty, full], [QRectF(0, 0, 300, 400)])
    assert [(p.table.title, p.stop - p.start) for p in placed] == [("人员", 5)] and rest == []


@pytest.mark.parametrize("paper, portrait, size", [("A4", True, "595 x 842 pts (A4)"),
                                                   ("A0", False, "3370 x 2384 pts")])
def test_other_papers_hold_the_same_charts(demo_module_copy, tmp_path, paper, portrait, size):
    args = ["print", str(demo_module_copy), "--compound", "新华里小区", "--paper", paper, "--out", str(tmp_path)]
    assert main(args + (["--portrait"] if portrait else [])) == 0
    pdf, = tmp_path.glob("*.pdf")
    assert _page_size(pdf).startswith(size)
    pages = _pages(pdf)
    assert len(pages) == 3 and "第1网格" in pages[0] and "核酸采样点" in pages[1]


def test_png_sheets_at_the_chosen_dpi(demo_module_copy, tmp_path):
    assert main(["print", str(demo_module_copy), "--compound", "新华里小区", "--charts", "2,3", "--png", "50",
                 "--out", str(tmp_path)]) == 0
    pngs = sorted(tmp_path.glob("*.png"))
    assert [p.name.rsplit("-", 1)[1] for p in pngs] == ["图2.png", "图3.png"]
    image = QImage(str(pngs[0]))
    assert (image.width(), image.height()) == Paper("A3").pixels(50) == (827, 585)


def test_public_insets_give_building_cards_without_occupancy_or_sensitive_tags(demo_module_copy, tmp_path):
    assert main(["print", str(demo_module_copy), "--compound", "机械厂小区", "--charts", "3", "--insets",
                 "--out", str(tmp_path)]) == 0
    pdf, = tmp_path.glob("*.pdf")
    pages = _pages(pdf)
    assert len(pages) == 3  # the chart and 9 buildings, six to a sheet
    assert "不含逐户信息" in pages[1] and "楼栋长" in pages[1]
    assert not [w for w in ("常住", "租户", "空户", "在外", "九色动态图") if w in "".join(pages)]
    assert not [t for t in SENSITIVE if t in "".join(pages)]


def test_bad_requests_are_refused_and_write_nothing(demo_module_copy, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["print", str(demo_module_copy), "--compound", "没有这个小区", "--out", str(out)]) == 1
    assert "no compound named '没有这个小区'" in capsys.readouterr().err
    assert main(["print", str(demo_module_copy), "--all", "--charts", "4", "--out", str(out)]) == 1
    assert "--charts takes chart numbers 1, 2 and 3" in capsys.readouterr().err
    assert main(["print", str(demo_module_copy), "--all", "--paper", "B5", "--out", str(out)]) == 1
    assert main(["print", str(demo_module_copy), "--all", "--paper", "A0", "--png", "600", "--out", str(out)]) == 1
    assert "would be 28087×19866 pixels; choose 30 to 311 dpi" in capsys.readouterr().err  # not 2 GB in memory
    assert not out.exists() or not list(out.iterdir())


def test_a_cancelled_batch_keeps_finished_files_and_no_half_file(demo_module_copy, tmp_path):
    project = Project.open(demo_module_copy, read_only=True)
    try:
        ids = [c.id for c in ChartSource(project).compounds()][:4]
        seen = []

        def progress(done, total, name):
            seen.append(done)

        with pytest.raises(Cancelled):
            print_compounds(project, ids, PrintOptions(), tmp_path, progress=progress,
                            cancelled=lambda: len(seen) >= 3)
    finally:
        project.close()
    assert len(list(tmp_path.glob("*.pdf"))) == 2
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".pdf", ".pdf"]  # no temporary file left
