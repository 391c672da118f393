"""Nothing lost, nothing leaked (issue 17, points 1 and 7): no output ever
replaces a project, and a read-only file or folder, a missing folder or a full
disk ends in a message and exit 1, with the earlier file intact and no
temporary file left.

The full disk is a 3 MB tmpfs of the test's own (mounting needs root; the
tests say so and skip elsewhere); read-only is ``chattr +i``, which holds even
for root, on a file or on a folder."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from gridmap_command import main
from gridmap.outputs import OutputError, pdf_is_complete, png_is_complete, written_in_place_of
from tests.factories import small_project
from tests.faults import fill

DISK_FULL = "the disk is full"
READ_ONLY = "read-only"
IS_PROJECT = "gridmap project"


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def shas(folder: Path) -> dict[str, str]:
    return {p.name: sha(p) for p in sorted(folder.iterdir()) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    """Temporary files (ours are hidden and end in .part...) anywhere below ``folder``."""
    return [str(p.relative_to(folder)) for p in folder.rglob("*") if p.name.startswith(".") or ".part" in p.name]


@pytest.fixture
def small_file(tmp_path) -> Path:
    """A small project on disk, closed."""
    path = tmp_path / "project" / "small.gpkg"
    path.parent.mkdir()
    small_project(path).close()
    return path


def run(capsys, *args) -> tuple[int, str]:
    """``gridmap args`` in this process: the exit code and stderr."""
    code = main([str(a) for a in args])
    return code, capsys.readouterr().err


# -- never onto a project ---------------------------------------------------------------------------------------------

ONTO_PROJECT = {
    "export gpkg": ["export", "{p}", "--format", "gpkg", "--out", "{p}"],
    "export xlsx": ["export", "{p}", "--format", "xlsx", "--out", "{p}"],
    "export html": ["export", "{p}", "--format", "html", "--out", "{p}"],
    "export shp": ["export", "{p}", "--format", "shp", "--out", "{p}"],
    "export geojson": ["export", "{p}", "--format", "geojson", "--out", "{p}"],
    "print": ["print", "{p}", "--all", "--out", "{p}"],
    "households --export": ["households", "{p}", "--export", "{p}"],  # needs the workbooks' change
    "households --template": ["households", "{p}", "--template", "{p}"],  # needs the workbooks' change
    "staff --export": ["staff", "{p}", "--export", "{p}"],  # needs the workbooks' change
    "staff --coverage": ["staff", "{p}", "--coverage", "{p}"],  # needs the workbooks' change
}


@pytest.mark.parametrize("command", list(ONTO_PROJECT))
def test_no_output_replaces_the_project(command, small_file, capsys):
    before = sha(small_file)
    code, err = run(capsys, *[a.format(p=small_file) for a in ONTO_PROJECT[command]])
    assert code == 1 and IS_PROJECT in err and "Traceback" not in err
    assert sha(small_file) == before
    assert sorted(p.name for p in small_file.parent.iterdir()) == ["small.gpkg"]  # nothing beside it either


@pytest.mark.parametrize("way", ["relative", "symlink", "hard link", "-wal", "symlink to -wal"])
def test_the_project_by_another_name_is_still_the_project(way, small_file, capsys, monkeypatch):
    monkeypatch.chdir(small_file.parent.parent)
    folder = small_file.parent
    target = {"relative": Path("project") / "small.gpkg", "symlink": folder / "link.gpkg",
              "hard link": folder / "hard.gpkg", "-wal": folder / "small.gpkg-wal",
              "symlink to -wal": folder / "wal-link"}[way]
    if way == "symlink":
        target.symlink_to(small_file)
    elif way == "hard link":
        os.link(small_file, target)
    elif way == "symlink to -wal":
        target.symlink_to(folder / "small.gpkg-wal")
    before = sha(small_file)
    code, err = run(capsys, "export", small_file, "--format", "gpkg", "--out", target)
    assert code == 1 and IS_PROJECT in err
    assert sha(small_file) == before and not leftovers(folder)
    assert way != "symlink" or target.is_symlink()


def test_a_project_is_refused_before_anything_is_written(small_file):
    with pytest.raises(OutputError) as caught, written_in_place_of(small_file):
        raise AssertionError("the block must not run")
    assert caught.value.kind == "project"


# -- missing folders, read-only files and folders ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["gpkg", "xlsx", "html", "shp", "geojson"])
def test_a_missing_folder_is_explained_and_nothing_is_made(fmt, small_file, tmp_path, capsys):
    out = tmp_path / "no such folder" / ("out." + fmt if fmt in ("gpkg", "xlsx", "html") else "layers")
    code, err = run(capsys, "export", small_file, "--format", fmt, "--out", out)
    assert code == 1 and "does not exist" in err and "Create the folder first" in err
    assert not (tmp_path / "no such folder").exists()


def test_print_into_a_missing_folder_is_explained(small_file, tmp_path, capsys):
    code, err = run(capsys, "print", small_file, "--all", "--out", tmp_path / "no such folder" / "charts")
    assert code == 1 and "does not exist" in err and not (tmp_path / "no such folder").exists()


def test_a_read_only_file_is_kept_as_it_was(small_file, tmp_path, capsys, immutable):
    out = tmp_path / "map.html"
    assert run(capsys, "export", small_file, "--format", "html", "--out", out)[0] == 0
    before = sha(out)
    immutable(out)
    code, err = run(capsys, "export", small_file, "--format", "html", "--out", out)
    assert code == 1 and READ_ONLY in err and "Traceback" not in err
    assert sha(out) == before and not leftovers(tmp_path)


@pytest.mark.parametrize("fmt", ["gpkg", "html", "shp"])
def test_a_read_only_folder_is_explained_and_left_alone(fmt, small_file, tmp_path, capsys, immutable):
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "earlier.txt").write_text("kept")
    immutable(folder)
    out = folder / ("out." + fmt if fmt != "shp" else "")
    code, err = run(capsys, "export", small_file, "--format", fmt, "--out", out)
    assert code == 1 and READ_ONLY in err
    assert [p.name for p in folder.iterdir()] == ["earlier.txt"]


def test_print_into_a_read_only_folder_is_explained(small_file, tmp_path, capsys, immutable):
    folder = tmp_path / "locked"
    folder.mkdir()
    immutable(folder)
    code, err = run(capsys, "print", small_file, "--all", "--out", folder)
    assert code == 1 and READ_ONLY in err and not list(folder.iterdir())


def test_the_demo_into_a_read_only_folder_is_explained(tmp_path, capsys, immutable):
    folder = tmp_path / "locked"
    folder.mkdir()
    immutable(folder)
    code, err = run(capsys, "demo", folder / "demo.gpkg")
    assert code == 1 and READ_ONLY in err and not list(folder.iterdir())


def test_one_read_only_shapefile_keeps_the_whole_earlier_set(small_file, tmp_path, capsys, immutable):
    folder = tmp_path / "layers"
    assert run(capsys, "export", small_file, "--format", "shp", "--out", folder)[0] == 0
    (folder / "buildings.qix").write_bytes(b"QGIS's index of the earlier buildings")
    before = shas(folder)
    immutable(folder / "zones.shp")  # the last to be replaced: every other file was moved before it fails
    code, err = run(capsys, "export", small_file, "--format", "shp", "--encoding", "gbk", "--out", folder)
    assert code == 1 and READ_ONLY in err
    assert shas(folder) == before and (folder / "zones.cpg").read_text() == "UTF-8"  # not half UTF-8, half GBK
    assert not leftovers(folder)


def test_new_shapefiles_take_the_place_of_the_earlier_ones_and_their_indexes(small_file, tmp_path, capsys):
    folder = tmp_path / "layers"
    folder.mkdir()
    (folder / "buildings.qix").write_bytes(b"QGIS's index of the earlier buildings")
    (folder / "notes.txt").write_text("someone else's")
    assert run(capsys, "export", small_file, "--format", "shp", "--out", folder)[0] == 0
    assert run(capsys, "export", small_file, "--format", "shp", "--encoding", "gbk", "--out", folder)[0] == 0
    assert not (folder / "buildings.qix").exists() and (folder / "notes.txt").read_text() == "someone else's"
    assert (folder / "zones.cpg").read_text() == "GBK" and not leftovers(folder)
    assert len(list(folder.glob("*.shp"))) == 6


def test_a_file_where_the_layers_folder_goes_is_explained(small_file, tmp_path, capsys):
    out = tmp_path / "layers"
    out.write_text("not a folder")
    code, err = run(capsys, "export", small_file, "--format", "geojson", "--out", out)
    assert code == 1 and "is a file, not a folder" in err and out.read_text() == "not a folder"


# -- a full disk ------------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_printing_onto_a_full_disk_stops_with_a_message_and_keeps_the_earlier_chart(demo_file, small_disk, capsys):
    charts = small_disk / "charts"
    assert run(capsys, "print", demo_file, "--compound", "金桂花园", "--out", charts)[0] == 0
    earlier, = charts.glob("*.pdf")
    before = sha(earlier)
    fill(small_disk, 1024 * 1024)  # room for about a dozen of the forty
    code, err = run(capsys, "print", demo_file, "--all", "--out", charts)
    assert code == 1 and DISK_FULL in err and "Traceback" not in err
    assert sha(earlier) == before
    written = sorted(charts.glob("*.pdf"))
    assert 3 < len(written) < 40 and not leftovers(small_disk)
    for pdf in written:  # every chart there is whole, none empty
        assert pdf_is_complete(pdf)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "网格" in text


@pytest.mark.parametrize("fmt", ["gpkg", "shp", "geojson", "html"])
def test_an_export_onto_a_full_disk_keeps_the_earlier_one(fmt, demo_file, small_disk, capsys):
    out = small_disk / ("map." + fmt if fmt in ("gpkg", "html") else "layers")
    assert run(capsys, "export", demo_file, "--format", fmt, "--out", out)[0] == 0
    before = shas(out) if out.is_dir() else sha(out)
    fill(small_disk, 32 * 1024)
    code, err = run(capsys, "export", demo_file, "--format", fmt, "--out", out)
    assert code == 1 and DISK_FULL in err and "Traceback" not in err
    assert (shas(out) if out.is_dir() else sha(out)) == before
    assert not leftovers(small_disk)


@pytest.mark.parametrize("fmt", ["shp", "geojson"])
def test_a_layers_folder_made_for_a_failed_export_goes_again(fmt, demo_file, small_disk, capsys):
    fill(small_disk, 32 * 1024)
    code, err = run(capsys, "export", demo_file, "--format", fmt, "--out", small_disk / "layers")
    assert code == 1 and DISK_FULL in err
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]


@pytest.mark.slow
def test_an_excel_export_onto_a_full_disk_keeps_the_earlier_workbook(demo_file, small_disk, capsys):
    """Needs write_project_workbook to write through gridmap.outputs (the workbooks' part of issue 17).
    A subprocess: a zip file left open by a failed save prints a traceback when it is collected."""
    out = small_disk / "project.xlsx"
    # every flat: big
    assert run(capsys, "export", demo_file, "--format", "xlsx", "--mode", "internal", "--out", out)[0] == 0
    before = sha(out)
    fill(small_disk, 100 * 1024)
    done = subprocess.run([sys.executable, "-m", "gridmap", "export", str(demo_file), "--format", "xlsx",
                           "--mode", "internal", "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1 and DISK_FULL in done.stderr and "Traceback" not in done.stderr
    assert sha(out) == before and openpyxl.load_workbook(out, read_only=True).sheetnames
    assert not leftovers(small_disk)


@pytest.mark.slow
def test_the_demo_onto_a_full_disk_leaves_nothing(small_disk):
    """A subprocess: the message and the exit code as a user sees them."""
    fill(small_disk, 512 * 1024)
    done = subprocess.run([sys.executable, "-m", "gridmap", "demo", str(small_disk / "demo.gpkg")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1 and DISK_FULL in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]


# -- the helpers ------------------------------------------------------------------------------------------------------


def test_a_failed_writer_leaves_the_earlier_file_and_its_own_error(tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("earlier")
    # a bug stays a bug: not dressed up as a file problem
    with pytest.raises(ZeroDivisionError), written_in_place_of(out) as temp:
        temp.write_text("half")
        _ = 1 / 0
    assert out.read_text() == "earlier" and sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_an_incomplete_file_is_refused(tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("earlier")
    with pytest.raises(OutputError) as caught, \
            written_in_place_of(out, complete=lambda p: p.read_text().endswith("END")) as temp:
        temp.write_text("no end")
    assert caught.value.kind == "incomplete" and out.read_text() == "earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_a_long_chinese_name_still_gets_its_temporary_file(tmp_path):
    out = tmp_path / ("示例街道新华街社区" * 9 + ".pdf")  # 247 bytes: the longest names are Chinese
    with written_in_place_of(out) as temp:
        temp.write_bytes(b"x")
    assert out.read_bytes() == b"x"


def test_a_symlinked_output_is_written_through_the_link(tmp_path):
    real = tmp_path / "shared" / "map.html"
    real.parent.mkdir()
    real.write_text("earlier")
    link = tmp_path / "map.html"
    link.symlink_to(real)
    with written_in_place_of(link) as temp:
        temp.write_text("new")
    assert link.is_symlink() and real.read_text() == "new"
    assert sorted(p.name for p in real.parent.iterdir()) == ["map.html"]


def test_written_files_get_ordinary_permissions(tmp_path):
    out = tmp_path / "out.txt"
    with written_in_place_of(out) as temp:
        temp.write_text("x")
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask


def test_pdf_and_png_checks_tell_a_cut_file(tmp_path, qapp):
    from PySide6.QtGui import QImage

    from gridmap.charts.paper import Paper
    from gridmap.charts.privacy import Privacy
    from ui.printing.charts import Sheet
    from ui.printing.output import write_pdf, write_png
    from ui.printing.sheet import SheetText

    sheet = Sheet(SheetText("标题", "副标题", "数据截至 2026-11-01", Privacy()), lambda painter, body: None)
    pdf = tmp_path / "sheet.pdf"
    assert write_pdf(pdf, [[sheet]], Paper("A4"), "t", "c") == 1 and pdf_is_complete(pdf)
    png = write_png(tmp_path / "sheet.png", QImage(20, 20, QImage.Format.Format_RGB32))
    assert png_is_complete(png)
    for path in (pdf, png):
        data = path.read_bytes()
        for cut in (data[: len(data) // 2], data[:-3], b""):
            path.write_bytes(cut)
            assert not (pdf_is_complete if path.suffix == ".pdf" else png_is_complete)(path)


def test_a_shapefile_with_a_short_part_is_not_complete(small_file, tmp_path):
    from gridmap.gis.export import _shapefile_complete, export_shapefiles
    from gridmap.project import Project

    project = Project.open(small_file, read_only=True)
    try:
        counts = export_shapefiles(project, tmp_path / "layers")
    finally:
        project.close()
    complete = _shapefile_complete(counts)
    for path in sorted((tmp_path / "layers").iterdir()):
        assert complete(path), path.name
        data = path.read_bytes()
        path.write_bytes(data[: len(data) - 8] if len(data) > 8 else b"")
        assert not complete(path), path.name
