"""The boundary tools on the demo, driven by map events as the canvas sends
them, and the Problems dock."""

from collections import Counter

import numpy as np
import pytest
import shapely
from PySide6.QtCore import Qt

from gridmap.project import Project
from gridmap.topology.territories import territories
from tests.factories import MOMENT
from ui.canvas.edit_tools import PaintTool, SplitTool, VertexTool
from ui.canvas.tools import MapEvent
import itertools

LEFT, RIGHT = Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton




def _grid(project, name, community="新华街社区"):
    zones = project.tables["zones"]
    return next(z for z in zones.values() if z.name == name and zones[z.parent_id].name == community)


def _event(canvas, x, y, button=LEFT):
    (px, py), = canvas.view.to_pixels(np.array([[x, y]]))
    return MapEvent(float(px), float(py), x, y, button)


def _click(tool, canvas, x, y, button=LEFT):
    tool.press(_event(canvas, x, y, button))
    tool.release(_event(canvas, x, y, button))


def test_dragging_a_shared_vertex_moves_it_in_both_grids_and_undo_puts_it_back(window):
    project, canvas = window.project, window.canvas
    one, two = _grid(project, "第1网格"), _grid(project, "第2网格")
    shared = sorted(set(map(tuple, shapely.get_coordinates(one.geometry)))
                    & set(map(tuple, shapely.get_coordinates(two.geometry))))
    x, y = shared[0]
    canvas.zoom_to((x - 60, y - 60, x + 60, y + 60))
    window.tool_actions.tool_vertices.trigger()
    tool = canvas.tool
    assert isinstance(tool, VertexTool)
    tool.press(_event(canvas, x + 0.5, y + 0.5))  # a little off: it snaps to the vertex
    tool.move(_event(canvas, x + 4, y + 3))
    tool.release(_event(canvas, x + 4, y + 3))
    for zone in (one, two):
        coords = set(map(tuple, shapely.get_coordinates(project.tables["zones"][zone.id].geometry)))
        assert (x + 4, y + 3) in coords and (x, y) not in coords
    assert window.undo_actions.undo.text().endswith("移动节点")
    window.undo_actions.undo.trigger()
    assert project.tables["zones"][one.id] == one and project.tables["zones"][two.id] == two


def test_split_tool_cuts_a_grid_between_its_buildings(window):
    project, canvas = window.project, window.canvas
    grid = _grid(project, "第1网格")
    _minx, miny, _maxx, maxy = grid.geometry.bounds
    canvas.zoom_to(grid.geometry.bounds)
    window.tool_actions.tool_split.trigger()
    tool = canvas.tool
    assert isinstance(tool, SplitTool)
    _click(tool, canvas, 470150.0, miny - 3)  # along the gap between its two compounds
    _click(tool, canvas, 470150.0, maxy + 3)
    new = [z for z in project.tables["zones"].values() if z.parent_id == grid.parent_id and z.name == "第7网格"]
    assert len(new) == 1
    assert {b.zone_id for b in project.tables["buildings"].values() if b.zone_id in (grid.id, new[0].id)} == \
        {grid.id, new[0].id}
    assert window.problems.problems == [] or all(p.rule == "households_band" for p in window.problems.problems)


def test_a_refused_split_says_why_in_chinese(window, qtbot):
    project, canvas = window.project, window.canvas
    grid = _grid(project, "第3网格")
    minx, miny, maxx, maxy = grid.geometry.bounds
    before = dict(project.tables["zones"])
    window.tool_actions.tool_split.trigger()
    _click(canvas.tool, canvas, (minx + maxx) / 2 - 7, miny - 3)
    _click(canvas.tool, canvas, (minx + maxx) / 2 - 7, maxy + 3)
    assert project.tables["zones"] == before
    assert window.statusBar().currentMessage().startswith("未执行：会违反规则“楼栋被边界切开”")


def _paint_from_first_into_second_grid(window):
    """The paint tool over 第1网格 and 第2网格, painting with 第2网格."""
    project, canvas = window.project, window.canvas
    one, two = _grid(project, "第1网格"), _grid(project, "第2网格")
    canvas.zoom_to(shapely.union(one.geometry, two.geometry).bounds)
    window.tool_actions.tool_paint.trigger()
    tool = canvas.tool
    assert isinstance(tool, PaintTool)
    _click(tool, canvas, *shapely.get_coordinates(two.geometry.representative_point())[0])  # choose the grid
    return project, canvas, tool, one, two


