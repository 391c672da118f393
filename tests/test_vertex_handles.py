"""Edit Vertices shows the vertices in view as handles (shared ones filled, the
one under the cursor highlighted, the segment a double-click would split), and
a refused edit is marked on the map where it happened and said in the status
bar until the next edit that is done. Checked on the pixels the canvas paints."""

import numpy as np
import pytest
import shapely
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from gridmap.project import Project
from gridmap.selection import Selection
from layers.model import LayerSet
from layers.scene import MapScene
from tests.factories import MOMENT, X0, Y0, small_tables
from tests.windows import shown_window
from ui.canvas.callouts import REFUSAL_COLOR, RING_PIXELS
from ui.canvas.edit_tools import PaintTool, SplitTool, VertexTool
from ui.canvas.handles import HANDLE_FILL, HANDLE_OUTLINE, HOVER_COLOR, SHARED_FILL, most_handles
from ui.canvas.map_canvas import MapCanvas
from ui.canvas.tools import MapEvent

LEFT = Qt.MouseButton.LeftButton
# The small project: 第1网格 x 0–100 and 第2网格 x 100–200 (y 0–100) under one
# community and office of the same outline; 2号楼 x 60–86, y 40–51 in 第1网格.
SHARED = (X0 + 100, Y0 + 100)  # the two grids' common corner
CORNER = (X0, Y0)  # a grid's, its community's and its office's: nested, not neighbours
NOT_DONE = "未执行："


def _event(canvas, x, y, button=Qt.MouseButton.NoButton):
    (px, py), = canvas.view.to_pixels(np.array([[x, y]]))
    return MapEvent(float(px), float(py), x, y, button)


def _drag(tool, canvas, start, end):
    tool.press(_event(canvas, *start, LEFT))
    tool.move(_event(canvas, *end, LEFT))
    tool.release(_event(canvas, *end, LEFT))


def _click(tool, canvas, x, y):
    tool.press(_event(canvas, x, y, LEFT))
    tool.release(_event(canvas, x, y, LEFT))


def _pixel(canvas, xy, dx=0, dy=0) -> str:
    """The colour the canvas paints at map point ``xy`` (moved by dx, dy pixels)."""
    (px, py), = np.round(canvas.view.to_pixels(np.array([xy], dtype=float)))
    return canvas.grab().toImage().pixelColor(int(px) + dx, int(py) + dy).name()


def _redder(after: str, before: str) -> bool:
    """``after`` is ``before`` under a red tint."""
    a, b = QColor(after), QColor(before)
    return a.red() - a.green() > b.red() - b.green() + 30


@pytest.fixture
def canvas(qtbot, project):
    """A bare map canvas of 600 × 400 on the small project, all of it in view."""
    canvas = MapCanvas(LayerSet(), Selection())
    qtbot.addWidget(canvas)
    canvas.resize(600, 400)
    canvas.set_scene(MapScene(project))
    canvas.show()
    qtbot.waitExposed(canvas)
    return canvas


@pytest.fixture
def framed(small_window):
    """The small project's window, its map framing every zone."""
    small_window.canvas.zoom_to(small_window.canvas.scene.bounds)
    return small_window


def test_handles_sit_on_the_vertices_and_shared_ones_are_filled(canvas):
    assert _pixel(canvas, SHARED) != SHARED_FILL  # browsing: no handles
    canvas.set_tool(VertexTool(canvas))
    assert _pixel(canvas, SHARED) == SHARED_FILL
    assert _pixel(canvas, CORNER, 1, -1) == HANDLE_FILL  # inside the square (the corner's pixel is its edge)
    assert _pixel(canvas, SHARED, 3, 0) == HANDLE_OUTLINE  # a 7-pixel square
    assert _pixel(canvas, SHARED, 5, 0) != HANDLE_OUTLINE
    assert _pixel(canvas, (X0 + 50, Y0 + 100)) not in (HANDLE_FILL, SHARED_FILL)  # a boundary, no vertex
    handles = canvas.tool.handles.handles(canvas.scene.features["zones"], canvas.scene.zone_level, canvas.view)
    assert len(handles.xy) == 6 and {tuple(p) for p in handles.xy[handles.shared]} == {SHARED, (X0 + 100, Y0)}
    canvas.set_tool(SplitTool(canvas))
    assert _pixel(canvas, SHARED) != SHARED_FILL  # gone with the tool


