"""The window's wiring: actions built from the application context alone (no
main window, in any order), map tools that report through their own signals,
and drops onto the map through a handler."""

import ast
from pathlib import Path

import numpy as np
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMainWindow

from gridmap.selection import Item, Selection
from layers.model import LayerSet
from layers.scene import MapScene
from ui.canvas.edit_tools import PaintTool
from ui.canvas.map_canvas import MapCanvas
from ui.canvas.tools import MapEvent, PanSelectTool
from ui.context import AppContext, CurrentProject, Messages
from ui.settings import Settings

LEFT = Qt.MouseButton.LeftButton


def _context(qtbot) -> AppContext:
    """A context around a bare QMainWindow holding only the map."""
    host = QMainWindow()
    qtbot.addWidget(host)
    selection = Selection()
    canvas = MapCanvas(LayerSet(), selection, host)
    host.setCentralWidget(canvas)
    host.resize(1000, 700)
    host.show()
    qtbot.waitExposed(host)
    return AppContext(CurrentProject(host), selection, canvas, Settings.default(), Messages(host, canvas.refusal),
                      host)


def _open(ctx: AppContext, project) -> None:
    ctx.canvas.set_scene(MapScene(project))
    ctx.current.set(project)


def _event(canvas, x, y, button=LEFT) -> MapEvent:
    (px, py), = canvas.view.to_pixels(np.array([[x, y]]))
    return MapEvent(float(px), float(py), x, y, button)


def _inside(geometry) -> tuple[float, float]:
    point = geometry.representative_point()
    return point.x, point.y


def _zone(project, name):
    return next(z for z in project.tables["zones"].values() if z.name == name)


def test_actions_follow_the_open_project_from_the_context_in_any_order(qtbot, project):
    from ui.gis.gis_actions import GisActions
    from ui.gis.office_actions import OfficeActions
    from ui.partition.partition_actions import PartitionActions
    from ui.undo_actions import UndoActions
    from ui.zone_actions import ZoneActions

    ctx = _context(qtbot)
    zones = ZoneActions(ctx)
    partition = PartitionActions(ctx, OfficeActions(ctx, GisActions(ctx, open_project=lambda path: False)))
    undo = UndoActions(ctx)  # made last, it still follows the project opened after
    assert not partition.partition.isEnabled() and not undo.undo.isEnabled()
    _open(ctx, project)
    assert partition.partition.isEnabled()
    one, two = _zone(project, "第1网格"), _zone(project, "第2网格")
    ctx.selection.set(Item("zone", one.id))
    zones.choose = lambda label, options: options.index("第2网格")
    zones.merge_zone.trigger()
    assert one.id in project.tables["zones"] and two.id not in project.tables["zones"]
    assert undo.undo.isEnabled() and undo.undo.text().startswith("撤销")
    undo.undo.trigger()
    assert project.tables["zones"][two.id] == two
    ctx.current.set(None)
    assert not partition.partition.isEnabled()


def test_a_refused_edit_is_said_in_the_status_bar_and_on_the_map_until_an_edit_is_done(qtbot, project):
    from gridmap.commands.zones import ReassignBuildings
    from ui.zone_actions import ZoneActions

    ctx = _context(qtbot)
    _open(ctx, project)
    ctx.selection.set(Item("zone", _zone(project, "测试社区").id))
    ZoneActions(ctx).act("merge")  # the only community: no neighbour
    assert ctx.messages.bar.currentMessage() == "测试社区 没有可以这样操作的相邻网格"
    tool = PaintTool(ctx.canvas)
    ctx.canvas.set_tool(tool)
    minx, miny, _maxx, _maxy = _zone(project, "第2网格").geometry.bounds
    for x, y in ((minx + 80, miny + 20), _inside(project.tables["buildings"][1].geometry)):
        tool.press(_event(ctx.canvas, x, y))
        tool.release(_event(ctx.canvas, x, y))  # 1号楼 into 第2网格 would leave it in two pieces: refused
    said = ctx.messages.bar.currentMessage()
    assert said.startswith("未执行：") and "第2网格" in said
    assert ctx.canvas.refusal.caption == said and ctx.canvas.refusal.pending
    project.undo_stack.push(ReassignBuildings([2], _zone(project, "第2网格").id))  # an edit from anywhere is done
    assert not ctx.canvas.refusal.pending and ctx.messages.bar.currentMessage() == ""


