"""The Print dialog: a batch on a worker thread with progress and cancel, the
internal mode only after a confirmation, the printer path (a QPrinter writing
PDF), and the window's menu entry opening on the selected compound."""

from __future__ import annotations

import subprocess

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox, QPushButton

from gridmap.project import Project
from gridmap.selection import Item
from ui.printing.dialog import PrintDialog


def _text(pdf) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def test_a_batch_of_every_compound_runs_behind_a_progress_bar(qtbot, demo_copy, tmp_path):
    tmp_path = tmp_path / "charts"  # the project lives beside it
    project = Project.open(demo_copy)
    try:
        dialog = PrintDialog(project, str(tmp_path))
        qtbot.addWidget(dialog)
        dialog.every.setChecked(True)
        assert not dialog.preview_button.isEnabled() and dialog.combined.isEnabled()
        dialog.chart_boxes[3].setChecked(False)
        worker = dialog.save_pdf(wait=True)
        qtbot.waitUntil(lambda: dialog.result() == PrintDialog.DialogCode.Accepted, timeout=10000)
        assert len(worker.printed) == 40 and worker.error is None
        pdfs = sorted(tmp_path.glob("*.pdf"))
        assert len(pdfs) == 40 and dialog.result_files == [p for p in worker.printed for p in p.files]
        text = _text(next(tmp_path.glob("*铁路小区*")))
        assert "网格分工布局图" in text and "闭环管理示意图" in text and "小区楼栋示意图" not in text
        assert dialog.progress.value() in (-1, 40)  # reset when done
    finally:
        project.close()


def test_cancelling_stops_the_batch_and_keeps_what_was_finished(qtbot, demo_copy, tmp_path):
    tmp_path = tmp_path / "charts"  # the project lives beside it
    project = Project.open(demo_copy)
    try:
        dialog = PrintDialog(project, str(tmp_path))
        qtbot.addWidget(dialog)
        dialog.every.setChecked(True)
        dialog.png.setChecked(True)  # slower per compound, so the cancel lands mid-run
        dialog.dpi.setValue(150)
        worker = dialog.save_pdf()
        qtbot.waitUntil(lambda: dialog.progress.value() >= 1, timeout=20000)
        qtbot.mouseClick(dialog.progress.findChild(QPushButton), Qt.MouseButton.LeftButton)  # the user's Cancel
        assert dialog.progress.isVisible() or worker.isFinished()  # up until the worker has stopped
        assert not dialog.pdf_button.isEnabled() or worker.isFinished()  # no second run meanwhile
        qtbot.waitUntil(worker.isFinished, timeout=20000)
        qtbot.wait(50)
        assert worker.cancelled and dialog.result() != PrintDialog.DialogCode.Accepted
        assert not dialog.progress.isVisible() and dialog.pdf_button.isEnabled()
        pdfs = sorted(tmp_path.glob("*.pdf"))
        assert 1 <= len(pdfs) < 30
        assert not [p for p in tmp_path.iterdir() if p.suffix not in (".pdf", ".png")]  # no half-written file
        for pdf in pdfs:  # every compound written is whole: its PDF and its three PNGs
            assert len(list(tmp_path.glob(pdf.stem + "-图*.png"))) == 3
        assert len(list(tmp_path.glob("*.png"))) == 3 * len(pdfs)
    finally:
        project.close()


def test_internal_mode_needs_a_yes(qtbot, demo_copy, tmp_path, monkeypatch):
    project = Project.open(demo_copy)
    try:
        dialog = PrintDialog(project, str(tmp_path))
        qtbot.addWidget(dialog)
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
        dialog.internal.setChecked(True)
        assert dialog.public.isChecked() and dialog.options().mode == "public"
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        dialog.internal.setChecked(True)
        assert dialog.options().mode == "internal"
    finally:
        project.close()


def test_the_printer_path_paints_the_same_charts(qtbot, demo_copy, tmp_path):
    project = Project.open(demo_copy)
    try:
        compound = next(c for c in project.tables["compounds"].values() if c.name == "安居小区")
        dialog = PrintDialog(project, str(tmp_path), compound.id)
        qtbot.addWidget(dialog)
        assert dialog.compound.currentText() == "安居小区"
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        dialog._paint(printer)
        text = _text(tmp_path / "printed.pdf")
        assert text.count("安居小区") >= 3 and "东门卡点" in text
    finally:
        project.close()


def test_the_file_menu_opens_the_dialog_on_the_selected_compound(window, qtbot):
    building = window.project.tables["buildings"][12]
    window.selection.set(Item("building", building.id))
    dialog = window.print_actions.open_dialog(show=False)
    qtbot.addWidget(dialog)
    assert dialog.compound.currentData() == building.compound_id
    assert window.print_actions.print_charts.shortcut().toString() == "Ctrl+P"
    assert window.print_actions.print_charts in window.file_menu.actions()


def test_the_print_preview_shows_the_three_sheets(qtbot, demo_copy, tmp_path):
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    project = Project.open(demo_copy)
    try:
        dialog = PrintDialog(project, str(tmp_path))
        qtbot.addWidget(dialog)
        preview = dialog.preview()
        qtbot.addWidget(preview)
        pages = preview.findChild(QPrintPreviewWidget)
        qtbot.waitUntil(lambda: pages.pageCount() == 3, timeout=10000)
        preview.close()
    finally:
        project.close()


def test_the_map_view_goes_on_a_sheet_as_shown(window, qtbot, tmp_path):
    compound = next(c for c in window.project.tables["compounds"].values() if c.name == "安居小区")
    window.canvas.zoom_to(compound.geometry.bounds)
    window.layers.set_visible("site_points", False)
    pdf = window.print_actions.export_map_view(str(tmp_path / "view.pdf"))
    text = _text(pdf)
    assert "地图视图" in text and "数据截至 2026-11-01" in text and "安居小区" in text
    assert "北门" not in text  # a hidden layer stays hidden on paper
    png = window.print_actions.export_map_view(str(tmp_path / "view.png"), dpi=50)
    image = QImage(str(png))
    wide = window.canvas.view.width >= window.canvas.view.height  # the sheet takes the view's orientation
    assert (image.width(), image.height()) == ((827, 585) if wide else (585, 827))
    assert window.print_actions.export_view in window.file_menu.actions()
