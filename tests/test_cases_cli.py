"""``gridmap cases``: --import (with --dry-run, --json), --export, --stats; real
exit codes, one clear line for every error, nothing changed by a failure."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from gridmap.cases.stats import case_frame, statistics
from gridmap.cli import main
from gridmap.project import Project
from tests.test_cases_import import digest, hotline_sheet, known_case_number

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def hotline(demo_copy, tmp_path):
    project = Project.open(demo_copy)
    known = known_case_number(project)
    sheet = hotline_sheet(project, tmp_path / "12345工单.xlsx", known)
    project.close()
    return demo_copy, sheet


def _cases(path: Path) -> int:
    project = Project.open(path, read_only=True)
    try:
        return len(project.tables["cases"])
    finally:
        project.close()


def test_import_prints_json_with_every_bad_row_and_writes_the_good_ones(hotline, capsys):
    path, sheet = hotline
    before = _cases(path)
    assert main(["cases", str(path), "--import", str(sheet.path), "--json"]) == 1  # some rows were refused
    out = json.loads(capsys.readouterr().out)
    assert out["counts"] == {"rows": 200, "ok": 170, "error": 30} and out["written"] == 170
    assert out["ignored_columns"] == ["受理坐席"] and not out["dry_run"]
    bad = {r["row"]: r for r in out["rows"] if r["status"] == "error"}
    assert {n: r["problems"] for n, r in bad.items()} == {n: [kind] for n, kind in sheet.bad.items()}
    assert all(r["reasons"] and r["reasons"][0] for r in bad.values())
    assert _cases(path) == before + 170


def test_a_dry_run_prints_the_same_and_leaves_the_file_byte_identical(hotline, capsys):
    path, sheet = hotline
    was = digest(path)
    assert main(["cases", str(path), "--import", str(sheet.path), "--dry-run"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "200 rows: 170 cases, 30 with errors; nothing written (--dry-run)"
    for number in sheet.bad:
        assert any(line.startswith(f"row {number}: ") for line in out), number
    assert digest(path) == was


def test_a_sheet_without_bad_rows_exits_0_through_the_real_command(demo_copy, tmp_path):
    project = Project.open(demo_copy)
    sheet = hotline_sheet(project, tmp_path / "good.xlsx", known_case_number(project), rows=20, bad=0)
    project.close()
    done = subprocess.run([sys.executable, "-m", "gridmap", "cases", str(demo_copy), "--import", str(sheet.path)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == f"20 rows: 20 cases, 0 with errors; wrote 20 cases to {demo_copy}"


def test_stats_json_equals_the_statistics_of_the_table(hotline, capsys):
    path, sheet = hotline
    main(["cases", str(path), "--import", str(sheet.path)])
    capsys.readouterr()
    was = digest(path)
    for by in ("grid", "community", "category", "month"):
        assert main(["cases", str(path), "--stats", "--by", by, "--json"]) == 0
        out = json.loads(capsys.readouterr().out)
        project = Project.open(path, read_only=True)
        try:
            import datetime as dt

            expected = statistics(case_frame(project, dt.datetime.fromisoformat(out["at"])), by)
        finally:
            project.close()
        assert [r["key"] for r in out["rows"]] == [k if isinstance(k, str) else int(k) for k in expected.index]
        assert [r["reported"] for r in out["rows"]] == expected["reported"].tolist()
        assert [r["overdue"] for r in out["rows"]] == expected["overdue"].tolist()
        assert all(r["name"] for r in out["rows"])
    assert main(["cases", str(path), "--stats"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["grid", "name", "reported"] and lines[-1].endswith(f"cases in {path}")
    assert digest(path) == was  # a report never touches the file


def test_export_writes_an_internal_workbook(hotline, tmp_path, capsys):
    path, sheet = hotline
    main(["cases", str(path), "--import", str(sheet.path)])
    capsys.readouterr()
    out = tmp_path / "案件.xlsx"
    assert main(["cases", str(path), "--export", str(out)]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"wrote {out}: ") and "内部资料" in said
    book = openpyxl.load_workbook(out)
    assert all("内部资料" in ws["A1"].value for ws in book)
    assert book["案件"].max_row - 2 == _cases(path)


def test_usage_mistakes_exit_2(hotline, tmp_path, capsys):
    path, sheet = hotline
    was = digest(path)
    for argv in (["cases", str(path)], ["cases", str(path), "--stats", "--by", "street"],
                 ["cases", str(path), "--stats", "--export", str(tmp_path / "x.xlsx")]):
        with pytest.raises(SystemExit) as stopped:
            main(argv)
        assert stopped.value.code == 2
    capsys.readouterr()
    for argv, said in ((["cases", str(path), "--export", str(tmp_path / "x.xlsx"), "--dry-run"], "--dry-run"),
                       (["cases", str(path), "--stats", "--dry-run"], "--dry-run"),
                       (["cases", str(path), "--import", str(sheet.path), "--by", "month"], "--by")):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.startswith("gridmap cases: error: ") and said in err
    assert not (tmp_path / "x.xlsx").exists() and digest(path) == was


def _one_clear_line(err: str, *words: str) -> None:
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert err.startswith("gridmap: error: ") and all(w in err for w in words), err


def test_errors_exit_1_with_one_line_naming_the_file(hotline, tmp_path, capsys):
    path, sheet = hotline
    was = digest(path)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(sheet.path.read_bytes()[:1500])
    assert main(["cases", str(path), "--import", str(broken)]) == 1
    _one_clear_line(capsys.readouterr().err, "broken.xlsx", "not a workbook")
    assert main(["cases", str(path), "--import", str(tmp_path / "none.xlsx")]) == 1
    _one_clear_line(capsys.readouterr().err, "none.xlsx", "does not exist")
    assert main(["cases", str(tmp_path / "nowhere.gpkg"), "--stats"]) == 1
    _one_clear_line(capsys.readouterr().err, "nowhere.gpkg", "does not exist")
    assert main(["cases", str(path), "--export", str(tmp_path / "no" / "x.xlsx")]) == 1
    _one_clear_line(capsys.readouterr().err, "x.xlsx")
    assert main(["cases", str(path), "--export", str(path)]) == 1  # never onto the project
    _one_clear_line(capsys.readouterr().err)
    assert digest(path) == was


def test_a_read_only_project_exits_1_and_is_left_as_it_was(hotline, tmp_path, immutable, capsys):
    path, sheet = hotline
    locked = tmp_path / "locked.gpkg"
    shutil.copyfile(path, locked)
    was = digest(locked)
    immutable(locked)
    assert main(["cases", str(locked), "--import", str(sheet.path)]) == 1
    _one_clear_line(capsys.readouterr().err, "locked.gpkg", "read-only")
    assert digest(locked) == was
    # reading it still works
    assert main(["cases", str(locked), "--import", str(sheet.path), "--dry-run", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["counts"]["ok"] == 170
    assert digest(locked) == was
