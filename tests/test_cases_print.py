"""The dispatch slip (派单) and the monthly report (月报) of the demo's cases,
written as PDFs and read back: the figures and words are there as text, every
glyph is drawn (no missing-glyph boxes), the pages render, 内部资料 is stamped,
the reporter's phone is masked and the report names no reporter."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from PySide6.QtGui import QImage

from gridmap.cases import workflow
from gridmap.cases.stats import case_frame
from gridmap.model.entities import CASE_CLOSED, CASE_HANDLING
from gridmap.outputs import OutputError
from gridmap.project import Project
from gridmap.workbooks.values import masked_phone
from ui.printing.case_report import month_cases, report_figures, write_monthly_report
from ui.printing.case_slip import write_case_slip

NOW = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def demo(demo_module_copy):
    project = Project.open(demo_module_copy, read_only=True)
    yield project
    project.close()


def _text(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _render(pdf, tmp_path) -> QImage:
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
    image = QImage(str(tmp_path / "page.png"))
    assert not image.isNull() and image.width() > 300
    return image


def _drawn_fonts(pdf) -> list[str]:
    """The fonts the PDF draws with (every one embedded, or pdffonts says no)."""
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:] if line.strip()]
    assert all(row[-5] == "yes" for row in rows)  # emb
    return [row[0] for row in rows]


def test_the_slip_of_a_case_with_a_long_history(demo, tmp_path):
    events = demo.tables["case_events"].values()
    steps = {c: sum(e.case_id == c for e in events) for c in demo.tables["cases"]}
    case = demo.tables["cases"][max(c for c in steps if demo.tables["cases"][c].reporter and steps[c] >= 7)]
    pdf = tmp_path / "slip.pdf"
    assert write_case_slip(demo, case.id, pdf) == 1
    text = _text(pdf)
    person = demo.tables["staff"][case.assignee_id]
    for shown in (case.number, case.category, case.urgency, case.address, case.description, person.name, person.phone,
                  case.reporter, masked_phone(case.reporter_phone), "内部资料", "处置情况", "核查意见", "签字",
                  case.reported_at.astimezone(dt.timezone(dt.timedelta(hours=8))).strftime("%Y-%m-%d %H:%M")):
        assert shown in text, shown
    assert case.reporter_phone not in text
    ours = [e for e in events if e.case_id == case.id]
    assert all(e.action in text and e.who in text for e in ours)
    assert "\ufffd" not in text and "□" not in text
    fonts = _drawn_fonts(pdf)
    assert fonts and all(name.startswith("NotoSansCJK") for name in fonts)
    _render(pdf, tmp_path)


def test_a_long_timeline_goes_on_to_a_second_sheet(demo_copy, tmp_path):
    from gridmap.commands.cases import CaseStep

    project = Project.open(demo_copy)
    try:
        case = next(c for c in project.tables["cases"].values() if c.status == CASE_HANDLING)
        for _ in range(20):  # handled, found not done, again and again
            project.undo_stack.push(CaseStep(case.id, workflow.SUBMIT, "已处理"))
            project.undo_stack.push(CaseStep(case.id, workflow.REJECT, "仍未解决"))
        pages = write_case_slip(project, case.id, tmp_path / "long.pdf")
    finally:
        project.close()
    assert pages == 2
    text = _text(tmp_path / "long.pdf")
    assert text.count("仍未解决") == 20 and "续页" in text and text.count("内部资料") >= 2


def test_the_monthly_report_of_a_community(demo, tmp_path):
    community = next(z for z in demo.tables["zones"].values() if z.name == "新华街社区")
    frame = month_cases(demo, community.id, "2026-07", NOW)
    figures = report_figures(frame)
    # an independent count over the table: cases reported in July (China time) in the community's grids
    grids = {z.id for z in demo.tables["zones"].values() if z.parent_id == community.id}
    july = [c for c in demo.tables["cases"].values() if c.zone_id in grids
            and c.reported_at.astimezone(dt.timezone(dt.timedelta(hours=8))).strftime("%Y-%m") == "2026-07"]
    assert figures["reported"] == len(july) > 10
    assert figures["closed"] == sum(c.status == CASE_CLOSED for c in july)
    late = [c for c in july if (c.closed_at or NOW) > c.deadline]
    assert figures["overdue"] == len(late) and figures["closed_on_time"] == figures["closed"] - sum(
        c.closed_at is not None for c in late)
    pdf = tmp_path / "report.pdf"
    assert write_monthly_report(demo, community.id, "2026-07", pdf, now=NOW) == 1
    text = _text(pdf)
    assert "新华街社区" in text and "2026年7月" in text and "内部资料" in text
    assert f"上报 {len(july)} 件" in text
    for category in {c.category for c in july}:
        assert category in text
    for case in late:
        assert case.number in text
    for case in july:  # no reporter, no phone, no description on a report
        assert not (case.reporter and case.reporter in text.split())
        assert not (case.reporter_phone and case.reporter_phone in text) and case.description not in text
    assert "\ufffd" not in text
    _render(pdf, tmp_path)


def test_the_monthly_report_of_a_grid_and_of_a_quiet_month(demo, tmp_path):
    grid = next(z for z in demo.tables["zones"].values() if z.level == 3 and z.kind == "")
    frame = case_frame(demo, NOW)
    busiest = frame[frame["grid_id"] == grid.id]["month"].value_counts().index[0]
    assert write_monthly_report(demo, grid.id, busiest, tmp_path / "grid.pdf", now=NOW) == 1
    assert grid.name in _text(tmp_path / "grid.pdf")
    assert write_monthly_report(demo, grid.id, "2020-01", tmp_path / "quiet.pdf", now=NOW) == 1
    text = _text(tmp_path / "quiet.pdf")
    assert "上报 0 件" in text and "本月无超期案件" in text


def test_an_unwritable_target_leaves_nothing(demo, tmp_path):
    case = min(demo.tables["cases"])
    with pytest.raises(OutputError):
        write_case_slip(demo, case, tmp_path / "missing" / "slip.pdf")
    assert not list(tmp_path.rglob("*.pdf*"))
