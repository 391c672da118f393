"""The main window with the demo: tree ↔ map ↔ attributes in step, search,
navigation, files and settings. Offscreen; any Qt warning fails a test."""

import shutil

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from gridmap.project import Project
from gridmap.selection import Item
from ui.canvas.tools import MapEvent
from ui.main_window import MainWindow
from ui.settings import Settings




def _zone(project, name, parent_name=None):
    zones = project.tables["zones"]
    return next(z for z in zones.values() if z.name == name
                and (parent_name is None or zones[z.parent_id].name == parent_name))


def _view_contains(canvas, bounds):
    minx, miny, maxx, maxy = canvas.view.extent
    return minx <= bounds[0] and miny <= bounds[1] and maxx >= bounds[2] and maxy >= bounds[3]


def test_window_shows_the_demo(window):
    assert "示例" in window.windowTitle()
    model = window.tree.model
    assert model.rowCount() == 1
    office = model.index(0, 0)
    assert model.data(office) == "示例街道" and model.data(model.index(0, 1)) == "11,506"
    communities = [model.data(model.index(r, 0, office)) for r in range(model.rowCount(office))]
    assert communities[0] == "新华街社区" and len(communities) == 5
    xinhua = model.index(0, 1, office)
    assert model.data(xinhua) == "2,449"


def test_close_ups_are_prepared_on_a_worker_after_the_first_frame(window, qtbot):
    from layers.render import prepared

    qtbot.waitUntil(lambda: window.ahead_worker is not None)  # started by the first paint, not before
    window.ahead_worker.join(timeout=30)
    made = prepared._CACHE[window.scene.features["buildings"]]
    assert made["footprints"].vertices.sum() == len(window.scene.features["buildings"].xy)
    assert {"leaf fills", "outlines"} <= set(prepared._CACHE[window.scene.features["zones"]])


def test_selecting_in_the_tree_frames_the_map_and_fills_the_attributes(window, qtbot):
    grid = _zone(window.project, "第3网格", "新华街社区")
    index = window.tree.model.index_of("zone", grid.id)
    window.tree.view.setCurrentIndex(index)
    assert window.selection.item == Item("zone", grid.id)
    assert _view_contains(window.canvas, grid.geometry.bounds)
    width = window.canvas.view.extent[2] - window.canvas.view.extent[0]
    assert width < 3 * (grid.geometry.bounds[2] - grid.geometry.bounds[0])  # framed, not the whole office
    rows = dict(window.attributes.rows())
    assert rows["名称"] == "第3网格" and rows["住户"] == "408" and rows["层级"] == "网格"


def test_clicking_the_map_selects_in_the_tree(window, qtbot):
    building = next(b for b in window.project.tables["buildings"].values() if b.number == "5号楼" and b.zone_id ==
                    _zone(window.project, "第2网格", "新华街社区").id)
    window.canvas.zoom_to(building.geometry.bounds)
    c = building.geometry.centroid
    px, py = window.canvas.view.to_pixels(np.array([[c.x, c.y]]))[0]
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=QPoint(round(px), round(py)))
    assert window.selection.item == Item("building", building.id)
    current = window.tree.view.currentIndex()
    assert window.tree.model.item_at(current) == Item("building", building.id)
    assert dict(window.attributes.rows())["楼号"] == "5号楼"


def test_search_finds_an_address_in_xinhua_street_and_frames_it(window, qtbot):
    window.search_box.setText("5-2-301")
    hits = window.search.run()
    assert len(hits) == 22  # every 5号楼 with a unit 2 has a room 301
    xinhua = [r for r in range(window.search.results.count())
              if "新华街社区" in window.search.results.item(r).text()]
    assert len(xinhua) == 6
    window.search.results.setCurrentRow(xinhua[0])
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    item = window.selection.item
    household = window.project.tables["households"][item.id]
    building = window.project.tables["buildings"][household.building_id]
    unit = window.project.tables["units"][household.unit_id]
    assert (item.kind, building.number, unit.number, household.room) == ("household", "5号楼", 2, "301")
    assert _zone(window.project, "新华街社区").geometry.contains(building.geometry)
    assert _view_contains(window.canvas, building.geometry.bounds)
    assert window.canvas.view.resolution < 0.5  # zoomed in to the building
    # narrowing by community name gives the six directly
    window.search_box.setText("新华街 5-2-301")
    assert len(window.search.run()) == 6


