"""Issue 18, attacked as a community chief and as an attacker would: the colour
plan when its building is taken away or the project is read-only, the 党员联户
picker when its project or member goes away or a name holds markup, search on
text built to make a regular expression backtrack for minutes, the Problems
menu on a row that went stale, the saved-file note when the folder is gone, and
quitting in the middle of a print run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from gridmap.commands.fixes import fixes_for
from gridmap.commands.stack import Command
from gridmap.commands.staff import RemoveStaff
from gridmap.model.changes import RowChange
from gridmap.model.entities import Staff
from gridmap.project import Project
from gridmap.search import search
from tests.factories import MOMENT, small_tables
from tests.windows import shown_window
from ui.output_saved import OutputSaved

BUILDING = 1  # of the small project: 2 units × 3 floors × 2 rooms, each room a household
MEMBER = 2  # 李娜, the small project's 联户党员


class AddBuildingLike(Command):
    """A copy of building ``source`` (its units and households too) under a new id,
    as a GIS import or a roster adds one; undone, it is taken away again."""

    label = "Add building"

    def __init__(self, source: int, new_id: int) -> None:
        super().__init__()
        self.source, self.new_id = source, new_id

    def build(self, project: Project) -> tuple[RowChange, ...]:
        t = project.tables
        building = t["buildings"][self.source]._replace(id=self.new_id, number=f"{self.new_id}号楼",
                                                        code=f"{self.new_id:05d}")
        changes = [RowChange("buildings", None, building)]
        units = {}
        for unit in (u for u in t["units"].values() if u.building_id == self.source):
            units[unit.id] = project.new_id("units") + len(units)
            changes.append(RowChange("units", None, unit._replace(id=units[unit.id], building_id=self.new_id)))
        first = project.new_id("households")
        for k, home in enumerate(h for h in t["households"].values() if h.building_id == self.source):
            changes.append(RowChange("households", None, home._replace(id=first + k, building_id=self.new_id,
                                                                        unit_id=units[home.unit_id])))
        return tuple(changes)


@pytest.fixture
def office(qtbot, tmp_path):
    """The main window on the small project (three buildings, 李娜 the party member)."""
    project = Project.create(tmp_path / "small.gpkg", epsg=4547, tables=small_tables(), meta={"title": "测试"},
                             moment=MOMENT)
    window = shown_window(qtbot, project)
    yield window
    window.close()


def _plan(window, building_id: int):
    window.view_actions.open_plan(building_id)
    window.plan_window.resize(1366, 768)
    QApplication.processEvents()
    return window.plan


def _choose_all(plan) -> frozenset[int]:
    plan.canvas.rooms.select_all()
    plan.canvas._chosen()  # as Ctrl+A does
    return plan.canvas.selected_households()


# -- the colour plan ---------------------------------------------------------------------

def test_a_plan_whose_building_an_undo_takes_away_says_so_and_edits_nothing(office, qtbot):
    project = office.project
    project.undo_stack.push(AddBuildingLike(BUILDING, 70))
    plan = _plan(office, 70)
    chosen = _choose_all(plan)
    assert len(chosen) == 12 and plan.link_button.isEnabled()
    office.undo_actions.undo.trigger()  # the building is gone, its plan still open
    assert 70 not in project.tables["buildings"]
    assert plan.title.text() == plan.tr("%1 no longer exists: an undo or an edit removed it").replace(
        "%1", "测试小区 70号楼")
    assert plan.title.text() in office.plan_window.windowTitle()
    assert plan.canvas.layout_ is None and plan.editor.household_ids == ()
    assert plan.editor.people.value() == -1 and plan.editor.occupancy.currentText() == ""  # no stale values
    assert not plan.link_button.isEnabled() and not plan.sheet_button.isEnabled()
    box = next(iter(plan.editor.tags.values()))
    assert not box.isEnabled() and not plan.editor.apply_button.isEnabled()
    before = dict(project.tables["households"])
    assert not plan.editor.set_tag(box.text()) and not plan.editor.apply()  # nothing to edit: no KeyError
    assert project.tables["households"] == before
    office.undo_actions.redo.trigger()  # back again: its plan too
    assert plan.title.text() == "测试小区 70号楼" and len(plan.canvas.layout_.cells) == 12


def test_a_read_only_project_shows_households_and_refuses_edits_in_words(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "small.gpkg"
    Project.create(path, epsg=4547, tables=small_tables(), meta={"title": "测试"}, moment=MOMENT).close()
    window = shown_window(qtbot, Project.open(path, read_only=True))
    try:
        plan = _plan(window, BUILDING)
        assert len(_choose_all(plan)) == 12
        editor = plan.editor
        assert editor.heading.text().startswith(editor.tr("%1 rooms: %2").replace("%1", "12").split("%2")[0])
        assert "1单元101" in editor.heading.text() and "2单元101" in editor.heading.text()  # not "101、…、101"
        assert editor.read_only_note.isVisible() and editor.read_only_note.text() == editor.tr(
            "The project is open read-only: the households can be looked at, not changed.")
        assert not any(w.isEnabled() for w in (editor.apply_button, editor.note, editor.occupancy,
                                               *editor.tags.values()))
        assert not plan.link_button.isEnabled()
        said = []
        monkeypatch.setattr(QMessageBox, "information", lambda *args: said.append(args[2]))
        assert window.staff_actions.link_households(sorted(plan.canvas.selected_households())) is None
        assert said == [window.staff_actions.tr("The project is open read-only: party members cannot be linked "
                                                "here.")]
    finally:
        window.close()


def test_a_tag_refused_by_the_file_goes_back_and_says_why_in_chinese(office, qtbot, immutable, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: QMessageBox.StandardButton.Ok)  # the window's own note
    project = office.project
    plan = _plan(office, BUILDING)
    ids = _choose_all(plan)
    tag = next(t.name for t in project.tag_defs if not any(t.name in project.tables["households"][h].tags
                                                            for h in ids))
    box = plan.editor.tags[tag]
    immutable(project.path)  # the file cannot be written any more (chattr +i)
    immutable(project.path.parent)
    box.click()
    assert not any(tag in project.tables["households"][h].tags for h in ids)
    assert box.checkState() == Qt.CheckState.Unchecked  # what the households have, not what was clicked
    message = plan.editor.message.text()
    assert message and str(project.path) in message and "saved" not in message  # the window's words, not English


def test_a_pasted_control_character_in_a_note_is_dropped_not_refused_in_english(office):
    project = office.project
    plan = _plan(office, BUILDING)
    ids = _choose_all(plan)
    plan.editor.note.setText("门口\x07有\x1b电动车")
    assert plan.editor.apply(), plan.editor.message.text()
    assert {project.tables["households"][h].note for h in ids} == {"门口 有 电动车"}


# -- the 党员联户 picker -----------------------------------------------------------------

def _picker(window, qtbot):
    plan = _plan(window, BUILDING)
    _choose_all(plan)
    plan.link_button.click()
    picker = window.staff_actions.picker
    qtbot.waitExposed(picker)
    return picker


def test_the_picker_opens_over_the_plan_window_it_was_asked_from(office, qtbot):
    picker = _picker(office, qtbot)
    assert picker.parentWidget() is office.plan_window and picker.isModal()


def test_the_picker_closes_with_its_project_and_never_links_in_the_next_one(office, qtbot, tmp_path):
    other = tmp_path / "other.gpkg"
    shutil.copyfile(office.project.path, other)
    picker = _picker(office, qtbot)
    picker.choose(picker.chosen())
    office.set_project(Project.open(other))  # File ▸ Open while the picker waits for its Link
    assert not picker.isVisible()
    links = dict(office.project.tables["party_links"])
    picker.accept()  # a late click cannot reach the new project
    assert office.project.tables["party_links"] == links and office.project.path == other


def test_a_member_removed_while_the_picker_is_open_is_said_in_words(office, qtbot):
    project = office.project
    project.undo_stack.push(_AddPeople([Staff(90, "钱多", "13700001111", frozenset({"联户党员"}), 2, False)]))
    picker = _picker(office, qtbot)
    picker.search.setText("钱多")
    member = picker.chosen()
    picker.choose(member)
    assert picker.confirm_button.isEnabled()
    project.undo_stack.push(RemoveStaff([member.staff_id]))  # a file reload, a roster import meanwhile
    picker.confirm_button.click()
    assert not any(link.staff_id == member.staff_id for link in project.tables["party_links"].values())
    assert office.statusBar().currentMessage() == office.staff_actions.tr(
        "Not done: the rooms or the party member were removed meanwhile")


def test_a_name_holding_markup_or_500_characters_is_shown_as_typed_and_short(office, qtbot):
    project = office.project
    markup, long_name = "<h1>大字</h1>", "王" * 500
    tables = project.tables["staff"]
    project.undo_stack.push(_AddPeople([Staff(90, markup, "13900000090", frozenset({"联户党员"}), 2, False),
                                        Staff(91, long_name, "13900000091", frozenset({"联户党员"}), 2, False)]))
    assert {90, 91} <= set(tables)
    picker = _picker(office, qtbot)
    picker.search.setText("大字")
    picker.choose(picker.chosen())
    labels = [label for label in picker.findChildren(QLabel) if label.text()]
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    assert markup in picker.statement.text()  # literally, never as a heading in red
    one_line = picker.statement.fontMetrics().height()
    assert picker.statement.sizeHint().height() < 8 * one_line
    picker.back()
    picker.search.setText("王王王")
    picker.choose(picker.chosen())
    assert long_name not in picker.statement.text() and "王" * 23 + "…" in picker.statement.text()
    assert picker.statement.sizeHint().height() < 8 * one_line
    item = next(i for i in picker.member_items() if i.data(0, Qt.ItemDataRole.UserRole).staff_id == 91)
    assert item.toolTip(0) == long_name  # whole where asked for


class _AddPeople(Command):
    label = "Add staff member"

    def __init__(self, people: list[Staff]) -> None:
        super().__init__()
        self.people = people

    def build(self, project: Project) -> tuple[RowChange, ...]:
        return tuple(RowChange("staff", None, person) for person in self.people)


# -- search ----------------------------------------------------------------------------------

def test_search_answers_at_once_on_text_built_to_backtrack(project):
    for text in ("1" + " " * 60 + "1" + " " * 60 + "x", "1-" + "1" * 20000 + "x", "x" * 32767, ".*", "([", "\\"):
        started = time.perf_counter()
        assert search(project, text) == []
        assert time.perf_counter() - started < 0.5, repr(text[:12])
    assert search(project, "") == search(project, "   ") == []
    for address in ("1-1-101", "1 号楼 1 单元 101", "1号楼   1单元  101室", "测试社区   1-1-101"):
        assert [(h.kind, h.title) for h in search(project, address)] == [("household", "1号楼1单元101")], address


# -- the Problems dock --------------------------------------------------------------------

def test_a_problem_row_whose_building_was_removed_neither_selects_it_nor_fails(office, qtbot):
    project, problems = office.project, office.problems
    project.undo_stack.push(AddBuildingLike(BUILDING, 70))
    problems.check()
    row = next(k for k, p in enumerate(problems.problems) if p.buildings == (70,))
    menu = problems.row_menu(problems.list.topLevelItem(row))
    office.undo_actions.undo.trigger()  # 70号楼 goes; the list is checked again a moment later
    actions = {a.text(): a for a in menu.actions() if a.text()}
    actions[problems.tr("Select")].trigger()
    assert office.selection.item is None  # nothing that is not there
    assert not any(p.buildings == (70,) for p in problems.problems)  # checked again at once
    problems.check()  # the re-check ran while the menu was open: its rows are new
    for action in actions.values():
        action.trigger()  # each does what it can with the row it was made for: no deleted row touched
    assert "70号楼" in QApplication.clipboard().text()  # the row the menu was opened on, as it was


# -- the saved-file note ----------------------------------------------------------------------

def test_open_folder_after_the_folder_was_deleted_says_so(qtbot, tmp_path, monkeypatch):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    folder = tmp_path / "charts"
    folder.mkdir()
    files = [folder / f"图{k}.pdf" for k in range(500)]
    for f in files:
        f.write_bytes(b"%PDF-1.4\n%%EOF\n")
    note = OutputSaved(files)
    qtbot.addWidget(note)
    assert note.text().count("\n") < 16 and "492" in note.text()  # 500 files: the first few, then a count
    shutil.rmtree(folder)
    note.open_folder_button.click()
    assert opened == [] and warned == [note.tr("%1 no longer exists: it was moved or deleted since it was "
                                               "saved.").replace("%1", str(folder))]
    one = tmp_path / "地图.pdf"
    one.write_bytes(b"%PDF-1.4\n%%EOF\n")
    single = OutputSaved([one])
    qtbot.addWidget(single)
    one.unlink()
    single.open_file_button.click()
    assert opened == [] and len(warned) == 2 and str(one) in warned[1]


# -- quitting while a print run goes on -------------------------------------------------------

QUIT_WHILE_PRINTING = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from gridmap_command import main

    app = QApplication(["gridmap"])
    out = sys.argv[2]

    def print_then_quit():
        window = next((w for w in app.topLevelWidgets() if w.objectName() == "mainWindow" and w.isVisible()), None)
        if window is None:
            QTimer.singleShot(100, print_then_quit)
            return
        dialog = window.print_actions.open_dialog(show=False)
        dialog.show()
        dialog.every.setChecked(True)
        dialog.folder.setText(out)
        dialog.png.setChecked(True)
        worker = dialog.save_pdf()
        # quit once the first compound is written, while the second is being drawn (a compound with its
        # PNGs takes half a second here, longer on a slower machine)
        worker.progressed.connect(
            lambda done, total, name: done == 1 and QTimer.singleShot(150, window.file_actions.quit.trigger))

    QTimer.singleShot(0, print_then_quit)
    sys.exit(main([sys.argv[1]]))
""")


