"""GIS data in the window: the import dialog reads on a worker, previews (counts,
reasons, a picture) and imports in one undoable step; the export menu writes files."""

from __future__ import annotations

import hashlib

import pyogrio
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.test_gis_import import _gbk_shapefile
from ui.output_saved import OutputSaved, output_folder


def test_importing_compounds_from_a_gbk_shapefile_through_the_dialog(window, qtbot, tmp_path):
    project = window.project
    shp = _gbk_shapefile(tmp_path)  # two inside the demo office, one beyond its west edge
    before = dict(project.tables["compounds"])
    dialog = window.gis_actions.open_import(str(shp), show=False)
    qtbot.addWidget(dialog)
    dialog.target.setCurrentIndex(dialog.target.findData("compounds"))
    assert dialog.layer.currentData() == "compounds"
    worker = dialog.read(wait=True)
    assert worker.error is None and dialog.source is not None
    assert dialog.fields["name"].currentData() == "名称" and dialog.fields["kind"].currentData() == "类型"
    p = dialog.preview
    assert len(p.records) + len(p.outside) == 3 and len(p.records) >= 1
    assert {r.name for r in p.records} <= {"新华里小区", "纺织厂小区", "机械厂家属院"}
    assert dialog.problems.rowCount() == len(p.repaired) + len(p.left_out) + len(p.outside)
    image = dialog.picture.pixmap().toImage()
    reds = sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
               if (lambda c: c.red() > 180 and c.green() < 150 and c.blue() < 150)(QColor(image.pixel(x, y))))
    assert reds > 50  # the features to import, in red over the map
    assert dict(project.tables["compounds"]) == before  # nothing written by the preview
    dialog.import_button.click()
    added = [c for c in project.tables["compounds"].values() if c.id not in before]
    assert sorted(c.name for c in added) == sorted(r.name for r in p.records)
    window.undo_actions.undo.trigger()
    assert dict(project.tables["compounds"]) == before


def test_a_file_gdal_cannot_read_is_explained_in_the_dialog(window, qtbot, tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCol')
    dialog = window.gis_actions.open_import(str(bad), show=False)
    qtbot.addWidget(dialog)
    assert str(bad) in dialog.summary.text() and not dialog.import_button.isEnabled()


def test_the_export_menu_writes_a_geopackage_and_a_web_map(window, tmp_path):
    digest = hashlib.sha256(window.project.path.read_bytes()).hexdigest()
    out = window.gis_actions.export("gpkg", str(tmp_path / "map.gpkg"))
    assert pyogrio.read_info(out, layer="buildings")["features"] == len(window.project.tables["buildings"])
    html = window.gis_actions.export("html", str(tmp_path / "map.html"))
    assert "新华里小区" in html.read_text(encoding="utf-8")
    assert window.gis_actions.menu.menuAction() in window.file_menu.actions()
    assert hashlib.sha256(window.project.path.read_bytes()).hexdigest() == digest  # exporting changed nothing
    saying = [w for w in QApplication.topLevelWidgets() if isinstance(w, OutputSaved) and w.isVisible()]
    # each export says where it went
    assert sorted(box.files for box in saying) == sorted([[out.resolve()], [html.resolve()]])
    assert output_folder(window.settings) == tmp_path.resolve()  # and the next one starts there


def test_a_new_project_is_made_for_a_gis_file_and_its_layer_imported(window, qtbot, tmp_path, monkeypatch):
    shp = _gbk_shapefile(tmp_path)
    target = tmp_path / "新项目.gpkg"
    dialog = window.gis_actions.new_project_from(str(shp), str(target), show=False)
    qtbot.addWidget(dialog)
    assert window.project.path == target and window.project.store.srs_id == 4547  # CGCS2000 GK CM 114E
    dialog.target.setCurrentIndex(dialog.target.findData("compounds"))
    dialog.read(wait=True)
    assert len(dialog.preview.records) == 3 and not dialog.preview.outside  # a new project has no area to leave
    dialog.import_button.click()
    assert sorted(c.name for c in window.project.tables["compounds"].values()) == [
        "新华里小区", "机械厂家属院", "纺织厂小区"]
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: told.append(text))
    assert window.gis_actions.new_project_from(str(shp), str(target), show=False) is None  # the file exists now
    assert told == [f"{target} 已存在：新项目需要一个新文件"]  # in Chinese, as the window speaks