def test_hover_highlights_the_vertex_then_the_segment_a_double_click_would_split(canvas):
    tool = VertexTool(canvas)
    canvas.set_tool(tool)
    assert _pixel(canvas, SHARED, 4, 0) != HOVER_COLOR
    tool.move(_event(canvas, SHARED[0] + 0.4, SHARED[1] - 0.3))  # near enough to grab it
    assert tool.hover_vertex == SHARED
    assert _pixel(canvas, SHARED) == HOVER_COLOR and _pixel(canvas, SHARED, 4, 0) == HOVER_COLOR  # larger
    on_segment = (X0 + 150, Y0)  # the bottom edge of 第2网格, far from any vertex
    before = _pixel(canvas, (X0 + 170, Y0))
    tool.move(_event(canvas, on_segment[0], on_segment[1] + 0.5))
    assert tool.hover_vertex is None and tool.hover_segment[2] == pytest.approx(on_segment)
    assert _pixel(canvas, SHARED) == SHARED_FILL  # the vertex is no longer highlighted
    lit = QColor(_pixel(canvas, (X0 + 170, Y0)))
    assert lit.name() != before and lit.blue() > lit.red() + 40  # the segment in the hover blue
    assert _pixel(canvas, on_segment) == HANDLE_FILL  # the ring where the new vertex would go


def test_too_many_vertices_are_not_drawn_and_the_status_bar_says_zoom_in(qtbot, tmp_path):
    tables = small_tables()
    tables["zones"] = [z._replace(geometry=shapely.MultiPolygon([shapely.segmentize(z.geometry.geoms[0], 1.0)]))
                       for z in tables["zones"]]
    w = shown_window(qtbot, Project.create(tmp_path / "dense.gpkg", epsg=4547, tables=tables, meta={"title": "密"},
                                           moment=MOMENT), 1400, 900)
    canvas = w.canvas
    canvas.zoom_to(canvas.scene.bounds)
    assert most_handles(canvas.view) < 700  # about 700 places: a metre apart along every boundary
    w.tool_actions.tool_vertices.trigger()
    assert _pixel(canvas, SHARED) != SHARED_FILL
    assert w.messages.tool_hint.isVisible() and w.messages.tool_hint.text()
    canvas.zoom_to((SHARED[0] - 5, SHARED[1] - 5, SHARED[0] + 5, SHARED[1] + 5), min_span=10)
    assert _pixel(canvas, SHARED) == SHARED_FILL
    assert not w.messages.tool_hint.isVisible()
    w.tool_actions.tool_browse.trigger()
    assert not w.messages.tool_hint.isVisible()
    w.close()


def test_a_refused_drag_is_marked_at_the_place_until_a_good_edit(framed):
    w, canvas = framed, framed.canvas
    project = w.project
    before = dict(project.tables["zones"])
    inside = (X0 + 62, Y0 + 42)  # in 2号楼, clear of its label
    unmarked = _pixel(canvas, inside)
    w.tool_actions.tool_vertices.trigger()
    tool = canvas.tool
    drop = (X0 + 40, Y0 + 100)  # the boundary would run through 2号楼
    _drag(tool, canvas, SHARED, drop)
    assert project.tables["zones"] == before
    message = w.statusBar().currentMessage()
    assert message.startswith("未执行：会违反规则“楼栋被边界切开”") and "2号楼" in message
    assert canvas.refusal.place == drop and canvas.refusal.caption == message  # the callout says it too
    assert _pixel(canvas, drop, RING_PIXELS, 0) == REFUSAL_COLOR  # the ring around the place
    assert _redder(_pixel(canvas, inside), unmarked)  # the building it would cut, outlined and tinted

    _drag(tool, canvas, SHARED, (X0 + 105, Y0 + 100))  # along the top edge: allowed
    assert project.tables["zones"] != before
    assert w.statusBar().currentMessage() == ""
    assert not canvas.refusal.pending
    assert _pixel(canvas, drop, RING_PIXELS, 0) != REFUSAL_COLOR
    assert _pixel(canvas, inside) == unmarked


