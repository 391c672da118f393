"""Issue 18, the small things: compounds found by name, numbers on the bars,
a word where an output was saved (and its folder remembered), the Problems
dock selecting what is at fault with a menu on every row, and quitting that
leaves no window and no process behind."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton

from gridmap.selection import Item
from gridmap.staffing.workload import grid_cover
from ui.output_saved import OutputSaved, output_folder

pytestmark = pytest.mark.slow


def _view_contains(canvas, bounds) -> bool:
    minx, miny, maxx, maxy = canvas.view.extent
    return minx <= bounds[0] and miny <= bounds[1] and maxx >= bounds[2] and maxy >= bounds[3]


def _saved_boxes() -> list[OutputSaved]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, OutputSaved) and w.isVisible()]


@pytest.fixture
def opened(monkeypatch) -> list[QUrl]:
    """What 打开文件夹 / 打开文件 would open, instead of starting a file manager."""
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    return urls


# -- 1. search finds compounds --------------------------------------------------------------

def test_search_finds_a_compound_by_its_whole_name_and_a_part_and_enter_frames_it(window, qtbot):
    project = window.project
    with_buildings = {b.compound_id for b in project.tables["buildings"].values()}
    compound = min((c for c in project.tables["compounds"].values() if c.id in with_buildings), key=lambda c: c.id)
    window.search_box.setText(compound.name)
    hits = window.search.run()
    assert (hits[0].kind, hits[0].id, hits[0].title) == ("compound", compound.id, compound.name)
    assert "小区" in window.search.results.item(0).text()  # the kind, in Chinese
    part = compound.name[:max(2, len(compound.name) - 2)]  # "新华里小区" → "新华里"
    window.search_box.setText(part)
    hits = window.search.run()
    row = next(n for n, hit in enumerate(hits) if (hit.kind, hit.id) == ("compound", compound.id))
    window.search.results.setCurrentRow(row)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.selection.item == Item("compound", compound.id)
    assert _view_contains(window.canvas, compound.geometry.bounds)
    assert window.canvas.view.resolution < 1.0  # zoomed in to the compound, not the whole office


# -- 2. numbers on the bars ---------------------------------------------------------------------

def _labels_fit(bars) -> None:
    """Each label inside the plot area and clear of every other one."""
    area = bars.plot.getViewBox().sceneBoundingRect()
    rects = [label.sceneBoundingRect() for label in bars.labels]
    for n, rect in enumerate(rects):
        assert area.contains(rect), (bars.labels[n].toPlainText(), rect, area)
        for other in rects[n + 1:]:
            assert not rect.intersects(other), (rect, other)


def test_statistics_and_workload_bars_are_labelled_with_their_values(window, qtbot):
    window.resize(1366, 768)
    window.docks["stats"].raise_()
    window.docks["workload"].raise_()
    top = next(z for z in window.project.tables["zones"].values() if z.parent_id is None)
    window.selection.set(Item("zone", top.id))
    stats = window.stats.value_bars

    def stats_labelled() -> None:
        assert [label.toPlainText() for label in stats.labels] == [f"{v:,}" for v in window.stats.bars.values()]
    qtbot.waitUntil(stats_labelled)  # labels are laid after the resize the docks settle on
    assert len(stats.labels) >= 5 and all(v > 0 for v in window.stats.bars.values())
    qtbot.waitUntil(lambda: _labels_fit(stats))  # the view box maps them once it has its new size
    workload = window.workload.value_bars
    per_member = [round(c.households_per_member, 1) for c in grid_cover(window.project, top.id)]
    assert len(workload.labels) == len(per_member) > 10  # every grid of the office, each with its number
    assert [label.toPlainText() for label in workload.labels] == [f"{v:,.1f}" for v in per_member]
    qtbot.waitUntil(lambda: _labels_fit(workload))
    # a narrower strip: the numbers stand up rather than run into each other
    window.resize(1000, 768)
    qtbot.waitUntil(lambda: _labels_fit(workload))
    qtbot.waitUntil(lambda: _labels_fit(stats))


# -- 3. saving an output says where ----------------------------------------------------------

def test_export_map_view_names_the_file_opens_its_folder_and_remembers_it(window, tmp_path, opened, monkeypatch):
    target = tmp_path / "out" / "地图.png"
    target.parent.mkdir()
    assert window.print_actions.export_map_view(str(target), dpi=30) == target
    box, = _saved_boxes()
    assert "地图.png" in box.text() and str(target.parent) in box.text()
    assert sorted(b.text() for b in box.buttons()) == sorted(QCoreApplication.translate("OutputSaved", text)
                                                             for text in ("Open Folder", "Open File", "Close"))
    box.open_folder_button.click()
    assert opened == [QUrl.fromLocalFile(str(target.parent))]
    assert not box.isVisible()
    # the next output starts in that folder, not the home folder
    assert output_folder(window.settings) == target.parent
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: asked.append(args[2]) or ("", ""))
    window.print_actions.export_map_view()
    assert asked == [str(target.parent / "地图.pdf")]
    dialog = window.print_actions.open_dialog(show=False)
    assert dialog.folder.text() == str(target.parent)
    dialog.close()


def test_roster_and_care_list_exports_offer_to_open_the_file(window, tmp_path, opened):
    roster = window.household_roster_actions.export_roster(str(tmp_path / "花名册.xlsx"))
    box, = _saved_boxes()
    box.open_file_button.click()
    assert opened == [QUrl.fromLocalFile(str(roster))]
    top = next(z for z in window.project.tables["zones"].values() if z.parent_id is None)
    window.selection.set(Item("zone", top.id))
    (tmp_path / "care").mkdir()
    care = window.stats.export_care_list(str(tmp_path / "care" / "关爱.xlsx"))
    box, = _saved_boxes()
    assert care.name in box.text()
    assert window.settings.output_folder == str(tmp_path / "care")


def test_a_batch_of_charts_lists_its_files_and_opens_their_folder(window, tmp_path, opened, qtbot):
    dialog = window.print_actions.open_dialog(show=False)
    out = tmp_path / "charts"
    dialog.folder.setText(str(out))
    dialog.every.setChecked(True)
    for n in (2, 3):
        dialog.chart_boxes[n].setChecked(False)
    dialog.save_pdf(wait=True)
    qtbot.waitUntil(lambda: bool(_saved_boxes()), timeout=20000)
    box, = _saved_boxes()
    files = dialog.result_files  # in the order they were printed
    assert sorted(files) == sorted(out.glob("*.pdf")) and len(files) == len(dialog.compounds) > 8
    assert box.text().startswith(QCoreApplication.translate("OutputSaved", "%1 files are saved in the folder:\n%2")
                                 .replace("%1", str(len(files))).replace("%2", str(out)))
    assert files[0].name in box.text() and files[-1].name not in box.text()  # the first few, then how many more
    assert QCoreApplication.translate("OutputSaved", "… and %1 more").replace("%1", str(len(files) - 8)) in box.text()
    assert box.open_file_button is None  # of a batch, the folder is the way in
    box.open_folder_button.click()
    assert opened == [QUrl.fromLocalFile(str(out))]
    assert window.settings.output_folder == str(out)


# -- 4. the Problems dock -------------------------------------------------------------------------

def test_activating_a_problem_zooms_to_it_and_selects_what_is_at_fault(broken_window):
    window, rows = broken_window, broken_window.problems.list
    problems = window.problems.problems
    cut = next(n for n, p in enumerate(problems) if p.rule == "building_cut")
    rows.itemActivated.emit(rows.topLevelItem(cut), 0)
    building = problems[cut].buildings[0]
    assert window.selection.item == Item("building", building)
    assert window.tree.model.item_at(window.tree.view.currentIndex()) == Item("building", building)
    assert dict(window.attributes.rows())["楼号"] == window.project.tables["buildings"][building].number
    assert _view_contains(window.canvas, problems[cut].bounds)
    overlap = next(n for n, p in enumerate(problems) if p.rule == "overlap")
    rows.itemActivated.emit(rows.topLevelItem(overlap), 0)
    zone = window.project.tables["zones"][problems[overlap].zones[0]]
    assert window.selection.item == Item("zone", zone.id)
    assert dict(window.attributes.rows())["名称"] == zone.name


def test_every_problem_row_has_a_menu_with_locate_select_copy_and_its_fixes(broken_window):
    window, rows = broken_window, broken_window.problems.list
    for n in range(rows.topLevelItemCount()):
        texts = [a.text() for a in window.problems.row_menu(rows.topLevelItem(n)).actions() if a.text()]
        assert texts[:3] == [QCoreApplication.translate("ProblemsPanel", text)  # 定位, 选中, 复制说明
                             for text in ("Zoom To", "Select", "Copy Description")], texts
    overlap = next(n for n, p in enumerate(window.problems.problems) if p.rule == "overlap")
    item = rows.topLevelItem(overlap)
    menu = window.problems.row_menu(item)
    actions = {a.text(): a for a in menu.actions()}
    locate, select, copy = (actions[QCoreApplication.translate("ProblemsPanel", text)]
                            for text in ("Zoom To", "Select", "Copy Description"))
    copy.trigger()
    assert QApplication.clipboard().text() == f"{item.text(0)} — {item.text(1)} — {item.text(2)}"
    window.selection.set(None)
    select.trigger()
    assert window.selection.item == Item("zone", window.problems.problems[overlap].zones[0])
    window.canvas.zoom_full()
    window.canvas.zoom_to((0, 0, 5, 5))
    locate.trigger()
    assert _view_contains(window.canvas, window.problems.problems[overlap].bounds)
    before = len(window.problems.problems)
    actions["从较小的网格中去除重叠部分"].trigger()  # the rule's own quick fix
    assert len(window.problems.problems) == before - 1
    assert "overlap" not in {p.rule for p in window.problems.problems}


# -- 5. quitting closes everything ------------------------------------------------------------------

@pytest.mark.qt_log_ignore("This plugin does not support raise")  # a floating dock, offscreen
def test_closing_the_window_closes_the_compound_sheet_floating_docks_and_messages(window, qtbot, tmp_path):
    building = next(b for b in window.project.tables["buildings"].values() if b.compound_id is not None)
    window.view_actions.open_plan(building.id)
    sheet_button = next(b for w in QApplication.topLevelWidgets() for b in w.findChildren(QPushButton)
                        if b.objectName() == "compoundSheetButton")
    sheet_button.click()
    window.docks["stats"].setFloating(True)
    window.print_actions.export_map_view(str(tmp_path / "m.png"), dpi=30)
    others = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
    assert len(others) >= 3  # the sheet, the dock, the note (and the plan window where it has one)
    window.close()
    assert [w.objectName() or type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible()] == []


QUIT_SCRIPT = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QPushButton
    from gridmap_command import main

    app = QApplication(["gridmap"])

    def use_then_quit():
        window = next((w for w in app.topLevelWidgets() if w.objectName() == "mainWindow" and w.isVisible()), None)
        if window is None:
            QTimer.singleShot(100, use_then_quit)
            return
        building = next(b for b in window.project.tables["buildings"].values() if b.compound_id is not None)
        window.view_actions.open_plan(building.id)
        next(b for w in app.topLevelWidgets() for b in w.findChildren(QPushButton)
             if b.objectName() == "compoundSheetButton").click()
        window.docks["stats"].setFloating(True)
        print("open:", sorted(w.objectName() for w in app.topLevelWidgets() if w.isVisible()), flush=True)
        QTimer.singleShot(300, window.file_actions.quit.trigger)  # File ▸ Quit (Ctrl+Q)

    QTimer.singleShot(0, use_then_quit)
    sys.exit(main(sys.argv[1:]))
""")


def test_quitting_ends_the_gridmap_process(demo_copy, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GRIDMAP_CONFIG_DIR=str(tmp_path / "config"))
    try:
        done = subprocess.run([sys.executable, "-c", QUIT_SCRIPT, str(demo_copy)], env=env, capture_output=True,
                              text=True, timeout=120, cwd=Path(__file__).parent.parent)
    except subprocess.TimeoutExpired as expired:
        pytest.fail(f"gridmap still runs 120 s after File ▸ Quit: {expired.stdout}")
    assert done.returncode == 0, done.stderr
    assert "compoundSheetWindow" in done.stdout or "statsDock" in done.stdout