def test_search_by_staff_phone_and_zone_code(window):
    chief = next(s for s in window.project.tables["staff"].values() if "网格长" in s.roles)
    window.search_box.setText(chief.phone[-8:])
    hits = window.search.run()
    assert hits[0].kind == "staff" and hits[0].id == chief.id
    window.search_box.setText("410104099001003")
    assert window.search.run()[0].title == "第3网格"


def test_drag_pans_with_the_last_frame_then_draws_only_strips(window, qtbot):
    canvas = window.canvas
    canvas.zoom_by(4.0)
    qtbot.waitUntil(lambda: canvas._frame_view == canvas.view)
    before = canvas.view
    reused = canvas.frames.reused
    tool = canvas.tool
    tool.press(MapEvent(500, 400, *before.to_map(500, 400), Qt.MouseButton.LeftButton))
    tool.move(MapEvent(560, 370, *before.to_map(560, 370)))
    assert canvas._drag == (60, -30) and canvas.view == before  # the frame moves, the view waits
    tool.release(MapEvent(560, 370, *before.to_map(560, 370), Qt.MouseButton.LeftButton))
    after = canvas.view
    assert after.cx == pytest.approx(before.cx - 60 * before.resolution)
    assert after.cy == pytest.approx(before.cy - 30 * before.resolution)
    canvas.repaint()
    assert canvas.frames.reused == reused + 1


def test_keys_and_wheel(window, qtbot):
    canvas = window.canvas
    canvas.setFocus()
    start = canvas.view
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.view.cx == pytest.approx(start.cx + round(canvas.width() / 8) * start.resolution)
    before = canvas.view
    x, y = before.to_map(300, 200)
    wheel = QWheelEvent(QPointF(300, 200), canvas.mapToGlobal(QPointF(300, 200)), QPoint(0, 0), QPoint(0, 240),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas, wheel)  # two notches forward: zoom in about the cursor
    assert canvas.view.resolution == pytest.approx(before.resolution / 1.25 ** 2)
    assert np.allclose(canvas.view.to_pixels(np.array([[x, y]])), [[300, 200]])
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    assert canvas.view.resolution == pytest.approx(start.resolution)


def test_status_bar_shows_cgcs2000_lonlat_and_metres(window):
    x, y = window.canvas.view.cx, window.canvas.view.cy
    window.canvas.cursor_moved.emit(x, y)
    text = window.status.position.text()
    assert "°E" in text and "°N" in text and "CGCS2000" in text and f"{x:,.1f}" in text
    lon = float(text.split("°E")[0])
    assert 113.6 < lon < 113.8
    assert window.status.scale.text().startswith("1:")


def test_layer_panel_hides_a_layer(window, qtbot):
    panel = window.layer_panel
    row = next(r for r in range(panel.list.count()) if panel.list.item(r).text() == "楼栋")
    panel.list.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert not window.layers.get("buildings").visible
    panel.list.setCurrentRow(row)
    panel.opacity.setValue(40)
    assert window.layers.get("buildings").opacity == pytest.approx(0.4)


