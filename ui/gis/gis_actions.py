"""File ▸ GIS Data: import a layer (the dialog), and the map out as GeoPackage,
Shapefiles, GeoJSON or an offline web map."""

from __future__ import annotations

from pathlib import Path
from collections.abc import Callable

import shapely
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu

from gridmap.errors import GridmapError
from gridmap.gis.export import check_export_target
from gridmap.gis.importing import ImportFeatures, screened
from gridmap.gis.new_project import create_empty_project, crs_for_source
from gridmap.gis.reading import read_source
from gridmap.outputs import OutputError, explain
from ui.busy import busy_or_explain
from ui.context import AppContext
from ui.gis.import_dialog import SOURCES, ImportLayerDialog
from ui.gis.read_problems import read_problem_text
from ui.output_problems import output_problem_text
from ui.output_saved import output_folder, show_saved
from ui.reason_text import reason_text


class GisActions(QObject):
    """``open_project(path)`` opens a project in the window (a new one made from a GIS file)."""

    def __init__(self, ctx: AppContext, open_project: Callable[[str], bool]) -> None:
        super().__init__(ctx.dialog_parent)
        self.ctx, self.open_project = ctx, open_project
        parent = ctx.dialog_parent
        self.dialog: ImportLayerDialog | None = None  # the open dialog, for tests
        self.import_layer = QAction(self.tr("Import Layer…"), parent)
        self.import_layer.triggered.connect(lambda: self.open_import())
        self.export_gpkg = QAction(self.tr("Export as GeoPackage…"), parent)
        self.export_gpkg.triggered.connect(lambda: self.export("gpkg"))
        self.export_shp = QAction(self.tr("Export as Shapefiles…"), parent)
        self.export_shp.triggered.connect(lambda: self.export("shp"))
        self.export_geojson = QAction(self.tr("Export as GeoJSON…"), parent)
        self.export_geojson.triggered.connect(lambda: self.export("geojson"))
        self.export_xlsx = QAction(self.tr("Export as Excel Workbook…"), parent)
        self.export_xlsx.triggered.connect(lambda: self.export("xlsx"))
        self.export_html = QAction(self.tr("Export Offline Web Map…"), parent)
        self.export_html.triggered.connect(lambda: self.export("html"))
        self.new_project = QAction(self.tr("New Project from GIS File…"), parent)
        self.new_project.triggered.connect(lambda: self.new_project_from())
        self.menu = QMenu(self.tr("&GIS Data"), parent)
        self.menu.addAction(self.new_project)
        self.menu.addAction(self.import_layer)
        self.menu.addSeparator()
        for action in (self.export_gpkg, self.export_shp, self.export_geojson, self.export_xlsx, self.export_html):
            self.menu.addAction(action)

    def open_import(self, path: str | None = None, *, show: bool = True, target: str | None = None,
                    zone_level: int | None = None) -> ImportLayerDialog | None:
        """The import dialog, on ``path`` if given, set to import as ``target``
        (zones at ``zone_level``) if given."""
        ctx, parent = self.ctx, self.ctx.dialog_parent
        if ctx.project is None or ctx.canvas.scene is None:
            return None
        self.dialog = ImportLayerDialog(ctx.project, ctx.canvas.scene, str(ctx.settings.last_folder), parent)
        if target is not None:
            self.dialog.target.setCurrentIndex(self.dialog.target.findData(target))
        if zone_level is not None:
            self.dialog.zone_level.setCurrentIndex(self.dialog.zone_level.findData(zone_level))
        if path:
            self.dialog.set_file(path)
        self.dialog.accepted.connect(lambda: self.write(self.dialog))
        if show:
            self.dialog.open()
        return self.dialog

    def new_project_from(self, source: str | None = None, target: str | None = None, *,
                         show: bool = True) -> ImportLayerDialog | None:
        """A new project in the metric CRS that suits ``source`` (the CGCS2000
        Gauss–Krüger zone of its longitude in China), opened, with the import
        dialog on ``source``."""
        ctx, parent = self.ctx, self.ctx.dialog_parent
        folder = str(ctx.settings.last_folder)
        if source is None:
            source, _ = QFileDialog.getOpenFileName(parent, self.tr("New Project from GIS File"), folder,
                                                    self.tr("GIS files (%1)").replace("%1", SOURCES))
            if not source:
                return None
        if target is None:
            target, _ = QFileDialog.getSaveFileName(parent, self.tr("Save the New Project as"),
                                                    str(Path(folder) / (Path(source).stem + ".gpkg")),
                                                    self.tr("gridmap project (*.gpkg)"))
            if not target:
                return None

        def make() -> bool:
            read = read_source(source, "multipolygons" if Path(source).suffix.lower() in (".pbf", ".osm") else None)
            # a far-out shape must not pick the new project's CRS
            create_empty_project(target, crs_for_source(screened(read)), Path(target).stem).close()
            return True

        if not busy_or_explain(parent, make, (GridmapError,), self.tr("Cannot make the project"), read_problem_text):
            return None
        if not self.open_project(target):
            return None
        return self.open_import(source, show=show)

    def write(self, dialog: ImportLayerDialog) -> bool:
        preview = dialog.preview
        if preview is None or not preview.records:
            return False
        ctx = self.ctx
        try:
            ctx.project.undo_stack.push(ImportFeatures(preview))
        except GridmapError as error:
            ctx.messages.warn(self.tr("Cannot import"), reason_text(error))
            return False
        ctx.canvas.zoom_to(tuple(shapely.total_bounds([r.geometry for r in preview.records])))
        ctx.messages.status(self.tr("Imported %1 features (Ctrl+Z takes them back)")
                            .replace("%1", f"{len(preview.records):,}"), 8000)
        return True

    def export(self, kind: str, target: str | None = None) -> Path | None:
        """Write the map out; ``target`` (a file or a folder) is asked for when None."""
        ctx, parent = self.ctx, self.ctx.dialog_parent
        if ctx.project is None:
            return None
        folder = output_folder(ctx.settings)
        if target is None:
            if kind in ("shp", "geojson"):
                target = QFileDialog.getExistingDirectory(parent, self.tr("Folder for the layers"), str(folder))
            else:
                suffix, what = {"gpkg": (".gpkg", "GeoPackage (*.gpkg)"), "xlsx": (".xlsx", "Excel (*.xlsx)"),
                                "html": (".html", "Web page (*.html)")}[kind]
                target, _ = QFileDialog.getSaveFileName(parent, self.tr("Export"), str(folder / f"地图{suffix}"), what)
            if not target:
                return None
        out = Path(target)

        def write() -> dict[str, int]:
            check_export_target(kind, out)  # before the work: never onto the project, never into nowhere
            return self._writer(kind)(ctx.project, out)

        counts = busy_or_explain(parent, write, (GridmapError, OSError), self.tr("Cannot export"),
                                 self._problem(out))
        if counts is None:
            return None
        ctx.messages.status(self.tr("Written to %1: %2").replace("%1", str(out)).replace(
            "%2", ", ".join(f"{name} {n:,}" for name, n in counts.items())), 10000)
        show_saved(parent, ctx.settings, [out])
        return out

    @staticmethod
    def _problem(out: Path) -> Callable[[Exception], str]:
        """The message for a failed export: an output problem in the user's words."""
        def text(error: Exception) -> str:
            if isinstance(error, OSError):  # a writer that does not use gridmap.outputs yet
                error = explain(out, error)
            return output_problem_text(error) if isinstance(error, OutputError) else f"{out}\n\n{error}"
        return text

    @staticmethod
    def _writer(kind: str) -> Callable:
        from gridmap.gis import export
        from gridmap.webmap import write_web_map
        from gridmap.workbooks.project_workbook import write_project_workbook

        return {"gpkg": export.export_geopackage, "shp": export.export_shapefiles,
                "geojson": export.export_geojson, "xlsx": write_project_workbook,
                "html": lambda project, out: write_web_map(project, out).features}[kind]