def test_map_tools_report_through_their_own_signals(qtbot, project, monkeypatch):
    from ui.actions import ViewActions
    from ui.docks.search_panel import SearchBox
    from ui.gis.gis_actions import GisActions
    from ui.gis.office_actions import OfficeActions
    from ui.plans.plan_window import PlanWindow
    from ui.tool_actions import MapToolActions

    ctx = _context(qtbot)
    _open(ctx, project)
    canvas = ctx.canvas
    view = ViewActions(ctx, PlanWindow(ctx.settings, ctx.dialog_parent), SearchBox(ctx.dialog_parent))
    tools = MapToolActions(ctx, OfficeActions(ctx, GisActions(ctx, open_project=lambda path: False)),
                           view.open_plan, dict)
    tools.tool_paint.trigger()
    paint = canvas.tool
    assert isinstance(paint, PaintTool)
    picked, painted = [], []
    paint.target_picked.connect(picked.append)
    paint.painted.connect(painted.append)
    one, two = _zone(project, "第1网格"), _zone(project, "第2网格")
    minx, miny, _maxx, _maxy = two.geometry.bounds
    x, y = minx + 80, miny + 20  # in 第2网格, off its building
    for handler in (paint.press, paint.release):
        handler(_event(canvas, x, y))
    assert picked == [two.id] and ctx.messages.bar.currentMessage() == "正在划入“第2网格”：点击楼栋即划入该网格"
    x, y = _inside(project.tables["buildings"][2].geometry)
    for handler in (paint.press, paint.release):
        handler(_event(canvas, x, y))
    assert painted == [(two.id, one.id)] and project.tables["buildings"][2].zone_id == two.id
    tools.tool_browse.trigger()
    browse = canvas.tool
    assert isinstance(browse, PanSelectTool)
    canvas.set_tool(paint)
    canvas.set_tool(browse)  # set again (as the partition dialog does after its preview): still heard once
    shown = []
    monkeypatch.setattr(view.plan_window.panel, "show_building", lambda _project, building: shown.append(building))
    browse.double_click(_event(canvas, *_inside(project.tables["buildings"][3].geometry)))
    assert shown == [3] and view.plan_window.isVisible()


def test_the_map_takes_drops_only_through_its_handler(qtbot, project, monkeypatch):
    from ui.staff.map_drop import StaffDropOnMap
    from ui.staff.mime import staff_mime
    from ui.staff.staff_actions import StaffActions

    ctx = _context(qtbot)
    _open(ctx, project)
    canvas = ctx.canvas
    assert not canvas.acceptDrops()
    staff = StaffActions(ctx)
    monkeypatch.setattr(staff, "ask_role", lambda kind, place: "楼栋长")
    canvas.set_drop_handler(StaffDropOnMap(canvas, staff.assign))
    assert canvas.acceptDrops()
    x, y = _inside(project.tables["buildings"][3].geometry)
    (px, py), = canvas.view.to_pixels(np.array([[x, y]]))
    text = QMimeData()
    text.setText("李娜")
    for mime in (text, staff_mime([2], "李娜")):  # plain text is not taken; staff are
        canvas.dropEvent(QDropEvent(QPointF(float(px), float(py)), Qt.DropAction.CopyAction, mime, LEFT,
                                    Qt.KeyboardModifier.NoModifier))
    posts = [(a.target_kind, a.target_id, a.role) for a in project.tables["assignments"].values() if a.staff_id == 2]
    assert posts == [("building", 3, "楼栋长")]


def test_the_canvas_imports_no_staff_code():
    for path in Path("ui/canvas").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        assert not {m for m in imported if m.startswith("ui.staff")}, path