def test_bad_file_is_refused_and_the_project_stays(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    bad = tmp_path / "bad.gpkg"
    bad.write_text("not a geopackage", encoding="utf-8")
    project = window.project
    assert window.open_path(bad) is False
    assert window.project is project and str(bad) in shown[0] and "GeoPackage" in shown[0]


def test_open_save_as_recent_files_and_layout_are_remembered(window, tmp_path, demo_file):
    copy = tmp_path / "copy.gpkg"
    assert window.save_as(copy)
    assert window.project.path == copy
    other = tmp_path / "other.gpkg"
    shutil.copyfile(demo_file, other)
    assert window.open_path(other)
    window.docks["attributes"].hide()
    window.close()
    settings = Settings.default()
    assert settings.recent_files[:2] == [str(other.resolve()), str(copy.resolve())]
    again = MainWindow(settings)
    assert again.docks["attributes"].isHidden()
    again.close()


def test_menus_are_in_chinese_with_shortcuts(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
    assert window.file_actions.open.shortcut().toString() == "Ctrl+O"
    assert window.undo_actions.undo.shortcut().toString() == "Ctrl+Z"
    assert window.undo_actions.redo.shortcut().toString() == "Ctrl+Y"


def test_edits_update_counts_without_collapsing_the_tree(window):
    from gridmap.commands.geometry import SetBuildingFootprint
    from gridmap.commands.households import EditHouseholds

    model, view = window.tree.model, window.tree.view
    office = model.index(0, 0)
    xinhua = model.index(0, 0, office)
    grid = model.index(0, 0, xinhua)
    view.setExpanded(grid, True)
    grid_count = int(model.data(grid.siblingAtColumn(1)).replace(",", ""))
    building_id = model.item_at(model.index(0, 0, grid)).id
    households = [h.id for h in window.project.tables["households"].values() if h.building_id == building_id]
    window.project.undo_stack.push(EditHouseholds(households[:1], occupancy="空户", people=0, tags=frozenset()))
    assert view.isExpanded(grid)  # a household edit leaves the tree as it was
    # moving a building to the next grid changes the tree's shape: counts follow, open nodes stay open
    other = _zone(window.project, "第2网格", "新华街社区")
    assert model.data(model.index(0, 1, office)) == "2,449"
    window.project.undo_stack.push(SetBuildingFootprint(building_id, other.geometry.centroid.buffer(5, cap_style=3)))
    grid = model.index_of("zone", _zone(window.project, "第1网格", "新华街社区").id)
    assert view.isExpanded(grid)
    assert model.data(model.index(0, 1, model.index(0, 0))) == "2,449"  # still in the same community
    first_grid_count = int(model.data(grid.siblingAtColumn(1)).replace(",", ""))
    assert first_grid_count == grid_count - len(households)


def test_opening_other_projects_lets_the_old_ones_go(window, qtbot, tmp_path, demo_copy):
    import gc
    import weakref

    from PySide6.QtCore import QCoreApplication, QEvent

    first = weakref.ref(window.project)
    copy = tmp_path / "second.gpkg"
    window.project.save_as(copy)
    for path in (demo_copy, copy, demo_copy):
        assert window.open_path(path)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    assert first() is None
    assert len(window.tree.findChildren(type(window.tree.model))) == 1
    window.close()
    window.close()  # closing twice is harmless
    assert window.project is None


def test_dragging_a_layer_in_the_panel_reorders_the_map(window):
    from PySide6.QtCore import QModelIndex

    panel = window.layer_panel
    names = [panel.list.item(r).text() for r in range(panel.list.count())]
    assert names[0] == "出入口与服务点" and names[-1] == "网格底色"  # top of the list is drawn last
    # move "网格底色" (grid fill, bottom) to the top of the list, as a drag would
    assert panel.list.model().moveRow(QModelIndex(), panel.list.count() - 1, QModelIndex(), 0)
    assert window.layers.kinds()[-1] == "grid_fill"
    assert next(panel.list.item(r).text() for r in range(panel.list.count())) == "网格底色"


def test_a_household_hit_shows_its_attributes_without_personal_data(window):
    window.search_box.setText("新华街 5-2-301")
    window.search.run()
    window.search.activate_current()
    rows = dict(window.attributes.rows())
    household = window.project.tables["households"][window.selection.item.id]
    assert rows["地址"] == "5号楼2单元301" and rows["居住状态"] == household.occupancy
    names = {r.name for r in window.project.tables["residents"].values() if r.household_id == household.id}
    shown = " ".join(rows.values())
    assert not any(name in shown for name in names)  # residents' names stay out of the panel


def test_an_empty_project_opens_and_draws(qtbot, tmp_path):
    from gridmap.model.entities import default_levels
    from tests.factories import MOMENT

    project = Project.create(tmp_path / "empty.gpkg", epsg=4547, moment=MOMENT, meta={},
                             tables={"levels": default_levels()})
    w = MainWindow(Settings.default())
    qtbot.addWidget(w)
    w.resize(900, 600)
    w.set_project(project)
    w.show()
    qtbot.waitExposed(w)
    w.canvas.repaint()
    w.canvas.zoom_by(3.0)
    w.canvas.pan_by(40, 10)
    w.canvas.repaint()
    w.search_box.setText("5-2-301")
    assert w.search.run() == [] and w.tree.model.rowCount() == 0
    w.close()
