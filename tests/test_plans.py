"""The colour plan's grid: floors × rooms per unit, irregular buildings included."""

from gridmap.model.entities import Building, Household, Unit
from gridmap.plans.layout import Column, plan_layout
from gridmap.project import Project
from tests.factories import box


def _home(hid, unit, floor, room):
    return Household(hid, 1, unit, floor, room, "常住")


def test_a_demo_plan_matches_units_floors_and_rooms(demo_file):
    project = Project.open(demo_file, read_only=True)
    try:
        for building in list(project.tables["buildings"].values())[:60]:
            units = [u for u in project.tables["units"].values() if u.building_id == building.id]
            homes = [h for h in project.tables["households"].values() if h.building_id == building.id]
            layout = plan_layout(building, units, homes)
            assert layout.shape == (building.floors, sum(u.rooms_per_floor for u in units))
            assert sorted(layout.cells.values()) == sorted(h.id for h in homes)  # every household, once
    finally:
        project.close()


def test_shops_extra_rooms_and_households_without_a_unit():
    building = Building(1, "1号楼", "00001", None, None, 3, "板楼", box(0, 0, 20, 10))
    units = [Unit(1, 1, 1, 2), Unit(2, 1, 2, 2)]
    homes = [_home(1, 1, 3, "301"), _home(2, 1, 3, "302"), _home(3, 2, 3, "303"),  # unit 2 has a third room up top
             _home(4, 1, 2, "201"), _home(5, 2, 2, "201"),
             _home(6, None, 1, "商铺1")]  # the ground floor is shops: no unit
    layout = plan_layout(building, units, homes)
    assert layout.floors == (3, 2, 1)
    assert layout.columns == (Column(1, 1), Column(1, 2), Column(2, 1), Column(2, 2), Column(2, 3), Column(None, 1))
    assert layout.cells[(0, 4)] == 3 and (1, 4) not in layout.cells  # the extra room only where it exists
    assert layout.cells[(2, 5)] == 6 and layout.labels[(2, 5)] == "商铺1"
    assert (2, 0) not in layout.cells and layout.labels[(2, 0)] == "101"  # an empty room still has its number
    assert layout.unit_spans() == [(1, 0, 1), (2, 2, 4), (None, 5, 5)]


def test_a_basement_and_a_floor_above_the_roof_count():
    building = Building(1, "1号楼", "00001", None, None, 2, "板楼", box(0, 0, 20, 10))
    layout = plan_layout(building, [Unit(1, 1, 1, 1)], [_home(1, 1, -1, "-101"), _home(2, 1, 3, "301")])
    assert layout.floors == (3, 2, 1, -1)
    assert layout.cells[(3, 0)] == 1 and layout.cells[(0, 0)] == 2


def test_double_clicking_a_building_opens_its_plan_with_a_legend_that_counts(window, tmp_path):
    import numpy as np
    from PySide6.QtCore import Qt

    from layers.render.plan import legend_counts
    from ui.canvas.tools import MapEvent

    project, canvas = window.project, window.canvas
    building = project.tables["buildings"][1]
    canvas.zoom_to(building.geometry.bounds)
    x, y = building.geometry.centroid.x, building.geometry.centroid.y
    (px, py), = canvas.view.to_pixels(np.array([[x, y]]))
    canvas.tool.double_click(MapEvent(float(px), float(py), x, y, Qt.MouseButton.LeftButton))
    plan = window.plan.canvas
    assert plan.layout_.building_id == 1 and window.plan.title.text().endswith("1号楼")
    occupancy, tags = legend_counts(plan.layout_, project.tables["households"])
    homes = [h for h in project.tables["households"].values() if h.building_id == 1]
    assert sum(occupancy.values()) == len(homes) == 84
    assert tags["独居"] == sum("独居" in h.tags for h in homes)
    image = plan.grab()
    image.save(str(tmp_path / "plan.png"))
    assert image.width() >= plan.width() - 1


