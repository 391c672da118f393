"""Site features (gates, checkpoints, sampling and supply points, routes): the
commands undo and redo exactly, in memory and in the file; refusals change
nothing; the map tools, driven by real mouse and key events on the canvas,
place, draw and move; the menu opens and closes gates and deletes."""

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QToolBar
from shapely.geometry import LineString, MultiLineString, Point

from gridmap.commands.site import (
    AddSitePoint, AddSiteRoute, EditSitePoint, EditSiteRoute, MoveSitePoint, RemoveSitePoint, RemoveSiteRoute,
    ReshapeSiteRoute,
)
from gridmap.commands.staff import Assign
from gridmap.errors import EditError
from gridmap.project import Project
from gridmap.selection import Item
from tests.factories import X0, Y0
from ui.canvas.edit_tools import EDIT_COLOR
from ui.canvas.site_tools import DrawRouteTool, MoveSitePointTool, PlaceSitePointTool
from ui.canvas.tools import PanSelectTool
from ui.command_names import LABELS

LEFT = Qt.MouseButton.LeftButton
SITE_TABLES = ("site_points", "site_routes", "assignments", "staff")


def _tables(project) -> dict:
    return {t: dict(project.tables[t]) for t in SITE_TABLES}


def _in_file(path) -> dict:
    reopened = Project.open(path, read_only=True)
    try:
        return _tables(reopened)
    finally:
        reopened.store.conn.close()


# -- commands on the small project (office 0–200 × 0–100, compound 5–195 × 5–95, gate 1) -------------

def _route(project) -> int:
    command = AddSiteRoute("route", "巡查路线", [(X0 + 20, Y0 + 20), (X0 + 60, Y0 + 20), (X0 + 60, Y0 + 60)])
    project.undo_stack.push(command)
    return command.route_id


