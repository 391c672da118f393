"""The window and the project file: a project another program holds opens
read-only once the user agrees; a change another program makes is noticed
and reloaded (or the edit refused until it is); a deleted file can be saved
from what the window shows; a file with foreign triggers is repaired on request."""

import os
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gridmap.commands.households import EditHouseholds
from gridmap.errors import ProjectWriteError
from gridmap.project import Project

ROOT = Path(__file__).resolve().parents[1]
HOLD = textwrap.dedent("""
    import sys
    from gridmap.project import Project
    from gridmap.storage.lock import describe_process

    describe_process("command", "import")
    project = Project.open(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.readline()
    project.close()
""")


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _write_behind_its_back(path: Path, note: str) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE households SET note = ? WHERE id = 1", (note,))
        conn.commit()


def _click(box: QMessageBox, text: str) -> None:
    button = next(b for b in box.buttons() if b.text() == text)
    button.click()


@pytest.fixture
def answer(monkeypatch):
    """Answer the next modal question (QMessageBox.exec) with the button of this text."""
    asked = []

    def set_answer(text: str) -> list:
        def exec_(box):
            asked.append(box.text())
            _click(box, text)
            return 0

        monkeypatch.setattr(QMessageBox, "exec", exec_)
        return asked

    return set_answer


@pytest.fixture
def held(request):
    """The path held open for editing by another process (a gridmap command)."""
    processes = []

    def hold(path: Path) -> subprocess.Popen:
        process = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert process.stdout.readline().strip() == "ready"
        processes.append(process)
        return process

    yield hold
    for process in processes:
        process.communicate("\n", timeout=60)


def test_reload_is_in_the_file_menu_on_f5(window):
    assert window.file_actions.reload.shortcut() == QKeySequence(QKeySequence.StandardKey.Refresh)
    assert window.file_actions.reload in window.file_menu.actions()


def test_a_change_by_another_program_is_offered_for_reload(window, qtbot):
    path = window.project.path
    _write_behind_its_back(path, "改过了")
    window.file_watch.check()
    box = window.file_watch.box
    assert box is not None and box.isVisible()
    assert _tr("FileWatch", "Another program has changed the project file since it was opened here.") in box.text()
    view = window.canvas.view.extent
    _click(box, _tr("FileWatch", "Reload"))
    assert window.file_watch.box is None
    assert window.project.tables["households"][1].note == "改过了"
    assert window.canvas.view.extent == pytest.approx(view)  # the map stays where it was
    window.project.undo_stack.push(EditHouseholds([1], note="我的"))  # and editing goes on
    assert Project.open(path, read_only=True).tables["households"][1].note == "我的"


def test_an_edit_after_not_now_is_refused_and_asks_again(window, qtbot):
    _write_behind_its_back(window.project.path, "theirs")
    window.file_watch.check()
    _click(window.file_watch.box, _tr("FileWatch", "Not Now"))
    window.file_watch.check()
    assert window.file_watch.box is None  # not asked again every two seconds
    with pytest.raises(ProjectWriteError):
        window.project.undo_stack.push(EditHouseholds([2], note="mine"))
    box = window.file_watch.box
    assert box is not None and _tr("FileWatch", "Your last change was not saved.") in box.text()
    _click(box, _tr("FileWatch", "Reload"))
    assert window.project.tables["households"][1].note == "theirs"


def test_a_deleted_file_can_be_saved_from_the_window(window, tmp_path, monkeypatch):
    rescue = tmp_path / "rescue.gpkg"
    os.remove(window.project.path)
    window.file_watch.check()
    box = window.file_watch.box
    assert _tr("FileWatch", "The project file has been deleted or moved while it was open here.") in box.text()
    assert not [b for b in box.buttons() if b.text() == _tr("FileWatch", "Reload")]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(rescue), ""))
    _click(box, _tr("FileWatch", "Save As…"))
    assert window.project.path == rescue and not window.project.read_only
    assert len(Project.open(rescue, read_only=True).tables["households"]) == 11506