def test_editing_rooms_on_the_plan_shows_everywhere_and_undoes(window, qtbot):
    import datetime as dt

    from PySide6.QtCore import Qt

    from gridmap.household_stats import household_counts

    project = window.project
    window.view_actions.open_plan(1)
    plan, editor = window.plan.canvas, window.plan.editor
    rect = plan.geometry_.cell_rect(0, 0)
    qtbot.mouseClick(plan, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    qtbot.keyClick(plan, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(plan, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    chosen = plan.selected_households()
    assert len(chosen) == 3 and editor.household_ids == tuple(sorted(chosen))
    grid = project.tables["buildings"][1].zone_id
    before = household_counts(project)[grid]
    was_empty = sum(project.tables["households"][h].occupancy == "空户" for h in chosen)
    editor.occupancy.setCurrentText("空户")
    editor.tags["独居"].setCheckState(Qt.CheckState.Checked)
    editor.checked_today.setChecked(True)
    assert editor.apply()
    homes = [project.tables["households"][h] for h in chosen]
    assert {h.occupancy for h in homes} == {"空户"} and all("独居" in h.tags for h in homes)
    assert {h.last_checked for h in homes} == {dt.date.today()}
    after = household_counts(project)[grid]
    assert after.occupancy["空户"] == before.occupancy["空户"] + 3 - was_empty
    assert window.undo_actions.undo.text() == "撤销 批量修改住户"
    window.undo_actions.undo.trigger()
    assert household_counts(project)[grid] == before
    assert plan.selected == {(0, 0), (0, 1), (0, 2)}  # the plan followed the undo and kept its selection
    assert editor.occupancy.currentText() in ("—", "常住", "租户", "空户", "在外")


def test_highlights_and_a_households_history(window):
    import datetime as dt

    from gridmap.commands.households import EditHouseholds
    from gridmap.plans.dynamic import changed_since, history, not_checked_for

    project = window.project
    window.view_actions.open_plan(1)
    panel = window.plan
    homes = [h for h in project.tables["households"].values() if h.building_id == 1]
    target = homes[0]
    project.undo_stack.push(EditHouseholds([target.id], follow_up=True, note="门口留条"))
    panel.highlight.setCurrentIndex(panel.highlight.findData("changed"))
    assert panel.canvas.highlighted == {target.id}  # changed today
    panel.highlight.setCurrentIndex(panel.highlight.findData("follow_up"))
    assert target.id in panel.canvas.highlighted
    assert panel.canvas.highlighted == {h.id for h in project.tables["households"].values()
                                        if h.building_id == 1 and h.follow_up}
    panel.highlight.setCurrentIndex(panel.highlight.findData("unchecked"))
    panel.days.setValue(30)
    assert panel.canvas.highlighted == not_checked_for(
        [project.tables["households"][h.id] for h in homes], 30)
    assert changed_since(project, dt.date.today() + dt.timedelta(days=1)) == frozenset()
    assert {e.field for e in history(project, target.id)} == {"follow_up", "note"}
    cell = next(c for c, h in panel.canvas.layout_.cells.items() if h == target.id)
    panel.canvas.selected = frozenset({cell})
    panel.editor.edit(project, {target.id})
    assert "备注" in panel.editor.history.text() and "门口留条" in panel.editor.history.text()


def test_the_compound_sheet_shows_every_building_of_the_compound(window):
    window.view_actions.open_plan(1)
    sheet = window.plan.show_sheet()
    compound = window.project.tables["buildings"][1].compound_id
    buildings = [b for b in window.project.tables["buildings"].values() if b.compound_id == compound]
    assert sheet.titles == sorted((b.number for b in buildings), key=lambda n: (len(n), n))
    assert sum(len(layout.cells) for layout in sheet.layouts) == sum(
        1 for h in window.project.tables["households"].values() if h.building_id in {b.id for b in buildings})
    assert window.plan.sheet_window.windowTitle() == window.project.tables["compounds"][compound].name
    window.plan.sheet_window.close()


def test_the_plans_benchmark_agrees_with_its_baseline(qapp, capsys):
    import json

    from gridmap_command import main

    main(["bench", "plans", "--columns", "6", "--rows", "5", "--per-block", "4", "--per-building", "3"])
    result = json.loads(capsys.readouterr().out)
    assert result["tower_households"] == 200 and result["sheet_buildings"] == 54
    assert result["same_figures_as_baseline"] and result["households"] == 6 * 5 * 4 * 3 + 200


def test_double_clicking_a_building_in_the_tree_opens_its_plan(window):
    model = window.tree.model
    office = model.index(0, 0)
    xinhua = model.index(0, 0, office)
    grid = model.index(0, 0, xinhua)
    building = model.index(0, 0, grid)
    window.tree.view.doubleClicked.emit(building)
    assert window.plan.canvas.layout_.building_id == model.item_at(building).id


def test_a_plan_edit_shows_in_the_dock_and_in_gridmap_stats_and_undo_reverts_both(window, capsys):
    """The acceptance walk: edit rooms on the plan, read the dock and the CLI
    (a second reader of the open file), reopen, undo, read both again."""
    import json

    from gridmap.cli import main
    from gridmap.project import Project

    project = window.project
    grid = project.tables["buildings"][1].zone_id
    code = project.tables["zones"][grid].code

    def cli_empty():
        assert main(["stats", str(project.path), "--zone", code, "--json"]) == 0
        return json.loads(capsys.readouterr().out)["zones"][-1]["occupancy"]["空户"]

    window.selection.set(None)
    window.stats.show_zone(grid)
    empty = window.stats.bars["空户"]
    assert cli_empty() == empty
    window.view_actions.open_plan(1)
    plan, editor = window.plan.canvas, window.plan.editor
    lived = [cell for cell, h in plan.layout_.cells.items() if project.tables["households"][h].occupancy == "常住"][:2]
    plan.selected = frozenset(lived)
    editor.edit(project, set(plan.selected_households()))
    editor.occupancy.setCurrentText("空户")
    assert editor.apply()
    assert window.stats.bars["空户"] == empty + 2
    assert cli_empty() == empty + 2
    reopened = Project.open(project.path, read_only=True)  # what is on disk now
    try:
        assert sum(h.occupancy == "空户" for h in reopened.tables["households"].values()
                   if reopened.tables["buildings"][h.building_id].zone_id == grid) == empty + 2
    finally:
        reopened.close()
    window.undo_actions.undo.trigger()
    assert window.stats.bars["空户"] == empty
    assert cli_empty() == empty