EDITS = {
    "add checkpoint": (None, lambda p, _r: AddSitePoint("checkpoint", "东侧卡点", (X0 + 150, Y0 + 50))),
    "add closed gate": (None, lambda p, _r: AddSitePoint("gate", "北门", Point(X0 + 100, Y0 + 95), "closed")),
    "move point": (None, lambda p, _r: MoveSitePoint(1, (X0 + 50, Y0 + 98))),
    "rename point": (None, lambda p, _r: EditSitePoint(1, name="正门")),
    "close gate": (None, lambda p, _r: EditSitePoint(1, state="closed")),
    "gate becomes supply point": (None, lambda p, _r: EditSitePoint(1, kind="supply")),
    "remove point": (None, lambda p, _r: RemoveSitePoint(1)),
    "add route": (None, lambda p, _r: AddSiteRoute("route", "送药路线", [(X0 + 10, Y0 + 10), (X0 + 90, Y0 + 10)])),
    "add closed loop": (None, lambda p, _r: AddSiteRoute("closed-loop", "闭环", [(X0 + 10, Y0 + 10), (X0 + 90, Y0 + 10),
                                                                                (X0 + 90, Y0 + 80)])),
    "rename route": (_route, lambda p, r: EditSiteRoute(r, name="夜间巡查")),
    "route becomes closed loop": (_route, lambda p, r: EditSiteRoute(r, kind="closed-loop")),
    "reshape route": (_route, lambda p, r: ReshapeSiteRoute(r, LineString([(X0 + 120, Y0 + 30), (X0 + 190, Y0 + 99)]))),
    "remove route": (_route, lambda p, r: RemoveSiteRoute(r)),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_each_site_edit_undoes_and_redoes_exactly_in_memory_and_in_the_file(project, name):
    setup, make = EDITS[name]
    route = setup(project) if setup else None
    before = _tables(project)
    command = make(project, route)
    assert project.undo_stack.push(command)
    assert command.label in LABELS  # the Undo menu can translate it
    after = _tables(project)
    assert after != before and _in_file(project.path) == after
    project.undo_stack.undo()
    assert _tables(project) == before and _in_file(project.path) == before
    project.undo_stack.redo()
    assert _tables(project) == after and _in_file(project.path) == after


def test_what_the_edits_store(project):
    stack, points, routes = project.undo_stack, project.tables["site_points"], project.tables["site_routes"]
    outside = AddSitePoint("sampling", "路口采样点", (X0 + 2, Y0 + 50))  # in the office, outside the compound
    stack.push(outside)
    assert points[outside.point_id].compound_id is None and points[outside.point_id].state == ""
    stack.push(MoveSitePoint(outside.point_id, (X0 + 30, Y0 + 50)))
    assert points[outside.point_id].compound_id == 1 and points[outside.point_id].geometry == Point(X0 + 30, Y0 + 50)
    assert stack.undo_label == "Move site point"
    gate = AddSitePoint("gate", "东门", (X0 + 195, Y0 + 50))  # on the wall: the compound's
    stack.push(gate)
    assert points[gate.point_id][1:] == ("gate", "东门", 1, Point(X0 + 195, Y0 + 50), "open")
    stack.push(EditSitePoint(gate.point_id, state="closed"))
    assert points[gate.point_id].state == "closed" and stack.undo_label == "Close gate"
    stack.push(EditSitePoint(gate.point_id, kind="checkpoint"))
    assert points[gate.point_id].state == "" and stack.undo_label == "Edit site point"
    stack.push(EditSitePoint(gate.point_id, kind="gate"))
    assert points[gate.point_id].state == "open"
    loop = AddSiteRoute("closed-loop", " 闭环路线 ", [(X0 + 10, Y0 + 10), (X0 + 90, Y0 + 10), (X0 + 90, Y0 + 80)])
    stack.push(loop)
    record = routes[loop.route_id]
    assert (record.kind, record.name, record.compound_id) == ("closed-loop", "闭环路线", 1)
    assert list(record.geometry.geoms[0].coords) == [(X0 + 10, Y0 + 10), (X0 + 90, Y0 + 10), (X0 + 90, Y0 + 80),
                                                     (X0 + 10, Y0 + 10)]
    assert record.geometry.length == pytest.approx(80 + 70 + np.hypot(80, 70))
    # reshaped outside the compound wall (in the office): no compound; still closed
    stack.push(ReshapeSiteRoute(loop.route_id, LineString([(X0 + 1, Y0 + 50), (X0 + 1, Y0 + 60), (X0 + 3, Y0 + 60)])))
    assert routes[loop.route_id].compound_id is None
    assert routes[loop.route_id].geometry.geoms[0].is_ring
    route = AddSiteRoute("route", "进出路线", [(X0 + 1, Y0 + 50), (X0 + 40, Y0 + 50)])  # mostly inside
    stack.push(route)
    assert routes[route.route_id].compound_id == 1
    assert not stack.push(EditSitePoint(gate.point_id, name="东门"))  # no change, no step


def test_removing_a_staffed_checkpoint_takes_its_posts_and_undo_brings_them_back(project):
    stack = project.undo_stack
    checkpoint = AddSitePoint("checkpoint", "南门卡点", (X0 + 100, Y0 + 11))
    stack.push(checkpoint)
    stack.push(Assign(1, "site_point", checkpoint.point_id, "网格员"))
    stack.push(Assign(2, "site_point", checkpoint.point_id, "志愿者"))
    posts = {a.id: a for a in project.tables["assignments"].values() if a.target_kind == "site_point"}
    assert sorted((a.staff_id, a.role) for a in posts.values()) == [(1, "网格员"), (2, "志愿者")]
    before = _tables(project)
    stack.push(RemoveSitePoint(checkpoint.point_id))
    assert checkpoint.point_id not in project.tables["site_points"]
    assert not [a for a in project.tables["assignments"].values() if a.target_kind == "site_point"]
    assert len(project.tables["assignments"]) == 1  # the grid chief's zone post stays
    stack.undo()
    assert _tables(project) == before and _in_file(project.path) == before
    assert {a.id: a for a in project.tables["assignments"].values() if a.target_kind == "site_point"} == posts


def test_a_demo_checkpoint_with_its_two_posts(demo_copy):
    project = Project.open(demo_copy)
    try:
        checkpoint = next(p for p in project.tables["site_points"].values() if p.kind == "checkpoint")
        posts = [a for a in project.tables["assignments"].values()
                 if a.target_kind == "site_point" and a.target_id == checkpoint.id]
        assert len(posts) == 2
        before = _tables(project)
        project.undo_stack.push(RemoveSitePoint(checkpoint.id))
        assert not any(a.target_kind == "site_point" and a.target_id == checkpoint.id
                       for a in _in_file(demo_copy)["assignments"].values())
        project.undo_stack.undo()
        assert _tables(project) == before and _in_file(demo_copy) == before
    finally:
        project.close()


REFUSALS = {
    "unknown kind": (lambda: AddSitePoint("watchtower", "岗楼", (X0 + 50, Y0 + 50)), "one of gate"),
    "state on a checkpoint": (lambda: AddSitePoint("checkpoint", "卡点", (X0 + 50, Y0 + 50), "closed"), "only gates"),
    "gate half open": (lambda: AddSitePoint("gate", "门", (X0 + 50, Y0 + 5), "ajar"), "open or closed"),
    "blank name": (lambda: AddSitePoint("supply", "  ", (X0 + 50, Y0 + 50)), "needs a name"),
    "outside the office": (lambda: AddSitePoint("sampling", "采样点", (X0 + 500, Y0 + 50)),
                           "outside the street office"),
    "moved outside": (lambda: MoveSitePoint(1, (X0 - 30, Y0 + 50)), "outside the street office"),
    "no such point": (lambda: MoveSitePoint(99, (X0 + 50, Y0 + 50)), "no site point 99"),
    "state on a supply point": (lambda: EditSitePoint(1, kind="supply", state="open"), "only gates"),
    "one-point route": (lambda: AddSiteRoute("route", "路线", [(X0 + 5, Y0 + 5), (X0 + 5, Y0 + 5)]), "two distinct"),
    "two-point loop": (lambda: AddSiteRoute("closed-loop", "闭环",
                                            [(X0 + 5, Y0 + 5), (X0 + 9, Y0 + 5), (X0 + 5, Y0 + 5)]),
                       "three distinct"),
    "unknown route kind": (lambda: AddSiteRoute("trail", "路线", [(X0 + 5, Y0 + 5), (X0 + 9, Y0 + 5)]), "one of route"),
    "route far away": (lambda: AddSiteRoute("route", "路线", [(X0 + 900, Y0), (X0 + 990, Y0)]),
                       "outside the street office"),
    "no such route": (lambda: RemoveSiteRoute(5), "no route 5"),
}


@pytest.mark.parametrize("name", list(REFUSALS))
def test_a_refused_site_edit_leaves_the_file_as_it_was(project, name):
    make, words = REFUSALS[name]
    data, before = project.path.read_bytes(), _tables(project)
    with pytest.raises(EditError, match=words):
        project.undo_stack.push(make())
    assert project.path.read_bytes() == data
    assert _tables(project) == before and len(project.undo_stack) == 0


# -- the window on the demo --------------------------------------------------------------------------

def _answer(fill) -> None:
    """Fill in and close the modal dialog the next event opens (a real one, driven
    as a user would: fields set, then OK); gives up after two seconds."""
    tries = iter(range(200))

    def attempt():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            if next(tries, None) is not None:
                QTimer.singleShot(10, attempt)
            return
        try:
            fill(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, attempt)


def _name_route(name):
    def fill(dialog):
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(name)
        dialog.accept()
    return fill


def _pixel(canvas, x, y) -> QPoint:
    (px, py), = canvas.view.to_pixels(np.array([[x, y]]))
    return QPoint(round(px), round(py))


def _at(canvas, pixel: QPoint) -> tuple[float, float]:
    return canvas.view.to_map(float(pixel.x()), float(pixel.y()))


def _compound(project, name="纺织厂花园"):
    return next(c for c in project.tables["compounds"].values() if c.name == name)


def _point(project, name, compound_id=2):
    return next(p for p in project.tables["site_points"].values() if p.name == name and p.compound_id == compound_id)


def test_placing_a_checkpoint_with_a_click(window, qtbot):
    project, canvas = window.project, window.canvas
    compound = _compound(project)
    canvas.zoom_to(compound.geometry.bounds)
    window.site_actions.add_checkpoint.trigger()
    assert isinstance(canvas.tool, PlaceSitePointTool) and window.site_actions.add_checkpoint.isChecked()
    before = dict(project.tables["site_points"])
    where = _pixel(canvas, 470090.0, 3849830.0)

    def fill(dialog):
        assert dialog.objectName() == "sitePointDialog"
        assert dialog.kind.currentData() == "checkpoint" and not dialog.state.isVisibleTo(dialog)
        dialog.name.setText("中心卡点")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    _answer(fill)
    QTest.mouseClick(canvas, LEFT, Qt.KeyboardModifier.NoModifier, where)
    new = [p for p in project.tables["site_points"].values() if p.id not in before]
    assert len(new) == 1
    point = new[0]
    assert (point.kind, point.name, point.compound_id, point.state) == ("checkpoint", "中心卡点", compound.id, "")
    assert (point.geometry.x, point.geometry.y) == pytest.approx(_at(canvas, where))
    assert window.selection.item == Item("site_point", point.id)
    rows = dict(window.attributes.rows())
    assert rows["名称"] == "中心卡点" and rows["小区"] == compound.name
    assert point.id in window.scene.features["site_points"].index_of  # the map re-prepared its points
    window.undo_actions.undo.trigger()
    assert project.tables["site_points"] == before
    assert window.selection.item is None


def test_placing_a_closed_gate_snaps_it_to_the_wall_and_draws_a_cross(window, qtbot):
    project, canvas = window.project, window.canvas
    compound = _compound(project)
    _minx, _miny, _maxx, maxy = compound.geometry.bounds
    x = 470060.0
    canvas.zoom_to((x - 15, maxy - 15, x + 15, maxy + 15))
    frame_before = canvas.render_frame().copy()
    window.site_actions.add_gate.trigger()
    where = _pixel(canvas, x, maxy - 0.6)  # a little inside: the gate goes on the wall

    def fill(dialog):
        assert dialog.kind.currentData() == "gate" and dialog.state.isVisibleTo(dialog)
        dialog.state.setCurrentIndex(dialog.state.findData("closed"))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    _answer(fill)
    QTest.mouseClick(canvas, LEFT, Qt.KeyboardModifier.NoModifier, where)
    gate = project.tables["site_points"][window.selection.item.id]
    default_name = QCoreApplication.translate("SiteFeatures", "Gate")
    assert (gate.kind, gate.name, gate.state, gate.compound_id) == ("gate", default_name, "closed", compound.id)
    assert gate.geometry.distance(compound.geometry.boundary) < 1e-6
    assert gate.geometry.x == pytest.approx(_at(canvas, where)[0])
    frame = canvas.render_frame()
    assert frame != frame_before
    red = QColor("#c0392b")
    (gx, gy), = canvas.view.to_pixels(np.array([[gate.geometry.x, gate.geometry.y]]))
    near = [frame.pixelColor(int(gx) + dx, int(gy) + dy) for dx in range(-6, 7) for dy in range(-6, 7)]
    assert sum(abs(c.red() - red.red()) + abs(c.green() - red.green()) + abs(c.blue() - red.blue()) < 40
               for c in near) >= 8


def test_drawing_a_route_with_three_clicks_and_a_double_click(window, qtbot):
    project, canvas = window.project, window.canvas
    compound = _compound(project)
    canvas.zoom_to(compound.geometry.bounds)
    window.site_actions.draw_route.trigger()
    tool = canvas.tool
    assert isinstance(tool, DrawRouteTool)
    a, b, c = (_pixel(canvas, 470020, 3849800), _pixel(canvas, 470080, 3849800), _pixel(canvas, 470080, 3849860))
    QTest.mouseClick(canvas, LEFT, Qt.KeyboardModifier.NoModifier, a)
    QTest.mouseClick(canvas, LEFT, Qt.KeyboardModifier.NoModifier, b)
    QTest.mouseMove(canvas, c)
    assert tool.points == [_at(canvas, a), _at(canvas, b)] and tool.cursor_at == pytest.approx(_at(canvas, c))
    band = canvas.grab().toImage()  # the rubber band follows the cursor
    orange = QColor(EDIT_COLOR)
    mid = (b + c) / 2
    assert any(band.pixelColor(mid.x() + dx, mid.y()) == orange for dx in range(-2, 3))
    before = dict(project.tables["site_routes"])
    _answer(_name_route("送药路线"))
    QTest.mouseClick(canvas, LEFT, Qt.KeyboardModifier.NoModifier, c)  # a double-click is a click, then this
    QTest.mouseDClick(canvas, LEFT, Qt.KeyboardModifier.NoModifier, c)
    new = [r for r in project.tables["site_routes"].values() if r.id not in before]
    assert len(new) == 1 and tool.points == []
    route = new[0]
    assert (route.kind, route.name, route.compound_id) == ("route", "送药路线", compound.id)
    assert route.geometry.equals_exact(MultiLineString([[_at(canvas, p) for p in (a, b, c)]]), 1e-9)
    assert window.selection.item == Item("site_route", route.id)
    rows = dict(window.attributes.rows())
    assert rows["名称"] == "送药路线" and rows["小区"] == compound.name
    assert rows[QCoreApplication.translate("AttributeRows", "Length")] == f"{route.geometry.length:,.0f} m"
    assert route.id in window.scene.features["site_routes"].index_of
    window.undo_actions.undo.trigger()
    assert project.tables["site_routes"] == before


def test_a_closed_loop_with_backspace_and_enter_and_escape_goes_back_to_browsing(window, qtbot):
    project, canvas = window.project, window.canvas
    canvas.zoom_to(_compound(project).geometry.bounds)
    window.site_actions.draw_loop.trigger()
    tool = canvas.tool
    corners = [_pixel(canvas, x, y) for x, y in ((470020, 3849780), (470150, 3849780), (470150, 3849880),
                                                   (470100, 3849890))]
    for pixel in corners:
        QTest.mouseClick(canvas, LEFT, Qt.KeyboardModifier.NoModifier, pixel)
    QTest.keyClick(canvas, Qt.Key.Key_Backspace)
    assert tool.points == [_at(canvas, p) for p in corners[:3]]
    before = dict(project.tables["site_routes"])
    _answer(_name_route("夜间闭环"))
    QTest.keyClick(canvas, Qt.Key.Key_Return)
    loop = next(r for r in project.tables["site_routes"].values() if r.id not in before)
    assert loop.kind == "closed-loop" and loop.geometry.geoms[0].is_ring
    want = [_at(canvas, p) for p in corners[:3] + corners[:1]]
    assert np.allclose(list(loop.geometry.geoms[0].coords), want)  # pytest 9.2's approx takes no nested tuples
    # Escape drops a route under way and goes back to browsing
    QTest.mouseClick(canvas, LEFT, Qt.KeyboardModifier.NoModifier, corners[0])
    QTest.keyClick(canvas, Qt.Key.Key_Escape)
    assert isinstance(canvas.tool, PanSelectTool) and not isinstance(canvas.tool, DrawRouteTool)
    assert window.tool_actions.tool_browse.isChecked()
    assert len(project.tables["site_routes"]) == len(before) + 1


def _mouse(canvas, kind, pixel: QPoint, button=LEFT, buttons=LEFT) -> None:
    event = QMouseEvent(kind, QPointF(pixel), canvas.mapToGlobal(QPointF(pixel)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(canvas, event)


def test_dragging_a_site_point_moves_it_and_undo_puts_it_back(window, qtbot):
    project, canvas = window.project, window.canvas
    supply = _point(project, "物资投放点")
    canvas.zoom_to(_compound(project).geometry.bounds)
    window.site_actions.move_point.trigger()
    assert isinstance(canvas.tool, MoveSitePointTool)
    start = _pixel(canvas, supply.geometry.x, supply.geometry.y)
    end = start + QPoint(-80, 60)
    _mouse(canvas, QMouseEvent.Type.MouseButtonPress, start)
    assert window.selection.item == Item("site_point", supply.id)
    for step in (0.25, 0.5, 1.0):
        _mouse(canvas, QMouseEvent.Type.MouseMove, start + (end - start) * step, Qt.MouseButton.NoButton)
    assert canvas.tool.to == pytest.approx(_at(canvas, end))
    _mouse(canvas, QMouseEvent.Type.MouseButtonRelease, end, LEFT, Qt.MouseButton.NoButton)
    moved = project.tables["site_points"][supply.id]
    assert (moved.geometry.x, moved.geometry.y) == pytest.approx(_at(canvas, end))
    assert moved.compound_id == supply.compound_id and moved.name == supply.name
    assert window.undo_actions.undo.text().endswith(QCoreApplication.translate("Commands", "Move site point"))
    window.undo_actions.undo.trigger()
    assert project.tables["site_points"][supply.id] == supply


def test_toggling_a_gate_from_the_menu_and_undo(window, qtbot):
    project, site = window.project, window.site_actions
    gate = _point(project, "北门")
    assert gate.state == "open"
    assert not site.toggle_gate.isEnabled()
    window.selection.set(Item("site_point", gate.id))
    assert site.toggle_gate.isEnabled() and site.delete.isEnabled()
    index = window.scene.features["site_points"].index_of[gate.id]
    state = QCoreApplication.translate("AttributeRows", "State")
    assert dict(window.attributes.rows())[state] == QCoreApplication.translate("SiteFeatures", "Open")
    site.toggle_gate.trigger()
    assert project.tables["site_points"][gate.id] == gate._replace(state="closed")
    assert window.scene.site_point_states[index] == "closed"  # the map's copy follows
    assert dict(window.attributes.rows())[state] == QCoreApplication.translate("SiteFeatures", "Closed")
    assert _in_file(project.path)["site_points"][gate.id].state == "closed"
    window.undo_actions.undo.trigger()
    assert project.tables["site_points"][gate.id] == gate
    assert window.scene.site_point_states[window.scene.features["site_points"].index_of[gate.id]] == "open"
    window.selection.set(Item("site_point", _point(project, "北门卡点").id))
    assert not site.toggle_gate.isEnabled()  # a checkpoint has no gate to open


def test_clicking_a_checkpoint_shows_its_staff_and_delete_removes_it_with_its_posts(window, qtbot):
    project, canvas = window.project, window.canvas
    checkpoint = _point(project, "北门卡点")
    posts = {a.id: a for a in project.tables["assignments"].values()
             if a.target_kind == "site_point" and a.target_id == checkpoint.id}
    canvas.zoom_to(checkpoint.geometry.buffer(40).bounds)
    QTest.mouseClick(canvas, LEFT, Qt.KeyboardModifier.NoModifier,
                     _pixel(canvas, checkpoint.geometry.x, checkpoint.geometry.y))
    assert window.selection.item == Item("site_point", checkpoint.id)
    staffed = dict(window.attributes.rows())[QCoreApplication.translate("AttributeRows", "Staffed by")]
    assert len(posts) == 2
    assert staffed == "、".join(sorted(f"{project.tables['staff'][a.staff_id].name}（{a.role}）"
                                      for a in posts.values()))
    canvas.setFocus()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is canvas)
    QTest.keyClick(canvas, Qt.Key.Key_Delete)
    assert checkpoint.id not in project.tables["site_points"]
    assert not any(a.id in posts for a in project.tables["assignments"].values())
    assert window.selection.item is None
    window.undo_actions.undo.trigger()
    assert project.tables["site_points"][checkpoint.id] == checkpoint
    assert {a.id: a for a in project.tables["assignments"].values() if a.id in posts} == posts


def test_a_route_is_picked_within_a_few_pixels_and_renamed(window, qtbot):
    project, canvas = window.project, window.canvas
    loop = next(r for r in project.tables["site_routes"].values() if r.compound_id == 2 and r.kind == "closed-loop")
    x, y = 470090.0, 3849747.1  # on the loop's south side, 3 m inside the wall
    canvas.zoom_to((x - 30, y - 30, x + 30, y + 30))
    pixel = _pixel(canvas, x, y)
    QTest.mouseClick(canvas, LEFT, Qt.KeyboardModifier.NoModifier, pixel + QPoint(0, 2))
    assert window.selection.item == Item("site_route", loop.id)
    rows = dict(window.attributes.rows())
    assert rows["名称"] == loop.name
    assert rows[QCoreApplication.translate("AttributeRows", "Length")] == f"{loop.geometry.length:,.0f} m" == "643 m"
    QTest.mouseClick(canvas, LEFT, Qt.KeyboardModifier.NoModifier, pixel + QPoint(0, -12))  # too far: not the loop
    assert window.selection.item != Item("site_route", loop.id)
    window.selection.set(Item("site_route", loop.id))
    _answer(_name_route("外圈巡查"))
    window.site_actions.rename.trigger()
    assert project.tables["site_routes"][loop.id] == loop._replace(name="外圈巡查")
    window.undo_actions.undo.trigger()
    assert project.tables["site_routes"][loop.id] == loop


def test_the_site_menu_is_in_the_edit_menu(window):
    menus = [a.menu() for a in window.menuBar().actions() if a.menu()]
    holder = [m for m in menus if window.site_actions.menu.menuAction() in m.actions()]
    assert [m.title() for m in holder] == [QCoreApplication.translate("MainWindow", "&Edit")]
    names = [a.objectName() for a in window.site_actions.menu.actions() if not a.isSeparator()]
    assert names == ["actionAddGate", "actionAddCheckpoint", "actionAddSampling", "actionAddSupply",
                     "actionDrawRoute", "actionDrawLoop", "actionDrawIsolation", "actionMoveSitePoint",
                     "actionToggleGate", "actionRenameSite", "actionDeleteSite"]
    toolbar = window.findChild(QToolBar, "mainToolbar").actions()
    assert window.tool_actions.tool_draw in toolbar and window.site_actions.add_gate not in toolbar
    assert window.site_actions.add_gate in window.tool_actions.group.actions()  # one map tool at a time


def test_a_route_whose_name_is_not_given_keeps_its_points(window, qtbot):
    canvas = window.canvas
    canvas.zoom_to(_compound(window.project).geometry.bounds)
    window.site_actions.draw_route.trigger()
    tool = canvas.tool
    a, b = _pixel(canvas, 470020, 3849780), _pixel(canvas, 470150, 3849780)
    for pixel in (a, b):
        QTest.mouseClick(canvas, LEFT, Qt.KeyboardModifier.NoModifier, pixel)
    before = dict(window.project.tables["site_routes"])
    _answer(lambda dialog: dialog.reject())  # the user cancels the name
    QTest.keyClick(canvas, Qt.Key.Key_Return)
    assert dict(window.project.tables["site_routes"]) == before
    assert tool.points == [_at(canvas, a), _at(canvas, b)]  # still there: Enter again, and name it
    _answer(_name_route("配送路线二"))
    QTest.keyClick(canvas, Qt.Key.Key_Return)
    assert len(window.project.tables["site_routes"]) == len(before) + 1 and tool.points == []


def test_escape_in_the_middle_of_a_pan_puts_the_frame_back(window, qtbot):
    canvas = window.canvas
    window.site_actions.add_checkpoint.trigger()
    start, end = QPointF(200, 200), QPointF(260, 240)
    for kind, at, buttons in ((QMouseEvent.Type.MouseButtonPress, start, LEFT),
                              (QMouseEvent.Type.MouseMove, end, LEFT)):
        canvas.event(QMouseEvent(kind, at, at, LEFT, buttons, Qt.KeyboardModifier.NoModifier))
    assert canvas._drag == (60, 40)
    QTest.keyClick(canvas, Qt.Key.Key_Escape)
    assert canvas._drag == (0, 0) and isinstance(canvas.tool, PanSelectTool)