def test_painting_buildings_into_the_neighbour(window):
    project, canvas, tool, one, two = _paint_from_first_into_second_grid(window)
    assert tool.target == two.id and "第2网格" in window.statusBar().currentMessage()
    nearest = min((b for b in project.tables["buildings"].values() if b.zone_id == one.id),
                  key=lambda b: b.geometry.distance(two.geometry))
    _click(tool, canvas, *shapely.get_coordinates(nearest.geometry.centroid)[0])
    assert project.tables["buildings"][nearest.id].zone_id == two.id
    assert nearest.geometry.within(project.tables["zones"][two.id].geometry)
    # running totals of both grids, the one painted with first
    message = window.statusBar().currentMessage()
    assert message.startswith("第2网格：10 栋，") and " · 第1网格：8 栋，" in message
    window.problems.check()
    assert [p.rule for p in window.problems.problems if p.rule != "households_band"] == []


def test_problems_dock_lists_and_frames_them(window, tmp_path):
    from tests.test_rules import NO_BANDS, NO_STAFFING, _four_problems

    assert window.problems.summary.text() == "没有问题：所有规则均满足"
    path = tmp_path / "broken.gpkg"
    Project.create(path, epsg=4547, tables=_four_problems(), meta={"title": "坏", "rules": NO_BANDS.to_meta(),
                                                                    "staffing": NO_STAFFING},
                   moment=MOMENT).close()
    assert window.open_path(path)
    rows = window.problems.list
    assert rows.topLevelItemCount() == 4 and window.problems.summary.text() == "4 个问题"
    titles = [rows.topLevelItem(i).text(0) for i in range(4)]
    assert titles == ["同级重叠", "上级内有缝隙", "超出上级范围", "楼栋被边界切开"]
    assert rows.topLevelItem(0).text(1) == "测试社区 第2网格、测试社区 第1网格"
    rows.itemActivated.emit(rows.topLevelItem(0), 0)
    minx, miny, maxx, maxy = window.canvas.view.extent
    bounds = window.problems.problems[0].bounds
    assert minx <= bounds[0] and maxx >= bounds[2] and miny <= bounds[1] and maxy >= bounds[3]


def _held(project, zone):
    return [b for b in project.tables["buildings"].values() if b.zone_id == zone.id]


def _gap_line(zone, buildings):
    """Two points outside ``zone`` whose line crosses it once, through the
    widest-apart gap between its buildings that leaves most on either side, or None."""
    best = None
    for angle in np.radians(np.arange(0, 180, 15)):
        d = np.array([np.cos(angle), np.sin(angle)])
        n = np.array([-d[1], d[0]])
        extents = sorted((min(c), max(c)) for c in (shapely.get_coordinates(b.geometry) @ n for b in buildings))
        reach = -np.inf
        for i, ((_, high), (low, _)) in enumerate(itertools.pairwise(extents)):
            reach = max(reach, high)
            if low - reach < 6:  # room for the line and a metre or two either side
                continue
            centre = shapely.get_coordinates(zone.geometry.centroid)[0]
            base = centre + n * ((reach + low) / 2 - centre @ n)
            cut = shapely.LineString([base - 5000 * d, base + 5000 * d]).intersection(zone.geometry)
            balance = min(i + 1, len(extents) - i - 1)
            if cut.geom_type == "LineString" and (best is None or balance > best[0]):
                start, end = shapely.get_coordinates(cut)[[0, -1]]
                best = (balance, start - 3 * d, end + 3 * d)
    return best and best[1:]


def _inner_vertex(grids, outline, buildings):
    """A corner that every grid passing it holds (so a drag moves them all
    alike), off the community's outline, with the most room around it."""
    held = Counter(c for z in grids for c in set(map(tuple, shapely.get_coordinates(z.geometry))))

    def room(c):
        corners = min(np.hypot(o[0] - c[0], o[1] - c[1]) for o in held if o != c)
        return min(shapely.Point(c).distance(buildings), corners)

    passing = {c: sum(z.geometry.boundary.distance(shapely.Point(c)) < 5 for z in grids) for c in held}
    return max((c for c, k in held.items() if k >= 2 and passing[c] == k and shapely.Point(c).distance(outline) > 5),
               key=lambda c: (room(c), c))


def _paintable(project, donor, target):
    """Buildings of ``donor`` whose share of it borders ``target`` and leaves
    ``donor`` in one piece (a paint that keeps both grids whole), nearest first."""
    zones = project.tables["zones"]
    held = _held(project, donor)
    if len(held) < 2:
        return []
    shares = territories(zones[donor.id].geometry, [b.geometry for b in held])
    ok = [b for b, share in zip(held, shares) if share.intersection(zones[target.id].geometry).length > 1
          and shapely.get_num_geometries(zones[donor.id].geometry.difference(share)) == 1]
    return sorted(ok, key=lambda b: (b.geometry.distance(zones[target.id].geometry), b.id))