@pytest.mark.slow
def test_quitting_while_printing_ends_the_process_with_whole_files_only(demo_copy, tmp_path):
    out = tmp_path / "charts"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GRIDMAP_CONFIG_DIR=str(tmp_path / "config"))
    try:
        done = subprocess.run([sys.executable, "-c", QUIT_WHILE_PRINTING, str(demo_copy), str(out)], env=env,
                              capture_output=True, text=True, timeout=180, cwd=Path(__file__).parent.parent)
    except subprocess.TimeoutExpired as expired:
        pytest.fail(f"gridmap still runs 180 s after File ▸ Quit during a print run: {expired.stderr}")
    assert done.returncode == 0, done.stderr  # not aborted by a thread still running
    assert "QThread: Destroyed" not in done.stderr
    names = sorted(p.name for p in out.iterdir())
    assert not [n for n in names if n.startswith(".") or ".part" in n]  # no half-written file
    pdfs = [n for n in names if n.endswith(".pdf")]
    assert pdfs and len(names) == 4 * len(pdfs)  # each compound whole: its PDF and its three PNGs


# -- numbers on bars ---------------------------------------------------------------------------

def test_bars_of_a_closed_project_leave_no_names_on_the_axis(office):
    stats = office.stats
    stats.show_zone(3)
    axis = stats.chart.getAxis("left")
    assert stats.value_bars.names and any(level for level in axis._tickLevels)
    stats.set_project(None)  # the project is closed (File ▸ Open of another that fails to open, a reload)
    assert stats.value_bars.names == [] and not any(level for level in axis._tickLevels)
    stats.chart.resize(stats.chart.width() + 40, stats.chart.height())  # a resize lays the bars out again
    QApplication.processEvents()
    assert not any(level for level in axis._tickLevels)


def test_a_read_only_project_offers_no_quick_fix_to_click(qtbot, tmp_path):
    from tests.test_rules import NO_BANDS, NO_STAFFING, _four_problems

    path = tmp_path / "broken.gpkg"
    Project.create(path, epsg=4547, tables=_four_problems(), moment=MOMENT,
                   meta={"title": "坏", "rules": NO_BANDS.to_meta(), "staffing": NO_STAFFING}).close()
    window = shown_window(qtbot, Project.open(path, read_only=True))
    try:
        problems = window.problems
        row = next(k for k, p in enumerate(problems.problems) if fixes_for(p, window.project))
        item = problems.list.topLevelItem(row)
        problems.list.setCurrentItem(item)
        assert not problems.fix_button.isEnabled()
        fix_actions = problems.row_menu(item).actions()[4:]  # after Zoom To, Select, Copy and the separator
        assert fix_actions and not any(action.isEnabled() for action in fix_actions)
    finally:
        window.close()
