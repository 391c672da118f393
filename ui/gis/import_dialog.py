"""File ▸ GIS Data ▸ Import Layer: choose a file and what its features become,
say how to read it (layer, coordinates, offset, text encoding, which column is
what), look at the preview — counts, repaired and left-out features with their
reasons, and the new features drawn in red over the project's map — then
import in one undoable step. Reading runs on a worker behind a progress bar
with Cancel; nothing is written before Import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import shapely
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QProgressDialog, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from gridmap.errors import GridmapError
from gridmap.gis.importing import FieldMapping, ImportPreview, guess_mapping, preview_import, with_osm_tags
from gridmap.gis.messages import layer_title
from gridmap.gis.reading import SourceLayer, list_source_layers, read_source
from gridmap.levels import project_depths
from gridmap.model.entities import COMMUNITY, GRID, MICRO_GRID, OFFICE
from layers.features import FeatureGeometry
from layers.model import LayerSet
from layers.render.map_renderer import render_map
from layers.render.qt import color, path_in_pixels
from layers.view import MapView
from ui.busy import Worker, start, worker_progress
from ui.gis.read_problems import read_problem_text
from ui.reason_text import in_user_language

if TYPE_CHECKING:
    from gridmap.project import Project
    from layers.scene import MapScene

SOURCES = "*.gpkg *.shp *.geojson *.json *.fgb *.pbf *.osm"
FIELDS = ("name", "number", "floors", "units", "rooms", "kind", "code")
PREVIEW_SIZE = (560, 320)


class ReadWorker(Worker):
    progressed = Signal(int, int)

    def __init__(self, path: Path, layer: str | None, encoding: str | None, parent=None) -> None:
        super().__init__(parent)
        self.path, self.layer, self.encoding = path, layer, encoding
        self.source: SourceLayer | None = None

    def work(self, cancelled) -> None:
        self.source = read_source(self.path, self.layer, self.encoding, progress=self.progressed.emit,
                                  cancelled=cancelled)

    def explain(self, error: Exception) -> str:
        if isinstance(error, GridmapError):
            return read_problem_text(error)
        raise error  # not the file's fault: the traceback, as before


class ImportLayerDialog(QDialog):
    def __init__(self, project: Project, scene: MapScene, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project, self.scene = project, scene
        self.source: SourceLayer | None = None
        self.preview: ImportPreview | None = None
        self.setWindowTitle(self.tr("Import GIS Layer"))
        self.file = QLineEdit()
        self.file.setPlaceholderText(self.tr("GeoPackage, Shapefile, GeoJSON, FlatGeobuf, OpenStreetMap .pbf/.osm"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(lambda: self._browse(folder))
        self.layer = QComboBox()
        self.target = QComboBox()
        for key, text in (("buildings", self.tr("Buildings")), ("streets", self.tr("Streets")),
                          ("compounds", self.tr("Compounds")), ("zones", self.tr("Grids"))):
            self.target.addItem(text, key)
        self.zone_level = QComboBox()  # the depth new zones come in at, by what the level is in this project
        at = project_depths(project)
        for role, text in ((GRID, self.tr("Grids (level %1)")), (MICRO_GRID, self.tr("Micro-grids (level %1)")),
                           (COMMUNITY, self.tr("Communities (level %1)")),
                           (OFFICE, self.tr("Street office (level %1)"))):
            self.zone_level.addItem(text.replace("%1", str(at.of(role))), at.of(role))
        self.crs = QLineEdit()
        self.crs.setPlaceholderText(self.tr("from the file (or e.g. EPSG:4490)"))
        self.offset = QComboBox()
        for key, text in ((None, self.tr("none (surveyed or GPS data)")), ("gcj02", self.tr("GCJ-02 (Amap, Tencent)")),
                          ("bd09", self.tr("BD-09 (Baidu)"))):
            self.offset.addItem(text, key)
        self.encoding = QComboBox()
        for key, text in ((None, self.tr("found automatically")), ("gbk", "GBK"), ("gb18030", "GB18030"),
                          ("utf-8", "UTF-8")):
            self.encoding.addItem(text, key)
        self.fields = {name: QComboBox() for name in FIELDS}
        self.outside = QCheckBox(self.tr("Also features outside the street office"))
        read = QPushButton(self.tr("Read and Preview"))
        read.clicked.connect(self.read)
        self.summary = QLabel(self.tr("Choose a file, then Read and Preview."))
        self.summary.setWordWrap(True)
        self.picture = QLabel()
        self.picture.setFixedSize(*PREVIEW_SIZE)
        self.picture.setFrameShape(QLabel.Shape.Box)
        self.problems = QTableWidget(0, 2)
        self.problems.setHorizontalHeaderLabels([self.tr("Row"), self.tr("What happened")])
        self.problems.horizontalHeader().setStretchLastSection(True)

        where = QHBoxLayout()
        where.addWidget(self.file, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("File"), where)
        form.addRow(self.tr("Layer of the file"), self.layer)
        form.addRow(self.tr("Import as"), self.target)
        form.addRow(self.tr("Zones at"), self.zone_level)
        form.addRow(self.tr("Coordinate system"), self.crs)
        form.addRow(self.tr("Map offset"), self.offset)
        form.addRow(self.tr("Shapefile text"), self.encoding)
        names = {"name": self.tr("Name column"), "number": self.tr("Building number column"),
                 "floors": self.tr("Floors column"), "units": self.tr("Units column"),
                 "rooms": self.tr("Households per floor column"), "kind": self.tr("Kind column"),
                 "code": self.tr("Code column")}
        for key in FIELDS:
            form.addRow(names[key], self.fields[key])
        form.addRow("", self.outside)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # the choices beside what they give: one column of both would not fit a 768-pixel screen
        choices = QVBoxLayout()
        choices.addLayout(form)
        choices.addWidget(read, 0, Qt.AlignmentFlag.AlignLeft)
        choices.addWidget(self.summary)
        choices.addStretch(1)
        preview = QVBoxLayout()
        preview.addWidget(self.picture)
        preview.addWidget(self.problems, 1)
        columns = QHBoxLayout()
        columns.addLayout(choices, 1)
        columns.addLayout(preview)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.buttons)
        self.file.editingFinished.connect(self._fill_layers)
        self.target.currentIndexChanged.connect(lambda _i: self._osm_layer())
        self.target.currentIndexChanged.connect(lambda _i: self._after_read())
        self.target.currentIndexChanged.connect(
            lambda _i: self.zone_level.setEnabled(self.target.currentData() == "zones"))
        self.zone_level.setEnabled(False)
        for box in (self.offset, self.zone_level, *self.fields.values()):
            box.currentIndexChanged.connect(lambda _i: self._preview())
        self.outside.toggled.connect(lambda _on: self._preview())

    # -- choosing --------------------------------------------------------------------

    def _browse(self, folder: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import GIS Layer"), folder,
                                              self.tr("GIS files (%1)").replace("%1", SOURCES))
        if path:
            self.set_file(path)

    def set_file(self, path: str) -> None:
        self.file.setText(path)
        self._fill_layers()

    def _fill_layers(self) -> None:
        if self.file.text().strip() == getattr(self, "_layers_of", None):
            return  # the line edit lost focus, its file unchanged: the layer chosen stays
        self._layers_of = self.file.text().strip()
        self.layer.clear()
        try:
            layers = list_source_layers(self.file.text().strip())
        except GridmapError as error:
            self.summary.setText(read_problem_text(error))
            return
        osm = Path(self.file.text()).suffix.lower() in (".pbf", ".osm")
        for name, kind in layers:
            self.layer.addItem(in_user_language(layer_title(name, kind, osm)), name)
        self._osm_layer()

    def _osm_layer(self) -> None:
        """In an OpenStreetMap file, the layer the target is in: streets are lines, the rest multipolygons."""
        if Path(self.file.text()).suffix.lower() in (".pbf", ".osm") and self.layer.count():
            wanted = "lines" if self.target.currentData() == "streets" else "multipolygons"
            if self.layer.currentData() != wanted and self.layer.findData(wanted) >= 0:
                self.layer.setCurrentIndex(self.layer.findData(wanted))
                self.source = self.preview = None  # read again: the shapes were the other layer's
                self.import_button.setEnabled(False)

    # -- reading and preview ---------------------------------------------------------

    def read(self, *, wait: bool = False) -> ReadWorker:
        """Read the chosen layer on a worker (progress bar, Cancel); then preview."""
        worker = ReadWorker(Path(self.file.text().strip()), self.layer.currentData(), self.encoding.currentData(), self)
        progress = worker_progress(self, self.tr("Import GIS Layer"), self.tr("Reading…"), self.tr("Cancel"), 0,
                                   minimum_duration=300)
        progress.canceled.connect(lambda: setattr(worker, "cancel_requested", True))
        worker.progressed.connect(lambda done, total: (progress.setMaximum(total), progress.setValue(done)))
        worker.finished.connect(lambda: self._read_done(worker, progress))
        self.worker = worker
        return start(worker, wait)

    def _read_done(self, worker: ReadWorker, progress: QProgressDialog) -> None:
        progress.close()
        if worker.error:
            self.source = None
            self.summary.setText(worker.error)
            self.import_button.setEnabled(False)
            return
        if worker.source is None:
            self.summary.setText(self.tr("Reading was cancelled; nothing was imported."))
            return
        self.source = worker.source
        self._after_read()

    def _after_read(self) -> None:
        if self.source is None:
            return
        frame = with_osm_tags(self.source.frame)
        guess = guess_mapping(frame, self.target.currentData())
        columns = [c for c in frame.columns if c != frame.geometry.name]
        for key, box in self.fields.items():
            box.blockSignals(True)
            box.clear()
            box.addItem("—", None)
            for c in columns:
                box.addItem(str(c), c)
            box.setCurrentIndex(max(box.findData(getattr(guess, key)), 0))
            box.blockSignals(False)
        if self.source.crs is not None and not self.crs.text().strip():
            self.crs.setPlaceholderText(self.tr("from the file: %1").replace("%1", self.source.crs.name))
        self._preview()

    def mapping(self) -> FieldMapping:
        return FieldMapping(**{key: box.currentData() for key, box in self.fields.items()})

    def _preview(self) -> None:
        if self.source is None:
            return
        try:
            self.preview = preview_import(self.project, self.source, self.target.currentData(), self.mapping(),
                                          crs=self.crs.text().strip() or None, offset=self.offset.currentData(),
                                          include_outside=self.outside.isChecked(),
                                          zone_level=self.zone_level.currentData())
        except GridmapError as error:
            self.preview = None
            self.summary.setText(read_problem_text(error))
            self.import_button.setEnabled(False)
            return
        p = self.preview
        text = self.tr("%1 features to import; %2 repaired, %3 left out, %4 outside the street office.")
        for k, v in enumerate((len(p.records), len(p.repaired), len(p.left_out), len(p.outside)), 1):
            text = text.replace(f"%{k}", f"{v:,}")
        if self.source.encoding_note:
            text += "\n" + self.tr("Text: %1").replace("%1", in_user_language(self.source.encoding_note))
        self.summary.setText(text)
        rows = [(r, self.tr("repaired: %1").replace("%1", in_user_language(why))) for r, why in p.repaired]
        rows += [(r, self.tr("left out: %1").replace("%1", in_user_language(why))) for r, why in p.left_out]
        rows += [(r, self.tr("outside the street office")) for r in p.outside]
        self.problems.setRowCount(len(rows))
        for i, (row, why) in enumerate(rows):
            self.problems.setItem(i, 0, QTableWidgetItem(str(row)))
            self.problems.setItem(i, 1, QTableWidgetItem(why))
        self.picture.setPixmap(QPixmap.fromImage(self._picture()))
        self.import_button.setEnabled(bool(p.records))

    def _picture(self) -> QImage:
        """The project's map with the features to import drawn over it in red."""
        width, height = PREVIEW_SIZE
        image = QImage(width, height, QImage.Format.Format_RGB32)
        geoms = np.array([r.geometry for r in self.preview.records], dtype=object)
        bounds = shapely.total_bounds(geoms) if len(geoms) else self.scene.bounds
        view = MapView.fit(tuple(bounds), width, height)
        painter = QPainter(image)
        render_map(painter, self.scene, LayerSet(), view)
        if len(geoms):
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(QPen(color("#d62728"), 1.2))
            painter.setBrush(color("#d62728", 70) if self.preview.target != "streets" else Qt.BrushStyle.NoBrush)
            painter.drawPath(path_in_pixels(FeatureGeometry(np.arange(len(geoms)), geoms).parts(), view))
        painter.setPen(color("#444444"))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(0, 0, width - 1, height - 1))
        painter.end()
        return image