def test_split_drag_paint_ten_and_undo_all_on_the_demo(window, capsys):
    """The issue's walk-through: validate is clean before and after it all, and after undoing it all."""
    from gridmap.cli import main
    from gridmap.rules.problems import RULES
    from gridmap.rules.report import check_project

    project, canvas = window.project, window.canvas
    start = {t: dict(project.tables[t]) for t in ("zones", "buildings")}
    assert main(["validate", str(project.path)]) == 0
    community = next(z for z in project.tables["zones"].values() if z.name == "新华街社区")

    def grids():
        zones = project.tables["zones"].values()
        return sorted((z for z in zones if z.parent_id == community.id), key=lambda z: z.code)

    everything = shapely.union_all([b.geometry for b in project.tables["buildings"].values()])
    x, y = _inner_vertex(grids(), community.geometry.boundary, everything)
    # split the first grid clear of that corner along a gap between its buildings
    grid = next(z for z in grids() if z.geometry.boundary.distance(shapely.Point(x, y)) > 5
                and _gap_line(z, _held(project, z)))
    before = len(grids())
    window.tool_actions.tool_split.trigger()
    for point in _gap_line(grid, _held(project, grid)):
        _click(canvas.tool, canvas, *point)
    assert len(grids()) == before + 1, window.statusBar().currentMessage()
    # drag the corner
    holders = [z.id for z in grids() if (x, y) in set(map(tuple, shapely.get_coordinates(z.geometry)))]
    canvas.zoom_to((x - 60, y - 60, x + 60, y + 60))
    window.tool_actions.tool_vertices.trigger()
    canvas.tool.press(_event(canvas, x, y))
    canvas.tool.move(_event(canvas, x + 3, y + 2))
    canvas.tool.release(_event(canvas, x + 3, y + 2))
    for zone_id in holders:
        assert (x + 3, y + 2) in set(map(tuple, shapely.get_coordinates(project.tables["zones"][zone_id].geometry)))
    # paint ten buildings into the grid with the most to take, from its neighbours in turn
    zones = project.tables["zones"]

    def neighbours(zone):
        return [z for z in grids() if z.id != zone.id and z.geometry.intersection(zones[zone.id].geometry).length > 1]

    target = max(grids(), key=lambda z: (sum(len(_paintable(project, d, z)) for d in neighbours(z)), -int(z.code)))
    held = len(_held(project, target))
    canvas.zoom_to(community.geometry.bounds)
    window.tool_actions.tool_paint.trigger()
    _click(canvas.tool, canvas, *shapely.get_coordinates(target.geometry.representative_point())[0])
    gave = Counter()
    for turn in range(10):
        donors = neighbours(target)  # the grid grows: more of them as it goes
        donor, building = next((d, found[0]) for d in donors[turn % len(donors):] + donors[:turn % len(donors)]
                               if (found := _paintable(project, d, target)))
        _click(canvas.tool, canvas, *shapely.get_coordinates(building.geometry.representative_point())[0])
        assert project.tables["buildings"][building.id].zone_id == target.id, window.statusBar().currentMessage()
        gave[donor.id] += 1
    assert len(gave) >= 2 and len(_held(project, target)) == held + 10
    assert [p for p in check_project(project) if RULES[p.rule].blocking] == []
    steps = 0
    while project.undo_stack.can_undo:
        window.undo_actions.undo.trigger()
        steps += 1
    assert steps == 12  # split, drag, ten paints
    assert {t: dict(project.tables[t]) for t in ("zones", "buildings")} == start
    assert main(["validate", str(project.path)]) == 0
    assert capsys.readouterr().out.count("0 problems") == 2


def test_quick_fix_from_the_problems_dock(broken_window):
    window = broken_window
    panel = window.problems
    panel.list.setCurrentItem(panel.list.topLevelItem(0))  # the overlap
    assert panel.fix_button.isEnabled() and panel.fix_button.toolTip() == "从较小的网格中去除重叠部分"
    panel.fix_button.click()
    assert panel.summary.text() == "3 个问题"
    assert window.undo_actions.undo.text().endswith("去除重叠")
    window.undo_actions.undo.trigger()
    panel.check()
    assert panel.summary.text() == "4 个问题"


def test_the_drag_benchmark_drags_a_vertex_four_grids_share(qapp, capsys):
    import json

    from gridmap_command import main

    main(["bench", "edit", "--columns", "6", "--rows", "5", "--per-block", "4"])
    result = json.loads(capsys.readouterr().out)
    assert result["grids"] == 30 and result["grids_sharing_the_vertex"] == 4 and result["dropped"]
    assert result["baseline"]["method"] == "whole map redrawn at every move"


