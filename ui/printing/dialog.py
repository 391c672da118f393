"""The Print dialog: which compounds and charts, paper, privacy mode, where to;
print preview and the system printer for one compound, PDF (and PNG) for one
or all, written on a worker thread behind a progress bar with a cancel button."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QMessageBox, QProgressDialog, QPushButton, QRadioButton, QSpinBox, QVBoxLayout, QWidget,
)

from gridmap.charts.content import ChartSource
from gridmap.charts.paper import A_SIZES_MM, Paper
from gridmap.charts.privacy import INTERNAL, PUBLIC, Privacy
from gridmap.outputs import OutputError, explain, pdf_is_complete, written_in_place_of
from layers.scene import MapScene
from ui.busy import Worker, start, worker_progress
from ui.output_problems import output_problem_text
from ui.printing.batch import CHARTS, PrintOptions, Printed, compound_sheets, print_compounds
from ui.printing.charts import CHART_TITLES, ChartJob
from ui.printing.output import paint_on_printer
from ui.screen_fit import resize_within_screen

if TYPE_CHECKING:
    from gridmap.project import Project


class PrintWorker(Worker):
    """Runs ``print_compounds`` off the UI thread; the project must not change
    meanwhile (the progress dialog is modal)."""

    progressed = Signal(int, int, str)

    def __init__(self, project: Project, compounds: list[int], options: PrintOptions, out: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project, self.compounds, self.options, self.out = project, compounds, options, out
        self.source = ChartSource(project, Privacy(options.mode))  # here: it reads the file (SQLite is per thread)
        self.printed: list[Printed] = []

    def work(self, cancelled) -> None:
        self.printed = print_compounds(self.project, self.compounds, self.options, self.out,
                                       progress=self.progressed.emit, cancelled=cancelled, source=self.source)

    def explain(self, error: Exception) -> str:
        if isinstance(error, OSError):  # not through the outputs' helpers: a bug, but the user reads why
            error = explain(error.filename or self.out, error)
        if isinstance(error, OutputError):
            return output_problem_text(error)
        return super().explain(error)


class ChartPreview(QPrintPreviewDialog):
    """The print preview with a printer of its own: QPrintPreviewDialog only
    points to the printer it is given, which must live as long as the
    dialog (the preview repaints on every change of zoom or page setup)."""

    def __init__(self, parent: QWidget) -> None:
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        super().__init__(self.printer, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # its pages go when it closes


class PrintDialog(QDialog):
    written = Signal(list)  # the files of a finished run (PDFs, PNGs, a printer's PDF file)

    def __init__(self, project: Project, folder: str, compound_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle(self.tr("Print Three Charts"))
        self.compounds = ChartSource(project).compounds()
        self.worker: PrintWorker | None = None
        self.preview_dialog: ChartPreview | None = None  # the last preview opened
        self.result_files: list[Path] = []

        self.one = QRadioButton(self.tr("This compound:"))
        self.every = QRadioButton(self.tr("All compounds (%1)").replace("%1", str(len(self.compounds))))
        self.compound = QComboBox()
        for c in self.compounds:
            self.compound.addItem(c.name, c.id)
        index = self.compound.findData(compound_id) if compound_id is not None else 0
        self.compound.setCurrentIndex(max(index, 0))
        self.one.setChecked(True)
        which = QButtonGroup(self)
        which.addButton(self.one)
        which.addButton(self.every)

        self.chart_boxes = {}
        charts = QHBoxLayout()
        names = {1: self.tr("1 Grid division of labour"), 2: self.tr("2 Closed-loop management"),
                 3: self.tr("3 Buildings")}
        for n in CHARTS:
            box = QCheckBox(names[n])
            box.setToolTip(CHART_TITLES[n])
            box.setChecked(True)
            self.chart_boxes[n] = box
            charts.addWidget(box)
        self.insets = QCheckBox()  # what it adds depends on the mode: see _describe_insets

        self.paper = QComboBox()
        self.paper.addItems(list(A_SIZES_MM))
        self.paper.setCurrentText("A3")
        self.landscape = QComboBox()
        self.landscape.addItem(self.tr("Landscape"), True)
        self.landscape.addItem(self.tr("Portrait"), False)

        self.public = QRadioButton(self.tr("Public wall: no resident data, phones masked unless public"))
        self.internal = QRadioButton(self.tr("Internal: everything, stamped 内部资料"))
        self.public.setChecked(True)
        modes = QButtonGroup(self)
        modes.addButton(self.public)
        modes.addButton(self.internal)
        self.internal.toggled.connect(self._confirm_internal)
        self.internal.toggled.connect(self._describe_insets)
        self.chart_boxes[3].toggled.connect(self._describe_insets)

        self.folder = QLineEdit(folder)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(browse)
        self.combined = QCheckBox(self.tr("One PDF for all compounds"))
        self.png = QCheckBox(self.tr("Also PNG images at"))
        self.dpi = QSpinBox()
        self.dpi.setRange(72, 600)
        self.dpi.setValue(200)
        self.dpi.setSuffix(" dpi")
        png = QHBoxLayout()
        png.addWidget(self.png)
        png.addWidget(self.dpi)
        png.addStretch(1)

        form = QFormLayout()
        pick = QHBoxLayout()
        pick.addWidget(self.one)
        pick.addWidget(self.compound, 1)
        form.addRow(self.tr("Compounds"), pick)
        form.addRow("", self.every)
        form.addRow(self.tr("Charts"), charts)
        form.addRow("", self.insets)
        paper = QHBoxLayout()
        paper.addWidget(self.paper)
        paper.addWidget(self.landscape)
        paper.addStretch(1)
        form.addRow(self.tr("Paper"), paper)
        form.addRow(self.tr("For"), self.public)
        form.addRow("", self.internal)
        form.addRow(self.tr("PDF folder"), where)
        form.addRow("", self.combined)
        form.addRow("", png)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button = buttons.addButton(self.tr("Preview…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.printer_button = buttons.addButton(self.tr("Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.pdf_button = buttons.addButton(self.tr("Save PDF"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.preview_button.clicked.connect(self.preview)
        self.printer_button.clicked.connect(self.print_on_printer)
        self.pdf_button.clicked.connect(self.save_pdf)
        buttons.rejected.connect(self.reject)
        self.every.toggled.connect(self._one_only)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        note = QLabel(self.tr("Charts are drawn from the project as it is now; the date of the data is printed."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._one_only(False)
        self._describe_insets()

    # -- choices -----------------------------------------------------------------

    def options(self) -> PrintOptions:
        charts = tuple(n for n, box in self.chart_boxes.items() if box.isChecked())
        return PrintOptions(charts or CHARTS, Paper(self.paper.currentText(), bool(self.landscape.currentData())),
                            INTERNAL if self.internal.isChecked() else PUBLIC, self.combined.isChecked(),
                            self.dpi.value() if self.png.isChecked() else None,
                            self.insets.isChecked() and self.insets.isEnabled())  # greyed out: chart 3 is not printed

    def chosen(self) -> list[int]:
        return [c.id for c in self.compounds] if self.every.isChecked() else [self.compound.currentData()]

    def _one_only(self, every: bool) -> None:
        """Preview and printer take one compound; a batch goes to PDF."""
        self.preview_button.setEnabled(not every)
        self.printer_button.setEnabled(not every)
        self.combined.setEnabled(every)

    def _describe_insets(self) -> None:
        """Say what the sheets after chart 3 hold in the chosen mode: a public
        wall gets each building's card, never a plan flat by flat."""
        if self.internal.isChecked():
            self.insets.setText(self.tr("Chart 3 with the nine-colour plans"))
            self.insets.setToolTip(self.tr("Sheets after chart 3 with each building's nine-colour plan, six to a "
                                           "sheet, flat by flat: for internal use only."))
        else:
            self.insets.setText(self.tr("Chart 3 with building cards (public: nothing flat by flat)"))
            self.insets.setToolTip(self.tr("Sheets after chart 3 with a card for each building, six to a sheet: "
                                           "floors, units, households counted and the people responsible. A "
                                           "public wall shows no flat's occupancy; the nine-colour plans are "
                                           "printed on internal charts only."))
        self.insets.setEnabled(self.chart_boxes[3].isChecked())  # the sheets follow chart 3

    def _confirm_internal(self, on: bool) -> None:
        if not on:
            return
        answer = QMessageBox.question(
            self, self.tr("Internal charts"),
            self.tr("Internal charts show unmasked phone numbers and sensitive household marks. They are "
                    "stamped 内部资料 and must not be posted where the public can see them. Print internal charts?"))
        if answer != QMessageBox.StandardButton.Yes:
            self.public.setChecked(True)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("PDF folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    # -- output ------------------------------------------------------------------

    def _paint(self, printer: QPrinter) -> None:
        options = self.options()
        source = ChartSource(self.project, Privacy(options.mode))
        scene = MapScene(self.project)
        try:
            job = ChartJob(source, scene, options.paper, options.insets)
            _, sheets = compound_sheets(source, job, self.chosen()[0], options.charts)
            paint_on_printer(printer, [sheets[c] for c in options.charts], options.paper)
        finally:
            scene.detach()

    def preview(self) -> ChartPreview:
        """The print preview of the chosen compound, open beside this dialog."""
        self.preview_dialog = dialog = ChartPreview(self)
        dialog.paintRequested.connect(self._paint)
        resize_within_screen(dialog, 1100, 800)
        dialog.open()
        return dialog

    def print_on_printer(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Paint the charts on ``printer``; "print to file" goes through a
        temporary file like every output (a project is refused, a failed
        write leaves the earlier file). False, after a message, if it failed."""
        target = printer.outputFileName() if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat else ""
        if not target:
            self._paint(printer)
            return True
        try:
            with written_in_place_of(target, complete=pdf_is_complete) as temp:
                printer.setOutputFileName(str(temp))
                self._paint(printer)
        except OutputError as error:
            QMessageBox.warning(self, self.tr("Cannot write the charts"), output_problem_text(error))
            return False
        finally:
            printer.setOutputFileName(target)
        self.written.emit([Path(target)])
        return True

    def save_pdf(self, *, wait: bool = False) -> PrintWorker | None:
        """Write the PDFs on a worker behind a modal progress bar; ``wait`` blocks
        until done (tests)."""
        out = Path(self.folder.text().strip() or ".")
        compounds = self.chosen()
        try:
            options = self.options()
        except ValueError as error:
            QMessageBox.warning(self, self.tr("Cannot print"), str(error))
            return None
        self.worker = worker = PrintWorker(self.project, compounds, options, out, self)
        progress = worker_progress(self, self.tr("Print Three Charts"), self.tr("Printing…"), self.tr("Cancel"),
                                   len(compounds))
        progress.canceled.connect(lambda: self._stop(worker, progress))  # it stops after the sheet in hand
        for button in (self.pdf_button, self.preview_button, self.printer_button):
            button.setEnabled(False)
        worker.progressed.connect(lambda done, total, name: (
            progress.setValue(done), progress.setLabelText(self.tr("Printing %1…").replace("%1", name) if name
                                                           else self.tr("Done"))))
        worker.finished.connect(lambda: self._finished(worker, progress))
        self.progress = progress
        return start(worker, wait)

    def _stop(self, worker: PrintWorker, progress: QProgressDialog) -> None:
        worker.cancel_requested = True
        progress.show()  # Qt hides it on Cancel; it stays until the worker is done
        progress.setLabelText(self.tr("Stopping after the sheet in hand…"))
        progress.setCancelButton(None)

    def reject(self) -> None:
        if self.worker is not None and self.worker.isRunning():
            self.worker.cancel_requested = True  # closed while printing: stop, then close
            self.worker.finished.connect(super().reject)
            return
        super().reject()

    def _finished(self, worker: PrintWorker, progress: QProgressDialog) -> None:
        progress.close()
        self.pdf_button.setEnabled(True)
        self._one_only(self.every.isChecked())
        self.result_files = [f for p in worker.printed for f in p.files]
        if worker.error:
            QMessageBox.warning(self, self.tr("Cannot write the charts"), worker.error)
            return
        if worker.cancelled:
            return  # the compounds finished before the cancel keep their files
        self.written.emit(self.result_files)
        self.accept()