def test_the_marker_fades_but_the_status_message_stays_until_an_edit(framed, qtbot):
    w, canvas = framed, framed.canvas
    canvas.refusal.hold_ms, canvas.refusal.fade_ms = 100, 200
    w.tool_actions.tool_vertices.trigger()
    drop = (X0 + 40, Y0 + 100)
    _drag(canvas.tool, canvas, SHARED, drop)
    assert _pixel(canvas, drop, RING_PIXELS, 0) == REFUSAL_COLOR
    qtbot.waitUntil(lambda: not canvas.refusal.visible, timeout=3000)
    assert _pixel(canvas, drop, RING_PIXELS, 0) != REFUSAL_COLOR
    assert w.statusBar().currentMessage().startswith(NOT_DONE) and canvas.refusal.pending


def test_split_and_paint_refusals_take_the_same_path(framed):
    w, canvas = framed, framed.canvas
    project = w.project
    before = dict(project.tables["zones"])
    w.tool_actions.tool_split.trigger()
    assert isinstance(canvas.tool, SplitTool)
    _click(canvas.tool, canvas, X0 - 20, Y0 - 30)  # a cut beside the office, through no grid
    _click(canvas.tool, canvas, X0 - 10, Y0 + 80)
    assert project.tables["zones"] == before
    assert w.statusBar().currentMessage().startswith(NOT_DONE)
    assert canvas.refusal.place == pytest.approx((X0 - 15, Y0 + 25))  # the middle of the cut

    w.tool_actions.tool_paint.trigger()
    tool = canvas.tool
    assert isinstance(tool, PaintTool)
    buildings = project.tables["buildings"]
    three = next(b for b in buildings.values() if b.number == "3号楼")
    two = next(b for b in buildings.values() if b.number == "2号楼")
    _click(tool, canvas, X0 + 150, Y0 + 20)  # paint with 第2网格
    at = tuple(shapely.get_coordinates(three.geometry.centroid)[0])
    _click(tool, canvas, *at)  # 3号楼 is in 第2网格 already
    assert w.statusBar().currentMessage().startswith(NOT_DONE) and canvas.refusal.place == at
    empty = (X0 + 110, Y0 + 60)
    tool.press(_event(canvas, X0 + 105, Y0 + 70, LEFT))  # a box around no building
    tool.move(_event(canvas, *empty, LEFT))
    tool.release(_event(canvas, *empty, LEFT))
    assert w.statusBar().currentMessage().startswith(NOT_DONE) and canvas.refusal.place == empty
    _click(tool, canvas, *shapely.get_coordinates(two.geometry.centroid)[0])  # a good paint
    assert project.tables["buildings"][two.id].zone_id == three.zone_id
    assert not canvas.refusal.pending
    assert w.statusBar().currentMessage().startswith("第2网格：")  # the running totals, not cleared


def test_the_edit_benchmark_times_handles_against_the_frame_without_them(qapp, capsys):
    import json

    from gridmap_command import main

    main(["bench", "edit", "--columns", "6", "--rows", "5", "--per-block", "4"])
    handles = json.loads(capsys.readouterr().out)["handles"]
    assert handles["drawn"] > 0 and 0 < handles["shared"] <= handles["drawn"] and not handles["too_many"]
    assert handles["paint_median_ms"] > 0 and handles["hover_p95_ms"] > 0 and handles["pan_median_ms"] > 0
    assert handles["baseline"]["method"] == "the same view without handles (browse tool)"
    assert handles["baseline"]["paint_median_ms"] > 0 and handles["baseline"]["pan_median_ms"] > 0
