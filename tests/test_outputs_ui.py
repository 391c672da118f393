"""Outputs from the window (issue 17, points 1, 7 and 9): the print preview
opens, draws and closes without taking the program down; exports and prints
onto the project, into a missing or read-only folder end in a message in the
user's words, with the project and any earlier file unchanged."""

from __future__ import annotations

import gc
import hashlib
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QMessageBox

from gridmap.project import Project
from ui.printing.dialog import PrintDialog


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def outputs_tr(text: str) -> str:
    """A sentence of ui.output_problems as the user reads it (translated or not yet)."""
    return QCoreApplication.translate("Outputs", text)


IS_PROJECT = "This is a gridmap project: writing there would replace its households, staff and map."
NO_FOLDER = "The folder does not exist."
READ_ONLY = "The file or its folder is read-only."


@pytest.fixture
def told(monkeypatch) -> list[str]:
    """The texts of the warnings shown."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *rest: shown.append(text))
    return shown


def test_the_print_preview_opens_draws_and_closes(qtbot, demo_copy, tmp_path):
    """It used to crash every time: its QPrinter was freed while it was open."""
    project = Project.open(demo_copy, read_only=True)
    try:
        dialog = PrintDialog(project, str(tmp_path))
        qtbot.addWidget(dialog)
        preview = dialog.preview()
        gc.collect()  # what the preview holds must not hang on a Python reference that goes here
        pages = preview.findChild(QPrintPreviewWidget)
        qtbot.waitUntil(lambda: pages.pageCount() == 3, timeout=20000)
        pages.setCurrentPage(2)
        pages.zoomIn()
        pages.updatePreview()  # painted again, as on a change of zoom or page setup
        qtbot.waitUntil(lambda: pages.pageCount() == 3, timeout=20000)
        image = pages.grab().toImage()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 10  # a drawn page, not an empty frame
        with qtbot.waitSignal(preview.destroyed, timeout=5000):
            preview.close()  # gone with its pages
        gc.collect()
        again = dialog.preview()  # and a second one, after the first is gone
        gc.collect()
        qtbot.waitUntil(lambda: again.findChild(QPrintPreviewWidget).pageCount() == 3, timeout=20000)
        with qtbot.waitSignal(again.destroyed, timeout=5000):
            again.close()
    finally:
        project.close()


def test_exporting_onto_the_open_project_is_refused(window, told):
    path = window.project.path
    before = sha(path)
    for kind in ("gpkg", "xlsx", "html"):
        assert window.gis_actions.export(kind, str(path)) is None
    assert sha(path) == before and len(told) == 3
    assert all(outputs_tr(IS_PROJECT) in text and str(path) in text for text in told)


def test_an_export_into_a_missing_folder_is_explained(window, tmp_path, told):
    assert window.gis_actions.export("html", str(tmp_path / "nowhere" / "map.html")) is None
    assert window.gis_actions.export("geojson", str(tmp_path / "nowhere" / "layers")) is None
    assert len(told) == 2 and all(outputs_tr(NO_FOLDER) in text for text in told)
    assert not (tmp_path / "nowhere").exists()


def test_the_map_view_into_a_read_only_folder_is_explained(window, tmp_path, told, immutable):
    folder = tmp_path / "locked"
    folder.mkdir()
    immutable(folder)
    for name in ("view.pdf", "view.png"):
        assert window.print_actions.export_map_view(str(folder / name), dpi=30) is None
    assert len(told) == 2 and all(outputs_tr(READ_ONLY) in text for text in told)
    assert not list(folder.iterdir())


def test_printing_to_a_file_that_is_the_project_is_refused(qtbot, demo_copy, told):
    before = sha(demo_copy)
    project = Project.open(demo_copy, read_only=True)
    try:
        dialog = PrintDialog(project, str(demo_copy.parent))
        qtbot.addWidget(dialog)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(demo_copy))
        assert dialog.print_to(printer) is False
        assert printer.outputFileName() == str(demo_copy)  # the dialog's choice, as it was
    finally:
        project.close()
    assert sha(demo_copy) == before and told and outputs_tr(IS_PROJECT) in told[0]
    assert sorted(p.name for p in demo_copy.parent.iterdir()) == ["demo.gpkg"]


def test_printing_to_a_file_goes_through_a_whole_pdf(qtbot, demo_copy, tmp_path):
    project = Project.open(demo_copy, read_only=True)
    try:
        dialog = PrintDialog(project, str(tmp_path))
        qtbot.addWidget(dialog)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        assert dialog.print_to(printer)
    finally:
        project.close()
    text = subprocess.run(["pdftotext", str(tmp_path / "printed.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "网格分工布局图" in text and sorted(p.name for p in tmp_path.iterdir()) == ["demo.gpkg", "printed.pdf"]


def test_saving_pdfs_into_a_read_only_folder_says_so(qtbot, demo_copy, tmp_path, told, immutable):
    folder = tmp_path / "locked"
    folder.mkdir()
    immutable(folder)
    project = Project.open(demo_copy, read_only=True)
    try:
        dialog = PrintDialog(project, str(folder))
        qtbot.addWidget(dialog)
        worker = dialog.save_pdf(wait=True)
    finally:
        project.close()
    assert worker.error and outputs_tr(READ_ONLY) in worker.error and "Error" not in worker.error
    assert told == [worker.error] and not list(folder.iterdir())