@pytest.mark.slow
def test_a_project_held_by_another_program_opens_read_only_once_agreed(window, demo_file, tmp_path, held, answer,
                                                                        monkeypatch):
    other = tmp_path / "other.gpkg"
    other.write_bytes(demo_file.read_bytes())
    process = held(other)
    asked = answer(_tr("ProjectFiles", "Open Read-Only"))
    assert window.open_path(other)
    assert f"process {process.pid}" in asked[0] or str(process.pid) in asked[0]
    assert window.project.read_only and _tr("MainWindow", "(read-only)") in window.windowTitle()
    assert window.read_only_badge.isVisible()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    with pytest.raises(ProjectWriteError):
        window.project.undo_stack.push(EditHouseholds([1], note="x"))
    assert warnings and _tr("ProjectFile", "The project is open read-only.") in warnings[0]
    _write_behind_its_back(other, "刚改")  # the holder's commit: a read-only view just reloads
    window.file_watch.check()
    assert window.project.tables["households"][1].note == "刚改" and window.project.read_only


def test_cancel_keeps_the_current_project(window, demo_file, tmp_path, held, answer):
    other = tmp_path / "other.gpkg"
    other.write_bytes(demo_file.read_bytes())
    held(other)
    current = window.project
    answer(_standard_text(QMessageBox.StandardButton.Cancel))
    assert not window.open_path(other)
    assert window.project is current


def _standard_text(button: QMessageBox.StandardButton) -> str:
    """The label Qt gives a standard button in the language in use."""
    box = QMessageBox()
    text = box.addButton(button).text()
    box.deleteLater()
    return text


def test_foreign_triggers_are_removed_when_the_user_says_so(window, tmp_path, demo_file, answer):
    other = tmp_path / "trap.gpkg"
    other.write_bytes(demo_file.read_bytes())
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TRIGGER trap AFTER UPDATE ON households BEGIN DELETE FROM residents; END")
        conn.commit()
    answer(_tr("ProjectFiles", "Remove Them and Edit"))
    assert window.open_path(other)
    assert not window.project.read_only and not window.project.store.foreign_objects
    residents = len(window.project.tables["residents"])
    window.project.undo_stack.push(EditHouseholds([1], note="安全"))
    assert len(Project.open(other, read_only=True).tables["residents"]) == residents


def test_values_repaired_on_opening_are_listed_once(window, tmp_path, demo_file, answer):
    other = tmp_path / "odd.gpkg"
    other.write_bytes(demo_file.read_bytes())
    with closing(sqlite3.connect(other)) as conn:  # what another program may have stored
        conn.execute("UPDATE households SET last_checked = 'last Tuesday' WHERE id = 7")
        conn.commit()
    asked = answer(_standard_text(QMessageBox.StandardButton.Ok))
    assert window.open_path(other)
    assert len(asked) == 1 and "1" in asked[0] and window.project.tables["households"][7].last_checked is None
    window.reload_project()  # a reload does not ask again
    assert len(asked) == 1


def test_a_view_whose_file_became_unreadable_says_so_once(window, demo_file, tmp_path, monkeypatch):
    other = tmp_path / "view.gpkg"
    other.write_bytes(demo_file.read_bytes())
    window.set_project(Project.open(other, read_only=True))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    junk = tmp_path / "junk.txt"
    junk.write_text("不是项目\n", encoding="utf-8")
    os.replace(junk, other)
    for _ in range(3):  # three polls: six seconds
        window.file_watch.check()
    assert len(warnings) == 1 and window.project.read_only  # the last good view stays
    other.write_bytes(demo_file.read_bytes())  # put right again: the next poll reloads it
    window.file_watch.check()
    assert len(warnings) == 1 and window.project.store.external_change() is None


def test_save_as_onto_the_same_name_after_the_file_was_deleted_puts_it_back(window, monkeypatch):
    path = window.project.path
    window.project.undo_stack.push(EditHouseholds([1], note="救回"))
    os.remove(path)
    window.file_watch.check()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    _click(window.file_watch.box, _tr("FileWatch", "Save As…"))
    assert path.exists() and Project.open(path, read_only=True).tables["households"][1].note == "救回"