def test_merge_delete_and_reparent_from_the_edit_menu(window, monkeypatch):
    from gridmap.selection import Item

    project = window.project
    one, two = _grid(project, "第1网格"), _grid(project, "第2网格")
    asked = []
    monkeypatch.setattr(window.zone_actions, "choose", lambda label, options: asked.append((label, options))
                        or options.index("第2网格"))
    window.selection.set(Item("zone", one.id))
    window.zone_actions.merge_zone.trigger()
    assert asked[-1][0] == "将第1网格合并到：" and "第5网格" in asked[-1][1]  # only neighbours are offered
    assert two.id not in project.tables["zones"] and project.tables["zones"][one.id].geometry.area == \
        pytest.approx(one.geometry.area + two.geometry.area)
    window.undo_actions.undo.trigger()
    window.zone_actions.delete_zone.trigger()
    assert one.id not in project.tables["zones"]
    assert {b.zone_id for b in project.tables["buildings"].values() if b.compound_id in (1, 2)} <= {two.id}
    window.undo_actions.undo.trigger()
    # a grid on the community's edge can move to the community next door
    monkeypatch.setattr(window.zone_actions, "choose", lambda label, options: asked.append((label, options)) or 0)
    three = _grid(project, "第3网格")
    window.selection.set(Item("zone", three.id))
    window.zone_actions.reparent_zone.trigger()
    assert asked[-1][0] == "将第3网格移到：" and asked[-1][1] == ["和平里社区"]
    assert project.tables["zones"][three.id].parent_id == _by_name_community(project, "和平里社区")


def _by_name_community(project, name):
    return next(z.id for z in project.tables["zones"].values() if z.name == name)


def test_drawing_a_grid_along_a_compound_wall_and_tracing_a_boundary(window):
    from layers.snapping import trace
    from ui.canvas.edit_tools import DrawZoneTool

    project, canvas = window.project, window.canvas
    one = _grid(project, "第1网格")
    canvas.zoom_to(one.geometry.bounds)
    # tracing: from the middle of one side of 第1网格 to the middle of the next, round the corner
    minx, miny, maxx, maxy = one.geometry.bounds
    path = trace(canvas.scene.features, (minx, (miny + maxy) / 2), ((minx + maxx) / 2, maxy))
    assert path == [(minx, maxy)]
    # a new grid drawn on the corners of the compound inside 第1网格
    wall = next(c for c in project.tables["compounds"].values() if c.geometry.within(one.geometry))
    window.tool_actions.tool_draw.trigger()
    tool = canvas.tool
    assert isinstance(tool, DrawZoneTool)
    corners = shapely.get_coordinates(wall.geometry)[:-1]
    for x, y in corners:
        _click(tool, canvas, x + 0.4, y - 0.3)  # near each corner: it snaps onto it
    assert tool.points == [tuple(c) for c in corners]
    assert tool.key(Qt.Key.Key_Return)
    new = max(project.tables["zones"])
    assert project.tables["zones"][new].parent_id == one.parent_id
    assert project.tables["zones"][new].geometry.equals(wall.geometry)
    assert {b.zone_id for b in project.tables["buildings"].values() if b.compound_id == wall.id} == {new}
    window.undo_actions.undo.trigger()
    assert new not in project.tables["zones"] and project.tables["zones"][one.id] == one


def test_a_lasso_paints_the_buildings_inside_it(window):
    project, canvas, tool, one, two = _paint_from_first_into_second_grid(window)
    # the east column of 第1网格's buildings, lassoed with a loose loop
    mine = [b for b in project.tables["buildings"].values() if b.zone_id == one.id]
    column = sorted(mine, key=lambda b: -b.geometry.centroid.x)[:3]  # the three easternmost
    loop = shapely.union_all([b.geometry for b in column]).envelope.buffer(3).exterior.coords
    shift = Qt.KeyboardModifier.ShiftModifier
    (px, py), = canvas.view.to_pixels(np.array([loop[0]]))
    tool.press(MapEvent(float(px), float(py), *loop[0], LEFT, shift))
    for x, y in loop[1:]:
        (px, py), = canvas.view.to_pixels(np.array([[x, y]]))
        tool.move(MapEvent(float(px), float(py), x, y, Qt.MouseButton.NoButton, shift))
    tool.release(MapEvent(float(px), float(py), x, y, LEFT, shift))
    assert {project.tables["buildings"][b.id].zone_id for b in column} == {two.id}
    lassoed = shapely.Polygon(loop)
    assert {b.id for b in project.tables["buildings"].values() if b.zone_id == two.id and b.geometry.within(
        lassoed)} == {b.id for b in mine if b.geometry.within(lassoed)}
